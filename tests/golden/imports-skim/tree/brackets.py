import os
y = (1,
     2]
import sys
