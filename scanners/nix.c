/* nix.c - the Python packages a Nix expression declares
 *
 * The file is parsed into a tree (nixparse.h), then walked once with the
 * scopes Nix would build: let, rec sets, function formals and with.  Every
 * buildPythonPackage / buildPythonApplication call (under any prefix:
 * python3Packages., python312Packages., python3.pkgs.) and every buildEnv
 * is collected as a derivation, named by the binding that holds it or by
 * its pname.  Then each derivation's attributes are read by a small
 * evaluator that knows what packagers write in input lists: lists, ++,
 * with, let, if, names bound by let or rec, selects through attribute
 * sets, lib.optional(s), lib.flatten, lib.attrValues, lib.concatLists and
 * lib.optionalAttrs.  Anything else is kept as "not evaluated" with a
 * warning at its line, never dropped.
 *
 * The evaluator recurses, but every recursion is counted: MAX_EVAL_DEPTH
 * bounds the nesting and MAX_EVAL_STEPS the total work of one file, so a
 * cycle (let a = b; b = a;) or an exponential expansion ends with a
 * warning, not a hang.
 */
#include "scanners/scanners.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/declared.h"
#include "core/pep503.h"
#include "core/strbuf.h"
#include "core/xalloc.h"
#include "scanners/nixparse.h"

enum {
	MAX_WALK_DEPTH = 4096, /* tree depth; parser bounds it well below */
	MAX_EVAL_DEPTH = 512,
	MAX_EVAL_STEPS = 4000000,
	MAX_RAW = 200, /* bytes of an expression kept as its raw text */
};

/* ---------------------------------------------------------------- */
/* attribute sets and scopes */

enum ent_kind {
	E_VALUE,        /* name = value */
	E_INHERIT,      /* inherit name; (looked up outside the set) */
	E_INHERIT_FROM, /* inherit (value) name; */
	E_SUB,          /* a.b = ...: a set built from dotted keys */
	E_FORMAL,       /* a function argument; value is its default */
};

struct nset;

struct ent {
	const char *name;
	enum ent_kind kind;
	struct nixnode *value;
	struct nset *sub;
	/* for an entry copied from another set by //: its set and scope */
	const struct nset *own_set;
	struct scope *own_env;
	unsigned line;
	unsigned col;
};

/* The bindings of a set, a let or a function's formals, in order. */
struct nset {
	struct ent *ents;
	size_t n, alloc;
	uint32_t *slots; /* open addressing: index + 1, 0 = empty */
	size_t nslots;
	struct nixbind **dyn; /* bindings with a ${} key */
	size_t ndyn, adyn;
};

enum scope_kind { SC_SET, SC_WITH, SC_ARG };

struct scope {
	struct scope *up;
	enum scope_kind kind;
	struct nset *set;     /* SC_SET */
	struct nixnode *with; /* SC_WITH: the expression after with */
	const char *arg;      /* SC_ARG: the argument's name */
	struct nset *argset;  /* SC_ARG: the set it is known to be, or NULL */
	struct scope *argenv; /* where argset's values are evaluated */
};

/* What a name or a select leads to. */
enum val_kind {
	V_NONE,   /* nothing known: not evaluated */
	V_NODE,   /* an expression, in env */
	V_SET,    /* an attribute set: set, values in env */
	V_OPAQUE, /* a function argument, a name from with, a free name */
};

struct val {
	enum val_kind kind;
	struct nixnode *node;
	struct scope *env;
	struct nset *set;
	const struct ent *formal; /* V_OPAQUE from a formal: its default */
};

/* What the walk caches on a set or let node. */
struct setinfo {
	struct nset *set;
	struct scope *env; /* where its values are evaluated */
};

/* A derivation found in the file. */
struct drv {
	struct nixnode *app;
	const char *builder;
	struct nset *set;
	struct scope *env;
	const char *hint; /* the binding that holds it */
	const char *id;
	const char *pname;
	unsigned line;
	bool is_env;
};

struct nix {
	struct scan_ctx *ctx;
	struct arena *arena;
	const char *src;
	size_t len;
	struct drv **drvs;
	size_t ndrvs, adrvs;
	int depth;
	unsigned long steps;
	bool out_of_budget;
	int walk_depth;
	bool walk_too_deep;
	/* places already warned about: a list read twice warns once */
	uint64_t *warned;
	size_t nwarned, awarned;
};

/* Where the items of an input list go. */
struct sink {
	struct drv *drv;
	enum req_kind kind;
	const char *group;
	bool strings;      /* a list of strings (pythonImportsCheck) */
	bool members;      /* buildEnv paths: siblings are members */
	bool quiet;        /* only collect members: no inputs, no warnings */
	const char **strs; /* the strings, or the members */
	size_t nstrs, astrs;
};

static bool
name_is(const char *s, const char *lit)
{
	return s && !strcmp(s, lit);
}

static uint32_t
hash_name(const char *s)
{
	uint32_t h = 2166136261u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

static struct ent *
nset_find(const struct nset *set, const char *name)
{
	size_t i, mask;

	if (!set || !set->nslots || !name)
		return NULL;
	mask = set->nslots - 1;
	for (i = hash_name(name) & mask; set->slots[i]; i = (i + 1) & mask) {
		struct ent *e = &set->ents[set->slots[i] - 1];

		if (!strcmp(e->name, name))
			return e;
	}
	return NULL;
}

static void
rehash(struct nix *nx, struct nset *set, size_t nslots)
{
	size_t i, j, mask = nslots - 1;

	set->slots = arena_calloc(nx->arena, nslots, sizeof(*set->slots));
	set->nslots = nslots;
	for (i = 0; i < set->n; i++) {
		for (j = hash_name(set->ents[i].name) & mask; set->slots[j];
		     j = (j + 1) & mask) {
		}
		set->slots[j] = (uint32_t)(i + 1);
	}
}

static struct ent *
nset_add(struct nix *nx, struct nset *set, const char *name, unsigned line,
	 unsigned col)
{
	struct ent *e;
	size_t mask, j;

	if (set->n + 1 > set->alloc) {
		size_t grow = set->alloc < 8 ? 8 : set->alloc * 2;
		struct ent *v = arena_calloc(nx->arena, grow, sizeof(*v));

		if (set->n)
			memcpy(v, set->ents, set->n * sizeof(*v));
		set->ents = v;
		set->alloc = grow;
	}
	e = &set->ents[set->n++];
	memset(e, 0, sizeof(*e));
	e->name = name;
	e->line = line;
	e->col = col;
	if (set->n * 2 > set->nslots) {
		rehash(nx, set, set->nslots ? set->nslots * 2 : 16);
		return e;
	}
	mask = set->nslots - 1;
	for (j = hash_name(name) & mask; set->slots[j]; j = (j + 1) & mask) {
	}
	set->slots[j] = (uint32_t)set->n;
	return e;
}

static struct nset *
nset_new(struct nix *nx)
{
	return arena_calloc(nx->arena, 1, sizeof(struct nset));
}

static struct scope *
scope_new(struct nix *nx, struct scope *up, enum scope_kind kind)
{
	struct scope *s = arena_calloc(nx->arena, 1, sizeof(*s));

	s->up = up;
	s->kind = kind;
	return s;
}

/* A set literal whose bindings can merge with a dotted key's. */
static bool
is_plain_set(const struct nixnode *n)
{
	return n && n->kind == NIXN_SET && !n->rec;
}

static void add_binds(struct nix *nx, struct nset *set,
		      const struct nixnode *n);

/* Keep a binding with a ${} key (arena memory, like the whole set). */
static void
push_dyn(struct nix *nx, struct nset *set, struct nixbind *b)
{
	if (set->ndyn + 1 > set->adyn) {
		size_t grow = set->adyn < 4 ? 4 : set->adyn * 2;
		struct nixbind **v = arena_calloc(nx->arena, grow, sizeof(*v));

		if (set->ndyn)
			memcpy(v, set->dyn, set->ndyn * sizeof(*v));
		set->dyn = v;
		set->adyn = grow;
	}
	set->dyn[set->ndyn++] = b;
}

static void
duplicate(struct nix *nx, const struct nixattr *a, const struct ent *e)
{
	scan_error(nx->ctx, a->line, a->col,
		   "attribute '%s' already defined at line %u", a->name,
		   e->line);
}

static void
add_attr(struct nix *nx, struct nset *set, struct nixbind *b)
{
	struct nset *cur = set;
	size_t i;

	for (i = 0; i < b->npath; i++) {
		const struct nixattr *a = &b->path[i];
		bool last = i + 1 == b->npath;
		struct ent *e;

		if (!a->name) {
			push_dyn(nx, cur, b);
			return;
		}
		e = nset_find(cur, a->name);
		if (last) {
			if (!e) {
				e = nset_add(nx, cur, a->name, a->line, a->col);
				e->kind = E_VALUE;
				e->value = b->value;
			} else if (e->kind == E_SUB && is_plain_set(b->value)) {
				add_binds(nx, e->sub, b->value);
			} else {
				duplicate(nx, a, e);
			}
			return;
		}
		if (!e) {
			e = nset_add(nx, cur, a->name, a->line, a->col);
			e->kind = E_SUB;
			e->sub = nset_new(nx);
		} else if (e->kind == E_VALUE && is_plain_set(e->value)) {
			struct nixnode *lit = e->value;

			e->kind = E_SUB;
			e->sub = nset_new(nx);
			e->value = NULL;
			add_binds(nx, e->sub, lit);
		} else if (e->kind != E_SUB) {
			duplicate(nx, a, e);
			return;
		}
		cur = e->sub;
	}
}

static void
add_binds(struct nix *nx, struct nset *set, const struct nixnode *n)
{
	size_t i, j;

	for (i = 0; i < n->nbinds; i++) {
		struct nixbind *b = &n->binds[i];

		if (b->kind == NIXB_ATTR) {
			add_attr(nx, set, b);
			continue;
		}
		for (j = 0; j < b->npath; j++) {
			const struct nixattr *a = &b->path[j];
			struct ent *e = nset_find(set, a->name);

			if (e) {
				duplicate(nx, a, e);
				continue;
			}
			e = nset_add(nx, set, a->name, a->line, a->col);
			e->kind = b->value ? E_INHERIT_FROM : E_INHERIT;
			e->value = b->value;
		}
	}
}

/* The bindings of a set or let node and where its values live. */
static struct setinfo *
setinfo_of(struct nix *nx, struct nixnode *n, struct scope *env)
{
	struct setinfo *info = n->sem;

	if (info)
		return info;
	info = arena_calloc(nx->arena, 1, sizeof(*info));
	info->set = nset_new(nx);
	add_binds(nx, info->set, n);
	if (n->kind == NIXN_LET || n->rec) {
		info->env = scope_new(nx, env, SC_SET);
		info->env->set = info->set;
	} else {
		info->env = env;
	}
	n->sem = info;
	return info;
}

/* ---------------------------------------------------------------- */
/* text */

/* The expression as written, blanks folded, at most MAX_RAW bytes. */
static const char *
raw_text(struct nix *nx, const struct nixnode *n)
{
	struct strbuf sb = STRBUF_INIT;
	const char *r;
	bool blank = false;
	size_t i;

	for (i = n->off; i < n->end && i < nx->len; i++) {
		char c = nx->src[i];

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			blank = true;
			continue;
		}
		if (blank && sb.len)
			strbuf_addch(&sb, ' ');
		blank = false;
		if (sb.len >= MAX_RAW) {
			strbuf_addstr(&sb, "...");
			break;
		}
		strbuf_addch(&sb, c);
	}
	r = arena_strndup(nx->arena, strbuf_str(&sb), sb.len);
	strbuf_release(&sb);
	return r;
}

/* Text for a message: raw text, escaped, cut short. */
static const char *
msg_text(struct nix *nx, const char *raw)
{
	struct strbuf sb = STRBUF_INIT;
	size_t n = strlen(raw);
	const char *r;

	strbuf_add_escaped(&sb, raw, n > 60 ? 60 : n);
	if (n > 60)
		strbuf_addstr(&sb, "...");
	r = arena_strndup(nx->arena, strbuf_str(&sb), sb.len);
	strbuf_release(&sb);
	return r;
}

/* The name a call goes to: f, lib.f, lib.lists.f -> "f". */
static const char *
callee_name(const struct nixnode *f)
{
	if (f->kind == NIXN_ID)
		return f->name;
	if (f->kind == NIXN_SELECT && !f->b && f->npath)
		return f->path[f->npath - 1].name;
	return NULL;
}

/* ---------------------------------------------------------------- */
/* the evaluator */

static bool
enter_eval(struct nix *nx)
{
	if (nx->out_of_budget)
		return false;
	if (nx->depth >= MAX_EVAL_DEPTH || ++nx->steps > MAX_EVAL_STEPS) {
		nx->out_of_budget = true;
		scan_error(nx->ctx, 0, 0,
			   "evaluation stopped: the expression "
			   "nests or expands beyond what depaudit reads; the "
			   "inputs after this point are not read");
		return false;
	}
	nx->depth++;
	return true;
}

static void
leave_eval(struct nix *nx)
{
	nx->depth--;
}

static struct val
val_node(struct nixnode *n, struct scope *env)
{
	struct val v = {V_NODE, n, env, NULL, NULL};

	return v;
}

static struct val
val_kind(enum val_kind kind)
{
	struct val v = {kind, NULL, NULL, NULL, NULL};

	return v;
}

/* Where the inherits of a set look: outside the set itself. */
static struct scope *
outer_of(const struct nset *set, struct scope *env)
{
	if (env && env->kind == SC_SET && env->set == set)
		return env->up;
	return env;
}

static struct val lookup(struct nix *nx, const char *name, struct scope *env);
static struct val select_path(struct nix *nx, struct val base,
			      const struct nixattr *path, size_t npath,
			      struct nixnode *dflt, struct scope *denv);

static struct val
ent_val(struct nix *nx, const struct ent *e, const struct nset *set,
	struct scope *env)
{
	struct val v;
	struct nixattr a;

	if (e->own_env) {
		set = e->own_set;
		env = e->own_env;
	}
	switch (e->kind) {
	case E_VALUE:
		return val_node(e->value, env);
	case E_SUB:
		v = val_kind(V_SET);
		v.set = e->sub;
		v.env = env;
		return v;
	case E_INHERIT:
		return lookup(nx, e->name, outer_of(set, env));
	case E_INHERIT_FROM:
		memset(&a, 0, sizeof(a));
		a.name = e->name;
		return select_path(nx, val_node(e->value, env), &a, 1, NULL,
				   NULL);
	case E_FORMAL:
		v = val_kind(V_OPAQUE);
		v.formal = e;
		v.env = env;
		return v;
	}
	return val_kind(V_NONE);
}

static struct val
lookup(struct nix *nx, const char *name, struct scope *env)
{
	struct scope *s;
	struct val v;

	for (s = env; s; s = s->up) {
		if (s->kind == SC_SET) {
			const struct ent *e = nset_find(s->set, name);

			if (e)
				return ent_val(nx, e, s->set, s);
		} else if (s->kind == SC_ARG && name_is(s->arg, name)) {
			if (!s->argset)
				return val_kind(V_OPAQUE);
			v = val_kind(V_SET);
			v.set = s->argset;
			v.env = s->argenv;
			return v;
		}
	}
	/* not bound lexically: from a with, a builtin, or free */
	return val_kind(V_OPAQUE);
}

static struct setinfo *call_set(struct nix *nx, struct nixnode *n,
				struct scope *env);

/* Follow names, selects, let, with and assert to what a value is. */
static struct val
force(struct nix *nx, struct val v)
{
	struct setinfo *info;
	unsigned hops = 0;

	while (v.kind == V_NODE && v.node) {
		struct nixnode *n = v.node;

		if (++hops > 1000 || !enter_eval(nx))
			return val_kind(V_NONE);
		switch (n->kind) {
		case NIXN_ID:
			v = lookup(nx, n->name, v.env);
			break;
		case NIXN_SELECT:
			v = select_path(nx, val_node(n->a, v.env), n->path,
					n->npath, n->b, v.env);
			break;
		case NIXN_SET:
			info = setinfo_of(nx, n, v.env);
			v = val_kind(V_SET);
			v.set = info->set;
			v.env = info->env;
			break;
		case NIXN_LET:
			info = setinfo_of(nx, n, v.env);
			v = val_node(n->a, info->env);
			break;
		case NIXN_WITH: {
			struct scope *s = scope_new(nx, v.env, SC_WITH);

			s->with = n->a;
			v = val_node(n->b, s);
			break;
		}
		case NIXN_ASSERT:
			v = val_node(n->b, v.env);
			break;
		case NIXN_APP:
			info = call_set(nx, n, v.env);
			if (!info) {
				leave_eval(nx);
				return v;
			}
			v = val_kind(V_SET);
			v.set = info->set;
			v.env = info->env;
			break;
		default:
			leave_eval(nx);
			return v;
		}
		leave_eval(nx);
	}
	return v;
}

static struct val
select_path(struct nix *nx, struct val base, const struct nixattr *path,
	    size_t npath, struct nixnode *dflt, struct scope *denv)
{
	struct val v;
	size_t i;

	if (!enter_eval(nx))
		return val_kind(V_NONE);
	v = force(nx, base);
	for (i = 0; i < npath && v.kind == V_SET; i++) {
		const struct ent *e;

		if (!path[i].name) {
			v = val_kind(V_NONE);
			break;
		}
		e = nset_find(v.set, path[i].name);
		if (!e) {
			v = dflt ? force(nx, val_node(dflt, denv))
				 : val_kind(V_NONE);
			leave_eval(nx);
			return v;
		}
		v = force(nx, ent_val(nx, e, v.set, v.env));
	}
	if (i < npath && v.kind != V_OPAQUE)
		v = val_kind(V_NONE);
	leave_eval(nx);
	return v;
}

/*
 * The sets of a // b // c (or the arguments of lib.recursiveUpdate) as
 * one, later entries winning.  strict: NULL unless every one is a set,
 * without a word; else what is not a set is skipped with a warning.
 */
static struct setinfo *
merge_sets(struct nix *nx, struct nixnode **kids, size_t nkids,
	   struct scope *env, bool strict)
{
	struct setinfo *info;
	size_t i, k;

	for (i = 0; strict && i < nkids; i++) {
		if (force(nx, val_node(kids[i], env)).kind != V_SET)
			return NULL;
	}
	info = arena_calloc(nx->arena, 1, sizeof(*info));
	info->set = nset_new(nx);
	info->env = env;
	for (i = 0; i < nkids; i++) {
		struct val v = force(nx, val_node(kids[i], env));

		if (v.kind != V_SET) {
			if (!nx->out_of_budget)
				scan_warn(nx->ctx, kids[i]->line, kids[i]->col,
					  "not evaluated: '%s' (not an "
					  "attribute set)",
					  msg_text(nx, raw_text(nx, kids[i])));
			continue;
		}
		for (k = 0; k < v.set->n; k++) {
			const struct ent *from = &v.set->ents[k];
			struct ent *e = nset_find(info->set, from->name);

			if (!e)
				e = nset_add(nx, info->set, from->name,
					     from->line, from->col);
			*e = *from;
			if (!from->own_env) {
				e->own_set = v.set;
				e->own_env = v.env;
			}
		}
		for (k = 0; k < v.set->ndyn; k++)
			push_dyn(nx, info->set, v.set->dyn[k]);
	}
	return info;
}

/*
 * lib.fix (self: { ... }): the set, with self bound to the set itself.
 * The binding is made once, by the first to meet the call (the walk,
 * before it enters the function), and kept on the set's node.
 */
static struct setinfo *
fix_set(struct nix *nx, struct nixnode *lam, struct scope *env)
{
	struct setinfo *info;
	struct scope *sc;

	if (lam->kind != NIXN_LAMBDA || lam->has_formals || !lam->name ||
	    !lam->a || lam->a->kind != NIXN_SET)
		return NULL;
	if (lam->a->sem)
		return lam->a->sem;
	sc = scope_new(nx, env, SC_ARG);
	sc->arg = lam->name;
	info = setinfo_of(nx, lam->a, sc);
	sc->argset = info->set;
	sc->argenv = info->env;
	return info;
}

/* The set a call of lib.fix or lib.recursiveUpdate makes, or NULL. */
static struct setinfo *
call_set(struct nix *nx, struct nixnode *n, struct scope *env)
{
	const char *f = callee_name(n->a);

	if (n->sem || !f)
		return NULL;
	if (n->nkids == 1 && name_is(f, "fix"))
		return fix_set(nx, n->kids[0], env);
	if (n->nkids == 2 && name_is(f, "recursiveUpdate"))
		return merge_sets(nx, n->kids, n->nkids, env, true);
	return NULL;
}

/* One piece of an indented string, as Nix's lexer cuts it. */
struct piece {
	const char *s;
	size_t n;
	bool text; /* source text: counts for the indentation */
	bool expr; /* the value of an interpolation */
};

struct pieces {
	struct piece *v;
	size_t n, alloc;
};

static void
add_piece(struct pieces *ps, const char *s, size_t n, bool text, bool expr)
{
	XGROW(ps->v, ps->n + 1, ps->alloc);
	ps->v[ps->n].s = s;
	ps->v[ps->n].n = n;
	ps->v[ps->n].text = text;
	ps->v[ps->n].expr = expr;
	ps->n++;
}

/*
 * Cut the raw text of a part of an indented string as Nix's lexer does:
 * runs of text, and the escapes (two quotes before $, a quote or a
 * backslash sequence) and a quote or $ standing alone, which end the
 * leading blanks of a line but are not blanks themselves.
 */
static void
ind_pieces(struct nix *nx, struct pieces *ps, const char *s, size_t n)
{
	size_t i = 0, start = 0;

	while (i < n) {
		struct strbuf one = STRBUF_INIT;
		size_t len = 0;

		if (s[i] == '\'' && i + 2 < n && s[i + 1] == '\'') {
			len = s[i + 2] == '\\' && i + 3 < n ? 4 : 3;
			nixlex_unescape(&one, NIXPART_IND, s + i, len);
		} else if ((s[i] == '\'' && i + 1 < n && s[i + 1] == '$') ||
			   (s[i] == '$' && i + 1 < n && s[i + 1] == '\'')) {
			len = 1;
			strbuf_addch(&one, s[i]);
		} else if (s[i] == '$' && i + 1 < n) {
			i += 2;
			continue;
		}
		if (!len) {
			i++;
			continue;
		}
		if (i > start)
			add_piece(ps, s + start, i - start, true, false);
		add_piece(ps,
			  arena_strndup(nx->arena, strbuf_str(&one), one.len),
			  one.len, false, false);
		strbuf_release(&one);
		i += len;
		start = i;
	}
	if (n > start)
		add_piece(ps, s + start, n - start, true, false);
}

/* Drop the last line of out (from mark on) when it is only spaces. */
static void
drop_blank_tail(struct strbuf *out, size_t mark)
{
	size_t k = out->len, nl;

	while (k > mark && out->buf[k - 1] == ' ')
		k--;
	if (k == mark || out->buf[k - 1] != '\n')
		return;
	nl = k - 1;
	strbuf_setlen(out, nl + 1);
}

/* Nix's stripIndentation (parser.y) over the pieces, into out. */
static void
strip_indent(const struct pieces *ps, struct strbuf *out)
{
	bool at_start = true;
	size_t min = (size_t)-1, cur = 0, dropped = 0, i, j;

	for (i = 0; i < ps->n; i++) {
		const struct piece *p = &ps->v[i];

		if (!p->text) {
			if (at_start && cur < min)
				min = cur;
			at_start = false;
			continue;
		}
		for (j = 0; j < p->n; j++) {
			if (at_start) {
				if (p->s[j] == ' ') {
					cur++;
				} else if (p->s[j] == '\n') {
					cur = 0;
				} else {
					at_start = false;
					if (cur < min)
						min = cur;
				}
			} else if (p->s[j] == '\n') {
				at_start = true;
				cur = 0;
			}
		}
	}
	at_start = true;
	for (i = 0; i < ps->n; i++) {
		const struct piece *p = &ps->v[i];
		size_t mark = out->len;

		if (p->expr) {
			at_start = false;
			dropped = 0;
			strbuf_add(out, p->s, p->n);
			continue;
		}
		for (j = 0; j < p->n; j++) {
			char c = p->s[j];

			if (!at_start) {
				strbuf_addch(out, c);
				if (c == '\n')
					at_start = true;
			} else if (c == ' ') {
				if (dropped++ >= min)
					strbuf_addch(out, c);
			} else if (c == '\n') {
				dropped = 0;
				strbuf_addch(out, c);
			} else {
				at_start = false;
				dropped = 0;
				strbuf_addch(out, c);
			}
		}
		if (i + 1 == ps->n)
			drop_blank_tail(out, mark);
	}
}

static const char *eval_str(struct nix *nx, struct nixnode *n,
			    struct scope *env);

static const char *
eval_str_val(struct nix *nx, struct val v)
{
	struct pieces ps = {NULL, 0, 0};
	struct strbuf sb = STRBUF_INIT;
	const char *r = NULL;
	struct nixnode *n;
	size_t i;

	v = force(nx, v);
	if (v.kind == V_OPAQUE && v.formal && v.formal->value)
		v = force(nx, val_node(v.formal->value, v.env));
	if (v.kind != V_NODE || !enter_eval(nx))
		return NULL;
	n = v.node;
	switch (n->kind) {
	case NIXN_STR:
		for (i = 0; i < n->nkids; i++) {
			const struct nixnode *k = n->kids[i];
			const char *sub;

			if (k->kind == NIXN_PART && n->ind) {
				ind_pieces(nx, &ps, nx->src + k->off,
					   k->end - k->off);
				continue;
			}
			if (k->kind == NIXN_PART) {
				nixlex_unescape(&sb, (enum nixpart_kind)k->part,
						nx->src + k->off,
						k->end - k->off);
				continue;
			}
			sub = eval_str(nx, n->kids[i], v.env);
			if (!sub)
				goto out;
			if (n->ind)
				add_piece(&ps, sub, strlen(sub), false, true);
			else
				strbuf_addstr(&sb, sub);
		}
		if (n->ind)
			strip_indent(&ps, &sb);
		break;
	case NIXN_INT:
	case NIXN_FLOAT:
	case NIXN_URI:
		strbuf_add(&sb, nx->src + n->off, n->end - n->off);
		break;
	case NIXN_APP: {
		const char *sub;

		if (n->nkids != 1 || !name_is(callee_name(n->a), "toString"))
			goto out;
		sub = eval_str(nx, n->kids[0], v.env);
		if (!sub)
			goto out;
		strbuf_addstr(&sb, sub);
		break;
	}
	case NIXN_OP:
		for (i = 0; i < n->nkids; i++) {
			const char *sub;

			if (i && n->ops[i - 1] != '+')
				goto out;
			sub = eval_str(nx, n->kids[i], v.env);
			if (!sub)
				goto out;
			strbuf_addstr(&sb, sub);
		}
		break;
	default:
		goto out;
	}
	r = arena_strndup(nx->arena, strbuf_str(&sb), sb.len);
out:
	free(ps.v);
	strbuf_release(&sb);
	leave_eval(nx);
	return r;
}

static const char *
eval_str(struct nix *nx, struct nixnode *n, struct scope *env)
{
	return eval_str_val(nx, val_node(n, env));
}

/* ---------------------------------------------------------------- */
/* input lists */

static bool
is_drv_node(const struct nixnode *n)
{
	return n && n->kind == NIXN_APP && n->sem;
}

static void
push_str(struct sink *s, const char *str)
{
	XGROW(s->strs, s->nstrs + 1, s->astrs);
	s->strs[s->nstrs++] = str;
}

/* Emit one input.  attr NULL: what it names is unknown. */
static void
emit(struct nix *nx, struct sink *s, const struct nixnode *at, const char *attr,
     struct drv *sib, unsigned flags)
{
	struct requirement r;
	const char *key_from = sib && sib->pname ? sib->pname : attr;

	if (s->quiet || s->strings || (s->members && sib))
		return;
	memset(&r, 0, sizeof(r));
	r.package = s->drv->id;
	r.kind = s->kind;
	r.group = s->group;
	r.raw = raw_text(nx, at);
	r.attr = attr;
	r.name = key_from;
	r.key = key_from ? pep503_arena(nx->arena, key_from) : NULL;
	r.flags = flags;
	r.line = at->line;
	r.col = at->col;
	scan_emit_requirement(nx->ctx, &r);
}

/* Whether line:col has not been warned about yet (and now is). */
static bool
first_warning(struct nix *nx, unsigned line, unsigned col)
{
	uint64_t key = ((uint64_t)line << 32 | col) + 1;
	size_t mask, i;

	if (nx->nwarned * 2 >= nx->awarned) {
		size_t na = nx->awarned ? nx->awarned * 2 : 64, k;
		uint64_t *v = xcalloc(na, sizeof(*v));

		for (k = 0; k < nx->awarned; k++) {
			if (!nx->warned[k])
				continue;
			for (i = (size_t)(nx->warned[k] * 0x9e3779b97f4a7c15u) &
				 (na - 1);
			     v[i]; i = (i + 1) & (na - 1)) {
			}
			v[i] = nx->warned[k];
		}
		free(nx->warned);
		nx->warned = v;
		nx->awarned = na;
	}
	mask = nx->awarned - 1;
	for (i = (size_t)(key * 0x9e3779b97f4a7c15u) & mask; nx->warned[i];
	     i = (i + 1) & mask) {
		if (nx->warned[i] == key)
			return false;
	}
	nx->warned[i] = key;
	nx->nwarned++;
	return true;
}

static void
not_evaluated(struct nix *nx, struct sink *s, const struct nixnode *at,
	      const char *attr, unsigned flags, const char *why)
{
	if (nx->out_of_budget)
		return;
	if (!s->quiet && first_warning(nx, at->line, at->col))
		scan_warn(nx->ctx, at->line, at->col,
			  "not evaluated: '%s' (%s)",
			  msg_text(nx, raw_text(nx, at)), why);
	emit(nx, s, at, attr, NULL, flags | REQ_NOT_EVALUATED);
}

static void eval_list(struct nix *nx, struct sink *s, struct nixnode *n,
		      struct scope *env, unsigned flags);

/* A node standing for the key of a binding, for its text and place. */
static const struct nixnode *
key_node(const struct nixbind *b, struct nixnode *key)
{
	const struct nixattr *first = &b->path[0];
	const struct nixattr *last = &b->path[b->npath - 1];

	memset(key, 0, sizeof(*key));
	key->kind = NIXN_ID;
	key->line = first->line;
	key->col = first->col;
	key->off = first->off;
	key->end = last->end;
	return key;
}
static void eval_elem(struct nix *nx, struct sink *s, struct nixnode *n,
		      struct scope *env, unsigned flags);
static void eval_select(struct nix *nx, struct sink *s, struct nixnode *n,
			struct scope *env, unsigned flags);
static void eval_entries(struct nix *nx, struct sink *s, struct val v,
			 struct nixnode *at, unsigned flags, bool extras);

/* lib.getBin dbus, lib.getDev libxml2: an output names its package. */
static bool
is_get_output(const char *f)
{
	return name_is(f, "getBin") || name_is(f, "getDev") ||
	       name_is(f, "getLib") || name_is(f, "getMan");
}

static void
eval_call(struct nix *nx, struct sink *s, struct nixnode *n, struct scope *env,
	  unsigned flags)
{
	const char *f = callee_name(n->a);
	struct strbuf why = STRBUF_INIT;

	if (n->nkids == 2 && name_is(f, "optionals")) {
		eval_list(nx, s, n->kids[1], env, flags | REQ_CONDITIONAL);
	} else if (n->nkids == 2 && name_is(f, "optional")) {
		eval_elem(nx, s, n->kids[1], env, flags | REQ_CONDITIONAL);
	} else if (n->nkids == 1 &&
		   (name_is(f, "flatten") || name_is(f, "concatLists") ||
		    name_is(f, "unique") || name_is(f, "toList"))) {
		eval_list(nx, s, n->kids[0], env, flags);
	} else if (n->nkids == 1 && is_get_output(f)) {
		eval_elem(nx, s, n->kids[0], env, flags);
	} else if (n->nkids == 2 && name_is(f, "getOutput")) {
		eval_elem(nx, s, n->kids[1], env, flags);
	} else if (n->nkids == 1 && name_is(f, "attrValues")) {
		eval_entries(nx, s, val_node(n->kids[0], env), n->kids[0],
			     flags, false);
	} else {
		if (f)
			strbuf_addf(&why, "a call of '%s'", msg_text(nx, f));
		else
			strbuf_addstr(&why, "a call");
		not_evaluated(nx, s, n, NULL, flags, strbuf_str(&why));
	}
	strbuf_release(&why);
}

static bool
all_ops(const struct nixnode *n, int op)
{
	size_t i;

	for (i = 0; i + 1 < n->nkids; i++) {
		if (n->ops[i] != op)
			return false;
	}
	return true;
}

static void
eval_list(struct nix *nx, struct sink *s, struct nixnode *n, struct scope *env,
	  unsigned flags)
{
	struct val v;
	size_t i;

	if (!enter_eval(nx))
		return;
	v = force(nx, val_node(n, env));
	if (v.kind == V_NODE) {
		struct nixnode *t = v.node;

		switch (t->kind) {
		case NIXN_LIST:
			for (i = 0; i < t->nkids; i++)
				eval_elem(nx, s, t->kids[i], v.env, flags);
			break;
		case NIXN_OP:
			if (!all_ops(t, NIXT_CONCAT)) {
				not_evaluated(nx, s, t, NULL, flags,
					      "an operator other than ++");
				break;
			}
			for (i = 0; i < t->nkids; i++)
				eval_list(nx, s, t->kids[i], v.env, flags);
			break;
		case NIXN_IF:
			eval_list(nx, s, t->b, v.env, flags | REQ_CONDITIONAL);
			eval_list(nx, s, t->c, v.env, flags | REQ_CONDITIONAL);
			break;
		case NIXN_APP:
			eval_call(nx, s, t, v.env, flags);
			break;
		default:
			not_evaluated(nx, s, t, NULL, flags, "not a list");
			break;
		}
	} else if (v.kind == V_OPAQUE) {
		not_evaluated(nx, s, n, NULL, flags,
			      "a function argument or a name from with");
	} else if (v.kind == V_SET) {
		not_evaluated(nx, s, n, NULL, flags, "an attribute set");
	} else {
		not_evaluated(nx, s, n, NULL, flags, "cannot be resolved");
	}
	leave_eval(nx);
}

/* The value v that the name attr at node `at` stands for, in a list. */
static void
elem_val(struct nix *nx, struct sink *s, struct nixnode *at, const char *attr,
	 struct val v, unsigned flags)
{
	struct nixnode *t;

	v = force(nx, v);
	if (v.kind == V_OPAQUE) {
		if (!attr) {
			not_evaluated(nx, s, at, NULL, flags,
				      "an antiquoted attribute name");
			return;
		}
		emit(nx, s, at, attr, NULL, flags);
		return;
	}
	if (v.kind != V_NODE) {
		not_evaluated(nx, s, at, attr, flags,
			      v.kind == V_SET ? "an attribute set"
					      : "cannot be resolved");
		return;
	}
	t = v.node;
	if (is_drv_node(t)) {
		struct drv *sib = t->sem;

		if (s->members && s->quiet)
			push_str(s, sib->id);
		flags &= ~(unsigned)REQ_NIX_TOPLEVEL;
		if (!sib->is_env)
			flags |= REQ_NIX_PYTHON;
		emit(nx, s, at, attr, sib, flags);
		return;
	}
	switch (t->kind) {
	case NIXN_LIST:
	case NIXN_OP:
	case NIXN_IF:
		eval_list(nx, s, t, v.env, flags);
		return;
	case NIXN_APP: {
		const char *f = callee_name(t->a);

		if (name_is(f, "optionals") || name_is(f, "optional") ||
		    is_get_output(f) || name_is(f, "getOutput") ||
		    name_is(f, "flatten") || name_is(f, "concatLists") ||
		    name_is(f, "attrValues") || name_is(f, "unique") ||
		    name_is(f, "toList")) {
			eval_list(nx, s, t, v.env, flags);
			return;
		}
		break;
	}
	default:
		break;
	}
	if (nx->out_of_budget)
		return;
	if (!s->quiet && first_warning(nx, at->line, at->col))
		scan_warn(nx->ctx, at->line, at->col,
			  "not evaluated: '%s' (bound to '%s' at line %u)",
			  msg_text(nx, raw_text(nx, at)),
			  msg_text(nx, raw_text(nx, t)), t->line);
	emit(nx, s, at, attr, NULL, flags | REQ_NOT_EVALUATED);
}

/* An output of a derivation: dbus.out, libxml2.dev names the package. */
static bool
is_output(const char *name)
{
	static const char *const outputs[] = {
		"bin",  "debug", "dev", "devdoc", "dist",   "doc",
		"info", "lib",   "man", "out",    "static",
	};
	size_t i;

	for (i = 0; name && i < DP_ARRAY_LEN(outputs); i++) {
		if (!strcmp(name, outputs[i]))
			return true;
	}
	return false;
}

/* What follows "python" or "pypy" in name, or NULL. */
static const char *
after_python(const char *name)
{
	if (name && !strncmp(name, "python", 6))
		return name + 6;
	if (name && !strncmp(name, "pypy", 4))
		return name + 4;
	return NULL;
}

/* python3Packages, python312Packages, pypy3Packages, pythonPackages */
static bool
is_python_set(const char *name)
{
	const char *p = after_python(name);

	return p && !strcmp(p + strspn(p, "0123456789"), "Packages");
}

/* python3, python312, pypy3, python: an interpreter, whose .pkgs is one */
static bool
is_python(const char *name)
{
	const char *p = after_python(name);

	return p && !p[strspn(p, "0123456789")];
}

/* Package sets that are not Python's, as the first name of a select. */
static bool
is_toplevel_set(const char *name)
{
	static const char *const sets[] = {
		"buildPackages", "darwin", "gst_all_1", "kdePackages",
		"libsForQt5",    "pkgs",   "qt5",       "qt6",
		"rustPlatform",  "stdenv", "xorg",
	};
	size_t i;

	if (!name)
		return false;
	/* pkgsBuildHost, pkgsHostTarget, pkgsStatic, pkgsCross, ... */
	if (!strncmp(name, "pkgs", 4) && name[4] >= 'A' && name[4] <= 'Z')
		return true;
	if (!strncmp(name, "llvmPackages", 12))
		return true;
	for (i = 0; i < DP_ARRAY_LEN(sets); i++) {
		if (!strcmp(name, sets[i]))
			return true;
	}
	return false;
}

/*
 * What the names before the attribute of a select say about its package
 * set: REQ_NIX_PYTHON through a Python package set (ps.python3Packages.x,
 * python3.pkgs.x), REQ_NIX_TOPLEVEL from the top level (pkgs.x,
 * buildPackages.x, rustPlatform.x), else nothing.
 */
static unsigned
set_flags(const struct nixnode *n, size_t npath)
{
	const char *first = n->a->kind == NIXN_ID ? n->a->name : NULL;
	const char *prev = first;
	size_t i;

	if (!npath) /* dbus.out: the first name is the attribute */
		return 0;
	if (is_python_set(first))
		return REQ_NIX_PYTHON;
	for (i = 0; i + 1 < npath; i++) {
		const char *name = n->path[i].name;

		if (is_python_set(name) ||
		    (name_is(name, "pkgs") && is_python(prev)))
			return REQ_NIX_PYTHON;
		prev = name;
	}
	return is_toplevel_set(first) ? REQ_NIX_TOPLEVEL : 0;
}

/* a.b.c in a list: the attribute c of a.b (an output names its owner). */
static void
eval_select(struct nix *nx, struct sink *s, struct nixnode *n,
	    struct scope *env, unsigned flags)
{
	size_t np = n->npath;
	const char *attr = n->path[np - 1].name;
	struct val v;

	if (np && is_output(attr) && !n->b) {
		np--;
		attr = np ? n->path[np - 1].name
			  : (n->a->kind == NIXN_ID ? n->a->name : NULL);
	}
	flags |= set_flags(n, np);
	if (np) {
		v = select_path(nx, val_node(n->a, env), n->path, np, n->b,
				env);
	} else {
		v = force(nx, val_node(n->a, env));
		if (!attr && !(v.kind == V_NODE && is_drv_node(v.node))) {
			not_evaluated(nx, s, n, NULL, flags,
				      "an output of an expression");
			return;
		}
	}
	elem_val(nx, s, n, attr, v, flags);
}

static void
eval_elem(struct nix *nx, struct sink *s, struct nixnode *n, struct scope *env,
	  unsigned flags)
{
	if (!enter_eval(nx))
		return;
	if (s->strings) {
		const char *str = eval_str(nx, n, env);

		if (str)
			push_str(s, str);
		else
			not_evaluated(nx, s, n, NULL, flags, "not a string");
	} else if (n->kind == NIXN_IF) {
		eval_elem(nx, s, n->b, env, flags | REQ_CONDITIONAL);
		eval_elem(nx, s, n->c, env, flags | REQ_CONDITIONAL);
	} else if (n->kind == NIXN_LET) {
		eval_elem(nx, s, n->a, setinfo_of(nx, n, env)->env, flags);
	} else if (n->kind == NIXN_WITH) {
		struct scope *sc = scope_new(nx, env, SC_WITH);

		sc->with = n->a;
		eval_elem(nx, s, n->b, sc, flags);
	} else if (n->kind == NIXN_ID) {
		if (!name_is(n->name, "null"))
			elem_val(nx, s, n, n->name, lookup(nx, n->name, env),
				 flags);
	} else if (n->kind == NIXN_SELECT) {
		eval_select(nx, s, n, env, flags);
	} else {
		eval_list(nx, s, n, env, flags);
	}
	leave_eval(nx);
}

/* The entries of a set: each extra (extras) or each value's list. */
static void
eval_entries(struct nix *nx, struct sink *s, struct val v, struct nixnode *at,
	     unsigned flags, bool extras)
{
	struct nixnode *t;
	size_t i;

	if (!enter_eval(nx))
		return;
	v = force(nx, v);
	t = v.kind == V_NODE ? v.node : at;
	if (v.kind == V_SET) {
		const char *group = s->group;
		enum req_kind kind = s->kind;

		for (i = 0; i < v.set->n; i++) {
			const struct ent *e = &v.set->ents[i];
			struct val ev = ent_val(nx, e, v.set, v.env);

			if (extras) {
				s->group = e->name;
				s->kind = REQ_OPTIONAL;
			}
			ev = force(nx, ev);
			if (ev.kind == V_NODE)
				eval_list(nx, s, ev.node, ev.env, flags);
			else
				not_evaluated(nx, s, e->value ? e->value : at,
					      NULL, flags,
					      "an entry that is not a list");
			s->group = group;
			s->kind = kind;
		}
		for (i = 0; i < v.set->ndyn; i++) {
			struct nixnode key;

			if (extras) {
				s->group = NULL;
				s->kind = REQ_OPTIONAL;
			}
			not_evaluated(nx, s, key_node(v.set->dyn[i], &key),
				      NULL, flags,
				      "an antiquoted attribute name");
			s->group = group;
			s->kind = kind;
		}
	} else if (v.kind == V_NODE && t->kind == NIXN_OP &&
		   all_ops(t, NIXT_UPDATE)) {
		for (i = 0; i < t->nkids; i++)
			eval_entries(nx, s, val_node(t->kids[i], v.env),
				     t->kids[i], flags, extras);
	} else if (v.kind == V_NODE && t->kind == NIXN_IF) {
		eval_entries(nx, s, val_node(t->b, v.env), t->b,
			     flags | REQ_CONDITIONAL, extras);
		eval_entries(nx, s, val_node(t->c, v.env), t->c,
			     flags | REQ_CONDITIONAL, extras);
	} else if (v.kind == V_NODE && t->kind == NIXN_APP && t->nkids == 2 &&
		   name_is(callee_name(t->a), "optionalAttrs")) {
		eval_entries(nx, s, val_node(t->kids[1], v.env), t->kids[1],
			     flags | REQ_CONDITIONAL, extras);
	} else {
		not_evaluated(nx, s, t, NULL, flags, "not an attribute set");
	}
	leave_eval(nx);
}

/* ---------------------------------------------------------------- */
/* the walk: scopes, and the derivations in them */

static bool
is_builder(const char *f)
{
	return name_is(f, "buildPythonPackage") ||
	       name_is(f, "buildPythonApplication") || name_is(f, "buildEnv");
}

static void walk(struct nix *nx, struct nixnode *n, struct scope *env,
		 const char *hint);

static bool
walk_enter(struct nix *nx, const struct nixnode *n, unsigned line, unsigned col)
{
	if (nx->walk_depth >= MAX_WALK_DEPTH) {
		if (!nx->walk_too_deep)
			scan_error(nx->ctx, n ? n->line : line,
				   n ? n->col : col,
				   "nesting deeper than %d levels",
				   MAX_WALK_DEPTH);
		nx->walk_too_deep = true;
		return false;
	}
	nx->walk_depth++;
	return true;
}

static void
walk_set(struct nix *nx, struct nset *set, struct scope *env)
{
	size_t i;

	/* a.a.a... = 1 nests sets as deep as the path is long */
	if (!walk_enter(nx, NULL, set->n ? set->ents[0].line : 0,
			set->n ? set->ents[0].col : 0))
		return;
	for (i = 0; i < set->n; i++) {
		const struct ent *e = &set->ents[i];

		switch (e->kind) {
		case E_VALUE:
			walk(nx, e->value, env, e->name);
			break;
		case E_SUB:
			walk_set(nx, e->sub, env);
			break;
		case E_INHERIT_FROM:
			/* one inherit (x) a b; walks x once */
			if (!i || set->ents[i - 1].value != e->value)
				walk(nx, e->value, env, NULL);
			break;
		case E_FORMAL:
			walk(nx, e->value, env, NULL);
			break;
		case E_INHERIT:
			break;
		}
	}
	for (i = 0; i < set->ndyn; i++) {
		struct nixbind *b = set->dyn[i];
		size_t k;

		for (k = 0; k < b->npath; k++)
			walk(nx, b->path[k].dyn, env, NULL);
		walk(nx, b->value, env, NULL);
	}
	nx->walk_depth--;
}

/* Record the call n of a builder, if its argument can be read. */
static bool
add_drv(struct nix *nx, struct nixnode *n, struct scope *env, const char *hint)
{
	const char *f = callee_name(n->a);
	struct nixnode *arg;
	struct setinfo *info;
	struct drv *d;

	if (!is_builder(f) || !n->nkids)
		return false;
	arg = n->kids[0];
	if (arg->kind == NIXN_LAMBDA && !arg->has_formals && arg->name &&
	    arg->a && arg->a->kind == NIXN_SET) {
		/* buildPythonPackage (finalAttrs: { ... }) */
		struct scope *sc = scope_new(nx, env, SC_ARG);

		sc->arg = arg->name;
		info = setinfo_of(nx, arg->a, sc);
		sc->argset = info->set;
		sc->argenv = info->env;
	} else if (arg->kind == NIXN_SET) {
		info = setinfo_of(nx, arg, env);
	} else if (arg->kind == NIXN_OP && all_ops(arg, NIXT_UPDATE)) {
		info = merge_sets(nx, arg->kids, arg->nkids, env, false);
	} else {
		scan_warn(nx->ctx, arg->line, arg->col,
			  "not evaluated: the arguments of '%s' ('%s')", f,
			  msg_text(nx, raw_text(nx, arg)));
		return false;
	}
	d = arena_calloc(nx->arena, 1, sizeof(*d));
	d->app = n;
	d->builder = f;
	d->set = info->set;
	d->env = info->env;
	d->hint = hint;
	d->line = n->line;
	d->is_env = name_is(f, "buildEnv");
	n->sem = d;
	XGROW(nx->drvs, nx->ndrvs + 1, nx->adrvs);
	nx->drvs[nx->ndrvs++] = d;
	walk(nx, arg, env, NULL);
	return true;
}

static void
walk_lambda(struct nix *nx, struct nixnode *n, struct scope *env)
{
	struct scope *sc = env;
	size_t i;

	if (n->has_formals) {
		struct nset *set = nset_new(nx);

		for (i = 0; i < n->nbinds; i++) {
			const struct nixattr *a = n->binds[i].path;
			struct ent *e =
				nset_add(nx, set, a->name, a->line, a->col);

			e->kind = E_FORMAL;
			e->value = n->binds[i].value;
		}
		sc = scope_new(nx, sc, SC_SET);
		sc->set = set;
	}
	if (n->name) {
		sc = scope_new(nx, sc, SC_ARG);
		sc->arg = n->name;
	}
	for (i = 0; i < n->nbinds; i++)
		walk(nx, n->binds[i].value, sc, NULL);
	walk(nx, n->a, sc, NULL);
}

static void
walk(struct nix *nx, struct nixnode *n, struct scope *env, const char *hint)
{
	struct setinfo *info;
	struct scope *sc;
	size_t i;

	if (!n || !walk_enter(nx, n, 0, 0))
		return;
	switch (n->kind) {
	case NIXN_LET:
		info = setinfo_of(nx, n, env);
		walk_set(nx, info->set, info->env);
		walk(nx, n->a, info->env, hint);
		break;
	case NIXN_SET:
		info = setinfo_of(nx, n, env);
		walk_set(nx, info->set, info->env);
		break;
	case NIXN_LAMBDA:
		walk_lambda(nx, n, env);
		break;
	case NIXN_WITH:
		walk(nx, n->a, env, NULL);
		sc = scope_new(nx, env, SC_WITH);
		sc->with = n->a;
		walk(nx, n->b, sc, hint);
		break;
	case NIXN_ASSERT:
		walk(nx, n->a, env, NULL);
		walk(nx, n->b, env, hint);
		break;
	case NIXN_APP:
		if (n->nkids == 1 && name_is(callee_name(n->a), "fix"))
			fix_set(nx, n->kids[0], env);
		if (!n->sem && add_drv(nx, n, env, hint)) {
			for (i = 1; i < n->nkids; i++)
				walk(nx, n->kids[i], env, NULL);
			break;
		}
		walk(nx, n->a, env, NULL);
		for (i = 0; i < n->nkids; i++)
			walk(nx, n->kids[i], env, NULL);
		break;
	case NIXN_SELECT:
	case NIXN_HASATTR:
		walk(nx, n->a, env, NULL);
		walk(nx, n->b, env, NULL);
		for (i = 0; i < n->npath; i++)
			walk(nx, n->path[i].dyn, env, NULL);
		break;
	default:
		walk(nx, n->a, env, NULL);
		walk(nx, n->b, env, NULL);
		walk(nx, n->c, env, NULL);
		for (i = 0; i < n->nkids; i++)
			walk(nx, n->kids[i], env, NULL);
		break;
	}
	nx->walk_depth--;
}

/* ---------------------------------------------------------------- */
/* reading a derivation */

static const struct ent *
drv_ent(const struct drv *d, const char *name)
{
	return nset_find(d->set, name);
}

/* The string value of attribute name of set, or NULL (warned). */
static const char *
set_str(struct nix *nx, const struct nset *set, struct scope *env,
	const char *name, unsigned *line, bool raw_fallback)
{
	const struct ent *e = nset_find(set, name);
	const char *s;

	if (!e)
		return NULL;
	if (line)
		*line = e->line;
	s = eval_str_val(nx, ent_val(nx, e, set, env));
	if (s || nx->out_of_budget)
		return s;
	if (e->kind == E_VALUE && raw_fallback) {
		s = raw_text(nx, e->value);
		if (strncmp(s, "lib.fake", 8))
			scan_warn(nx->ctx, e->value->line, e->value->col,
				  "not evaluated: '%s' (the value of '%s')",
				  msg_text(nx, s), name);
		return s;
	}
	scan_warn(nx->ctx, e->line, e->col, "not evaluated: the value of '%s'",
		  name);
	return NULL;
}

static const char *
first_str(struct nix *nx, const struct nset *set, struct scope *env,
	  const char *const *names, unsigned *line)
{
	size_t i;

	for (i = 0; names[i]; i++) {
		if (nset_find(set, names[i]))
			return set_str(nx, set, env, names[i], line, true);
	}
	return NULL;
}

/* fetchFromGitHub { owner; repo; rev; hash; }, fetchPypi { ... }, ... */
static void
read_fetcher(struct nix *nx, struct declared_src *src, struct nixnode *call,
	     struct scope *env)
{
	static const char *const hashes[] = {"hash", "sha256", "outputHash",
					     "sha512", NULL};
	struct val v;

	src->fetcher = callee_name(call->a);
	if (call->nkids < 1)
		return;
	v = force(nx, val_node(call->kids[0], env));
	if (v.kind != V_SET) {
		if (!nx->out_of_budget)
			scan_warn(nx->ctx, call->line, call->col,
				  "not evaluated: the arguments of '%s'",
				  src->fetcher);
		return;
	}
	src->owner = set_str(nx, v.set, v.env, "owner", NULL, true);
	src->repo = set_str(nx, v.set, v.env, "repo", NULL, true);
	src->rev = set_str(nx, v.set, v.env, "rev", &src->rev_line, true);
	src->tag = set_str(nx, v.set, v.env, "tag", NULL, true);
	if (!src->rev && src->tag)
		set_str(nx, v.set, v.env, "tag", &src->rev_line, false);
	src->hash = first_str(nx, v.set, v.env, hashes, &src->hash_line);
	src->pname = set_str(nx, v.set, v.env, "pname", NULL, true);
	src->version = set_str(nx, v.set, v.env, "version", NULL, true);
}

static bool
is_fetcher(const char *f)
{
	return f && !strncmp(f, "fetch", 5);
}

static bool
is_run_command(const char *f)
{
	return name_is(f, "runCommand") || name_is(f, "runCommandLocal") ||
	       name_is(f, "runCommandNoCC") || name_is(f, "runCommandCC");
}

/* The source that v names, if it is a fetcher call. */
static bool
read_origin(struct nix *nx, struct declared_src *src, struct val v)
{
	v = force(nx, v);
	if (v.kind == V_NODE && v.node->kind == NIXN_APP &&
	    is_fetcher(callee_name(v.node->a))) {
		read_fetcher(nx, src, v.node, v.env);
		return true;
	}
	return false;
}

/* The text of a literal part, unescaped. */
static void
part_text(struct nix *nx, const struct nixnode *k, struct strbuf *sb)
{
	nixlex_unescape(sb, (enum nixpart_kind)k->part, nx->src + k->off,
			k->end - k->off);
}

/* Whether the text before an interpolation ends in a cp command. */
static bool
copies(const char *before)
{
	const char *line = strrchr(before, '\n');
	const char *p;

	line = line ? line + 1 : before;
	while (*line == ' ' || *line == '\t')
		line++;
	p = line;
	if (strncmp(p, "cp", 2) || (p[2] != ' ' && p[2] != '\t'))
		return false;
	return true;
}

static const char *
path_word(struct nix *nx, const char *s)
{
	size_t n = 0;

	while (*s == '/')
		s++;
	while (s[n] && !strchr(" \t\n;\"'&|)", s[n]))
		n++;
	while (n && s[n - 1] == '/')
		n--;
	return n ? arena_strndup(nx->arena, s, n) : NULL;
}

/* runCommand "x-source" { } ''cp -r ${src}/sub/dir $out ...'' */
static void
read_run_command(struct nix *nx, struct declared_src *src, struct nixnode *call,
		 struct scope *env)
{
	const char *f = callee_name(call->a);
	struct strbuf before = STRBUF_INIT, after = STRBUF_INIT;
	struct nixnode *script;
	struct val v;
	size_t i;

	if (call->nkids < 3)
		goto unread;
	v = force(nx, val_node(call->kids[2], env));
	if (v.kind != V_NODE || v.node->kind != NIXN_STR)
		goto unread;
	script = v.node;
	for (i = 0; i < script->nkids; i++) {
		const struct nixnode *k = script->kids[i];
		const struct nixnode *nk;

		if (k->kind == NIXN_PART) {
			part_text(nx, k, &before);
			continue;
		}
		nk = i + 1 < script->nkids ? script->kids[i + 1] : NULL;
		if (!nk || nk->kind != NIXN_PART ||
		    !copies(strbuf_str(&before))) {
			strbuf_addstr(&before, "${}");
			continue;
		}
		strbuf_reset(&after);
		part_text(nx, nk, &after);
		if (strbuf_str(&after)[0] != '/')
			continue;
		read_origin(nx, src, val_node(script->kids[i], v.env));
		src->subdir = path_word(nx, strbuf_str(&after));
		src->from = raw_text(nx, k);
		src->fetcher = f;
		goto out;
	}
unread:
	src->fetcher = f;
	scan_warn(nx->ctx, call->line, call->col,
		  "not evaluated: what '%s' copies", f);
out:
	strbuf_release(&before);
	strbuf_release(&after);
}

static void
read_src(struct nix *nx, struct drv *d, struct declared_src *src)
{
	const struct ent *e = drv_ent(d, "src");
	struct val v;

	if (!e)
		return;
	src->line = e->line;
	v = ent_val(nx, e, d->set, d->env);
	if (e->kind == E_VALUE &&
	    (e->value->kind == NIXN_ID || e->value->kind == NIXN_SELECT))
		src->from = raw_text(nx, e->value);
	v = force(nx, v);
	if (v.kind == V_NODE && v.node->kind == NIXN_APP) {
		const char *f = callee_name(v.node->a);

		if (is_fetcher(f)) {
			read_fetcher(nx, src, v.node, v.env);
			return;
		}
		if (is_run_command(f)) {
			read_run_command(nx, src, v.node, v.env);
			return;
		}
	} else if (v.kind == V_NODE && v.node->kind == NIXN_PATH) {
		src->fetcher = "path";
		src->subdir = raw_text(nx, v.node);
		return;
	}
	if (nx->out_of_budget)
		return;
	if (e->kind == E_VALUE)
		scan_warn(nx->ctx, e->value->line, e->value->col,
			  "not evaluated: '%s' (the value of 'src')",
			  msg_text(nx, raw_text(nx, e->value)));
	else
		scan_warn(nx->ctx, e->line, e->col,
			  "not evaluated: the value of 'src'");
}

/* sourceRoot = "${src.name}/sub/dir": the subdirectory and its origin */
static void
read_source_root(struct nix *nx, struct drv *d, struct declared_src *src)
{
	const struct ent *e = drv_ent(d, "sourceRoot");
	struct strbuf sb = STRBUF_INIT;
	struct nixnode *s;
	const char *str;
	struct val v;
	size_t i;

	if (!e)
		return;
	v = force(nx, ent_val(nx, e, d->set, d->env));
	if (v.kind != V_NODE || v.node->kind != NIXN_STR)
		goto unread;
	s = v.node;
	if (s->nkids >= 2 && s->kids[0]->kind != NIXN_PART &&
	    s->kids[1]->kind == NIXN_PART) {
		const char *from = raw_text(nx, s->kids[0]);
		size_t n = strlen(from);

		for (i = 1; i < s->nkids; i++) {
			const struct nixnode *k = s->kids[i];

			if (k->kind == NIXN_PART) {
				part_text(nx, k, &sb);
			} else if ((str = eval_str(nx, s->kids[i], v.env))) {
				strbuf_addstr(&sb, str);
			} else {
				goto unread;
			}
		}
		if (sb.buf && sb.buf[0] != '/')
			goto unread;
		if (n > 5 && !strcmp(from + n - 5, ".name"))
			from = arena_strndup(nx->arena, from, n - 5);
		if (!src->from)
			src->from = from;
		src->subdir = path_word(nx, strbuf_str(&sb));
		goto out;
	}
	str = eval_str_val(nx, v);
	if (!str)
		goto unread;
	str = strchr(str, '/');
	src->subdir = str ? path_word(nx, str) : NULL;
	goto out;
unread:
	if (!nx->out_of_budget)
		scan_warn(nx->ctx, e->line, e->col,
			  "not evaluated: the value of 'sourceRoot'");
out:
	strbuf_release(&sb);
}

/* A list of strings: pythonImportsCheck, pythonRelaxDeps, ...; warn:
 * say so when it cannot be read. */
static const char **
read_strings(struct nix *nx, struct drv *d, const char *name, bool warn,
	     size_t *n)
{
	const struct ent *e = drv_ent(d, name);
	struct sink s;
	const char **v;
	struct val val;

	*n = 0;
	if (!e)
		return NULL;
	memset(&s, 0, sizeof(s));
	s.drv = d;
	s.strings = true;
	s.quiet = !warn;
	val = force(nx, ent_val(nx, e, d->set, d->env));
	if (val.kind == V_OPAQUE && e->kind == E_VALUE &&
	    e->value->kind == NIXN_ID && name_is(e->value->name, "true")) {
		push_str(&s, "*");
	} else if (val.kind == V_OPAQUE && e->kind == E_VALUE &&
		   e->value->kind == NIXN_ID &&
		   name_is(e->value->name, "false")) {
	} else if (val.kind == V_NODE) {
		eval_list(nx, &s, val.node, val.env, 0);
	} else if (warn && !nx->out_of_budget) {
		scan_warn(nx->ctx, e->line, e->col,
			  "not evaluated: the value of '%s'", name);
	}
	v = s.nstrs ? arena_memdup(nx->arena, s.strs, s.nstrs * sizeof(*s.strs))
		    : NULL;
	*n = s.nstrs;
	free(s.strs);
	return v;
}

/*
 * The test paths the check phase leaves out: disabledTestPaths, and
 * "--ignore=P", "--ignore-glob=P" or "--ignore" "P" among the pytest
 * flags.  A node id ("tests/a.py::test_x") deselects a test, not a
 * file: it is not one of them.
 */
static const char **
read_test_skips(struct nix *nx, struct drv *d, size_t *n)
{
	static const char *const lists[] = {"disabledTestPaths",
					    "pytestFlagsArray", "pytestFlags"};
	const char **out = NULL, **v;
	size_t i, k, nout = 0, aout = 0;

	for (i = 0; i < DP_ARRAY_LEN(lists); i++) {
		size_t m;

		v = read_strings(nx, d, lists[i], i == 0, &m);

		for (k = 0; k < m; k++) {
			const char *path = v[k];

			if (i > 0) {
				if (!strcmp(path, "--ignore") ||
				    !strcmp(path, "--ignore-glob"))
					path = k + 1 < m ? v[++k] : "";
				else if (!strncmp(path, "--ignore=", 9))
					path += 9;
				else if (!strncmp(path, "--ignore-glob=", 14))
					path += 14;
				else
					continue;
			}
			if (!*path || strstr(path, "::") || !strcmp(path, "*"))
				continue;
			XGROW(out, nout + 1, aout);
			out[nout++] = path;
		}
	}
	*n = nout;
	v = nout ? arena_memdup(nx->arena, out, nout * sizeof(*out)) : NULL;
	free(out);
	return v;
}

static bool
id_taken(const struct nix *nx, size_t before, const char *id)
{
	size_t i;

	for (i = 0; i < before; i++) {
		if (!strcmp(nx->drvs[i]->id, id))
			return true;
	}
	return false;
}

static void
name_drv(struct nix *nx, struct drv *d, size_t index)
{
	struct strbuf sb = STRBUF_INIT;
	size_t base, k = 1;

	if (d->is_env)
		d->pname = set_str(nx, d->set, d->env, "name", NULL, false);
	else if (drv_ent(d, "pname"))
		d->pname = set_str(nx, d->set, d->env, "pname", NULL, false);
	else
		d->pname = set_str(nx, d->set, d->env, "name", NULL, false);
	if (d->hint)
		strbuf_addstr(&sb, d->hint);
	else if (d->pname)
		strbuf_addstr(&sb, d->pname);
	else
		strbuf_addf(&sb, "%s@%u", d->builder, d->line);
	base = sb.len;
	while (id_taken(nx, index, strbuf_str(&sb))) {
		strbuf_setlen(&sb, base);
		strbuf_addf(&sb, "#%zu", ++k);
	}
	d->id = arena_strndup(nx->arena, strbuf_str(&sb), sb.len);
	strbuf_release(&sb);
}

/* The paths of a buildEnv, into s (members, or the other inputs). */
static void
read_paths(struct nix *nx, struct drv *d, struct sink *s)
{
	const struct ent *e = drv_ent(d, "paths");
	struct val v;

	if (!e)
		return;
	v = ent_val(nx, e, d->set, d->env);
	if (v.kind == V_NODE)
		eval_list(nx, s, v.node, v.env, 0);
	else if (!s->quiet && !nx->out_of_budget)
		scan_warn(nx->ctx, e->line, e->col,
			  "not evaluated: the value of 'paths'");
}

static void
emit_package(struct nix *nx, struct drv *d)
{
	struct declared_pkg p;
	const struct ent *e;

	memset(&p, 0, sizeof(p));
	p.id = d->id;
	p.format = "nix";
	p.name = d->pname;
	p.builder = d->builder;
	p.line = d->line;
	if (d->is_env) {
		struct sink s;

		memset(&s, 0, sizeof(s));
		s.drv = d;
		s.members = true;
		s.quiet = true;
		read_paths(nx, d, &s);
		p.nmembers = s.nstrs;
		p.members = s.nstrs ? arena_memdup(nx->arena, s.strs,
						   s.nstrs * sizeof(*s.strs))
				    : NULL;
		free(s.strs);
		scan_emit_package(nx->ctx, &p);
		return;
	}
	if ((e = drv_ent(d, "version")))
		p.version = set_str(nx, d->set, d->env, "version",
				    &p.version_line, false);
	read_src(nx, d, &p.src);
	read_source_root(nx, d, &p.src);
	p.imports_check = read_strings(nx, d, "pythonImportsCheck", true,
				       &p.nimports_check);
	p.relax_deps =
		read_strings(nx, d, "pythonRelaxDeps", true, &p.nrelax_deps);
	p.remove_deps =
		read_strings(nx, d, "pythonRemoveDeps", true, &p.nremove_deps);
	p.skip_tests = read_test_skips(nx, d, &p.nskip_tests);
	/* doCheck = false: its tests run elsewhere, or not at all */
	e = drv_ent(d, "doCheck");
	p.no_check = e && e->kind == E_VALUE && e->value->kind == NIXN_ID &&
		     name_is(e->value->name, "false");
	scan_emit_package(nx->ctx, &p);
}

static const struct {
	const char *name;
	enum req_kind kind;
} input_attrs[] = {
	{"dependencies", REQ_RUNTIME},
	{"propagatedBuildInputs", REQ_RUNTIME},
	{"build-system", REQ_BUILD},
	{"nativeBuildInputs", REQ_BUILD},
	{"buildInputs", REQ_BUILD},
	{"propagatedNativeBuildInputs", REQ_BUILD},
	{"nativeCheckInputs", REQ_TEST},
	{"checkInputs", REQ_TEST},
	{"nativeInstallCheckInputs", REQ_TEST},
	{"installCheckInputs", REQ_TEST},
};

static void
read_extras(struct nix *nx, struct sink *s, const struct ent *e,
	    const struct nset *set, struct scope *env, struct nixnode *at)
{
	eval_entries(nx, s, ent_val(nx, e, set, env),
		     e->kind == E_VALUE ? e->value : at, 0, true);
}

/*
 * What the builder adds by itself: with no pyproject = true and format
 * "setuptools" (the default) or "flit" (older nixpkgs), its build hook
 * brings setuptools or flit among the build inputs.
 */
static void
emit_implied(struct nix *nx, struct drv *d)
{
	const struct ent *py = drv_ent(d, "pyproject");
	const char *format = NULL, *dist;
	struct requirement r;
	unsigned line = d->line;

	if (py && !(py->kind == E_VALUE && py->value->kind == NIXN_ID &&
		    name_is(py->value->name, "false")))
		return;
	if (drv_ent(d, "format") &&
	    !(format = set_str(nx, d->set, d->env, "format", &line, false)))
		return; /* not a literal: nothing is known */
	if (!format || !strcmp(format, "setuptools"))
		dist = "setuptools";
	else if (!strcmp(format, "flit"))
		dist = "flit";
	else
		return;
	memset(&r, 0, sizeof(r));
	r.package = d->id;
	r.kind = REQ_BUILD;
	r.name = dist;
	r.key = dist;
	r.attr = dist;
	if (!format)
		r.raw = "format = \"setuptools\" (the default)";
	else if (!strcmp(dist, "flit"))
		r.raw = "format = \"flit\"";
	else
		r.raw = "format = \"setuptools\"";
	r.flags = REQ_NIX_PYTHON | REQ_NIX_IMPLIED;
	r.line = line;
	scan_emit_requirement(nx->ctx, &r);
}

static void
emit_inputs(struct nix *nx, struct drv *d)
{
	struct sink s;
	size_t i, k;

	memset(&s, 0, sizeof(s));
	s.drv = d;
	if (d->is_env) {
		s.members = true;
		s.kind = REQ_RUNTIME;
		read_paths(nx, d, &s);
		return;
	}
	for (i = 0; i < d->set->n; i++) {
		const struct ent *e = &d->set->ents[i];

		if (name_is(e->name, "passthru")) {
			struct val v =
				force(nx, ent_val(nx, e, d->set, d->env));
			const struct ent *x;

			if (v.kind == V_SET &&
			    (x = nset_find(v.set, "optional-dependencies")))
				read_extras(nx, &s, x, v.set, v.env, d->app);
			continue;
		}
		if (name_is(e->name, "optional-dependencies")) {
			read_extras(nx, &s, e, d->set, d->env, d->app);
			continue;
		}
		for (k = 0; k < DP_ARRAY_LEN(input_attrs); k++) {
			struct val v;

			if (!name_is(e->name, input_attrs[k].name))
				continue;
			s.kind = input_attrs[k].kind;
			s.group = NULL;
			v = ent_val(nx, e, d->set, d->env);
			if (v.kind == V_NODE)
				eval_list(nx, &s, v.node, v.env, 0);
			else if (!nx->out_of_budget)
				scan_warn(nx->ctx, e->line, e->col,
					  "not evaluated: the value of '%s'",
					  e->name);
		}
	}
	for (i = 0; i < d->set->ndyn; i++) {
		struct nixnode key;

		s.kind = REQ_RUNTIME;
		not_evaluated(nx, &s, key_node(d->set->dyn[i], &key), NULL, 0,
			      "an antiquoted attribute name");
	}
	emit_implied(nx, d);
}

/* ---------------------------------------------------------------- */
/* the scanner */

static int
nix_bid(const char *path)
{
	size_t n = strlen(path);

	return n >= 4 && !strcmp(path + n - 4, ".nix") ? 10 : 0;
}

static int
nix_scan(struct scan_ctx *ctx, const struct file_view *fv)
{
	struct nix nx;
	struct nixnode *root;
	size_t i;

	memset(&nx, 0, sizeof(nx));
	nx.ctx = ctx;
	nx.arena = scan_arena(ctx);
	nx.src = fv->data;
	nx.len = fv->len;
	root = nixparse(ctx, nx.arena, fv->data, fv->len);
	if (!root)
		return -1;
	walk(&nx, root, NULL, NULL);
	for (i = 0; i < nx.ndrvs; i++)
		name_drv(&nx, nx.drvs[i], i);
	for (i = 0; i < nx.ndrvs; i++)
		emit_package(&nx, nx.drvs[i]);
	for (i = 0; i < nx.ndrvs; i++)
		emit_inputs(&nx, nx.drvs[i]);
	free(nx.drvs);
	free(nx.warned);
	return 0;
}

const struct scanner scanner_nix = {
	.name = "nix",
	.kind = SCAN_DECLARED,
	.bid = nix_bid,
	.scan = nix_scan,
};
