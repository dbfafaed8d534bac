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
 * rows as the revision the rows describe.  A malformed line is an error
 * naming FILE:LINE, and no table is written.
 */
#include <errno.h>
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
} kinds[] = {
	{"curated.tsv", K_CURATED, 4},
	{"debian.tsv", K_DEBIAN, 3},
	{"attrs.tsv", K_ATTRS, 4},
	{"nixpkgs-aliases.tsv", K_ALIASES, 3},
	{"nixpkgs-attrs.txt", K_KNOWN, 1},
	{"namespaces.txt", K_NAMESPACES, 1},
	{"requires.tsv", K_REQUIRES, 2},
	{"nix-hooks.tsv", K_HOOKS, 3},
};

enum { MAXFIELDS = 4 };

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
	struct strbuf line = STRBUF_INIT;
	enum kind kind = K_STDLIB;
	int nfields = 1, ret = -1, c;
	unsigned minor = 0;
	bool first_comment = true;
	size_t i;
	FILE *f;

	for (i = 0; i < DP_ARRAY_LEN(kinds); i++) {
		if (!strcmp(name, kinds[i].name)) {
			kind = kinds[i].kind;
			nfields = kinds[i].nfields;
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
		if (add_row(w, &loc, kind, minor, fields) != 0) {
			diag_note(&loc, "in this row");
			goto out;
		}
	}
	ret = ferror(f) ? diag_error(&loc, "cannot read") : 0;
out:
	fclose(f);
	strbuf_release(&line);
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
	i = mapdb_writer_commit(w);
	mapdb_writer_free(w);
	return i ? 1 : 0;
}
