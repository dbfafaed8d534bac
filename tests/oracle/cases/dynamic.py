import importlib
from importlib import import_module
importlib.import_module("dyn.plain")
importlib.__import__("dyn.dunder_importlib")
__import__("dyn.dunder")
import_module("dyn.bare")
importlib.import_module(".rel", "pkg.sub")
importlib.import_module("..rel2", package="pkg.sub.leaf")
importlib.import_module(".rel_no_pkg")
importlib.import_module("...too_far", "pkg")
importlib.import_module(".", "pkg.only")
import_module(".x", __name__)
__import__("con" "cat")
__import__(("paren"))
__import__(b"bytes_not")
__import__(f"fstring_not")
__import__("a" if True else "b")
__import__("a" + "b")
__import__(name="kw_name")
__import__("esc\x61ped")
__import__(u"uprefix")
importlib.import_module(
    "multi.line",
)
x = [__import__("in_list"), {"k": importlib.import_module("in_dict")}]
f = lambda: __import__("in_lambda")
g = lambda m=__import__("lambda_default"): m
h = lambda: lambda: import_module("nested_lambda")
d = {"a": lambda: 1, "b": __import__("after_lambda_in_dict")}
k = [lambda: __import__("lam_comp") for _ in ()]
if __import__("in_if_test"):
    pass
elif __import__("in_elif_test"):
    pass
def deco(fn):
    return fn
@deco(__import__("in_decorator"))
def with_default(x=__import__("in_default")) -> __import__("in_annotation"):
    return __import__("in_body")
class Base(__import__("in_bases").Base if False else object):
    attr = __import__("in_class_body")
