1__j0l = 1
import os
