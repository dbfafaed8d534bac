import yaml
import upath
