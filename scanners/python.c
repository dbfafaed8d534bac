/* python.c - the imports of Python source, read as CPython reads them
 *
 * scanners/pylex.c turns the bytes into logical lines of tokens exactly
 * as CPython's tokenizer does.  Here two layers, each a loop with no
 * recursion over input:
 *
 *  - the line parser takes one logical line at a time and finds import
 *    statements, compound statement headers and, in expressions,
 *    importlib.import_module("x") / __import__("x") with a literal;
 *  - the block stack turns indentation into the context of each import:
 *    function, class, guarded try body, TYPE_CHECKING, conditional.
 *
 * Whether a try body is guarded is known only when its handlers are seen,
 * so imports are held until the end of the file and emitted then.
 */
#include "scanners/scanners.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/strbuf.h"
#include "core/xalloc.h"
#include "scanners/pycond.h"
#include "scanners/pylex.h"

/* Names with a role in finding imports. */
enum role {
	N_NONE,
	N_BUILTINS,
	N_CATCHES, /* what a failed import raises, or a base of it */
	N_DUNDER_IMPORT,
	N_IMPORTLIB,
	N_IMPORT_MODULE,
	N_PACKAGE,
	N_PRINT,
	N_TYPE_CHECKING,
};

enum {
	MAX_BLOCKS = 100, /* CPython's MAXINDENT */
	MAX_TYPING_ALIASES = 16,
	MAX_LAMBDAS = 64,
};

struct block {
	unsigned indent;
	unsigned flags; /* IMPORT_* of the constructs around it */
	int try_id;     /* innermost try whose body holds it, -1 for none */
	int last_try;   /* the last try statement directly in it */
	bool in_function;
	bool is_match; /* a match body: 'case' starts a clause */
	/* What an elif or else after the last if (for, while, try) here
	 * adds: the branches before it not taken. */
	unsigned orelse;
	/* The try whose ImportError handler holds it, -1 for none. */
	int fallback_try;
	/* The test of the innermost if or elif around it, as written. */
	const char *test;
	unsigned ntest;
	/* The headers ("def f(...):", "class C:") of the innermost
	 * function and class around it; their names are read when an
	 * import needs them. */
	const char *fn, *cls;
};

struct try_rec {
	int parent;
	bool guards; /* a handler catches what a failed import raises */
	/* Its body's text, from the header to the line that ends it (end
	 * NULL while the body goes on). */
	const char *start, *end;
};

struct held_import {
	struct import imp;
	int try_id;
	int fallback_id;
	/* What code calls to run it (a function-level import): the
	 * function's name, or the class's for its __init__ or __new__. */
	const char *callee;
	unsigned ncallee;
};

struct py {
	struct pylex lx;
	struct arena *arena;
	struct block blocks[MAX_BLOCKS];
	int nblocks;
	bool have_pending;
	struct block pending;
	unsigned pending_line;
	struct try_rec *tries;
	size_t ntries, atries;
	struct held_import *held;
	size_t nheld, aheld;
	const char *next_import; /* the first "import" past the last line */
	const char *typing[MAX_TYPING_ALIASES];
	size_t ntyping;
	struct pycond cond; /* the static conditions of the file */
	unsigned file_flags;
	const char *text;   /* the decoded source */
	int rest;           /* calls_ahead(): 0 not decided, 1 yes, -1 no */
	const char *callee; /* the last held import's */
};

/* ---------------------------------------------------------------- */
/* the line parser */

static bool
is_op(const struct py *py, size_t i, enum pyop op)
{
	return i < py->lx.ntoks && py->lx.toks[i].type == PYTOK_OP &&
	       py->lx.toks[i].op == op;
}

static bool
is_kw(const struct py *py, size_t i, enum pykw kw)
{
	return i < py->lx.ntoks && py->lx.toks[i].type == PYTOK_NAME &&
	       py->lx.toks[i].kw == kw;
}

/* The role of a name the parser looks for, by its spelling. */
static enum role
role(const struct pytok *t)
{
	if (t->type != PYTOK_NAME || t->kw != PYKW_NONE)
		return N_NONE;
	switch (t->n) {
	case 5:
		return pylex_name_is(t, "print") ? N_PRINT : N_NONE;
	case 7:
		return pylex_name_is(t, "package") ? N_PACKAGE : N_NONE;
	case 8:
		return pylex_name_is(t, "builtins") ? N_BUILTINS : N_NONE;
	case 9:
		if (pylex_name_is(t, "importlib"))
			return N_IMPORTLIB;
		return pylex_name_is(t, "Exception") ? N_CATCHES : N_NONE;
	case 10:
		return pylex_name_is(t, "__import__") ? N_DUNDER_IMPORT
						      : N_NONE;
	case 11:
		return pylex_name_is(t, "ImportError") ? N_CATCHES : N_NONE;
	case 13:
		if (pylex_name_is(t, "import_module"))
			return N_IMPORT_MODULE;
		if (pylex_name_is(t, "TYPE_CHECKING"))
			return N_TYPE_CHECKING;
		return pylex_name_is(t, "BaseException") ? N_CATCHES : N_NONE;
	case 19:
		return pylex_name_is(t, "ModuleNotFoundError") ? N_CATCHES
							       : N_NONE;
	}
	return N_NONE;
}

static bool
is_role(const struct py *py, size_t i, enum role r)
{
	return i < py->lx.ntoks && role(&py->lx.toks[i]) == r;
}

/* The ':' ending a compound statement header that starts at a, or -1. */
static long
header_colon(const struct py *py, size_t a)
{
	int depth = 0, lambdas = 0;
	size_t i;

	for (i = a; i < py->lx.ntoks; i++) {
		const struct pytok *t = &py->lx.toks[i];

		depth += pylex_depth_delta(t);
		if (depth)
			continue;
		if (t->type == PYTOK_NAME && t->kw == PYKW_LAMBDA)
			lambdas++;
		else if (t->type == PYTOK_OP && t->op == PYOP_COLON && lambdas)
			lambdas--;
		else if (t->type == PYTOK_OP && t->op == PYOP_COLON)
			return (long)i;
		else if (t->type == PYTOK_OP && t->op == PYOP_SEMI)
			return -1;
	}
	return -1;
}

/* The end of the simple statement starting at a: its ';' or the end. */
static size_t
stmt_end(const struct py *py, size_t a)
{
	int depth = 0;
	size_t i;

	for (i = a; i < py->lx.ntoks; i++) {
		depth += pylex_depth_delta(&py->lx.toks[i]);
		if (!depth && is_op(py, i, PYOP_SEMI))
			return i;
	}
	return py->lx.ntoks;
}

static unsigned
cond(const struct block *ctx)
{
	return ctx->in_function ? IMPORT_LOCAL_CONDITION : IMPORT_CONDITIONAL;
}

/* What a branch taken when a test is v adds in ctx: nothing when it is
 * true, unreachable when false, conditional when undecided. */
static unsigned
branch(const struct block *ctx, enum tri v)
{
	if (v == TRI_TRUE)
		return 0;
	return v == TRI_FALSE ? (unsigned)IMPORT_UNREACHABLE : cond(ctx);
}

/* The context of a def or lambda body inside ctx. */
static struct block
function_body(const struct block *ctx)
{
	struct block b = *ctx;

	b.flags =
		(ctx->flags & ~(unsigned)IMPORT_CONDITIONAL) | IMPORT_FUNCTION;
	if (ctx->flags & IMPORT_CONDITIONAL)
		b.flags |= IMPORT_LOCAL_CONDITION;
	b.try_id = -1;
	b.last_try = -1;
	b.fallback_try = -1;
	b.in_function = true;
	b.is_match = false;
	return b;
}

static bool
alnum(unsigned char c)
{
	return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ||
	       (c >= '0' && c <= '9');
}

static bool
ident_byte(unsigned char c)
{
	return c == '_' || c >= 0x80 || alnum(c);
}

/* The name after the keyword that starts s ("def f(", "class C:"). */
static const char *
name_after_keyword(const char *s, const char *end, unsigned *n)
{
	const char *name;

	while (s < end && ident_byte((unsigned char)*s))
		s++;
	while (s < end && (*s == ' ' || *s == '\t' || *s == '\f'))
		s++;
	for (name = s; s < end && ident_byte((unsigned char)*s); s++)
		;
	*n = (unsigned)(s - name);
	return s > name ? name : NULL;
}

/*
 * Whether the test t[0..n) of an if names module: one of its words (a
 * run of letters and digits in a name or a string, three or more long)
 * is the module's top-level name, or that name's first part before an
 * underscore, case aside.  The branch then runs when that library is
 * chosen or at hand: "if library == 'trio': import trio", "if
 * options.dump_pyannotate: import pyannotate_runtime".
 */
static bool
test_names(const char *t, size_t n, const char *module)
{
	size_t ntop = strcspn(module, "."), i = 0;

	while (i < n) {
		size_t w = i, k;

		while (i < n && alnum((unsigned char)t[i]))
			i++;
		if (i == w) {
			i++;
			continue;
		}
		if (i - w < 3 || i - w > ntop ||
		    (i - w < ntop && module[i - w] != '_'))
			continue;
		for (k = 0;
		     k < i - w && (t[w + k] | 0x20) == (module[k] | 0x20); k++)
			;
		if (k == i - w)
			return true;
	}
	return false;
}

static void
hold(struct py *py, const struct block *ctx, enum import_kind kind,
     const char *module, unsigned level, const char **names, size_t nnames,
     unsigned line, unsigned flags)
{
	struct held_import *h;

	XGROW(py->held, py->nheld + 1, py->aheld);
	h = &py->held[py->nheld++];
	h->imp.module = module;
	h->imp.names = names;
	h->imp.nnames = nnames;
	h->imp.line = line;
	h->imp.level = level;
	h->imp.kind = kind;
	h->imp.flags = ctx->flags | flags | py->file_flags;
	h->imp.ignore = NULL;
	h->imp.try_guard = 0;
	h->imp.try_fallback = 0;
	h->try_id = ctx->try_id;
	h->fallback_id = ctx->fallback_try;
	h->callee = NULL;
	if (ctx->in_function && ctx->fn) {
		unsigned n, ncls;
		const char *fn = name_after_keyword(ctx->fn, py->lx.end, &n);
		const char *cls =
			ctx->cls ? name_after_keyword(ctx->cls, py->lx.end,
						      &ncls)
				 : NULL;

		/* a constructor runs when its class is called */
		if (fn && cls &&
		    ((n == 8 && !memcmp(fn, "__init__", 8)) ||
		     (n == 7 && !memcmp(fn, "__new__", 7)))) {
			fn = cls;
			n = ncls;
		}
		/* one string for the imports of one function */
		if (fn && py->callee && strlen(py->callee) == n &&
		    !memcmp(py->callee, fn, n))
			h->callee = py->callee;
		else if (fn)
			h->callee = py->callee =
				arena_strndup(py->arena, fn, n);
	}
	if (ctx->test && !level && test_names(ctx->test, ctx->ntest, module))
		h->imp.flags |= IMPORT_OPTIONAL_USE;
}

/* Parse NAME ('.' NAME)* at *i into an arena string; NULL if absent. */
static const char *
dotted_name(struct py *py, size_t *i)
{
	struct strbuf sb = STRBUF_INIT;
	const char *name;
	size_t k = *i;

	for (;;) {
		const struct pytok *t =
			k < py->lx.ntoks ? &py->lx.toks[k] : NULL;

		if (!t || t->type != PYTOK_NAME || pylex_hard_keyword(t->kw)) {
			strbuf_release(&sb);
			return NULL;
		}
		strbuf_add(&sb, t->s, t->n);
		k++;
		if (!is_op(py, k, PYOP_DOT))
			break;
		strbuf_addch(&sb, '.');
		k++;
	}
	*i = k;
	name = arena_strndup(py->arena, sb.buf, sb.len);
	strbuf_release(&sb);
	return name;
}

static bool
at_stmt_end(const struct py *py, size_t i)
{
	return i >= py->lx.ntoks || is_op(py, i, PYOP_SEMI);
}

static size_t
bad_statement(struct py *py, size_t i, const char *what)
{
	const struct pytok *t =
		&py->lx.toks[i < py->lx.ntoks ? i : py->lx.ntoks - 1];

	pylex_warn(&py->lx, t->line, t->col, "invalid syntax in %s statement",
		   what);
	return stmt_end(py, i);
}

/* import a.b as c, d */
static size_t
parse_import(struct py *py, size_t i, const struct block *ctx)
{
	unsigned line = py->lx.toks[i].line;

	i++;
	for (;;) {
		const char *module = dotted_name(py, &i);
		const char *bound = module;
		const struct pytok *alias = NULL;

		if (!module)
			return bad_statement(py, i, "import");
		if (is_kw(py, i, PYKW_AS)) {
			if (i + 1 >= py->lx.ntoks ||
			    py->lx.toks[i + 1].type != PYTOK_NAME)
				return bad_statement(py, i, "import");
			alias = &py->lx.toks[i + 1];
			bound = arena_strndup(py->arena, alias->s, alias->n);
			i += 2;
		}
		pycond_bind_import(&py->cond, module, alias);
		if (!strcmp(module, "typing") &&
		    py->ntyping < MAX_TYPING_ALIASES)
			py->typing[py->ntyping++] = bound;
		hold(py, ctx, IMPORT_PLAIN, module, 0, NULL, 0, line, 0);
		if (!is_op(py, i, PYOP_COMMA))
			break;
		i++;
	}
	if (!at_stmt_end(py, i))
		return bad_statement(py, i, "import");
	return i;
}

/* from ..a.b import (c as d, e) */
static size_t
parse_from(struct py *py, size_t i, const struct block *ctx)
{
	unsigned line = py->lx.toks[i].line;
	const char *module = "";
	const char **names = NULL;
	size_t nnames = 0, anames = 0;
	unsigned level = 0;
	bool paren = false;

	i++;
	while (is_op(py, i, PYOP_DOT)) {
		level++;
		i++;
	}
	if (!is_kw(py, i, PYKW_IMPORT)) {
		module = dotted_name(py, &i);
		if (!module)
			return bad_statement(py, i, "from-import");
	} else if (!level) {
		return bad_statement(py, i, "from-import");
	}
	if (!is_kw(py, i, PYKW_IMPORT))
		return bad_statement(py, i, "from-import");
	i++;
	if (is_op(py, i, PYOP_STAR)) {
		names = arena_alloc(py->arena, sizeof(*names));
		names[0] = "*";
		nnames = 1;
		i++;
	} else {
		const char **tmp = NULL;

		if (is_op(py, i, PYOP_LPAR)) {
			paren = true;
			i++;
		}
		for (;;) {
			const struct pytok *t =
				i < py->lx.ntoks ? &py->lx.toks[i] : NULL;

			if (!t || t->type != PYTOK_NAME ||
			    pylex_hard_keyword(t->kw)) {
				free(tmp);
				return bad_statement(py, i, "from-import");
			}
			XGROW(tmp, nnames + 1, anames);
			tmp[nnames++] = arena_strndup(py->arena, t->s, t->n);
			i++;
			if (is_kw(py, i, PYKW_AS)) {
				if (i + 1 >= py->lx.ntoks ||
				    py->lx.toks[i + 1].type != PYTOK_NAME) {
					free(tmp);
					return bad_statement(py, i,
							     "from-import");
				}
				i += 2;
			}
			pycond_bind_from(&py->cond, level ? NULL : module, t,
					 t + 1 < &py->lx.toks[i]
						 ? &py->lx.toks[i - 1]
						 : NULL);
			if (!is_op(py, i, PYOP_COMMA))
				break;
			i++;
			if (paren && is_op(py, i, PYOP_RPAR))
				break;
		}
		if (paren && !is_op(py, i++, PYOP_RPAR)) {
			free(tmp);
			return bad_statement(py, i - 1, "from-import");
		}
		names = arena_memdup(py->arena, tmp, nnames * sizeof(*names));
		free(tmp);
	}
	if (!at_stmt_end(py, i))
		return bad_statement(py, i, "from-import");
	hold(py, ctx, IMPORT_FROM, module, level, names, nnames, line, 0);
	return i;
}

/*
 * Whether the argument [a, e) is a str literal (implicitly concatenated,
 * maybe parenthesized): its value into out.
 */
static bool
literal_arg(const struct py *py, size_t a, size_t e, struct strbuf *out)
{
	size_t k = a, opens = 0;

	while (k < e && is_op(py, k, PYOP_LPAR)) {
		opens++;
		k++;
	}
	if (k >= e || py->lx.toks[k].type != PYTOK_STRING)
		return false;
	while (k < e && py->lx.toks[k].type == PYTOK_STRING) {
		if (!pylex_string_value(&py->lx.toks[k], out))
			return false;
		k++;
	}
	for (; opens; opens--, k++) {
		if (!is_op(py, k, PYOP_RPAR))
			return false;
	}
	return k == e;
}

/* The end of the call argument starting at a: its ',' or ')', or b. */
static size_t
arg_end(const struct py *py, size_t a, size_t b)
{
	int depth = 0;

	for (; a < b; a++) {
		depth += pylex_depth_delta(&py->lx.toks[a]);
		if (depth < 0 || (!depth && is_op(py, a, PYOP_COMMA)))
			return a;
	}
	return b;
}

/* Where a call argument is: [a, e), or a == e when it is absent. */
struct arg_span {
	size_t a, e;
};

/* Resolve a relative name with importlib's rules; false if it cannot. */
static bool
resolve_relative(struct strbuf *out, const char *name, unsigned level,
		 const char *package)
{
	size_t plen = strlen(package);
	unsigned up;

	for (up = 1; up < level; up++) {
		while (plen && package[plen - 1] != '.')
			plen--;
		if (!plen)
			return false;
		plen--;
	}
	strbuf_add(out, package, plen);
	if (*name) {
		strbuf_addch(out, '.');
		strbuf_addstr(out, name);
	}
	return true;
}

/*
 * At toks[k]: importlib.import_module(...), importlib.__import__(...),
 * __import__(...) or import_module(...) with a literal name.
 */
static void
dynamic_import(struct py *py, size_t k, size_t b, const struct block *ctx)
{
	const struct pytok *t = &py->lx.toks[k];
	struct strbuf name = STRBUF_INIT, pkg = STRBUF_INIT;
	struct strbuf full = STRBUF_INIT;
	bool takes_package = role(t) == N_IMPORT_MODULE;
	bool have_pkg = false;
	struct arg_span pos_name = {0, 0}, pos_pkg = {0, 0};
	struct arg_span kw_name = {0, 0}, kw_pkg = {0, 0};
	const char *rest;
	unsigned level = 0, npos = 0;
	size_t i;

	if (k > 0 &&
	    (is_op(py, k - 1, PYOP_DOT) || is_kw(py, k - 1, PYKW_DEF) ||
	     is_kw(py, k - 1, PYKW_CLASS)))
		return;
	if (role(t) == N_IMPORTLIB) {
		if (!is_op(py, k + 1, PYOP_DOT) || k + 2 >= b ||
		    (role(&py->lx.toks[k + 2]) != N_IMPORT_MODULE &&
		     role(&py->lx.toks[k + 2]) != N_DUNDER_IMPORT))
			return;
		takes_package = role(&py->lx.toks[k + 2]) == N_IMPORT_MODULE;
		i = k + 3;
	} else {
		i = k + 1;
	}
	if (i >= b || !is_op(py, i, PYOP_LPAR))
		return;
	/* The name is the first positional argument, or name=; the package
	 * the second, or package=. */
	for (i++; i < b && !is_op(py, i, PYOP_RPAR); i++) {
		size_t a = i;
		struct arg_span *to = NULL;

		if (py->lx.toks[i].type == PYTOK_NAME &&
		    is_op(py, i + 1, PYOP_EQ)) {
			if (pylex_name_is(&py->lx.toks[i], "name"))
				to = &kw_name;
			else if (is_role(py, i, N_PACKAGE))
				to = &kw_pkg;
			a = i + 2;
		} else if (!is_op(py, i, PYOP_DOUBLESTAR)) {
			to = npos == 0   ? &pos_name
			     : npos == 1 ? &pos_pkg
					 : NULL;
			npos++;
		}
		i = arg_end(py, a, b);
		if (to && to->a == to->e)
			*to = (struct arg_span){a, i};
		if (i >= b || !is_op(py, i, PYOP_COMMA))
			break;
	}
	if (pos_name.a == pos_name.e && !npos)
		pos_name = kw_name;
	if (pos_pkg.a == pos_pkg.e)
		pos_pkg = kw_pkg;
	if (!literal_arg(py, pos_name.a, pos_name.e, &name))
		goto out;
	if (takes_package && pos_pkg.a != pos_pkg.e)
		have_pkg =
			literal_arg(py, pos_pkg.a, pos_pkg.e, &pkg) && pkg.len;
	rest = strbuf_str(&name);
	while (rest[level] == '.')
		level++;
	rest += level;
	if (level && have_pkg &&
	    resolve_relative(&full, rest, level, strbuf_str(&pkg))) {
		rest = strbuf_str(&full);
		level = 0;
	}
	hold(py, ctx, IMPORT_PLAIN, arena_strdup(py->arena, rest), level, NULL,
	     0, t->line, IMPORT_DYNAMIC);
out:
	strbuf_release(&name);
	strbuf_release(&pkg);
	strbuf_release(&full);
}

/*
 * Look through the expression tokens [a, b) for dynamic imports, giving
 * the body of each lambda the context of a function.
 */
static void
scan_expr(struct py *py, size_t a, size_t b, const struct block *ctx)
{
	struct lam {
		int depth;
		bool body;
	} lams[MAX_LAMBDAS];
	int nlams = 0, depth = 0, inbody = 0;
	struct block fctx = function_body(ctx);
	size_t k;

	for (k = a; k < b; k++) {
		const struct pytok *t = &py->lx.toks[k];
		int d = pylex_depth_delta(t);

		/* What ends the body of the lambdas at this depth. */
		while (nlams && lams[nlams - 1].body &&
		       (d < 0 ? depth + d < lams[nlams - 1].depth
			      : depth == lams[nlams - 1].depth &&
					((t->type == PYTOK_OP &&
					  (t->op == PYOP_COMMA ||
					   t->op == PYOP_COLON ||
					   t->op == PYOP_SEMI)) ||
					 (t->type == PYTOK_NAME &&
					  (t->kw == PYKW_FOR ||
					   t->kw == PYKW_ASYNC))))) {
			nlams--;
			inbody--;
		}
		depth += d;
		if (t->type == PYTOK_OP && t->op == PYOP_COLON && nlams &&
		    !lams[nlams - 1].body && lams[nlams - 1].depth == depth) {
			lams[nlams - 1].body = true;
			inbody++;
			continue;
		}
		if (t->type != PYTOK_NAME)
			continue;
		if (t->kw == PYKW_LAMBDA) {
			if (nlams < MAX_LAMBDAS)
				lams[nlams++] = (struct lam){depth, false};
		} else if (t->kw == PYKW_IMPORT) {
			pylex_warn(&py->lx, t->line, t->col,
				   "invalid syntax: 'import'");
		} else if (t->n >= 9 && t->n <= 13 &&
			   (role(t) == N_IMPORTLIB ||
			    role(t) == N_DUNDER_IMPORT ||
			    role(t) == N_IMPORT_MODULE)) {
			dynamic_import(py, k, b, inbody ? &fctx : ctx);
		}
	}
}

/* Whether [a, b) is TYPE_CHECKING or typing.TYPE_CHECKING (or alias). */
static bool
is_type_checking(const struct py *py, size_t a, size_t b)
{
	while (b - a >= 2 && is_op(py, a, PYOP_LPAR) &&
	       is_op(py, b - 1, PYOP_RPAR)) {
		int depth = 0;
		size_t k;

		for (k = a; k < b - 1; k++) {
			depth += pylex_depth_delta(&py->lx.toks[k]);
			if (!depth)
				return false; /* (a) and (b) */
		}
		a++;
		b--;
	}
	if (b - a == 1)
		return is_role(py, a, N_TYPE_CHECKING);
	if (b - a == 3 && py->lx.toks[a].type == PYTOK_NAME &&
	    is_op(py, a + 1, PYOP_DOT) && is_role(py, a + 2, N_TYPE_CHECKING)) {
		size_t i;

		for (i = 0; i < py->ntyping; i++) {
			if (strlen(py->typing[i]) == py->lx.toks[a].n &&
			    !memcmp(py->typing[i], py->lx.toks[a].s,
				    py->lx.toks[a].n))
				return true;
		}
	}
	return false;
}

/*
 * Whether the handler expression [a, b) catches what a failed import
 * raises: nothing (catch-all), or a name among ImportError,
 * ModuleNotFoundError, Exception, BaseException (or builtins.X), alone
 * or in a tuple.
 */
static bool
catches_import_error(const struct py *py, size_t a, size_t b)
{
	size_t k;

	if (b - a >= 2 && is_kw(py, b - 2, PYKW_AS))
		b -= 2;
	if (a == b)
		return true;
	for (k = a; k < b; k++) {
		size_t first = k;

		if (!is_role(py, k, N_CATCHES))
			continue;
		if (k >= a + 2 && is_op(py, k - 1, PYOP_DOT) &&
		    is_role(py, k - 2, N_BUILTINS))
			first = k - 2;
		if (first > a && !is_op(py, first - 1, PYOP_LPAR) &&
		    !is_op(py, first - 1, PYOP_COMMA))
			continue;
		if (k + 1 < b && !is_op(py, k + 1, PYOP_COMMA) &&
		    !is_op(py, k + 1, PYOP_RPAR))
			continue;
		return true;
	}
	return false;
}

/*
 * Whether the items [a, b) of a with statement hold a call of suppress or
 * contextlib.suppress whose arguments catch what a failed import raises.
 */
static bool
suppresses_import_error(const struct py *py, size_t a, size_t b)
{
	size_t k;

	for (k = a; k + 1 < b; k++) {
		size_t first = k, rp;
		int depth = 0;

		if (!pylex_name_is(&py->lx.toks[k], "suppress") ||
		    !is_op(py, k + 1, PYOP_LPAR))
			continue;
		if (k >= a + 2 && is_op(py, k - 1, PYOP_DOT) &&
		    pylex_name_is(&py->lx.toks[k - 2], "contextlib"))
			first = k - 2;
		if (first > a && !is_op(py, first - 1, PYOP_LPAR) &&
		    !is_op(py, first - 1, PYOP_COMMA))
			continue;
		for (rp = k + 1; rp < b; rp++) {
			depth += pylex_depth_delta(&py->lx.toks[rp]);
			if (!depth)
				break;
		}
		if (rp < b && rp > k + 2 && catches_import_error(py, k + 2, rp))
			return true;
	}
	return false;
}

static int
new_try(struct py *py, int parent)
{
	XGROW(py->tries, py->ntries + 1, py->atries);
	py->tries[py->ntries].parent = parent;
	py->tries[py->ntries].guards = false;
	py->tries[py->ntries].start = NULL;
	py->tries[py->ntries].end = NULL;
	return (int)py->ntries++;
}

static void parse_stmts(struct py *py, size_t i, struct block *ctx);

/*
 * The context of the body of a compound statement kw in ctx, and of its
 * header in *hctx.  tc: the header of an if or elif is TYPE_CHECKING;
 * test: whether it holds for the target otherwise.  An elif is read as
 * CPython's ast has it, an if in the else of the one before.
 */
static struct block
open_compound(struct py *py, enum pykw kw, enum tri test, bool tc,
	      struct block *ctx, struct block *hctx, const char *hs,
	      const char *he)
{
	struct block body = *ctx;
	unsigned taken =
		tc ? (unsigned)IMPORT_TYPE_CHECKING : branch(ctx, test);
	unsigned not_taken = tc ? cond(ctx) : branch(ctx, tri_not(test));

	*hctx = *ctx;
	body.is_match = false;
	body.last_try = -1;
	switch (kw) {
	case PYKW_IF:
		body.flags |= taken;
		ctx->orelse = not_taken;
		body.test = hs;
		body.ntest = (unsigned)(he - hs);
		break;
	case PYKW_ELIF:
		hctx->flags |= ctx->orelse;
		body.flags |= ctx->orelse | taken;
		ctx->orelse |= not_taken;
		body.test = hs;
		body.ntest = (unsigned)(he - hs);
		break;
	case PYKW_ELSE:
		body.flags |= ctx->orelse;
		break;
	case PYKW_MATCH:
		body.is_match = true;
		/* fall through */
	case PYKW_WHILE:
	case PYKW_FOR:
	case PYKW_WITH:
		body.flags |= cond(ctx);
		ctx->orelse = cond(ctx);
		break;
	case PYKW_CASE:
	case PYKW_EXCEPT:
		hctx->flags |= cond(ctx);
		body.flags |= cond(ctx);
		break;
	case PYKW_TRY:
		body.try_id = new_try(py, ctx->try_id);
		py->tries[body.try_id].start = hs;
		ctx->last_try = body.try_id;
		ctx->orelse = cond(ctx);
		break;
	case PYKW_DEF:
		body = function_body(ctx);
		body.fn = hs;
		break;
	case PYKW_CLASS:
		body.flags |= IMPORT_CLASS;
		body.cls = hs;
		body.fn = NULL;
		break;
	default: /* finally */
		break;
	}
	return body;
}

/* A header ended its line: the body comes on the next ones. */
static void
pend(struct py *py, const struct block *body, unsigned colon_line)
{
	py->have_pending = true;
	py->pending = *body;
	py->pending_line = colon_line;
}

/* A compound statement whose keyword is at toks[i]. */
static void
parse_compound(struct py *py, size_t i, struct block *ctx)
{
	enum pykw kw = py->lx.toks[i].kw;
	size_t hdr = i + 1;
	struct block body, hctx;
	enum tri test = TRI_UNKNOWN;
	bool tc;
	long colon;

	if (kw == PYKW_ASYNC) {
		kw = py->lx.toks[hdr].kw;
		hdr++;
	}
	colon = header_colon(py, hdr);
	if (colon < 0) {
		pylex_warn(&py->lx, py->lx.toks[i].line, py->lx.toks[i].col,
			   "expected ':'");
		scan_expr(py, hdr, py->lx.ntoks, ctx);
		return;
	}
	tc = (kw == PYKW_IF || kw == PYKW_ELIF) &&
	     is_type_checking(py, hdr, (size_t)colon);
	if ((kw == PYKW_IF || kw == PYKW_ELIF) && !tc)
		test = pycond_test(&py->cond, hdr, (size_t)colon);
	body = open_compound(py, kw, test, tc, ctx, &hctx,
			     py->lx.toks[hdr - 1].s, py->lx.toks[colon].s);
	if (kw == PYKW_EXCEPT) {
		if (is_op(py, hdr, PYOP_STAR))
			hdr++;
		if (ctx->last_try >= 0 && !py->tries[ctx->last_try].end)
			py->tries[ctx->last_try].end = py->lx.toks[i].s;
		if (ctx->last_try >= 0 &&
		    catches_import_error(py, hdr, (size_t)colon)) {
			py->tries[ctx->last_try].guards = true;
			body.fallback_try = ctx->last_try;
		}
	}
	/* "with suppress(ImportError):" guards its body as a try does */
	if (kw == PYKW_WITH &&
	    suppresses_import_error(py, hdr, (size_t)colon)) {
		body.flags = ctx->flags;
		body.try_id = new_try(py, ctx->try_id);
		py->tries[body.try_id].guards = true;
		py->tries[body.try_id].start = py->lx.toks[i].s;
	}
	scan_expr(py, hdr, (size_t)colon, &hctx);
	if ((size_t)colon + 1 == py->lx.ntoks)
		pend(py, &body, py->lx.toks[colon].line);
	else
		parse_stmts(py, (size_t)colon + 1, &body);
}

/* Python 2 forms CPython rejects at the start of a simple statement. */
static void
check_statement(struct py *py, size_t i, size_t end)
{
	const struct pytok *t = &py->lx.toks[i];

	const struct pytok *next = i + 1 < end ? &py->lx.toks[i + 1] : NULL;

	/* Two operands in a row: "print 'x'", "exec code". */
	if (t->type == PYTOK_NAME && !pylex_hard_keyword(t->kw) &&
	    t->kw != PYKW_MATCH && t->kw != PYKW_CASE && t->kw != PYKW_TYPE &&
	    next && next->type != PYTOK_OP &&
	    !(next->type == PYTOK_NAME && pylex_hard_keyword(next->kw))) {
		if (role(t) == N_PRINT)
			pylex_warn(&py->lx, t->line, t->col,
				   "missing parentheses in call to 'print' "
				   "(Python 2)");
		else
			pylex_warn(&py->lx, t->line, t->col, "invalid syntax");
	} else if (t->kw == PYKW_RAISE && t->type == PYTOK_NAME) {
		int depth = 0;
		size_t k;

		for (k = i + 1; k < end && !is_kw(py, k, PYKW_FROM); k++) {
			depth += pylex_depth_delta(&py->lx.toks[k]);
			if (!depth && is_op(py, k, PYOP_COMMA)) {
				pylex_warn(&py->lx, t->line, t->col,
					   "invalid syntax in raise statement "
					   "(Python 2)");
				break;
			}
		}
	}
}

static bool
is_compound_start(const struct py *py, size_t i, const struct block *ctx)
{
	const struct pytok *t = &py->lx.toks[i];
	long colon;

	switch (t->kw) {
	case PYKW_IF:
	case PYKW_ELIF:
	case PYKW_ELSE:
	case PYKW_WHILE:
	case PYKW_FOR:
	case PYKW_TRY:
	case PYKW_EXCEPT:
	case PYKW_FINALLY:
	case PYKW_WITH:
	case PYKW_DEF:
	case PYKW_CLASS:
		return true;
	case PYKW_ASYNC:
		return is_kw(py, i + 1, PYKW_DEF) ||
		       is_kw(py, i + 1, PYKW_FOR) ||
		       is_kw(py, i + 1, PYKW_WITH);
	case PYKW_MATCH:
	case PYKW_CASE:
		/* Soft keywords: a header ending the line, with something
		 * after the keyword that can start an expression. */
		if (t->kw == PYKW_CASE && !ctx->is_match)
			return false;
		colon = header_colon(py, i + 1);
		if (colon < 0 || (size_t)colon + 1 != py->lx.ntoks ||
		    (size_t)colon == i + 1)
			return false;
		t = &py->lx.toks[i + 1];
		/* "match.x:" is not a header, but "match ...:" is. */
		if (t->type == PYTOK_OP && t->op == PYOP_DOT)
			return is_op(py, i + 2, PYOP_DOT);
		return !(t->type == PYTOK_OP &&
			 (t->op == PYOP_EQ || t->op == PYOP_COMMA ||
			  t->op == PYOP_RPAR || t->op == PYOP_RSQB ||
			  t->op == PYOP_RBRACE ||
			  (t->op == PYOP_OTHER && t->n >= 2 &&
			   t->s[t->n - 1] == '=')));
	}
	return false;
}

/* The statements of the logical line from toks[i] on, in context ctx. */
static void
parse_stmts(struct py *py, size_t i, struct block *ctx)
{
	while (i < py->lx.ntoks) {
		const struct pytok *t = &py->lx.toks[i];
		size_t end;

		if (is_op(py, i, PYOP_SEMI)) {
			i++;
			continue;
		}
		if (t->type == PYTOK_NAME) {
			if (t->kw == PYKW_IMPORT) {
				i = parse_import(py, i, ctx);
				continue;
			}
			if (t->kw == PYKW_FROM) {
				i = parse_from(py, i, ctx);
				continue;
			}
			if (is_compound_start(py, i, ctx)) {
				parse_compound(py, i, ctx);
				return;
			}
		}
		end = stmt_end(py, i);
		check_statement(py, i, end);
		if (ctx == &py->blocks[0])
			pycond_note_constant(&py->cond, i, end);
		scan_expr(py, i, end, ctx);
		i = end;
	}
}

/*
 * A "# depaudit: ignore" or "# depaudit: ignore[rule,...]" comment on the
 * lines of a statement covers the imports held since index from.
 */
static void
apply_directive(struct py *py, size_t from, unsigned first, unsigned last)
{
	const char *d = pylex_directive(&py->lx, first, last);
	const char *rules, *close;
	size_t i;

	if (!d || strncmp(d, "ignore", 6) ||
	    (d[6] && d[6] != ' ' && d[6] != '['))
		return;
	rules = d + 6;
	while (*rules == ' ')
		rules++;
	if (*rules == '[' && (close = strchr(rules, ']')))
		rules = arena_strndup(py->arena, rules + 1,
				      (size_t)(close - rules - 1));
	else
		rules = "";
	for (i = from; i < py->nheld; i++)
		py->held[i].imp.ignore = rules;
}

/* Whether kw starts a compound statement whose body is a block. */
static bool
opens_block(enum pykw kw)
{
	switch (kw) {
	case PYKW_IF:
	case PYKW_ELIF:
	case PYKW_ELSE:
	case PYKW_WHILE:
	case PYKW_FOR:
	case PYKW_WITH:
	case PYKW_DEF:
	case PYKW_CLASS:
	case PYKW_TRY:
	case PYKW_FINALLY:
		return true;
	default:
		return false;
	}
}

static const char *import_after(struct py *py, const char *s);

/*
 * Whether what the lexer saw of a skimmed line is all the parser needs:
 * no "import" in it (so no import, not even a dynamic one), nothing the
 * Python 2 checks look at, and no compound statement but a header that
 * ends the line and is not about TYPE_CHECKING, an except or a match.
 */
static bool
skim_enough(struct py *py)
{
	const struct pylex_skim *sk = &py->lx.sk;
	const struct pytok *t = &py->lx.toks[0];
	size_t n = (size_t)(sk->end - t->s);

	if (import_after(py, t->s) < sk->end || sk->semis)
		return false;
	if (t->type != PYTOK_NAME) /* a statement starts after a ';' */
		return t->type != PYTOK_OP || t->op != PYOP_SEMI;
	/* A test or a module-level name = test the target may decide. */
	if ((t->kw == PYKW_IF || t->kw == PYKW_ELIF ||
	     (py->lx.line_indent == 0 && !pylex_hard_keyword(t->kw))) &&
	    pycond_mentions(&py->cond, t->s, n))
		return false;
	switch (t->kw) {
	case PYKW_NONE:
		return !sk->operand_second; /* see check_statement() */
	case PYKW_RAISE:
		return !sk->commas;
	case PYKW_IF:
	case PYKW_ELIF:
		if (mem_find(t->s, n, "TYPE_CHECKING"))
			return false;
		break;
	case PYKW_WITH:
		if (mem_find(t->s, n, "suppress"))
			return false;
		break;
	case PYKW_ASYNC:
	case PYKW_EXCEPT:
	case PYKW_MATCH:
	case PYKW_CASE:
	case PYKW_FROM:
	case PYKW_IMPORT:
		return false;
	default:
		break;
	}
	if (!opens_block(t->kw))
		return true;
	/* The header's colon is its only one, last, and no lambda (even a
	 * bad one, as in "for lambda:") can take it: see header_colon(). */
	return sk->colons == 1 && sk->colon_last &&
	       !mem_find(t->s, n, "lambda");
}

/* Fit the line's indentation to the block stack, then parse the line. */
static void
parse_line(struct py *py)
{
	unsigned col = py->lx.line_indent;
	struct block *top = &py->blocks[py->nblocks - 1];
	const struct pytok *first;
	size_t before;

	if (py->lx.skimmed && !skim_enough(py))
		pylex_unskim(&py->lx);
	first = &py->lx.toks[0];
	if (py->have_pending) {
		py->have_pending = false;
		if (col > top->indent) {
			if (py->nblocks == MAX_BLOCKS) {
				pylex_warn(&py->lx, first->line, first->col,
					   "too many levels of indentation");
			} else {
				py->blocks[py->nblocks] = py->pending;
				py->blocks[py->nblocks++].indent = col;
			}
		} else {
			pylex_warn(&py->lx, first->line, first->col,
				   "expected an indented block after line %u",
				   py->pending_line);
		}
	} else if (col > top->indent) {
		pylex_warn(&py->lx, first->line, first->col,
			   "unexpected indent");
		if (py->nblocks < MAX_BLOCKS) {
			py->blocks[py->nblocks] = *top;
			py->blocks[py->nblocks++].indent = col;
		}
	}
	while (py->nblocks > 1 && col < py->blocks[py->nblocks - 1].indent) {
		int id = py->blocks[py->nblocks - 1].try_id;

		/* a try body ends: where its handlers start */
		if (id >= 0 && id != py->blocks[py->nblocks - 2].try_id &&
		    !py->tries[id].end)
			py->tries[id].end = first->s;
		py->nblocks--;
	}
	top = &py->blocks[py->nblocks - 1];
	if (col != top->indent)
		pylex_warn(
			&py->lx, first->line, first->col,
			"unindent does not match any outer indentation level");
	if (py->lx.skimmed) {
		if (first->type == PYTOK_NAME && opens_block(first->kw)) {
			struct block hctx,
				body = open_compound(py, first->kw, TRI_UNKNOWN,
						     false, top, &hctx,
						     first->s, py->lx.sk.end);

			pend(py, &body, py->lx.sk.colon_line);
		}
		return;
	}
	before = py->nheld;
	parse_stmts(py, 0, top);
	if (py->nheld > before)
		apply_directive(py, before, first->line,
				py->lx.toks[py->lx.ntoks - 1].line);
}

/* ---------------------------------------------------------------- */
/* the scanner */

/* test_*.py, *_test.py, conftest.py, or anything under tests/ or test/ */
static bool
is_test_path(const char *path)
{
	const char *base = scanner_base_name(path);
	const char *p = path;
	size_t n = strlen(base);
	if (!strcmp(base, "conftest.py") ||
	    (n > 8 && !strncmp(base, "test_", 5) &&
	     !strcmp(base + n - 3, ".py")) ||
	    (n > 8 && !strcmp(base + n - 8, "_test.py")))
		return true;
	while (p < base) {
		const char *slash = strchr(p, '/');
		size_t k = (size_t)(slash - p);

		if ((k == 4 && !strncmp(p, "test", 4)) ||
		    (k == 5 && !strncmp(p, "tests", 5)))
			return true;
		p = slash + 1;
	}
	return false;
}

/*
 * Where the first "import" of [start, end) starts, or end.  memchr()
 * looks for its 'm', the rarest of its letters in Python source (about
 * one byte in 80).
 */
static const char *
first_import(const char *start, const char *end)
{
	const char *m = start + 1;

	while (end - m >= 5 && (m = memchr(m, 'm', (size_t)(end - m) - 4))) {
		if (m[-1] == 'i' && !memcmp(m + 1, "port", 4))
			return m - 1;
		m++;
	}
	return end;
}

/* Where the first "import" at or after s starts, or the end of the text. */
static const char *
import_after(struct py *py, const char *s)
{
	if (py->next_import < s)
		py->next_import = first_import(s, py->lx.end);
	return py->next_import;
}

/*
 * Whether the scan can stop before the logical line just lexed: no
 * "import" starts in it or after it (so no import, not even a dynamic
 * one such as __import__ or import_module, can come), it is at module level, and is no except, else,
 * finally or elif clause, so every try around an import has shown its
 * handlers.  Problems past that point are not looked for: there is no
 * import there to misread.
 */
static bool
past(struct py *py)
{
	const struct pytok *t = &py->lx.toks[0];

	if (import_after(py, t->s) != py->lx.end)
		return false;
	if (py->lx.line_indent != 0 || py->have_pending)
		return false;
	return !(t->type == PYTOK_NAME &&
		 (t->kw == PYKW_EXCEPT || t->kw == PYKW_ELSE ||
		  t->kw == PYKW_FINALLY || t->kw == PYKW_ELIF));
}

/* Whether p lies in the body of a try (or with) that guards imports. */
static bool
in_guarded_try(const struct py *py, const char *p)
{
	size_t i;

	for (i = 0; i < py->ntries; i++) {
		const struct try_rec *t = &py->tries[i];

		if (t->guards && t->start && t->start <= p &&
		    p < (t->end ? t->end : py->lx.end))
			return true;
	}
	return false;
}

/*
 * Whether the file calls name, and only in the body of a try that
 * guards imports: "try: return Provider() / except ImportError: ...".
 * A function-level import there is as optional as one in the try.  The
 * file is read as text (a call in a string counts, which only keeps the
 * import required); calls from other modules are not known.
 */
static bool
called_only_guarded(const struct py *py, const char *name)
{
	const char *p = py->text, *end = py->lx.end;
	size_t n = strlen(name), i;
	bool any = false;

	/* Not named in any guarded body: not called only there.  The
	 * bodies are short; the file is read only when one names it. */
	for (i = 0; i < py->ntries; i++) {
		const struct try_rec *t = &py->tries[i];

		if (t->guards && t->start &&
		    mem_find(t->start,
			     (size_t)((t->end ? t->end : end) - t->start),
			     name))
			break;
	}
	if (i == py->ntries)
		return false;

	while ((p = mem_find(p, (size_t)(end - p), name))) {
		const char *at = p, *q = p + n, *w;

		p = q;
		if ((at > py->text && ident_byte((unsigned char)at[-1])) ||
		    (q < end && ident_byte((unsigned char)*q)))
			continue;
		while (q < end && (*q == ' ' || *q == '\t'))
			q++;
		if (q == end || *q != '(')
			continue;
		/* its definition, "def name(" or "class name(" */
		for (w = at; w > py->text && (w[-1] == ' ' || w[-1] == '\t');
		     w--)
			;
		if ((w - py->text >= 3 && !memcmp(w - 3, "def", 3)) ||
		    (w - py->text >= 5 && !memcmp(w - 5, "class", 5)))
			continue;
		if (!in_guarded_try(py, at))
			return false;
		any = true;
	}
	return any;
}

/*
 * Whether the scan must go on past the last import all the same: a
 * handler or a suppress() of ImportError comes later, and so does the
 * name of a function that holds an import: that try may be the only
 * place the function is called from (called_only_guarded()).  Decided
 * once, at the first line past.
 */
static bool
calls_ahead(struct py *py)
{
	const char *s = py->lx.toks[0].s;
	size_t n = (size_t)(py->lx.end - s), i;

	if (py->rest)
		return py->rest > 0;
	py->rest = -1;
	/* a guard of a call names what it catches */
	if (!mem_find(s, n, "ImportError") &&
	    !mem_find(s, n, "ModuleNotFoundError"))
		return false;
	/* only a function named further on can be called there */
	for (i = 0; i < py->nheld; i++) {
		const struct held_import *h = &py->held[i];

		if (h->callee && h->try_id < 0 &&
		    (i == 0 || h->callee != py->held[i - 1].callee) &&
		    mem_find(s, n, h->callee)) {
			py->rest = 1;
			break;
		}
	}
	return py->rest > 0;
}

static int
python_bid(const char *path)
{
	size_t n = strlen(path);

	if ((n >= 3 && !strcmp(path + n - 3, ".py")) ||
	    (n >= 4 && !strcmp(path + n - 4, ".pyi")))
		return 10;
	return 0;
}

static int
python_scan(struct scan_ctx *ctx, const struct file_view *fv)
{
	struct arena *arena = scan_arena(ctx);
	struct py *py = arena_calloc(arena, 1, sizeof(*py));
	const char *last = NULL;
	bool guards, last_guarded = false;
	size_t i;

	py->arena = arena;
	py->file_flags = is_test_path(fv->path) ? IMPORT_TEST : 0;
	pylex_init(&py->lx, ctx, fv->data, fv->len);
	py->lx.skim = scan_skim(ctx);
	py->next_import = first_import(py->lx.p, py->lx.end);
	py->text = py->lx.p;
	memset(&py->blocks[0], 0, sizeof(py->blocks[0]));
	py->blocks[0].try_id = -1;
	py->blocks[0].last_try = -1;
	py->blocks[0].fallback_try = -1;
	py->nblocks = 1;
	pycond_init(&py->cond, &py->lx, arena, scan_python_minor(ctx));
	while (pylex_line(&py->lx)) {
		if (past(py) && !calls_ahead(py))
			break;
		parse_line(py);
	}
	if (py->have_pending && py->lx.p == py->lx.end)
		pylex_warn(&py->lx, py->lx.line, 0,
			   "expected an indented block after line %u",
			   py->pending_line);
	for (i = 0; i < py->ntries && !py->tries[i].guards; i++)
		;
	guards = i < py->ntries;
	for (i = 0; i < py->nheld; i++) {
		struct import *imp = &py->held[i].imp;
		const char *callee = py->held[i].callee;
		int id;

		for (id = py->held[i].try_id; id >= 0;
		     id = py->tries[id].parent) {
			if (py->tries[id].guards) {
				imp->flags |= IMPORT_TRY;
				imp->try_guard = (unsigned)id + 1;
				break;
			}
		}
		imp->try_fallback = (unsigned)(py->held[i].fallback_id + 1);
		if (guards && callee && !(imp->flags & IMPORT_TRY)) {
			if (!last || strcmp(last, callee)) {
				last = callee;
				last_guarded = called_only_guarded(py, callee);
			}
			if (last_guarded)
				imp->flags |= IMPORT_OPTIONAL_USE;
		}
		scan_emit_import(ctx, imp);
	}
	pylex_release(&py->lx);
	free(py->tries);
	free(py->held);
	return 0;
}

const struct scanner scanner_python = {
	.name = "python",
	.kind = SCAN_IMPORTS,
	.bid = python_bid,
	.scan = python_scan,
};
