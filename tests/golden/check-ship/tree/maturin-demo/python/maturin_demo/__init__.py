from ._native import fast
import numpy
