/* pep508.h - dependency specifiers (PEP 508), the language of the model
 *
 *   name [extras] (versionspec | @ url) [; marker]
 *
 * pep508_parse() splits one specifier into its parts, checks them, and
 * evaluates the marker for a target environment: Linux on x86_64,
 * CPython, the Python version the caller names (3.12 by default).  A
 * marker that compares `extra` with a name ("extra == 'test'") assigns
 * the requirement to that extra; it is evaluated as if that extra were
 * requested.  Every string of a struct pep508 is allocated from the arena
 * given to the parser and lives as long as that arena.
 */
#ifndef DEPAUDIT_CORE_PEP508_H
#define DEPAUDIT_CORE_PEP508_H

#include <stdbool.h>
#include <stddef.h>

struct arena;
struct requirement;
struct strbuf;

/* The environment markers are evaluated for. */
struct pep508_env {
	unsigned py_major;
	unsigned py_minor;
};

#define PEP508_ENV_DEFAULT                                                     \
	{                                                                      \
		3, 12                                                          \
	}

/* Markers nest at most this deep in parentheses. */
enum { PEP508_MAX_DEPTH = 32 };

struct pep508 {
	const char *name;      /* as written */
	const char *key;       /* PEP 503 normalized */
	const char *extras;    /* "a,b" (spaces dropped), or NULL */
	const char *specifier; /* ">=1.0,<2" (spaces and parens dropped) */
	const char *url;       /* for name @ url, else NULL */
	const char *marker;    /* as written, trimmed, or NULL */
	const char *extra;     /* the extra the marker names, or NULL */
	bool marker_false;     /* the marker is false for the environment */
};

/*
 * Parse the len bytes at s (surrounding space allowed).  0 on success;
 * -1 on a malformed specifier, with a message appended to err and *col
 * set to the 0-based offset of the problem in s.
 */
int pep508_parse(struct arena *arena, const char *s, size_t len,
		 const struct pep508_env *env, struct pep508 *out,
		 struct strbuf *err, size_t *col);

/*
 * Evaluate a bare marker expression.  1 when true, 0 when false, -1 when
 * malformed (message in err, offset in *col).  extra is the value of the
 * `extra` variable ("" for none).
 */
int pep508_marker_eval(const char *s, size_t len, const struct pep508_env *env,
		       const char *extra, struct strbuf *err, size_t *col);

/*
 * Compare two PEP 440 versions by their epoch, release numbers and
 * pre/post/dev parts: <0, 0 or >0.  A local part is ignored.
 */
int pep508_version_cmp(const char *a, size_t alen, const char *b, size_t blen);

/*
 * Fill the name, key, extras, specifier, marker and url of r from p,
 * and its flags (REQ_URL, REQ_MARKER_FALSE); an extra named by the
 * marker makes r REQ_OPTIONAL with that group.  Other fields are kept.
 */
void pep508_to_requirement(const struct pep508 *p, struct requirement *r);

#endif
