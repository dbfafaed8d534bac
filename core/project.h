/* project.h - the packages of a tree and the modules each one provides
 *
 * A tree (or an archive) holds one package or many (a monorepo).  The
 * caller feeds in every file path of the tree and every package a
 * declared-input reader found (setup.py, pyproject.toml, setup.cfg,
 * METADATA, PKG-INFO, a Nix expression); project_resolve() then works out
 *
 *  - the package roots: a directory with a setup.py or setup.cfg, or with
 *    a pyproject.toml or PKG-INFO that declares a package, or the top of a
 *    wheel (the directory holding NAME.dist-info/METADATA); not metadata
 *    under a test or fixture directory of another package; when there is
 *    none, an application: the directory of its requirements files;
 *  - which package each file belongs to (the deepest root above it);
 *  - which of its files the package's build backend ships, and as what
 *    module (core/ship.h), from the build settings its metadata carries;
 *  - each package's first-party modules: the names its shipped files
 *    provide, down to the first regular package (a directory with
 *    __init__.py), and the modules of its vendoring directories;
 *  - which package provides a given top-level module, so that one package
 *    of a monorepo importing another is seen as depending on its sibling.
 *
 * Paths are relative to the tree's top and '/'-separated.  Everything a
 * project hands out lives as long as the project.
 */
#ifndef DEPAUDIT_CORE_PROJECT_H
#define DEPAUDIT_CORE_PROJECT_H

#include <stdbool.h>
#include <stddef.h>

struct declared_pkg;
struct project;

/* What a file of the tree is to its package. */
enum project_role {
	PROJECT_OTHER,    /* not shipped: scripts, docs, examples, tooling,
			   * and tests (their imports are marked as such) */
	PROJECT_CODE,     /* runtime code: in the wheel */
	PROJECT_VENDORED, /* in the wheel, under a vendoring directory */
	PROJECT_HOOK,     /* a build hook the backend runs */
	PROJECT_STUB,     /* a .pyi in the wheel: needs nothing at run time */
	PROJECT_FIXTURE,  /* test data (tests/fixtures/...): never runs */
	PROJECT_TOOLING,  /* scripts, docs, examples, benchmarks: not even
			   * a test_*.py there is a test */
};

struct project_pkg {
	const char *root;     /* its directory, "" for the top of the tree */
	const char *name;     /* distribution name as declared, or NULL */
	const char *label;    /* name, else its directory's base name */
	const char *key;      /* its PEP 503 name, or NULL */
	const char *version;  /* as declared, or NULL */
	const char **modules; /* first-party top-level modules, sorted */
	size_t nmodules;
	const char *metadata; /* the file that declared it, or NULL */
	/* How its shipped files were found: "configured", "default",
	 * "convention" (core/ship.h), or "guessed" for an application. */
	const char *ship;
	const char *backend; /* its build backend, or NULL */
	/* No metadata, only requirements files: those are its inputs. */
	bool application;
};

/* How reports name a package: its name, else its directory's base name
 * ("." for the top of the tree). */
const char *project_pkg_label(const struct project_pkg *pkg);

/* Whether the declared-input file at path speaks for pkg: metadata at
 * its root, or a requirements file not among its test fixtures. */
bool project_declares(const struct project *p, const struct project_pkg *pkg,
		      const char *path);
/* The dotted module the file at path is in the wheel ("a.b" for
 * a/b/__init__.py), or NULL when it is not shipped code. */
const char *project_module(const struct project *p, const char *path);
/* What the file at path is to its package. */
enum project_role project_role(const struct project *p, const char *path);
/*
 * Whether module is pkg's own: the longest dotted prefix of module that
 * some package ships is shipped by pkg, or its top-level name is one of
 * pkg's vendored modules.  A package shipping poetry/ as a namespace
 * but not poetry/core does not own poetry.core.
 */
bool project_owns(const struct project *p, const struct project_pkg *pkg,
		  const char *module);
/* Whether top names a directory or a module file anywhere in pkg's tree:
 * a local module reached through sys.path, not a distribution. */
bool project_is_local(const struct project *p, const struct project_pkg *pkg,
		      const char *top, size_t len);

/* Where the path of a file of pkg continues below pkg->root. */
size_t project_rel_start(const struct project_pkg *pkg);

struct project *project_new(void);
void project_free(struct project *p);

/* Every file of the tree, in any order. */
void project_add_file(struct project *p, const char *path);
/* A package declared by the file at path (not by a Nix expression: see
 * project_match_derivation()). */
void project_add_declared(struct project *p, const char *path,
			  const struct declared_pkg *pkg);
/* A package at root (a directory, as files name it) whatever metadata it
 * has; name may be NULL. */
void project_add_root(struct project *p, const char *root, const char *name);
/* A Nix derivation that may build a package of the tree: its
 * pythonImportsCheck says which modules the package provides when
 * neither its configuration nor its backend's defaults find any.  drv is
 * borrowed and must outlive the project. */
void project_add_hints(struct project *p, const struct declared_pkg *drv);
/* A requirements file: when the tree has no package metadata at all, the
 * directory of the shallowest one is an application. */
void project_add_requirements(struct project *p, const char *path);
/* Work out the packages; call once, after every file was added. */
void project_resolve(struct project *p);

/* The packages, sorted by root. */
const struct project_pkg *project_packages(const struct project *p, size_t *n);
/* The package the file at path belongs to, or NULL. */
const struct project_pkg *project_owner(const struct project *p,
					const char *path);
/* The package whose first-party modules include the top-level part of
 * module ("a" of "a.b.c"), or NULL. */
const struct project_pkg *project_provider(const struct project *p,
					   const char *module);
/*
 * The package a Nix derivation builds: the one whose root is the path its
 * source copies (src.subdir), else the one whose name is its pname (PEP
 * 503).  NULL when none matches.
 */
const struct project_pkg *
project_match_derivation(const struct project *p,
			 const struct declared_pkg *drv);

#endif
