/* collect.c - the files of a PATH through every reader; see collect.h */
#define _DEFAULT_SOURCE /* realpath() */
#include "cmd/collect.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/declared.h"
#include "core/diag.h"
#include "core/pool.h"
#include "core/scan.h"
#include "core/source.h"
#include "core/strbuf.h"
#include "core/xalloc.h"
#include "scanners/scanners.h"

enum { INCLUDE_MAX_DEPTH = 32 };

/* A file by identity, so that one reached twice is read once. */
struct fid {
	dev_t dev;
	ino_t ino;
};

/* A file read, and into which collected file. */
struct seen_file {
	struct fid id;
	size_t file;
	bool owned; /* read as another file's declaration */
};

struct collect_seen {
	struct scan_ctx *ctx;
	struct pool *pool; /* the import scans, made on first use */
	unsigned jobs;
	unsigned what;
	struct seen_file *seen; /* files read */
	size_t nseen, aseen;
	struct fid *stack; /* the includes being followed */
	size_t nstack, astack;
	/* The real path of the directory of the PATH being read (of the
	 * file, when it is one), or NULL: what an include that is another
	 * file's declaration must stay in. */
	char *root;
};

/* An import scan on a worker: a file's bytes in, its results out. */
struct scan_job {
	const struct scanner *scanner;
	size_t index; /* of the collected file */
	char *path;   /* as the scanner sees it */
	const char *display;
	struct source_file file;
	struct arena arena; /* the imports, out of the worker's context */
	struct import *imports;
	size_t nimports;
	struct strbuf walk; /* what the walk said on the way to the file */
	struct strbuf err;  /* the scan's diagnostics */
};

/* An include copied out of the scan context, which the includes reuse. */
struct pending {
	char *path;
	const char *scanner;
	enum scan_include_kind kind;
	unsigned line;
	unsigned col;
	struct scan_owner owner; /* its strings on the heap */
};

static void *
new_worker_ctx(void *ud)
{
	const struct collection *c = ud;
	struct scan_ctx *ctx = scan_ctx_new();

	scan_ctx_set_python(ctx, c->python_minor);
	return ctx;
}

static void
free_worker_ctx(void *state)
{
	scan_ctx_free(state);
}

/* On a worker: scan one file, copying out what the scan found. */
static void
scan_file(void *arg, void *state, void *ud)
{
	struct scan_job *job = arg;
	struct scan_ctx *ctx = state;
	struct file_view fv = {NULL, job->path, NULL, 0};
	struct file_view shown = {NULL, job->display, NULL, 0};
	const struct import *imps;
	size_t i;

	(void)ud;
	if (source_file_load(&job->file, &job->err) != 0)
		return;
	fv.data = job->file.data;
	fv.len = job->file.len;
	scan_ctx_reset(ctx);
	job->scanner->scan(ctx, &fv);
	imps = scan_imports(ctx, &job->nimports);
	if (job->nimports) {
		job->imports = arena_alloc(
			&job->arena, job->nimports * sizeof(*job->imports));
		for (i = 0; i < job->nimports; i++)
			import_copy(&job->arena, &job->imports[i], &imps[i]);
	}
	scan_format_diags(ctx, &shown, &job->err);
	free(job->file.data);
	job->file.data = NULL;
}

/* Back on the main thread: print what the job has to say, keep its
 * imports. */
static void
finish_scan(struct collection *c, struct scan_job *job)
{
	struct collected_file *f = &c->files[job->index];
	struct import *ic = NULL;
	size_t i;

	source_file_count(&job->file, &c->nread, &c->nfailed);
	diag_print(&job->walk);
	diag_print(&job->err);
	if (job->nimports) {
		ic = arena_alloc(&c->arena, job->nimports * sizeof(*ic));
		for (i = 0; i < job->nimports; i++)
			import_copy(&c->arena, &ic[i], &job->imports[i]);
	}
	f->imports = ic;
	f->nimports = job->nimports;
	arena_release(&job->arena);
	strbuf_release(&job->walk);
	strbuf_release(&job->err);
	free(job->path);
	source_file_release(&job->file);
	free(job);
}

/* Take back every job in flight, or (without wait) the finished ones. */
static void
finish_scans(struct collection *c, bool wait)
{
	struct scan_job *job;

	if (!c->seen->pool)
		return;
	while ((job = pool_next(c->seen->pool, wait)))
		finish_scan(c, job);
}

void
collection_init(struct collection *c, unsigned python_minor, unsigned jobs)
{
	memset(c, 0, sizeof(*c));
	c->python_minor = python_minor;
	c->seen = xcalloc(1, sizeof(*c->seen));
	c->seen->ctx = scan_ctx_new();
	c->seen->jobs = jobs ? jobs : 1;
	scan_ctx_set_python(c->seen->ctx, python_minor);
}

void
collection_release(struct collection *c)
{
	if (c->seen) {
		/* collect_path() took back every scan */
		pool_free(c->seen->pool);
		scan_ctx_free(c->seen->ctx);
		free(c->seen->seen);
		free(c->seen->stack);
		free(c->seen);
	}
	free(c->files);
	arena_release(&c->arena);
	memset(c, 0, sizeof(*c));
}

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

static struct seen_file *
find_seen(struct collect_seen *st, const struct fid *f)
{
	size_t i;

	for (i = 0; i < st->nseen; i++) {
		if (st->seen[i].id.dev == f->dev &&
		    st->seen[i].id.ino == f->ino)
			return &st->seen[i];
	}
	return NULL;
}

/* Whether path resolves to a file under root (a real path). */
static bool
inside(const char *root, const char *path)
{
	char *real = realpath(path, NULL);
	size_t n = strlen(root);
	bool in;

	if (!real)
		return false;
	in = !strncmp(real, root, n) &&
	     (real[n] == '/' || (n && root[n - 1] == '/'));
	free(real);
	return in;
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
want(const char *rel, void *ud)
{
	const struct collect_seen *s = ud;

	return ((s->what & COLLECT_IMPORTS) &&
		scanner_pick(SCAN_IMPORTS, rel)) ||
	       ((s->what & COLLECT_DECLARED) &&
		scanner_pick(SCAN_DECLARED, rel));
}

static bool
want_any(const char *rel, void *ud)
{
	(void)rel;
	(void)ud;
	return true;
}

static struct collected_file *
new_file(struct collection *c, const char *display)
{
	struct collected_file *f;

	XGROW(c->files, c->nfiles + 1, c->afiles);
	f = &c->files[c->nfiles++];
	memset(f, 0, sizeof(*f));
	f->display = arena_strdup(&c->arena, display);
	f->root = c->nroots - 1;
	return f;
}

/* Copy what the scan context holds into the collection's arena. */
static void
keep_results(struct collection *c, struct collected_file *f)
{
	struct scan_ctx *ctx = c->seen->ctx;
	const struct import *imps;
	const struct declared_pkg *pkgs;
	const struct requirement *reqs;
	struct import *ic;
	struct declared_pkg *pc;
	struct requirement *rc;
	size_t n, i;

	imps = scan_imports(ctx, &n);
	if (n) {
		ic = arena_alloc(&c->arena, n * sizeof(*ic));
		for (i = 0; i < n; i++)
			import_copy(&c->arena, &ic[i], &imps[i]);
		f->imports = ic;
		f->nimports = n;
	}
	pkgs = scan_packages(ctx, &n);
	if (n) {
		pc = arena_alloc(&c->arena, n * sizeof(*pc));
		for (i = 0; i < n; i++)
			declared_pkg_copy(&c->arena, &pc[i], &pkgs[i]);
		f->pkgs = pc;
		f->npkgs = n;
	}
	reqs = scan_requirements(ctx, &n);
	if (n) {
		rc = arena_alloc(&c->arena, n * sizeof(*rc));
		for (i = 0; i < n; i++)
			requirement_copy(&c->arena, &rc[i], &reqs[i]);
		f->reqs = rc;
		f->nreqs = n;
	}
}

/* Run one scanner over fv, for owner (NULL: the file's own reading),
 * and print its diagnostics unless quiet. */
static void
run_scanner(struct collection *c, const struct scanner *s,
	    const struct file_view *fv, const char *display,
	    const struct scan_owner *owner, bool quiet)
{
	/* display already names the archive: ARCHIVE!MEMBER */
	struct file_view shown = {NULL, display, NULL, 0};

	scan_ctx_reset(c->seen->ctx);
	scan_ctx_set_owner(c->seen->ctx, owner);
	s->scan(c->seen->ctx, fv);
	if (!quiet)
		scan_print_diags(c->seen->ctx, &shown);
}

static void read_declared(struct collection *c, const struct scanner *s,
			  const struct file_view *fv, size_t index,
			  const struct scan_owner *owner, unsigned depth);

static void
follow_include(struct collection *c, const struct scanner *s, const char *from,
	       const struct pending *inc, unsigned depth)
{
	struct collect_seen *st = c->seen;
	struct diag_loc loc = {NULL, from, inc->line, inc->col};
	struct strbuf path = STRBUF_INIT;
	const char *slash = strrchr(from, '/');
	const struct scan_owner *owner =
		inc->owner.package ? &inc->owner : NULL;
	struct source *src = NULL;
	struct seen_file *sf;
	struct file_view fv;
	struct fid real;
	size_t index;

	if (inc->path[0] != '/' && slash)
		strbuf_add(&path, from, (size_t)(slash - from) + 1);
	strbuf_addstr(&path, inc->path);
	if (!file_id(path.buf, &real)) {
		diag_error(&loc, "cannot read included file '%s': %s", path.buf,
			   strerror(errno));
		c->nfailed++;
		goto out;
	}
	/* a declaration is read from the tree only, symlinks resolved */
	if (owner && (!st->root || !inside(st->root, path.buf))) {
		diag_error(&loc, "'%s' is outside the tree: not read",
			   path.buf);
		c->nfailed++;
		goto out;
	}
	if (in_list(st->stack, st->nstack, &real)) {
		diag_warning(&loc, "'%s' includes itself (a cycle)", path.buf);
		goto out;
	}
	sf = find_seen(st, &real);
	/* a file read as its own may be another file's declaration after
	 * all: then it is read again, into the same entry */
	if (inc->kind == SCAN_INCLUDE_CONSTRAINTS ||
	    (sf && (!owner || sf->owned)))
		goto out;
	if (depth >= INCLUDE_MAX_DEPTH) {
		diag_error(&loc, "includes nest too deep at '%s'", path.buf);
		goto out;
	}
	src = source_open(path.buf, NULL, want_any, NULL);
	if (!src) {
		c->nfailed++;
		goto out;
	}
	if (inc->scanner)
		s = scanner_find(inc->scanner);
	if (s && source_next(src, &fv) == 1) {
		if (sf) {
			index = sf->file;
		} else {
			new_file(c, path.buf);
			index = c->nfiles - 1;
		}
		read_declared(c, s, &fv, index, owner, depth + 1);
	}
	c->nfailed += source_nerrors(src);
out:
	source_free(src);
	strbuf_release(&path);
}

/*
 * Read a declared-input file into c->files[index], then the files it
 * includes; owner is whose declaration it is (NULL: its own).  A file
 * read before is read again only to become owner's declaration, into
 * the entry it has, without repeating its diagnostics.
 */
static void
read_declared(struct collection *c, const struct scanner *s,
	      const struct file_view *fv, size_t index,
	      const struct scan_owner *owner, unsigned depth)
{
	struct collect_seen *st = c->seen;
	struct collected_file *f = &c->files[index];
	const struct scan_include *incs;
	struct seen_file *sf = NULL;
	struct pending *pend;
	const char *from;
	size_t ninc, i;
	struct fid real;
	bool known = !fv->archive && file_id(f->display, &real);
	bool again = false;

	if (known) {
		sf = find_seen(st, &real);
		if (sf && (!owner || sf->owned || sf->file != index))
			return;
		again = sf != NULL;
		if (!sf) {
			XGROW(st->seen, st->nseen + 1, st->aseen);
			sf = &st->seen[st->nseen++];
			sf->id = real;
			sf->file = index;
		}
		sf->owned = owner != NULL;
	}
	f->scanner = s->name;
	run_scanner(c, s, fv, f->display, owner, again);
	if (again) {
		f->pkgs = NULL;
		f->npkgs = 0;
		f->reqs = NULL;
		f->nreqs = 0;
	}
	keep_results(c, f);
	incs = scan_includes(st->ctx, &ninc);
	if (!ninc || fv->archive)
		return;
	pend = xcalloc(ninc, sizeof(*pend));
	for (i = 0; i < ninc; i++) {
		const struct scan_owner *o = &incs[i].owner;

		pend[i].path = xstrdup(incs[i].path);
		pend[i].scanner = incs[i].scanner;
		pend[i].kind = incs[i].kind;
		pend[i].line = incs[i].line;
		pend[i].col = incs[i].col;
		if (o->package) {
			pend[i].owner.package = xstrdup(o->package);
			pend[i].owner.kind = o->kind;
			pend[i].owner.group =
				o->group ? xstrdup(o->group) : NULL;
		}
	}
	if (known) {
		XGROW(st->stack, st->nstack + 1, st->astack);
		st->stack[st->nstack++] = real;
	}
	/* f moves when included files are added: keep its name only. */
	from = f->display;
	for (i = 0; i < ninc; i++) {
		follow_include(c, s, from, &pend[i], depth);
		free(pend[i].path);
		free((char *)pend[i].owner.package);
		free((char *)pend[i].owner.group);
	}
	if (known)
		st->nstack--;
	free(pend);
}

/* Hand the import scan of the file source_next() gave last to a worker. */
static void
submit_scan(struct collection *c, const struct scanner *s, struct source *src,
	    const struct file_view *fv, struct strbuf *walk)
{
	struct collect_seen *st = c->seen;
	struct scan_job *job = xcalloc(1, sizeof(*job));

	if (!st->pool) {
		struct pool_ops ops = {new_worker_ctx, free_worker_ctx,
				       scan_file, c};

		st->pool = pool_new(st->jobs, &ops);
	}
	job->scanner = s;
	job->index = c->nfiles - 1;
	job->path = xstrdup(fv->path);
	job->display = c->files[job->index].display; /* in the arena */
	source_file_keep(src, fv, &job->file);
	job->walk = *walk;
	strbuf_init(walk);
	while (pool_full(st->pool))
		finish_scan(c, pool_next(st->pool, true));
	pool_submit(st->pool, job);
	finish_scans(c, false);
}

/* The real path of path when it is a directory, else of its directory;
 * NULL when it cannot be resolved.  The caller frees it. */
static char *
root_dir(const char *path)
{
	struct strbuf dir = STRBUF_INIT;
	const char *slash = strrchr(path, '/');
	struct stat st;
	char *real;

	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return realpath(path, NULL);
	if (!slash)
		strbuf_addch(&dir, '.');
	else
		strbuf_add(&dir, path,
			   slash > path ? (size_t)(slash - path) : 1);
	real = realpath(dir.buf, NULL);
	strbuf_release(&dir);
	return real;
}

void
collect_path(struct collection *c, const char *path,
	     const struct source_limits *limits, unsigned what)
{
	struct source *src;
	struct strbuf display = STRBUF_INIT, walk = STRBUF_INIT;
	struct file_view fv;

	c->seen->what = what;
	c->nroots++;
	src = source_open(path, limits, want, c->seen);
	if (!src) {
		c->nfailed++;
		return;
	}
	c->seen->root = root_dir(path);
	source_defer_reads(src); /* the workers read what they scan */
	/* Import scans run on the workers.  Whatever prints on this thread
	 * (the walk, the declared-input readers) waits for the scans before
	 * it, so that the diagnostics come in walk order. */
	while (source_next_held(src, &fv, &walk) == 1) {
		const struct scanner *imp =
			(what & COLLECT_IMPORTS)
				? scanner_pick(SCAN_IMPORTS, fv.path)
				: NULL;
		const struct scanner *dec =
			(what & COLLECT_DECLARED)
				? scanner_pick(SCAN_DECLARED, fv.path)
				: NULL;
		size_t index;

		strbuf_reset(&display);
		source_display_path(src, fv.path, &display);
		if (imp && !dec) {
			new_file(c, display.buf);
			submit_scan(c, imp, src, &fv, &walk);
			continue;
		}
		finish_scans(c, true);
		diag_print(&walk);
		strbuf_reset(&walk);
		if (source_read_now(src, &fv) < 0)
			continue;
		if (!imp && !dec) {
			/* a FILE named on the command line is always read */
			struct diag_loc loc = {NULL, display.buf, 0, 0};

			diag_error(&loc, "no reader for this file");
			c->nfailed++;
			continue;
		}
		new_file(c, display.buf);
		index = c->nfiles - 1;
		if (imp) {
			run_scanner(c, imp, &fv, display.buf, NULL, false);
			keep_results(c, &c->files[index]);
		}
		if (dec)
			read_declared(c, dec, &fv, index, NULL, 0);
	}
	finish_scans(c, true);
	diag_print(&walk);
	c->nread += source_nfiles(src);
	c->nfailed += source_nerrors(src);
	source_free(src);
	free(c->seen->root);
	c->seen->root = NULL;
	strbuf_release(&display);
	strbuf_release(&walk);
}
