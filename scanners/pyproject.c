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
 *     dev-dependencies and group.<g>.dependencies (dev:<g>), extras.
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

static void
read_build_system(struct pp *pp, const struct toml_value *bs)
{
	const char *backend;

	if (!want_type(pp, bs, TOML_TABLE, "build-system"))
		return;
	backend = get_string(pp, bs, "build-backend",
			     "build-system.build-backend", NULL);
	if (backend)
		pp->pkg.builder = backend;
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

static int
pyproject_scan(struct scan_ctx *ctx, const struct file_view *fv)
{
	struct strbuf msg = STRBUF_INIT;
	struct toml_error err = {0, 0, &msg};
	struct toml_value *root;
	const struct toml_value *proj, *poetry;
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
	poetry = toml_path(root, "tool.poetry");
	read_project(&pp, proj);
	if (toml_get(root, "build-system"))
		read_build_system(&pp, toml_get(root, "build-system"));
	if (poetry)
		read_poetry(&pp, poetry);
	if (!pp.pkg.builder)
		pp.pkg.builder = "pyproject";
	if (!pp.pkg.line)
		pp.pkg.line = 1;
	pp.pkg.id = pp.pkg.name ? pp.pkg.name
				: arena_strdup(scan_arena(ctx), fv->path);
	pp.pkg.format = "pyproject";
	scan_emit_package(ctx, &pp.pkg);
	/* requirements name the package: emitted once its id is known */
	read_project_reqs(&pp, proj);
	if (toml_get(root, "build-system")) {
		const struct toml_value *bs = toml_get(root, "build-system");

		if (bs->type == TOML_TABLE)
			req_array(&pp, toml_get(bs, "requires"), REQ_BUILD,
				  NULL, "build-system.requires");
	}
	if (toml_get(root, "dependency-groups"))
		read_groups(&pp, toml_get(root, "dependency-groups"));
	read_poetry_reqs(&pp, poetry);
out:
	strset_release(&pp.extra_members);
	strbuf_release(&msg);
	return rc;
}

const struct scanner scanner_pyproject = {
	.name = "pyproject",
	.kind = SCAN_DECLARED,
	.bid = pyproject_bid,
	.scan = pyproject_scan,
};
