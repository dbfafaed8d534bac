import contextlib

# an error: unconditional, as the package loads
import click

# with suppress(ImportError): a guard like a try
with contextlib.suppress(ImportError):
    import docutils.frontend

# a with that suppresses something else guards nothing
with contextlib.suppress(KeyError):
    import lxml.etree
