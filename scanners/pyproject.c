/* pyproject.c - pyproject.toml: PEP 621, PEP 518, PEP 735 and Poetry
 *
 * Read from the document scanners/toml.c builds:
 *   [project] name, version, requires-python, dynamic (noted in the
 *     package), dependencies (runtime), optional-dependencies (optional,
 *     by extra);
 *   [build-system] requires (build), build-backend (the builder);
 *   [dependency-groups] (PEP 735): each group is dev:<group>, and an
 *     {include-group = "g"} entry brings in g's requirements, followed
 *     without recursion and cycle-safe;
 *   [tool.poetry] name, version, dependencies (runtime; "python" is the
 *     Python requirement; optional = true makes an extra's input),
 *     dev-dependencies and group.<g>.dependencies (dev:<g>), extras;
 *   [tool.pdm.dev-dependencies] (dev:<group>; "-e" entries name projects
 *     of the tree and are skipped) and [tool.uv] dev-dependencies (dev:dev);
 *   the requirements files [tool.setuptools.dynamic] ({file = ...}) and
 *     hatch-requirements-txt's [tool.hatch.metadata.hooks.requirements_txt]
 *     name for the fields [project] dynamic lists: emitted as includes for
 *     the requirements reader, owned by the package (core/scan.h), so that
 *     their requirements are its runtime or extra inputs; a path that leaves
 *     the file's directory is refused at its line;
 *   what each build backend is told to put in the wheel (core/ship.h):
 *     the build-backend, then [tool.setuptools], [tool.hatch.build] and
 *     its wheel target, [tool.poetry], [tool.flit], [tool.pdm.build],
 *     [tool.maturin] and [tool.scikit-build], each in the order written.
 * The file declares a package only when it has a [project] table, a
 * [build-system] table or a [tool.poetry] name: one that only configures
 * tools (black, ruff, mypy) declares none, and its build settings are not
 * read; its dependency groups, if any, belong to no package.
 * A distribution listed twice with one kind and group is emitted once, the
 * first time (see pass_on()).
 * A Poetry constraint ("^1.2", "~1.2", "*") is not PEP 440: it is kept as
 * written in the specifier.  A value of the wrong type is warned about
 * at its line and skipped; a TOML error stops the file at its line.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/declared.h"
#include "core/pep503.h"
#include "core/pep508.h"
#include "core/scan.h"
#include "core/ship.h"
#include "core/strbuf.h"
#include "core/xalloc.h"
#include "scanners/pyreq.h"
#include "scanners/scanners.h"
#include "scanners/strset.h"
#include "scanners/toml.h"

static int
pyproject_bid(const char *path)
{
	const char *base = scanner_base_name(path);

	return !strcmp(base, "pyproject.toml") ? 10 : 0;
}

struct pp {
	struct scan_ctx *ctx;
	struct declared_pkg pkg;
	const struct toml_value *root;
	struct strset extra_members; /* Poetry: member -> extra_names index */
	const char **extra_names;
	struct ship_setting *ship; /* heap; copied to the arena when done */
	size_t nship, aship;
};

static const char *
dup_str(struct pp *pp, const struct toml_value *v)
{
	return arena_strndup(scan_arena(pp->ctx), v->str, v->len);
}

static bool
want_type(struct pp *pp, const struct toml_value *v, enum toml_type type,
	  const char *what)
{
	if (!v || v->type == type)
		return v != NULL;
	scan_warn(pp->ctx, v->line, v->col, "'%s' must be of type %s, not %s",
		  what, toml_type_name(type), toml_type_name(v->type));
	return false;
}

/* The value as a C string when it is a string, else NULL and a warning. */
static const char *
get_string(struct pp *pp, const struct toml_value *table, const char *key,
	   const char *what, unsigned *line)
{
	const struct toml_value *v = toml_get(table, key);

	if (!want_type(pp, v, TOML_STRING, what))
		return NULL;
	if (line)
		*line = v->line;
	return dup_str(pp, v);
}

/* An array of PEP 508 strings. */
static void
req_array(struct pp *pp, const struct toml_value *a, enum req_kind kind,
	  const char *group, const char *what)
{
	struct pyreq_slot slot = {pp->pkg.id, kind, group, 0};
	const struct toml_value *v;

	if (!want_type(pp, a, TOML_ARRAY, what))
		return;
	for (v = a->first; v; v = v->next) {
		if (v->type != TOML_STRING) {
			scan_warn(pp->ctx, v->line, v->col,
				  "an entry of '%s' must be a string, not %s",
				  what, toml_type_name(v->type));
			continue;
		}
		pyreq_emit(pp->ctx, &slot, v->str, v->len, v->line, v->col + 1);
	}
}

static void
read_project(struct pp *pp, const struct toml_value *proj)
{
	struct arena *a = scan_arena(pp->ctx);
	const struct toml_value *dyn, *v;
	size_t k = 0;

	if (!want_type(pp, proj, TOML_TABLE, "project"))
		return;
	pp->pkg.line = proj->line;
	pp->pkg.name =
		get_string(pp, proj, "name", "project.name", &pp->pkg.line);
	pp->pkg.version = get_string(pp, proj, "version", "project.version",
				     &pp->pkg.version_line);
	pp->pkg.python_requires = get_string(pp, proj, "requires-python",
					     "project.requires-python", NULL);
	dyn = toml_get(proj, "dynamic");
	if (want_type(pp, dyn, TOML_ARRAY, "project.dynamic")) {
		pp->pkg.dynamic = arena_calloc(a, dyn->count + 1,
					       sizeof(*pp->pkg.dynamic));
		for (v = dyn->first; v; v = v->next) {
			if (want_type(pp, v, TOML_STRING, "project.dynamic"))
				pp->pkg.dynamic[k++] = dup_str(pp, v);
		}
		pp->pkg.ndynamic = k;
	}
}

static void
read_project_reqs(struct pp *pp, const struct toml_value *proj)
{
	const struct toml_value *opt, *v;

	if (!proj || proj->type != TOML_TABLE)
		return;
	req_array(pp, toml_get(proj, "dependencies"), REQ_RUNTIME, NULL,
		  "project.dependencies");
	opt = toml_get(proj, "optional-dependencies");
	if (!want_type(pp, opt, TOML_TABLE, "project.optional-dependencies"))
		return;
	for (v = opt->first; v; v = v->next) {
		const char *extra =
			arena_strndup(scan_arena(pp->ctx), v->key, v->key_len);

		req_array(pp, v, REQ_OPTIONAL, extra,
			  "project.optional-dependencies");
	}
}

/* One thing the build configuration says (core/ship.h). */
static void
add_ship(struct pp *pp, enum ship_key key, const char *value,
	 const char *value2, unsigned line)
{
	struct ship_setting *s;

	XGROW(pp->ship, pp->nship + 1, pp->aship);
	s = &pp->ship[pp->nship++];
	s->key = key;
	s->value = value;
	s->value2 = value2;
	s->line = line;
}

static void
read_build_system(struct pp *pp, const struct toml_value *bs)
{
	const char *backend;
	unsigned line = 0;

	if (!want_type(pp, bs, TOML_TABLE, "build-system"))
		return;
	backend = get_string(pp, bs, "build-backend",
			     "build-system.build-backend", &line);
	if (backend) {
		pp->pkg.builder = backend;
		add_ship(pp, SHIP_BACKEND, backend, NULL, line);
	}
}

/* ---- PEP 735 dependency groups ---- */

/*
 * Includes can make the expansion quadratic in the file (each of n groups
 * including the next): past this many included entries and includes
 * followed in one file the rest are not followed, with a warning.
 */
enum { GROUP_INCLUDE_BUDGET = 100000 };

struct groups {
	const struct toml_value **g; /* by index */
	size_t n;
	struct strset names; /* normalized name -> index */
	size_t *stack;       /* indexes being expanded */
	const struct toml_value **pos;
	bool *on_stack;
	size_t budget;
	bool warned;
};

static size_t
find_group(struct groups *gs, const char *name, size_t n)
{
	struct strbuf want = STRBUF_INIT;
	size_t idx;

	pep503_normalize(&want, name, n);
	idx = strset_find(&gs->names, strbuf_str(&want), want.len);
	strbuf_release(&want);
	return idx;
}

/* Emit group root as dev:<name>, following includes with a stack. */
static void
expand_group(struct pp *pp, struct groups *gs, size_t root)
{
	const struct toml_value *g = gs->g[root];
	const char *name =
		arena_strndup(scan_arena(pp->ctx), g->key, g->key_len);
	struct pyreq_slot slot = {pp->pkg.id, REQ_DEV, name, 0};
	size_t depth = 0;

	if (g->type != TOML_ARRAY) {
		scan_warn(pp->ctx, g->line, g->col,
			  "dependency group '%s' must be an array, not %s",
			  name, toml_type_name(g->type));
		return;
	}
	gs->stack[0] = root;
	gs->pos[0] = g->first;
	gs->on_stack[root] = true;
	for (;;) {
		const struct toml_value *v = gs->pos[depth], *inc;
		size_t target;

		if (!v) {
			gs->on_stack[gs->stack[depth]] = false;
			if (!depth)
				break;
			depth--;
			continue;
		}
		gs->pos[depth] = v->next;
		if (v->type == TOML_STRING) {
			if (depth && !gs->budget)
				continue;
			if (depth)
				gs->budget--;
			pyreq_emit(pp->ctx, &slot, v->str, v->len, v->line,
				   v->col + 1);
			continue;
		}
		inc = toml_get(v, "include-group");
		if (v->type != TOML_TABLE || !inc || inc->type != TOML_STRING) {
			if (!depth)
				scan_warn(pp->ctx, v->line, v->col,
					  "an entry of dependency group '%s' "
					  "is neither a string nor "
					  "{include-group = ...}",
					  name);
			continue;
		}
		target = find_group(gs, inc->str, inc->len);
		if (target == SIZE_MAX) {
			if (!depth)
				scan_warn(pp->ctx, inc->line, inc->col,
					  "dependency group '%s' includes "
					  "unknown group '%s'",
					  name, dup_str(pp, inc));
			continue;
		}
		if (gs->on_stack[target]) {
			/* a cycle is reported once, where it closes on root */
			if (target == root)
				scan_warn(pp->ctx, inc->line, inc->col,
					  "dependency group '%s' includes "
					  "itself",
					  dup_str(pp, inc));
			continue;
		}
		if (!gs->budget) {
			if (!gs->warned)
				scan_warn(pp->ctx, inc->line, inc->col,
					  "dependency groups include more "
					  "than %d entries; the rest are not "
					  "followed",
					  GROUP_INCLUDE_BUDGET);
			gs->warned = true;
			continue;
		}
		if (gs->g[target]->type != TOML_ARRAY)
			continue;
		gs->budget--;
		depth++;
		gs->stack[depth] = target;
		gs->pos[depth] = gs->g[target]->first;
		gs->on_stack[target] = true;
	}
}

static void
read_groups(struct pp *pp, const struct toml_value *groups)
{
	struct arena *a = scan_arena(pp->ctx);
	struct groups gs;
	const struct toml_value *g;
	struct strbuf sb = STRBUF_INIT;
	size_t i = 0;

	if (!want_type(pp, groups, TOML_TABLE, "dependency-groups"))
		return;
	memset(&gs, 0, sizeof(gs));
	gs.n = groups->count;
	gs.g = xcalloc(gs.n + 1, sizeof(*gs.g));
	gs.stack = xcalloc(gs.n + 1, sizeof(*gs.stack));
	gs.pos = xcalloc(gs.n + 1, sizeof(*gs.pos));
	gs.on_stack = xcalloc(gs.n + 1, sizeof(*gs.on_stack));
	gs.budget = GROUP_INCLUDE_BUDGET;
	for (g = groups->first; g; g = g->next, i++) {
		const char *key;

		gs.g[i] = g;
		strbuf_reset(&sb);
		pep503_normalize(&sb, g->key, g->key_len);
		key = arena_strndup(a, strbuf_str(&sb), sb.len);
		if (!strset_add(&gs.names, key, sb.len, i))
			scan_warn(pp->ctx, g->line, g->col,
				  "dependency group '%s' repeats a name once "
				  "normalized",
				  arena_strndup(a, g->key, g->key_len));
	}
	for (i = 0; i < gs.n; i++)
		expand_group(pp, &gs, i);
	strbuf_release(&sb);
	strset_release(&gs.names);
	free(gs.g);
	free(gs.stack);
	free(gs.pos);
	free(gs.on_stack);
}

/* ---- Poetry ---- */

/* The first of [tool.poetry.extras] that lists the distribution name. */
static const char *
extra_of(struct pp *pp, const char *name)
{
	struct strbuf key = STRBUF_INIT;
	size_t idx;

	pep503_normalize(&key, name, strlen(name));
	idx = strset_find(&pp->extra_members, strbuf_str(&key), key.len);
	strbuf_release(&key);
	return idx == SIZE_MAX ? NULL : pp->extra_names[idx];
}

/* Index [tool.poetry.extras]: normalized member name -> its extra. */
static void
index_extras(struct pp *pp)
{
	const struct toml_value *extras =
		toml_path(pp->root, "tool.poetry.extras");
	struct arena *a = scan_arena(pp->ctx);
	const struct toml_value *v, *e;
	struct strbuf sb = STRBUF_INIT;
	size_t i = 0;

	if (!extras || extras->type != TOML_TABLE)
		return;
	pp->extra_names =
		arena_calloc(a, extras->count + 1, sizeof(*pp->extra_names));
	for (v = extras->first; v; v = v->next, i++) {
		pp->extra_names[i] = arena_strndup(a, v->key, v->key_len);
		for (e = v->type == TOML_ARRAY ? v->first : NULL; e;
		     e = e->next) {
			if (e->type != TOML_STRING)
				continue;
			strbuf_reset(&sb);
			pep503_normalize(&sb, e->str, e->len);
			strset_add(&pp->extra_members,
				   arena_strndup(a, strbuf_str(&sb), sb.len),
				   sb.len, i);
		}
	}
	strbuf_release(&sb);
}

static void
poetry_emit(struct pp *pp, const struct toml_value *dep, enum req_kind kind,
	    const char *group)
{
	struct arena *a = scan_arena(pp->ctx);
	struct strbuf raw = STRBUF_INIT;
	const struct toml_value *spec = dep, *t = NULL, *v;
	struct requirement r;

	memset(&r, 0, sizeof(r));
	r.package = pp->pkg.id;
	r.kind = kind;
	r.group = group;
	r.line = dep->line;
	r.col = dep->col;
	r.name = arena_strndup(a, dep->key, dep->key_len);
	strbuf_add(&raw, dep->key, dep->key_len);
	if (dep->type == TOML_ARRAY && dep->first) {
		/* several constraints, one per Python or platform */
		r.flags |= REQ_CONDITIONAL;
		t = dep->first;
	} else if (dep->type == TOML_TABLE) {
		t = dep;
	}
	if (t && t->type == TOML_TABLE) {
		const char *url_keys[] = {"git", "url", "path"};
		size_t k;

		spec = toml_get(t, "version");
		for (k = 0; k < 3; k++) {
			v = toml_get(t, url_keys[k]);
			if (v && v->type == TOML_STRING) {
				r.url = dup_str(pp, v);
				r.flags |= REQ_URL;
			}
		}
		v = toml_get(t, "markers");
		if (v && v->type == TOML_STRING) {
			const struct pep508_env env = {
				3, scan_python_minor(pp->ctx)};
			struct strbuf err = STRBUF_INIT;
			size_t col = 0;

			r.marker = dup_str(pp, v);
			if (!pep508_marker_eval(v->str, v->len, &env, "", &err,
						&col))
				r.flags |= REQ_MARKER_FALSE;
			strbuf_release(&err);
		}
		v = toml_get(t, "optional");
		if (v && v->type == TOML_BOOL && !strcmp(v->str, "true") &&
		    kind == REQ_RUNTIME) {
			r.kind = REQ_OPTIONAL;
			r.group = extra_of(pp, r.name);
		}
		v = toml_get(t, "extras");
		if (v && v->type == TOML_ARRAY && v->first) {
			struct strbuf ex = STRBUF_INIT;
			const struct toml_value *e;

			for (e = v->first; e; e = e->next) {
				if (e->type != TOML_STRING)
					continue;
				if (ex.len)
					strbuf_addch(&ex, ',');
				strbuf_add(&ex, e->str, e->len);
			}
			r.extras = arena_strndup(a, strbuf_str(&ex), ex.len);
			strbuf_release(&ex);
		}
	}
	if (spec && spec->type == TOML_STRING) {
		r.specifier = dup_str(pp, spec);
		strbuf_addch(&raw, ' ');
		strbuf_add(&raw, spec->str, spec->len);
	} else if (r.url) {
		strbuf_addstr(&raw, " @ ");
		strbuf_addstr(&raw, r.url);
	} else if (spec && spec != dep) {
		scan_warn(pp->ctx, spec->line, spec->col,
			  "version of '%s' must be a string, not %s", r.name,
			  toml_type_name(spec->type));
	} else if (!t) {
		scan_warn(pp->ctx, dep->line, dep->col,
			  "dependency '%s' must be a string or a table, not %s",
			  r.name, toml_type_name(dep->type));
		r.flags |= REQ_NOT_EVALUATED;
	}
	r.raw = arena_strndup(a, strbuf_str(&raw), raw.len);
	strbuf_release(&raw);
	if (!pep503_valid(r.name, strlen(r.name))) {
		scan_warn(pp->ctx, dep->line, dep->col,
			  "invalid distribution name '%s'", r.name);
		r.flags |= REQ_NOT_EVALUATED;
	} else {
		r.key = pep503_arena(a, r.name);
	}
	scan_emit_requirement(pp->ctx, &r);
}

static void
poetry_deps(struct pp *pp, const struct toml_value *deps, enum req_kind kind,
	    const char *group, const char *what)
{
	const struct toml_value *d;

	if (!want_type(pp, deps, TOML_TABLE, what))
		return;
	for (d = deps->first; d; d = d->next) {
		if (kind == REQ_RUNTIME && d->key_len == 6 &&
		    !memcmp(d->key, "python", 6)) {
			if (d->type == TOML_STRING)
				pp->pkg.python_requires = dup_str(pp, d);
			continue;
		}
		poetry_emit(pp, d, kind, group);
	}
}

static void
read_poetry(struct pp *pp, const struct toml_value *po)
{
	if (!want_type(pp, po, TOML_TABLE, "tool.poetry"))
		return;
	if (!pp->pkg.name) {
		pp->pkg.name = get_string(pp, po, "name", "tool.poetry.name",
					  &pp->pkg.line);
		if (!pp->pkg.builder)
			pp->pkg.builder = "poetry";
	}
	if (!pp->pkg.version)
		pp->pkg.version =
			get_string(pp, po, "version", "tool.poetry.version",
				   &pp->pkg.version_line);
}

static void
read_poetry_reqs(struct pp *pp, const struct toml_value *po)
{
	const struct toml_value *groups, *g;

	if (!po || po->type != TOML_TABLE)
		return;
	index_extras(pp);
	poetry_deps(pp, toml_get(po, "dependencies"), REQ_RUNTIME, NULL,
		    "tool.poetry.dependencies");
	if (toml_get(po, "dev-dependencies"))
		poetry_deps(pp, toml_get(po, "dev-dependencies"), REQ_DEV,
			    "dev", "tool.poetry.dev-dependencies");
	groups = toml_get(po, "group");
	if (!want_type(pp, groups, TOML_TABLE, "tool.poetry.group"))
		return;
	for (g = groups->first; g; g = g->next) {
		const char *name =
			arena_strndup(scan_arena(pp->ctx), g->key, g->key_len);

		if (!want_type(pp, g, TOML_TABLE, "tool.poetry.group"))
			continue;
		poetry_deps(pp, toml_get(g, "dependencies"), REQ_DEV, name,
			    "tool.poetry.group.dependencies");
	}
}

/* ---- What the wheel ships (core/ship.h) ---- */

/* A build hook, once: hatch's metadata and build hooks may share one. */
static void
add_hook(struct pp *pp, const char *path, unsigned line)
{
	size_t i;

	for (i = 0; i < pp->nship; i++) {
		if (pp->ship[i].key == SHIP_BUILD_HOOK &&
		    !strcmp(pp->ship[i].value, path))
			return;
	}
	add_ship(pp, SHIP_BUILD_HOOK, path, NULL, line);
}

static bool
key_is(const struct toml_value *m, const char *key)
{
	return m->key_len == strlen(key) && !memcmp(m->key, key, m->key_len);
}

/* Whether table has a member named as m is. */
static bool
has_key(const struct toml_value *table, const struct toml_value *m)
{
	const struct toml_value *v;

	for (v = table ? table->first : NULL; v; v = v->next) {
		if (v->key_len == m->key_len &&
		    !memcmp(v->key, m->key, m->key_len))
			return true;
	}
	return false;
}

static const char *
dup_key(struct pp *pp, const struct toml_value *m)
{
	return arena_strndup(scan_arena(pp->ctx), m->key, m->key_len);
}

/* Member m of the table at prefix is not what it may be: want says what. */
static void
bad_value(struct pp *pp, const char *prefix, const struct toml_value *m,
	  const char *want)
{
	scan_warn(pp->ctx, m->line, m->col, "'%s.%s' must be %s, not %s",
		  prefix, dup_key(pp, m), want, toml_type_name(m->type));
}

/* Entry e of member m of the table at prefix is not what it may be. */
static void
bad_entry(struct pp *pp, const char *prefix, const struct toml_value *m,
	  const struct toml_value *e, const char *want)
{
	scan_warn(pp->ctx, e->line, e->col,
		  "an entry of '%s.%s' must be %s, not %s", prefix,
		  dup_key(pp, m), want, toml_type_name(e->type));
}

/* The table at path, or NULL; a warning when it is something else. */
static const struct toml_value *
tool_table(struct pp *pp, const char *path)
{
	const struct toml_value *t = toml_path(pp->root, path);

	return want_type(pp, t, TOML_TABLE, path) ? t : NULL;
}

/* Each string of the array m (a member of prefix) as a setting. */
static void
ship_list(struct pp *pp, const char *prefix, const struct toml_value *m,
	  enum ship_key key)
{
	const struct toml_value *e;

	if (m->type != TOML_ARRAY) {
		bad_value(pp, prefix, m, "of type array");
		return;
	}
	for (e = m->first; e; e = e->next) {
		if (e->type == TOML_STRING)
			add_ship(pp, key, dup_str(pp, e), NULL, e->line);
		else
			bad_entry(pp, prefix, m, e, "a string");
	}
}

/* Which members of a backend's table are a string or a list of them. */
struct ship_field {
	const char *name;
	enum toml_type type; /* TOML_STRING, or TOML_ARRAY of strings */
	enum ship_key key;
};

/* Record m (a member of prefix) if fields name it. */
static void
ship_field(struct pp *pp, const char *prefix, const struct toml_value *m,
	   const struct ship_field *fields, size_t nfields)
{
	size_t i;

	for (i = 0; i < nfields; i++) {
		if (key_is(m, fields[i].name))
			break;
	}
	if (i == nfields)
		return;
	if (fields[i].type == TOML_ARRAY)
		ship_list(pp, prefix, m, fields[i].key);
	else if (m->type != TOML_STRING)
		bad_value(pp, prefix, m, "of type string");
	else if (fields[i].key == SHIP_BUILD_HOOK)
		add_hook(pp, dup_str(pp, m), m->line);
	else
		add_ship(pp, fields[i].key, dup_str(pp, m), NULL, m->line);
}

/* A {KEY = "string"} table m as settings: value the string, value2 the
 * key when swap, else the other way round. */
static void
ship_map(struct pp *pp, const char *prefix, const struct toml_value *m,
	 enum ship_key key, bool swap)
{
	struct strbuf path = STRBUF_INIT;
	const struct toml_value *e;

	strbuf_addf(&path, "%s.%s", prefix, dup_key(pp, m));
	for (e = m->first; e; e = e->next) {
		const char *k = dup_key(pp, e);

		if (e->type != TOML_STRING)
			bad_value(pp, strbuf_str(&path), e, "of type string");
		else if (swap)
			add_ship(pp, key, dup_str(pp, e), k, e->line);
		else
			add_ship(pp, key, k, dup_str(pp, e), e->line);
	}
	strbuf_release(&path);
}

/* setuptools' packages: a list, or {find = {...}} (namespaces = true
 * unless said otherwise, as in setuptools' pyproject.toml reading). */
static void
setuptools_packages(struct pp *pp, const struct toml_value *m)
{
	static const char prefix[] = "tool.setuptools.packages.find";
	const struct toml_value *find, *v;
	size_t at;

	if (m->type == TOML_ARRAY) {
		ship_list(pp, "tool.setuptools", m, SHIP_PACKAGE);
		return;
	}
	find = toml_get(m, "find");
	if (!find) {
		bad_value(pp, "tool.setuptools", m, "an array or {find = ...}");
		return;
	}
	if (find->type != TOML_TABLE) {
		bad_value(pp, "tool.setuptools.packages", find,
			  "of type table");
		return;
	}
	add_ship(pp, SHIP_FIND, "namespace", NULL, find->line);
	at = pp->nship - 1;
	for (v = find->first; v; v = v->next) {
		if (key_is(v, "where"))
			ship_list(pp, prefix, v, SHIP_FIND_WHERE);
		else if (key_is(v, "include"))
			ship_list(pp, prefix, v, SHIP_FIND_INCLUDE);
		else if (key_is(v, "exclude"))
			ship_list(pp, prefix, v, SHIP_FIND_EXCLUDE);
		else if (!key_is(v, "namespaces"))
			continue;
		else if (v->type != TOML_BOOL)
			bad_value(pp, prefix, v, "of type boolean");
		else if (!strcmp(v->str, "false"))
			pp->ship[at].value = NULL; /* the classic finder */
	}
}

static void
read_setuptools(struct pp *pp)
{
	static const char prefix[] = "tool.setuptools";
	const struct toml_value *st = tool_table(pp, prefix), *m;

	for (m = st ? st->first : NULL; m; m = m->next) {
		if (key_is(m, "packages"))
			setuptools_packages(pp, m);
		else if (key_is(m, "py-modules"))
			ship_list(pp, prefix, m, SHIP_PY_MODULE);
		else if (!key_is(m, "package-dir"))
			continue;
		else if (m->type != TOML_TABLE)
			bad_value(pp, prefix, m, "of type table");
		else
			ship_map(pp, prefix, m, SHIP_PACKAGE_DIR, false);
	}
}

/* hatch's custom hook of the table at prefix (its member m, "hooks"):
 * the path it gives, or hatch's default. */
static void
hatch_hook(struct pp *pp, const char *prefix, const struct toml_value *m)
{
	struct strbuf path = STRBUF_INIT;
	const struct toml_value *custom = toml_get(m, "custom"), *v;

	if (m->type != TOML_TABLE) {
		bad_value(pp, prefix, m, "of type table");
		return;
	}
	if (!custom)
		return;
	strbuf_addf(&path, "%s.hooks", prefix);
	if (custom->type != TOML_TABLE) {
		bad_value(pp, strbuf_str(&path), custom, "of type table");
		goto out;
	}
	strbuf_addstr(&path, ".custom");
	v = toml_get(custom, "path");
	if (!v)
		add_hook(pp, "hatch_build.py", custom->line);
	else if (v->type != TOML_STRING)
		bad_value(pp, strbuf_str(&path), v, "of type string");
	else
		add_hook(pp, dup_str(pp, v), v->line);
out:
	strbuf_release(&path);
}

/* hatch's sources: ["src"] strips a prefix, {"src/a" = "a"} rewrites it. */
static void
hatch_sources(struct pp *pp, const char *prefix, const struct toml_value *m)
{
	const struct toml_value *e;

	if (m->type == TOML_TABLE) {
		ship_map(pp, prefix, m, SHIP_HATCH_SOURCES, false);
		return;
	}
	if (m->type != TOML_ARRAY) {
		bad_value(pp, prefix, m, "an array or a table");
		return;
	}
	for (e = m->first; e; e = e->next) {
		if (e->type == TOML_STRING)
			add_ship(pp, SHIP_HATCH_SOURCES, dup_str(pp, e), "",
				 e->line);
		else
			bad_entry(pp, prefix, m, e, "a string");
	}
}

/*
 * One of hatch's build tables.  The wheel target's settings replace the
 * general table's of the same name, hooks by their name: a member of the
 * general table that the wheel target (over) also sets is skipped.
 */
static void
hatch_table(struct pp *pp, const char *prefix, const struct toml_value *over)
{
	static const struct ship_field fields[] = {
		{"packages", TOML_ARRAY, SHIP_HATCH_PACKAGES},
		{"only-include", TOML_ARRAY, SHIP_HATCH_ONLY_INCLUDE},
		{"include", TOML_ARRAY, SHIP_HATCH_INCLUDE},
		{"exclude", TOML_ARRAY, SHIP_HATCH_EXCLUDE},
	};
	const struct toml_value *t = tool_table(pp, prefix), *m;

	for (m = t ? t->first : NULL; m; m = m->next) {
		if (key_is(m, "hooks")) {
			if (!toml_path(over, "hooks.custom"))
				hatch_hook(pp, prefix, m);
			continue;
		}
		if (has_key(over, m))
			continue;
		if (key_is(m, "sources"))
			hatch_sources(pp, prefix, m);
		else
			ship_field(pp, prefix, m, fields,
				   sizeof(fields) / sizeof(fields[0]));
	}
}

static void
read_hatch(struct pp *pp)
{
	const struct toml_value *wheel, *meta;

	wheel = toml_path(pp->root, "tool.hatch.build.targets.wheel");
	hatch_table(pp, "tool.hatch.build",
		    wheel && wheel->type == TOML_TABLE ? wheel : NULL);
	hatch_table(pp, "tool.hatch.build.targets.wheel", NULL);
	/* a metadata hook is build code as much as a build hook is */
	meta = tool_table(pp, "tool.hatch.metadata");
	if (meta && toml_get(meta, "hooks"))
		hatch_hook(pp, "tool.hatch.metadata", toml_get(meta, "hooks"));
}

/* Whether a poetry packages entry's format (absent: every format) has
 * the wheel. */
static bool
for_wheel(struct pp *pp, const struct toml_value *fmt)
{
	const struct toml_value *e;
	bool wheel = false;

	if (!fmt)
		return true;
	if (fmt->type == TOML_STRING)
		return fmt->len == 5 && !memcmp(fmt->str, "wheel", 5);
	if (fmt->type != TOML_ARRAY) {
		bad_value(pp, "tool.poetry.packages", fmt,
			  "a string or an array");
		return true;
	}
	for (e = fmt->first; e; e = e->next) {
		if (e->type != TOML_STRING)
			bad_entry(pp, "tool.poetry.packages", fmt, e,
				  "a string");
		else if (e->len == 5 && !memcmp(e->str, "wheel", 5))
			wheel = true;
	}
	return wheel;
}

/* poetry's packages = [{include = "a", from = "src", format = ...}] */
static void
poetry_packages(struct pp *pp, const struct toml_value *m)
{
	static const char prefix[] = "tool.poetry.packages";
	const struct toml_value *e, *inc, *from;

	if (m->type != TOML_ARRAY) {
		bad_value(pp, "tool.poetry", m, "of type array");
		return;
	}
	for (e = m->first; e; e = e->next) {
		if (e->type != TOML_TABLE) {
			bad_entry(pp, "tool.poetry", m, e, "a table");
			continue;
		}
		inc = toml_get(e, "include");
		from = toml_get(e, "from");
		if (!inc) {
			scan_warn(pp->ctx, e->line, e->col,
				  "an entry of '%s' has no 'include'", prefix);
			continue;
		}
		if (inc->type != TOML_STRING) {
			bad_value(pp, prefix, inc, "of type string");
			continue;
		}
		if (from && from->type != TOML_STRING) {
			bad_value(pp, prefix, from, "of type string");
			continue;
		}
		if (!for_wheel(pp, toml_get(e, "format")))
			continue;
		add_ship(pp, SHIP_POETRY_INCLUDE, dup_str(pp, inc),
			 from ? dup_str(pp, from) : NULL, inc->line);
	}
}

/* poetry's build script: build = "build.py" or [tool.poetry.build]
 * script = "build.py". */
static void
poetry_build(struct pp *pp, const struct toml_value *m)
{
	const struct toml_value *script = toml_get(m, "script");

	if (m->type == TOML_STRING)
		add_hook(pp, dup_str(pp, m), m->line);
	else if (m->type != TOML_TABLE)
		bad_value(pp, "tool.poetry", m, "a string or a table");
	else if (script && script->type != TOML_STRING)
		bad_value(pp, "tool.poetry.build", script, "of type string");
	else if (script)
		add_hook(pp, dup_str(pp, script), script->line);
}

static void
read_poetry_ship(struct pp *pp, const struct toml_value *po)
{
	const struct toml_value *m;

	if (!po || po->type != TOML_TABLE)
		return;
	for (m = po->first; m; m = m->next) {
		if (key_is(m, "packages"))
			poetry_packages(pp, m);
		else if (key_is(m, "exclude"))
			ship_list(pp, "tool.poetry", m, SHIP_POETRY_EXCLUDE);
		else if (key_is(m, "build"))
			poetry_build(pp, m);
	}
}

/* The members of the table at path that fields name. */
static void
read_fields(struct pp *pp, const char *path, const struct ship_field *fields,
	    size_t nfields)
{
	const struct toml_value *t = tool_table(pp, path), *m;

	for (m = t ? t->first : NULL; m; m = m->next)
		ship_field(pp, path, m, fields, nfields);
}

static void
read_skbuild(struct pp *pp)
{
	static const char prefix[] = "tool.scikit-build.wheel";
	const struct toml_value *wheel = tool_table(pp, prefix), *m;

	m = toml_get(wheel, "packages");
	if (!m)
		return;
	if (m->type == TOML_TABLE)
		ship_map(pp, prefix, m, SHIP_SKBUILD_PACKAGE, true);
	else if (m->type == TOML_ARRAY)
		ship_list(pp, prefix, m, SHIP_SKBUILD_PACKAGE);
	else
		bad_value(pp, prefix, m, "an array or a table");
}

/* Every backend's settings, as the header lists them. */
static void
read_ship(struct pp *pp, const struct toml_value *poetry)
{
	static const struct ship_field flit_module[] = {
		{"name", TOML_STRING, SHIP_FLIT_MODULE},
	};
	static const struct ship_field flit_metadata[] = {
		/* flit before 3.2 */
		{"module", TOML_STRING, SHIP_FLIT_MODULE},
	};
	static const struct ship_field pdm[] = {
		{"includes", TOML_ARRAY, SHIP_PDM_INCLUDE},
		{"excludes", TOML_ARRAY, SHIP_PDM_EXCLUDE},
		{"package-dir", TOML_STRING, SHIP_PDM_PACKAGE_DIR},
		{"custom-hook", TOML_STRING, SHIP_BUILD_HOOK},
	};
	static const struct ship_field maturin[] = {
		{"python-source", TOML_STRING, SHIP_MATURIN_PYTHON_SOURCE},
		{"module-name", TOML_STRING, SHIP_MATURIN_MODULE_NAME},
		{"python-packages", TOML_ARRAY, SHIP_MATURIN_PYTHON_PACKAGE},
	};

	read_setuptools(pp);
	read_hatch(pp);
	read_poetry_ship(pp, poetry);
	read_fields(pp, "tool.flit.module", flit_module, 1);
	read_fields(pp, "tool.flit.metadata", flit_metadata, 1);
	read_fields(pp, "tool.pdm.build", pdm, sizeof(pdm) / sizeof(pdm[0]));
	read_fields(pp, "tool.maturin", maturin,
		    sizeof(maturin) / sizeof(maturin[0]));
	read_skbuild(pp);
}

/* ---- Other tools' dev dependencies; dependencies read from files ---- */

/* Whether [project] dynamic names field. */
static bool
is_dynamic(const struct pp *pp, const char *field)
{
	size_t i;

	for (i = 0; i < pp->pkg.ndynamic; i++) {
		if (!strcmp(pp->pkg.dynamic[i], field))
			return true;
	}
	return false;
}

/* A PEP 508 list of another tool: a string that starts with "-e" is a
 * project of the tree (pdm's "-e file:///${PROJECT_ROOT}/..."), not a
 * distribution, and is skipped when skip_local. */
static void
tool_reqs(struct pp *pp, const char *prefix, const struct toml_value *m,
	  const char *group, bool skip_local)
{
	struct pyreq_slot slot = {pp->pkg.id, REQ_DEV, group, 0};
	const struct toml_value *e;

	if (m->type != TOML_ARRAY) {
		bad_value(pp, prefix, m, "of type array");
		return;
	}
	for (e = m->first; e; e = e->next) {
		size_t i = 0;

		if (e->type != TOML_STRING) {
			bad_entry(pp, prefix, m, e, "a string");
			continue;
		}
		while (i < e->len && (e->str[i] == ' ' || e->str[i] == '\t'))
			i++;
		if (skip_local && e->len - i >= 2 &&
		    !memcmp(e->str + i, "-e", 2))
			continue;
		pyreq_emit(pp->ctx, &slot, e->str, e->len, e->line, e->col + 1);
	}
}

/* [tool.pdm.dev-dependencies]: GROUP = [...] (pdm before PEP 735), and
 * [tool.uv] dev-dependencies = [...], the group "dev". */
static void
read_tool_dev(struct pp *pp)
{
	static const char prefix[] = "tool.pdm.dev-dependencies";
	const struct toml_value *pdm = tool_table(pp, prefix), *uv, *g;

	for (g = pdm ? pdm->first : NULL; g; g = g->next)
		tool_reqs(pp, prefix, g, dup_key(pp, g), true);
	uv = tool_table(pp, "tool.uv");
	g = toml_get(uv, "dev-dependencies");
	if (g)
		tool_reqs(pp, "tool.uv", g, "dev", false);
}

/*
 * The file at s (n bytes, at line:col), named by the setting what,
 * relative to the pyproject.toml, as a requirements file whose
 * requirements are the package's own, of kind and group.  A path that
 * leaves the package's directory (absolute, or with ".." above it) is
 * not read: a hostile tree gets nothing outside it read.
 */
static void
dynamic_file(struct pp *pp, const char *what, const char *s, size_t n,
	     unsigned line, unsigned col, enum req_kind kind, const char *group)
{
	struct scan_owner owner = {pp->pkg.id, kind, group};
	struct strbuf path = STRBUF_INIT;
	struct scan_include inc;
	size_t i = 0;
	bool bad = !n || s[0] == '/' || memchr(s, '\0', n) != NULL;

	/* the path made plain: no empty or "." parts, ".." resolved */
	while (!bad && i < n) {
		const char *part = s + i, *slash = memchr(part, '/', n - i);
		size_t k = slash ? (size_t)(slash - part) : n - i;

		i += k + 1;
		if (!k || (k == 1 && part[0] == '.'))
			continue;
		if (k == 2 && part[0] == '.' && part[1] == '.') {
			size_t up = path.len;

			bad = !up; /* above the package */
			while (up && path.buf[up - 1] != '/')
				up--;
			strbuf_setlen(&path, up ? up - 1 : 0);
			continue;
		}
		if (path.len)
			strbuf_addch(&path, '/');
		strbuf_add(&path, part, k);
	}
	if (bad || !path.len) {
		scan_warn(pp->ctx, line, col,
			  "'%s' names '%.*s%s', which is not a file of the "
			  "package: not read",
			  what, (int)(n > 60 ? 57 : n), s, n > 60 ? "..." : "");
		goto out;
	}
	memset(&inc, 0, sizeof(inc));
	inc.path =
		arena_strndup(scan_arena(pp->ctx), strbuf_str(&path), path.len);
	inc.scanner = "requirements";
	inc.kind = SCAN_INCLUDE_FILE;
	inc.line = line;
	inc.col = col;
	scan_emit_owned_include(pp->ctx, &inc, &owner);
out:
	strbuf_release(&path);
}

/* Each file of m, a member of the table at prefix: a string or an array
 * of them. */
static void
dynamic_files(struct pp *pp, const char *prefix, const struct toml_value *m,
	      enum req_kind kind, const char *group)
{
	struct strbuf what = STRBUF_INIT;
	const struct toml_value *e;

	strbuf_addf(&what, "%s.%s", prefix, dup_key(pp, m));
	if (m->type == TOML_STRING)
		dynamic_file(pp, strbuf_str(&what), m->str, m->len, m->line,
			     m->col, kind, group);
	else if (m->type != TOML_ARRAY)
		bad_value(pp, prefix, m, "a string or an array");
	for (e = m->type == TOML_ARRAY ? m->first : NULL; e; e = e->next) {
		if (e->type != TOML_STRING)
			bad_entry(pp, prefix, m, e, "a string");
		else
			dynamic_file(pp, strbuf_str(&what), e->str, e->len,
				     e->line, e->col, kind, group);
	}
	strbuf_release(&what);
}

/* A field filled from files that [project] dynamic does not name. */
static bool
not_dynamic(struct pp *pp, const char *prefix, const struct toml_value *m,
	    const char *field)
{
	if (is_dynamic(pp, field))
		return false;
	scan_warn(pp->ctx, m->line, m->col,
		  "'%s.%s' is not read: 'project.dynamic' does not name '%s'",
		  prefix, dup_key(pp, m), field);
	return true;
}

/* setuptools' {file = ...} of member m of the table at prefix. */
static void
setuptools_file(struct pp *pp, const char *prefix, const struct toml_value *m,
		enum req_kind kind, const char *group)
{
	struct strbuf path = STRBUF_INIT;
	const struct toml_value *f = toml_get(m, "file");

	if (m->type != TOML_TABLE) {
		bad_value(pp, prefix, m, "of type table");
		return;
	}
	strbuf_addf(&path, "%s.%s", prefix, dup_key(pp, m));
	if (!f)
		scan_warn(pp->ctx, m->line, m->col, "'%s' has no 'file'",
			  strbuf_str(&path));
	else
		dynamic_files(pp, strbuf_str(&path), f, kind, group);
	strbuf_release(&path);
}

/* optional-dependencies = {EXTRA = files} of the table at prefix: each
 * extra's files read by each(). */
static void
optional_files(struct pp *pp, const char *prefix, const struct toml_value *m,
	       void (*each)(struct pp *, const char *,
			    const struct toml_value *, enum req_kind,
			    const char *))
{
	struct strbuf path = STRBUF_INIT;
	const struct toml_value *x;

	if (not_dynamic(pp, prefix, m, "optional-dependencies"))
		return;
	if (m->type != TOML_TABLE) {
		bad_value(pp, prefix, m, "of type table");
		return;
	}
	strbuf_addf(&path, "%s.optional-dependencies", prefix);
	for (x = m->first; x; x = x->next)
		each(pp, strbuf_str(&path), x, REQ_OPTIONAL, dup_key(pp, x));
	strbuf_release(&path);
}

/* [tool.setuptools.dynamic] dependencies and optional-dependencies:
 * {file = [...]} of requirements files. */
static void
read_setuptools_dynamic(struct pp *pp)
{
	static const char prefix[] = "tool.setuptools.dynamic";
	const struct toml_value *dyn = tool_table(pp, prefix), *m;

	for (m = dyn ? dyn->first : NULL; m; m = m->next) {
		if (key_is(m, "dependencies")) {
			if (!not_dynamic(pp, prefix, m, "dependencies"))
				setuptools_file(pp, prefix, m, REQ_RUNTIME,
						NULL);
			continue;
		}
		if (key_is(m, "optional-dependencies"))
			optional_files(pp, prefix, m, setuptools_file);
	}
}

/* hatch-requirements-txt: [tool.hatch.metadata.hooks.requirements_txt]
 * files (requirements.txt when not given) and optional-dependencies,
 * {EXTRA = [...]}. */
static void
read_hatch_requirements(struct pp *pp)
{
	static const char prefix[] =
		"tool.hatch.metadata.hooks.requirements_txt";
	const struct toml_value *hook = tool_table(pp, prefix), *m;
	bool files = false;

	if (!hook)
		return;
	for (m = hook->first; m; m = m->next) {
		if (key_is(m, "files")) {
			files = true;
			if (!not_dynamic(pp, prefix, m, "dependencies"))
				dynamic_files(pp, prefix, m, REQ_RUNTIME, NULL);
			continue;
		}
		if (key_is(m, "optional-dependencies"))
			optional_files(pp, prefix, m, dynamic_files);
	}
	if (!files && is_dynamic(pp, "dependencies"))
		dynamic_file(pp, prefix, "requirements.txt", 16, hook->line,
			     hook->col, REQ_RUNTIME, NULL);
}

/*
 * Whether the document declares a package: [project], [build-system] or a
 * name in [tool.poetry].  Without one it only configures tools.
 */
static bool
is_package(const struct toml_value *proj, const struct toml_value *bs,
	   const struct toml_value *poetry)
{
	const struct toml_value *name = toml_get(poetry, "name");

	return (proj && proj->type == TOML_TABLE) ||
	       (bs && bs->type == TOML_TABLE) ||
	       (name && name->type == TOML_STRING);
}

/* The package, with what its backends are told to ship. */
static void
emit_package(struct pp *pp, const struct file_view *fv,
	     const struct toml_value *bs, const struct toml_value *poetry)
{
	struct arena *a = scan_arena(pp->ctx);

	read_ship(pp, poetry);
	if (pp->nship) {
		struct ship_setting *v = arena_alloc(a, pp->nship * sizeof(*v));

		memcpy(v, pp->ship, pp->nship * sizeof(*v));
		pp->pkg.ship = v;
		pp->pkg.nship = pp->nship;
	}
	if (!pp->pkg.builder)
		pp->pkg.builder = "pyproject";
	if (!pp->pkg.line)
		pp->pkg.line = bs && bs->type == TOML_TABLE ? bs->line : 1;
	pp->pkg.id = pp->pkg.name ? pp->pkg.name : arena_strdup(a, fv->path);
	pp->pkg.format = "pyproject";
	scan_emit_package(pp->ctx, &pp->pkg);
}

/*
 * Pass on what the reading of the requirements put in the scratch
 * context from: its diagnostics and includes, and each requirement once.
 * A distribution listed twice for the package with one kind and group
 * (by [project] and by [tool.poetry], or by two groups a group includes)
 * is one input, the first; two whose markers hold differently stay two.
 */
static void
pass_on(struct scan_ctx *to, struct scan_ctx *from)
{
	struct arena *a = scan_arena(from);
	struct strset seen = STRSET_INIT;
	struct strbuf key = STRBUF_INIT;
	const struct scan_diag *d;
	const struct requirement *r;
	const struct scan_include *inc;
	size_t n, i;

	d = scan_diags(from, &n);
	for (i = 0; i < n; i++) {
		if (d[i].level == DIAG_ERROR)
			scan_error(to, d[i].line, d[i].col, "%s", d[i].msg);
		else
			scan_warn(to, d[i].line, d[i].col, "%s", d[i].msg);
	}
	r = scan_requirements(from, &n);
	for (i = 0; i < n; i++) {
		struct requirement copy;

		if (r[i].key) {
			strbuf_reset(&key);
			strbuf_addf(&key, "%d %d %s %s", (int)r[i].kind,
				    !!(r[i].flags & REQ_MARKER_FALSE), r[i].key,
				    r[i].group ? r[i].group : "");
			if (!strset_add(&seen,
					arena_strndup(a, key.buf, key.len),
					key.len, i))
				continue;
		}
		requirement_copy(scan_arena(to), &copy, &r[i]);
		scan_emit_requirement(to, &copy);
	}
	inc = scan_includes(from, &n);
	for (i = 0; i < n; i++) {
		struct scan_include copy = inc[i];
		struct scan_owner owner = inc[i].owner;

		copy.path = arena_strdup(scan_arena(to), inc[i].path);
		if (owner.package)
			owner.package =
				arena_strdup(scan_arena(to), owner.package);
		if (owner.group)
			owner.group = arena_strdup(scan_arena(to), owner.group);
		scan_emit_owned_include(to, &copy, &owner);
	}
	strbuf_release(&key);
	strset_release(&seen);
}

static int
pyproject_scan(struct scan_ctx *ctx, const struct file_view *fv)
{
	struct strbuf msg = STRBUF_INIT;
	struct toml_error err = {0, 0, &msg};
	struct toml_value *root;
	const struct toml_value *proj, *bs, *poetry;
	struct scan_ctx *reqs = NULL;
	struct pp pp;
	int rc = 0;

	memset(&pp, 0, sizeof(pp));
	pp.ctx = ctx;
	if (toml_parse(scan_arena(ctx), fv->data, fv->len, &root, &err)) {
		rc = scan_error(ctx, err.line, err.col, "%s", strbuf_str(&msg));
		goto out;
	}
	pp.root = root;
	proj = toml_get(root, "project");
	bs = toml_get(root, "build-system");
	poetry = toml_path(root, "tool.poetry");
	read_project(&pp, proj);
	if (bs)
		read_build_system(&pp, bs);
	if (poetry)
		read_poetry(&pp, poetry);
	/* requirements name the package: emitted once its id is known; a
	 * file of tool settings has none, and its groups belong to none */
	if (is_package(proj, bs, poetry))
		emit_package(&pp, fv, bs, poetry);
	else
		pp.pkg.id = NULL;
	reqs = scan_ctx_new();
	scan_ctx_set_python(reqs, scan_python_minor(ctx));
	pp.ctx = reqs;
	read_project_reqs(&pp, proj);
	if (bs && bs->type == TOML_TABLE)
		req_array(&pp, toml_get(bs, "requires"), REQ_BUILD, NULL,
			  "build-system.requires");
	if (toml_get(root, "dependency-groups"))
		read_groups(&pp, toml_get(root, "dependency-groups"));
	read_poetry_reqs(&pp, poetry);
	read_tool_dev(&pp);
	if (pp.pkg.id && proj && proj->type == TOML_TABLE) {
		/* a package's dependencies in files it names */
		read_setuptools_dynamic(&pp);
		read_hatch_requirements(&pp);
	}
	pass_on(ctx, reqs);
out:
	scan_ctx_free(reqs);
	strset_release(&pp.extra_members);
	strbuf_release(&msg);
	free(pp.ship);
	return rc;
}

const struct scanner scanner_pyproject = {
	.name = "pyproject",
	.kind = SCAN_DECLARED,
	.bid = pyproject_bid,
	.scan = pyproject_scan,
};
