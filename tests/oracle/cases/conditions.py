# Static conditions, evaluated for the target (CPython 3.12 on Linux by
# default): each import's name says what it is under.
import os
import platform
import sys
import sys as _sys
from os import name as os_name
from platform import system as system_fn
from sys import implementation as impl
from sys import platform as sys_platform
from sys import version_info
from sys import version_info as V

PY38 = sys.version_info >= (3, 8)
PY311 = sys.version_info >= (3, 11)
PY314 = sys.version_info >= (3, 14)
IS_PY2 = sys.version_info[0] == 2
WINDOWS = os.name == "nt"
LINUX = sys.platform.startswith("linux")
NOT_PY311 = not PY311
UNDECIDED = sys.version_info >= (3, 11) and os.environ.get("X")
MAJOR = sys.version_info.major
PLATFORM = sys.platform
A = B = sys.version_info >= (3, 8)
C: bool = sys.version_info >= (3, 8)

if sys.version_info < (3, 11):
    import tomli as toml_lt_311
else:
    import tomllib as toml_else_of_lt_311

if sys.version_info <= (3, 7):
    import le_37
if sys.version_info > (3, 7):
    import gt_37
if sys.version_info == (3, 12):
    import eq_full_tuple
if sys.version_info != (3, 12):
    import ne_full_tuple
if sys.version_info >= (3, 12, 1):
    import micro_undecided
if sys.version_info >= (3,):
    import ge_3
if sys.version_info[0] == 3:
    import index_0
if sys.version_info[1] >= 10:
    import index_1_ge_10
if sys.version_info[2] >= 0:
    import index_2_undecided
if sys.version_info[:2] >= (3, 8):
    import slice_ge_38
if sys.version_info[:2] == (3, 12):
    import slice_eq_312
if sys.version_info[:1] == (3,):
    import slice_1
if sys.version_info[:3] < (3, 12, 5):
    import slice_3_undecided
if sys.version_info[0:2] >= (3, 8):
    import slice_from_0_undecided
if sys.version_info.major == 3:
    import major_3
if sys.version_info.minor < 9:
    import minor_lt_9
if (3, 8) <= sys.version_info < (3, 13):
    import chain
if 3 == sys.version_info[0]:
    import reversed_operands
if sys.version_info >= (3, 8) == True:
    import chain_undecided

if sys.platform == "linux":
    import platform_linux
if sys.platform != "win32":
    import platform_not_win32
if sys.platform == "darwin":
    import platform_darwin
elif sys.platform.startswith("win"):
    import platform_startswith_win
elif sys.platform.startswith(("linux", "freebsd")):
    import platform_startswith_tuple
else:
    import platform_else_after_true
if sys.platform in ("win32", "cygwin"):
    import platform_in_tuple
if sys.platform not in ["darwin"]:
    import platform_not_in_list
if "linux" == sys.platform:
    import platform_reversed
if sys.platform.startswith("lin", 0):
    import startswith_two_args_undecided
if os.name == "nt":
    import os_name_nt
if os.name == "posix":
    import os_name_posix
if platform.system() == "Windows":
    import system_windows
elif platform.system() == "Linux":
    import system_linux
if sys.implementation.name == "cpython":
    import impl_cpython
if sys.implementation.name == "pypy":
    import impl_pypy

if sys.version_info >= (3, 8) and sys.platform == "linux":
    import and_true
if sys.version_info >= (3, 8) and sys.platform == "win32":
    import and_false
if sys.version_info < (3, 8) or os.name == "posix":
    import or_true
if not (sys.version_info >= (3, 8) and WINDOWS):
    import not_parens
if not not PY311:
    import not_not
if undecided_name or PY311:
    import undecided_or_true
if undecided_name and PY311:
    import undecided_and_true
if undecided_name and IS_PY2:
    import undecided_and_false
if ((sys.version_info >= (3, 8))):
    import many_parens
if (sys.version_info) >= ((3), 8):
    import parenthesized_operands

if PY311:
    import const_py311
if not PY311:
    import const_not_py311
if PY314:
    import const_py314
if IS_PY2:
    import const_is_py2
if WINDOWS:
    import const_windows
if LINUX:
    import const_linux
if NOT_PY311:
    import const_of_const
if UNDECIDED:
    import const_undecided
if MAJOR == 3:
    import const_int
if PLATFORM == "linux":
    import const_str
if A:
    import chained_assignment_undecided
if C:
    import annotated_undecided

if _sys.version_info >= (3, 8):
    import alias_sys
if version_info >= (3, 8):
    import from_sys_version_info
if V[:2] < (3, 8):
    import alias_version_info
if sys_platform == "linux":
    import from_sys_platform
if os_name == "nt":
    import from_os_name
if system_fn() == "Linux":
    import from_platform_system
if impl.name == "cpython":
    import from_sys_implementation

if PY311:
    import chain_first_true
elif undecided_name:
    import chain_after_true
else:
    import chain_else_after_true
if undecided_name:
    import chain_first_undecided
elif PY311:
    import chain_true_after_undecided
elif IS_PY2:
    import chain_false_after_undecided
else:
    import chain_else_after_undecided
if IS_PY2:
    import chain_first_false
elif WINDOWS:
    import chain_second_false
elif __import__("dyn_in_elif_header"):
    import chain_third_undecided
else:
    import chain_else_after_false
if IS_PY2:
    pass
else:
    if PY311:
        import else_then_if
    else:
        import else_then_else

if PY311: import one_line_true
if IS_PY2: import one_line_false
else: import one_line_else

if (sys.version_info
        >= (3, 8)):
    import header_on_two_lines
if sys.version_info >= (3, 8) \
        and LINUX:
    import header_continued


def f():
    if sys.version_info < (3, 8):
        import function_false
    else:
        import function_else_true
    if PY311:
        import function_true
    if undecided_name:
        import function_undecided

    def g():
        import function_in_function


class K:
    if WINDOWS:
        import class_false
    if LINUX:
        import class_true


if WINDOWS:
    def h():
        import function_under_false

    try:
        import try_under_false
    except ImportError:
        pass

while PY311:
    import while_stays_conditional
    break
for _ in range(1):
    import for_stays_conditional
else:
    import for_else_stays_conditional

if sys.version_info >= (3, 8) if undecided_name else False:
    import ternary_undecided
if sys.platform.upper() == "LINUX":
    import method_undecided
if sys.maxsize > 2 ** 32:
    import maxsize_undecided
if -1 < sys.version_info[0]:
    import negative_undecided
if sys.version_info >= (3, 0x8):
    import hex_undecided
if sys.version_info >= (3, 1_0):
    import underscore_undecided
if sys.platform == "lin" "ux":
    import concatenated_str
if sys.platform == b"linux":
    import bytes_undecided
if sys.platform == f"linux":
    import fstring_undecided
if sys.platform is "linux":
    import is_undecided
if (n := sys.version_info) >= (3, 8):
    import walrus_undecided
if sys.version_info >= (1, 2, 3, 4, 5, 6, 7, 8, 9):
    import long_tuple_undecided
if sys.platform in ():
    import in_empty_tuple

import sys as shadowed
shadowed = object()
if shadowed.version_info >= (3, 8):
    import shadowed_by_assignment
import os.path as os
if os.name == "posix":
    import shadowed_by_import
from os import path as system_fn
if system_fn() == "Linux":
    import shadowed_by_from_import

__import__(name="kw_dunder")
importlib.import_module(name="kw_name")
importlib.import_module(name=".kw_rel", package="kw.pkg")
importlib.import_module(package="kw.pkg2", name=".kw_rel_reordered")
importlib.import_module(".pos_rel", package="kw.pkg3")
importlib.import_module(*["star_not"])
importlib.import_module(**{"name": "double_star_not"})
importlib.import_module(x, name="positional_wins_not")
