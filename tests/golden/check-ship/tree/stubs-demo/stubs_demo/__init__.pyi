import numpy
import pandas
