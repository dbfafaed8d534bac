import os
for lambda :
    pass
import sys
