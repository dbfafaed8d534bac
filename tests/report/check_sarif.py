#!/usr/bin/env python3
"""check_sarif.py DEPAUDIT PATH... -- `depaudit check --format sarif`
holds the properties SARIF 2.1.0 requires of what it writes: a version,
runs with a tool driver and its rules, results with a message, a rule
that exists, a level SARIF knows, and locations with a URI (a relative
reference, or file:// for an absolute path) and a start line of at least
1.
"""
import json
import subprocess
import sys

LEVELS = {"none", "note", "warning", "error"}


def check(doc):
    errors = []

    def need(cond, what):
        if not cond:
            errors.append(what)

    need(doc.get("version") == "2.1.0", "version is not 2.1.0")
    runs = doc.get("runs")
    need(isinstance(runs, list) and runs, "no runs")
    for run in runs or []:
        driver = run.get("tool", {}).get("driver", {})
        need(isinstance(driver.get("name"), str), "driver without a name")
        rules = driver.get("rules", [])
        ids = [r.get("id") for r in rules]
        need(all(isinstance(i, str) for i in ids), "a rule without an id")
        need(len(set(ids)) == len(ids), "rule ids repeat")
        for r in rules:
            need(isinstance(r.get("shortDescription", {}).get("text"), str),
                 "rule %s without a description" % r.get("id"))
            need(r.get("defaultConfiguration", {}).get("level") in LEVELS,
                 "rule %s without a level" % r.get("id"))
        results = run.get("results")
        need(isinstance(results, list), "run without results")
        for res in results or []:
            need(isinstance(res.get("message", {}).get("text"), str),
                 "result without message text")
            need(res.get("ruleId") in ids, "result of an unknown rule")
            idx = res.get("ruleIndex")
            need(idx is None or (0 <= idx < len(ids) and
                                 ids[idx] == res.get("ruleId")),
                 "ruleIndex does not match ruleId")
            need(res.get("level", "warning") in LEVELS, "unknown level")
            for loc in res.get("locations", []) + \
                    res.get("relatedLocations", []):
                phys = loc.get("physicalLocation", {})
                uri = phys.get("artifactLocation", {}).get("uri")
                need(isinstance(uri, str) and uri and
                     (uri.startswith("file:///") or
                      not uri.startswith("/")) and " " not in uri,
                     "location without a valid uri: %r" % uri)
                line = phys.get("region", {}).get("startLine", 1)
                need(isinstance(line, int) and line >= 1,
                     "startLine %r" % line)
    return errors


def main(argv):
    depaudit, paths = argv[1], argv[2:]
    total = 0
    errors = []
    for path in paths:
        out = subprocess.run([depaudit, "check", "--format", "sarif",
                              "--fail-on", "never", path],
                             capture_output=True, text=True)
        if out.returncode != 0:
            sys.exit("%s: exit %d\n%s" % (path, out.returncode, out.stderr))
        doc = json.loads(out.stdout)
        total += sum(len(r.get("results", [])) for r in doc["runs"])
        errors += ["%s: %s" % (path, e) for e in check(doc)]
    for e in errors:
        print(e)
    print("%d results checked, %d problems" % (total, len(errors)))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
