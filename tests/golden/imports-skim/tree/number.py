import os
x = 0777
import sys
