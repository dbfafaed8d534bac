def f():
    import upath
    return upath
