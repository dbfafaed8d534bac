from . import sub
from .sub import thing
