import a, \
    b
from \
    . import x
from \
. \
import y
from pkg import (
    one,  # a comment
    two as deux,
    # another comment
    three,
)
from pkg2 import (four)
import os; import sys; from json import loads
x = 1; import after_semicolon
if x: import single_line_if; import second_on_line
else: import single_line_else
while False: import single_line_while
for _ in (): import single_line_for
try: import single_line_try
except ImportError: import single_line_except
def f(): import single_line_def
class K: import single_line_class
import  spaced  .  dotted  .  name  as  alias
from.x import y
from .import z
from ..import zz
from ...a import b
from ....a.b import c
from . import (d,)
from .. a import e
from ... import f
from pkg import *
from .pkg import *
