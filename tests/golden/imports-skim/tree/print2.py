import os
print "x"
import sys
