/* scan.h - the scanner contract: how a format reader plugs in
 *
 * A scanner is a pure function from the bytes of one file to the model.
 * It is handed a struct file_view (never a FILE * or an archive handle),
 * so files of a tree and members of an archive go through the same code.
 * It reports only through scan_emit_*() and scan_warn()/scan_error(),
 * allocates only from scan_arena(), and never prints: the driver prints
 * what the context collected, in order.
 *
 * Everything a scan context holds (imports, packages, requirements,
 * includes, diagnostics, arena objects) lives until scan_ctx_reset() or
 * scan_ctx_free().
 */
#ifndef DEPAUDIT_CORE_SCAN_H
#define DEPAUDIT_CORE_SCAN_H

#include <stddef.h>

#include "core/attr.h"
#include "core/declared.h"
#include "core/diag.h"

struct arena;
struct strbuf;
struct declared_pkg;
struct requirement;

/* One file to scan: a file of a tree or a member of an archive. */
struct file_view {
	const char *archive; /* the archive it is a member of, or NULL */
	const char *path;    /* relative to the scan root, '/'-separated */
	const char *data;    /* its bytes; not NUL-terminated */
	size_t len;
};

enum scan_kind { SCAN_IMPORTS, SCAN_DECLARED };

struct scan_ctx;

struct scanner {
	const char *name; /* stable id, used in options and JSON */
	enum scan_kind kind;
	/* How much the scanner wants the file at path: 0 = not at all. */
	int (*bid)(const char *path);
	/* 0 when the file was read, -1 when nothing could be read. */
	int (*scan)(struct scan_ctx *ctx, const struct file_view *fv);
};

/* How an import statement or call reaches its module. */
enum import_kind { IMPORT_PLAIN, IMPORT_FROM };

/* Where an import sits; the JSON names are in import_flag_name(). */
enum import_flag {
	IMPORT_FUNCTION = 1u << 0,      /* in a def or lambda body */
	IMPORT_CLASS = 1u << 1,         /* in a class body */
	IMPORT_TRY = 1u << 2,           /* in a try body guarded for it */
	IMPORT_TYPE_CHECKING = 1u << 3, /* under if TYPE_CHECKING: */
	IMPORT_CONDITIONAL = 1u << 4,   /* other if/loop/with/match/... */
	IMPORT_DYNAMIC = 1u << 5,       /* importlib.import_module("x") */
	IMPORT_TEST = 1u << 6,          /* in a test file */
	IMPORT_UNREACHABLE = 1u << 7,   /* under a condition false for the
					 * target: it never runs */
	/* Not a context of the output (the ast oracle's flags stop above):
	 * under an undecided condition inside a function, or in a function
	 * defined under one, so that the audit does not count it as
	 * required. */
	IMPORT_LOCAL_CONDITION = 1u << 8,
	/* Not a context of the output either: reached only where the
	 * library is optional, under an if whose test names it, or in a
	 * function the file calls only under an ImportError guard. */
	IMPORT_OPTIONAL_USE = 1u << 9,
};
enum { IMPORT_NFLAGS = 8 };

/* One import target.  Strings are owned by the scan context's arena. */
struct import {
	const char *module; /* dotted; "" for "from . import x" */
	const char **names; /* for IMPORT_FROM: names imported, "*" kept */
	size_t nnames;
	unsigned line;
	unsigned level; /* leading dots of a relative import */
	unsigned flags; /* enum import_flag */
	/* "# depaudit: ignore[...]" on its statement: the rules named
	 * there ("" for every rule), or NULL when there is none. */
	const char *ignore;
	enum import_kind kind;
	/* Not printed: the try statements of the file, numbered from 1,
	 * whose guarded body (try_guard) or ImportError handler
	 * (try_fallback) holds the import, 0 for none; "try: import A /
	 * except ImportError: import B" gives A and B the same number. */
	unsigned try_guard;
	unsigned try_fallback;
};

/* A diagnostic a scanner raised, to be printed by the driver. */
struct scan_diag {
	enum diag_level level;
	unsigned line;
	unsigned col;
	const char *msg;
};

/* A deep copy of src into arena. */
void import_copy(struct arena *a, struct import *dst, const struct import *src);
/*
 * A file this file pulls in, such as requirements "-r other.txt": the
 * scanner cannot read it (it sees one file), so it names it and the
 * driver follows it through the file system, relative to the directory
 * of the including file, cycle-safe.  A constraints include ("-c")
 * restricts versions and declares nothing: the driver only checks that
 * it exists.  An include may name the scanner that reads the file (a
 * setup.py naming the version.py it reads its version from); by default
 * the includer's scanner reads it.
 *
 * An included file may be another file's declaration: a pyproject.toml
 * whose dependencies are dynamic names the requirements files that hold
 * them.  Their requirements are then that package's inputs, of the kind
 * and group the includer says, whatever the file's name suggests; the
 * driver hands the owner to the scanner of the included file through
 * its context (scan_owner()), and the files that one includes in turn
 * belong to the same owner.
 */
enum scan_include_kind { SCAN_INCLUDE_FILE, SCAN_INCLUDE_CONSTRAINTS };

/* Whose declaration a file is; package NULL: its own. */
struct scan_owner {
	const char *package; /* the includer's package id */
	enum req_kind kind;  /* REQ_RUNTIME, or REQ_OPTIONAL with group */
	const char *group;   /* the extra, or NULL */
};

struct scan_include {
	const char *path;    /* as written; arena-owned */
	const char *scanner; /* the scanner's name (static), or NULL */
	enum scan_include_kind kind;
	unsigned line;
	unsigned col;
	/* Set by scan_emit_include() and scan_emit_owned_include(), not by
	 * the scanner; its strings are arena-owned. */
	struct scan_owner owner;
};

/* The JSON name of one flag bit ("function", "class", ...). */
const char *import_flag_name(unsigned flag);

struct scan_ctx *scan_ctx_new(void);
void scan_ctx_free(struct scan_ctx *ctx);
/* Forget every result, keeping memory for the next file. */
void scan_ctx_reset(struct scan_ctx *ctx);

/* The Python the inputs are read for: 3.minor (markers, python_version).
 * 12 until set; kept across resets. */
void scan_ctx_set_python(struct scan_ctx *ctx, unsigned minor);
unsigned scan_python_minor(const struct scan_ctx *ctx);

/*
 * Whether readers may skim what cannot change their results (the lines
 * of a Python file that hold no import).  On unless the environment sets
 * DEPAUDIT_TEST_NO_SKIM, which the tests use to show that it changes
 * nothing; kept across resets.
 */
void scan_ctx_set_skim(struct scan_ctx *ctx, bool on);
bool scan_skim(const struct scan_ctx *ctx);

/* The arena a scanner allocates from; freed by reset. */
struct arena *scan_arena(struct scan_ctx *ctx);

/*
 * The owner of the file about to be scanned (see struct scan_owner), set
 * by the driver after a reset; its strings are copied into the arena.
 * NULL or a NULL package: the file is its own declaration.  Cleared by
 * reset.
 */
void scan_ctx_set_owner(struct scan_ctx *ctx, const struct scan_owner *owner);
/* The owner of the file being scanned, or NULL; valid until reset. */
const struct scan_owner *scan_owner(const struct scan_ctx *ctx);

/* Record one import; imp is copied, its strings must be arena-owned. */
void scan_emit_import(struct scan_ctx *ctx, const struct import *imp);
/* Record a declared package; pkg is copied, its strings arena-owned. */
void scan_emit_package(struct scan_ctx *ctx, const struct declared_pkg *pkg);
/* Record a declared input; req is copied, its strings arena-owned. */
void scan_emit_requirement(struct scan_ctx *ctx, const struct requirement *req);
/* Record an include; inc is copied, its path must be arena-owned.  It
 * belongs to the owner of the file being scanned, if any. */
void scan_emit_include(struct scan_ctx *ctx, const struct scan_include *inc);
/* Record an include that is owner's declaration; owner's strings must be
 * arena-owned. */
void scan_emit_owned_include(struct scan_ctx *ctx,
			     const struct scan_include *inc,
			     const struct scan_owner *owner);
/* Record a diagnostic at line:col (0 when unknown) of the file. */
void scan_warn(struct scan_ctx *ctx, unsigned line, unsigned col,
	       const char *fmt, ...) DP_PRINTF(4, 5);
/* Like scan_warn at error level; returns -1. */
int scan_error(struct scan_ctx *ctx, unsigned line, unsigned col,
	       const char *fmt, ...) DP_PRINTF(4, 5);

/* What the context holds; valid until the next reset. */
const struct import *scan_imports(const struct scan_ctx *ctx, size_t *n);
const struct declared_pkg *scan_packages(const struct scan_ctx *ctx, size_t *n);
const struct requirement *scan_requirements(const struct scan_ctx *ctx,
					    size_t *n);
const struct scan_include *scan_includes(const struct scan_ctx *ctx, size_t *n);
const struct scan_diag *scan_diags(const struct scan_ctx *ctx, size_t *n);
/* Print the collected diagnostics for the file fv to stderr. */
void scan_print_diags(const struct scan_ctx *ctx, const struct file_view *fv);
/* Append them to sb as the lines scan_print_diags() would print. */
void scan_format_diags(const struct scan_ctx *ctx, const struct file_view *fv,
		       struct strbuf *sb);

#endif
