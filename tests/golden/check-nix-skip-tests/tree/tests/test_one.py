import hypothesis  # only one test of the file is deselected


def test_only_this():
    pass
