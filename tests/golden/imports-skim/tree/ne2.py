import os
if 1 <> 2:
    pass
import sys
