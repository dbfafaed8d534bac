/* test_project.c - packages of a monorepo, their modules and siblings */
#include "core/declared.h"
#include "core/project.h"
#include "tests/unit/t.h"

static const char *const files[] = {
	"README.md",
	"pyproject.toml", /* tool config only: not a package */
	"python_modules/dagster/setup.py",
	"python_modules/dagster/dagster/__init__.py",
	"python_modules/dagster/dagster/_core/storage.py",
	"python_modules/dagster/dagster/version.py",
	"python_modules/dagster/dagster_tests/__init__.py",
	"python_modules/dagster/tests/test_x.py",
	"python_modules/dagster/docs/conf.py",
	"python_modules/dagster-pipes/setup.py",
	"python_modules/dagster-pipes/dagster_pipes/__init__.py",
	"python_modules/libraries/dagster-shared/pyproject.toml",
	("python_modules/libraries/dagster-shared/src/dagster_shared/"
	 "__init__.py"),
	"python_modules/libraries/dagster-shared/src/dagster_shared/x.py",
	"python_modules/gcs/setup.cfg",
	"python_modules/gcs/google/cloud/gcs_ext/__init__.py",
	"python_modules/gcs/google/cloud/gcs_ext/io.py",
	"python_modules/gcs/single.py",
	"python_modules/gcs/conftest.py",
	"scripts/release.py",
};

static void
test_monorepo(void)
{
	struct project *p = project_new();
	struct declared_pkg d = {0};
	const struct project_pkg *pkgs, *x;
	size_t n, i;

	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		project_add_file(p, files[i]);
	d.name = "dagster";
	d.version = "1!0+dev";
	project_add_declared(p, "python_modules/dagster/setup.py", &d);
	d.name = "dagster-pipes";
	d.version = NULL;
	project_add_declared(p, "python_modules/dagster-pipes/setup.py", &d);
	d.name = "dagster_shared";
	project_add_declared(
		p, "python_modules/libraries/dagster-shared/pyproject.toml",
		&d);
	d.name = "not-a-root";
	project_add_declared(p, "requirements.txt", &d);
	project_resolve(p);

	pkgs = project_packages(p, &n);
	T_INTEQ(n, 4);
	T_STREQ(pkgs[0].root, "python_modules/dagster");
	T_STREQ(pkgs[0].key, "dagster");
	T_STREQ(pkgs[0].version, "1!0+dev");
	T_INTEQ(pkgs[0].nmodules, 2);
	T_STREQ(pkgs[0].modules[0], "dagster");
	T_STREQ(pkgs[0].modules[1], "dagster_tests");
	T_STREQ(pkgs[2].root, "python_modules/gcs");
	T_TRUE(pkgs[2].name == NULL);
	T_INTEQ(pkgs[2].nmodules, 2);
	T_STREQ(pkgs[2].modules[0], "google");
	T_STREQ(pkgs[2].modules[1], "single");
	T_STREQ(pkgs[3].key, "dagster-shared");
	T_STREQ(pkgs[3].modules[0], "dagster_shared");

	x = project_owner(p, "python_modules/dagster/dagster/version.py");
	T_TRUE(x == &pkgs[0]);
	T_TRUE(project_owner(p, "scripts/release.py") == NULL);
	T_TRUE(project_provider(p, "dagster_pipes.context") == &pkgs[1]);
	T_TRUE(project_provider(p, "dagster_shared") == &pkgs[3]);
	T_TRUE(project_provider(p, "google.cloud.gcs_ext.io") == &pkgs[2]);
	T_TRUE(project_provider(p, "google.cloud.storage") == NULL);
	T_TRUE(project_provider(p, "dagsterx") == NULL);

	memset(&d, 0, sizeof(d));
	d.name = "dagster-graphql";
	d.src.subdir = "python_modules/dagster-pipes";
	T_TRUE(project_match_derivation(p, &d) == &pkgs[1]);
	d.src.subdir = "checkout/python_modules/libraries/dagster-shared/";
	T_TRUE(project_match_derivation(p, &d) == &pkgs[3]);
	d.src.subdir = NULL;
	d.name = "Dagster";
	T_TRUE(project_match_derivation(p, &d) == &pkgs[0]);
	d.name = "dagster-webserver";
	T_TRUE(project_match_derivation(p, &d) == NULL);
	project_free(p);
}

static void
test_wheel(void)
{
	struct project *p = project_new();
	struct declared_pkg d = {0};
	const struct project_pkg *pkgs;
	size_t n;

	project_add_file(p, "demo.whl!demo/__init__.py");
	project_add_file(p, "demo.whl!demo_grammar.py");
	project_add_file(p, "demo.whl!demo-1.0.dist-info/METADATA");
	d.name = "demo";
	project_add_declared(p, "demo.whl!demo-1.0.dist-info/METADATA", &d);
	project_resolve(p);
	pkgs = project_packages(p, &n);
	T_INTEQ(n, 1);
	T_STREQ(pkgs[0].root, "demo.whl!");
	T_INTEQ(pkgs[0].nmodules, 2);
	T_STREQ(pkgs[0].modules[1], "demo_grammar");
	project_free(p);
	project_free(NULL);

	/* In a tree, a .dist-info or .egg-info is a vendored or left-over
	 * install, not a package. */
	p = project_new();
	project_add_file(p, "pkg/_vendor/six-1.0.dist-info/METADATA");
	project_add_file(p, "pkg/_vendor/six.py");
	project_add_file(p, "build.egg-info/PKG-INFO");
	d.name = "six";
	project_add_declared(p, "pkg/_vendor/six-1.0.dist-info/METADATA", &d);
	d.name = "build";
	project_add_declared(p, "build.egg-info/PKG-INFO", &d);
	project_resolve(p);
	project_packages(p, &n);
	T_INTEQ(n, 0);
	project_free(p);
}

int
main(void)
{
	test_monorepo();
	test_wheel();
	return t_done("project");
}
