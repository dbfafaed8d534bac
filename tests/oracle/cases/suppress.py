import contextlib
from contextlib import suppress

with contextlib.suppress(ImportError):
    import a_guarded

with suppress(ModuleNotFoundError, KeyError) as s:
    import b_guarded

with suppress((ValueError, ImportError)):
    import c_guarded

with suppress(KeyError):
    import d_conditional

with suppress():
    import e_conditional

with open("x") as f, suppress(builtins.ImportError):
    import f_guarded

with other.suppress(ImportError):
    import g_conditional

with suppress(
    ImportError,
):
    import h_guarded


def f():
    with suppress(ImportError):
        import i_function_guarded
    with suppress(OSError):
        import j_function_local


async def g():
    async with contextlib.suppress(ImportError):
        import k_async
