import requests


def render(notebook):
    if notebook:
        # only inside a function and under a condition: a warning
        from IPython.display import display
        display()
    try:
        get_ipython()
    except NameError:
        return None
    else:
        from IPython.core.formatters import BaseFormatter
        return BaseFormatter
