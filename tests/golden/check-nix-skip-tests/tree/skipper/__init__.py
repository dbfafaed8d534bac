import pkg_resources  # at run time the implied setuptools is not there
import six
