/* declared.h - what a package declares it needs: the model every
 * declared-input reader fills (Nix, setup.py, pyproject.toml, setup.cfg,
 * requirements files, METADATA/PKG-INFO)
 *
 * Readers emit through scan_emit_package() and scan_emit_requirement()
 * (core/scan.h).  Every string is owned by the scan context's arena; a
 * NULL string means "not given".  A requirement names its package by the
 * package's `id` (unique within one file: a derivation's let-binding name
 * or its pname, a project's name).
 */
#ifndef DEPAUDIT_CORE_DECLARED_H
#define DEPAUDIT_CORE_DECLARED_H

#include <stdbool.h>
#include <stddef.h>

struct arena;
struct ship_setting;

/* What an input is needed for. */
enum req_kind {
	REQ_RUNTIME, /* dependencies, propagatedBuildInputs, install_requires */
	REQ_BUILD,   /* build-system, nativeBuildInputs, setup_requires */
	REQ_TEST,    /* nativeCheckInputs, tests_require */
	REQ_OPTIONAL, /* an extra: group holds its name */
	REQ_DEV,      /* a dependency group (PEP 735, poetry): group holds it */
};

enum req_flag {
	/* Under a condition: lib.optionals cond [...], if/then/else. */
	REQ_CONDITIONAL = 1u << 0,
	/* Its PEP 508 marker is false for the target environment. */
	REQ_MARKER_FALSE = 1u << 1,
	/* Could not be evaluated statically: raw holds what was there. */
	REQ_NOT_EVALUATED = 1u << 2,
	/* A direct reference: name @ url. */
	REQ_URL = 1u << 3,
	/*
	 * Nix: taken from a package set that is not Python's, as written
	 * (pkgs.ffmpeg, buildPackages.git, rustPlatform.cargoSetupHook):
	 * a library or a tool, never a Python distribution, whatever attr.
	 */
	REQ_NIX_TOPLEVEL = 1u << 4,
	/*
	 * Nix: a Python package for certain: a buildPythonPackage of the
	 * same file, or taken from a Python package set as written
	 * (python3Packages.x, python312.pkgs.x).  With neither Nix flag,
	 * attr (a formal, a name from with) may be either: whether it is
	 * in nixpkgs' Python package set decides (mapdb_is_python_attr()).
	 */
	REQ_NIX_PYTHON = 1u << 5,
	/*
	 * Nix: not written, implied by the build: buildPythonPackage's
	 * default format "setuptools" puts setuptools among the build
	 * inputs.  It is there when tests and build hooks run, not for
	 * users.
	 */
	REQ_NIX_IMPLIED = 1u << 6,
};

struct requirement {
	const char *package;   /* id of the struct declared_pkg it belongs to */
	const char *name;      /* distribution or attr name as written */
	const char *key;       /* PEP 503 normalized name */
	const char *raw;       /* the text as written */
	const char *extras;    /* "a,b" as written, or NULL */
	const char *specifier; /* ">=1.0,<2", or NULL */
	const char *marker;    /* the PEP 508 marker, or NULL */
	const char *url;       /* for REQ_URL */
	const char *group;     /* the extra or dependency group */
	const char *attr;      /* Nix: the attribute name (ps.foo -> foo) */
	enum req_kind kind;
	unsigned flags; /* enum req_flag */
	unsigned line;
	unsigned col;
};

/* Where a Nix derivation's source comes from. */
struct declared_src {
	const char *fetcher; /* fetchFromGitHub, fetchPypi, runCommand, ... */
	const char *owner;
	const char *repo;
	const char *rev;
	const char *tag;
	const char *hash;    /* hash, sha256 or "lib.fakeHash" as written */
	const char *pname;   /* fetchPypi's */
	const char *version; /* fetchPypi's */
	const char *subdir;  /* the path a runCommand copies, or sourceRoot */
	const char *from;    /* the source a runCommand copies from */
	unsigned line;
	unsigned hash_line;
	unsigned rev_line;
};

/* One package as a file declares it: a derivation, a project. */
struct declared_pkg {
	const char *id;      /* unique within the file */
	const char *format;  /* the scanner's name: "nix", "setup.py", ... */
	const char *name;    /* pname / project name, NULL if unknown */
	const char *version; /* as declared, NULL if unknown or dynamic */
	const char *builder; /* buildPythonPackage, buildEnv, setup(), ... */
	const char *python_requires;
	struct declared_src src;    /* Nix only */
	const char **imports_check; /* pythonImportsCheck */
	size_t nimports_check;
	const char **relax_deps; /* pythonRelaxDeps */
	size_t nrelax_deps;
	const char **remove_deps; /* pythonRemoveDeps */
	size_t nremove_deps;
	/* Nix: the test paths its check phase leaves out, relative to the
	 * source root: disabledTestPaths, pytest's --ignore and
	 * --ignore-glob (node ids, "file::test", are not paths). */
	const char **skip_tests;
	size_t nskip_tests;
	const char **members; /* buildEnv paths: ids of derivations */
	size_t nmembers;
	const char **dynamic; /* pyproject [project] dynamic */
	size_t ndynamic;
	/* What its build configuration says about the wheel's files
	 * (core/ship.h), in the order written. */
	const struct ship_setting *ship;
	size_t nship;
	unsigned line;
	unsigned version_line;
	bool no_check; /* Nix: doCheck = false, the build runs no tests */
};

/* Deep copies into arena, for results that outlive a scan context. */
void declared_pkg_copy(struct arena *a, struct declared_pkg *dst,
		       const struct declared_pkg *src);
void requirement_copy(struct arena *a, struct requirement *dst,
		      const struct requirement *src);

/* "runtime", "build", "test", "optional", "dev" */
const char *req_kind_name(enum req_kind kind);

#endif
