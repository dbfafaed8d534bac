"""Module docstring mentioning
import not_a_module
from nowhere import nothing
"""
import real_one

s1 = "import in_double_quotes"
s2 = 'from in_single import quotes'
s3 = """
import in_triple_double
"""
s4 = '''
from in_triple_single import x
'''
b1 = b"import in_bytes"
b2 = rb'import in_raw_bytes\' import still_in_raw_bytes'
r1 = r"import in_raw \" still_raw"
u1 = U"import in_upper_u"
p1 = Rb"import" BR"import" Br"x" rB'y'
q1 = "a \
import continued_string"
esc = "\"import escaped\" \\"; import after_escaped_backslash
# import in_comment
x = 1  # from in_trailing_comment import y
tq = """ "" ' '' \""" \\""" ; import after_tricky_triple


def f():
    """Docstring.

    import in_function_docstring
    """
    import inside_function_after_docstring


class C:
    '''import in_class_docstring'''
    s = "import \
    in_continued"
    import inside_class
