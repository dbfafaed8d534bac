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
};

struct try_rec {
	int parent;
	bool guards; /* a handler catches what a failed import raises */
};

struct held_import {
	struct import imp;
	int try_id;
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
	unsigned file_flags;
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

static int
depth_delta(const struct pytok *t)
{
	if (t->type != PYTOK_OP)
		return 0;
	switch (t->op) {
	case PYOP_LPAR:
	case PYOP_LSQB:
	case PYOP_LBRACE:
	case PYOP_FOPEN:
		return 1;
	case PYOP_RPAR:
	case PYOP_RSQB:
	case PYOP_RBRACE:
	case PYOP_FCLOSE:
		return -1;
	}
	return 0;
}

/* The ':' ending a compound statement header that starts at a, or -1. */
static long
header_colon(const struct py *py, size_t a)
{
	int depth = 0, lambdas = 0;
	size_t i;

	for (i = a; i < py->lx.ntoks; i++) {
		const struct pytok *t = &py->lx.toks[i];

		depth += depth_delta(t);
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
		depth += depth_delta(&py->lx.toks[i]);
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
	b.in_function = true;
	b.is_match = false;
	return b;
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
	h->try_id = ctx->try_id;
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

		if (!module)
			return bad_statement(py, i, "import");
		if (is_kw(py, i, PYKW_AS)) {
			if (i + 1 >= py->lx.ntoks ||
			    py->lx.toks[i + 1].type != PYTOK_NAME)
				return bad_statement(py, i, "import");
			bound = arena_strndup(py->arena, py->lx.toks[i + 1].s,
					      py->lx.toks[i + 1].n);
			i += 2;
		}
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
 * A call argument that is a str literal (implicitly concatenated, maybe
 * parenthesized) followed by ',' or ')': its value into out, *i moved to
 * that ',' or ')'.
 */
static bool
literal_arg(const struct py *py, size_t *i, size_t b, struct strbuf *out)
{
	size_t k = *i, opens = 0;

	while (k < b && is_op(py, k, PYOP_LPAR)) {
		opens++;
		k++;
	}
	if (k >= b || py->lx.toks[k].type != PYTOK_STRING)
		return false;
	while (k < b && py->lx.toks[k].type == PYTOK_STRING) {
		if (!pylex_string_value(&py->lx.toks[k], out))
			return false;
		k++;
	}
	for (; opens; opens--, k++) {
		if (!is_op(py, k, PYOP_RPAR))
			return false;
	}
	if (k >= b || !(is_op(py, k, PYOP_COMMA) || is_op(py, k, PYOP_RPAR)))
		return false;
	*i = k;
	return true;
}

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
	const char *rest;
	unsigned level = 0;
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
	i++;
	if (!literal_arg(py, &i, b, &name))
		goto out;
	if (takes_package && is_op(py, i, PYOP_COMMA)) {
		i++;
		if (is_role(py, i, N_PACKAGE) && is_op(py, i + 1, PYOP_EQ))
			i += 2;
		have_pkg = literal_arg(py, &i, b, &pkg) && pkg.len;
	}
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
		int d = depth_delta(t);

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
			depth += depth_delta(&py->lx.toks[k]);
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

static int
new_try(struct py *py, int parent)
{
	XGROW(py->tries, py->ntries + 1, py->atries);
	py->tries[py->ntries].parent = parent;
	py->tries[py->ntries].guards = false;
	return (int)py->ntries++;
}

static void parse_stmts(struct py *py, size_t i, struct block *ctx);

/*
 * The context of the body of a compound statement kw in ctx, and of its
 * header in *hctx.  tc: the header of an if or elif is TYPE_CHECKING.
 */
static struct block
open_compound(struct py *py, enum pykw kw, bool tc, struct block *ctx,
	      struct block *hctx)
{
	struct block body = *ctx;

	*hctx = *ctx;
	body.is_match = false;
	body.last_try = -1;
	switch (kw) {
	case PYKW_IF:
		body.flags |= tc ? (unsigned)IMPORT_TYPE_CHECKING : cond(ctx);
		break;
	case PYKW_ELIF:
		hctx->flags |= cond(ctx);
		body.flags |= cond(ctx);
		if (tc)
			body.flags |= IMPORT_TYPE_CHECKING;
		break;
	case PYKW_MATCH:
		body.is_match = true;
		/* fall through */
	case PYKW_ELSE:
	case PYKW_WHILE:
	case PYKW_FOR:
	case PYKW_WITH:
		body.flags |= cond(ctx);
		break;
	case PYKW_CASE:
	case PYKW_EXCEPT:
		hctx->flags |= cond(ctx);
		body.flags |= cond(ctx);
		break;
	case PYKW_TRY:
		body.try_id = new_try(py, ctx->try_id);
		ctx->last_try = body.try_id;
		break;
	case PYKW_DEF:
		body = function_body(ctx);
		break;
	case PYKW_CLASS:
		body.flags |= IMPORT_CLASS;
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
	body = open_compound(py, kw,
			     (kw == PYKW_IF || kw == PYKW_ELIF) &&
				     is_type_checking(py, hdr, (size_t)colon),
			     ctx, &hctx);
	if (kw == PYKW_EXCEPT) {
		if (is_op(py, hdr, PYOP_STAR))
			hdr++;
		if (ctx->last_try >= 0 &&
		    catches_import_error(py, hdr, (size_t)colon))
			py->tries[ctx->last_try].guards = true;
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
			depth += depth_delta(&py->lx.toks[k]);
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
	while (py->nblocks > 1 && col < py->blocks[py->nblocks - 1].indent)
		py->nblocks--;
	top = &py->blocks[py->nblocks - 1];
	if (col != top->indent)
		pylex_warn(
			&py->lx, first->line, first->col,
			"unindent does not match any outer indentation level");
	if (py->lx.skimmed) {
		if (first->type == PYTOK_NAME && opens_block(first->kw)) {
			struct block hctx,
				body = open_compound(py, first->kw, false, top,
						     &hctx);

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
	size_t i;

	py->arena = arena;
	py->file_flags = is_test_path(fv->path) ? IMPORT_TEST : 0;
	pylex_init(&py->lx, ctx, fv->data, fv->len);
	py->lx.skim = scan_skim(ctx);
	py->next_import = first_import(py->lx.p, py->lx.end);
	py->blocks[0] = (struct block){0, 0, -1, -1, false, false};
	py->nblocks = 1;
	while (pylex_line(&py->lx)) {
		if (past(py))
			break;
		parse_line(py);
	}
	if (py->have_pending && py->lx.p == py->lx.end)
		pylex_warn(&py->lx, py->lx.line, 0,
			   "expected an indented block after line %u",
			   py->pending_line);
	for (i = 0; i < py->nheld; i++) {
		struct import *imp = &py->held[i].imp;
		int id;

		for (id = py->held[i].try_id; id >= 0;
		     id = py->tries[id].parent) {
			if (py->tries[id].guards) {
				imp->flags |= IMPORT_TRY;
				break;
			}
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
