/* collect.h - read every file of a PATH with the readers that want it
 *
 * A collection walks each PATH (a tree, an archive or a file), runs the
 * import scanner and the declared-input readers on the files they bid
 * for, follows the files a reader includes (requirements "-r", the
 * version.py a setup.py reads) relative to the including file, once each
 * and cycle-safe, and keeps a copy of every result.  A file included as
 * another file's declaration (the requirements files of a pyproject.toml's
 * dynamic dependencies, core/scan.h) is read for that owner, only when it
 * resolves inside the PATH, and read again, into the same entry, when the
 * walk read it as its own first.  Import scans run
 * on a pool of worker threads; diagnostics are printed in walk order all
 * the same.
 *
 * Everything in a collection lives until collection_release().
 */
#ifndef DEPAUDIT_CMD_COLLECT_H
#define DEPAUDIT_CMD_COLLECT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"

struct declared_pkg;
struct import;
struct requirement;
struct source_limits;

enum collect_what {
	COLLECT_IMPORTS = 1u << 0,
	COLLECT_DECLARED = 1u << 1,
};

struct collected_file {
	const char *display; /* as the user opens it; ARCHIVE!MEMBER */
	const char *scanner; /* the declared-input reader, or NULL */
	const struct import *imports;
	size_t nimports;
	const struct declared_pkg *pkgs;
	size_t npkgs;
	const struct requirement *reqs;
	size_t nreqs;
	unsigned root; /* which PATH it came from, counting from 0 */
};

struct collect_seen;

struct collection {
	struct arena arena;
	struct collected_file *files;
	size_t nfiles, afiles;
	unsigned nread;   /* files read */
	unsigned nfailed; /* PATHs, files, includes that could not be read */
	unsigned nroots;
	unsigned python_minor; /* the target Python, 3.python_minor */
	struct collect_seen *seen;
};

/* An empty collection reading for Python 3.python_minor, scanning imports
 * with jobs threads. */
void collection_init(struct collection *c, unsigned python_minor,
		     unsigned jobs);
void collection_release(struct collection *c);
/*
 * Read the files of path the readers of what want; limits may be NULL.
 * A file named as path that no reader wants is an error.
 */
void collect_path(struct collection *c, const char *path,
		  const struct source_limits *limits, unsigned what);

#endif
