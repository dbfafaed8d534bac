print "c"
import yaml
