import os
raise E, "x"
import sys
