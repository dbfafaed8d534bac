/* test_ship.c - which files each build backend ships */
#include "core/ship.h"

#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/strbuf.h"
#include "tests/unit/t.h"

static struct arena arena = ARENA_INIT;
static struct strbuf got = STRBUF_INIT;

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

#define S(k, v)                                                                \
	{                                                                      \
		k, v, NULL, 1                                                  \
	}
#define S2(k, v, w)                                                            \
	{                                                                      \
		k, v, w, 1                                                     \
	}
#define N(a) (sizeof(a) / sizeof(a[0]))

/*
 * What ships of files (NULL-terminated, sorted here), as
 * "path=module" words; a vendored file ends in "!v", a hook in "!h".
 * After a '|' the vendor directories, after a '@' how it was decided.
 */
static const char *
run_hints(const struct ship_setting *s, size_t ns, const char *name,
	  const char **files, const char *const *hints, size_t nhints)
{
	struct ship_input in = {s, ns, name, NULL, 0, hints, nhints, false};
	struct ship_result r;
	size_t n = 0, i;

	while (files[n])
		n++;
	qsort(files, n, sizeof(*files), cmp_str);
	in.files = files;
	in.nfiles = n;
	if (name && !strcmp(name, "*wheel*")) {
		in.name = NULL;
		in.wheel = true;
	}
	ship_select(&arena, &in, &r);
	strbuf_reset(&got);
	for (i = 0; i < r.nfiles; i++) {
		if (got.len)
			strbuf_addch(&got, ' ');
		strbuf_addf(&got, "%s=%s", files[r.files[i].index],
			    r.files[i].module ? r.files[i].module : "-");
		if (r.files[i].role == SHIP_VENDORED)
			strbuf_addstr(&got, "!v");
		if (r.files[i].role == SHIP_HOOK)
			strbuf_addstr(&got, "!h");
	}
	for (i = 0; i < r.nvendor_dirs; i++)
		strbuf_addf(&got, " |%s", r.vendor_dirs[i]);
	strbuf_addf(&got, "%s@%s", got.len ? " " : "", ship_how_name(r.how));
	return got.buf;
}

static const char *
run(const struct ship_setting *s, size_t ns, const char *name,
    const char **files)
{
	return run_hints(s, ns, name, files, NULL, 0);
}

static void
test_setuptools_discovery(void)
{
	const char *flat[] = {"setup.py",         "noxfile.py",
			      "pkg/__init__.py",  "pkg/a.py",
			      "pkg/data/x.py",    "tests/test_x.py",
			      "docs/conf.py",     "scripts/__init__.py",
			      "scripts/run.py",   "tool.py",
			      "_private/x.py",    "README.md",
			      "pkg/my-data/t.py", NULL};
	const char *src[] = {"noxfile.py",        "src/pkg/__init__.py",
			     "src/pkg/ns/x.py",   "src/mod.py",
			     "tests/conftest.py", NULL};

	T_STREQ(run(NULL, 0, "pkg", flat),
		"pkg/__init__.py=pkg pkg/a.py=pkg.a pkg/data/x.py=pkg.data.x "
		"tool.py=tool @default");
	T_STREQ(run(NULL, 0, NULL, src),
		"src/mod.py=mod src/pkg/__init__.py=pkg "
		"src/pkg/ns/x.py=pkg.ns.x "
		"@default");
}

static void
test_setuptools_configured(void)
{
	/* pyyaml: package_dir={'': 'lib'}, packages=['yaml', '_yaml'] */
	const struct ship_setting yaml[] = {
		S2(SHIP_PACKAGE_DIR, "", "lib"),
		S(SHIP_PACKAGE, "yaml"),
		S(SHIP_PACKAGE, "_yaml"),
	};
	const char *yfiles[] = {"lib/yaml/__init__.py",  "lib/yaml/a.py",
				"lib/_yaml/__init__.py", "tests/lib/t.py",
				"yaml/__init__.pyx",     NULL};
	const struct ship_setting find[] = {
		S(SHIP_FIND, NULL),
		S(SHIP_FIND_EXCLUDE, "tests"), /* not tests.unit */
	};
	const char *ffiles[] = {"pkg/__init__.py",
				"pkg/sub/__init__.py",
				"pkg/sub/x.py",
				"pkg/nons/x.py",
				"tests/__init__.py",
				"tests/unit/__init__.py",
				"tests/unit/test_a.py",
				"top.py",
				NULL};
	const struct ship_setting ns[] = {
		S(SHIP_FIND, "namespace"),
		S(SHIP_FIND_WHERE, "src"),
		S(SHIP_FIND_INCLUDE, "acme*"),
		S2(SHIP_PACKAGE_DIR, "", "src"),
	};
	const char *nfiles[] = {"src/acme/tool/__init__.py", "src/acme/x.py",
				"src/other/y.py", NULL};
	const struct ship_setting mods[] = {
		S2(SHIP_PACKAGE_DIR, "", "lib"),
		S(SHIP_PY_MODULE, "one"),
		S(SHIP_PY_MODULE, "pkg.two"),
	};
	const char *mfiles[] = {"lib/one.py", "lib/pkg/two.py", "lib/three.py",
				NULL};
	const struct ship_setting unknown[] = {
		S(SHIP_PACKAGES_UNKNOWN, "get_packages()"),
	};
	const char *ufiles[] = {"pkg/__init__.py", "tests/__init__.py",
				"noxfile.py", NULL};

	T_STREQ(run(yaml, N(yaml), "PyYAML", yfiles),
		"lib/_yaml/__init__.py=_yaml lib/yaml/__init__.py=yaml "
		"lib/yaml/a.py=yaml.a @configured");
	T_STREQ(run(find, N(find), "pkg", ffiles),
		"pkg/__init__.py=pkg pkg/sub/__init__.py=pkg.sub "
		"pkg/sub/x.py=pkg.sub.x tests/unit/__init__.py=tests.unit "
		"tests/unit/test_a.py=tests.unit.test_a @configured");
	T_STREQ(run(ns, N(ns), NULL, nfiles),
		"src/acme/tool/__init__.py=acme.tool src/acme/x.py=acme.x "
		"@configured");
	T_STREQ(run(mods, N(mods), NULL, mfiles),
		"lib/one.py=one lib/pkg/two.py=pkg.two @configured");
	T_STREQ(run(unknown, N(unknown), NULL, ufiles),
		"pkg/__init__.py=pkg @configured");
}

static void
test_hatch(void)
{
	const struct ship_setting def[] = {S(SHIP_BACKEND, "hatchling.build")};
	const char *dfiles[] = {"src/my_pkg/__init__.py", "src/my_pkg/a.py",
				"scripts/x.py", "hatch_build.py", NULL};
	const struct ship_setting pk[] = {
		S(SHIP_BACKEND, "hatchling.build"),
		S(SHIP_HATCH_PACKAGES, "src/foo"),
		S(SHIP_HATCH_EXCLUDE, "tests"),
		S(SHIP_BUILD_HOOK, "hatch_build.py"),
	};
	const char *pfiles[] = {"src/foo/__init__.py", "src/foo/tests/t.py",
				"src/bar/x.py", "hatch_build.py", NULL};
	const struct ship_setting oi[] = {
		S(SHIP_BACKEND, "hatchling.build"),
		S(SHIP_HATCH_ONLY_INCLUDE, "lib/foo"),
		S2(SHIP_HATCH_SOURCES, "lib", ""),
	};
	const char *ofiles[] = {"lib/foo/__init__.py", "lib/foo/b/c.py",
				"lib/other.py", NULL};
	const struct ship_setting inc[] = {
		S(SHIP_BACKEND, "hatchling.build"),
		S(SHIP_HATCH_INCLUDE, "/pkg"),
		S2(SHIP_HATCH_SOURCES, "src", "pkg"),
	};
	const char *ifiles[] = {"pkg/__init__.py", "pkg/m.py", "docs/x.py",
				NULL};

	T_STREQ(run(def, N(def), "My-Pkg", dfiles),
		"src/my_pkg/__init__.py=my_pkg src/my_pkg/a.py=my_pkg.a "
		"@default");
	T_STREQ(run(pk, N(pk), "foo", pfiles),
		"hatch_build.py=-!h src/foo/__init__.py=foo @configured");
	T_STREQ(run(oi, N(oi), "foo", ofiles),
		"lib/foo/__init__.py=foo lib/foo/b/c.py=foo.b.c @configured");
	T_STREQ(run(inc, N(inc), "pkg", ifiles),
		"pkg/__init__.py=pkg pkg/m.py=pkg.m @configured");
}

static void
test_poetry_flit_pdm(void)
{
	const struct ship_setting po[] = {
		S(SHIP_BACKEND, "poetry.core.masonry.api"),
		S2(SHIP_POETRY_INCLUDE, "poetry", "src"),
		S2(SHIP_POETRY_INCLUDE, "extra/**/*.py", NULL),
		S(SHIP_POETRY_EXCLUDE, "src/poetry/core/_vendor/lark/tests"),
	};
	const char *pofiles[] = {"src/poetry/core/__init__.py",
				 "src/poetry/core/_vendor/packaging/v.py",
				 "src/poetry/core/_vendor/lark/tests/t.py",
				 "extra/a/b.py",
				 "tests/fixtures/p/setup.py",
				 NULL};
	const struct ship_setting podef[] = {
		S(SHIP_BACKEND, "poetry.core.masonry.api")};
	const char *podfiles[] = {"my_tool.py", "other.py", NULL};
	const struct ship_setting fl[] = {
		S(SHIP_BACKEND, "flit_core.buildapi"),
		S(SHIP_FLIT_MODULE, "foo_bar"),
	};
	const char *flfiles[] = {"src/foo_bar/__init__.py", "docs/conf.py",
				 NULL};
	const struct ship_setting pd[] = {S(SHIP_BACKEND, "pdm.backend")};
	const char *pdfiles[] = {"src/a/__init__.py", "src/tests/__init__.py",
				 "pdm_build.py", "tasks.py", NULL};
	const struct ship_setting pdi[] = {
		S(SHIP_BACKEND, "pdm.backend"),
		S(SHIP_PDM_PACKAGE_DIR, "src"),
		S(SHIP_PDM_INCLUDE, "src/a"),
		S(SHIP_PDM_EXCLUDE, "**/skip.py"),
	};
	const struct ship_setting pdsrc[] = {
		S(SHIP_BACKEND, "pdm.backend.intree"),
		S(SHIP_PDM_INCLUDE, "src"),
		S(SHIP_PDM_PACKAGE_DIR, "src"),
	};
	const char *pdifiles[] = {"src/a/__init__.py", "src/a/skip.py",
				  "src/b/__init__.py", NULL};

	T_STREQ(run(po, N(po), "poetry-core", pofiles),
		"extra/a/b.py=extra.a.b "
		"src/poetry/core/__init__.py=poetry.core "
		"src/poetry/core/_vendor/packaging/v.py="
		"poetry.core._vendor.packaging.v!v "
		"|src/poetry/core/_vendor @configured");
	T_STREQ(run(podef, N(podef), "my-tool", podfiles),
		"my_tool.py=my_tool @default");
	T_STREQ(run(fl, N(fl), "foo-bar", flfiles),
		"src/foo_bar/__init__.py=foo_bar @configured");
	T_STREQ(run(pd, N(pd), "a", pdfiles),
		"pdm_build.py=-!h src/a/__init__.py=a @default");
	T_STREQ(run(pdi, N(pdi), "a", pdifiles),
		"src/a/__init__.py=a @configured");
	T_STREQ(run(pdsrc, N(pdsrc), "a", pdifiles),
		"src/a/__init__.py=a src/a/skip.py=a.skip "
		"src/b/__init__.py=b @configured");
}

static void
test_extensions_and_others(void)
{
	const struct ship_setting mat[] = {
		S(SHIP_BACKEND, "maturin"),
		S(SHIP_MATURIN_PYTHON_SOURCE, "python"),
		S(SHIP_MATURIN_MODULE_NAME, "pkg._rust"),
	};
	const char *matfiles[] = {"python/pkg/__init__.py", "src/lib.rs",
				  "tests/test_x.py", NULL};
	const char *rust[] = {"src/lib.rs", "tests/test_x.py", NULL};
	const struct ship_setting matdef[] = {S(SHIP_BACKEND, "maturin")};
	const struct ship_setting sk[] = {
		S(SHIP_BACKEND, "scikit_build_core.build"),
		S(SHIP_SKBUILD_PACKAGE, "src/pkg"),
	};
	const char *skfiles[] = {"src/pkg/__init__.py", "src/other/x.py", NULL};
	const struct ship_setting meson[] = {S(SHIP_BACKEND, "mesonpy")};
	const char *mesonfiles[] = {"numpy/__init__.py", "tools/x.py",
				    "benchmarks/b.py", NULL};
	const char *hinted[] = {"lib_x/__init__.py", "tools/x.py", NULL};
	const char *const hints[] = {"lib_x.sub"};
	const char *whl[] = {"pkg-1.0.dist-info/METADATA",
			     "pkg/__init__.py",
			     "pkg-1.0.data/purelib/extra.py",
			     "pkg-1.0.data/scripts/tool.py",
			     "pkg/_vendor/six.py",
			     NULL};

	T_STREQ(run(mat, N(mat), "pkg", matfiles),
		"python/pkg/__init__.py=pkg @configured");
	T_STREQ(run(matdef, N(matdef), "pkg", rust), "@default");
	T_STREQ(run(sk, N(sk), "pkg", skfiles),
		"src/pkg/__init__.py=pkg @configured");
	T_STREQ(run(meson, N(meson), "numpy", mesonfiles),
		"numpy/__init__.py=numpy @convention");
	T_STREQ(run_hints(meson, N(meson), "x", hinted, hints, 1),
		"lib_x/__init__.py=lib_x @convention");
	T_STREQ(run(meson, N(meson), "x", hinted), "@none");
	T_STREQ(run(NULL, 0, "*wheel*", whl),
		"pkg-1.0.data/purelib/extra.py=extra pkg/__init__.py=pkg "
		"pkg/_vendor/six.py=pkg._vendor.six @configured");
}

static void
test_hostile(void)
{
	/* a pattern too long matches nothing; many stars cost no more
	 * than a pass each */
	static char longpat[3000];
	const struct ship_setting s[] = {
		S(SHIP_BACKEND, "hatchling.build"),
		S(SHIP_HATCH_INCLUDE, longpat),
		S(SHIP_HATCH_INCLUDE,
		  "*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*"),
		S(SHIP_HATCH_INCLUDE, "**/**/**/**/**/**/**/**/**/**/z"),
		S(SHIP_PACKAGE_DIR, NULL),
	};
	const char *files[] = {"a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q/r/s/t/u.py",
			       NULL};

	memset(longpat, '*', sizeof(longpat) - 1);
	T_STREQ(run(s, N(s), NULL, files),
		"a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q/r/s/t/u.py="
		"a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u @configured");
}

int
main(void)
{
	test_setuptools_discovery();
	test_setuptools_configured();
	test_hatch();
	test_poetry_flit_pdm();
	test_extensions_and_others();
	test_hostile();
	strbuf_release(&got);
	arena_release(&arena);
	return t_done("test_ship");
}
