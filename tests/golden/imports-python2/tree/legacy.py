import os
print "hello"
import after_print
try:
    import json
except ImportError, e:
    import simplejson as json
x = `1`
