print "a"
import os
