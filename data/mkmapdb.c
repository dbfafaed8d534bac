/* mkmapdb.c - build the shipped mapping table from the text sources in data/
 *
 * usage: mkmapdb OUT.db FILE...
 *
 * Each FILE is one of the sources in data/, recognized by its name:
 *   curated.tsv          module, distribution, rank, reason
 *   debian.tsv           module, distribution, Debian package
 *   attrs.tsv            distribution, attr, rank, reason
 *   nixpkgs-aliases.tsv  distribution, attr, alias
 *   nixpkgs-attrs.txt    one attr per line
 *   namespaces.txt       one namespace root per line
 *   requires.tsv         distribution, a distribution it requires
 *   nix-hooks.tsv        Nix hook attr, the distribution it provides or -,
 *                        reason
 *   3.X.txt              the stdlib top-level modules of Python 3.X
 * Fields are separated by tabs; '#' starts a comment line, and the first
 * comment of debian.tsv and nixpkgs-attrs.txt is kept in the table's meta
 * rows as the revision the rows describe.  Each source is checked: its
 * rows sorted (LC_ALL=C; curated.tsv by module, then rank), no key twice
 * (the first two fields, or the one), a reason on every curated row of
 * curated.tsv and attrs.tsv, and every attribute attrs.tsv and
 * nixpkgs-aliases.tsv name in nixpkgs-attrs.txt.  A malformed or
 * unchecked line is an error naming FILE:LINE, and no table is written.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag.h"
#include "core/mapdb.h"
#include "core/strbuf.h"

enum kind {
	K_CURATED,
	K_DEBIAN,
	K_ATTRS,
	K_ALIASES,
	K_KNOWN,
	K_NAMESPACES,
	K_REQUIRES,
	K_HOOKS,
	K_STDLIB,
};

static const struct {
	const char *name;
	enum kind kind;
	int nfields;
	int key; /* how many leading fields make a row's key */
} kinds[] = {
	{"curated.tsv", K_CURATED, 4, 2},
	{"debian.tsv", K_DEBIAN, 3, 2},
	{"attrs.tsv", K_ATTRS, 4, 2},
	{"nixpkgs-aliases.tsv", K_ALIASES, 3, 2},
	{"nixpkgs-attrs.txt", K_KNOWN, 1, 1},
	{"namespaces.txt", K_NAMESPACES, 1, 1},
	{"requires.tsv", K_REQUIRES, 2, 2},
	{"nix-hooks.tsv", K_HOOKS, 3, 1},
};

enum { MAXFIELDS = 4 };

/* An attribute a row names, to find in the attribute list at the end. */
struct attr_ref {
	char *attr;
	char *file;
	unsigned line;
};

static struct {
	char **known; /* nixpkgs-attrs.txt */
	size_t nknown, aknown;
	struct attr_ref *refs;
	size_t nrefs, arefs;
} seen;

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Whether the row f[0..n) comes after the one before it: sorted, and
 * not the same key (its first key fields).  prev holds that row's key, a
 * newline, and its sort text: the whole line, or for curated.tsv its
 * module (then *prev_rank its rank).
 */
static int
check_order(const struct diag_loc *loc, enum kind kind, char **f, int n,
	    int key, struct strbuf *prev, int *prev_rank)
{
	struct strbuf cur = STRBUF_INIT;
	const char *sort;
	size_t keylen = 0, plen = strcspn(prev->buf ? prev->buf : "", "\n");
	int i, ret = 0, rank = kind == K_CURATED ? atoi(f[2]) : 0;

	for (i = 0; i < n; i++) {
		strbuf_addf(&cur, "%s%s", i ? "\t" : "", f[i]);
		if (i + 1 == key)
			keylen = cur.len;
	}
	sort = kind == K_CURATED ? f[0] : cur.buf;
	if (prev->len) {
		int c = strcmp(sort, prev->buf + plen + 1);

		if (c < 0 || (c == 0 && rank < *prev_rank))
			ret = diag_error(loc, "not sorted (LC_ALL=C sort%s)",
					 kind == K_CURATED ? " by module, then "
							     "rank"
							   : "");
		else if (plen == keylen &&
			 !strncmp(prev->buf, cur.buf, keylen)) {
			for (i = 0; i < (int)keylen; i++)
				if (cur.buf[i] == '\t')
					cur.buf[i] = ' ';
			ret = diag_error(loc, "the key '%.*s' comes twice",
					 (int)keylen, cur.buf);
		}
	}
	strbuf_reset(prev);
	strbuf_add(prev, cur.buf, keylen);
	strbuf_addch(prev, '\n');
	strbuf_addstr(prev, sort);
	*prev_rank = rank;
	strbuf_release(&cur);
	return ret;
}

static void
refer(const struct diag_loc *loc, const char *attr)
{
	struct attr_ref *r;

	if (seen.nrefs == seen.arefs) {
		seen.arefs = seen.arefs ? 2 * seen.arefs : 64;
		seen.refs = realloc(seen.refs, seen.arefs * sizeof(*seen.refs));
		if (!seen.refs)
			abort();
	}
	r = &seen.refs[seen.nrefs++];
	r->attr = strdup(attr);
	r->file = strdup(loc->path);
	r->line = loc->line;
	if (!r->attr || !r->file)
		abort();
}

static void
know(const char *attr)
{
	if (seen.nknown == seen.aknown) {
		seen.aknown = seen.aknown ? 2 * seen.aknown : 1024;
		seen.known =
			realloc(seen.known, seen.aknown * sizeof(*seen.known));
		if (!seen.known)
			abort();
	}
	if (!(seen.known[seen.nknown++] = strdup(attr)))
		abort();
}

/* Every attribute the rows named is in the attribute list: 0, or -1. */
static int
check_refs(void)
{
	size_t i;
	int ret = 0;

	qsort(seen.known, seen.nknown, sizeof(*seen.known), cmp_str);
	for (i = 0; i < seen.nrefs; i++) {
		struct diag_loc loc = {NULL, seen.refs[i].file,
				       seen.refs[i].line, 0};
		const char *a = seen.refs[i].attr;

		if (!bsearch(&a, seen.known, seen.nknown, sizeof(*seen.known),
			     cmp_str))
			ret = diag_error(&loc,
					 "attribute '%s' is not in "
					 "nixpkgs-attrs.txt",
					 a);
	}
	return ret;
}

static const char *
base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* Split line at tabs into at most MAXFIELDS fields; the count. */
static int
split(char *line, char **fields)
{
	int n = 0;

	for (;;) {
		char *tab = strchr(line, '\t');

		if (n == MAXFIELDS)
			return MAXFIELDS + 1;
		fields[n++] = line;
		if (!tab)
			return n;
		*tab = '\0';
		line = tab + 1;
	}
}

static int
parse_rank(const struct diag_loc *loc, const char *s, int *rank)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 1 || v > 99)
		return diag_error(loc, "rank '%s' is not a number from 1 to 99",
				  s);
	*rank = (int)v;
	return 0;
}

static int
add_row(struct mapdb_writer *w, const struct diag_loc *loc, enum kind kind,
	unsigned minor, char **f)
{
	int rank = 1;

	switch (kind) {
	case K_CURATED:
		if (parse_rank(loc, f[2], &rank) != 0)
			return -1;
		return mapdb_writer_module(w, f[0], f[1], MAPDB_CURATED, rank,
					   f[3]);
	case K_DEBIAN:
		return mapdb_writer_module(w, f[0], f[1], MAPDB_DEBIAN, 1,
					   f[2]);
	case K_ATTRS:
		if (parse_rank(loc, f[2], &rank) != 0)
			return -1;
		return mapdb_writer_attr(w, f[0], f[1], MAPDB_CURATED, rank,
					 f[3]);
	case K_ALIASES:
		return mapdb_writer_attr(w, f[0], f[1], MAPDB_NIXPKGS, 1, f[2]);
	case K_KNOWN:
		return mapdb_writer_known_attr(w, f[0]);
	case K_NAMESPACES:
		return mapdb_writer_namespace(w, f[0]);
	case K_REQUIRES:
		return mapdb_writer_requires(w, f[0], f[1]);
	case K_HOOKS:
		return mapdb_writer_nix_hook(
			w, f[0], strcmp(f[1], "-") ? f[1] : NULL, f[2]);
	case K_STDLIB:
		return mapdb_writer_stdlib(w, f[0], minor);
	}
	return -1;
}

static int
load(struct mapdb_writer *w, const char *path)
{
	const char *name = base_name(path);
	struct diag_loc loc = {NULL, path, 0, 0};
	struct strbuf line = STRBUF_INIT, prev = STRBUF_INIT;
	enum kind kind = K_STDLIB;
	int prev_rank = 0;
	int nfields = 1, key = 1, ret = -1, c;
	unsigned minor = 0;
	bool first_comment = true;
	size_t i;
	FILE *f;

	for (i = 0; i < DP_ARRAY_LEN(kinds); i++) {
		if (!strcmp(name, kinds[i].name)) {
			kind = kinds[i].kind;
			nfields = kinds[i].nfields;
			key = kinds[i].key;
			break;
		}
	}
	if (i == DP_ARRAY_LEN(kinds) &&
	    (sscanf(name, "3.%u.txt", &minor) != 1 || minor < MAPDB_PY_MIN ||
	     minor > MAPDB_PY_MAX))
		return diag_error(&loc, "not a source of the mapping table");
	f = fopen(path, "r");
	if (!f)
		return diag_error(&loc, "cannot open: %s", strerror(errno));
	for (;;) {
		char *fields[MAXFIELDS + 1];

		strbuf_reset(&line);
		while ((c = getc(f)) != EOF && c != '\n')
			strbuf_addch(&line, c);
		if (c == EOF && !line.len)
			break;
		loc.line++;
		if (line.len && line.buf[0] == '#') {
			if (first_comment &&
			    (kind == K_DEBIAN || kind == K_KNOWN))
				mapdb_writer_meta(
					w,
					kind == K_DEBIAN ? "debian" : "nixpkgs",
					line.buf + 1 +
						strspn(line.buf + 1, " "));
			first_comment = false;
			continue;
		}
		if (!line.len) {
			diag_error(&loc, "empty line");
			goto out;
		}
		if (split(line.buf, fields) != nfields) {
			diag_error(&loc, "expected %d tab-separated fields",
				   nfields);
			goto out;
		}
		if (check_order(&loc, kind, fields, nfields, key, &prev,
				&prev_rank) != 0)
			goto out;
		if ((kind == K_CURATED || kind == K_ATTRS) && !*fields[3]) {
			diag_error(&loc, "a curated row needs its reason");
			goto out;
		}
		if (kind == K_ATTRS || kind == K_ALIASES)
			refer(&loc, fields[1]);
		if (kind == K_KNOWN)
			know(fields[0]);
		if (add_row(w, &loc, kind, minor, fields) != 0) {
			diag_note(&loc, "in this row");
			goto out;
		}
	}
	ret = ferror(f) ? diag_error(&loc, "cannot read") : 0;
out:
	fclose(f);
	strbuf_release(&line);
	strbuf_release(&prev);
	return ret;
}

int
main(int argc, char **argv)
{
	struct mapdb_writer *w;
	int i;

	if (argc < 3) {
		fputs("usage: mkmapdb OUT.db FILE...\n", stderr);
		return 2;
	}
	w = mapdb_writer_new(argv[1], NULL);
	if (!w)
		return 1;
	for (i = 2; i < argc; i++) {
		if (load(w, argv[i]) != 0) {
			mapdb_writer_free(w);
			return 1;
		}
	}
	if (check_refs() != 0) {
		mapdb_writer_free(w);
		return 1;
	}
	i = mapdb_writer_commit(w);
	mapdb_writer_free(w);
	return i ? 1 : 0;
}
