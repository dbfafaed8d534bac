try:
    import yaml  # the package treats PyYAML as optional here ...
except ImportError:
    yaml = None
