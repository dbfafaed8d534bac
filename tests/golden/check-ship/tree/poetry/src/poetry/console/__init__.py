import cleo
from poetry.core.packages import Package
from poetry.console import x
