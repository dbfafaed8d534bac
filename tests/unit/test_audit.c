/* test_audit.c - findings of a Dagster-like package, upstream and Nix
 *
 * Run with the path of the shipped mapping table.
 */
#include "core/audit.h"
#include "core/config.h"
#include "core/declared.h"
#include "core/mapdb.h"
#include "core/project.h"
#include "core/scan.h"
#include "tests/unit/t.h"

#define D "python_modules/dagster/"

static const char *const files[] = {
	D "setup.py",
	D "dagster/__init__.py",
	D "dagster/_core/storage/upath_io.py",
	D "dagster/_core/lazy.py",
	D "dagster/_grammar/antlr_gen.py",
	D "dagster/_core/mypy_plugin.py",
	D "dagster/_core/optional_io.py",
	D "dagster/_core/workers.py",
	D "dagster_tests/test_x.py",
	"python_modules/dagster-pipes/setup.py",
	"python_modules/dagster-pipes/dagster_pipes/__init__.py",
};

struct imp {
	const char *file;
	unsigned line;
	const char *module;
	unsigned level;
	unsigned flags;
};

static const struct imp imps[] = {
	{D "dagster/__init__.py", 1, "os", 0, 0},
	{D "dagster/__init__.py", 2, "dagster_pipes", 0, 0},
	{D "dagster/__init__.py", 3, "yaml", 0, 0},
	{D "dagster/__init__.py", 4, "sub", 1, 0},
	{D "dagster/__init__.py", 5, "dagster._core", 0, 0},
	{D "dagster/__init__.py", 6, "ujson", 0, IMPORT_TRY},
	{D "dagster/__init__.py", 7, "typing_extensions", 0,
	 IMPORT_TYPE_CHECKING},
	{D "dagster/__init__.py", 8, "_core.storage.upath_io", 1, 0},
	{D "dagster/__init__.py", 9, "dagster._core.optional_io", 0,
	 IMPORT_TRY},
	/* a plugin its host loads: nothing of the package imports it */
	{D "dagster/_core/mypy_plugin.py", 1, "mypy.plugin", 0, 0},
	/* a worker class its host loads by name */
	{D "dagster/_core/workers.py", 1, "gunicorn.arbiter", 0, 0},
	{D "dagster/_core/workers.py", 2, "gunicorn.workers.base", 0, 0},
	/* loaded only under a guard: its imports load on demand */
	{D "dagster/_core/optional_io.py", 1, "fsspec", 0, 0},
	{D "dagster/_core/storage/upath_io.py", 3, "upath", 0, 0},
	{D "dagster/_core/lazy.py", 10, "upath", 0, IMPORT_FUNCTION},
	{D "dagster/_grammar/antlr_gen.py", 1, "antlr4", 0, 0},
	{D "dagster/_grammar/antlr_gen.py", 2, "zzq_unknown_mod", 0, 0},
	{D "dagster_tests/test_x.py", 1, "pytest", 0, IMPORT_TEST},
	{D "dagster_tests/test_x.py", 2, "requests", 0, IMPORT_TEST},
};

static struct requirement
req(const char *key, enum req_kind kind, unsigned line)
{
	struct requirement r = {0};

	r.name = r.key = r.raw = r.attr = key;
	r.kind = kind;
	r.line = line;
	return r;
}

static const struct finding *
find(const struct finding *f, size_t n, enum audit_rule rule,
     const char *subject)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (f[i].rule == rule && !strcmp(f[i].subject, subject))
			return &f[i];
	}
	return NULL;
}

int
main(int argc, char **argv)
{
	struct mapdb *db;
	struct project *p = project_new();
	struct declared_pkg d = {0};
	struct import im[sizeof(imps) / sizeof(imps[0])];
	struct audit_import ai[sizeof(imps) / sizeof(imps[0])];
	struct requirement up[5], nix[3];
	struct audit_input upin[5], nixin[3];
	struct audit_package ap = {0};
	const struct project_pkg *pkgs;
	const struct finding *f, *x;
	struct audit *a;
	struct config *cfg;
	size_t n, i;

	if (argc != 2)
		T_FAIL("usage: test_audit SHIPPED_TABLE");
	db = mapdb_open(argv[1], NULL);
	T_TRUE(db != NULL);
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		project_add_file(p, files[i]);
	d.name = "dagster";
	d.version = "1!0+dev";
	project_add_declared(p, D "setup.py", &d);
	d.name = "dagster-pipes";
	d.version = "1!0+dev";
	project_add_declared(p, "python_modules/dagster-pipes/setup.py", &d);
	project_resolve(p);
	pkgs = project_packages(p, &n);
	T_STREQ(pkgs[0].name, "dagster");

	for (i = 0; i < sizeof(imps) / sizeof(imps[0]); i++) {
		memset(&im[i], 0, sizeof(im[i]));
		im[i].module = imps[i].module;
		im[i].line = imps[i].line;
		im[i].level = imps[i].level;
		im[i].flags = imps[i].flags;
		ai[i].imp = &im[i];
		ai[i].file = imps[i].file;
		ai[i].ignored = false;
		ai[i].ignore_rules = 0;
		ai[i].build = false;
	}
	up[0] = req("pyyaml", REQ_RUNTIME, 20);
	up[1] = req("dagster-pipes", REQ_RUNTIME, 21);
	up[2] = req("requests", REQ_RUNTIME, 22);
	up[3] = req("setuptools", REQ_RUNTIME, 23);
	up[4] = req("antlr4-python3-runtime", REQ_RUNTIME, 24);
	for (i = 0; i < 5; i++) {
		upin[i].req = &up[i];
		upin[i].file = D "setup.py";
		upin[i].secondary = false;
	}

	/* Upstream: the metadata lacks universal-pathlib only. */
	ap.pkg = &pkgs[0];
	ap.imports = ai;
	ap.nimports = sizeof(imps) / sizeof(imps[0]);
	ap.declared = upin;
	ap.ndeclared = 5;
	a = audit_new();
	audit_run(a, &ap, p, db, NULL);
	f = audit_findings(a, &n);
	for (i = 0; i < n; i++)
		printf("%s %s %s: %s\n", audit_severity_name(f[i].severity),
		       audit_rule_name(f[i].rule), f[i].subject, f[i].message);
	x = find(f, n, AUDIT_MISSING, "universal-pathlib");
	T_TRUE(x && x->severity == AUDIT_ERROR);
	T_INTEQ(x->nevidence, 2);
	T_STREQ(x->where.file, D "dagster/_core/storage/upath_io.py");
	T_STREQ(x->fix, "add universal-pathlib");
	T_TRUE(find(f, n, AUDIT_MISSING_OPTIONAL, "ujson") != NULL);
	T_TRUE(find(f, n, AUDIT_UNRESOLVED, "zzq-unknown-mod") != NULL);
	T_TRUE(find(f, n, AUDIT_TEST_ONLY, "requests") != NULL);
	T_TRUE(find(f, n, AUDIT_MISSING, "antlr4-python3-runtime") == NULL);
	T_TRUE(find(f, n, AUDIT_MISSING, "typing-extensions") == NULL);
	T_TRUE(find(f, n, AUDIT_UNUSED, "setuptools") == NULL);
	x = find(f, n, AUDIT_MISSING, "pytest"); /* tests, no test input */
	T_TRUE(x && x->severity == AUDIT_WARNING);
	/* a plugin's import of its host needs nothing: mypy loads
	 * mypy_plugin.py, gunicorn loads workers.py */
	T_TRUE(find(f, n, AUDIT_MISSING, "mypy") == NULL);
	T_TRUE(find(f, n, AUDIT_MISSING, "gunicorn") == NULL);
	x = find(f, n, AUDIT_MISSING, "fsspec");
	T_TRUE(x && x->severity == AUDIT_WARNING);
	T_STREQ(x->message, "'fsspec' is imported by a module loaded on "
			    "demand but no input provides it (fsspec)");
	T_INTEQ(n, 6);
	audit_free(a);

	/* Nix: antlr4 and upath lacking, from master, a fake hash. */
	nix[0] = req("pyyaml", REQ_RUNTIME, 40);
	nix[1] = req("dagster-pipes", REQ_RUNTIME, 41);
	nix[2] = req("pytest", REQ_TEST, 42);
	for (i = 0; i < 3; i++) {
		nixin[i].req = &nix[i];
		nixin[i].file = "dagster.nix";
		nixin[i].secondary = false;
	}
	memset(&d, 0, sizeof(d));
	d.name = "dagster";
	d.version = "1.9.11";
	d.version_line = 7;
	d.src.fetcher = "fetchFromGitHub";
	d.src.rev = "master";
	d.src.rev_line = 9;
	d.src.hash = "";
	d.src.hash_line = 10;
	ap.declared = nixin;
	ap.ndeclared = 3;
	ap.nix = true;
	ap.upstream = upin;
	ap.nupstream = 5;
	ap.drv = &d;
	ap.drv_file = "dagster.nix";
	a = audit_new();
	audit_run(a, &ap, p, db, NULL);
	f = audit_findings(a, &n);
	for (i = 0; i < n; i++)
		printf("%s %s %s: %s\n", audit_severity_name(f[i].severity),
		       audit_rule_name(f[i].rule), f[i].subject, f[i].message);
	T_TRUE(find(f, n, AUDIT_MISSING, "universal-pathlib") != NULL);
	x = find(f, n, AUDIT_MISSING, "antlr4-python3-runtime");
	T_TRUE(x && x->severity == AUDIT_ERROR);
	T_STREQ(x->fix, "add antlr4-python3-runtime");
	x = find(f, n, AUDIT_UNDECLARED_UPSTREAM, "antlr4-python3-runtime");
	T_TRUE(x && x->where.line == 24);
	T_TRUE(find(f, n, AUDIT_UNDECLARED_UPSTREAM, "requests") != NULL);
	T_TRUE(find(f, n, AUDIT_UNDECLARED_UPSTREAM, "setuptools") != NULL);
	x = find(f, n, AUDIT_VERSION_MISMATCH, "1.9.11");
	T_TRUE(x && x->where.line == 7);
	x = find(f, n, AUDIT_UNPINNED_SOURCE, "master");
	T_TRUE(x && x->where.line == 9);
	x = find(f, n, AUDIT_PLACEHOLDER_HASH, "");
	T_TRUE(x && x->severity == AUDIT_ERROR);
	T_TRUE(find(f, n, AUDIT_MISSING, "pytest") == NULL);

	/* The config silences by rule and by distribution. */
	{
		static const char yaml[] = "ignore:\n"
					   "  - {rule: undeclared-upstream}\n"
					   "  - {dist: universal_pathlib}\n";
		cfg = config_parse("c.yaml", yaml, sizeof(yaml) - 1);
	}
	T_TRUE(cfg != NULL);
	audit_free(a);
	a = audit_new();
	audit_run(a, &ap, p, db, cfg);
	f = audit_findings(a, &n);
	T_TRUE(find(f, n, AUDIT_MISSING, "universal-pathlib") == NULL);
	T_TRUE(find(f, n, AUDIT_UNDECLARED_UPSTREAM, "requests") == NULL);
	T_TRUE(find(f, n, AUDIT_MISSING, "antlr4-python3-runtime") != NULL);
	config_free(cfg);

	/* An inline ignore on every import of a module silences it. */
	for (i = 0; i < sizeof(imps) / sizeof(imps[0]); i++) {
		if (!strcmp(imps[i].module, "upath"))
			ai[i].ignored = true;
	}
	audit_free(a);
	a = audit_new();
	audit_run(a, &ap, p, db, NULL);
	f = audit_findings(a, &n);
	T_TRUE(find(f, n, AUDIT_MISSING, "universal-pathlib") == NULL);
	audit_free(a);

	project_free(p);
	mapdb_free(db);
	return t_done("audit");
}
