import os
z = 'abc
import sys
