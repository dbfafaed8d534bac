def to_yaml(data):
    import yaml  # ... so this function is an optional feature too

    return yaml.safe_dump(data)
