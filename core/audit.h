/* audit.h - the diff between what a package imports and what it declares
 *
 * One audit per package.  The caller hands over the package (from
 * core/project), the imports of its files, the inputs it declares (the
 * upstream metadata, or a Nix derivation's inputs with the upstream
 * metadata beside them), and the mapping table; audit_run() turns them
 * into findings, the rules of DESIGN.md:
 *
 *   missing              error    imported, not declared
 *   missing-optional     warning  imported only where it is optional
 *   transitive           warning  imported as the package loads, brought
 *                                 only by what a declared input requires
 *   unused               warning  declared, never imported
 *   undeclared-upstream  error    upstream requires it, the Nix inputs lack it
 *   test-only            warning  a runtime input only tests import
 *   misplaced            warning  a test or build input imported at run time
 *   unresolved           warning  no mapping known for an import
 *   version-mismatch     warning  the Nix version is not the source's
 *   unpinned-source      warning  the source is a branch, not a tag or commit
 *   placeholder-hash     error    hash = "", lib.fakeHash and the like
 *
 * The context of an import decides its severity: at module level or in a
 * function it is required (error); only under a guard, a condition or a
 * dynamic import it is a warning; only under TYPE_CHECKING it needs
 * nothing.  Imports in test files are checked against test inputs too.
 *
 * Findings and their strings live in the audit's arena until
 * audit_free().  They come sorted: by package, rule, subject, place.
 */
#ifndef DEPAUDIT_CORE_AUDIT_H
#define DEPAUDIT_CORE_AUDIT_H

#include <stdbool.h>
#include <stddef.h>

struct config;
struct declared_pkg;
struct declared_src;
struct import;
struct mapdb;
struct project;
struct project_pkg;
struct requirement;

enum audit_rule {
	AUDIT_MISSING,
	AUDIT_MISSING_OPTIONAL,
	AUDIT_TRANSITIVE,
	AUDIT_UNUSED,
	AUDIT_UNDECLARED_UPSTREAM,
	AUDIT_TEST_ONLY,
	AUDIT_MISPLACED,
	AUDIT_UNRESOLVED,
	AUDIT_VERSION_MISMATCH,
	AUDIT_UNPINNED_SOURCE,
	AUDIT_PLACEHOLDER_HASH,
	AUDIT_NRULES
};

enum audit_severity { AUDIT_INFO, AUDIT_WARNING, AUDIT_ERROR };

/* "missing", "missing-optional", ... */
const char *audit_rule_name(enum audit_rule rule);
/* A sentence on what the rule means, for SARIF's rule help. */
const char *audit_rule_help(enum audit_rule rule);
/* "info", "warning", "error" */
const char *audit_severity_name(enum audit_severity sev);

enum { AUDIT_EVIDENCE = 3 };

struct audit_place {
	const char *file; /* as the user opens it */
	unsigned line;
};

struct finding {
	enum audit_rule rule;
	enum audit_severity severity;
	const char *package; /* the package's name (its label) */
	const char *root;    /* its directory, "." for the top: what
				   * tells two packages of one name apart */
	const char *subject; /* the distribution, attribute or module */
	const char *module;  /* the import behind it, or NULL */
	/* For a distribution to add: its nixpkgs attribute, or NULL when
	 * nixpkgs has none (the packager packages it first). */
	const char *attr;
	const char *message;      /* one line a person acts on */
	const char *fix;          /* what to add or remove, or NULL */
	struct audit_place where; /* the first import, or the declaration */
	struct audit_place evidence[AUDIT_EVIDENCE];
	size_t nevidence;
	size_t more; /* evidence not listed */
};

/* An import of one of the package's files. */
struct audit_import {
	const struct import *imp;
	const char *file; /* as the user opens it */
	bool ignored;     /* a "# depaudit: ignore" on its line covers it */
	unsigned ignore_rules; /* bit per enum audit_rule; 0 = every rule */
	bool build; /* in a build hook: needs a build input, not a runtime
		     * one */
};

/* A declared input, and where it was declared. */
struct audit_input {
	const struct requirement *req;
	const char *file;
	/* A requirements file: it satisfies imports, but its pins of tools
	 * and docs are not reported unused. */
	bool secondary;
};

struct audit_package {
	const struct project_pkg *pkg;
	const char *label; /* how findings name it; NULL: its own label */
	const struct audit_import *imports;
	size_t nimports;
	/* What the check compares with: the Nix derivation's inputs when
	 * there is one (nix true), else the upstream metadata. */
	const struct audit_input *declared;
	size_t ndeclared;
	bool nix;
	/* With nix: the upstream metadata, for undeclared-upstream. */
	const struct audit_input *upstream;
	size_t nupstream;
	/* With nix: the derivation, for its version and source. */
	const struct declared_pkg *drv;
	const char *drv_file;
	/* The source it is fetched from when not its own src (a runCommand
	 * copying from another derivation's source), or NULL. */
	const struct declared_src *src;
	const char *src_file;
};

struct audit;

struct audit *audit_new(void);
void audit_free(struct audit *a);
/*
 * Audit one package against the table (Python version set on it) and
 * the config (may be NULL), with project for its siblings.  Findings
 * are added to those of earlier calls.
 */
void audit_run(struct audit *a, const struct audit_package *ap,
	       const struct project *project, struct mapdb *db,
	       const struct config *cfg);
/* Every finding so far, sorted (see above). */
const struct finding *audit_findings(struct audit *a, size_t *n);

#endif
