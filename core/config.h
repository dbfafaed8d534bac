/* config.h - .depaudit.yaml: what a project tells depaudit about itself
 *
 * The only module that includes yaml.h.  A config file looks like
 *
 *   python: "3.12"                  # the target Python, X.Y
 *   fail-on: error                  # error | warning | never
 *   first-party: [mypkg, tools]     # modules that are the project's own
 *   mappings:                       # module -> distribution (and attr)
 *     foo_internal: foo-dist
 *     bar: {dist: bar-python, attr: python-bar}
 *   ignore:                         # by rule, module or distribution
 *     - {rule: unused, dist: setuptools-scm}
 *     - {module: win32api}
 *   packages:                       # where packages and their Nix are
 *     - {path: python_modules/dagster, nix: nix/dagster.nix, name: dagster}
 *
 * Every key is optional.  An unknown key, a value of the wrong type, an
 * alias or anchor, or YAML that does not parse is an error naming the
 * file, line and column.  Strings returned live as long as the config.
 */
#ifndef DEPAUDIT_CORE_CONFIG_H
#define DEPAUDIT_CORE_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

struct config;

enum config_fail_on {
	CONFIG_FAIL_UNSET,
	CONFIG_FAIL_ERROR,
	CONFIG_FAIL_WARNING,
	CONFIG_FAIL_NEVER,
};

struct config_mapping {
	const char *module;
	const char *dist;
	const char *attr; /* NULL when not given */
	unsigned line;
};

/* An ignore entry: each field NULL when not given ("any"). */
struct config_ignore {
	const char *rule;
	const char *module;
	const char *dist;
	unsigned line;
};

struct config_package {
	const char *path;
	const char *nix;  /* NULL when not given */
	const char *name; /* NULL when not given */
	unsigned line;
};

/* An empty config: everything unset.  Free with config_free(). */
struct config *config_new(void);
/* Read the YAML file at path.  NULL, diagnosed, when it cannot be read
 * or is not a valid config. */
struct config *config_load(const char *path);
/* Read len bytes of YAML; name is used in diagnostics.  NULL on error. */
struct config *config_parse(const char *name, const char *data, size_t len);
void config_free(struct config *cfg);

/* "X.Y", or NULL when not set. */
const char *config_python(const struct config *cfg);
/* The site-packages directories of the key site-packages, as written
 * (relative to the config's directory). */
const char *const *config_site_packages(const struct config *cfg, size_t *n);
enum config_fail_on config_fail_on(const struct config *cfg);
const char *const *config_first_party(const struct config *cfg, size_t *n);
const struct config_mapping *config_mappings(const struct config *cfg,
					     size_t *n);
const struct config_ignore *config_ignores(const struct config *cfg, size_t *n);
const struct config_package *config_packages(const struct config *cfg,
					     size_t *n);
/*
 * Whether a finding of rule about module (or NULL) and distribution (or
 * NULL) is ignored by an entry: every field the entry gives must match
 * (distributions compared by their PEP 503 names).
 */
bool config_ignored(const struct config *cfg, const char *rule,
		    const char *module, const char *dist);

#endif
