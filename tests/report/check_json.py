#!/usr/bin/env python3
"""check_json.py DEPAUDIT README PATH... -- hold `depaudit check --format
json` to the table of the README's "JSON report" section: every field of
the output is in the table, with the type it gives, in its order, and
every field of the table is in the output (or its array is empty).
"""
import json
import re
import subprocess
import sys


def table(readme):
    text = open(readme, encoding="utf-8").read()
    section = text[text.index("### JSON report"):]
    section = section[:section.index("\n#", 1)]
    rows = re.findall(r"^\| `([^`]+)` \| ([a-z ]+) \|", section, re.M)
    if not rows:
        sys.exit("no field table in the README's JSON report section")
    return rows


TYPES = {"integer": int, "string": str, "object": dict, "array": list,
         "null": type(None)}


def check(doc, rows):
    errors = []
    fields = {path: kinds.split(" or ") for path, kinds in rows}
    order = [path for path, _ in rows]
    seen = set()

    def typed(value, path):
        seen.add(path)
        kinds = fields.get(path)
        if kinds is None:
            errors.append("undocumented field %s" % path)
            return False
        if not any(isinstance(value, TYPES[k]) and
                   not (k == "integer" and isinstance(value, bool))
                   for k in kinds):
            errors.append("%s is %r, documented as %s"
                          % (path, value, " or ".join(kinds)))
        return True

    def fields_of(obj, prefix):
        """The keys of obj against the rows under prefix, in order."""
        want = [p[len(prefix):] for p in order if p.startswith(prefix)]
        want = [k for k in want if "." not in k and "[" not in k]
        keys = list(obj)
        if [k for k in keys if k in want] != [k for k in want if k in keys]:
            errors.append("keys under %r in the order %s, not %s"
                          % (prefix or "the top", keys, want))
        for k in keys:
            walk(obj[k], prefix + k)

    def walk(value, path):
        if not typed(value, path):
            return
        if isinstance(value, dict):
            fields_of(value, path + ".")
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, dict):
                    fields_of(item, path + "[].")

    fields_of(doc, "")
    return errors, seen


def main(argv):
    depaudit, readme, paths = argv[1], argv[2], argv[3:]
    rows = table(readme)
    seen = set()
    errors = []
    for path in paths:
        out = subprocess.run([depaudit, "check", "--format", "json",
                              "--fail-on", "never", path],
                             capture_output=True, text=True)
        if out.returncode != 0:
            sys.exit("%s: exit %d\n%s" % (path, out.returncode, out.stderr))
        e, s = check(json.loads(out.stdout), rows)
        errors += ["%s: %s" % (path, x) for x in e]
        seen |= s
    documented = {p for p, _ in rows}
    # An object's own row ("packages[]" style) is covered by its fields.
    for p in sorted(documented - seen):
        errors.append("documented but never produced: %s" % p)
    for e in errors:
        print(e)
    print("%d fields documented, %d seen in the output, %d problems"
          % (len(documented), len(seen & documented), len(errors)))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
