import typing
import typing as t
from typing import TYPE_CHECKING

try:
    import guarded
except ImportError:
    guarded = None

try:
    import mod_not_found
except (KeyError, ModuleNotFoundError) as exc:
    pass

try:
    import builtins_guard
except builtins.ImportError:
    pass

try:
    import bare_guard
except:
    pass

try:
    import exception_guard
except Exception:
    pass

try:
    import not_guarded
except KeyError:
    pass
except ValueError:
    import in_handler
else:
    import in_try_else
finally:
    import in_finally

try:
    import star_guard
except* ImportError:
    pass

try:
    try:
        import nested_inner
    except KeyError:
        pass
except ImportError:
    pass

try:
    def lazy():
        import fn_in_try
    class InTry:
        import class_in_try
except ImportError:
    pass

if TYPE_CHECKING:
    import tc_plain
elif t.TYPE_CHECKING:
    import tc_elif
else:
    import tc_else

if typing.TYPE_CHECKING:
    import tc_typing
if (TYPE_CHECKING):
    import tc_paren
if not TYPE_CHECKING:
    import not_tc
if TYPE_CHECKING and True:
    import tc_and

import sys
if sys.platform == "win32":
    import winreg_like
while False:
    import in_while
else:
    import in_while_else
for _ in ():
    import in_for
else:
    import in_for_else
with open(__file__) as fh:
    import in_with
async def coro():
    async with x:
        import in_async_with
    async for y in z:
        import in_async_for


def outer():
    if True:
        import fn_if_not_conditional
    try:
        import fn_try
    except ImportError:
        pass

    def inner():
        import nested_fn

    class Local:
        import class_in_fn

        def method(self):
            import method_in_local_class
    return inner, Local


class Outer:
    import in_class

    class Inner:
        import in_inner_class

    def method(self):
        import in_method
        if TYPE_CHECKING:
            import tc_in_method

    @staticmethod
    def static():
        import in_static
    if True:
        import class_conditional


if True:
    class CondClass:
        import cond_class_body
        def m(self):
            import cond_class_method
