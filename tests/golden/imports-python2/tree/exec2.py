exec "x = 1"
from a import b
