print "e"
import json
