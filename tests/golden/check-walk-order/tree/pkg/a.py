print "a"
import requests
