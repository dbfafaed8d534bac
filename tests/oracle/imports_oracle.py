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
"""
import ast
import json
import os
import sys

SKIP_DIRS = {".git", ".hg", ".tox", ".venv", "__pycache__", "node_modules"}
CATCHES = {"ImportError", "ModuleNotFoundError", "Exception", "BaseException"}
FLAGS = ("function", "class", "try", "type_checking", "conditional",
         "dynamic", "test")
DYNAMIC_FUNCS = {"__import__", "import_module"}


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
    __slots__ = ("flags", "tries", "in_function")

    def __init__(self, flags=frozenset(), tries=(), in_function=False):
        self.flags = flags
        self.tries = tries
        self.in_function = in_function

    def add(self, *flags):
        return Ctx(self.flags | set(flags), self.tries, self.in_function)

    def cond(self):
        return self if self.in_function else self.add("conditional")

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


def str_const(node):
    return (node if isinstance(node, ast.Constant)
            and isinstance(node.value, str) else None)


def resolve(name, package):
    level = len(name) - len(name.lstrip("."))
    rest = name[level:]
    if level and package:
        bits = package.rsplit(".", level - 1)
        if len(bits) >= level:
            return (bits[0] + "." + rest if rest else bits[0]), 0
    return rest, level


class Extractor:
    def __init__(self, rel):
        self.rel = rel
        self.typing = set()
        self.out = []
        self.file_flags = {"test"} if is_test(rel) else set()

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
                self.emit(s.lineno, "import", a.name, 0, [], ctx)
        elif isinstance(s, ast.ImportFrom):
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
            else:
                self.body(s.body, ctx.cond())
            self.body(s.orelse, ctx.cond())
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
            self.body(s.finalbody, ctx)
        else:
            for child in ast.iter_child_nodes(s):
                self.expr(child, ctx)

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
        if not n.args or not str_const(n.args[0]):
            return
        package = None
        if takes_package:
            if len(n.args) > 1 and str_const(n.args[1]):
                package = n.args[1].value
            for k in n.keywords:
                if k.arg == "package" and str_const(k.value):
                    package = k.value.value
        module, level = resolve(n.args[0].value, package)
        self.emit(n.lineno, "import", module, level, [], ctx, ("dynamic",))


def main(argv):
    """imports_oracle.py [--skip-dir NAME]... PATH..."""
    skip, roots, args = set(), [], iter(argv[1:])
    for a in args:
        if a == "--skip-dir":
            skip.add(next(args))
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
            x = Extractor(rel)
            x.body(tree.body, Ctx())
            for o in x.out:
                print(json.dumps(o, ensure_ascii=False))
            print(json.dumps({"file": rel, "imports": len(x.out)}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
