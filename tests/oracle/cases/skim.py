# Lines the scanner skims (no import in them) between lines it reads in
# full: every import below must keep its line and its context.
""""""\
""
import os
x = 1 \
    + 2
import sys
y = rb"\"" + Rb'(' + u"[" + r'{' + b"""
)""" + 0.5 + 1_000 + 3.25 + 0
import json
def f(a: int = (
        1, 2,
        3),
      b=[{"k": (1, 2)}]) -> dict:  # a comment: with a colon
    z = {1: 2, 3: [4, 5]}
    if (n := len(z)) > 1 and \
            n < 10:
        import csv
    for i in range(3): pass
    while n:
        n -= 1
        import glob
    return z
class C(dict, metaclass=type):
    attr: int = 5
    def m(self, *args, **kw): return [a for a in args if a]
    import enum
try:
    v = f"{x}" ; w = 2
    import zlib
except (OSError,
        ValueError):
    pass
else:
    import gzip
finally:
    q = lambda: 0
with open(__file__) as fh, \
        open(__file__) as fh2:
    import bz2
if x <= y or x >= y or x != y:
    import lzma
raise_ = 0x1f + 0o7 + 0b1 + 1e3 + 2j
print(raise_, x, y)
import zipfile
