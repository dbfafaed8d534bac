/* pycond.c - the static conditions of Python source, for a target
 *
 * See pycond.h.  A recursive descent over the tokens of an if or elif
 * header, each read once; parentheses nest at most MAX_COND_DEPTH deep
 * before the rest of them is undecided.
 */
#include "scanners/pycond.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/strbuf.h"

enum {
	MAX_ELEMS = 8,       /* of a tuple a condition compares */
	MAX_COND_DEPTH = 16, /* parentheses in a condition */
};

static bool
is_op(const struct pycond *pc, size_t i, enum pyop op)
{
	return i < pc->lx->ntoks && pc->lx->toks[i].type == PYTOK_OP &&
	       pc->lx->toks[i].op == op;
}

/* What a name or an expression stands for; W_NONE: anything else. */
enum what {
	W_NONE,
	W_SYS,
	W_OS,
	W_PLATFORM,       /* the platform module */
	W_IMPLEMENTATION, /* sys.implementation */
	W_SYSTEM,         /* platform.system */
	W_VERSION_INFO,   /* sys.version_info */
	W_STARTSWITH,     /* the startswith method of the target's string */
	W_BOOL,
	W_INT,
	W_STR,
	W_TUPLE, /* its first nknown of len elements are known */
	W_LIST,  /* a list display: only 'in' looks into it */
};

enum cmp_op {
	CMP_NONE,
	CMP_LT,
	CMP_LE,
	CMP_GT,
	CMP_GE,
	CMP_EQ,
	CMP_NE,
	CMP_IN,
	CMP_NOT_IN,
	CMP_IS, /* and "is not": never decided */
};

/* One int or str: of a tuple, or a value by itself. */
struct elem {
	const char *s; /* a str (arena-owned or static), NULL for an int */
	size_t n;
	long num;
};

struct val {
	enum what what;
	bool fact;            /* W_INT, W_STR: the target's, not a literal */
	enum tri truth;       /* W_BOOL */
	struct elem x;        /* W_INT, W_STR; W_STARTSWITH: its string */
	unsigned len, nknown; /* W_TUPLE, W_LIST */
	struct elem e[MAX_ELEMS];
};

struct cond {
	struct pycond *pc;
	size_t i, b;
	unsigned depth;
};

static enum tri
tri_and(enum tri a, enum tri b)
{
	if (a == TRI_FALSE || b == TRI_FALSE)
		return TRI_FALSE;
	return a == TRI_TRUE && b == TRI_TRUE ? TRI_TRUE : TRI_UNKNOWN;
}

static enum tri
tri_or(enum tri a, enum tri b)
{
	return tri_not(tri_and(tri_not(a), tri_not(b)));
}

static enum tri
truth(const struct val *v)
{
	return v->what == W_BOOL ? v->truth : TRI_UNKNOWN;
}

static void
set_none(struct val *v)
{
	v->what = W_NONE;
	v->fact = false;
}

static void
set_bool(struct val *v, enum tri t)
{
	v->what = W_BOOL;
	v->fact = false;
	v->truth = t;
}

static void
set_fact_str(struct val *v, const char *s)
{
	v->what = W_STR;
	v->fact = true;
	v->x.s = s;
	v->x.n = strlen(s);
}

static void
set_fact_int(struct val *v, long num)
{
	v->what = W_INT;
	v->fact = true;
	v->x.s = NULL;
	v->x.num = num;
}

/* sys.version_info of the target: (3, minor, micro, level, serial). */
static void
version_tuple(const struct pycond *pc, struct val *v, unsigned len)
{
	v->what = W_TUPLE;
	v->fact = true;
	v->len = len;
	v->nknown = len < 2 ? len : 2;
	v->e[0] = (struct elem){NULL, 0, 3};
	v->e[1] = (struct elem){NULL, 0, (long)pc->minor};
}

static bool
at_op(const struct cond *c, enum pyop op)
{
	return c->i < c->b && is_op(c->pc, c->i, op);
}

static bool
at_word(const struct cond *c, size_t i, const char *word)
{
	return i < c->b && pylex_name_is(&c->pc->lx->toks[i], word);
}

/* A plain decimal of at most 9 digits, as every version number is. */
static bool
small_int(const struct pytok *t, long *num)
{
	unsigned k;

	if (t->type != PYTOK_NUMBER || t->n > 9)
		return false;
	*num = 0;
	for (k = 0; k < t->n; k++) {
		if (t->s[k] < '0' || t->s[k] > '9')
			return false;
		*num = *num * 10 + (t->s[k] - '0');
	}
	return true;
}

/* The comparison operator at c->i, moved past; CMP_NONE if none. */
static enum cmp_op
read_cmp(struct cond *c)
{
	static const struct {
		const char *s;
		enum cmp_op op;
	} ops[] = {{"<", CMP_LT},  {"<=", CMP_LE}, {">", CMP_GT},
		   {">=", CMP_GE}, {"==", CMP_EQ}, {"!=", CMP_NE}};
	const struct pytok *t;
	size_t k;

	if (c->i >= c->b)
		return CMP_NONE;
	t = &c->pc->lx->toks[c->i];
	if (t->type == PYTOK_OP && t->op == PYOP_OTHER) {
		for (k = 0; k < sizeof(ops) / sizeof(ops[0]); k++) {
			if (t->n == strlen(ops[k].s) &&
			    !memcmp(t->s, ops[k].s, t->n)) {
				c->i++;
				return ops[k].op;
			}
		}
		return CMP_NONE;
	}
	if (at_word(c, c->i, "in")) {
		c->i++;
		return CMP_IN;
	}
	if (at_word(c, c->i, "not") && at_word(c, c->i + 1, "in")) {
		c->i += 2;
		return CMP_NOT_IN;
	}
	if (at_word(c, c->i, "is")) {
		c->i += at_word(c, c->i + 1, "not") ? 2 : 1;
		return CMP_IS;
	}
	return CMP_NONE;
}

/* Whether toks[i] ends an operand, for the caller to read. */
static bool
ends_operand(const struct cond *c, size_t i)
{
	static const char *const words[] = {"and", "or",   "not", "in",   "is",
					    "if",  "else", "for", "async"};
	const struct pytok *t = &c->pc->lx->toks[i];
	struct cond at = *c;
	size_t k;

	if (t->type == PYTOK_OP) {
		at.i = i;
		return t->op == PYOP_COMMA || t->op == PYOP_COLON ||
		       pylex_depth_delta(t) < 0 || read_cmp(&at) != CMP_NONE;
	}
	for (k = 0; k < sizeof(words) / sizeof(words[0]); k++) {
		if (pylex_name_is(t, words[k]))
			return true;
	}
	return false;
}

/* Skip what is left of an operand this does not read. */
static void
skip_operand(struct cond *c)
{
	int depth = 0;

	for (; c->i < c->b; c->i++) {
		int d = pylex_depth_delta(&c->pc->lx->toks[c->i]);

		if (!depth && (d < 0 || ends_operand(c, c->i)))
			return;
		depth += d;
	}
}

/* Skip the bracketed group opening at c->i, its closing bracket too. */
static void
skip_group(struct cond *c)
{
	int depth = 0;

	for (; c->i < c->b; c->i++) {
		depth += pylex_depth_delta(&c->pc->lx->toks[c->i]);
		if (depth <= 0) {
			c->i++;
			return;
		}
	}
}

/* Skip to the bracket closing the group c->i is inside, and past it. */
static void
skip_rest_of_group(struct cond *c)
{
	int depth = 1;

	for (; c->i < c->b; c->i++) {
		depth += pylex_depth_delta(&c->pc->lx->toks[c->i]);
		if (depth <= 0) {
			c->i++;
			return;
		}
	}
}

static void or_test(struct cond *c, struct val *v);

/* What the name bound by an import or an assignment stands for. */
static void
lookup(const struct pycond *pc, const char *s, size_t n, struct val *v)
{
	size_t k;

	set_none(v);
	for (k = 0; k < pc->nbindings; k++) {
		const struct pycond_binding *bd = &pc->bindings[k];

		if (strlen(bd->name) != n || memcmp(bd->name, s, n))
			continue;
		v->what = (enum what)bd->what;
		v->truth = (enum tri)bd->truth;
		v->fact = bd->what == W_INT || bd->what == W_STR;
		v->x = (struct elem){bd->s, bd->s ? strlen(bd->s) : 0, bd->num};
		return;
	}
}

/* Attribute name of v. */
static void
attribute(const struct pycond *pc, struct val *v, const char *s, size_t n)
{
#define IS(lit) (n == sizeof(lit) - 1 && !memcmp(s, lit, n))
	switch (v->what) {
	case W_SYS:
		if (IS("version_info"))
			v->what = W_VERSION_INFO;
		else if (IS("platform"))
			set_fact_str(v, "linux");
		else if (IS("implementation"))
			v->what = W_IMPLEMENTATION;
		else
			set_none(v);
		return;
	case W_OS:
		if (IS("name"))
			set_fact_str(v, "posix");
		else
			set_none(v);
		return;
	case W_PLATFORM:
		v->what = IS("system") ? W_SYSTEM : W_NONE;
		return;
	case W_IMPLEMENTATION:
		if (IS("name"))
			set_fact_str(v, "cpython");
		else
			set_none(v);
		return;
	case W_VERSION_INFO:
		if (IS("major"))
			set_fact_int(v, 3);
		else if (IS("minor"))
			set_fact_int(v, (long)pc->minor);
		else
			set_none(v);
		return;
	case W_STR:
		if (v->fact && IS("startswith"))
			v->what = W_STARTSWITH;
		else
			set_none(v);
		return;
	default:
		set_none(v);
		return;
	}
#undef IS
}

/* v[...] at c->i: sys.version_info[N] or sys.version_info[:N]. */
static void
subscript(struct cond *c, struct val *v)
{
	const struct pytok *t = c->pc->lx->toks;
	size_t i = c->i + 1;
	long num;

	if (v->what == W_VERSION_INFO && i + 1 < c->b &&
	    small_int(&t[i], &num) && is_op(c->pc, i + 1, PYOP_RSQB)) {
		c->i = i + 2;
		if (num == 0)
			set_fact_int(v, 3);
		else if (num == 1)
			set_fact_int(v, (long)c->pc->minor);
		else
			set_none(v);
		return;
	}
	if (v->what == W_VERSION_INFO && i + 2 < c->b &&
	    is_op(c->pc, i, PYOP_COLON) && small_int(&t[i + 1], &num)) {
		i += 2;
		if (i + 1 < c->b && is_op(c->pc, i, PYOP_COLON))
			i++;
		if (is_op(c->pc, i, PYOP_RSQB)) {
			c->i = i + 1;
			version_tuple(c->pc, v, num < 5 ? (unsigned)num : 5);
			return;
		}
	}
	skip_group(c);
	set_none(v);
}

/* Whether s starts with the str e. */
static bool
starts_with(const struct elem *s, const struct elem *e)
{
	return e->n <= s->n && !memcmp(s->s, e->s, e->n);
}

/* v(...) at c->i: platform.system() or str.startswith(prefix). */
static void
call(struct cond *c, struct val *v)
{
	struct val arg;
	unsigned k;
	bool any = false;

	if (v->what == W_SYSTEM && c->i + 1 < c->b &&
	    is_op(c->pc, c->i + 1, PYOP_RPAR)) {
		c->i += 2;
		set_fact_str(v, "Linux");
		return;
	}
	if (v->what != W_STARTSWITH || c->depth >= MAX_COND_DEPTH) {
		skip_group(c);
		set_none(v);
		return;
	}
	c->i++;
	c->depth++;
	or_test(c, &arg);
	c->depth--;
	if (at_op(c, PYOP_COMMA))
		c->i++;
	if (!at_op(c, PYOP_RPAR)) {
		skip_rest_of_group(c);
		set_none(v);
		return;
	}
	c->i++;
	if (arg.what == W_STR) {
		set_bool(v, starts_with(&v->x, &arg.x) ? TRI_TRUE : TRI_FALSE);
		return;
	}
	if (arg.what != W_TUPLE || arg.nknown != arg.len) {
		set_none(v);
		return;
	}
	for (k = 0; k < arg.len; k++) {
		if (!arg.e[k].s) {
			set_none(v);
			return;
		}
		any = any || starts_with(&v->x, &arg.e[k]);
	}
	set_bool(v, any ? TRI_TRUE : TRI_FALSE);
}

/* Adjacent str literals at c->i, as one. */
static void
strings(struct cond *c, struct val *v)
{
	struct strbuf sb = STRBUF_INIT;
	bool ok = true;

	for (; c->i < c->b && c->pc->lx->toks[c->i].type == PYTOK_STRING;
	     c->i++)
		ok = ok && pylex_string_value(&c->pc->lx->toks[c->i], &sb);
	set_none(v);
	if (ok) {
		v->what = W_STR;
		v->x.s = arena_strndup(c->pc->arena, strbuf_str(&sb), sb.len);
		v->x.n = sb.len;
	}
	strbuf_release(&sb);
}

/* ( ... ) or [ ... ] at c->i: a parenthesized test, a tuple, a list. */
static void
group(struct cond *c, struct val *v)
{
	enum pyop close = is_op(c->pc, c->i, PYOP_LSQB) ? PYOP_RSQB : PYOP_RPAR;
	struct elem e[MAX_ELEMS];
	struct val one;
	unsigned n = 0;
	bool tuple = close == PYOP_RSQB, ok = true;

	if (c->depth >= MAX_COND_DEPTH) {
		skip_group(c);
		set_none(v);
		return;
	}
	c->i++;
	c->depth++;
	while (!at_op(c, close)) {
		or_test(c, &one);
		if (n < MAX_ELEMS && (one.what == W_INT || one.what == W_STR))
			e[n] = one.x;
		else
			ok = false;
		n++;
		if (!at_op(c, PYOP_COMMA))
			break;
		tuple = true;
		c->i++;
	}
	c->depth--;
	if (!at_op(c, close)) {
		skip_rest_of_group(c);
		set_none(v);
		return;
	}
	c->i++;
	if (!tuple && n) {
		*v = one;
		return;
	}
	set_none(v);
	if (ok) {
		v->what = close == PYOP_RSQB ? W_LIST : W_TUPLE;
		v->len = v->nknown = n;
		memcpy(v->e, e, n * sizeof(e[0]));
	}
}

/* An atom and its trailers; what this does not read is skipped. */
static void
operand(struct cond *c, struct val *v)
{
	const struct pytok *t = c->i < c->b ? &c->pc->lx->toks[c->i] : NULL;

	set_none(v);
	if (!t) {
		return;
	} else if (t->type == PYTOK_NAME && !pylex_hard_keyword(t->kw)) {
		lookup(c->pc, t->s, t->n, v);
		c->i++;
	} else if (t->type == PYTOK_NUMBER) {
		if (small_int(t, &v->x.num)) {
			v->what = W_INT;
			v->x.s = NULL;
		}
		c->i++;
	} else if (t->type == PYTOK_STRING) {
		strings(c, v);
	} else if (t->type == PYTOK_OP &&
		   (t->op == PYOP_LPAR || t->op == PYOP_LSQB)) {
		group(c, v);
	}
	while (c->i < c->b) {
		t = &c->pc->lx->toks[c->i];
		if (t->type == PYTOK_OP && t->op == PYOP_DOT &&
		    c->i + 1 < c->b && t[1].type == PYTOK_NAME) {
			attribute(c->pc, v, t[1].s, t[1].n);
			c->i += 2;
		} else if (t->type == PYTOK_OP && t->op == PYOP_LSQB) {
			subscript(c, v);
		} else if (t->type == PYTOK_OP && t->op == PYOP_LPAR) {
			call(c, v);
		} else {
			break;
		}
	}
	if (c->i < c->b && !ends_operand(c, c->i)) {
		skip_operand(c);
		set_none(v);
	}
}

/* -1, 0 or 1; 2 when they do not compare (an int and a str). */
static int
elem_cmp(const struct elem *a, const struct elem *b)
{
	int r;

	if (!a->s != !b->s)
		return 2;
	if (!a->s)
		return (a->num > b->num) - (a->num < b->num);
	r = memcmp(a->s, b->s, a->n < b->n ? a->n : b->n);
	if (r)
		return r < 0 ? -1 : 1;
	return (a->n > b->n) - (a->n < b->n);
}

/* Like elem_cmp() for tuples; 2 also when an element needed is unknown. */
static int
tuple_cmp(const struct val *a, const struct val *b)
{
	unsigned k;
	int r;

	for (k = 0; k < a->len && k < b->len; k++) {
		if (k >= a->nknown || k >= b->nknown)
			return 2;
		r = elem_cmp(&a->e[k], &b->e[k]);
		if (r)
			return r;
	}
	return (a->len > b->len) - (a->len < b->len);
}

static enum tri
compare(const struct pycond *pc, const struct val *a, enum cmp_op op,
	const struct val *b)
{
	struct val ta, tb;
	unsigned k;
	int r = 2;

	if (a->what == W_VERSION_INFO) {
		version_tuple(pc, &ta, 5);
		a = &ta;
	}
	if (b->what == W_VERSION_INFO) {
		version_tuple(pc, &tb, 5);
		b = &tb;
	}
	if (!a->fact && !b->fact)
		return TRI_UNKNOWN;
	if (op == CMP_IN || op == CMP_NOT_IN) {
		bool found = false;

		if (a->what != W_STR ||
		    (b->what != W_TUPLE && b->what != W_LIST) ||
		    b->nknown != b->len)
			return TRI_UNKNOWN;
		for (k = 0; k < b->len; k++) {
			if (!b->e[k].s)
				return TRI_UNKNOWN;
			found = found || !elem_cmp(&a->x, &b->e[k]);
		}
		return (found == (op == CMP_IN)) ? TRI_TRUE : TRI_FALSE;
	}
	if (a->what != b->what || op == CMP_IS)
		return TRI_UNKNOWN;
	if (a->what == W_INT || a->what == W_STR)
		r = elem_cmp(&a->x, &b->x);
	else if (a->what == W_TUPLE)
		r = tuple_cmp(a, b);
	if (r == 2)
		return TRI_UNKNOWN;
	switch (op) {
	case CMP_LT:
		return r < 0 ? TRI_TRUE : TRI_FALSE;
	case CMP_LE:
		return r <= 0 ? TRI_TRUE : TRI_FALSE;
	case CMP_GT:
		return r > 0 ? TRI_TRUE : TRI_FALSE;
	case CMP_GE:
		return r >= 0 ? TRI_TRUE : TRI_FALSE;
	case CMP_EQ:
		return r == 0 ? TRI_TRUE : TRI_FALSE;
	case CMP_NE:
		return r != 0 ? TRI_TRUE : TRI_FALSE;
	default:
		return TRI_UNKNOWN;
	}
}

/* operand (op operand)*: a chain is the and of its links. */
static void
comparison(struct cond *c, struct val *v)
{
	struct val rhs;
	enum tri all = TRI_TRUE;
	enum cmp_op op;
	bool chained = false;

	operand(c, v);
	while ((op = read_cmp(c)) != CMP_NONE) {
		operand(c, &rhs);
		all = tri_and(all, compare(c->pc, v, op, &rhs));
		*v = rhs;
		chained = true;
	}
	if (chained)
		set_bool(v, all);
}

static void
not_test(struct cond *c, struct val *v)
{
	unsigned nots = 0;

	while (at_word(c, c->i, "not")) {
		nots++;
		c->i++;
	}
	comparison(c, v);
	if (nots)
		set_bool(v, nots % 2 ? tri_not(truth(v)) : truth(v));
}

static void
and_test(struct cond *c, struct val *v)
{
	struct val w;

	not_test(c, v);
	while (at_word(c, c->i, "and")) {
		c->i++;
		not_test(c, &w);
		set_bool(v, tri_and(truth(v), truth(&w)));
	}
}

static void
or_test(struct cond *c, struct val *v)
{
	struct val w;

	and_test(c, v);
	while (at_word(c, c->i, "or")) {
		c->i++;
		and_test(c, &w);
		set_bool(v, tri_or(truth(v), truth(&w)));
	}
}

/* The value of the expression [a, b), W_NONE unless all of it is read. */
static void
evaluate(struct pycond *pc, size_t a, size_t b, struct val *v)
{
	struct cond c = {pc, a, b, 0};

	or_test(&c, v);
	if (c.i != b)
		set_none(v);
}

/* Whether [a, b) holds for the target. */
enum tri
pycond_test(struct pycond *pc, size_t a, size_t b)
{
	struct val v;

	evaluate(pc, a, b, &v);
	return truth(&v);
}

/* Whether the name s is bound to what it is in a module of its own. */
static bool
is_default(const char *s, size_t n, enum what what)
{
	return (what == W_SYS && n == 3 && !memcmp(s, "sys", 3)) ||
	       (what == W_OS && n == 2 && !memcmp(s, "os", 2)) ||
	       (what == W_PLATFORM && n == 8 && !memcmp(s, "platform", 8));
}

/*
 * Bind the name s to what v stands for, as an import or a module-level
 * assignment does: only what a condition can use is kept, and a name
 * bound to anything else forgets what it stood for.
 */
static void
bind(struct pycond *pc, const char *s, size_t n, const struct val *v)
{
	struct pycond_binding *bd = NULL;
	enum what what = v->what;
	size_t k;

	switch (what) {
	case W_SYS:
	case W_OS:
	case W_PLATFORM:
	case W_IMPLEMENTATION:
	case W_SYSTEM:
	case W_VERSION_INFO:
		break;
	case W_BOOL:
		if (v->truth == TRI_UNKNOWN)
			what = W_NONE;
		break;
	case W_INT:
	case W_STR:
		if (!v->fact)
			what = W_NONE;
		break;
	default:
		what = W_NONE;
		break;
	}
	for (k = 0; k < pc->nbindings && !bd; k++) {
		if (strlen(pc->bindings[k].name) == n &&
		    !memcmp(pc->bindings[k].name, s, n))
			bd = &pc->bindings[k];
	}
	if (!bd) {
		if (what == W_NONE || pc->nbindings == PYCOND_MAX_BINDINGS)
			return;
		bd = &pc->bindings[pc->nbindings++];
		bd->name = arena_strndup(pc->arena, s, n);
	}
	bd->what = (unsigned char)what;
	bd->truth = (unsigned char)v->truth;
	bd->s = what == W_STR ? v->x.s : NULL;
	bd->num = v->x.num;
	bd->word = what != W_NONE && !is_default(s, n, what);
}

/* What "import module" binds its name to. */
static void
module_val(const char *module, size_t n, struct val *v)
{
	set_none(v);
	if (n == 3 && !memcmp(module, "sys", 3))
		v->what = W_SYS;
	else if (n == 2 && !memcmp(module, "os", 2))
		v->what = W_OS;
	else if (n == 8 && !memcmp(module, "platform", 8))
		v->what = W_PLATFORM;
}

/* import module [as alias]: bound is the alias, or NULL. */
void
pycond_bind_import(struct pycond *pc, const char *module,
		   const struct pytok *alias)
{
	struct val v;
	const char *dot = strchr(module, '.');
	size_t n = alias || !dot ? strlen(module) : (size_t)(dot - module);

	module_val(module, n, &v);
	if (alias)
		bind(pc, alias->s, alias->n, &v);
	else
		bind(pc, module, n, &v);
}

/* from module import name [as alias] (level 0). */
void
pycond_bind_from(struct pycond *pc, const char *module,
		 const struct pytok *name, const struct pytok *alias)
{
	struct val v;

	module_val(module, module ? strlen(module) : 0, &v);
	if (v.what != W_NONE)
		attribute(pc, &v, name->s, name->n);
	if (!alias)
		alias = name;
	bind(pc, alias->s, alias->n, &v);
}

/*
 * Whether the text [s, s + n) may hold anything a condition is decided
 * by: each of those is named by one of these words, or by a name bound
 * to something other than its own module.  The skim lexes such lines in
 * full.
 */
bool
pycond_mentions(const struct pycond *pc, const char *s, size_t n)
{
	size_t k;

	if (mem_find(s, n, "version_info") || mem_find(s, n, "platform") ||
	    mem_find(s, n, "name"))
		return true;
	for (k = 0; k < pc->nbindings; k++) {
		if (pc->bindings[k].word &&
		    mem_find(s, n, pc->bindings[k].name))
			return true;
	}
	return false;
}

/* NAME = test at module level: a name later conditions may use. */
void
pycond_note_constant(struct pycond *pc, size_t i, size_t end)
{
	const struct pytok *t = &pc->lx->toks[i];
	struct val v;
	int depth = 0;
	size_t k;

	if (t->type != PYTOK_NAME || pylex_hard_keyword(t->kw) ||
	    i + 2 >= end || !is_op(pc, i + 1, PYOP_EQ))
		return;
	for (k = i + 2; k < end; k++) {
		depth += pylex_depth_delta(&pc->lx->toks[k]);
		if (!depth && is_op(pc, k, PYOP_EQ))
			return; /* a = b = test */
	}
	evaluate(pc, i + 2, end, &v);
	bind(pc, t->s, t->n, &v);
}

void
pycond_init(struct pycond *pc, const struct pylex *lx, struct arena *arena,
	    unsigned minor)
{
	static const struct {
		const char *name;
		enum what what;
	} modules[] = {{"sys", W_SYS}, {"os", W_OS}, {"platform", W_PLATFORM}};
	size_t i;

	memset(pc, 0, sizeof(*pc));
	pc->lx = lx;
	pc->arena = arena;
	pc->minor = minor;
	for (i = 0; i < sizeof(modules) / sizeof(modules[0]); i++) {
		pc->bindings[i].name = modules[i].name;
		pc->bindings[i].what = (unsigned char)modules[i].what;
	}
	pc->nbindings = i;
}
