print "c"
import sys
