import pyperf
