from yaml.error import YAMLError
import yaml.constructor
