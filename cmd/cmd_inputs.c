/* cmd_inputs.c - depaudit inputs: every declared input, with its origin */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/args.h"
#include "cmd/collect.h"
#include "cmd/cmd.h"
#include "core/declared.h"
#include "core/diag.h"
#include "core/jsonw.h"
#include "core/mapdb.h"
#include "core/scan.h"
#include "core/ship.h"
#include "core/source.h"
#include "core/strbuf.h"
#include "core/xalloc.h"
#include "scanners/scanners.h"

enum format { FORMAT_TEXT, FORMAT_JSON };

static const char usage_text[] =
	"usage: depaudit inputs [--format text|json] [--python X.Y] [LIMITS]\n"
	"                       FILE|PATH...\n"
	"\n"
	"Lists every input a package declares: Nix expressions, setup.py,\n"
	"pyproject.toml, setup.cfg, requirements files, METADATA, PKG-INFO.\n"
	"Each input comes with its origin (file:line), its kind (runtime,\n"
	"build, test, optional:EXTRA, dev:GROUP), the spec as written and its\n"
	"PEP 503 name; a Nix input also with its attribute and derivation.\n"
	"\n"
	"  --format text    one line per package and per input (the default)\n"
	"  --format json    one document, \"schema\": 1\n"
	"  --python X.Y     evaluate markers for Python X.Y (default 3.12)\n"
	"  LIMITS           for archives, as in depaudit imports --help\n"
	"\n"
	"exit status: 0, or 2 when no file could be read at all\n";

static void
add_kind(struct strbuf *sb, const struct requirement *r)
{
	strbuf_addstr(sb, req_kind_name(r->kind));
	if (r->group) {
		strbuf_addch(sb, ':');
		strbuf_add_escaped(sb, r->group, strlen(r->group));
	}
}

static void
add_str(struct strbuf *sb, const char *s)
{
	strbuf_add_escaped(sb, s, strlen(s));
}

static const struct declared_pkg *
find_pkg(const struct declared_pkg *pkgs, size_t n, const char *id)
{
	size_t i;

	for (i = 0; id && i < n; i++) {
		if (!strcmp(pkgs[i].id, id))
			return &pkgs[i];
	}
	return NULL;
}

static void
text_package(struct strbuf *out, const char *display,
	     const struct declared_pkg *p)
{
	const struct declared_src *s = &p->src;
	size_t i;

	add_str(out, display);
	strbuf_addf(out, ":%u: package ", p->line);
	add_str(out, p->name ? p->name : p->id);
	if (p->version) {
		strbuf_addch(out, ' ');
		add_str(out, p->version);
	}
	if (p->builder) {
		strbuf_addstr(out, " (");
		add_str(out, p->builder);
		strbuf_addch(out, ')');
	}
	if (s->fetcher) {
		strbuf_addstr(out, " src=");
		add_str(out, s->fetcher);
		if (s->owner && s->repo) {
			strbuf_addch(out, ' ');
			add_str(out, s->owner);
			strbuf_addch(out, '/');
			add_str(out, s->repo);
		}
		if (s->rev) {
			strbuf_addstr(out, " rev=");
			add_str(out, s->rev);
		}
		if (s->tag) {
			strbuf_addstr(out, " tag=");
			add_str(out, s->tag);
		}
		if (s->subdir) {
			strbuf_addstr(out, " subdir=");
			add_str(out, s->subdir);
		}
	}
	if (p->no_check)
		strbuf_addstr(out, " doCheck=false");
	for (i = 0; i < p->nskip_tests; i++) {
		strbuf_addstr(out, i ? "," : " skip-tests=");
		add_str(out, p->skip_tests[i]);
	}
	strbuf_addch(out, '\n');
}

/* One line per build setting: what decides the files of the wheel. */
static void
text_ship(struct strbuf *out, const char *display, const struct declared_pkg *p)
{
	size_t i;

	for (i = 0; i < p->nship; i++) {
		const struct ship_setting *s = &p->ship[i];

		add_str(out, display);
		strbuf_addf(out, ":%u: ", s->line);
		add_str(out, p->name ? p->name : p->id);
		strbuf_addstr(out, " ship ");
		strbuf_addstr(out, ship_key_name(s->key));
		if (s->value) {
			strbuf_addstr(out, " '");
			add_str(out, s->value);
			strbuf_addch(out, '\'');
		}
		if (s->value2) {
			strbuf_addstr(out, " -> '");
			add_str(out, s->value2);
			strbuf_addch(out, '\'');
		}
		strbuf_addch(out, '\n');
	}
}

static void
text_requirement(struct strbuf *out, const char *display,
		 const struct declared_pkg *pkgs, size_t npkgs,
		 const struct requirement *r)
{
	const struct declared_pkg *p = find_pkg(pkgs, npkgs, r->package);

	add_str(out, display);
	strbuf_addf(out, ":%u: ", r->line);
	if (p)
		add_str(out, p->name ? p->name : p->id);
	else if (r->package) /* declared for a package of another file */
		add_str(out, r->package);
	else
		strbuf_addch(out, '-');
	strbuf_addch(out, ' ');
	add_kind(out, r);
	strbuf_addch(out, ' ');
	add_str(out, r->key ? r->key : "?");
	strbuf_addstr(out, " '");
	add_str(out, r->raw ? r->raw : "");
	strbuf_addch(out, '\'');
	if (r->attr) {
		strbuf_addstr(out, " attr=");
		add_str(out, r->attr);
	}
	if (r->flags & REQ_CONDITIONAL)
		strbuf_addstr(out, " [conditional]");
	if (r->flags & REQ_MARKER_FALSE)
		strbuf_addstr(out, " [marker false]");
	if (r->flags & REQ_NOT_EVALUATED)
		strbuf_addstr(out, " [not evaluated]");
	if (r->flags & REQ_NIX_TOPLEVEL)
		strbuf_addstr(out, " [not python]");
	if (r->flags & REQ_NIX_PYTHON)
		strbuf_addstr(out, " [python]");
	if (r->flags & REQ_NIX_IMPLIED)
		strbuf_addstr(out, " [implied]");
	strbuf_addch(out, '\n');
}

static void
json_list(struct jsonw *w, const char *key, const char **v, size_t n)
{
	size_t i;

	jsonw_key(w, key);
	jsonw_array_begin(w);
	for (i = 0; i < n; i++)
		jsonw_string(w, v[i]);
	jsonw_array_end(w);
}

static void
json_package(struct jsonw *w, const struct declared_pkg *p)
{
	const struct declared_src *s = &p->src;
	size_t i;

	jsonw_object_begin(w);
	jsonw_member_string(w, "id", p->id);
	jsonw_member_string(w, "name", p->name);
	jsonw_member_string(w, "version", p->version);
	jsonw_member_string(w, "builder", p->builder);
	jsonw_key(w, "line");
	jsonw_int(w, p->line);
	jsonw_member_string(w, "python_requires", p->python_requires);
	jsonw_key(w, "src");
	if (s->fetcher) {
		jsonw_object_begin(w);
		jsonw_member_string(w, "fetcher", s->fetcher);
		jsonw_member_string(w, "owner", s->owner);
		jsonw_member_string(w, "repo", s->repo);
		jsonw_member_string(w, "rev", s->rev);
		jsonw_member_string(w, "tag", s->tag);
		jsonw_member_string(w, "hash", s->hash);
		jsonw_member_string(w, "pname", s->pname);
		jsonw_member_string(w, "version", s->version);
		jsonw_member_string(w, "subdir", s->subdir);
		jsonw_member_string(w, "from", s->from);
		jsonw_key(w, "line");
		jsonw_int(w, s->line);
		jsonw_object_end(w);
	} else {
		jsonw_null(w);
	}
	json_list(w, "imports_check", p->imports_check, p->nimports_check);
	json_list(w, "relax_deps", p->relax_deps, p->nrelax_deps);
	json_list(w, "remove_deps", p->remove_deps, p->nremove_deps);
	jsonw_key(w, "do_check");
	jsonw_bool(w, !p->no_check);
	json_list(w, "skip_tests", p->skip_tests, p->nskip_tests);
	json_list(w, "members", p->members, p->nmembers);
	json_list(w, "dynamic", p->dynamic, p->ndynamic);
	jsonw_key(w, "ship");
	jsonw_array_begin(w);
	for (i = 0; i < p->nship; i++) {
		jsonw_object_begin(w);
		jsonw_key(w, "key");
		jsonw_string(w, ship_key_name(p->ship[i].key));
		jsonw_member_string(w, "value", p->ship[i].value);
		jsonw_member_string(w, "value2", p->ship[i].value2);
		jsonw_key(w, "line");
		jsonw_int(w, p->ship[i].line);
		jsonw_object_end(w);
	}
	jsonw_array_end(w);
	jsonw_object_end(w);
}

static void
json_requirement(struct jsonw *w, const struct requirement *r)
{
	jsonw_object_begin(w);
	jsonw_member_string(w, "package", r->package);
	jsonw_key(w, "kind");
	jsonw_string(w, req_kind_name(r->kind));
	jsonw_member_string(w, "group", r->group);
	jsonw_member_string(w, "name", r->name);
	jsonw_member_string(w, "key", r->key);
	jsonw_member_string(w, "raw", r->raw);
	jsonw_member_string(w, "extras", r->extras);
	jsonw_member_string(w, "specifier", r->specifier);
	jsonw_member_string(w, "marker", r->marker);
	jsonw_member_string(w, "url", r->url);
	jsonw_member_string(w, "attr", r->attr);
	jsonw_key(w, "conditional");
	jsonw_bool(w, r->flags & REQ_CONDITIONAL);
	jsonw_key(w, "marker_false");
	jsonw_bool(w, r->flags & REQ_MARKER_FALSE);
	jsonw_key(w, "evaluated");
	jsonw_bool(w, !(r->flags & REQ_NOT_EVALUATED));
	jsonw_key(w, "nix_set");
	if (r->flags & REQ_NIX_TOPLEVEL)
		jsonw_string(w, "top-level");
	else if (r->flags & REQ_NIX_PYTHON)
		jsonw_string(w, "python");
	else
		jsonw_null(w);
	jsonw_key(w, "implied");
	jsonw_bool(w, r->flags & REQ_NIX_IMPLIED);
	jsonw_key(w, "line");
	jsonw_int(w, r->line);
	jsonw_object_end(w);
}

struct run {
	enum format format;
	struct strbuf out;
	struct jsonw w;
};

static void
print_file(struct run *run, const struct collected_file *f)
{
	size_t i;

	if (run->format == FORMAT_TEXT) {
		for (i = 0; i < f->npkgs; i++) {
			text_package(&run->out, f->display, &f->pkgs[i]);
			text_ship(&run->out, f->display, &f->pkgs[i]);
		}
		for (i = 0; i < f->nreqs; i++)
			text_requirement(&run->out, f->display, f->pkgs,
					 f->npkgs, &f->reqs[i]);
		return;
	}
	jsonw_object_begin(&run->w);
	jsonw_key(&run->w, "file");
	jsonw_string(&run->w, f->display);
	jsonw_key(&run->w, "format");
	jsonw_string(&run->w, f->scanner);
	jsonw_key(&run->w, "packages");
	jsonw_array_begin(&run->w);
	for (i = 0; i < f->npkgs; i++)
		json_package(&run->w, &f->pkgs[i]);
	jsonw_array_end(&run->w);
	jsonw_key(&run->w, "requirements");
	jsonw_array_begin(&run->w);
	for (i = 0; i < f->nreqs; i++)
		json_requirement(&run->w, &f->reqs[i]);
	jsonw_array_end(&run->w);
	jsonw_object_end(&run->w);
}

int
cmd_inputs(int argc, char **argv)
{
	static const struct opt opts[] = {
		{"format", 0, true}, {"help", 'h', false}, {"python", 0, true},
		ARGS_LIMIT_OPTS,     {NULL, 0, false},
	};
	const char **paths = xcalloc((size_t)argc + 1, sizeof(*paths));
	struct source_limits limits = SOURCE_LIMITS_DEFAULT;
	unsigned minor = MAPDB_PY_DEFAULT;
	struct collection files;
	struct run run;
	size_t npaths = 0, i;
	struct args a;
	const char *value;
	int k, status = EXIT_TROUBLE;

	memset(&run, 0, sizeof(run));
	memset(&files, 0, sizeof(files));
	run.format = FORMAT_TEXT;
	args_init(&a, argc, argv, "depaudit inputs");
	while ((k = args_next(&a, opts, &value)) != ARGS_END) {
		if (k == ARGS_ERROR)
			goto out;
		if (k == ARGS_POSITIONAL) {
			paths[npaths++] = value;
		} else if (k == 1) {
			fputs(usage_text, stdout);
			status = EXIT_CLEAN;
			goto out;
		} else if (k == 2) {
			if (mapdb_parse_python(value, &minor) < 0)
				goto out;
		} else if (k > 2) {
			if (args_limit(opts[k].name, value, &limits) < 0)
				goto out;
		} else if (!strcmp(value, "text")) {
			run.format = FORMAT_TEXT;
		} else if (!strcmp(value, "json")) {
			run.format = FORMAT_JSON;
		} else {
			diag_error(NULL,
				   "depaudit inputs: unknown format "
				   "'%s' (text, json)",
				   value);
			goto out;
		}
	}
	if (!npaths) {
		fputs(usage_text, stderr);
		goto out;
	}
	collection_init(&files, minor, 1);
	for (i = 0; i < npaths; i++)
		collect_path(&files, paths[i], &limits, COLLECT_DECLARED);
	if (run.format == FORMAT_JSON) {
		jsonw_init(&run.w, &run.out, true);
		jsonw_object_begin(&run.w);
		jsonw_key(&run.w, "schema");
		jsonw_int(&run.w, 1);
		jsonw_key(&run.w, "files");
		jsonw_array_begin(&run.w);
	}
	for (i = 0; i < files.nfiles; i++) {
		if (files.files[i].scanner)
			print_file(&run, &files.files[i]);
	}
	if (run.format == FORMAT_JSON) {
		jsonw_array_end(&run.w);
		jsonw_object_end(&run.w);
		strbuf_addch(&run.out, '\n');
	}
	fwrite(strbuf_str(&run.out), 1, run.out.len, stdout);
	status = files.nfailed && !files.nread ? EXIT_TROUBLE : EXIT_CLEAN;
	if (fflush(stdout) != 0) {
		diag_error(NULL, "cannot write the output");
		status = EXIT_TROUBLE;
	}
out:
	collection_release(&files);
	strbuf_release(&run.out);
	free(paths);
	return status;
}
