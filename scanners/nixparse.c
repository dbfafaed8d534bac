/* nixparse.c - the Nix parser; see nixparse.h
 *
 * The whole file is tokenized first, so the parser can look ahead as far
 * as it needs (a '{' starts formals or a set, decided by what follows).
 * Recursive descent with precedence climbing for the operators; every
 * construct that nests counts against NIXPARSE_MAX_DEPTH.  The first
 * syntax error ends the parse: Nix itself reads nothing from such a file.
 */
#include "scanners/nixparse.h"

#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/scan.h"
#include "core/strbuf.h"
#include "core/xalloc.h"

/* Binding strength of the binary operators, loosest first. */
enum prec {
	P_NONE,
	P_IMPL,
	P_OR,
	P_AND,
	P_EQ,
	P_CMP,
	P_UPDATE,
	P_NOT,
	P_ADD,
	P_MUL,
	P_CONCAT,
	P_HASATTR,
	P_NEG,
};

struct parser {
	struct scan_ctx *ctx;
	struct arena *arena;
	const char *src;
	struct nixtok *toks;
	size_t ntoks;
	size_t pos;
	int depth;
	bool failed;
};

static const struct nixtok *
peek(const struct parser *p)
{
	return &p->toks[p->pos];
}

static int
peek_type(const struct parser *p, size_t ahead)
{
	size_t i = p->pos + ahead;

	return i < p->ntoks ? p->toks[i].type : NIXT_EOF;
}

static const struct nixtok *
next(struct parser *p)
{
	const struct nixtok *t = &p->toks[p->pos];

	if (p->pos + 1 < p->ntoks)
		p->pos++;
	return t;
}

static void
syntax_error(struct parser *p, const struct nixtok *t, const char *what)
{
	if (p->failed)
		return;
	p->failed = true;
	if (what)
		scan_error(p->ctx, t->line, t->col,
			   "syntax error: unexpected "
			   "%s, expecting %s",
			   nixlex_type_name(t->type), what);
	else
		scan_error(p->ctx, t->line, t->col,
			   "syntax error: unexpected "
			   "%s",
			   nixlex_type_name(t->type));
}

static bool
expect(struct parser *p, int type, const char *what)
{
	if (p->failed)
		return false;
	if (peek(p)->type != type) {
		syntax_error(p, peek(p), what);
		return false;
	}
	next(p);
	return true;
}

/* Count one level of nesting; false (diagnosed) past the limit. */
static bool
enter(struct parser *p)
{
	if (p->failed)
		return false;
	if (p->depth >= NIXPARSE_MAX_DEPTH) {
		const struct nixtok *t = peek(p);

		p->failed = true;
		scan_error(p->ctx, t->line, t->col,
			   "nesting deeper than %d levels", NIXPARSE_MAX_DEPTH);
		return false;
	}
	p->depth++;
	return true;
}

static void
leave(struct parser *p)
{
	p->depth--;
}

static struct nixnode *
new_node(struct parser *p, enum nixnode_kind kind, const struct nixtok *t)
{
	struct nixnode *n = arena_calloc(p->arena, 1, sizeof(*n));

	n->kind = kind;
	n->line = t->line;
	n->col = t->col;
	n->off = t->off;
	n->end = t->off + t->len;
	return n;
}

/* The end of the last token consumed. */
static size_t
last_end(const struct parser *p)
{
	const struct nixtok *t;

	if (!p->pos)
		return 0;
	t = &p->toks[p->pos - 1];
	return t->off + t->len;
}

static void
finish(struct parser *p, struct nixnode *n)
{
	size_t e = last_end(p);

	if (e > n->end)
		n->end = e;
}

static void *
keep(struct parser *p, void *tmp, size_t n, size_t size)
{
	void *v = n ? arena_memdup(p->arena, tmp, n * size) : NULL;

	free(tmp);
	return v;
}

static struct nixnode *parse_expr(struct parser *p);
static struct nixnode *parse_select(struct parser *p);

/* ---------------------------------------------------------------- */
/* strings and paths */

/* Parts up to the closing token close; the opening one is consumed. */
static struct nixnode *
parse_parts(struct parser *p, struct nixnode *n, int close)
{
	struct nixnode **kids = NULL;
	size_t nk = 0, ak = 0;

	while (!p->failed && peek(p)->type != close) {
		const struct nixtok *t = peek(p);
		struct nixnode *k;

		if (t->type == NIXT_PART) {
			next(p);
			k = new_node(p, NIXN_PART, t);
			k->part = t->part;
		} else if (t->type == NIXT_INTERP_OPEN) {
			next(p);
			k = parse_expr(p);
			if (!expect(p, NIXT_INTERP_CLOSE, "'}'"))
				break;
		} else {
			syntax_error(p, t, nixlex_type_name(close));
			break;
		}
		XGROW(kids, nk + 1, ak);
		kids[nk++] = k;
	}
	if (!p->failed)
		next(p);
	n->kids = keep(p, kids, nk, sizeof(*kids));
	n->nkids = nk;
	finish(p, n);
	return n;
}

static struct nixnode *
parse_string(struct parser *p)
{
	const struct nixtok *t = next(p);
	struct nixnode *n = new_node(p, NIXN_STR, t);

	n->ind = t->type == NIXT_IND_OPEN;
	return parse_parts(p, n, n->ind ? NIXT_IND_CLOSE : NIXT_STR_CLOSE);
}

static struct nixnode *
parse_ipath(struct parser *p)
{
	const struct nixtok *t = next(p);
	struct nixnode *n = new_node(p, NIXN_PATH, t);
	struct nixnode *first = new_node(p, NIXN_PART, t);
	struct nixnode **kids;
	size_t nold;

	first->part = NIXPART_PATH;
	parse_parts(p, n, NIXT_PATH_CLOSE);
	nold = n->nkids;
	kids = arena_calloc(p->arena, nold + 1, sizeof(*kids));
	kids[0] = first;
	if (nold)
		memcpy(kids + 1, n->kids, nold * sizeof(*kids));
	n->kids = kids;
	n->nkids = nold + 1;
	return n;
}

/* ---------------------------------------------------------------- */
/* attribute paths and bindings */

/* The unescaped text of a string node with no interpolation, or NULL. */
static const char *
static_string(struct parser *p, const struct nixnode *s)
{
	struct strbuf sb = STRBUF_INIT;
	const char *r;
	size_t i;

	for (i = 0; i < s->nkids; i++) {
		const struct nixnode *k = s->kids[i];

		if (k->kind != NIXN_PART) {
			strbuf_release(&sb);
			return NULL;
		}
		nixlex_unescape(&sb, (enum nixpart_kind)k->part,
				p->src + k->off, k->end - k->off);
	}
	r = arena_strndup(p->arena, strbuf_str(&sb), sb.len);
	strbuf_release(&sb);
	return r;
}

/* One attribute name; false after a syntax error. */
static bool
parse_attr(struct parser *p, struct nixattr *a)
{
	const struct nixtok *t = peek(p);

	memset(a, 0, sizeof(*a));
	a->line = t->line;
	a->col = t->col;
	a->off = t->off;
	if (t->type == NIXT_ID || t->type == NIXT_OR_KW) {
		next(p);
		a->name = arena_strndup(p->arena, p->src + t->off, t->len);
	} else if (t->type == NIXT_STR_OPEN) {
		struct nixnode *s = parse_string(p);

		a->name = static_string(p, s);
		if (!a->name)
			a->dyn = s;
	} else if (t->type == NIXT_INTERP_OPEN) {
		next(p);
		a->dyn = parse_expr(p);
		if (!expect(p, NIXT_INTERP_CLOSE, "'}'"))
			return false;
	} else {
		syntax_error(p, t, "an attribute name");
		return false;
	}
	a->end = last_end(p);
	return !p->failed;
}

static struct nixattr *
parse_attrpath(struct parser *p, size_t *npath)
{
	struct nixattr *v = NULL;
	size_t n = 0, a = 0;

	for (;;) {
		XGROW(v, n + 1, a);
		if (!parse_attr(p, &v[n]))
			break;
		n++;
		if (peek(p)->type != '.')
			break;
		next(p);
	}
	*npath = n;
	return keep(p, v, n, sizeof(*v));
}

/* Bindings up to '}' or 'in' (not consumed). */
static void
parse_binds(struct parser *p, struct nixnode *n)
{
	struct nixbind *v = NULL;
	size_t nb = 0, ab = 0;

	while (!p->failed) {
		const struct nixtok *t = peek(p);
		struct nixbind b;

		memset(&b, 0, sizeof(b));
		b.line = t->line;
		b.col = t->col;
		if (t->type == NIXT_INHERIT) {
			struct nixattr *names = NULL;
			size_t nn = 0, an = 0;

			next(p);
			b.kind = NIXB_INHERIT;
			if (peek(p)->type == '(') {
				next(p);
				b.value = parse_expr(p);
				if (!expect(p, ')', "')'"))
					break;
			}
			while (!p->failed && (peek(p)->type == NIXT_ID ||
					      peek(p)->type == NIXT_OR_KW ||
					      peek(p)->type == NIXT_STR_OPEN)) {
				XGROW(names, nn + 1, an);
				if (!parse_attr(p, &names[nn]))
					break;
				if (!names[nn].name) {
					p->failed = true;
					scan_error(p->ctx, names[nn].line,
						   names[nn].col,
						   "dynamic attributes not "
						   "allowed in inherit");
					break;
				}
				nn++;
			}
			b.path = keep(p, names, nn, sizeof(*names));
			b.npath = nn;
			if (!expect(p, ';', "';'"))
				break;
		} else if (t->type == NIXT_ID || t->type == NIXT_OR_KW ||
			   t->type == NIXT_STR_OPEN ||
			   t->type == NIXT_INTERP_OPEN) {
			b.kind = NIXB_ATTR;
			b.path = parse_attrpath(p, &b.npath);
			if (!expect(p, '=', "'='"))
				break;
			b.value = parse_expr(p);
			if (!expect(p, ';', "';'"))
				break;
		} else {
			break;
		}
		XGROW(v, nb + 1, ab);
		v[nb++] = b;
	}
	n->binds = keep(p, v, nb, sizeof(*v));
	n->nbinds = nb;
}

static struct nixnode *
parse_set(struct parser *p, bool rec)
{
	const struct nixtok *t = peek(p);
	struct nixnode *n = new_node(p, NIXN_SET, t);

	if (rec)
		next(p);
	n->rec = rec;
	if (!expect(p, '{', "'{'") || !enter(p))
		return n;
	parse_binds(p, n);
	expect(p, '}', "'}' or an attribute");
	leave(p);
	finish(p, n);
	return n;
}

/* ---------------------------------------------------------------- */
/* simple expressions, selects, application */

static bool
starts_simple(const struct parser *p)
{
	switch (peek(p)->type) {
	case NIXT_ID:
	case NIXT_INT:
	case NIXT_FLOAT:
	case NIXT_PATH:
	case NIXT_PATH_OPEN:
	case NIXT_SPATH:
	case NIXT_URI:
	case NIXT_STR_OPEN:
	case NIXT_IND_OPEN:
	case NIXT_REC:
	case '(':
	case '[':
	case '{':
		return true;
	case NIXT_LET:
		return peek_type(p, 1) == '{';
	}
	return false;
}

static struct nixnode *
parse_list(struct parser *p)
{
	struct nixnode *n = new_node(p, NIXN_LIST, next(p));
	struct nixnode **kids = NULL;
	size_t nk = 0, ak = 0;

	if (!enter(p))
		return n;
	while (!p->failed && peek(p)->type != ']') {
		struct nixnode *k;

		if (!starts_simple(p)) {
			syntax_error(p, peek(p), "']' or a list element");
			break;
		}
		k = parse_select(p);
		XGROW(kids, nk + 1, ak);
		kids[nk++] = k;
	}
	expect(p, ']', "']'");
	leave(p);
	n->kids = keep(p, kids, nk, sizeof(*kids));
	n->nkids = nk;
	finish(p, n);
	return n;
}

static struct nixnode *
parse_simple(struct parser *p)
{
	const struct nixtok *t = peek(p);
	struct nixnode *n;

	switch (t->type) {
	case NIXT_ID:
		next(p);
		n = new_node(p, NIXN_ID, t);
		n->name = arena_strndup(p->arena, p->src + t->off, t->len);
		return n;
	case NIXT_INT:
		return new_node(p, NIXN_INT, next(p));
	case NIXT_FLOAT:
		return new_node(p, NIXN_FLOAT, next(p));
	case NIXT_PATH:
		n = new_node(p, NIXN_PATH, next(p));
		return n;
	case NIXT_PATH_OPEN:
		return parse_ipath(p);
	case NIXT_SPATH:
		return new_node(p, NIXN_SPATH, next(p));
	case NIXT_URI:
		return new_node(p, NIXN_URI, next(p));
	case NIXT_STR_OPEN:
	case NIXT_IND_OPEN:
		return parse_string(p);
	case '(':
		next(p);
		n = parse_expr(p);
		if (!n || !expect(p, ')', "')'"))
			return n;
		/* the span takes the parentheses, for the text as written */
		n->off = t->off;
		finish(p, n);
		return n;
	case '[':
		return parse_list(p);
	case '{':
		return parse_set(p, false);
	case NIXT_REC:
		return parse_set(p, true);
	case NIXT_LET:
		if (peek_type(p, 1) == '{') {
			/* let { ... }: a rec set; parse_set takes the 'let' */
			n = parse_set(p, true);
			n->off = t->off;
			return n;
		}
		break;
	}
	syntax_error(p, t, NULL);
	return NULL;
}

static struct nixnode *
parse_select(struct parser *p)
{
	const struct nixtok *t = peek(p);
	struct nixnode *base = parse_simple(p), *n;

	if (p->failed || peek(p)->type != '.')
		return base;
	next(p);
	n = new_node(p, NIXN_SELECT, t);
	n->off = base->off;
	n->a = base;
	n->path = parse_attrpath(p, &n->npath);
	if (!p->failed && peek(p)->type == NIXT_OR_KW) {
		next(p);
		if (!enter(p))
			return n;
		n->b = parse_select(p);
		leave(p);
	}
	finish(p, n);
	return n;
}

static struct nixnode *
parse_app(struct parser *p)
{
	const struct nixtok *t = peek(p);
	struct nixnode *f = parse_select(p), *n;
	struct nixnode **kids = NULL;
	size_t nk = 0, ak = 0;

	if (p->failed || !starts_simple(p))
		return f;
	n = new_node(p, NIXN_APP, t);
	n->off = f->off;
	n->a = f;
	while (!p->failed && starts_simple(p)) {
		struct nixnode *k = parse_select(p);

		XGROW(kids, nk + 1, ak);
		kids[nk++] = k;
	}
	n->kids = keep(p, kids, nk, sizeof(*kids));
	n->nkids = nk;
	finish(p, n);
	return n;
}

/* ---------------------------------------------------------------- */
/* operators */

static enum prec
binary_prec(int type)
{
	switch (type) {
	case NIXT_IMPL:
		return P_IMPL;
	case NIXT_OR:
		return P_OR;
	case NIXT_AND:
		return P_AND;
	case NIXT_EQ:
	case NIXT_NEQ:
		return P_EQ;
	case '<':
	case '>':
	case NIXT_LEQ:
	case NIXT_GEQ:
		return P_CMP;
	case NIXT_UPDATE:
		return P_UPDATE;
	case '+':
	case '-':
		return P_ADD;
	case '*':
	case '/':
		return P_MUL;
	case NIXT_CONCAT:
		return P_CONCAT;
	case '?':
		return P_HASATTR;
	}
	return P_NONE;
}

static struct nixnode *parse_op(struct parser *p, enum prec min);

static struct nixnode *
parse_unary(struct parser *p)
{
	const struct nixtok *t = peek(p);
	struct nixnode *n;

	if (t->type != '!' && t->type != '-')
		return parse_app(p);
	next(p);
	n = new_node(p, t->type == '!' ? NIXN_NOT : NIXN_NEG, t);
	if (!enter(p))
		return n;
	n->a = parse_op(p, t->type == '!' ? P_NOT + 1 : P_NEG + 1);
	leave(p);
	finish(p, n);
	return n;
}

static struct nixnode *
parse_op(struct parser *p, enum prec min)
{
	struct nixnode *lhs = parse_unary(p);

	while (!p->failed) {
		const struct nixtok *t = peek(p);
		enum prec pr = binary_prec(t->type);
		struct nixnode **kids = NULL, *n;
		int *ops = NULL;
		size_t nk = 0, ak = 0, ao = 0;

		if (pr == P_NONE || pr < min)
			break;
		if (t->type == '?') {
			next(p);
			n = new_node(p, NIXN_HASATTR, t);
			n->off = lhs->off;
			n->a = lhs;
			n->path = parse_attrpath(p, &n->npath);
			finish(p, n);
			lhs = n;
			continue;
		}
		n = new_node(p, NIXN_OP, t);
		n->off = lhs->off;
		XGROW(kids, 1, ak);
		kids[nk++] = lhs;
		while (!p->failed && binary_prec(peek(p)->type) == pr &&
		       peek(p)->type != '?') {
			int op = next(p)->type;

			XGROW(ops, nk, ao);
			ops[nk - 1] = op;
			XGROW(kids, nk + 1, ak);
			kids[nk++] = parse_op(p, pr + 1);
		}
		n->kids = keep(p, kids, nk, sizeof(*kids));
		n->ops = keep(p, ops, nk - 1, sizeof(*ops));
		n->nkids = nk;
		finish(p, n);
		lhs = n;
	}
	return lhs;
}

/* ---------------------------------------------------------------- */
/* functions, let, with, assert, if */

/* Whether the '{' at the cursor opens formals rather than a set. */
static bool
at_formals(const struct parser *p)
{
	int t1 = peek_type(p, 1), t2 = peek_type(p, 2);

	if (t1 == '}')
		return t2 == ':' || t2 == '@';
	if (t1 == NIXT_ELLIPSIS)
		return true;
	if (t1 == NIXT_ID)
		return t2 == ',' || t2 == '?' ||
		       (t2 == '}' &&
			(peek_type(p, 3) == ':' || peek_type(p, 3) == '@'));
	return false;
}

static void
parse_formals(struct parser *p, struct nixnode *n)
{
	struct nixbind *v = NULL;
	size_t nb = 0, ab = 0, i;

	n->has_formals = true;
	next(p);
	while (!p->failed && peek(p)->type != '}') {
		const struct nixtok *t = peek(p);
		struct nixbind b;

		if (t->type == NIXT_ELLIPSIS) {
			next(p);
			n->ellipsis = true;
			break;
		}
		if (t->type != NIXT_ID) {
			syntax_error(p, t, "a formal argument");
			break;
		}
		next(p);
		memset(&b, 0, sizeof(b));
		b.kind = NIXB_ATTR;
		b.line = t->line;
		b.col = t->col;
		b.path = arena_calloc(p->arena, 1, sizeof(*b.path));
		b.npath = 1;
		b.path->name = arena_strndup(p->arena, p->src + t->off, t->len);
		b.path->line = t->line;
		b.path->col = t->col;
		b.path->off = t->off;
		b.path->end = t->off + t->len;
		for (i = 0; i < nb; i++) {
			if (!strcmp(v[i].path->name, b.path->name)) {
				p->failed = true;
				scan_error(p->ctx, t->line, t->col,
					   "duplicate formal function argument "
					   "'%s'",
					   b.path->name);
				break;
			}
		}
		if (p->failed)
			break;
		if (peek(p)->type == '?') {
			next(p);
			b.value = parse_expr(p);
		}
		XGROW(v, nb + 1, ab);
		v[nb++] = b;
		if (peek(p)->type != ',')
			break;
		next(p);
	}
	n->binds = keep(p, v, nb, sizeof(*v));
	n->nbinds = nb;
	expect(p, '}', "'}'");
}

static struct nixnode *
parse_function(struct parser *p)
{
	const struct nixtok *t = peek(p);
	struct nixnode *n;

	if (t->type == NIXT_ID && peek_type(p, 1) == ':') {
		next(p);
		next(p);
		n = new_node(p, NIXN_LAMBDA, t);
		n->name = arena_strndup(p->arena, p->src + t->off, t->len);
		n->a = parse_expr(p);
	} else if (t->type == NIXT_ID && peek_type(p, 1) == '@' &&
		   peek_type(p, 2) == '{') {
		next(p);
		next(p);
		n = new_node(p, NIXN_LAMBDA, t);
		n->name = arena_strndup(p->arena, p->src + t->off, t->len);
		parse_formals(p, n);
		if (expect(p, ':', "':'"))
			n->a = parse_expr(p);
	} else if (t->type == '{' && at_formals(p)) {
		n = new_node(p, NIXN_LAMBDA, t);
		parse_formals(p, n);
		if (!p->failed && peek(p)->type == '@') {
			const struct nixtok *id;

			next(p);
			id = peek(p);
			if (expect(p, NIXT_ID, "an identifier"))
				n->name = arena_strndup(
					p->arena, p->src + id->off, id->len);
		}
		if (expect(p, ':', "':'"))
			n->a = parse_expr(p);
	} else if (t->type == NIXT_ASSERT || t->type == NIXT_WITH) {
		next(p);
		n = new_node(p, t->type == NIXT_WITH ? NIXN_WITH : NIXN_ASSERT,
			     t);
		n->a = parse_expr(p);
		if (expect(p, ';', "';'"))
			n->b = parse_expr(p);
	} else if (t->type == NIXT_LET && peek_type(p, 1) != '{') {
		next(p);
		n = new_node(p, NIXN_LET, t);
		parse_binds(p, n);
		if (expect(p, NIXT_IN, "'in' or an attribute"))
			n->a = parse_expr(p);
	} else if (t->type == NIXT_IF) {
		next(p);
		n = new_node(p, NIXN_IF, t);
		n->a = parse_expr(p);
		if (expect(p, NIXT_THEN, "'then'"))
			n->b = parse_expr(p);
		if (expect(p, NIXT_ELSE, "'else'"))
			n->c = parse_expr(p);
	} else {
		return parse_op(p, P_IMPL);
	}
	finish(p, n);
	return n;
}

static struct nixnode *
parse_expr(struct parser *p)
{
	struct nixnode *n;

	if (!enter(p))
		return NULL;
	n = parse_function(p);
	leave(p);
	return n;
}

struct nixnode *
nixparse(struct scan_ctx *ctx, struct arena *arena, const char *src, size_t len)
{
	struct parser p;
	struct nixlex lx;
	struct nixnode *root = NULL;
	size_t at = 0;

	memset(&p, 0, sizeof(p));
	p.ctx = ctx;
	p.arena = arena;
	p.src = src;
	nixlex_init(&lx, ctx, src, len);
	for (;;) {
		XGROW(p.toks, p.ntoks + 1, at);
		if (nixlex_next(&lx, &p.toks[p.ntoks++]) == NIXT_EOF)
			break;
		if (lx.failed)
			goto out;
	}
	if (lx.failed)
		goto out;
	root = parse_expr(&p);
	if (!p.failed && peek(&p)->type != NIXT_EOF)
		syntax_error(&p, peek(&p), "end of file");
	if (p.failed)
		root = NULL;
out:
	nixlex_release(&lx);
	free(p.toks);
	return root;
}
