/* setup_py.c - setup.py read statically, never run
 *
 * The logical lines of scanners/pylex.c are read in order.  A module-level
 * `NAME = expr` (also `NAME: T = expr`, `NAME += expr`, `NAME.append(x)`
 * and `NAME.extend(x)`) binds a constant; the first `setup(...)` or
 * `setuptools.setup(...)` call has its keywords evaluated against the
 * constants bound so far: name, version, python_requires,
 * install_requires (runtime), setup_requires (build), tests_require
 * (test) and extras_require (optional, by extra; "extra:marker" keys
 * keep the extra and mark the inputs conditional); `**kwargs` of a known
 * dict counts as its keywords.  packages, package_dir and py_modules are
 * recorded as ship settings (core/ship.h): a list of names, or a call of
 * setuptools' find_packages() or find_namespace_packages() with its
 * where, include and exclude; packages given any other way is recorded
 * as not evaluated, with its text.
 *
 * A setup() call inside a def (or a class) is read at the end of the
 * file, as Python would run it when the function is called: the
 * parameters of the defs around it are constants there, bound to their
 * defaults, or to the arguments of the function's call when a def at
 * module level is called exactly once at module level, without '*' or
 * '**'.
 *
 * The evaluator knows string literals (implicit concatenation, escapes),
 * f-strings, `+` of strings and of lists, `%` and `.format()` over
 * constants, lists, tuples, dicts, `*x` and `**x` of known values, and
 * subscripts of known dicts, and calls of setuptools' package finders
 * with known arguments.  Anything else (another call, a comprehension, a
 * conditional, a name bound to one, a parameter without a default) is
 * not evaluated: an element of a list that cannot be evaluated is
 * emitted with REQ_NOT_EVALUATED, its raw text and a warning at its
 * line, and the rest of the list is kept.
 * When such an element is a string whose beginning is known, as in
 * f"dagster-pipes{pin}", the distribution name it starts with is kept.
 *
 * A version that is not a literal is left unknown.  When a string
 * literal of the file names a file ending in "version.py" (read by a
 * get_version() or a regular expression), it is emitted as an include
 * read by the "version" scanner (scanners/pyversion.c), relative to
 * setup.py's directory.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/declared.h"
#include "core/pep503.h"
#include "core/scan.h"
#include "core/ship.h"
#include "core/strbuf.h"
#include "core/xalloc.h"
#include "scanners/pylex.h"
#include "scanners/pyreq.h"
#include "scanners/scanners.h"
#include "scanners/strset.h"

static int
setup_py_bid(const char *path)
{
	const char *base = scanner_base_name(path);

	return !strcmp(base, "setup.py") ? 10 : 0;
}

/* Expressions nest at most this deep before they are not evaluated. */
enum { EVAL_MAX_DEPTH = 64 };

/* PV_FIND: a call of setuptools' package finder, read (see finder()). */
enum pv_kind { PV_UNKNOWN, PV_STR, PV_NUM, PV_LIST, PV_DICT, PV_FIND };

/* The arguments of a PV_FIND, in its items. */
enum { FIND_WHERE, FIND_INCLUDE, FIND_EXCLUDE, FIND_NARGS };

struct pyval {
	enum pv_kind kind;
	const char *s; /* PV_STR, PV_NUM: the value; PV_FIND: "namespace"
			* for find_namespace_packages(), else NULL */
	size_t n;
	bool partial;    /* PV_STR: s is only its known beginning */
	const char *raw; /* the source text */
	size_t rawn;
	const char *why; /* PV_UNKNOWN or partial: what was not known;
			  * PV_FIND: what it is, were it a requirement */
	unsigned line;
	unsigned col;
	struct pyval **items; /* PV_LIST items, PV_DICT values, PV_FIND
			       * FIND_NARGS arguments (NULL if not given) */
	struct pyval **keys;  /* PV_DICT keys */
	size_t nitems;
};

/* A parameter of a def, and the value it has in the def's body. */
struct param {
	const char *s; /* the name, in the decoded text */
	size_t n;
	struct pyval *v;
	bool star;   /* '*' or '**': what the call binds is not known */
	bool kwonly; /* after a '*' parameter */
};

/* A def or class whose lines are being read, or were. */
struct frame {
	unsigned indent;      /* of its header */
	bool module_level;    /* a def outside every def and class */
	struct param *params; /* arena-owned */
	size_t nparams;
	/* Its calls on module-level lines, and the first one's arguments. */
	size_t ncalls;
	struct pyval **args;
	size_t nargs;
	struct param *kwargs;
	size_t nkwargs;
	bool args_unknown; /* that call has '*' or '**', or is unclosed */
};

struct sp {
	struct scan_ctx *ctx;
	struct arena *arena;
	const struct pytok *t; /* the tokens of the current line */
	size_t nt;
	struct strset syms;  /* module-level names: index into vals */
	struct pyval **vals; /* what each name is bound to */
	size_t nvals, avals;
	struct strbuf tmp;
	bool have_setup;
	struct frame **frames; /* the defs and classes the line is in */
	size_t nframes, aframes;
	struct strset funcs; /* module-level defs: index into fns */
	struct frame **fns;
	size_t nfns, afns;
	/* A setup() call inside a def, read at the end of the file: a copy
	 * of its line's tokens, and the defs and classes around it. */
	struct pytok *defer;
	size_t ndefer, defer_lpar;
	struct frame **defer_frames; /* arena-owned */
	size_t ndefer_frames;
	struct strset locals; /* while it is read: its parameters */
	struct pyval **localv;
	size_t nlocalv, alocalv;
	const char *version_file; /* arena-owned */
	unsigned version_file_line;
	unsigned version_file_col;
};

/* ---- values ---- */

static struct pyval *
new_val(struct sp *sp, enum pv_kind kind, size_t a, size_t b)
{
	struct pyval *v = arena_calloc(sp->arena, 1, sizeof(*v));
	const struct pytok *t = sp->t;

	v->kind = kind;
	if (a < b && b <= sp->nt) {
		const struct pytok *last = &t[b - 1];

		v->raw = t[a].s;
		v->rawn = (size_t)(last->s + last->n - t[a].s);
		v->line = t[a].line;
		v->col = t[a].col;
	} else if (a < sp->nt) {
		v->raw = t[a].s;
		v->rawn = 0;
		v->line = t[a].line;
		v->col = t[a].col;
	}
	return v;
}

static struct pyval *
unknown(struct sp *sp, size_t a, size_t b, const char *why)
{
	struct pyval *v = new_val(sp, PV_UNKNOWN, a, b);

	v->why = why;
	return v;
}

/* pre, the token quoted, post: "'pin' is not a constant" */
static const char *
why_of(struct sp *sp, const char *pre, const struct pytok *t, const char *post)
{
	struct strbuf sb = STRBUF_INIT;
	const char *r;

	strbuf_addf(&sb, "%s'%.*s%s", pre, (int)(t->n > 40 ? 40 : t->n), t->s,
		    post);
	r = arena_strndup(sp->arena, strbuf_str(&sb), sb.len);
	strbuf_release(&sb);
	return r;
}

/* A growable array of values, moved into the arena when done. */
struct vec {
	struct pyval **v;
	size_t n, alloc;
};

static void
vec_push(struct vec *vec, struct pyval *v)
{
	XGROW(vec->v, vec->n + 1, vec->alloc);
	vec->v[vec->n++] = v;
}

static struct pyval **
vec_finish(struct sp *sp, struct vec *vec)
{
	struct pyval **r = NULL;

	if (vec->n)
		r = arena_memdup(sp->arena, vec->v, vec->n * sizeof(*r));
	free(vec->v);
	vec->v = NULL;
	return r;
}

static bool
is_op(const struct sp *sp, size_t i, enum pyop op)
{
	return i < sp->nt && sp->t[i].type == PYTOK_OP && sp->t[i].op == op;
}

static bool
is_opener(const struct pytok *t)
{
	return t->type == PYTOK_FSTART ||
	       (t->type == PYTOK_OP &&
		(t->op == PYOP_LPAR || t->op == PYOP_LSQB ||
		 t->op == PYOP_LBRACE || t->op == PYOP_FOPEN));
}

static bool
is_closer(const struct pytok *t)
{
	return t->type == PYTOK_FEND ||
	       (t->type == PYTOK_OP &&
		(t->op == PYOP_RPAR || t->op == PYOP_RSQB ||
		 t->op == PYOP_RBRACE || t->op == PYOP_FCLOSE));
}

/* The index of the token closing the bracket at i, or b if none. */
static size_t
match(const struct sp *sp, size_t i, size_t b)
{
	size_t depth = 0;

	for (; i < b; i++) {
		if (is_opener(&sp->t[i])) {
			depth++;
		} else if (is_closer(&sp->t[i])) {
			if (--depth == 0)
				return i;
		}
	}
	return b;
}

/* The next token at depth 0 in [i, b) that is op, or b. */
static size_t
find_top(const struct sp *sp, size_t i, size_t b, enum pyop op)
{
	size_t depth = 0;

	for (; i < b; i++) {
		const struct pytok *t = &sp->t[i];

		if (!depth && t->type == PYTOK_OP && t->op == op)
			return i;
		if (is_opener(t))
			depth++;
		else if (is_closer(t) && depth)
			depth--;
	}
	return b;
}

static bool
has_top_kw(const struct sp *sp, size_t i, size_t b, enum pykw kw)
{
	size_t depth = 0;

	for (; i < b; i++) {
		const struct pytok *t = &sp->t[i];

		if (!depth && t->type == PYTOK_NAME && t->kw == kw)
			return true;
		if (is_opener(t))
			depth++;
		else if (is_closer(t) && depth)
			depth--;
	}
	return false;
}

static struct pyval *
lookup(struct sp *sp, const struct pytok *t)
{
	size_t k = strset_find(&sp->locals, t->s, t->n);

	if (k != SIZE_MAX)
		return sp->localv[k];
	k = strset_find(&sp->syms, t->s, t->n);
	return k == SIZE_MAX ? NULL : sp->vals[k];
}

static void
bind(struct sp *sp, const struct pytok *name, struct pyval *v)
{
	size_t k = strset_find(&sp->syms, name->s, name->n);

	if (k == SIZE_MAX) {
		/* the set borrows the name: the arena keeps it */
		XGROW(sp->vals, sp->nvals + 1, sp->avals);
		k = sp->nvals++;
		strset_add(&sp->syms,
			   arena_strndup(sp->arena, name->s, name->n), name->n,
			   k);
	}
	sp->vals[k] = v;
}

static struct pyval *eval(struct sp *sp, size_t a, size_t b, unsigned depth);

static struct pyval *
make_str(struct sp *sp, const char *s, size_t n, size_t a, size_t b)
{
	struct pyval *v = new_val(sp, PV_STR, a, b);

	v->s = arena_strndup(sp->arena, s, n);
	v->n = n;
	return v;
}

/* Append a known value's text to sb: strings and numbers only. */
static bool
add_text(struct strbuf *sb, const struct pyval *v)
{
	if ((v->kind != PV_STR && v->kind != PV_NUM) || v->partial)
		return false;
	strbuf_add(sb, v->s, v->n);
	return true;
}

/* Decode an f-string's literal text: escapes, and doubled braces. */
static void
fmiddle_value(const struct pytok *t, bool raw, struct strbuf *out)
{
	struct strbuf fake = STRBUF_INIT, plain = STRBUF_INIT;
	struct pytok ft;
	size_t i;

	for (i = 0; i < t->n; i++) {
		char c = t->s[i];

		if ((c == '{' || c == '}') && i + 1 < t->n && t->s[i + 1] == c)
			i++;
		strbuf_addch(&plain, c);
	}
	if (raw || !memchr(plain.buf ? plain.buf : "", '\\', plain.len)) {
		strbuf_add(out, strbuf_str(&plain), plain.len);
		goto out;
	}
	/* decode the escapes as those of a plain literal would be */
	strbuf_addch(&fake, '"');
	for (i = 0; i < plain.len; i++) {
		char c = plain.buf[i];

		if (c == '\\' && i + 1 < plain.len) {
			strbuf_addch(&fake, c);
			strbuf_addch(&fake, plain.buf[++i]);
		} else if (c == '"') {
			strbuf_add(&fake, "\\\"", 2);
		} else {
			strbuf_addch(&fake, c);
		}
	}
	strbuf_addch(&fake, '"');
	memset(&ft, 0, sizeof(ft));
	ft.type = PYTOK_STRING;
	ft.s = fake.buf;
	ft.n = (unsigned)fake.len;
	if (!pylex_string_value(&ft, out))
		strbuf_add(out, strbuf_str(&plain), plain.len);
out:
	strbuf_release(&fake);
	strbuf_release(&plain);
}

/*
 * Append the f-string at *i (its FSTART) to sb; false when a field could
 * not be evaluated (sb then holds the known beginning, *why the reason).
 * *i moves past its FEND.
 */
static bool
fstring(struct sp *sp, size_t *i, size_t b, unsigned depth, struct strbuf *sb,
	const char **why)
{
	bool raw = sp->t[*i].sflags & PYSTR_RAW;
	size_t k = *i + 1, end = match(sp, *i, b);
	bool partial = false;

	for (; k < end;) {
		const struct pytok *t = &sp->t[k];

		if (t->type == PYTOK_FMIDDLE) {
			if (!partial)
				fmiddle_value(t, raw, sb);
			k++;
			continue;
		}
		if (t->type == PYTOK_OP && t->op == PYOP_FOPEN) {
			size_t close = match(sp, k, end), e;
			struct pyval *v;

			for (e = k + 1; e < close; e++) {
				const struct pytok *u = &sp->t[e];

				if (u->type == PYTOK_OP &&
				    (u->op == PYOP_FSPEC ||
				     u->op == PYOP_BANG ||
				     (u->op == PYOP_EQ && e + 1 == close)))
					break;
				/* An unclosed bracket runs to the end of the
				 * field: do not step past it. */
				if (is_opener(u) &&
				    (e = match(sp, e, close)) >= close)
					break;
			}
			if (!partial) {
				v = e < close ? unknown(sp, k + 1, e,
							"a format spec")
					      : eval(sp, k + 1, e, depth + 1);
				if (!add_text(sb, v)) {
					partial = true;
					*why = v->why ? v->why
						      : "a field of an "
							"f-string";
					if (v->kind == PV_STR && v->partial)
						strbuf_add(sb, v->s, v->n);
				}
			}
			k = close + 1;
			continue;
		}
		k++;
	}
	*i = end < b ? end + 1 : b;
	return !partial;
}

/* Adjacent literals: "a" 'b' f"c{x}" are one string. */
static struct pyval *
strings(struct sp *sp, size_t *i, size_t b, unsigned depth)
{
	struct strbuf sb = STRBUF_INIT;
	size_t a = *i;
	bool partial = false, bytes = false;
	const char *why = NULL;
	struct pyval *v;

	while (*i < b && !partial &&
	       (sp->t[*i].type == PYTOK_STRING ||
		sp->t[*i].type == PYTOK_FSTART)) {
		const struct pytok *t = &sp->t[*i];

		if (t->type == PYTOK_STRING) {
			if (!pylex_string_value(t, &sb)) {
				bytes = true;
				why = "a bytes or unterminated literal";
			}
			(*i)++;
			continue;
		}
		if (!fstring(sp, i, b, depth, &sb, &why))
			partial = true;
	}
	/* skip what follows a partial string's unknown field */
	while (*i < b && (sp->t[*i].type == PYTOK_STRING ||
			  sp->t[*i].type == PYTOK_FSTART)) {
		if (sp->t[*i].type == PYTOK_FSTART)
			*i = match(sp, *i, b) + 1;
		else
			(*i)++;
	}
	if (*i > b)
		*i = b;
	if (bytes) {
		strbuf_release(&sb);
		return unknown(sp, a, *i, why);
	}
	v = make_str(sp, strbuf_str(&sb), sb.len, a, *i);
	v->partial = partial;
	v->why = why;
	strbuf_release(&sb);
	return v;
}

/* [a, b) split at top-level commas, each part evaluated. */
static void
elements(struct sp *sp, size_t a, size_t b, unsigned depth, struct vec *out)
{
	while (a < b) {
		size_t e = find_top(sp, a, b, PYOP_COMMA);

		if (e > a && is_op(sp, a, PYOP_STAR)) {
			struct pyval *v = eval(sp, a + 1, e, depth + 1);
			size_t k;

			if (v->kind == PV_LIST) {
				for (k = 0; k < v->nitems; k++)
					vec_push(out, v->items[k]);
			} else {
				vec_push(out, unknown(sp, a, e,
						      v->why ? v->why
							     : "'*' of a value "
							       "not known"));
			}
		} else if (e > a) {
			vec_push(out, eval(sp, a, e, depth + 1));
		}
		a = e + 1;
	}
}

static struct pyval *
list(struct sp *sp, size_t a, size_t close, unsigned depth)
{
	struct pyval *v;
	struct vec vec = {NULL, 0, 0};

	if (has_top_kw(sp, a + 1, close, PYKW_FOR))
		return unknown(sp, a, close + 1, "a comprehension");
	v = new_val(sp, PV_LIST, a, close + 1);
	elements(sp, a + 1, close, depth, &vec);
	v->nitems = vec.n;
	v->items = vec_finish(sp, &vec);
	return v;
}

static struct pyval *
dict(struct sp *sp, size_t a, size_t close, unsigned depth)
{
	struct vec keys = {NULL, 0, 0}, vals = {NULL, 0, 0};
	struct pyval *v;
	size_t i = a + 1, k;

	if (has_top_kw(sp, a + 1, close, PYKW_FOR))
		return unknown(sp, a, close + 1, "a comprehension");
	v = new_val(sp, PV_DICT, a, close + 1);
	while (i < close) {
		size_t e = find_top(sp, i, close, PYOP_COMMA);
		size_t colon = find_top(sp, i, e, PYOP_COLON);

		if (e > i && is_op(sp, i, PYOP_DOUBLESTAR)) {
			struct pyval *d = eval(sp, i + 1, e, depth + 1);

			if (d->kind == PV_DICT) {
				for (k = 0; k < d->nitems; k++) {
					vec_push(&keys, d->keys[k]);
					vec_push(&vals, d->items[k]);
				}
			} else {
				vec_push(&keys, unknown(sp, i, e,
							"'**' of a value not "
							"known"));
				vec_push(&vals, keys.v[keys.n - 1]);
			}
		} else if (e > i && colon < e) {
			vec_push(&keys, eval(sp, i, colon, depth + 1));
			vec_push(&vals, eval(sp, colon + 1, e, depth + 1));
		} else if (e > i) {
			free(keys.v);
			free(vals.v);
			return unknown(sp, a, close + 1, "a set");
		}
		i = e + 1;
	}
	v->nitems = keys.n;
	v->keys = vec_finish(sp, &keys);
	v->items = vec_finish(sp, &vals);
	return v;
}

static struct pyval *
atom(struct sp *sp, size_t *i, size_t b, unsigned depth)
{
	const struct pytok *t = &sp->t[*i];
	size_t a = *i, close;
	struct pyval *v;

	if (t->type == PYTOK_STRING || t->type == PYTOK_FSTART)
		return strings(sp, i, b, depth);
	if (t->type == PYTOK_NUMBER) {
		(*i)++;
		v = make_str(sp, t->s, t->n, a, a + 1);
		v->kind = PV_NUM;
		return v;
	}
	if (t->type == PYTOK_NAME) {
		(*i)++;
		if (t->kw != PYKW_NONE)
			return unknown(sp, a, a + 1, why_of(sp, "", t, "'"));
		v = lookup(sp, t);
		if (!v)
			return unknown(
				sp, a, a + 1,
				why_of(sp, "", t, "' is not a constant"));
		if (v->kind == PV_UNKNOWN) {
			struct strbuf sb = STRBUF_INIT;

			strbuf_addstr(&sb, "' is ");
			strbuf_addstr(&sb, v->why ? v->why : "not known");
			v = unknown(sp, a, a + 1, why_of(sp, "", t, sb.buf));
			strbuf_release(&sb);
		}
		return v;
	}
	if (t->type != PYTOK_OP || !is_opener(t)) {
		(*i)++;
		return unknown(sp, a, a + 1, "an expression");
	}
	close = match(sp, a, b);
	*i = close < b ? close + 1 : b;
	if (close >= b)
		return unknown(sp, a, b, "an unclosed bracket");
	switch (t->op) {
	case PYOP_LSQB:
		return list(sp, a, close, depth);
	case PYOP_LBRACE:
		return dict(sp, a, close, depth);
	case PYOP_LPAR:
		if (find_top(sp, a + 1, close, PYOP_COMMA) < close ||
		    close == a + 1) {
			v = list(sp, a, close, depth);
			return v;
		}
		return eval(sp, a + 1, close, depth + 1);
	default:
		return unknown(sp, a, close + 1, "an expression");
	}
}

/* "%s" formatting with str, num or a tuple of them. */
static struct pyval *
percent(struct sp *sp, struct pyval *l, struct pyval *r, size_t a, size_t b)
{
	struct strbuf sb = STRBUF_INIT;
	struct pyval *one[1] = {r}, **args = one;
	size_t nargs = 1, k = 0, i;
	struct pyval *v = NULL;

	if (l->kind != PV_STR || l->partial)
		goto out;
	if (r->kind == PV_LIST) {
		args = r->items;
		nargs = r->nitems;
	}
	for (i = 0; i < l->n; i++) {
		char c = l->s[i];

		if (c != '%') {
			strbuf_addch(&sb, c);
			continue;
		}
		if (++i >= l->n)
			goto out;
		if (l->s[i] == '%') {
			strbuf_addch(&sb, '%');
			continue;
		}
		if ((l->s[i] != 's' && l->s[i] != 'd') || k >= nargs ||
		    !add_text(&sb, args[k]))
			goto out;
		k++;
	}
	if (k == nargs)
		v = make_str(sp, strbuf_str(&sb), sb.len, a, b);
out:
	strbuf_release(&sb);
	return v ? v : unknown(sp, a, b, "a '%' format");
}

/* str.format(): "{}", "{0}", "{name}" over constants. */
static struct pyval *
format(struct sp *sp, struct pyval *s, size_t lpar, size_t rpar, size_t a,
       unsigned depth)
{
	struct strbuf sb = STRBUF_INIT;
	struct vec pos = {NULL, 0, 0};
	struct pyval *v = NULL;
	size_t i = lpar + 1, auto_idx = 0;

	if (s->kind != PV_STR || s->partial)
		goto out;
	while (i < rpar) {
		size_t e = find_top(sp, i, rpar, PYOP_COMMA);

		if (e > i + 1 && sp->t[i].type == PYTOK_NAME &&
		    is_op(sp, i + 1, PYOP_EQ)) {
			/* keywords are looked up by name below */
		} else if (e > i) {
			vec_push(&pos, eval(sp, i, e, depth + 1));
		}
		i = e + 1;
	}
	for (i = 0; i < s->n; i++) {
		char c = s->s[i];
		const char *close;
		size_t n;

		if ((c == '{' || c == '}') && i + 1 < s->n &&
		    s->s[i + 1] == c) {
			strbuf_addch(&sb, c);
			i++;
			continue;
		}
		if (c == '}')
			goto out;
		if (c != '{') {
			strbuf_addch(&sb, c);
			continue;
		}
		close = memchr(s->s + i, '}', s->n - i);
		if (!close)
			goto out;
		n = (size_t)(close - (s->s + i + 1));
		if (!n) {
			if (auto_idx >= pos.n ||
			    !add_text(&sb, pos.v[auto_idx]))
				goto out;
			auto_idx++;
		} else if (s->s[i + 1] >= '0' && s->s[i + 1] <= '9') {
			size_t idx = (size_t)strtoul(s->s + i + 1, NULL, 10);

			if (idx >= pos.n || !add_text(&sb, pos.v[idx]))
				goto out;
		} else {
			/* a keyword argument: NAME=expr */
			size_t k = lpar + 1;
			bool done = false;

			while (k < rpar && !done) {
				size_t e = find_top(sp, k, rpar, PYOP_COMMA);

				if (e > k + 1 && sp->t[k].type == PYTOK_NAME &&
				    sp->t[k].n == n &&
				    !memcmp(sp->t[k].s, s->s + i + 1, n) &&
				    is_op(sp, k + 1, PYOP_EQ)) {
					if (!add_text(&sb, eval(sp, k + 2, e,
								depth + 1)))
						goto out;
					done = true;
				}
				k = e + 1;
			}
			if (!done)
				goto out;
		}
		i = (size_t)(close - s->s);
	}
	v = make_str(sp, strbuf_str(&sb), sb.len, a, rpar + 1);
out:
	free(pos.v);
	strbuf_release(&sb);
	return v ? v : unknown(sp, a, rpar + 1, "a '.format()' call");
}

/*
 * The '(' of find_packages( or find_namespace_packages( at a, also as an
 * attribute of setuptools, or 0.  *ns tells which.
 */
static size_t
finder_call(const struct sp *sp, size_t a, size_t b, bool *ns)
{
	if (a + 2 < b && pylex_name_is(&sp->t[a], "setuptools") &&
	    is_op(sp, a + 1, PYOP_DOT))
		a += 2;
	if (a + 1 >= b || !is_op(sp, a + 1, PYOP_LPAR))
		return 0;
	if (pylex_name_is(&sp->t[a], "find_packages"))
		*ns = false;
	else if (pylex_name_is(&sp->t[a], "find_namespace_packages"))
		*ns = true;
	else
		return 0;
	return a + 1;
}

/* Whether v is a list or tuple of strings, all known. */
static bool
is_str_list(const struct pyval *v)
{
	size_t k;

	if (v->kind != PV_LIST)
		return false;
	for (k = 0; k < v->nitems; k++) {
		if (v->items[k]->kind != PV_STR || v->items[k]->partial)
			return false;
	}
	return true;
}

/*
 * The finder call at a, its arguments in (lpar, rpar): find(where=".",
 * exclude=(), include=("*",)).  A PV_FIND when every argument given is
 * known (where a string, include and exclude lists or tuples of
 * strings), else unknown.
 */
static struct pyval *
finder(struct sp *sp, size_t a, size_t lpar, size_t rpar, bool ns,
       unsigned depth)
{
	static const char *const kw[FIND_NARGS] = {
		[FIND_WHERE] = "where",
		[FIND_INCLUDE] = "include",
		[FIND_EXCLUDE] = "exclude",
	};
	static const size_t positional[] = {FIND_WHERE, FIND_EXCLUDE,
					    FIND_INCLUDE};
	struct pyval *args[FIND_NARGS] = {NULL, NULL, NULL}, *v;
	const char *why = why_of(sp, "a call of ", &sp->t[lpar - 1], "()'");
	size_t i = lpar + 1, npos = 0, k;
	bool known = true;

	while (i < rpar && known) {
		size_t e = find_top(sp, i, rpar, PYOP_COMMA), slot = FIND_NARGS;
		struct pyval *x = NULL;

		if (e > i + 1 && sp->t[i].type == PYTOK_NAME &&
		    is_op(sp, i + 1, PYOP_EQ)) {
			for (k = 0; k < FIND_NARGS; k++) {
				if (pylex_name_is(&sp->t[i], kw[k]))
					slot = k;
			}
			x = eval(sp, i + 2, e, depth + 1);
		} else if (e > i && !is_op(sp, i, PYOP_STAR) &&
			   !is_op(sp, i, PYOP_DOUBLESTAR)) {
			if (npos < sizeof(positional) / sizeof(positional[0]))
				slot = positional[npos];
			npos++;
			x = eval(sp, i, e, depth + 1);
		} else if (e > i) {
			known = false;
		}
		if (x && (slot == FIND_NARGS || args[slot] ||
			  (slot == FIND_WHERE ? x->kind != PV_STR || x->partial
					      : !is_str_list(x))))
			known = false;
		else if (x)
			args[slot] = x;
		i = e + 1;
	}
	if (!known)
		return unknown(sp, a, rpar + 1, why);
	v = new_val(sp, PV_FIND, a, rpar + 1);
	v->s = ns ? "namespace" : NULL;
	v->why = why;
	v->items = arena_memdup(sp->arena, args, sizeof(args));
	v->nitems = FIND_NARGS;
	return v;
}

static struct pyval *
postfix(struct sp *sp, size_t *i, size_t b, unsigned depth)
{
	size_t a = *i, close;
	bool ns = false;
	size_t lpar = finder_call(sp, a, b, &ns);
	struct pyval *v;

	if (lpar) {
		close = match(sp, lpar, b);
		*i = close < b ? close + 1 : b;
		v = close < b ? finder(sp, a, lpar, close, ns, depth)
			      : unknown(sp, a, b,
					why_of(sp, "a call of ",
					       &sp->t[lpar - 1], "()'"));
	} else {
		v = atom(sp, i, b, depth);
	}
	while (*i < b) {
		if (is_op(sp, *i, PYOP_DOT) && *i + 2 < b &&
		    sp->t[*i + 1].type == PYTOK_NAME &&
		    is_op(sp, *i + 2, PYOP_LPAR)) {
			close = match(sp, *i + 2, b);
			if (close >= b) {
				*i = b;
				return unknown(sp, a, b, "an unclosed bracket");
			}
			if (pylex_name_is(&sp->t[*i + 1], "format"))
				v = format(sp, v, *i + 2, close, a, depth);
			else
				v = unknown(sp, a, close + 1,
					    why_of(sp, "a call of ",
						   &sp->t[*i + 1], "()'"));
			*i = close + 1;
		} else if (is_op(sp, *i, PYOP_LSQB)) {
			struct pyval *key;
			size_t k;

			close = match(sp, *i, b);
			if (close >= b) {
				*i = b;
				return unknown(sp, a, b, "an unclosed bracket");
			}
			key = eval(sp, *i + 1, close, depth + 1);
			*i = close + 1;
			if (v->kind != PV_DICT || key->kind != PV_STR ||
			    key->partial) {
				v = unknown(sp, a, close + 1, "a subscript");
				continue;
			}
			for (k = 0; k < v->nitems; k++) {
				const struct pyval *kk = v->keys[k];

				if (kk->kind == PV_STR && kk->n == key->n &&
				    !memcmp(kk->s, key->s, key->n))
					break;
			}
			v = k < v->nitems ? v->items[k]
					  : unknown(sp, a, close + 1,
						    "a key not in the dict");
		} else if (is_op(sp, *i, PYOP_LPAR)) {
			close = match(sp, *i, b);
			*i = close < b ? close + 1 : b;
			v = unknown(sp, a, *i,
				    why_of(sp, "a call of ", &sp->t[a], "()'"));
		} else if (is_op(sp, *i, PYOP_DOT)) {
			(*i)++;
			if (*i < b && sp->t[*i].type == PYTOK_NAME)
				(*i)++;
			v = unknown(sp, a, *i, "an attribute");
		} else {
			break;
		}
	}
	return v;
}

static struct pyval *
concat(struct sp *sp, struct pyval *l, struct pyval *r, size_t a, size_t b)
{
	struct pyval *v;

	if (l->kind == PV_STR && r->kind == PV_STR && !l->partial) {
		struct strbuf sb = STRBUF_INIT;

		strbuf_add(&sb, l->s, l->n);
		strbuf_add(&sb, r->s, r->n);
		v = make_str(sp, sb.buf ? sb.buf : "", sb.len, a, b);
		v->partial = r->partial;
		v->why = r->why;
		strbuf_release(&sb);
		return v;
	}
	if (l->kind == PV_STR && !l->partial && r->kind == PV_UNKNOWN) {
		v = make_str(sp, l->s, l->n, a, b);
		v->partial = true;
		v->why = r->why;
		return v;
	}
	if (l->kind == PV_STR && l->partial) {
		v = make_str(sp, l->s, l->n, a, b);
		v->partial = true;
		v->why = l->why;
		return v;
	}
	if ((l->kind == PV_LIST || l->kind == PV_UNKNOWN) &&
	    (r->kind == PV_LIST || r->kind == PV_UNKNOWN) &&
	    (l->kind == PV_LIST || r->kind == PV_LIST)) {
		/* a list with an unknown part keeps the known part */
		struct vec vec = {NULL, 0, 0};
		size_t k;

		if (l->kind == PV_LIST) {
			for (k = 0; k < l->nitems; k++)
				vec_push(&vec, l->items[k]);
		} else {
			vec_push(&vec, l);
		}
		if (r->kind == PV_LIST) {
			for (k = 0; k < r->nitems; k++)
				vec_push(&vec, r->items[k]);
		} else {
			vec_push(&vec, r);
		}
		v = new_val(sp, PV_LIST, a, b);
		v->nitems = vec.n;
		v->items = vec_finish(sp, &vec);
		return v;
	}
	return unknown(sp, a, b, l->why ? l->why : r->why ? r->why : "'+'");
}

/* Evaluate [a, b) as one expression. */
static struct pyval *
eval(struct sp *sp, size_t a, size_t b, unsigned depth)
{
	struct pyval *v;
	size_t i = a;

	if (a >= b)
		return unknown(sp, a, b, "an empty expression");
	if (depth > EVAL_MAX_DEPTH)
		return unknown(sp, a, b, "an expression nested too deep");
	v = postfix(sp, &i, b, depth);
	while (i < b) {
		size_t start = i + 1;
		struct pyval *r;

		if (is_op(sp, i, PYOP_PLUS) && start < b) {
			i = start;
			r = postfix(sp, &i, b, depth);
			v = concat(sp, v, r, a, i);
		} else if (is_op(sp, i, PYOP_PERCENT) && start < b) {
			i = start;
			r = postfix(sp, &i, b, depth);
			v = percent(sp, v, r, a, i);
		} else {
			return unknown(sp, a, b,
				       has_top_kw(sp, a, b, PYKW_IF)
					       ? "a conditional expression"
					       : "an expression");
		}
	}
	return v;
}

/* ---- emitting ---- */

static void
emit_partial(struct sp *sp, const struct pyreq_slot *slot,
	     const struct pyval *v)
{
	struct requirement r;
	struct strbuf msg = STRBUF_INIT;
	size_t n = 0;

	while (n < v->n &&
	       (((v->s[n] | 0x20) >= 'a' && (v->s[n] | 0x20) <= 'z') ||
		(v->s[n] >= '0' && v->s[n] <= '9') || v->s[n] == '-' ||
		v->s[n] == '_' || v->s[n] == '.'))
		n++;
	while (n &&
	       !((v->s[n - 1] | 0x20) >= 'a' && (v->s[n - 1] | 0x20) <= 'z') &&
	       !(v->s[n - 1] >= '0' && v->s[n - 1] <= '9'))
		n--;
	strbuf_addstr(&msg, v->why ? v->why : "a value not known");
	if (!n) {
		pyreq_emit_unknown(sp->ctx, slot, v->raw, v->rawn, v->line,
				   v->col, strbuf_str(&msg));
		strbuf_release(&msg);
		return;
	}
	memset(&r, 0, sizeof(r));
	r.package = slot->package;
	r.kind = slot->kind;
	r.group = slot->group;
	r.name = arena_strndup(sp->arena, v->s, n);
	r.key = pep503_arena(sp->arena, r.name);
	r.raw = arena_strndup(sp->arena, v->raw, v->rawn);
	r.flags = REQ_NOT_EVALUATED | slot->flags;
	r.line = v->line;
	r.col = v->col;
	scan_emit_requirement(sp->ctx, &r);
	scan_warn(sp->ctx, v->line, v->col,
		  "cannot evaluate '%.*s': %s; the name '%s' is kept",
		  (int)(v->rawn > 60 ? 60 : v->rawn), v->raw, strbuf_str(&msg),
		  r.name);
	strbuf_release(&msg);
}

/* A string holding requirements one per line, as setuptools allows. */
static void
emit_lines(struct sp *sp, const struct pyreq_slot *slot, const struct pyval *v)
{
	const char *p = v->s, *end = v->s + v->n;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end;
		const char *hash = memchr(p, '#', (size_t)(e - p));
		const char *stop = hash ? hash : e;
		const char *q = p;

		while (q < stop && (*q == ' ' || *q == '\t'))
			q++;
		if (q < stop)
			pyreq_emit(sp->ctx, slot, p, (size_t)(stop - p),
				   v->line, v->col);
		p = nl ? nl + 1 : end;
	}
}

static void
emit_value(struct sp *sp, const struct pyreq_slot *slot, const struct pyval *v,
	   bool top)
{
	size_t k;

	switch (v->kind) {
	case PV_STR:
		if (v->partial)
			emit_partial(sp, slot, v);
		else if (top)
			emit_lines(sp, slot, v);
		else
			pyreq_emit(sp->ctx, slot, v->s, v->n, v->line, 0);
		return;
	case PV_LIST:
		if (!top)
			break;
		for (k = 0; k < v->nitems; k++)
			emit_value(sp, slot, v->items[k], false);
		return;
	default:
		break;
	}
	pyreq_emit_unknown(sp->ctx, slot, v->raw ? v->raw : "", v->rawn,
			   v->line, v->col,
			   v->why ? v->why : "not a string or a list");
}

static void
emit_extras(struct sp *sp, const char *pkg, const struct pyval *v)
{
	struct pyreq_slot slot = {pkg, REQ_OPTIONAL, NULL, 0};
	size_t k;

	if (v->kind != PV_DICT) {
		slot.group = NULL;
		pyreq_emit_unknown(sp->ctx, &slot, v->raw ? v->raw : "",
				   v->rawn, v->line, v->col,
				   v->why ? v->why : "not a dict");
		return;
	}
	for (k = 0; k < v->nitems; k++) {
		const struct pyval *key = v->keys[k];
		const char *colon;

		if (key->kind != PV_STR || key->partial) {
			slot.group = NULL;
			emit_value(sp, &slot, key, false);
			continue;
		}
		colon = memchr(key->s, ':', key->n);
		slot.group = arena_strndup(sp->arena, key->s,
					   colon ? (size_t)(colon - key->s)
						 : key->n);
		/* "extra:marker": the inputs apply under the marker */
		slot.flags = colon ? REQ_CONDITIONAL : 0;
		emit_value(sp, &slot, v->items[k], true);
	}
}

/* What setup() says the wheel holds, gathered into a ship_setting array. */
struct ships {
	struct ship_setting *v;
	size_t n, alloc;
};

static void
ship_add(struct ships *s, enum ship_key key, unsigned line, const char *value,
	 const char *value2)
{
	XGROW(s->v, s->n + 1, s->alloc);
	s->v[s->n].key = key;
	s->v[s->n].value = value;
	s->v[s->n].value2 = value2;
	s->v[s->n].line = line;
	s->n++;
}

static bool
is_str(const struct pyval *v)
{
	return v->kind == PV_STR && !v->partial;
}

static const char *
raw_text(struct sp *sp, const struct pyval *v)
{
	return arena_strndup(sp->arena, v->raw ? v->raw : "", v->rawn);
}

/* Each known string of the list v as key; the rest is dropped. */
static void
ship_names(struct ships *s, enum ship_key key, const struct pyval *v)
{
	size_t k;

	for (k = 0; v->kind == PV_LIST && k < v->nitems; k++) {
		if (is_str(v->items[k]))
			ship_add(s, key, v->items[k]->line, v->items[k]->s,
				 NULL);
	}
}

/* packages=: names, a finder, or text not evaluated. */
static void
ship_packages(struct sp *sp, struct ships *s, const struct pyval *v)
{
	const struct pyval *where;
	size_t k;

	if (v->kind == PV_LIST) {
		for (k = 0; k < v->nitems; k++) {
			const struct pyval *it = v->items[k];

			if (is_str(it))
				ship_add(s, SHIP_PACKAGE, it->line, it->s,
					 NULL);
			else
				ship_add(s, SHIP_PACKAGES_UNKNOWN, it->line,
					 raw_text(sp, it), NULL);
		}
	} else if (v->kind == PV_FIND) {
		ship_add(s, SHIP_FIND, v->line, v->s, NULL);
		where = v->items[FIND_WHERE];
		if (where)
			ship_add(s, SHIP_FIND_WHERE, where->line, where->s,
				 NULL);
		if (v->items[FIND_INCLUDE])
			ship_names(s, SHIP_FIND_INCLUDE,
				   v->items[FIND_INCLUDE]);
		if (v->items[FIND_EXCLUDE])
			ship_names(s, SHIP_FIND_EXCLUDE,
				   v->items[FIND_EXCLUDE]);
	} else {
		ship_add(s, SHIP_PACKAGES_UNKNOWN, v->line, raw_text(sp, v),
			 NULL);
	}
}

/* package_dir=: each known "package": "directory" entry. */
static void
ship_package_dir(struct ships *s, const struct pyval *v)
{
	size_t k;

	for (k = 0; v->kind == PV_DICT && k < v->nitems; k++) {
		if (is_str(v->keys[k]) && is_str(v->items[k]))
			ship_add(s, SHIP_PACKAGE_DIR, v->keys[k]->line,
				 v->keys[k]->s, v->items[k]->s);
	}
}

/* The keywords of setup() read, as indexes of vals in read_setup(). */
enum {
	KW_NAME,
	KW_VERSION,
	KW_PYTHON_REQUIRES,
	KW_INSTALL_REQUIRES,
	KW_SETUP_REQUIRES,
	KW_TESTS_REQUIRE,
	KW_EXTRAS_REQUIRE,
	KW_PACKAGES,
	KW_PACKAGE_DIR,
	KW_PY_MODULES,
	NKW
};

/* The ship settings of the keywords, in the order they were given. */
static void
read_ship(struct sp *sp, struct declared_pkg *pkg, struct pyval *const *vals,
	  const size_t *seq)
{
	size_t order[] = {KW_PACKAGES, KW_PACKAGE_DIR, KW_PY_MODULES};
	size_t n = sizeof(order) / sizeof(order[0]), i, j;
	struct ships s = {NULL, 0, 0};

	for (i = 1; i < n; i++) {
		for (j = i; j > 0 && seq[order[j - 1]] > seq[order[j]]; j--) {
			size_t t = order[j];

			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	}
	for (i = 0; i < n; i++) {
		const struct pyval *v = vals[order[i]];

		if (!v)
			continue;
		if (order[i] == KW_PACKAGES)
			ship_packages(sp, &s, v);
		else if (order[i] == KW_PACKAGE_DIR)
			ship_package_dir(&s, v);
		else
			ship_names(&s, SHIP_PY_MODULE, v);
	}
	if (s.n)
		pkg->ship = arena_memdup(sp->arena, s.v, s.n * sizeof(*s.v));
	pkg->nship = s.n;
	free(s.v);
}

static void
read_setup(struct sp *sp, size_t lpar, size_t rpar, const struct file_view *fv)
{
	static const char *const names[NKW] = {
		[KW_NAME] = "name",
		[KW_VERSION] = "version",
		[KW_PYTHON_REQUIRES] = "python_requires",
		[KW_INSTALL_REQUIRES] = "install_requires",
		[KW_SETUP_REQUIRES] = "setup_requires",
		[KW_TESTS_REQUIRE] = "tests_require",
		[KW_EXTRAS_REQUIRE] = "extras_require",
		[KW_PACKAGES] = "packages",
		[KW_PACKAGE_DIR] = "package_dir",
		[KW_PY_MODULES] = "py_modules",
	};
	struct pyval *vals[NKW] = {NULL};
	size_t seq[NKW] = {0}, nseq = 0;
	struct declared_pkg pkg;
	struct pyreq_slot slot;
	size_t i = lpar + 1, k;

	while (i < rpar) {
		size_t e = find_top(sp, i, rpar, PYOP_COMMA);

		if (e > i + 1 && sp->t[i].type == PYTOK_NAME &&
		    is_op(sp, i + 1, PYOP_EQ)) {
			for (k = 0; k < NKW; k++) {
				if (pylex_name_is(&sp->t[i], names[k])) {
					vals[k] = eval(sp, i + 2, e, 0);
					seq[k] = ++nseq;
				}
			}
		} else if (e > i && is_op(sp, i, PYOP_DOUBLESTAR)) {
			struct pyval *d = eval(sp, i + 1, e, 0);
			size_t j;

			if (d->kind != PV_DICT) {
				scan_warn(sp->ctx, sp->t[i].line, sp->t[i].col,
					  "cannot evaluate '**' in setup(): "
					  "%s",
					  d->why ? d->why : "not a dict");
			}
			for (j = 0; d->kind == PV_DICT && j < d->nitems; j++) {
				const struct pyval *key = d->keys[j];

				for (k = 0; k < NKW && key->kind == PV_STR;
				     k++) {
					if (strlen(names[k]) == key->n &&
					    !memcmp(names[k], key->s, key->n)) {
						vals[k] = d->items[j];
						seq[k] = ++nseq;
					}
				}
			}
		}
		i = e + 1;
	}
	memset(&pkg, 0, sizeof(pkg));
	memset(&slot, 0, sizeof(slot));
	pkg.format = "setup.py";
	pkg.builder = "setup()";
	pkg.line = sp->t[lpar].line;
	if (vals[KW_NAME] && is_str(vals[KW_NAME]))
		pkg.name = vals[KW_NAME]->s;
	else if (vals[KW_NAME])
		scan_warn(sp->ctx, vals[KW_NAME]->line, vals[KW_NAME]->col,
			  "cannot evaluate 'name': %s",
			  vals[KW_NAME]->why ? vals[KW_NAME]->why
					     : "not a string");
	pkg.id = pkg.name ? pkg.name : arena_strdup(sp->arena, fv->path);
	if (vals[KW_VERSION] && is_str(vals[KW_VERSION])) {
		pkg.version = vals[KW_VERSION]->s;
		pkg.version_line = vals[KW_VERSION]->line;
	} else if (vals[KW_VERSION]) {
		static const char *dyn[] = {"version"};

		pkg.dynamic = dyn;
		pkg.ndynamic = 1;
		pkg.version_line = vals[KW_VERSION]->line;
		if (sp->version_file) {
			struct scan_include inc;

			inc.path = sp->version_file;
			inc.scanner = "version";
			inc.kind = SCAN_INCLUDE_FILE;
			inc.line = sp->version_file_line;
			inc.col = sp->version_file_col;
			scan_emit_include(sp->ctx, &inc);
		}
	}
	if (vals[KW_PYTHON_REQUIRES] && is_str(vals[KW_PYTHON_REQUIRES]))
		pkg.python_requires = vals[KW_PYTHON_REQUIRES]->s;
	read_ship(sp, &pkg, vals, seq);
	scan_emit_package(sp->ctx, &pkg);
	slot.package = pkg.id;
	slot.group = NULL;
	slot.kind = REQ_RUNTIME;
	if (vals[KW_INSTALL_REQUIRES])
		emit_value(sp, &slot, vals[KW_INSTALL_REQUIRES], true);
	slot.kind = REQ_BUILD;
	if (vals[KW_SETUP_REQUIRES])
		emit_value(sp, &slot, vals[KW_SETUP_REQUIRES], true);
	slot.kind = REQ_TEST;
	if (vals[KW_TESTS_REQUIRE])
		emit_value(sp, &slot, vals[KW_TESTS_REQUIRE], true);
	if (vals[KW_EXTRAS_REQUIRE])
		emit_extras(sp, pkg.id, vals[KW_EXTRAS_REQUIRE]);
}

/* ---- statements ---- */

/* A string literal naming a version file, remembered for the version. */
static void
note_version_file(struct sp *sp)
{
	size_t i;

	for (i = 0; i < sp->nt && !sp->version_file; i++) {
		const struct pytok *t = &sp->t[i];
		size_t n;

		if (t->type != PYTOK_STRING)
			continue;
		strbuf_reset(&sp->tmp);
		if (!pylex_string_value(t, &sp->tmp))
			continue;
		n = sp->tmp.len;
		if (n < 10 || n > 512 ||
		    strcmp(sp->tmp.buf + n - 10, "version.py") ||
		    sp->tmp.buf[0] == '/' || memchr(sp->tmp.buf, '\n', n))
			continue;
		sp->version_file = arena_strndup(sp->arena, sp->tmp.buf, n);
		sp->version_file_line = t->line;
		sp->version_file_col = t->col;
	}
}

static void
assignment(struct sp *sp)
{
	const struct pytok *t = sp->t;
	size_t n = sp->nt, k, eq;
	struct pyval *v;

	if (t[0].type != PYTOK_NAME || t[0].kw != PYKW_NONE || n < 3)
		return;
	if (is_op(sp, 1, PYOP_DOT) && n >= 5 && t[2].type == PYTOK_NAME &&
	    is_op(sp, 3, PYOP_LPAR) && match(sp, 3, n) == n - 1) {
		/* NAME.append(x) / NAME.extend(x) on a known list */
		struct pyval *l = lookup(sp, &t[0]), *x, *nl;
		bool append = pylex_name_is(&t[2], "append");

		if (!l || l->kind != PV_LIST ||
		    (!append && !pylex_name_is(&t[2], "extend")))
			return;
		x = eval(sp, 4, n - 1, 0);
		nl = new_val(sp, PV_LIST, 0, n);
		*nl = *l;
		nl->items = arena_calloc(
			sp->arena,
			l->nitems + 1 + (x->kind == PV_LIST ? x->nitems : 0),
			sizeof(*nl->items));
		if (l->nitems)
			memcpy(nl->items, l->items,
			       l->nitems * sizeof(*nl->items));
		if (append || x->kind != PV_LIST) {
			nl->items[nl->nitems++] = x;
		} else {
			for (k = 0; k < x->nitems; k++)
				nl->items[nl->nitems++] = x->items[k];
		}
		bind(sp, &t[0], nl);
		return;
	}
	if (t[1].type == PYTOK_OP && t[1].n == 2 && !memcmp(t[1].s, "+=", 2)) {
		struct pyval *l = lookup(sp, &t[0]);

		v = eval(sp, 2, n, 0);
		bind(sp, &t[0],
		     l ? concat(sp, l, v, 0, n)
		       : unknown(sp, 0, n, "'+=' of an unknown"));
		return;
	}
	/* NAME (: annotation)? = (NAME =)* expr */
	eq = 1;
	if (is_op(sp, 1, PYOP_COLON))
		eq = find_top(sp, 2, n, PYOP_EQ);
	if (!is_op(sp, eq, PYOP_EQ))
		return;
	k = eq + 1;
	while (k + 1 < n && t[k].type == PYTOK_NAME &&
	       is_op(sp, k + 1, PYOP_EQ))
		k += 2;
	if (k >= n)
		return;
	v = eval(sp, k, n, 0);
	bind(sp, &t[0], v);
	for (k = eq + 1;
	     k + 1 < n && t[k].type == PYTOK_NAME && is_op(sp, k + 1, PYOP_EQ);
	     k += 2)
		bind(sp, &t[k], v);
}

/* The '(' of a setup() call on this line, or 0. */
static size_t
setup_call(const struct sp *sp)
{
	size_t i;

	for (i = 0; i + 1 < sp->nt; i++) {
		const struct pytok *t = &sp->t[i];

		if (t->type != PYTOK_NAME || !pylex_name_is(t, "setup") ||
		    !is_op(sp, i + 1, PYOP_LPAR))
			continue;
		if (i > 0 && sp->t[i - 1].type == PYTOK_NAME &&
		    sp->t[i - 1].kw == PYKW_DEF)
			continue;
		if (i > 0 && is_op(sp, i - 1, PYOP_DOT) &&
		    !(i > 1 && pylex_name_is(&sp->t[i - 2], "setuptools")))
			continue;
		return i + 1;
	}
	return 0;
}

/* ---- defs ---- */

/* A growable array of parameters, moved into the arena when done. */
struct params {
	struct param *v;
	size_t n, alloc;
};

static void
params_push(struct params *ps, const struct pytok *name, struct pyval *v,
	    bool star, bool kwonly)
{
	XGROW(ps->v, ps->n + 1, ps->alloc);
	ps->v[ps->n].s = name->s;
	ps->v[ps->n].n = name->n;
	ps->v[ps->n].v = v;
	ps->v[ps->n].star = star;
	ps->v[ps->n].kwonly = kwonly;
	ps->n++;
}

static struct param *
params_finish(struct sp *sp, struct params *ps)
{
	struct param *r = NULL;

	if (ps->n)
		r = arena_memdup(sp->arena, ps->v, ps->n * sizeof(*r));
	free(ps->v);
	ps->v = NULL;
	return r;
}

/* The parameters in (lpar, rpar) of a def, each bound to its default. */
static void
read_params(struct sp *sp, struct frame *f, size_t lpar, size_t rpar)
{
	struct params ps = {NULL, 0, 0};
	bool kwonly = false;
	size_t i = lpar + 1;

	while (i < rpar) {
		size_t e = find_top(sp, i, rpar, PYOP_COMMA), q = i, eq;
		bool star = is_op(sp, q, PYOP_STAR) ||
			    is_op(sp, q, PYOP_DOUBLESTAR);
		struct pyval *v;

		if (star)
			q++;
		if (q < e && sp->t[q].type == PYTOK_NAME &&
		    sp->t[q].kw == PYKW_NONE) {
			/* a default is evaluated where the def is */
			eq = find_top(sp, q + 1, e, PYOP_EQ);
			if (star)
				v = unknown(sp, q, q + 1,
					    is_op(sp, i, PYOP_STAR)
						    ? "a '*' parameter"
						    : "a '**' parameter");
			else if (eq < e)
				v = eval(sp, eq + 1, e, 0);
			else
				v = unknown(sp, q, q + 1,
					    "a parameter without a default");
			params_push(&ps, &sp->t[q], v, star, kwonly);
		}
		kwonly = kwonly || star;
		i = e + 1;
	}
	f->nparams = ps.n;
	f->params = params_finish(sp, &ps);
}

/*
 * A line opening a def or a class: push its frame, and remember a def at
 * module level by its name.  False for any other line.
 */
static bool
open_frame(struct sp *sp, unsigned indent)
{
	size_t i = sp->t[0].kw == PYKW_ASYNC ? 1 : 0, k;
	struct frame *f;

	if (i >= sp->nt || sp->t[i].type != PYTOK_NAME ||
	    (sp->t[i].kw != PYKW_DEF && sp->t[i].kw != PYKW_CLASS))
		return false;
	f = arena_calloc(sp->arena, 1, sizeof(*f));
	f->indent = indent;
	f->module_level = sp->t[i].kw == PYKW_DEF && !sp->nframes;
	XGROW(sp->frames, sp->nframes + 1, sp->aframes);
	sp->frames[sp->nframes++] = f;
	if (sp->t[i].kw != PYKW_DEF || i + 2 >= sp->nt ||
	    sp->t[i + 1].type != PYTOK_NAME || !is_op(sp, i + 2, PYOP_LPAR))
		return true;
	k = match(sp, i + 2, sp->nt);
	if (k < sp->nt)
		read_params(sp, f, i + 2, k);
	if (!f->module_level)
		return true;
	/* a def of the same name again replaces it */
	k = strset_find(&sp->funcs, sp->t[i + 1].s, sp->t[i + 1].n);
	if (k == SIZE_MAX) {
		XGROW(sp->fns, sp->nfns + 1, sp->afns);
		k = sp->nfns++;
		strset_add(&sp->funcs, sp->t[i + 1].s, sp->t[i + 1].n, k);
	}
	sp->fns[k] = f;
	return true;
}

/* The arguments of the call whose '(' is at lpar, kept in f. */
static void
call_args(struct sp *sp, struct frame *f, size_t lpar)
{
	size_t rpar = match(sp, lpar, sp->nt), i = lpar + 1;
	struct vec pos = {NULL, 0, 0};
	struct params kw = {NULL, 0, 0};

	if (rpar >= sp->nt) {
		f->args_unknown = true;
		return;
	}
	while (i < rpar) {
		size_t e = find_top(sp, i, rpar, PYOP_COMMA);

		if (e > i &&
		    (is_op(sp, i, PYOP_STAR) || is_op(sp, i, PYOP_DOUBLESTAR)))
			f->args_unknown = true;
		else if (e > i + 1 && sp->t[i].type == PYTOK_NAME &&
			 is_op(sp, i + 1, PYOP_EQ))
			params_push(&kw, &sp->t[i], eval(sp, i + 2, e, 0),
				    false, false);
		else if (e > i)
			vec_push(&pos, eval(sp, i, e, 0));
		i = e + 1;
	}
	f->nargs = pos.n;
	f->args = vec_finish(sp, &pos);
	f->nkwargs = kw.n;
	f->kwargs = params_finish(sp, &kw);
}

/* A module-level line: count the calls of module-level defs in it. */
static void
note_calls(struct sp *sp)
{
	size_t i, k;

	for (i = 0; sp->nfns && i + 1 < sp->nt; i++) {
		const struct pytok *t = &sp->t[i];
		struct frame *f;

		if (t->type != PYTOK_NAME || t->kw != PYKW_NONE ||
		    !is_op(sp, i + 1, PYOP_LPAR) ||
		    (i > 0 && is_op(sp, i - 1, PYOP_DOT)))
			continue;
		k = strset_find(&sp->funcs, t->s, t->n);
		if (k == SIZE_MAX)
			continue;
		f = sp->fns[k];
		if (f->ncalls++ == 0)
			call_args(sp, f, i + 1);
	}
}

/* Keep the setup() call at lpar, inside a def, for the end of the file. */
static void
defer_setup(struct sp *sp, size_t lpar)
{
	sp->defer = xmalloc(sp->nt * sizeof(*sp->defer));
	memcpy(sp->defer, sp->t, sp->nt * sizeof(*sp->defer));
	sp->ndefer = sp->nt;
	sp->defer_lpar = lpar;
	sp->defer_frames = arena_memdup(sp->arena, sp->frames,
					sp->nframes * sizeof(*sp->frames));
	sp->ndefer_frames = sp->nframes;
}

/* The value of parameter k of f in the body of f. */
static struct pyval *
param_value(const struct frame *f, size_t k)
{
	const struct param *p = &f->params[k];
	size_t j;

	if (!f->module_level || f->ncalls != 1 || f->args_unknown || p->star)
		return p->v;
	for (j = 0; j < f->nkwargs; j++) {
		if (f->kwargs[j].n == p->n &&
		    !memcmp(f->kwargs[j].s, p->s, p->n))
			return f->kwargs[j].v;
	}
	/* the parameters before a '*' one are the positional ones */
	return !p->kwonly && k < f->nargs ? f->args[k] : p->v;
}

/* Read the deferred setup() with the parameters around it as constants. */
static void
read_deferred(struct sp *sp, const struct file_view *fv)
{
	size_t c, k;

	/* the innermost def's parameters hide those of the defs outside */
	for (c = sp->ndefer_frames; c-- > 0;) {
		const struct frame *f = sp->defer_frames[c];

		for (k = 0; k < f->nparams; k++) {
			if (!strset_add(&sp->locals, f->params[k].s,
					f->params[k].n, sp->nlocalv))
				continue;
			XGROW(sp->localv, sp->nlocalv + 1, sp->alocalv);
			sp->localv[sp->nlocalv++] = param_value(f, k);
		}
	}
	sp->t = sp->defer;
	sp->nt = sp->ndefer;
	read_setup(sp, sp->defer_lpar, match(sp, sp->defer_lpar, sp->nt), fv);
}

static int
setup_py_scan(struct scan_ctx *ctx, const struct file_view *fv)
{
	struct sp sp;
	struct pylex lx;

	memset(&sp, 0, sizeof(sp));
	sp.ctx = ctx;
	sp.arena = scan_arena(ctx);
	pylex_init(&lx, ctx, fv->data, fv->len);
	while (pylex_line(&lx)) {
		size_t lpar;
		bool header;

		sp.t = lx.toks;
		sp.nt = lx.ntoks;
		if (!sp.nt)
			continue;
		/* a line no deeper than a def's header ends its body */
		while (sp.nframes &&
		       lx.line_indent <= sp.frames[sp.nframes - 1]->indent)
			sp.nframes--;
		note_version_file(&sp);
		header = open_frame(&sp, lx.line_indent);
		lpar = setup_call(&sp);
		if (lpar && sp.have_setup) {
			scan_warn(ctx, sp.t[lpar].line, sp.t[lpar - 1].col,
				  "another setup() call; only the first is "
				  "read");
		} else if (lpar) {
			size_t rpar = match(&sp, lpar, sp.nt);

			sp.have_setup = true;
			if (rpar >= sp.nt)
				scan_error(ctx, sp.t[lpar].line, sp.t[lpar].col,
					   "unclosed '(' of setup()");
			if (sp.nframes)
				defer_setup(&sp, lpar);
			else
				read_setup(&sp, lpar, rpar, fv);
		} else if (!header && !sp.nframes) {
			note_calls(&sp);
			if (lx.line_indent == 0)
				assignment(&sp);
		}
	}
	if (sp.defer)
		read_deferred(&sp, fv);
	if (!sp.have_setup)
		scan_warn(ctx, 0, 0, "no setup() call found");
	pylex_release(&lx);
	strset_release(&sp.syms);
	free(sp.vals);
	strbuf_release(&sp.tmp);
	free(sp.frames);
	strset_release(&sp.funcs);
	free(sp.fns);
	free(sp.defer);
	strset_release(&sp.locals);
	free(sp.localv);
	return 0;
}

const struct scanner scanner_setup_py = {
	.name = "setup.py",
	.kind = SCAN_DECLARED,
	.bid = setup_py_bid,
	.scan = setup_py_scan,
};
