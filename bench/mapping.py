#!/usr/bin/env python3
"""bench/mapping.py DEPAUDIT SAMPLE [--min SHARE] - how often the mapping
table's first answer is the attribute nixpkgs packages a module as.

SAMPLE is tests/data/nixpkgs-imports-check.tsv: (module, attr) pairs from
the pythonImportsCheck of real nixpkgs expressions.  Each module is looked
up with `depaudit map --format json`; the answer is right when the first
provider's first attribute is one of the attributes the sample pairs with
the module, wrong when it is another, unknown when no provider has an
attribute.  Prints the share right and every wrong and unknown module;
with --min, exits 1 when the share is below SHARE.
"""
import json
import subprocess
import sys


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    depaudit, sample = argv[1], argv[2]
    floor = float(argv[argv.index("--min") + 1]) if "--min" in argv else None
    want, skipped = {}, []
    with open(sample, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            module, attr = line.rstrip("\n").split("\t")[:2]
            if not all(part.isidentifier() for part in module.split(".")):
                skipped.append(module)  # not an import name as written
                continue
            want.setdefault(module, set()).add(attr)
    modules = sorted(want)
    out = subprocess.run([depaudit, "map", "--format", "json"] + modules,
                         capture_output=True, text=True, check=True).stdout
    answers = {m["module"]: m for m in json.loads(out)["modules"]}
    right, wrong, unknown = [], [], []
    for module in modules:
        a = answers[module]
        got = None
        for p in a.get("providers", []):
            if p.get("attrs"):
                got = p["attrs"][0]["attr"]
            break
        if got in want[module]:
            right.append(module)
        elif got:
            wrong.append((module, got, sorted(want[module])))
        else:
            unknown.append((module, sorted(want[module])))
    n = len(modules)
    share = len(right) / n if n else 0.0
    print("modules: %d; right %d, wrong %d, unknown %d; share right %.3f"
          % (n, len(right), len(wrong), len(unknown), share))
    for module in skipped:
        print("skipped\t%s\tnot a module name" % module)
    for module, got, exp in wrong:
        print("wrong\t%s\tgot %s\twant %s" % (module, got, ", ".join(exp)))
    for module, exp in unknown:
        print("unknown\t%s\twant %s" % (module, ", ".join(exp)))
    if floor is not None and share < floor:
        print("share %.3f is below %.3f" % (share, floor))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
