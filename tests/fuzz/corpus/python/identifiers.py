important = 1
imports = [important]
importlib_like = "x"
class Importer:
    def import_module(self, name):
        return name
    def __import__(self):
        pass
obj = Importer()
obj.import_module("not_dynamic")
obj.__import__()
x = obj.importlib.import_module("not_dynamic_either")
def import_module(name):
    return name
from_ = 1
fromage = from_
y = 1if fromage else 2
z = 0x1f + 1e-5 + 1_000j + .5 + 0o17 + 0b1
