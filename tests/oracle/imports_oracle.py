#!/usr/bin/env python3
"""imports_oracle.py PATH... -- the imports of Python files, as CPython's
own parser (the ast module) reads them.

Prints one JSON object per import target in the format of
`depaudit imports --format jsonl`, walking each PATH the same way (sorted,
.py and .pyi, the same directories skipped, symbolic links followed except
into a loop).  A file that does not parse gives one object
{"file": ..., "error": ..., "line": ...} instead; every file that parses
ends with {"file": ..., "imports": N}.  This is the reference
the import extractor is tested against; keep its rules and the README's
description of the context flags in step.

Static conditions are evaluated for the target, CPython 3.MINOR on Linux
(--python-minor MINOR, 12 by default, as depaudit's --python 3.MINOR):
an import under a false one is "unreachable", one under a true one is
not "conditional".  What is static is described in the README.
"""
import ast
import importlib.util
import json
import os
import re
import sys

SKIP_DIRS = {".git", ".hg", ".tox", ".venv", "__pycache__", "node_modules"}
CATCHES = {"ImportError", "ModuleNotFoundError", "Exception", "BaseException"}
FLAGS = ("function", "class", "try", "type_checking", "conditional",
         "dynamic", "test", "unreachable")
DYNAMIC_FUNCS = {"__import__", "import_module"}
MAX_ELEMS = 8       # elements of a tuple a condition compares
MAX_BINDINGS = 64   # names a condition may use
TRUE, FALSE, UNKNOWN = "true", "false", "unknown"
NONE = ("none",)


def walk(root, skip=()):
    """Yield (relative path, path) of every Python file under root."""
    st = os.stat(root)
    if not os.path.isdir(root):
        yield os.path.basename(root.rstrip("/")), root
        return

    def rec(path, rel, ancestors):
        names = sorted(os.listdir(path), key=os.fsencode)
        for name in names:
            full = os.path.join(path, name)
            r = rel + "/" + name if rel else name
            try:
                s = os.stat(full)
            except OSError:
                continue
            if os.path.isdir(full):
                if (name in SKIP_DIRS or name in skip
                        or (s.st_dev, s.st_ino) in ancestors):
                    continue
                yield from rec(full, r, ancestors | {(s.st_dev, s.st_ino)})
            elif name.endswith((".py", ".pyi")) and os.path.isfile(full):
                yield r, full

    yield from rec(root, "", {(st.st_dev, st.st_ino)})


def is_test(rel):
    parts = rel.split("/")
    base = parts[-1]
    if base == "conftest.py":
        return True
    if len(base) > 8 and base.startswith("test_") and base.endswith(".py"):
        return True
    if len(base) > 8 and base.endswith("_test.py"):
        return True
    return any(p in ("test", "tests") for p in parts[:-1])


class Ctx:
    """Where a statement is; top: directly in the module."""
    __slots__ = ("flags", "tries", "in_function", "top")

    def __init__(self, flags=frozenset(), tries=(), in_function=False,
                 top=False):
        self.flags = flags
        self.tries = tries
        self.in_function = in_function
        self.top = top

    def add(self, *flags):
        return Ctx(self.flags | set(flags), self.tries, self.in_function)

    def inner(self):
        return self.add()

    def cond(self):
        return self.inner() if self.in_function else self.add("conditional")

    def branch(self, v):
        """The body of a branch taken when its test is v."""
        if v == TRUE:
            return self.inner()
        if v == FALSE:
            return self.add("unreachable")
        return self.cond()

    def function(self):
        return Ctx((self.flags - {"conditional"}) | {"function"}, (), True)

    def with_try(self, rec):
        return Ctx(self.flags, self.tries + (rec,), self.in_function)


class TryRec:
    __slots__ = ("guards",)

    def __init__(self, guards):
        self.guards = guards


def catches(t):
    if t is None:
        return True
    if isinstance(t, ast.Name):
        return t.id in CATCHES
    if isinstance(t, ast.Attribute):
        return (isinstance(t.value, ast.Name) and t.value.id == "builtins"
                and t.attr in CATCHES)
    if isinstance(t, ast.Tuple):
        return any(catches(e) for e in t.elts)
    return False


def suppresses(e):
    """with suppress(ImportError) or contextlib.suppress(...): a guard."""
    if not isinstance(e, ast.Call):
        return False
    f = e.func
    named = (isinstance(f, ast.Name) and f.id == "suppress") or (
        isinstance(f, ast.Attribute) and f.attr == "suppress"
        and isinstance(f.value, ast.Name) and f.value.id == "contextlib")
    return named and any(catches(a) for a in e.args)


def str_const(node):
    return (node if isinstance(node, ast.Constant)
            and isinstance(node.value, str) else None)


def t_not(t):
    return {TRUE: FALSE, FALSE: TRUE}.get(t, UNKNOWN)


def t_and(a, b):
    if FALSE in (a, b):
        return FALSE
    return TRUE if a == b == TRUE else UNKNOWN


def t_or(a, b):
    return t_not(t_and(t_not(a), t_not(b)))


def truth(v):
    return v[1] if v[0] == "bool" else UNKNOWN


def fact_str(s):
    return ("str", s, True)


def fact_int(n):
    return ("int", n, True)


def version_tuple(minor, length):
    """sys.version_info[:length]: (3, minor, micro, level, serial)."""
    return ("tuple", (3, minor)[:length], length, True)


def module_val(name):
    return {"sys": ("sys",), "os": ("os",),
            "platform": ("platform",)}.get(name, NONE)


def attribute(v, name, minor):
    k = v[0]
    if k == "sys":
        return {"version_info": ("version_info",),
                "platform": fact_str("linux"),
                "implementation": ("implementation",)}.get(name, NONE)
    if k == "os" and name == "name":
        return fact_str("posix")
    if k == "platform" and name == "system":
        return ("system",)
    if k == "implementation" and name == "name":
        return fact_str("cpython")
    if k == "version_info" and name == "major":
        return fact_int(3)
    if k == "version_info" and name == "minor":
        return fact_int(minor)
    if k == "str" and v[2] and name == "startswith":
        return ("startswith", v[1])
    return NONE


def elem_cmp(a, b):
    if type(a) is not type(b):
        return None
    if isinstance(a, str):
        a, b = a.encode("utf-8", "surrogatepass"), b.encode(
            "utf-8", "surrogatepass")
    return (a > b) - (a < b)


def tuple_cmp(a, b):
    """Like elem_cmp; None also when an element needed is unknown."""
    _, ka, la, _ = a
    _, kb, lb, _ = b
    for i in range(min(la, lb)):
        if i >= len(ka) or i >= len(kb):
            return None
        r = elem_cmp(ka[i], kb[i])
        if r != 0:
            return r
    return (la > lb) - (la < lb)


def compare(a, op, b, minor):
    if a[0] == "version_info":
        a = version_tuple(minor, 5)
    if b[0] == "version_info":
        b = version_tuple(minor, 5)
    fact = lambda v: v[0] in ("int", "str", "tuple") and v[-1]
    if not fact(a) and not fact(b):
        return UNKNOWN
    if isinstance(op, (ast.In, ast.NotIn)):
        if (a[0] != "str" or b[0] not in ("tuple", "list")
                or len(b[1]) != b[2]
                or not all(isinstance(e, str) for e in b[1])):
            return UNKNOWN
        found = a[1] in b[1]
        return TRUE if found == isinstance(op, ast.In) else FALSE
    if a[0] != b[0] or isinstance(op, (ast.Is, ast.IsNot)):
        return UNKNOWN
    if a[0] in ("int", "str"):
        r = elem_cmp(a[1], b[1])
    elif a[0] == "tuple":
        r = tuple_cmp(a, b)
    else:
        r = None
    if r is None:
        return UNKNOWN
    ok = {ast.Lt: r < 0, ast.LtE: r <= 0, ast.Gt: r > 0, ast.GtE: r >= 0,
          ast.Eq: r == 0, ast.NotEq: r != 0}.get(type(op))
    return UNKNOWN if ok is None else (TRUE if ok else FALSE)


def resolve(name, package):
    level = len(name) - len(name.lstrip("."))
    rest = name[level:]
    if level and package:
        bits = package.rsplit(".", level - 1)
        if len(bits) >= level:
            return (bits[0] + "." + rest if rest else bits[0]), 0
    return rest, level


class Extractor:
    def __init__(self, rel, source="", minor=12):
        self.rel = rel
        self.source = source
        self.minor = minor
        self.typing = set()
        self.bindings = {"sys": ("sys",), "os": ("os",),
                         "platform": ("platform",)}
        self.out = []
        self.file_flags = {"test"} if is_test(rel) else set()

    def bind(self, name, v):
        """What an import or a module-level assignment binds name to."""
        keep = v[0] in ("sys", "os", "platform", "implementation",
                        "system", "version_info")
        keep = keep or (v[0] == "bool" and v[1] != UNKNOWN)
        keep = keep or (v[0] in ("int", "str") and v[2])
        if not keep:
            v = NONE
        if name in self.bindings or (keep and
                                     len(self.bindings) < MAX_BINDINGS):
            self.bindings[name] = v

    def small_int(self, node):
        """A plain decimal of at most 9 digits, as written."""
        seg = ast.get_source_segment(self.source, node)
        return seg is not None and re.fullmatch(r"[0-9]{1,9}", seg)

    def value(self, n):
        """What the expression n stands for, for the target."""
        m = self.minor
        if isinstance(n, ast.BoolOp):
            t = TRUE if isinstance(n.op, ast.And) else FALSE
            f = t_and if isinstance(n.op, ast.And) else t_or
            for v in n.values:
                t = f(t, truth(self.value(v)))
            return ("bool", t)
        if isinstance(n, ast.UnaryOp) and isinstance(n.op, ast.Not):
            return ("bool", t_not(truth(self.value(n.operand))))
        if isinstance(n, ast.Compare):
            left, t = self.value(n.left), TRUE
            for op, right in zip(n.ops, n.comparators):
                r = self.value(right)
                t = t_and(t, compare(left, op, r, m))
                left = r
            return ("bool", t)
        if isinstance(n, ast.Name):
            return self.bindings.get(n.id, NONE)
        if isinstance(n, ast.Attribute):
            return attribute(self.value(n.value), n.attr, m)
        if isinstance(n, ast.Subscript):
            v = self.value(n.value)
            s = n.slice
            if isinstance(s, getattr(ast, "Index", ())):
                s = s.value
            if v[0] != "version_info":
                return NONE
            if (isinstance(s, ast.Constant) and type(s.value) is int
                    and self.small_int(s)):
                return {0: fact_int(3), 1: fact_int(m)}.get(s.value, NONE)
            if (isinstance(s, ast.Slice) and s.lower is None
                    and s.step is None and isinstance(s.upper, ast.Constant)
                    and type(s.upper.value) is int
                    and self.small_int(s.upper)):
                return version_tuple(m, min(s.upper.value, 5))
            return NONE
        if isinstance(n, ast.Call):
            f = self.value(n.func)
            if f[0] == "system" and not n.args and not n.keywords:
                return fact_str("Linux")
            if (f[0] != "startswith" or len(n.args) != 1 or n.keywords
                    or isinstance(n.args[0], ast.Starred)):
                return NONE
            a = self.value(n.args[0])
            if a[0] == "str":
                return ("bool", TRUE if f[1].startswith(a[1]) else FALSE)
            if (a[0] != "tuple" or len(a[1]) != a[2]
                    or not all(isinstance(e, str) for e in a[1])):
                return NONE
            return ("bool", TRUE if f[1].startswith(a[1]) else FALSE)
        if isinstance(n, ast.Constant):
            if type(n.value) is int and self.small_int(n):
                return ("int", n.value, False)
            if isinstance(n.value, str):
                return ("str", n.value, False)
            return NONE
        if isinstance(n, (ast.Tuple, ast.List)):
            elems = []
            for e in n.elts:
                v = self.value(e)
                if v[0] not in ("int", "str") or len(elems) >= MAX_ELEMS:
                    return NONE
                elems.append(v[1])
            if isinstance(n, ast.List):
                return ("list", tuple(elems), len(elems), False)
            return ("tuple", tuple(elems), len(elems), False)
        return NONE

    def emit(self, line, kind, module, level, names, ctx, extra=()):
        flags = set(ctx.flags) | self.file_flags | set(extra)
        if any(r.guards for r in ctx.tries):
            flags.add("try")
        self.out.append({
            "file": self.rel, "line": line, "kind": kind, "module": module,
            "level": level, "names": names,
            "context": [f for f in FLAGS if f in flags],
        })

    def is_type_checking(self, test):
        if isinstance(test, ast.Name):
            return test.id == "TYPE_CHECKING"
        return (isinstance(test, ast.Attribute)
                and test.attr == "TYPE_CHECKING"
                and isinstance(test.value, ast.Name)
                and test.value.id in self.typing)

    def body(self, stmts, ctx):
        for s in stmts:
            self.stmt(s, ctx)

    def stmt(self, s, ctx):
        if isinstance(s, ast.Import):
            for a in s.names:
                if a.name == "typing":
                    self.typing.add(a.asname or "typing")
                if a.asname:
                    self.bind(a.asname, module_val(a.name))
                else:
                    top = a.name.split(".")[0]
                    self.bind(top, module_val(top))
                self.emit(s.lineno, "import", a.name, 0, [], ctx)
        elif isinstance(s, ast.ImportFrom):
            mod = module_val(s.module) if not s.level else NONE
            for a in s.names:
                if a.name != "*":
                    v = attribute(mod, a.name, self.minor)
                    self.bind(a.asname or a.name, v)
            self.emit(s.lineno, "from", s.module or "", s.level,
                      [a.name for a in s.names], ctx)
        elif isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for d in s.decorator_list:
                self.expr(d, ctx)
            self.expr(s.args, ctx)
            if s.returns:
                self.expr(s.returns, ctx)
            for tp in getattr(s, "type_params", []):
                self.expr(tp, ctx)
            self.body(s.body, ctx.function())
        elif isinstance(s, ast.ClassDef):
            for n in s.decorator_list + s.bases + s.keywords:
                self.expr(n, ctx)
            for tp in getattr(s, "type_params", []):
                self.expr(tp, ctx)
            self.body(s.body, ctx.add("class"))
        elif isinstance(s, ast.If):
            self.expr(s.test, ctx)
            if self.is_type_checking(s.test):
                self.body(s.body, ctx.add("type_checking"))
                self.body(s.orelse, ctx.cond())
            else:
                v = truth(self.value(s.test))
                self.body(s.body, ctx.branch(v))
                self.body(s.orelse, ctx.branch(t_not(v)))
        elif isinstance(s, ast.While):
            self.expr(s.test, ctx)
            self.body(s.body, ctx.cond())
            self.body(s.orelse, ctx.cond())
        elif isinstance(s, (ast.For, ast.AsyncFor)):
            self.expr(s.target, ctx)
            self.expr(s.iter, ctx)
            self.body(s.body, ctx.cond())
            self.body(s.orelse, ctx.cond())
        elif isinstance(s, (ast.With, ast.AsyncWith)):
            for item in s.items:
                self.expr(item, ctx)
            if any(suppresses(item.context_expr) for item in s.items):
                self.body(s.body, ctx.with_try(TryRec(True)))
            else:
                self.body(s.body, ctx.cond())
        elif isinstance(s, getattr(ast, "Match", ())):
            self.expr(s.subject, ctx)
            for case in s.cases:
                self.expr(case.pattern, ctx.cond())
                if case.guard:
                    self.expr(case.guard, ctx.cond())
                self.body(case.body, ctx.cond())
        elif isinstance(s, (ast.Try, getattr(ast, "TryStar", ast.Try))):
            rec = TryRec(any(catches(h.type) for h in s.handlers))
            self.body(s.body, ctx.with_try(rec))
            for h in s.handlers:
                if h.type:
                    self.expr(h.type, ctx.cond())
                self.body(h.body, ctx.cond())
            self.body(s.orelse, ctx.cond())
            self.body(s.finalbody, ctx.inner())
        else:
            for child in ast.iter_child_nodes(s):
                self.expr(child, ctx)
            if (ctx.top and isinstance(s, ast.Assign)
                    and len(s.targets) == 1
                    and isinstance(s.targets[0], ast.Name)):
                self.bind(s.targets[0].id, self.value(s.value))

    def expr(self, node, ctx):
        stack = [(node, ctx)]
        while stack:
            n, c = stack.pop()
            if isinstance(n, ast.Lambda):
                stack.append((n.args, c))
                stack.append((n.body, c.function()))
                continue
            if isinstance(n, ast.Call):
                self.call(n, c)
            for child in ast.iter_child_nodes(n):
                stack.append((child, c))

    def call(self, n, ctx):
        f = n.func
        if isinstance(f, ast.Name) and f.id in DYNAMIC_FUNCS:
            takes_package = f.id == "import_module"
        elif (isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name)
              and f.value.id == "importlib"
              and f.attr in DYNAMIC_FUNCS):
            takes_package = f.attr == "import_module"
        else:
            return
        kw = {}
        for k in n.keywords:
            if k.arg:
                kw.setdefault(k.arg, k.value)
        name = n.args[0] if n.args else kw.get("name")
        if not str_const(name):
            return
        package = None
        if takes_package:
            p = n.args[1] if len(n.args) > 1 else kw.get("package")
            if str_const(p):
                package = p.value
        module, level = resolve(name.value, package)
        self.emit(n.lineno, "import", module, level, [], ctx, ("dynamic",))


def main(argv):
    """imports_oracle.py [--skip-dir NAME]... [--python-minor N] PATH..."""
    skip, roots, args, minor = set(), [], iter(argv[1:]), 12
    for a in args:
        if a == "--skip-dir":
            skip.add(next(args))
        elif a == "--python-minor":
            minor = int(next(args))
        else:
            roots.append(a)
    for root in roots:
        for rel, path in walk(root, skip):
            with open(path, "rb") as f:
                data = f.read()
            try:
                tree = ast.parse(data, filename=rel)
            except (SyntaxError, ValueError) as e:
                print(json.dumps({"file": rel, "error": str(e),
                                  "line": getattr(e, "lineno", None)}))
                continue
            x = Extractor(rel, importlib.util.decode_source(data), minor)
            x.body(tree.body, Ctx(top=True))
            for o in x.out:
                print(json.dumps(o, ensure_ascii=False))
            print(json.dumps({"file": rel, "imports": len(x.out)}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
