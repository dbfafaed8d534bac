/* ship.h - which files of a package its build backend puts in the wheel
 *
 * The readers of build configuration (setup.py, setup.cfg, pyproject.toml)
 * do not decide anything: they record what the configuration says as a
 * list of struct ship_setting on the package they declare.  ship_select()
 * then does what the backend would do with those settings and the files
 * of the package, and answers, for every file that lands in the wheel,
 * the dotted module it becomes there.  When nothing is configured it
 * applies the backend's own defaults (setuptools' automatic discovery,
 * hatchling's, poetry-core's, flit-core's, pdm-backend's, maturin's and
 * scikit-build-core's), and for any other backend the conventional
 * layout: src/NAME/, NAME/, NAME.py.
 *
 * Paths are relative to the package's root and '/'-separated.  What
 * ship_select() returns lives in the arena it is given.
 */
#ifndef DEPAUDIT_CORE_SHIP_H
#define DEPAUDIT_CORE_SHIP_H

#include <stdbool.h>
#include <stddef.h>

struct arena;

/*
 * One thing a configuration says.  value and value2 are as written; what
 * they mean depends on key.  The tool a key comes from is the backend it
 * applies to: [tool.hatch...] settings do not steer setuptools.
 */
enum ship_key {
	/* [build-system] build-backend: value is the backend as written,
	 * "setuptools.build_meta", "hatchling.build", ... */
	SHIP_BACKEND,
	/* setuptools (setup.py, setup.cfg [options], [tool.setuptools]) */
	SHIP_PACKAGE,          /* packages: a dotted package name */
	SHIP_PY_MODULE,        /* py_modules / py-modules: a dotted module */
	SHIP_PACKAGE_DIR,      /* package_dir: value the package ("" for the
			   * root), value2 its directory */
	SHIP_FIND,             /* packages = find_packages() and the like;
			   * value "namespace" for the PEP 420 finder */
	SHIP_FIND_WHERE,       /* find's where: a directory */
	SHIP_FIND_INCLUDE,     /* find's include: a pattern of dotted names */
	SHIP_FIND_EXCLUDE,     /* find's exclude: a pattern of dotted names */
	SHIP_PACKAGES_UNKNOWN, /* packages= given but not evaluated */
	/* hatchling [tool.hatch.build.targets.wheel] (and [tool.hatch.build]) */
	SHIP_HATCH_PACKAGES,     /* packages: a directory, shipped under
				  * its last component */
	SHIP_HATCH_ONLY_INCLUDE, /* only-include: a path */
	SHIP_HATCH_INCLUDE,      /* include: a gitignore-style pattern */
	SHIP_HATCH_EXCLUDE,      /* exclude: a gitignore-style pattern */
	SHIP_HATCH_SOURCES,      /* sources: value a prefix removed, value2
				  * what replaces it ("" for a list) */
	/* poetry-core [tool.poetry] packages = [{include, from}] */
	SHIP_POETRY_INCLUDE, /* value the include (a path or glob), value2
			      * its from directory, or NULL */
	SHIP_POETRY_EXCLUDE, /* exclude: a glob */
	/* flit-core [tool.flit.module] name */
	SHIP_FLIT_MODULE,
	/* pdm-backend [tool.pdm.build] */
	SHIP_PDM_INCLUDE,     /* includes: a path or glob */
	SHIP_PDM_EXCLUDE,     /* excludes: a path or glob */
	SHIP_PDM_PACKAGE_DIR, /* package-dir: a directory */
	/* maturin [tool.maturin] */
	SHIP_MATURIN_PYTHON_SOURCE,  /* python-source: a directory */
	SHIP_MATURIN_MODULE_NAME,    /* module-name: a dotted name */
	SHIP_MATURIN_PYTHON_PACKAGE, /* python-packages: a package */
	/* scikit-build-core [tool.scikit-build] wheel.packages: a path */
	SHIP_SKBUILD_PACKAGE,
	/* A build hook the backend runs (hatch's custom hook path, pdm's
	 * pdm_build.py, poetry's build script): build code. */
	SHIP_BUILD_HOOK,
};

struct ship_setting {
	enum ship_key key;
	const char *value;  /* arena-owned, may be NULL */
	const char *value2; /* arena-owned, may be NULL */
	unsigned line;
};

/* How ship_select() decided. */
enum ship_how {
	SHIP_CONFIGURED, /* the configuration names what ships */
	SHIP_DEFAULT,    /* the backend's defaults */
	SHIP_CONVENTION, /* the conventional layout (an unknown backend) */
	SHIP_NONE,       /* nothing found that would ship */
};

/* What a file is to the package. */
enum ship_role {
	SHIP_CODE,     /* runtime code in the wheel */
	SHIP_VENDORED, /* code in the wheel under a vendoring directory */
	SHIP_HOOK,     /* a build hook: build code */
};

struct ship_file {
	size_t index;       /* into the files given */
	const char *module; /* the dotted module it is ("a.b" for
			     * a/b/__init__.py or a/b.py) */
	enum ship_role role;
};

/* The roots vendored modules are imported from: "pkg/_vendor". */
struct ship_result {
	struct ship_file *files; /* sorted by index */
	size_t nfiles;
	const char **vendor_dirs; /* directories on sys.path, sorted */
	size_t nvendor_dirs;
	enum ship_how how;
	const char *backend; /* "setuptools", "hatchling", ... or NULL */
};

/* What ship_select() decides from. */
struct ship_input {
	const struct ship_setting *settings; /* of every metadata file of
					      * the package, in order */
	size_t nsettings;
	const char *name; /* the distribution's name, or NULL */
	/* The package's files: relative to its root, sorted (strcmp),
	 * '/'-separated; every file, not only Python. */
	const char *const *files;
	size_t nfiles;
	/* Modules a packager says the package provides (Nix's
	 * pythonImportsCheck): looked for only when neither the
	 * configuration nor the backend's defaults find anything. */
	const char *const *hints;
	size_t nhints;
	bool wheel; /* files are a wheel's members: every module ships */
};

/*
 * Which of in->files the package's backend ships, and as what module.
 * Everything in *out lives in arena.
 */
void ship_select(struct arena *arena, const struct ship_input *in,
		 struct ship_result *out);

/* Whether the n bytes at s can be a part of a dotted module name: an
 * identifier (bytes past ASCII are taken as letters). */
bool ship_is_identifier(const char *s, size_t n);

/* The name depaudit inputs prints for key: "packages", "hatch.sources"... */
const char *ship_key_name(enum ship_key key);
/* "configured", "default", "convention", "none" */
const char *ship_how_name(enum ship_how how);

#endif
