import crlf_one
if True:
    import crlf_two
s = """
import not_crlf
"""
import crlf_three
