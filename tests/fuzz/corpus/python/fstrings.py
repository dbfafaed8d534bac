x = 1
width = 10
a = f"import not_in_fstring {x}"
b = f"{x:{width}} import nope {{import braces}}"
c = f'{x!r:>10} {"nested" + "quotes"}'
d = F"{f'{x}' + f'{__import__(chr(113))}' if False else ''}"
e = f"""
import not_in_triple_fstring {
    x
}
"""
g = rf"\{x} import nope {x!s}"
h = f"{__import__('dyn_in_fstring')}"
i = f"{'{'}" f"{'}'}" "import nope"
j = f"{x:=^10}"
k = f"{x=}"
l = fr'{"import"}'
m = f"{ {'a': 1}['a'] }"
n = f"{(lambda: __import__('in_fstring_lambda'))}"
import after_fstrings
