import café_utf8
from élève import x
