"""debian_archive.py - the indexes of Debian's archive, read without
touching the machine's apt setup.

debian-modules.py and debian-requires.py read the Contents and Packages
indexes of several suites (SUITES, oldest first).  apt fetches them into
a private directory (DEPAUDIT_APT_DIR, by default ~/.cache/depaudit-apt):
its own sources list, state, lists and cache, given to apt-get with -o
options; the archive's address is the one the machine's own sources
name for Debian's main archive, so nothing here names a mirror.  The
machine's /etc/apt is only read.

    python3 data/debian-modules.py --update > data/debian.tsv

fetches (or refreshes) the indexes first; without --update the ones
already fetched are read.
"""

import glob
import os
import re
import subprocess
import sys

SUITES = ("bookworm", "trixie", "sid")
KEYRING = "/usr/share/keyrings/debian-archive-keyring.gpg"


def apt_dir():
    d = os.environ.get("DEPAUDIT_APT_DIR") or os.path.join(
        os.path.expanduser("~"), ".cache", "depaudit-apt")
    return os.path.abspath(d)


def machine_archive():
    """The URI of Debian's main archive in the machine's apt sources."""
    texts = []
    for path in ["/etc/apt/sources.list"] + sorted(
            glob.glob("/etc/apt/sources.list.d/*.list")
            + glob.glob("/etc/apt/sources.list.d/*.sources")):
        try:
            with open(path, encoding="utf-8") as f:
                texts.append(f.read())
        except OSError:
            pass
    for text in texts:
        # deb822: "URIs: X" in a stanza whose suites are Debian's own
        for stanza in re.split(r"\n\s*\n", text):
            uris = re.search(r"^URIs:\s*(\S+)", stanza, re.M)
            suites = re.search(r"^Suites:\s*(.*)$", stanza, re.M)
            if uris and suites and any(
                    s.split("-")[0] in SUITES + ("bullseye",)
                    and "-security" not in s for s in suites.group(1).split()):
                return uris.group(1).rstrip("/")
        # one-line form: "deb URI SUITE main"
        for m in re.finditer(r"^deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+(\S+)", text,
                             re.M):
            if "-security" not in m.group(2):
                return m.group(1).rstrip("/")
    sys.exit("debian_archive: no Debian archive in the machine's apt sources")


def apt_options(root, contents=True):
    opts = [
        "-o", "Dir::Etc::SourceList=" + os.path.join(root, "sources.list"),
        "-o", "Dir::Etc::SourceParts=" + os.path.join(root, "sources.d"),
        "-o", "Dir::State=" + os.path.join(root, "state"),
        "-o", "Dir::State::Lists=" + os.path.join(root, "lists"),
        "-o", "Dir::State::status=" + os.path.join(root, "status"),
        "-o", "Dir::Cache=" + os.path.join(root, "cache"),
        "-o", "Debug::NoLocking=true",
        "-o", "APT::Architectures=amd64",
        "-o", "APT::Sandbox::User=root",
    ]
    if contents:
        # the Contents indexes, as apt-file asks for them (of amd64 and
        # of "all", an architecture apt adds by itself)
        opts += [
            "-o", "Acquire::IndexTargets::deb::Contents-deb::MetaKey="
                  "$(COMPONENT)/Contents-$(ARCHITECTURE)",
            "-o", "Acquire::IndexTargets::deb::Contents-deb::"
                  "ShortDescription=Contents-$(ARCHITECTURE)",
            "-o", "Acquire::IndexTargets::deb::Contents-deb::Description="
                  "$(RELEASE)/$(COMPONENT) $(ARCHITECTURE) Contents (deb)",
        ]
    return opts


def suite_dir(suite):
    return os.path.join(apt_dir(), suite)


def update():
    """Fetch the indexes of SUITES, each into a directory of its own.  A
    suite whose Contents index does not match its signed Release (a
    mirror serving a stale copy) gets its Packages index only, and the
    run says so; debian-modules.py then reads the other suites'."""
    uri = machine_archive()
    for suite in SUITES:
        root = suite_dir(suite)
        for sub in ("sources.d", "state", "lists/partial",
                    "cache/archives/partial"):
            os.makedirs(os.path.join(root, sub), exist_ok=True)
        open(os.path.join(root, "status"), "a").close()
        with open(os.path.join(root, "sources.list"), "w",
                  encoding="utf-8") as f:
            f.write("deb [signed-by=%s] %s %s main\n" % (KEYRING, uri, suite))
        for contents in (True, False):
            rc = subprocess.run(
                ["apt-get", "update", "-q"] + apt_options(root, contents),
                stdout=sys.stderr).returncode
            if rc == 0:
                break
            print("debian_archive: %s: the %s could not be fetched and "
                  "verified" % (suite, "Contents index" if contents
                                else "Packages index"), file=sys.stderr)
        else:
            sys.exit("debian_archive: %s: nothing could be fetched" % suite)


def targets(created_by, suite):
    """The local files of one kind of index (Packages, Contents-deb, ...)
    of one suite."""
    out = subprocess.run(
        ["apt-get", "indextargets", "--format", "$(FILENAME)",
         "Created-By: " + created_by, "Release: " + suite,
         ] + apt_options(suite_dir(suite)),
        check=True, capture_output=True, text=True).stdout
    files = [p for p in out.split() if p]
    return [p for p in files if glob.glob(p + "*")]


def lines(path):
    """The lines of an index file, decompressed by apt itself."""
    proc = subprocess.Popen(["/usr/lib/apt/apt-helper", "cat-file", path],
                            stdout=subprocess.PIPE, text=True,
                            encoding="utf-8", errors="replace")
    yield from proc.stdout
    if proc.wait() != 0:
        sys.exit("debian_archive: cannot read %s" % path)


def suite_files(created_by):
    """(suite, [files]) for each suite that has that index, oldest first;
    a suite without one is left out (header() names the suites read),
    none at all stops the run."""
    result = [(suite, targets(created_by, suite)) for suite in SUITES]
    result = [(suite, files) for suite, files in result if files]
    if not result:
        sys.exit("debian_archive: no %s index under %s: run with --update"
                 % (created_by, apt_dir()))
    return result


def main_args(argv):
    if "--update" in argv[1:]:
        update()


def header(created_by):
    """The first comment line: the suites whose index of that kind was
    read, and the day the newest was fetched."""
    import time
    read, day = [], None
    for suite, _ in suite_files(created_by):
        read.append(suite)
        for path in glob.glob(os.path.join(suite_dir(suite), "lists",
                                           "*Release")):
            t = os.path.getmtime(path)
            day = t if day is None or t > day else day
    when = time.strftime("%Y-%m-%d", time.gmtime(day)) if day else "unknown"
    return "Debian %s main, fetched %s" % (", ".join(read), when)
