/* cmd_imports.c - depaudit imports: every import of the Python files */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/args.h"
#include "cmd/cmd.h"
#include "core/diag.h"
#include "core/jsonw.h"
#include "core/mapdb.h"
#include "core/pool.h"
#include "core/scan.h"
#include "core/source.h"
#include "core/strbuf.h"
#include "core/xalloc.h"
#include "scanners/scanners.h"

enum format { FORMAT_TEXT, FORMAT_JSONL };

static const char usage_text[] =
	"usage: depaudit imports [--format text|jsonl] [--python X.Y] [-j N]\n"
	"                        [LIMITS] PATH...\n"
	"\n"
	"Lists every import in the .py and .pyi files under each PATH (a\n"
	"directory, a wheel, zip or tarball, or a file), in sorted order.\n"
	"\n"
	"  --format text    path:line: module [context] (the default)\n"
	"  --format jsonl   one JSON object per import target\n"
	"  --python X.Y     the target Python, for the conditions read as\n"
	"                   static (default 3.12): an import under a false\n"
	"                   one is unreachable\n"
	"  -j, --jobs N     scan with N threads (default: every core); the\n"
	"                   output is the same for every N\n"
	"\n"
	"limits for archives (the defaults read the largest real wheels):\n"
	"  --max-archive-members N   members of any kind (200000)\n"
	"  --max-member-size MIB     one member read into memory (64)\n"
	"  --max-archive-size MIB    all members unpacked (16384)\n"
	"  --max-ratio N             unpacked bytes per archive byte (200)\n"
	"\n"
	"exit status: 0, or 2 when no file could be read at all\n";

static bool
want_python(const char *rel, void *ud)
{
	(void)ud;
	return scanner_pick(SCAN_IMPORTS, rel) != NULL;
}

static void
add_module(struct strbuf *sb, const struct import *imp)
{
	unsigned i;

	for (i = 0; i < imp->level; i++)
		strbuf_addch(sb, '.');
	strbuf_add_escaped(sb, imp->module, strlen(imp->module));
}

static void
print_text(struct strbuf *out, const char *display, const struct import *imp)
{
	unsigned bit;
	bool first = true;

	strbuf_add_escaped(out, display, strlen(display));
	strbuf_addf(out, ":%u: ", imp->line);
	add_module(out, imp);
	for (bit = 0; bit < IMPORT_NFLAGS; bit++) {
		if (!(imp->flags & (1u << bit)))
			continue;
		strbuf_addstr(out, first ? " [" : ",");
		strbuf_addstr(out, import_flag_name(1u << bit));
		first = false;
	}
	strbuf_addstr(out, first ? "\n" : "]\n");
}

static void
print_jsonl(struct strbuf *out, const char *rel, const struct import *imp)
{
	struct jsonw w;
	unsigned bit;
	size_t i;

	jsonw_init(&w, out, false);
	jsonw_object_begin(&w);
	jsonw_key(&w, "file");
	jsonw_string(&w, rel);
	jsonw_key(&w, "line");
	jsonw_int(&w, imp->line);
	jsonw_key(&w, "kind");
	jsonw_string(&w, imp->kind == IMPORT_FROM ? "from" : "import");
	jsonw_key(&w, "module");
	jsonw_string(&w, imp->module);
	jsonw_key(&w, "level");
	jsonw_int(&w, imp->level);
	jsonw_key(&w, "names");
	jsonw_array_begin(&w);
	for (i = 0; i < imp->nnames; i++)
		jsonw_string(&w, imp->names[i]);
	jsonw_array_end(&w);
	jsonw_key(&w, "context");
	jsonw_array_begin(&w);
	for (bit = 0; bit < IMPORT_NFLAGS; bit++) {
		if (imp->flags & (1u << bit))
			jsonw_string(&w, import_flag_name(1u << bit));
	}
	jsonw_array_end(&w);
	jsonw_object_end(&w);
	strbuf_addch(out, '\n');
}

/* One file: its bytes (or where to read them), then what the scan
 * printed. */
struct job {
	char *path;    /* relative to PATH */
	char *display; /* what the user opens */
	struct source_file file;
	struct strbuf walk; /* what the walk said on the way to the file */
	struct strbuf out;
	struct strbuf err;
};

struct run {
	enum format format;
	unsigned python_minor;
	struct pool *pool;
	unsigned nread;
	unsigned nfailed;
};

static void *
new_ctx(void *ud)
{
	const struct run *run = ud;
	struct scan_ctx *ctx = scan_ctx_new();

	scan_ctx_set_python(ctx, run->python_minor);
	return ctx;
}

static void
free_ctx(void *ctx)
{
	scan_ctx_free(ctx);
}

/* On a worker: scan one file and print its imports into the job. */
static void
scan_job(void *arg, void *state, void *ud)
{
	struct job *job = arg;
	struct scan_ctx *ctx = state;
	const struct run *run = ud;
	struct file_view fv = {NULL, job->path, NULL, 0};
	struct file_view shown = {NULL, job->display, NULL, 0};
	const struct scanner *s = scanner_pick(SCAN_IMPORTS, job->path);
	const struct import *imps;
	size_t n, i;

	if (source_file_load(&job->file, &job->err) != 0)
		return;
	fv.data = job->file.data;
	fv.len = job->file.len;
	scan_ctx_reset(ctx);
	s->scan(ctx, &fv);
	imps = scan_imports(ctx, &n);
	for (i = 0; i < n; i++) {
		if (run->format == FORMAT_JSONL)
			print_jsonl(&job->out, job->path, &imps[i]);
		else
			print_text(&job->out, job->display, &imps[i]);
	}
	scan_format_diags(ctx, &shown, &job->err);
	free(job->file.data);
	job->file.data = NULL;
}

static void
finish_job(struct run *run, struct job *job)
{
	source_file_count(&job->file, &run->nread, &run->nfailed);
	diag_print(&job->walk);
	fwrite(strbuf_str(&job->out), 1, job->out.len, stdout);
	diag_print(&job->err);
	strbuf_release(&job->walk);
	strbuf_release(&job->out);
	strbuf_release(&job->err);
	free(job->path);
	free(job->display);
	source_file_release(&job->file);
	free(job);
}

/* Scan every Python file of one PATH. */
static void
scan_path(struct run *run, const char *path, const struct source_limits *limits)
{
	struct source *src = source_open(path, limits, want_python, NULL);
	struct strbuf display = STRBUF_INIT, walk = STRBUF_INIT;
	struct file_view fv;
	struct job *job;

	if (!src) {
		run->nfailed++;
		return;
	}
	source_defer_reads(src); /* the workers read the files */
	/* What the walk says is printed after the files before it. */
	while (source_next_held(src, &fv, &walk) == 1) {
		job = xcalloc(1, sizeof(*job));
		strbuf_reset(&display);
		source_display_path(src, fv.path, &display);
		job->path = xstrdup(fv.path);
		job->display = xstrdup(strbuf_str(&display));
		source_file_keep(src, &fv, &job->file);
		job->walk = walk;
		strbuf_init(&walk);
		while (pool_full(run->pool))
			finish_job(run, pool_next(run->pool, true));
		pool_submit(run->pool, job);
		while ((job = pool_next(run->pool, false)))
			finish_job(run, job);
	}
	while ((job = pool_next(run->pool, true)))
		finish_job(run, job);
	diag_print(&walk);
	run->nread += source_nfiles(src);
	run->nfailed += source_nerrors(src);
	source_free(src);
	strbuf_release(&display);
	strbuf_release(&walk);
}

int
cmd_imports(int argc, char **argv)
{
	static const struct opt opts[] = {
		{"format", 0, true}, {"help", 'h', false}, {"jobs", 'j', true},
		{"python", 0, true}, ARGS_LIMIT_OPTS,      {NULL, 0, false},
	};
	struct source_limits limits = SOURCE_LIMITS_DEFAULT;
	struct run run = {FORMAT_TEXT, 12, NULL, 0, 0};
	struct pool_ops ops = {new_ctx, free_ctx, scan_job, &run};
	unsigned jobs = pool_cores();
	struct args a;
	const char **paths = xcalloc((size_t)argc + 1, sizeof(*paths));
	const char *value;
	unsigned npaths = 0, i;
	int k;

	args_init(&a, argc, argv, "depaudit imports");
	while ((k = args_next(&a, opts, &value)) != ARGS_END) {
		switch (k) {
		case ARGS_ERROR:
			free(paths);
			return EXIT_TROUBLE;
		case ARGS_POSITIONAL:
			paths[npaths++] = value;
			break;
		case 0:
			if (!strcmp(value, "text")) {
				run.format = FORMAT_TEXT;
			} else if (!strcmp(value, "jsonl")) {
				run.format = FORMAT_JSONL;
			} else {
				diag_error(NULL,
					   "depaudit imports: unknown "
					   "format '%s' (text, jsonl)",
					   value);
				free(paths);
				return EXIT_TROUBLE;
			}
			break;
		case 1:
			fputs(usage_text, stdout);
			free(paths);
			return EXIT_CLEAN;
		case 2:
			if (args_uint("--jobs", value, 1, 256, &jobs) < 0) {
				free(paths);
				return EXIT_TROUBLE;
			}
			break;
		case 3:
			if (mapdb_parse_python(value, &run.python_minor) < 0) {
				free(paths);
				return EXIT_TROUBLE;
			}
			break;
		default:
			if (args_limit(opts[k].name, value, &limits) < 0) {
				free(paths);
				return EXIT_TROUBLE;
			}
			break;
		}
	}
	if (!npaths) {
		fputs(usage_text, stderr);
		free(paths);
		return EXIT_TROUBLE;
	}
	run.pool = pool_new(jobs, &ops);
	for (i = 0; i < npaths; i++)
		scan_path(&run, paths[i], &limits);
	pool_free(run.pool);
	free(paths);
	if (fflush(stdout) != 0) {
		diag_error(NULL, "cannot write the output");
		return EXIT_TROUBLE;
	}
	return run.nfailed && !run.nread ? EXIT_TROUBLE : EXIT_CLEAN;
}
