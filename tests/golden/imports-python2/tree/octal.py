import os
mode = 0777
import after_octal
