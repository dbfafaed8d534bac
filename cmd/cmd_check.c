/* cmd_check.c - depaudit check: the audit, its report, the exit code */
#include <stdio.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd/args.h"
#include "cmd/cmd.h"
#include "cmd/collect.h"
#include "cmd/installed.h"
#include "core/arena.h"
#include "core/audit.h"
#include "core/config.h"
#include "core/declared.h"
#include "core/diag.h"
#include "core/mapdb.h"
#include "core/pool.h"
#include "core/project.h"
#include "core/report.h"
#include "core/scan.h"
#include "core/source.h"
#include "core/strbuf.h"
#include "core/xalloc.h"

enum format { FORMAT_TEXT, FORMAT_JSON, FORMAT_SARIF };

static const char usage_text[] =
	"usage: depaudit [check] [--nix FILE]... [--format text|json|sarif]\n"
	"                [--fail-on error|warning|never] [--config FILE]\n"
	"                [--db FILE] [--site-packages DIR]... [--python X.Y]\n"
	"                [-j N] [LIMITS] PATH...\n"
	"\n"
	"Checks that each package under PATH (a tree, a wheel or an sdist)\n"
	"declares every distribution its code imports, and nothing it does\n"
	"not use.  Without --nix the declared inputs are the package's own\n"
	"metadata (setup.py, pyproject.toml, setup.cfg, requirements files,\n"
	"METADATA); with --nix they are the inputs of the derivation that\n"
	"builds it, and the metadata is compared with them.\n"
	"\n"
	"  --nix FILE        a Nix expression building packages of PATH;\n"
	"                    only the packages it builds are checked\n"
	"  --all-packages    with --nix, check the other packages too,\n"
	"                    against their own metadata\n"
	"  --format F        text (the default), json (\"schema\": 1), sarif\n"
	"  --fail-on LEVEL   exit 1 on findings at LEVEL or above: error\n"
	"                    (the default), warning, or never\n"
	"  --config FILE     instead of PATH/.depaudit.yaml\n"
	"  --db FILE         a user mapping table over the shipped one\n"
	"  --site-packages DIR  an installed environment: its distributions\n"
	"                    answer which one provides a module, before\n"
	"                    every table (repeatable)\n"
	"  --python X.Y      the target Python (default 3.12)\n"
	"  -j, --jobs N      scan with N threads (default: every core); the\n"
	"                    output is the same for every N\n"
	"  LIMITS            for archives, as in depaudit imports --help\n"
	"\n"
	"exit status: 0 clean, 1 findings at the --fail-on level, 2 usage or\n"
	"input error\n";

/* The readers of a package's own metadata (all but Nix). */
static bool
is_metadata(const char *scanner)
{
	return scanner && strcmp(scanner, "nix");
}

static bool
is_derivation(const struct declared_pkg *p)
{
	return p->builder && (!strcmp(p->builder, "buildPythonPackage") ||
			      !strcmp(p->builder, "buildPythonApplication"));
}

/* The derivations of the Nix files, with the file each one is in. */
struct drv {
	const struct declared_pkg *pkg;
	const struct collected_file *file;
	bool matched;
};

struct check {
	const char *config_dir; /* paths in the config are relative to it */
	struct arena arena;     /* config paths joined to config_dir */
	enum format format;
	enum config_fail_on fail_on;
	const char *python;
	unsigned minor;
	unsigned jobs;     /* threads scanning imports */
	bool all_packages; /* with Nix files, also what they do not build */
	size_t nother;     /* packages left out for that */
	struct config *cfg;
	struct mapdb *db;
	struct collection tree;
	struct collection nix;
	struct project *project;
	struct drv *drvs;
	size_t ndrvs;
	struct audit *audit;
	struct report_pkg *rpkgs;
	size_t nrpkgs;
};

/* A path of the config as the files of the check name it. */
static const char *
config_path(struct check *c, const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	const char *out;
	size_t n;

	while (!strncmp(path, "./", 2))
		path += 2;
	n = strlen(path);
	while (n > 1 && path[n - 1] == '/')
		n--;
	if (path[0] != '/' && strcmp(c->config_dir, ".")) {
		strbuf_addstr(&sb, c->config_dir);
		strbuf_addch(&sb, '/');
	}
	strbuf_add(&sb, path, n);
	out = arena_strndup(&c->arena, strbuf_str(&sb), sb.len);
	strbuf_release(&sb);
	return out;
}

static void
find_derivations(struct check *c)
{
	size_t i, j;

	for (i = 0; i < c->nix.nfiles; i++) {
		const struct collected_file *f = &c->nix.files[i];

		for (j = 0; j < f->npkgs; j++) {
			if (!is_derivation(&f->pkgs[j]))
				continue;
			c->drvs = xreallocarray(c->drvs, c->ndrvs + 1,
						sizeof(*c->drvs));
			c->drvs[c->ndrvs].pkg = &f->pkgs[j];
			c->drvs[c->ndrvs].file = f;
			c->drvs[c->ndrvs++].matched = false;
		}
	}
}

/* The source a derivation's src copies from: another binding's src. */
static const struct declared_src *
fetched_src(const struct drv *d)
{
	const char *from = d->pkg->src.from;
	size_t i;

	if (!from || d->pkg->src.rev || d->pkg->src.hash)
		return NULL;
	for (i = 0; i < d->file->npkgs; i++) {
		const struct declared_pkg *p = &d->file->pkgs[i];

		if (p->id && !strcmp(p->id, from) && p->src.fetcher)
			return &p->src;
	}
	return NULL;
}

struct inputs {
	struct audit_input *v;
	size_t n, alloc;
};

static void
add_input(struct inputs *in, const struct requirement *r, const char *file,
	  bool secondary)
{
	XGROW(in->v, in->n + 1, in->alloc);
	in->v[in->n].req = r;
	in->v[in->n].file = file;
	in->v[in->n++].secondary = secondary;
}

/* Parse "# depaudit: ignore[...]" rule names into bits; 0 = every rule. */
static unsigned
ignore_bits(const char *list)
{
	unsigned bits = 0;
	int r;

	while (*list) {
		size_t n = strcspn(list, ", ");

		for (r = 0; r < AUDIT_NRULES; r++) {
			const char *name = audit_rule_name((enum audit_rule)r);
			if (strlen(name) == n && !strncmp(name, list, n))
				bits |= 1u << r;
		}
		list += n;
		list += strspn(list, ", ");
	}
	return bits;
}

/*
 * The derivation the config names for pkg (packages: {path, nix, name}):
 * the one called name (its binding or its pname) in that Nix file.
 */
static struct drv *
configured_derivation(struct check *c, const struct project_pkg *pkg)
{
	const struct config_package *cp;
	size_t n = 0, i, k;

	cp = c->cfg ? config_packages(c->cfg, &n) : NULL;
	for (i = 0; i < n; i++) {
		if (!cp[i].name ||
		    strcmp(config_path(c, cp[i].path), pkg->root))
			continue;
		for (k = 0; k < c->ndrvs; k++) {
			const struct declared_pkg *d = c->drvs[k].pkg;

			if ((!cp[i].nix ||
			     !strcmp(c->drvs[k].file->display,
				     config_path(c, cp[i].nix))) &&
			    ((d->id && !strcmp(d->id, cp[i].name)) ||
			     (d->name && !strcmp(d->name, cp[i].name))))
				return &c->drvs[k];
		}
	}
	return NULL;
}

/*
 * Whether the check phase leaves out the test file at rel (relative to
 * the package's root, where the build runs): it is, or lies under, a
 * path of the derivation's skip_tests, which may be a glob.
 */
static bool
test_skipped(const struct declared_pkg *drv, const char *rel)
{
	struct strbuf sb = STRBUF_INIT;
	bool hit = false;
	size_t i, k, n;
	char *glob;

	for (i = 0; drv && i < drv->nskip_tests && !hit; i++) {
		const char *p = drv->skip_tests[i];

		while (p[0] == '.' && p[1] == '/')
			p += 2;
		n = strlen(p);
		while (n && p[n - 1] == '/')
			n--;
		if (!n)
			continue;
		if (!strpbrk(p, "*?[")) {
			hit = !strncmp(rel, p, n) && (!rel[n] || rel[n] == '/');
			continue;
		}
		/* a glob matches the file or a directory above it */
		glob = xstrndup(p, n);
		for (k = 0; !hit; k++) {
			if (rel[k] && rel[k] != '/')
				continue;
			strbuf_reset(&sb);
			strbuf_add(&sb, rel, k);
			hit = !fnmatch(glob, strbuf_str(&sb), 0);
			if (!rel[k])
				break;
		}
		free(glob);
	}
	strbuf_release(&sb);
	return hit;
}

/* Audit pkg, whose files are c->tree.files[files[0..nfiles)]. */
static void
audit_package(struct check *c, const struct project_pkg *pkg, struct drv *drv,
	      const size_t *files, size_t nfiles)
{
	struct audit_package ap;
	struct audit_import *imps = NULL;
	struct inputs upstream = {NULL, 0, 0}, declared = {NULL, 0, 0};
	size_t nimps = 0, aimps = 0, i, j;
	struct report_pkg *rp;
	enum project_role role;

	/* With Nix files, what they build; the rest on request. */
	if (!drv && c->ndrvs && !c->all_packages) {
		c->nother++;
		return;
	}
	memset(&ap, 0, sizeof(ap));
	for (i = 0; i < nfiles; i++) {
		const struct collected_file *f = &c->tree.files[files[i]];

		bool skipped;

		role = project_role(c->project, f->display);
		skipped = drv &&
			  test_skipped(drv->pkg,
				       f->display + project_rel_start(pkg));
		for (j = 0; j < f->nimports; j++) {
			/* tests the build does not collect need nothing */
			if (skipped && (f->imports[j].flags & IMPORT_TEST))
				continue;
			/* The code the wheel ships, the build hooks and
			 * the tests: not setup.py, scripts, docs,
			 * examples, vendored code or stubs. */
			if (role != PROJECT_CODE && role != PROJECT_HOOK &&
			    !(role == PROJECT_OTHER &&
			      (f->imports[j].flags & IMPORT_TEST)))
				continue;
			XGROW(imps, nimps + 1, aimps);
			imps[nimps].imp = &f->imports[j];
			imps[nimps].file = f->display;
			imps[nimps].ignored = f->imports[j].ignore != NULL;
			imps[nimps].build = role == PROJECT_HOOK;
			imps[nimps++].ignore_rules =
				f->imports[j].ignore
					? ignore_bits(f->imports[j].ignore)
					: 0;
		}
		if (!is_metadata(f->scanner) ||
		    !project_declares(c->project, pkg, f->display))
			continue;
		/* An application declares in its requirements files. */
		for (j = 0; j < f->nreqs; j++)
			add_input(&upstream, &f->reqs[j], f->display,
				  !pkg->application &&
					  !strcmp(f->scanner, "requirements") &&
					  !f->reqs[j].package);
	}
	ap.pkg = pkg;
	if (!pkg->name && drv && drv->pkg->name)
		ap.label = drv->pkg->name;
	ap.imports = imps;
	ap.nimports = nimps;
	if (drv) {
		const struct collected_file *nf = drv->file;

		drv->matched = true;
		for (j = 0; j < nf->nreqs; j++) {
			if (nf->reqs[j].package && drv->pkg->id &&
			    !strcmp(nf->reqs[j].package, drv->pkg->id))
				add_input(&declared, &nf->reqs[j], nf->display,
					  false);
		}
		ap.declared = declared.v;
		ap.ndeclared = declared.n;
		ap.nix = true;
		ap.upstream = upstream.v;
		ap.nupstream = upstream.n;
		ap.drv = drv->pkg;
		ap.drv_file = nf->display;
		ap.src = fetched_src(drv);
		ap.src_file = nf->display;
	} else {
		ap.declared = upstream.v;
		ap.ndeclared = upstream.n;
	}
	audit_run(c->audit, &ap, c->project, c->db, c->cfg);

	c->rpkgs = xreallocarray(c->rpkgs, c->nrpkgs + 1, sizeof(*c->rpkgs));
	rp = &c->rpkgs[c->nrpkgs++];
	rp->label = ap.label ? ap.label : project_pkg_label(pkg);
	rp->root = *pkg->root ? pkg->root : ".";
	rp->version = pkg->version;
	rp->nix = drv ? drv->file->display : NULL;
	rp->derivation = drv ? drv->pkg->id : NULL;
	free(imps);
	free(upstream.v);
	free(declared.v);
}

/* Whether the findings reach the --fail-on level. */
static bool
fails(const struct check *c, const struct finding *f, size_t n)
{
	size_t i;

	if (c->fail_on == CONFIG_FAIL_NEVER)
		return false;
	for (i = 0; i < n; i++) {
		if (f[i].severity == AUDIT_ERROR ||
		    (c->fail_on == CONFIG_FAIL_WARNING &&
		     f[i].severity == AUDIT_WARNING))
			return true;
	}
	return false;
}

static int
run_check(struct check *c, const char **paths, size_t npaths,
	  const char **nixfiles, size_t nnix,
	  const struct source_limits *limits)
{
	const struct project_pkg *pkgs;
	const struct finding *findings;
	struct strbuf out = STRBUF_INIT;
	struct report r;
	size_t npkgs, nfindings, i, j, *start, *order, *owner, ncp = 0;
	struct drv **built;
	const struct config_package *cp;
	int status;

	collection_init(&c->tree, c->minor, c->jobs);
	collection_init(&c->nix, c->minor, 1);
	for (i = 0; i < npaths; i++)
		collect_path(&c->tree, paths[i], limits,
			     COLLECT_IMPORTS | COLLECT_DECLARED);
	for (i = 0; i < nnix; i++)
		collect_path(&c->nix, nixfiles[i], NULL, COLLECT_DECLARED);
	if ((c->tree.nfailed && !c->tree.nread) || (nnix && c->nix.nfailed))
		return EXIT_TROUBLE;

	c->project = project_new();
	for (i = 0; i < c->tree.nfiles; i++) {
		const struct collected_file *f = &c->tree.files[i];

		project_add_file(c->project, f->display);
		if (f->scanner && !strcmp(f->scanner, "requirements"))
			project_add_requirements(c->project, f->display);
		if (!is_metadata(f->scanner))
			continue;
		for (j = 0; j < f->npkgs; j++)
			project_add_declared(c->project, f->display,
					     &f->pkgs[j]);
	}
	cp = c->cfg ? config_packages(c->cfg, &ncp) : NULL;
	for (i = 0; i < ncp; i++)
		project_add_root(c->project, config_path(c, cp[i].path), NULL);
	find_derivations(c);
	for (i = 0; i < c->ndrvs; i++)
		project_add_hints(c->project, c->drvs[i].pkg);
	project_resolve(c->project);
	c->audit = audit_new();
	pkgs = project_packages(c->project, &npkgs);
	/* The files of each package, in walk order: a counting sort. */
	start = xcalloc(npkgs + 2, sizeof(*start));
	order = xcalloc(c->tree.nfiles + 1, sizeof(*order));
	owner = xcalloc(c->tree.nfiles + 1, sizeof(*owner));
	for (i = 0; i < c->tree.nfiles; i++) {
		const struct project_pkg *o =
			project_owner(c->project, c->tree.files[i].display);

		owner[i] = o ? (size_t)(o - pkgs) + 1 : 0;
		start[owner[i] + 1]++;
	}
	for (i = 1; i <= npkgs + 1; i++)
		start[i] += start[i - 1];
	for (i = 0; i < c->tree.nfiles; i++)
		order[start[owner[i]]++] = i;
	for (i = npkgs + 1; i > 0; i--)
		start[i] = start[i - 1];
	start[0] = 0;
	/* The derivation that builds each package: the config's, else the
	 * first that matches it.  Nix files that build none of the
	 * packages narrow nothing. */
	built = xcalloc(npkgs + 1, sizeof(*built));
	for (j = c->ndrvs; j-- > 0;) {
		const struct project_pkg *m =
			project_match_derivation(c->project, c->drvs[j].pkg);

		if (m)
			built[m - pkgs] = &c->drvs[j];
	}
	for (i = 0, j = 0; i < npkgs; i++) {
		struct drv *d = configured_derivation(c, &pkgs[i]);

		if (d)
			built[i] = d;
		j += built[i] != NULL;
	}
	if (!j)
		c->all_packages = true;
	for (i = 0; i < npkgs; i++)
		audit_package(c, &pkgs[i], built[i], order + start[i + 1],
			      start[i + 2] - start[i + 1]);
	free(built);
	free(start);
	free(order);
	free(owner);
	for (i = 0; i < c->ndrvs; i++) {
		struct diag_loc loc = {NULL, c->drvs[i].file->display,
				       c->drvs[i].pkg->line, 0};

		if (!c->drvs[i].matched)
			diag_warning(&loc,
				     "derivation '%s' builds no package "
				     "found under the paths checked",
				     c->drvs[i].pkg->id ? c->drvs[i].pkg->id
							: "?");
	}
	if (c->nother)
		diag_note(NULL,
			  "%zu other package%s, not built by the expression: "
			  "--all-packages checks %s too",
			  c->nother, c->nother == 1 ? "" : "s",
			  c->nother == 1 ? "it" : "them");
	if (!npkgs)
		diag_warning(NULL, "no package found (no setup.py, "
				   "pyproject.toml, setup.cfg, METADATA or "
				   "requirements file)");

	findings = audit_findings(c->audit, &nfindings);
	r.findings = findings;
	r.nfindings = nfindings;
	r.pkgs = c->rpkgs;
	r.npkgs = c->nrpkgs;
	r.python = c->python;
	if (c->format == FORMAT_JSON)
		report_json(&out, &r);
	else if (c->format == FORMAT_SARIF)
		report_sarif(&out, &r);
	else
		report_text(&out, &r,
			    isatty(STDOUT_FILENO) && !getenv("NO_COLOR"));
	fwrite(strbuf_str(&out), 1, out.len, stdout);
	strbuf_release(&out);
	status = fails(c, findings, nfindings) ? EXIT_FINDINGS : EXIT_CLEAN;
	if (fflush(stdout) != 0) {
		diag_error(NULL, "cannot write the output");
		status = EXIT_TROUBLE;
	}
	return status;
}

/* PATH/.depaudit.yaml when PATH is a directory that has one. */
static struct config *
default_config(const char *path, bool *bad)
{
	struct strbuf sb = STRBUF_INIT;
	struct config *cfg = NULL;
	struct stat st;

	strbuf_addf(&sb, "%s/.depaudit.yaml", path);
	if (stat(sb.buf, &st) == 0 && S_ISREG(st.st_mode)) {
		cfg = config_load(sb.buf);
		*bad = !cfg;
	}
	strbuf_release(&sb);
	return cfg;
}

int
cmd_check(int argc, char **argv)
{
	static const struct opt opts[] = {
		{"nix", 0, true},
		{"format", 0, true},
		{"fail-on", 0, true},
		{"config", 0, true},
		{"db", 0, true},
		{"python", 0, true},
		{"jobs", 'j', true},
		{"help", 'h', false},
		{"all-packages", 0, false},
		{"site-packages", 0, true},
		ARGS_LIMIT_OPTS,
		{NULL, 0, false},
	};
	const char **paths = xcalloc((size_t)argc + 1, sizeof(*paths));
	const char **nixfiles = xcalloc((size_t)argc + 8, sizeof(*nixfiles));
	const char **sites = xcalloc((size_t)argc + 1, sizeof(*sites));
	const char *const *cfg_sites;
	size_t nsites = 0;
	const char *config_file = NULL, *db_path = NULL, *fail_on = NULL;
	struct source_limits limits = SOURCE_LIMITS_DEFAULT;
	size_t npaths = 0, nnix = 0, i, n;
	const struct config_package *cp;
	struct check c;
	struct args a;
	const char *value;
	unsigned minor;
	bool bad = false;
	int k, status = EXIT_TROUBLE;

	memset(&c, 0, sizeof(c));
	c.jobs = pool_cores();
	args_init(&a, argc, argv, "depaudit check");
	while ((k = args_next(&a, opts, &value)) != ARGS_END) {
		switch (k) {
		case ARGS_ERROR:
			goto out;
		case ARGS_POSITIONAL:
			paths[npaths++] = value;
			break;
		case 0:
			nixfiles[nnix++] = value;
			break;
		case 1:
			if (!strcmp(value, "text")) {
				c.format = FORMAT_TEXT;
			} else if (!strcmp(value, "json")) {
				c.format = FORMAT_JSON;
			} else if (!strcmp(value, "sarif")) {
				c.format = FORMAT_SARIF;
			} else {
				diag_error(NULL,
					   "depaudit check: unknown "
					   "format '%s' (text, json, sarif)",
					   value);
				goto out;
			}
			break;
		case 2:
			fail_on = value;
			break;
		case 3:
			config_file = value;
			break;
		case 4:
			db_path = value;
			break;
		case 5:
			c.python = value;
			break;
		case 6:
			if (args_uint("--jobs", value, 1, 256, &c.jobs) < 0)
				goto out;
			break;
		case 7:
			fputs(usage_text, stdout);
			status = EXIT_CLEAN;
			goto out;
		case 8:
			c.all_packages = true;
			break;
		case 9:
			sites[nsites++] = value;
			break;
		default:
			if (args_limit(opts[k].name, value, &limits) < 0)
				goto out;
			break;
		}
	}
	if (!npaths) {
		fputs(usage_text, stderr);
		goto out;
	}
	if (config_file) {
		const char *slash = strrchr(config_file, '/');

		c.cfg = config_load(config_file);
		bad = !c.cfg;
		c.config_dir =
			slash ? arena_strndup(&c.arena, config_file,
					      (size_t)(slash - config_file))
			      : ".";
	} else {
		c.cfg = default_config(paths[0], &bad);
		c.config_dir = paths[0];
	}
	if (bad)
		goto out;
	if (!c.python && c.cfg && config_python(c.cfg))
		c.python = config_python(c.cfg);
	if (!c.python)
		c.python = "3.12";
	if (mapdb_parse_python(c.python, &minor) < 0)
		goto out;
	c.minor = minor;
	c.fail_on = c.cfg ? config_fail_on(c.cfg) : CONFIG_FAIL_UNSET;
	if (fail_on) {
		if (!strcmp(fail_on, "error"))
			c.fail_on = CONFIG_FAIL_ERROR;
		else if (!strcmp(fail_on, "warning"))
			c.fail_on = CONFIG_FAIL_WARNING;
		else if (!strcmp(fail_on, "never"))
			c.fail_on = CONFIG_FAIL_NEVER;
		else {
			diag_error(NULL,
				   "depaudit check: --fail-on takes "
				   "error, warning or never, not '%s'",
				   fail_on);
			goto out;
		}
	}
	/* Nix files the config names for its packages come along. */
	cp = c.cfg ? config_packages(c.cfg, &n) : NULL;
	for (i = 0; cp && i < n; i++) {
		const char *nix = cp[i].nix ? config_path(&c, cp[i].nix) : NULL;
		size_t m;

		for (m = 0; nix && m < nnix && strcmp(nixfiles[m], nix); m++)
			;
		if (nix && m == nnix) {
			nixfiles = xreallocarray(nixfiles, nnix + 1,
						 sizeof(*nixfiles));
			nixfiles[nnix++] = nix;
		}
	}
	c.db = mapdb_open_default(db_path);
	if (!c.db || mapdb_set_python(c.db, minor) < 0)
		goto out;
	/* What is installed answers first: the options', then the
	 * config's environments. */
	for (i = 0; i < nsites; i++) {
		if (installed_load(c.db, sites[i]) < 0)
			goto out;
	}
	cfg_sites = c.cfg ? config_site_packages(c.cfg, &n) : NULL;
	for (i = 0; cfg_sites && i < n; i++) {
		if (installed_load(c.db, config_path(&c, cfg_sites[i])) < 0)
			goto out;
	}
	status = run_check(&c, paths, npaths, nixfiles, nnix, &limits);
out:
	collection_release(&c.tree);
	collection_release(&c.nix);
	project_free(c.project);
	audit_free(c.audit);
	mapdb_free(c.db);
	config_free(c.cfg);
	arena_release(&c.arena);
	free(c.drvs);
	free(c.rpkgs);
	free(nixfiles);
	free(sites);
	free(paths);
	return status;
}
