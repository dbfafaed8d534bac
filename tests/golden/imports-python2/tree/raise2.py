import os
raise ValueError, "old"
import after_raise
