import six
import attr
