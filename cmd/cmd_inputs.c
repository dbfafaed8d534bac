/* cmd_inputs.c - depaudit inputs: every declared input, with its origin */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd/args.h"
#include "cmd/cmd.h"
#include "core/declared.h"
#include "core/diag.h"
#include "core/jsonw.h"
#include "core/scan.h"
#include "core/source.h"
#include "core/strbuf.h"
#include "core/xalloc.h"
#include "scanners/scanners.h"

enum format { FORMAT_TEXT, FORMAT_JSON };

static const char usage_text[] =
	"usage: depaudit inputs [--format text|json] FILE|PATH...\n"
	"\n"
	"Lists every input a package declares: Nix expressions, setup.py,\n"
	"pyproject.toml, setup.cfg, requirements files, METADATA, PKG-INFO.\n"
	"Each input comes with its origin (file:line), its kind (runtime,\n"
	"build, test, optional:EXTRA, dev:GROUP), the spec as written and its\n"
	"PEP 503 name; a Nix input also with its attribute and derivation.\n"
	"\n"
	"  --format text    one line per package and per input (the default)\n"
	"  --format json    one document, \"schema\": 1\n"
	"\n"
	"exit status: 0, or 2 when no file could be read at all\n";

static bool
want_declared(const char *rel, void *ud)
{
	(void)ud;
	return scanner_pick(SCAN_DECLARED, rel) != NULL;
}

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
	strbuf_addch(out, '\n');
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
	strbuf_addch(out, '\n');
}

static void
json_opt(struct jsonw *w, const char *key, const char *value)
{
	jsonw_key(w, key);
	if (value)
		jsonw_string(w, value);
	else
		jsonw_null(w);
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

	jsonw_object_begin(w);
	json_opt(w, "id", p->id);
	json_opt(w, "name", p->name);
	json_opt(w, "version", p->version);
	json_opt(w, "builder", p->builder);
	jsonw_key(w, "line");
	jsonw_int(w, p->line);
	json_opt(w, "python_requires", p->python_requires);
	jsonw_key(w, "src");
	if (s->fetcher) {
		jsonw_object_begin(w);
		json_opt(w, "fetcher", s->fetcher);
		json_opt(w, "owner", s->owner);
		json_opt(w, "repo", s->repo);
		json_opt(w, "rev", s->rev);
		json_opt(w, "tag", s->tag);
		json_opt(w, "hash", s->hash);
		json_opt(w, "pname", s->pname);
		json_opt(w, "version", s->version);
		json_opt(w, "subdir", s->subdir);
		json_opt(w, "from", s->from);
		jsonw_key(w, "line");
		jsonw_int(w, s->line);
		jsonw_object_end(w);
	} else {
		jsonw_null(w);
	}
	json_list(w, "imports_check", p->imports_check, p->nimports_check);
	json_list(w, "relax_deps", p->relax_deps, p->nrelax_deps);
	json_list(w, "remove_deps", p->remove_deps, p->nremove_deps);
	json_list(w, "members", p->members, p->nmembers);
	json_list(w, "dynamic", p->dynamic, p->ndynamic);
	jsonw_object_end(w);
}

static void
json_requirement(struct jsonw *w, const struct requirement *r)
{
	jsonw_object_begin(w);
	json_opt(w, "package", r->package);
	jsonw_key(w, "kind");
	jsonw_string(w, req_kind_name(r->kind));
	json_opt(w, "group", r->group);
	json_opt(w, "name", r->name);
	json_opt(w, "key", r->key);
	json_opt(w, "raw", r->raw);
	json_opt(w, "extras", r->extras);
	json_opt(w, "specifier", r->specifier);
	json_opt(w, "marker", r->marker);
	json_opt(w, "url", r->url);
	json_opt(w, "attr", r->attr);
	jsonw_key(w, "conditional");
	jsonw_bool(w, r->flags & REQ_CONDITIONAL);
	jsonw_key(w, "marker_false");
	jsonw_bool(w, r->flags & REQ_MARKER_FALSE);
	jsonw_key(w, "evaluated");
	jsonw_bool(w, !(r->flags & REQ_NOT_EVALUATED));
	jsonw_key(w, "line");
	jsonw_int(w, r->line);
	jsonw_object_end(w);
}

/* A file's identity, whatever path reaches it. */
struct fid {
	dev_t dev;
	ino_t ino;
};

struct run {
	enum format format;
	struct scan_ctx *ctx;
	struct strbuf out;
	struct jsonw w;
	unsigned nread;
	unsigned nfailed;
	struct fid *seen; /* files listed so far */
	size_t nseen, aseen;
	struct fid *stack; /* the includes being followed */
	size_t nstack, astack;
};

static void
print_file(struct run *run, const char *display, const char *scanner)
{
	const struct declared_pkg *pkgs;
	const struct requirement *reqs;
	size_t npkgs, nreqs, i;

	pkgs = scan_packages(run->ctx, &npkgs);
	reqs = scan_requirements(run->ctx, &nreqs);
	if (run->format == FORMAT_TEXT) {
		for (i = 0; i < npkgs; i++)
			text_package(&run->out, display, &pkgs[i]);
		for (i = 0; i < nreqs; i++)
			text_requirement(&run->out, display, pkgs, npkgs,
					 &reqs[i]);
		return;
	}
	jsonw_object_begin(&run->w);
	jsonw_key(&run->w, "file");
	jsonw_string(&run->w, display);
	jsonw_key(&run->w, "format");
	jsonw_string(&run->w, scanner);
	jsonw_key(&run->w, "packages");
	jsonw_array_begin(&run->w);
	for (i = 0; i < npkgs; i++)
		json_package(&run->w, &pkgs[i]);
	jsonw_array_end(&run->w);
	jsonw_key(&run->w, "requirements");
	jsonw_array_begin(&run->w);
	for (i = 0; i < nreqs; i++)
		json_requirement(&run->w, &reqs[i]);
	jsonw_array_end(&run->w);
	jsonw_object_end(&run->w);
}

/* Includes nest at most this deep. */
enum { INCLUDE_MAX_DEPTH = 32 };

static bool
in_list(const struct fid *list, size_t n, const struct fid *f)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (list[i].dev == f->dev && list[i].ino == f->ino)
			return true;
	}
	return false;
}

static bool
file_id(const char *path, struct fid *f)
{
	struct stat st;

	if (stat(path, &st) != 0)
		return false;
	f->dev = st.st_dev;
	f->ino = st.st_ino;
	return true;
}

static bool
want_any(const char *rel, void *ud)
{
	(void)rel;
	(void)ud;
	return true;
}

struct pending {
	char *path;
	const char *scanner;
	enum scan_include_kind kind;
	unsigned line;
	unsigned col;
};

static void scan_file(struct run *run, const struct scanner *s,
		      const struct file_view *fv, const char *display,
		      unsigned depth);

/* Read the file an include names, as the includer's scanner reads it. */
static void
follow_include(struct run *run, const struct scanner *s, const char *from,
	       const struct pending *inc, unsigned depth)
{
	struct diag_loc loc = {NULL, from, inc->line, inc->col};
	struct strbuf path = STRBUF_INIT;
	const char *slash = strrchr(from, '/');
	struct source *src = NULL;
	struct file_view fv;
	struct fid real;

	if (inc->path[0] != '/' && slash)
		strbuf_add(&path, from, (size_t)(slash - from) + 1);
	strbuf_addstr(&path, inc->path);
	if (!file_id(path.buf, &real)) {
		diag_error(&loc, "cannot read included file '%s': %s", path.buf,
			   strerror(errno));
		run->nfailed++;
		goto out;
	}
	if (in_list(run->stack, run->nstack, &real)) {
		diag_warning(&loc, "'%s' includes itself (a cycle)", path.buf);
		goto out;
	}
	if (inc->kind == SCAN_INCLUDE_CONSTRAINTS ||
	    in_list(run->seen, run->nseen, &real))
		goto out;
	if (depth >= INCLUDE_MAX_DEPTH) {
		diag_error(&loc, "includes nest too deep at '%s'", path.buf);
		goto out;
	}
	src = source_open(path.buf, NULL, want_any, NULL);
	if (!src) {
		run->nfailed++;
		goto out;
	}
	if (inc->scanner)
		s = scanner_find(inc->scanner);
	if (s && source_next(src, &fv) == 1)
		scan_file(run, s, &fv, path.buf, depth + 1);
	run->nfailed += source_nerrors(src);
out:
	source_free(src);
	strbuf_release(&path);
}

/* Scan, print, then follow what the file includes. */
static void
scan_file(struct run *run, const struct scanner *s, const struct file_view *fv,
	  const char *display, unsigned depth)
{
	struct file_view shown = *fv;
	const struct scan_include *incs;
	struct pending *pend = NULL;
	size_t ninc, i;
	struct fid real;
	bool known = !fv->archive && file_id(display, &real);

	if (known) {
		if (in_list(run->seen, run->nseen, &real))
			return;
		XGROW(run->seen, run->nseen + 1, run->aseen);
		run->seen[run->nseen++] = real;
	}
	/* display already names the archive: ARCHIVE!MEMBER */
	shown.archive = NULL;
	shown.path = display;
	scan_ctx_reset(run->ctx);
	s->scan(run->ctx, fv);
	print_file(run, display, s->name);
	fwrite(strbuf_str(&run->out), 1, run->out.len, stdout);
	strbuf_reset(&run->out);
	scan_print_diags(run->ctx, &shown);
	incs = scan_includes(run->ctx, &ninc);
	if (!ninc || fv->archive)
		return;
	/* the context is reused by the includes: copy them out first */
	pend = xcalloc(ninc, sizeof(*pend));
	for (i = 0; i < ninc; i++) {
		pend[i].path = xstrdup(incs[i].path);
		pend[i].scanner = incs[i].scanner;
		pend[i].kind = incs[i].kind;
		pend[i].line = incs[i].line;
		pend[i].col = incs[i].col;
	}
	if (known) {
		XGROW(run->stack, run->nstack + 1, run->astack);
		run->stack[run->nstack++] = real;
	}
	for (i = 0; i < ninc; i++) {
		follow_include(run, s, display, &pend[i], depth);
		free(pend[i].path);
	}
	if (known)
		run->nstack--;
	free(pend);
}

static void
scan_path(struct run *run, const char *path)
{
	struct source *src = source_open(path, NULL, want_declared, NULL);
	struct strbuf display = STRBUF_INIT;
	struct file_view fv;

	if (!src) {
		run->nfailed++;
		return;
	}
	while (source_next(src, &fv) == 1) {
		const struct scanner *s = scanner_pick(SCAN_DECLARED, fv.path);

		strbuf_reset(&display);
		source_display_path(src, fv.path, &display);
		if (!s) {
			/* a FILE named on the command line is always read */
			struct diag_loc loc = {NULL, display.buf, 0, 0};

			diag_error(&loc, "no reader for this file");
			run->nfailed++;
			continue;
		}
		scan_file(run, s, &fv, display.buf, 0);
	}
	run->nread += source_nfiles(src);
	run->nfailed += source_nerrors(src);
	source_free(src);
	strbuf_release(&display);
}

int
cmd_inputs(int argc, char **argv)
{
	static const struct opt opts[] = {
		{"format", 0, true},
		{"help", 'h', false},
		{NULL, 0, false},
	};
	const char **paths = xcalloc((size_t)argc + 1, sizeof(*paths));
	struct run run;
	unsigned npaths = 0, i;
	struct args a;
	const char *value;
	int k, status = EXIT_TROUBLE;

	memset(&run, 0, sizeof(run));
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
		} else if (!strcmp(value, "text")) {
			run.format = FORMAT_TEXT;
		} else if (!strcmp(value, "json")) {
			run.format = FORMAT_JSON;
		} else {
			diag_error(NULL, "depaudit inputs: unknown format "
				   "'%s' (text, json)", value);
			goto out;
		}
	}
	if (!npaths) {
		fputs(usage_text, stderr);
		goto out;
	}
	run.ctx = scan_ctx_new();
	if (run.format == FORMAT_JSON) {
		jsonw_init(&run.w, &run.out, true);
		jsonw_object_begin(&run.w);
		jsonw_key(&run.w, "schema");
		jsonw_int(&run.w, 1);
		jsonw_key(&run.w, "files");
		jsonw_array_begin(&run.w);
	}
	for (i = 0; i < npaths; i++)
		scan_path(&run, paths[i]);
	if (run.format == FORMAT_JSON) {
		jsonw_array_end(&run.w);
		jsonw_object_end(&run.w);
		strbuf_addch(&run.out, '\n');
		fwrite(strbuf_str(&run.out), 1, run.out.len, stdout);
	}
	status = run.nfailed && !run.nread ? EXIT_TROUBLE : EXIT_CLEAN;
	if (fflush(stdout) != 0) {
		diag_error(NULL, "cannot write the output");
		status = EXIT_TROUBLE;
	}
out:
	free(run.seen);
	free(run.stack);
	scan_ctx_free(run.ctx);
	strbuf_release(&run.out);
	free(paths);
	return status;
}
