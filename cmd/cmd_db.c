/* cmd_db.c - depaudit db: import rows into the user mapping table, dump it */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd/args.h"
#include "cmd/cmd.h"
#include "core/diag.h"
#include "core/mapdb.h"
#include "core/mapimport.h"
#include "core/strbuf.h"
#include "core/xalloc.h"

static const char usage_text[] =
	"usage: depaudit db import [--db FILE] --site-packages DIR...\n"
	"                          [--nixpkgs DIR]...\n"
	"       depaudit db dump [--db FILE] [--layer all|user|shipped]\n"
	"\n"
	"import  adds rows to the user table, which 'depaudit map' layers\n"
	"        over the shipped one (the user's rows come first):\n"
	"          --site-packages DIR  each *.dist-info / *.egg-info: the\n"
	"                               modules it installs -> its Name\n"
	"          --nixpkgs DIR        a nixpkgs checkout: each attribute of\n"
	"                               pkgs/top-level/python-packages.nix,\n"
	"                               its PyPI name and pythonImportsCheck\n"
	"        and prints the rows it added.\n"
	"dump    prints every row of the tables, each with its layer and\n"
	"        source.\n"
	"\n"
	"  --db FILE   the user table; default "
	"$XDG_DATA_HOME/depaudit/mapdb.db\n"
	"              (~/.local/share/depaudit/mapdb.db)\n"
	"\n"
	"exit status: 0, or 2 for a bad input or an unwritable table\n";

/* One line per row, tab-separated, the kind first. */
static void
format_row(struct strbuf *out, const char *layer, const struct mapdb_row *r)
{
	static const char *const kinds[] = {
		[MAPDB_ROW_MODULE] = "module",
		[MAPDB_ROW_ATTR] = "attr",
		[MAPDB_ROW_KNOWN_ATTR] = "known-attr",
		[MAPDB_ROW_STDLIB] = "stdlib",
		[MAPDB_ROW_NAMESPACE] = "namespace",
		[MAPDB_ROW_META] = "meta",
		[MAPDB_ROW_REQUIRES] = "requires",
		[MAPDB_ROW_NIX_HOOK] = "nix-hook",
	};
	unsigned minor;
	const char *sep = "\t";

	if (layer)
		strbuf_addf(out, "%s\t", layer);
	strbuf_addf(out, "%s\t", kinds[r->kind]);
	strbuf_add_escaped(out, r->a, strlen(r->a));
	switch (r->kind) {
	case MAPDB_ROW_MODULE:
	case MAPDB_ROW_ATTR:
		strbuf_addch(out, '\t');
		strbuf_add_escaped(out, r->b, strlen(r->b));
		strbuf_addf(out, "\t%s\t%d\t", mapdb_source_name(r->source),
			    r->rank);
		strbuf_add_escaped(out, r->note, strlen(r->note));
		break;
	case MAPDB_ROW_STDLIB:
		for (minor = MAPDB_PY_MIN; minor <= MAPDB_PY_MAX; minor++) {
			if (r->rank & (1 << (minor - MAPDB_PY_MIN))) {
				strbuf_addf(out, "%s3.%u", sep, minor);
				sep = ",";
			}
		}
		break;
	case MAPDB_ROW_META:
	case MAPDB_ROW_REQUIRES:
		strbuf_addch(out, '\t');
		strbuf_add_escaped(out, r->b, strlen(r->b));
		break;
	case MAPDB_ROW_NIX_HOOK:
		strbuf_addch(out, '\t');
		strbuf_add_escaped(out, *r->b ? r->b : "-",
				   strlen(*r->b ? r->b : "-"));
		strbuf_addch(out, '\t');
		strbuf_add_escaped(out, r->note, strlen(r->note));
		break;
	case MAPDB_ROW_KNOWN_ATTR:
	case MAPDB_ROW_NAMESPACE:
		break;
	}
	strbuf_addch(out, '\n');
}

struct import_ctx {
	struct mapdb_writer *w;
	struct strbuf out;
};

static int
import_row(const struct mapdb_row *r, void *ud)
{
	struct import_ctx *ctx = ud;
	int rc = -1;

	switch (r->kind) {
	case MAPDB_ROW_MODULE:
		rc = mapdb_writer_module(ctx->w, r->a, r->b, r->source, r->rank,
					 r->note);
		break;
	case MAPDB_ROW_ATTR:
		rc = mapdb_writer_attr(ctx->w, r->a, r->b, r->source, r->rank,
				       r->note);
		break;
	case MAPDB_ROW_KNOWN_ATTR:
		rc = mapdb_writer_known_attr(ctx->w, r->a);
		break;
	default:
		break;
	}
	if (rc == 0)
		format_row(&ctx->out, NULL, r);
	return rc;
}

/* mkdir -p of the directory that will hold path. */
static int
make_parent(const char *path)
{
	char *dir = xstrdup(path), *p;
	int ret = 0;

	p = strrchr(dir, '/');
	if (p && p != dir) {
		*p = '\0';
		for (p = dir + 1; ret == 0; p++) {
			char c = *p;

			if (c != '/' && c)
				continue;
			*p = '\0';
			if (mkdir(dir, 0777) != 0 && errno != EEXIST)
				ret = diag_error(NULL, "cannot create '%s': %s",
						 dir, strerror(errno));
			*p = c;
			if (!c)
				break;
		}
	}
	free(dir);
	return ret;
}

enum { SRC_SITE, SRC_NIX };

struct source_arg {
	int kind;
	const char *dir;
};

static int
db_import(int argc, char **argv)
{
	static const struct opt opts[] = {
		{"db", 0, true},      {"site-packages", 0, true},
		{"nixpkgs", 0, true}, {"help", 'h', false},
		{NULL, 0, false},
	};
	struct source_arg *srcs = xcalloc((size_t)argc, sizeof(*srcs));
	struct import_ctx ctx = {NULL, STRBUF_INIT};
	struct strbuf deflt = STRBUF_INIT, shipped = STRBUF_INIT;
	struct mapdb *ns = NULL;
	const char *value, *path = NULL;
	size_t nsrcs = 0, i;
	int k, rc, problems = 0, status = EXIT_TROUBLE;
	struct args a;
	struct stat st;

	args_init(&a, argc, argv, "depaudit db import");
	while ((k = args_next(&a, opts, &value)) != ARGS_END) {
		switch (k) {
		case ARGS_ERROR:
			goto out;
		case ARGS_POSITIONAL:
			diag_error(NULL,
				   "depaudit db import: unexpected "
				   "argument '%s'",
				   value);
			goto out;
		case 0:
			path = value;
			break;
		case 1:
		case 2:
			srcs[nsrcs].kind = k == 1 ? SRC_SITE : SRC_NIX;
			srcs[nsrcs++].dir = value;
			break;
		case 3:
			fputs(usage_text, stdout);
			status = EXIT_CLEAN;
			goto out;
		}
	}
	if (!nsrcs) {
		fputs(usage_text, stderr);
		goto out;
	}
	if (!path) {
		if (mapdb_user_path(&deflt) != 0) {
			diag_error(NULL,
				   "depaudit db import: neither "
				   "XDG_DATA_HOME nor HOME is set; give --db "
				   "FILE");
			goto out;
		}
		path = deflt.buf;
		if (make_parent(path) != 0)
			goto out;
	}
	/* The shipped table knows the namespace roots; optional here. */
	if (mapdb_find_shipped(&shipped, true) == 0)
		ns = mapdb_open(shipped.buf, NULL);
	ctx.w = mapdb_writer_new(path, stat(path, &st) == 0 ? path : NULL);
	if (!ctx.w)
		goto out;
	for (i = 0; i < nsrcs; i++) {
		if (srcs[i].kind == SRC_SITE)
			rc = mapimport_site_packages(srcs[i].dir, ns,
						     import_row, &ctx);
		else
			rc = mapimport_nixpkgs(srcs[i].dir, import_row, &ctx);
		if (rc < 0)
			goto out;
		problems += rc;
	}
	if (mapdb_writer_commit(ctx.w) != 0)
		goto out;
	fwrite(strbuf_str(&ctx.out), 1, ctx.out.len, stdout);
	if (fflush(stdout) != 0) {
		diag_error(NULL, "cannot write the output");
		goto out;
	}
	status = problems ? EXIT_TROUBLE : EXIT_CLEAN;
out:
	mapdb_writer_free(ctx.w);
	mapdb_free(ns);
	strbuf_release(&ctx.out);
	strbuf_release(&deflt);
	strbuf_release(&shipped);
	free(srcs);
	return status;
}

struct dump_ctx {
	const char *layer;
	struct strbuf out;
};

static int
dump_row(const struct mapdb_row *r, void *ud)
{
	struct dump_ctx *ctx = ud;

	format_row(&ctx->out, ctx->layer, r);
	if (ctx->out.len >= 65536) {
		fwrite(ctx->out.buf, 1, ctx->out.len, stdout);
		strbuf_reset(&ctx->out);
	}
	return 0;
}

static int
db_dump(int argc, char **argv)
{
	static const struct opt opts[] = {
		{"db", 0, true},
		{"layer", 0, true},
		{"help", 'h', false},
		{NULL, 0, false},
	};
	struct dump_ctx ctx = {NULL, STRBUF_INIT};
	const char *value, *user = NULL, *layer = "all";
	struct mapdb *db = NULL;
	int k, status = EXIT_TROUBLE;
	struct args a;

	args_init(&a, argc, argv, "depaudit db dump");
	while ((k = args_next(&a, opts, &value)) != ARGS_END) {
		switch (k) {
		case ARGS_ERROR:
			goto out;
		case ARGS_POSITIONAL:
			diag_error(NULL,
				   "depaudit db dump: unexpected "
				   "argument '%s'",
				   value);
			goto out;
		case 0:
			user = value;
			break;
		case 1:
			if (strcmp(value, "all") && strcmp(value, "user") &&
			    strcmp(value, "shipped")) {
				diag_error(NULL,
					   "depaudit db dump: unknown "
					   "layer '%s' (all, user, shipped)",
					   value);
				goto out;
			}
			layer = value;
			break;
		case 2:
			fputs(usage_text, stdout);
			status = EXIT_CLEAN;
			goto out;
		}
	}
	db = mapdb_open_default(user);
	if (!db)
		goto out;
	if (strcmp(layer, "shipped")) {
		ctx.layer = "user";
		if (mapdb_dump(db, true, dump_row, &ctx) != 0)
			goto out;
	}
	if (strcmp(layer, "user")) {
		ctx.layer = "shipped";
		if (mapdb_dump(db, false, dump_row, &ctx) != 0)
			goto out;
	}
	fwrite(strbuf_str(&ctx.out), 1, ctx.out.len, stdout);
	if (fflush(stdout) != 0) {
		diag_error(NULL, "cannot write the output");
		goto out;
	}
	status = EXIT_CLEAN;
out:
	mapdb_free(db);
	strbuf_release(&ctx.out);
	return status;
}

int
cmd_db(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "import"))
		return db_import(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "dump"))
		return db_dump(argc - 1, argv + 1);
	if (argc >= 2 &&
	    (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		fputs(usage_text, stdout);
		return EXIT_CLEAN;
	}
	if (argc >= 2)
		diag_error(NULL,
			   "depaudit db: unknown action '%s' (import, "
			   "dump)",
			   argv[1]);
	else
		fputs(usage_text, stderr);
	return EXIT_TROUBLE;
}
