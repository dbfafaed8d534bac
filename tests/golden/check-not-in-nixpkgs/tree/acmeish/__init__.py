import treq
import twisted
import txacme  # no nixpkgs attribute
