from . import core
import yaml
