/* config.c - .depaudit.yaml with libyaml; see config.h */
#include "core/config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "core/arena.h"
#include "core/audit.h"
#include "core/diag.h"
#include "core/pep503.h"
#include "core/strbuf.h"
#include "core/xalloc.h"

enum node_kind { NODE_SCALAR, NODE_SEQ, NODE_MAP };

/* The document as a tree; a mapping holds key, value, key, value, ... */
struct node {
	enum node_kind kind;
	const char *value;
	struct node **items;
	size_t n, a;
	unsigned line, col;
};

struct config {
	struct arena arena;
	const char *name; /* for diagnostics */
	const char *python;
	const char **site_packages;
	size_t nsite_packages;
	enum config_fail_on fail_on;
	const char **first_party;
	size_t nfirst_party;
	struct config_mapping *mappings;
	size_t nmappings;
	struct config_ignore *ignores;
	size_t nignores;
	struct config_package *packages;
	size_t npackages;
	bool bad;
};

enum { MAX_DEPTH = 32 };

static void bad(struct config *cfg, const struct node *at, const char *fmt, ...)
	DP_PRINTF(3, 4);

static void
bad(struct config *cfg, const struct node *at, const char *fmt, ...)
{
	struct diag_loc loc = {NULL, cfg->name, at ? at->line : 0,
			       at ? at->col : 0};
	va_list ap;

	va_start(ap, fmt);
	diag_vemit(DIAG_ERROR, &loc, fmt, ap);
	va_end(ap);
	cfg->bad = true;
}

static struct node *
new_node(struct config *cfg, enum node_kind kind, const yaml_mark_t *mark)
{
	struct node *n = arena_calloc(&cfg->arena, 1, sizeof(*n));

	n->kind = kind;
	n->line = (unsigned)mark->line + 1;
	n->col = (unsigned)mark->column + 1;
	return n;
}

static void
append(struct node *parent, struct node *child)
{
	XGROW(parent->items, parent->n + 1, parent->a);
	parent->items[parent->n++] = child;
}

static void
free_tree(struct node *root)
{
	struct node **stack = NULL;
	size_t n = 0, a = 0, i;

	if (!root)
		return;
	XGROW(stack, 1, a);
	stack[n++] = root;
	while (n) {
		struct node *x = stack[--n];

		for (i = 0; i < x->n; i++) {
			XGROW(stack, n + 1, a);
			stack[n++] = x->items[i];
		}
		free(x->items);
	}
	free(stack);
}

/* Parse the YAML into a tree of nodes; NULL for an empty document. */
static struct node *
load_tree(struct config *cfg, const char *data, size_t len)
{
	yaml_parser_t parser;
	struct node *stack[MAX_DEPTH], *root = NULL;
	int depth = 0, docs = 0;
	bool done = false;

	if (!yaml_parser_initialize(&parser)) {
		bad(cfg, NULL, "cannot start the YAML parser");
		return NULL;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
	while (!done && !cfg->bad) {
		yaml_event_t ev;
		struct node *x = NULL;

		if (!yaml_parser_parse(&parser, &ev)) {
			struct node at = {
				NODE_SCALAR,
				NULL,
				NULL,
				0,
				0,
				(unsigned)parser.problem_mark.line + 1,
				(unsigned)parser.problem_mark.column + 1};
			bad(cfg, &at, "invalid YAML: %s",
			    parser.problem ? parser.problem : "parse error");
			break;
		}
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++docs > 1) {
				struct node *at = new_node(cfg, NODE_SCALAR,
							   &ev.start_mark);
				bad(cfg, at, "more than one YAML document");
			}
			break;
		case YAML_ALIAS_EVENT:
			x = new_node(cfg, NODE_SCALAR, &ev.start_mark);
			bad(cfg, x, "aliases are not supported");
			break;
		case YAML_SCALAR_EVENT:
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT: {
			const yaml_char_t *anchor =
				ev.type == YAML_SCALAR_EVENT
					? ev.data.scalar.anchor
				: ev.type == YAML_SEQUENCE_START_EVENT
					? ev.data.sequence_start.anchor
					: ev.data.mapping_start.anchor;

			x = new_node(cfg,
				     ev.type == YAML_SCALAR_EVENT ? NODE_SCALAR
				     : ev.type == YAML_SEQUENCE_START_EVENT
					     ? NODE_SEQ
					     : NODE_MAP,
				     &ev.start_mark);
			if (anchor) {
				bad(cfg, x, "anchors are not supported");
				break;
			}
			if (ev.type == YAML_SCALAR_EVENT)
				x->value = arena_strndup(
					&cfg->arena,
					(const char *)ev.data.scalar.value,
					ev.data.scalar.length);
			if (depth)
				append(stack[depth - 1], x);
			else
				root = x;
			if (x->kind == NODE_SCALAR)
				break;
			if (depth == MAX_DEPTH) {
				bad(cfg, x, "nested deeper than %d levels",
				    MAX_DEPTH);
				break;
			}
			stack[depth++] = x;
			break;
		}
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			depth--;
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	return root;
}

static const char *
scalar(struct config *cfg, const struct node *v, const char *key)
{
	if (v->kind != NODE_SCALAR) {
		bad(cfg, v, "'%s' takes a string", key);
		return NULL;
	}
	return v->value;
}

static bool
want(struct config *cfg, const struct node *v, enum node_kind kind,
     const char *key)
{
	static const char *const what[] = {"a string", "a list", "a mapping"};

	if (v->kind == kind)
		return true;
	bad(cfg, v, "'%s' takes %s", key, what[kind]);
	return false;
}

/* Check a mapping's keys against the allowed ones, and for duplicates. */
static bool
check_keys(struct config *cfg, const struct node *map,
	   const char *const *allowed, size_t nallowed, const char *where)
{
	size_t i, j;

	for (i = 0; i < map->n; i += 2) {
		const struct node *k = map->items[i];
		bool known = false;

		if (k->kind != NODE_SCALAR) {
			bad(cfg, k, "keys of %s are strings", where);
			return false;
		}
		for (j = 0; j < nallowed; j++)
			known = known || !strcmp(k->value, allowed[j]);
		if (!known && nallowed) {
			bad(cfg, k, "unknown key '%s' in %s", k->value, where);
			return false;
		}
		for (j = 0; j < i; j += 2) {
			if (!strcmp(map->items[j]->value, k->value)) {
				bad(cfg, k, "duplicate key '%s'", k->value);
				return false;
			}
		}
	}
	return true;
}

static const char *
field(const struct node *map, const char *key)
{
	size_t i;

	for (i = 0; i + 1 < map->n; i += 2) {
		if (!strcmp(map->items[i]->value, key) &&
		    map->items[i + 1]->kind == NODE_SCALAR)
			return map->items[i + 1]->value;
	}
	return NULL;
}

static void
read_python(struct config *cfg, const struct node *v)
{
	const char *s = scalar(cfg, v, "python");
	unsigned minor;
	char tail;

	if (!s)
		return;
	if (sscanf(s, "3.%u%c", &minor, &tail) != 1 || minor > 99) {
		bad(cfg, v, "'python' takes a version 3.X, not '%s'", s);
		return;
	}
	cfg->python = s;
}

static void
read_fail_on(struct config *cfg, const struct node *v)
{
	const char *s = scalar(cfg, v, "fail-on");

	if (!s)
		return;
	if (!strcmp(s, "error"))
		cfg->fail_on = CONFIG_FAIL_ERROR;
	else if (!strcmp(s, "warning"))
		cfg->fail_on = CONFIG_FAIL_WARNING;
	else if (!strcmp(s, "never"))
		cfg->fail_on = CONFIG_FAIL_NEVER;
	else
		bad(cfg, v,
		    "'fail-on' takes error, warning or never, not "
		    "'%s'",
		    s);
}

static void
read_first_party(struct config *cfg, const struct node *v)
{
	size_t i;

	if (!want(cfg, v, NODE_SEQ, "first-party"))
		return;
	cfg->first_party = arena_calloc(&cfg->arena, v->n ? v->n : 1,
					sizeof(*cfg->first_party));
	for (i = 0; i < v->n; i++) {
		const char *s = scalar(cfg, v->items[i], "first-party");

		if (!s)
			return;
		cfg->first_party[cfg->nfirst_party++] = s;
	}
}

/* A directory, or a list of them. */
static void
read_site_packages(struct config *cfg, const struct node *v)
{
	size_t i, n = v->kind == NODE_SEQ ? v->n : 1;

	cfg->site_packages =
		arena_calloc(&cfg->arena, n, sizeof(*cfg->site_packages));
	for (i = 0; i < n; i++) {
		const char *s =
			scalar(cfg, v->kind == NODE_SEQ ? v->items[i] : v,
			       "site-packages");

		if (!s)
			return;
		cfg->site_packages[cfg->nsite_packages++] = s;
	}
}

static void
read_mappings(struct config *cfg, const struct node *v)
{
	static const char *const keys[] = {"dist", "attr"};
	size_t i;

	if (!want(cfg, v, NODE_MAP, "mappings") ||
	    !check_keys(cfg, v, NULL, 0, "mappings"))
		return;
	cfg->mappings =
		arena_calloc(&cfg->arena, v->n / 2 + 1, sizeof(*cfg->mappings));
	for (i = 0; i + 1 < v->n; i += 2) {
		const struct node *val = v->items[i + 1];
		struct config_mapping *m = &cfg->mappings[cfg->nmappings];

		m->module = v->items[i]->value;
		m->line = v->items[i]->line;
		if (val->kind == NODE_SCALAR) {
			m->dist = val->value;
		} else if (want(cfg, val, NODE_MAP, m->module) &&
			   check_keys(cfg, val, keys, 2, "a mapping entry")) {
			m->dist = field(val, "dist");
			m->attr = field(val, "attr");
			if (!m->dist) {
				bad(cfg, val, "mapping of '%s' needs a 'dist'",
				    m->module);
				return;
			}
		} else {
			return;
		}
		cfg->nmappings++;
	}
}

static bool
known_rule(const char *rule)
{
	int i;

	for (i = 0; i < AUDIT_NRULES; i++) {
		if (!strcmp(rule, audit_rule_name((enum audit_rule)i)))
			return true;
	}
	return false;
}

static void
read_ignores(struct config *cfg, const struct node *v)
{
	static const char *const keys[] = {"rule", "module", "dist"};
	size_t i;

	if (!want(cfg, v, NODE_SEQ, "ignore"))
		return;
	cfg->ignores = arena_calloc(&cfg->arena, v->n ? v->n : 1,
				    sizeof(*cfg->ignores));
	for (i = 0; i < v->n; i++) {
		const struct node *e = v->items[i];
		struct config_ignore *ig = &cfg->ignores[cfg->nignores];

		if (!want(cfg, e, NODE_MAP, "ignore") ||
		    !check_keys(cfg, e, keys, 3, "an ignore entry"))
			return;
		ig->rule = field(e, "rule");
		ig->module = field(e, "module");
		ig->dist = field(e, "dist");
		ig->line = e->line;
		if (!ig->rule && !ig->module && !ig->dist) {
			bad(cfg, e,
			    "an ignore entry needs a rule, a module "
			    "or a dist");
			return;
		}
		if (ig->rule && !known_rule(ig->rule)) {
			bad(cfg, e, "unknown rule '%s'", ig->rule);
			return;
		}
		cfg->nignores++;
	}
}

static void
read_packages(struct config *cfg, const struct node *v)
{
	static const char *const keys[] = {"path", "nix", "name"};
	size_t i;

	if (!want(cfg, v, NODE_SEQ, "packages"))
		return;
	cfg->packages = arena_calloc(&cfg->arena, v->n ? v->n : 1,
				     sizeof(*cfg->packages));
	for (i = 0; i < v->n; i++) {
		const struct node *e = v->items[i];
		struct config_package *p = &cfg->packages[cfg->npackages];

		if (!want(cfg, e, NODE_MAP, "packages") ||
		    !check_keys(cfg, e, keys, 3, "a package entry"))
			return;
		p->path = field(e, "path");
		p->nix = field(e, "nix");
		p->name = field(e, "name");
		p->line = e->line;
		if (!p->path) {
			bad(cfg, e, "a package entry needs a 'path'");
			return;
		}
		cfg->npackages++;
	}
}

struct config *
config_new(void)
{
	return xcalloc(1, sizeof(struct config));
}

struct config *
config_parse(const char *name, const char *data, size_t len)
{
	static const char *const keys[] = {
		"fail-on",  "first-party", "ignore",        "mappings",
		"packages", "python",      "site-packages",
	};
	struct config *cfg = config_new();
	struct node *root;
	size_t i;

	cfg->name = arena_strdup(&cfg->arena, name);
	root = load_tree(cfg, data, len);
	if (cfg->bad || !root || (root->kind == NODE_SCALAR && !*root->value))
		goto out;
	if (!want(cfg, root, NODE_MAP, "a config file") ||
	    !check_keys(cfg, root, keys, sizeof(keys) / sizeof(keys[0]),
			"the config"))
		goto out;
	for (i = 0; i + 1 < root->n && !cfg->bad; i += 2) {
		const char *k = root->items[i]->value;
		const struct node *v = root->items[i + 1];

		if (!strcmp(k, "python"))
			read_python(cfg, v);
		else if (!strcmp(k, "fail-on"))
			read_fail_on(cfg, v);
		else if (!strcmp(k, "first-party"))
			read_first_party(cfg, v);
		else if (!strcmp(k, "mappings"))
			read_mappings(cfg, v);
		else if (!strcmp(k, "ignore"))
			read_ignores(cfg, v);
		else if (!strcmp(k, "site-packages"))
			read_site_packages(cfg, v);
		else
			read_packages(cfg, v);
	}
out:
	free_tree(root);
	if (cfg->bad) {
		config_free(cfg);
		return NULL;
	}
	return cfg;
}

struct config *
config_load(const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	struct config *cfg = NULL;
	FILE *f = fopen(path, "rb");
	char buf[8192];
	size_t n;

	if (!f) {
		struct diag_loc loc = {NULL, path, 0, 0};
		diag_error(&loc, "cannot open: %s", strerror(errno));
		return NULL;
	}
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
		strbuf_add(&sb, buf, n);
		if (sb.len > (1u << 20)) {
			struct diag_loc loc = {NULL, path, 0, 0};
			diag_error(&loc, "a config larger than 1 MiB");
			goto out;
		}
	}
	if (ferror(f)) {
		struct diag_loc loc = {NULL, path, 0, 0};
		diag_error(&loc, "cannot read: %s", strerror(errno));
		goto out;
	}
	cfg = config_parse(path, strbuf_str(&sb), sb.len);
out:
	fclose(f);
	strbuf_release(&sb);
	return cfg;
}

void
config_free(struct config *cfg)
{
	if (!cfg)
		return;
	arena_release(&cfg->arena);
	free(cfg);
}

const char *
config_python(const struct config *cfg)
{
	return cfg->python;
}

const char *const *
config_site_packages(const struct config *cfg, size_t *n)
{
	*n = cfg->nsite_packages;
	return cfg->site_packages;
}

enum config_fail_on
config_fail_on(const struct config *cfg)
{
	return cfg->fail_on;
}

const char *const *
config_first_party(const struct config *cfg, size_t *n)
{
	*n = cfg->nfirst_party;
	return cfg->first_party;
}

const struct config_mapping *
config_mappings(const struct config *cfg, size_t *n)
{
	*n = cfg->nmappings;
	return cfg->mappings;
}

const struct config_ignore *
config_ignores(const struct config *cfg, size_t *n)
{
	*n = cfg->nignores;
	return cfg->ignores;
}

const struct config_package *
config_packages(const struct config *cfg, size_t *n)
{
	*n = cfg->npackages;
	return cfg->packages;
}

/* A module matches an entry naming it or one of its parents. */
static bool
module_matches(const char *entry, const char *module)
{
	size_t n = strlen(entry);

	return !strncmp(entry, module, n) &&
	       (module[n] == '\0' || module[n] == '.');
}

bool
config_ignored(const struct config *cfg, const char *rule, const char *module,
	       const char *dist)
{
	size_t i;

	for (i = 0; i < cfg->nignores; i++) {
		const struct config_ignore *ig = &cfg->ignores[i];

		if (ig->rule && (!rule || strcmp(ig->rule, rule)))
			continue;
		if (ig->module &&
		    (!module || !module_matches(ig->module, module)))
			continue;
		if (ig->dist && (!dist || !pep503_equal(ig->dist, dist)))
			continue;
		return true;
	}
	return false;
}
