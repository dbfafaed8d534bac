/* test_config.c - .depaudit.yaml: every key, and every kind of mistake */
#include "core/config.h"
#include "tests/unit/t.h"

static struct config *
parse(const char *yaml)
{
	return config_parse("t.yaml", yaml, strlen(yaml));
}

static void
test_full(void)
{
	struct config *cfg =
		parse("# a project's config\n"
		      "python: 3.11\n"
		      "fail-on: warning\n"
		      "first-party: [mypkg, tools]\n"
		      "mappings:\n"
		      "  foo_internal: foo-dist\n"
		      "  bar: {dist: bar-python, attr: python-bar}\n"
		      "ignore:\n"
		      "  - {rule: unused, dist: setuptools_scm}\n"
		      "  - module: win32api\n"
		      "packages:\n"
		      "  - path: python_modules/dagster\n"
		      "    nix: nix/dagster.nix\n"
		      "    name: dagster\n");
	const struct config_mapping *m;
	const struct config_package *p;
	const char *const *fp;
	size_t n;

	T_TRUE(cfg != NULL);
	T_STREQ(config_python(cfg), "3.11");
	T_INTEQ(config_fail_on(cfg), CONFIG_FAIL_WARNING);
	fp = config_first_party(cfg, &n);
	T_INTEQ(n, 2);
	T_STREQ(fp[1], "tools");
	m = config_mappings(cfg, &n);
	T_INTEQ(n, 2);
	T_STREQ(m[0].module, "foo_internal");
	T_STREQ(m[0].dist, "foo-dist");
	T_TRUE(m[0].attr == NULL);
	T_STREQ(m[1].attr, "python-bar");
	T_INTEQ(m[1].line, 7);
	p = config_packages(cfg, &n);
	T_INTEQ(n, 1);
	T_STREQ(p[0].nix, "nix/dagster.nix");
	T_TRUE(config_ignored(cfg, "unused", NULL, "setuptools-scm"));
	T_TRUE(!config_ignored(cfg, "missing", NULL, "setuptools-scm"));
	T_TRUE(config_ignored(cfg, "missing", "win32api.x", NULL));
	T_TRUE(!config_ignored(cfg, "missing", "win32apix", NULL));
	config_free(cfg);
}

static void
test_empty(void)
{
	struct config *cfg = parse("");
	size_t n;

	T_TRUE(cfg != NULL);
	T_TRUE(config_python(cfg) == NULL);
	T_INTEQ(config_fail_on(cfg), CONFIG_FAIL_UNSET);
	T_TRUE(config_mappings(cfg, &n) == NULL && n == 0);
	T_TRUE(!config_ignored(cfg, "unused", "x", "y"));
	config_free(cfg);
	cfg = parse("# only a comment\n");
	T_TRUE(cfg != NULL);
	config_free(cfg);
	config_free(NULL);
}

static void
test_errors(void)
{
	static const char *const bad[] = {
		"pyton: 3.12\n",
		"python: [3, 12]\n",
		"python: 2.7\n",
		"python: 3.x\n",
		"fail-on: sometimes\n",
		"first-party: mypkg\n",
		"first-party: [a, [b]]\n",
		"mappings: [a, b]\n",
		"mappings:\n  a: {attr: x}\n",
		"mappings:\n  a: {dist: x, nix: y}\n",
		"ignore:\n  - {rule: nonsense}\n",
		"ignore:\n  - {}\n",
		"ignore: {rule: unused}\n",
		"packages:\n  - {nix: a.nix}\n",
		"python: 3.12\npython: 3.11\n",
		"a: &x 1\nb: *x\n",
		"python: 3.12\n---\npython: 3.11\n",
		"python: \"3.12\n",
		"[1, 2\n",
		"- just\n- a list\n",
		"just a string\n",
		"{[a]: b}\n",
		("packages: "
		 "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]"
		 "]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n"),
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct config *cfg = parse(bad[i]);

		if (cfg)
			T_FAIL("accepted: %s", bad[i]);
		t_checks++;
	}
	T_TRUE(config_load("does/not/exist.yaml") == NULL);
}

int
main(void)
{
	test_full();
	test_empty();
	test_errors();
	return t_done("config");
}
