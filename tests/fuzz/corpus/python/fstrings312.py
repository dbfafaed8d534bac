# oracle: python>=3.12
x = {"a": 1}
y = f"{x["a"]} import nope"
z = f"{f"{f"{x["a"]}"}"}"
w = f"{'\n'.join(['a', 'b'])}"
v = f"""{
    x["a"]  # a comment inside a replacement field
}"""
u = f"{__import__("dyn_nested_quotes")}"
t = f'{"\'"}'
d = F"{f'{x}' + f'{__import__("q")}' if False else ''}"
import after_nested_fstrings
