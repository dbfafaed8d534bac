/* cmd_map.c - depaudit map: module -> distribution(s) -> nixpkgs attribute */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/args.h"
#include "cmd/cmd.h"
#include "cmd/installed.h"
#include "core/diag.h"
#include "core/jsonw.h"
#include "core/mapdb.h"
#include "core/strbuf.h"
#include "core/xalloc.h"

enum format { FORMAT_TEXT, FORMAT_JSON };

static const char usage_text[] =
	"usage: depaudit map [--format text|json] [--python X.Y] [--db FILE]\n"
	"                    [--site-packages DIR]... MODULE...\n"
	"\n"
	"Answers, for each import name, the distributions that provide it\n"
	"(by the longest dotted prefix the mapping table knows), the nixpkgs\n"
	"attribute of each, where each answer comes from, and whether the\n"
	"name is in the standard library.\n"
	"\n"
	"  --format text   one block per module (the default)\n"
	"  --format json   one JSON document, \"schema\": 1\n"
	"  --python X.Y    the Python version for stdlib membership (3.8 to\n"
	"                  3.14; default 3.12)\n"
	"  --db FILE       a user table (from 'depaudit db import') layered\n"
	"                  over the shipped one; default\n"
	"                  $XDG_DATA_HOME/depaudit/mapdb.db when it exists\n"
	"  --site-packages DIR  an installed environment, asked first\n"
	"                  (repeatable)\n"
	"\n"
	"exit status: 0, or 2 for a bad name or an unreadable table\n";

/* "3.8, 3.9, 3.10" for a bit set of versions. */
static void
add_versions(struct strbuf *out, unsigned bits)
{
	unsigned minor;
	const char *sep = "";

	for (minor = MAPDB_PY_MIN; minor <= MAPDB_PY_MAX; minor++) {
		if (bits & (1u << (minor - MAPDB_PY_MIN))) {
			strbuf_addf(out, "%s3.%u", sep, minor);
			sep = ", ";
		}
	}
}

static void
add_sources(struct strbuf *out, unsigned sources)
{
	int s;
	const char *sep = "";

	for (s = 0; s < MAPDB_NSOURCES; s++) {
		if (sources & (1u << s)) {
			strbuf_addf(out, "%s%s", sep, mapdb_source_name(s));
			sep = ", ";
		}
	}
}

static void
print_text(struct strbuf *out, const struct mapdb_answer *a, unsigned minor)
{
	size_t i, j;

	strbuf_addf(out, "%s:", a->module);
	if (a->stdlib)
		strbuf_addf(out, " stdlib on 3.%u", minor);
	if (a->nproviders)
		strbuf_addf(out, "%s %zu provider%s via %s",
			    a->stdlib ? ";" : "", a->nproviders,
			    a->nproviders == 1 ? "" : "s", a->prefix);
	else if (!a->stdlib)
		strbuf_addstr(out, " unknown");
	strbuf_addch(out, '\n');
	for (i = 0; i < a->nproviders; i++) {
		const struct mapdb_provider *p = &a->providers[i];

		strbuf_addf(out, "  %s [", p->dist);
		add_sources(out, p->sources);
		strbuf_addf(out, "; rank %d%s] -> ", p->rank,
			    p->user ? "; user" : "");
		if (!p->nattrs)
			strbuf_addstr(out, "no attribute (not in nixpkgs)");
		for (j = 0; j < p->nattrs; j++)
			strbuf_addf(out, "%s%s [%s]", j ? ", " : "",
				    p->attrs[j].attr,
				    mapdb_source_name(p->attrs[j].source));
		strbuf_addch(out, '\n');
	}
	if (a->namespace && !a->nproviders)
		strbuf_addstr(out, "  namespace root: only its dotted children "
				   "are mapped\n");
	if (a->guess) {
		strbuf_addf(out, "  guess %s -> ", a->guess);
		if (a->guess_attr)
			strbuf_addf(out, "%s [guess]\n", a->guess_attr);
		else
			strbuf_addstr(out, "no attribute (not in nixpkgs)\n");
	}
	if (a->stdlib_versions && !a->stdlib) {
		strbuf_addstr(out, "  stdlib in ");
		add_versions(out, a->stdlib_versions);
		strbuf_addch(out, '\n');
	}
}

static void
json_version(struct jsonw *w, unsigned minor)
{
	char v[16];

	snprintf(v, sizeof(v), "3.%u", minor);
	jsonw_string(w, v);
}

static void
print_json(struct jsonw *w, const struct mapdb_answer *a)
{
	unsigned minor;
	size_t i, j;
	int s;

	jsonw_object_begin(w);
	jsonw_key(w, "module");
	jsonw_string(w, a->module);
	jsonw_member_string(w, "prefix", a->prefix);
	jsonw_key(w, "stdlib");
	jsonw_bool(w, a->stdlib);
	jsonw_key(w, "stdlib_versions");
	jsonw_array_begin(w);
	for (minor = MAPDB_PY_MIN; minor <= MAPDB_PY_MAX; minor++) {
		if (a->stdlib_versions & (1u << (minor - MAPDB_PY_MIN)))
			json_version(w, minor);
	}
	jsonw_array_end(w);
	jsonw_key(w, "namespace");
	jsonw_bool(w, a->namespace);
	jsonw_key(w, "unknown");
	jsonw_bool(w, !a->nproviders && !a->stdlib);
	jsonw_key(w, "providers");
	jsonw_array_begin(w);
	for (i = 0; i < a->nproviders; i++) {
		const struct mapdb_provider *p = &a->providers[i];

		jsonw_object_begin(w);
		jsonw_key(w, "dist");
		jsonw_string(w, p->dist);
		jsonw_key(w, "rank");
		jsonw_int(w, p->rank);
		jsonw_key(w, "sources");
		jsonw_array_begin(w);
		for (s = 0; s < MAPDB_NSOURCES; s++) {
			if (p->sources & (1u << s))
				jsonw_string(w, mapdb_source_name(s));
		}
		jsonw_array_end(w);
		jsonw_key(w, "user");
		jsonw_bool(w, p->user);
		jsonw_key(w, "attrs");
		jsonw_array_begin(w);
		for (j = 0; j < p->nattrs; j++) {
			jsonw_object_begin(w);
			jsonw_key(w, "attr");
			jsonw_string(w, p->attrs[j].attr);
			jsonw_key(w, "source");
			jsonw_string(w, mapdb_source_name(p->attrs[j].source));
			jsonw_key(w, "rank");
			jsonw_int(w, p->attrs[j].rank);
			jsonw_object_end(w);
		}
		jsonw_array_end(w);
		jsonw_member_string(w, "attr_guess", p->guess);
		jsonw_object_end(w);
	}
	jsonw_array_end(w);
	jsonw_member_string(w, "guess", a->guess);
	jsonw_member_string(w, "guess_attr", a->guess_attr);
	jsonw_object_end(w);
}

int
cmd_map(int argc, char **argv)
{
	static const struct opt opts[] = {
		{"format", 0, true},
		{"python", 0, true},
		{"db", 0, true},
		{"help", 'h', false},
		{"site-packages", 0, true},
		{NULL, 0, false},
	};
	const char **sites = xcalloc((size_t)argc + 1, sizeof(*sites));
	size_t nsites = 0, s;
	enum format format = FORMAT_TEXT;
	const char **mods = xcalloc((size_t)argc + 1, sizeof(*mods));
	const char *value, *user = NULL;
	unsigned nmods = 0, minor = MAPDB_PY_DEFAULT, i;
	struct strbuf out = STRBUF_INIT;
	struct mapdb *db = NULL;
	struct jsonw w;
	struct args a;
	int k, status = EXIT_TROUBLE;

	args_init(&a, argc, argv, "depaudit map");
	while ((k = args_next(&a, opts, &value)) != ARGS_END) {
		switch (k) {
		case ARGS_ERROR:
			goto out;
		case ARGS_POSITIONAL:
			mods[nmods++] = value;
			break;
		case 0:
			if (!strcmp(value, "text")) {
				format = FORMAT_TEXT;
			} else if (!strcmp(value, "json")) {
				format = FORMAT_JSON;
			} else {
				diag_error(NULL,
					   "depaudit map: unknown format "
					   "'%s' (text, json)",
					   value);
				goto out;
			}
			break;
		case 1:
			if (mapdb_parse_python(value, &minor) != 0)
				goto out;
			break;
		case 2:
			user = value;
			break;
		case 3:
			fputs(usage_text, stdout);
			status = EXIT_CLEAN;
			goto out;
		case 4:
			sites[nsites++] = value;
			break;
		}
	}
	if (!nmods) {
		fputs(usage_text, stderr);
		goto out;
	}
	for (i = 0; i < nmods; i++) {
		if (!mapdb_valid_module(mods[i], strlen(mods[i]))) {
			diag_error(NULL,
				   "depaudit map: '%s' is not a module "
				   "name",
				   mods[i]);
			goto out;
		}
	}
	db = mapdb_open_default(user);
	if (!db)
		goto out;
	for (s = 0; s < nsites; s++) {
		if (installed_load(db, sites[s]) < 0)
			goto out;
	}
	mapdb_set_python(db, minor);
	if (format == FORMAT_JSON) {
		jsonw_init(&w, &out, true);
		jsonw_object_begin(&w);
		jsonw_key(&w, "schema");
		jsonw_int(&w, 1);
		jsonw_key(&w, "python");
		json_version(&w, minor);
		jsonw_key(&w, "modules");
		jsonw_array_begin(&w);
	}
	for (i = 0; i < nmods; i++) {
		const struct mapdb_answer *ans = mapdb_lookup(db, mods[i]);

		if (!ans)
			goto out;
		if (format == FORMAT_JSON)
			print_json(&w, ans);
		else
			print_text(&out, ans, minor);
	}
	if (format == FORMAT_JSON) {
		jsonw_array_end(&w);
		jsonw_object_end(&w);
		strbuf_addch(&out, '\n');
	}
	fwrite(strbuf_str(&out), 1, out.len, stdout);
	if (fflush(stdout) != 0) {
		diag_error(NULL, "cannot write the output");
		goto out;
	}
	status = EXIT_CLEAN;
out:
	mapdb_free(db);
	strbuf_release(&out);
	free(mods);
	free(sites);
	return status;
}
