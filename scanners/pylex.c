/* pylex.c - Python source as CPython's tokenizer reads it; see pylex.h */
#include "scanners/pylex.h"

#include <iconv.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/rx.h"
#include "core/scan.h"
#include "core/strbuf.h"
#include "core/xalloc.h"

/* Where the lexer is inside f-strings. */
enum fmode_kind { FM_LITERAL, FM_EXPR, FM_SPEC };

void
pylex_warn(struct pylex *lx, unsigned line, unsigned col, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	if (lx->warned)
		return;
	lx->warned = true;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	scan_warn(lx->ctx, line, col, "%s", msg);
}

static unsigned
col_of(const struct pylex *lx, const char *at)
{
	return (unsigned)(at - lx->line_start) + 1;
}

/* ---------------------------------------------------------------- */
/* names */

static enum pykw
classify(const char *s, size_t n)
{
#define IS(lit) (n == sizeof(lit) - 1 && !memcmp(s, lit, n))
	if (n < 2 || n > 8 || s[0] < 'a' || s[0] > 'y')
		return n >= 4 && n <= 5 &&
				       (IS("True") || IS("None") || IS("False"))
			       ? PYKW_OTHER
			       : PYKW_NONE;
	switch (s[0]) {
	case 'a':
		if (IS("as"))
			return PYKW_AS;
		if (IS("async"))
			return PYKW_ASYNC;
		if (IS("and") || IS("assert") || IS("await"))
			return PYKW_OTHER;
		break;
	case 'b':
		if (IS("break"))
			return PYKW_OTHER;
		break;
	case 'c':
		if (IS("class"))
			return PYKW_CLASS;
		if (IS("case"))
			return PYKW_CASE;
		if (IS("continue"))
			return PYKW_OTHER;
		break;
	case 'd':
		if (IS("def"))
			return PYKW_DEF;
		if (IS("del"))
			return PYKW_OTHER;
		break;
	case 'e':
		if (IS("else"))
			return PYKW_ELSE;
		if (IS("elif"))
			return PYKW_ELIF;
		if (IS("except"))
			return PYKW_EXCEPT;
		break;
	case 'f':
		if (IS("for"))
			return PYKW_FOR;
		if (IS("from"))
			return PYKW_FROM;
		if (IS("finally"))
			return PYKW_FINALLY;
		break;
	case 'g':
		if (IS("global"))
			return PYKW_OTHER;
		break;
	case 'i':
		if (IS("if"))
			return PYKW_IF;
		if (IS("import"))
			return PYKW_IMPORT;
		if (IS("in") || IS("is"))
			return PYKW_OTHER;
		break;
	case 'l':
		if (IS("lambda"))
			return PYKW_LAMBDA;
		break;
	case 'm':
		if (IS("match"))
			return PYKW_MATCH;
		break;
	case 'n':
		if (IS("not") || IS("nonlocal"))
			return PYKW_OTHER;
		break;
	case 'o':
		if (IS("or"))
			return PYKW_OTHER;
		break;
	case 'p':
		if (IS("pass"))
			return PYKW_OTHER;
		break;
	case 'r':
		if (IS("raise"))
			return PYKW_RAISE;
		if (IS("return"))
			return PYKW_OTHER;
		break;
	case 't':
		if (IS("try"))
			return PYKW_TRY;
		if (IS("type"))
			return PYKW_TYPE;
		break;
	case 'w':
		if (IS("while"))
			return PYKW_WHILE;
		if (IS("with"))
			return PYKW_WITH;
		break;
	case 'y':
		if (IS("yield"))
			return PYKW_OTHER;
		break;
	}
	return PYKW_NONE;
#undef IS
}

bool
pylex_hard_keyword(enum pykw kw)
{
	return kw >= PYKW_OTHER && kw < PYKW_CASE;
}

bool
pylex_name_is(const struct pytok *t, const char *s)
{
	return t->type == PYTOK_NAME && !strncmp(t->s, s, t->n) && !s[t->n];
}

/* ---------------------------------------------------------------- */
/* lexer */

static const unsigned char *
uc(const char *p)
{
	return (const unsigned char *)p;
}

static bool
is_ident_start(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	       c >= 0x80;
}

static bool
is_ident_char(unsigned char c)
{
	return is_ident_start(c) || (c >= '0' && c <= '9');
}

static bool
is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static bool
isxdigit_ascii(char c)
{
	return is_digit((unsigned char)c) ||
	       ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}

/* Consume one line break at p ("\n", "\r\n" or "\r"). */
static void
eat_newline(struct pylex *lx)
{
	if (*lx->p == '\r' && lx->p + 1 < lx->end && lx->p[1] == '\n')
		lx->p++;
	lx->p++;
	lx->line++;
	lx->line_start = lx->p;
}

static struct pytok *
push_tok(struct pylex *lx, enum pytok_type type, const char *s, size_t n,
	 unsigned line, unsigned col)
{
	struct pytok *t;

	XGROW(lx->toks, lx->ntoks + 1, lx->atoks);
	t = &lx->toks[lx->ntoks++];
	t->s = s;
	t->n = (unsigned)n;
	t->line = line;
	t->col = col;
	t->type = (unsigned char)type;
	t->op = PYOP_OTHER;
	t->kw = PYKW_NONE;
	t->sflags = 0;
	return t;
}

/*
 * The string prefix letters in s[0..n) (case-insensitive): r, u, b, f,
 * t and the pairs br, rb, fr, rf, tr, rt.  Sets *flags, *fmt (f or t).
 */
static bool
string_prefix(const char *s, size_t n, unsigned *flags, bool *fmt)
{
	bool r = false, u = false, b = false, f = false;
	size_t i;

	if (n > 2)
		return false;
	for (i = 0; i < n; i++) {
		switch (s[i] | 0x20) {
		case 'r':
			if (r)
				return false;
			r = true;
			break;
		case 'u':
			if (u)
				return false;
			u = true;
			break;
		case 'b':
			if (b)
				return false;
			b = true;
			break;
		case 'f':
		case 't':
			if (f)
				return false;
			f = true;
			break;
		default:
			return false;
		}
	}
	if (u && n > 1)
		return false;
	if (b && f)
		return false;
	*flags = (b ? PYSTR_BYTES : 0) | (r ? PYSTR_RAW : 0);
	*fmt = f;
	return true;
}

/*
 * Scan the body of a plain string whose opening quote(s) were consumed.
 * False when it is unterminated, which is reported when warn is set.
 */
static bool
lex_string_body(struct pylex *lx, char q, bool triple, unsigned line,
		unsigned col, bool warn)
{
	for (;;) {
		const char *p = lx->p;
		unsigned char c;

		/* The common case: bytes with no role in a string. */
		while (p < lx->end && (c = *uc(p)) != (unsigned char)q &&
		       c != '\\' && c != '\n' && c != '\r')
			p++;
		lx->p = p;
		if (p == lx->end)
			break;
		c = *uc(p);
		if (c == '\\') {
			lx->p++;
			if (lx->p == lx->end)
				continue;
			if (*lx->p == '\n' || *lx->p == '\r')
				eat_newline(lx);
			else
				lx->p++;
		} else if (c == '\n' || c == '\r') {
			if (!triple)
				break;
			eat_newline(lx);
		} else {
			lx->p++;
			if (!triple)
				return true;
			if (lx->end - lx->p >= 2 && lx->p[0] == q &&
			    lx->p[1] == q) {
				lx->p += 2;
				return true;
			}
		}
	}
	if (warn)
		pylex_warn(lx, line, col,
			   triple ? "unterminated triple-quoted string literal"
				  : "unterminated string literal");
	return false;
}

static struct pylex_fmode *
top_fmode(struct pylex *lx)
{
	return lx->nfmodes ? &lx->fmodes[lx->nfmodes - 1] : NULL;
}

/* The f-string around the innermost field: its literal mode entry. */
static struct pylex_fmode *
enclosing_fstring(struct pylex *lx)
{
	int i;

	for (i = lx->nfmodes - 1; i >= 0; i--) {
		if (lx->fmodes[i].kind == FM_LITERAL)
			return &lx->fmodes[i];
	}
	return NULL;
}

/* End the innermost f-string: drop its open fields and its mode. */
static void
end_fstring(struct pylex *lx)
{
	while (lx->nfmodes) {
		struct pylex_fmode *m = &lx->fmodes[--lx->nfmodes];

		if (m->kind != FM_LITERAL) {
			lx->depth = m->base;
			continue;
		}
		break;
	}
}

/*
 * Lex the literal text of an f-string (or of a format spec) up to the
 * next token: a field's '{', the '}' ending a format spec, or the end
 * of the string.
 */
/* The literal text [seg, end) of an f-string, as a token if not empty. */
static void
text_token(struct pylex *lx, const char *seg, const char *end, unsigned line,
	   unsigned col)
{
	if (end > seg)
		push_tok(lx, PYTOK_FMIDDLE, seg, (size_t)(end - seg), line,
			 col);
}

static void
lex_fstring_text(struct pylex *lx)
{
	struct pylex_fmode *m = top_fmode(lx);
	struct pylex_fmode *fs = enclosing_fstring(lx);
	const char q = fs->quote;
	const char *seg = lx->p;
	unsigned seg_line = lx->line, seg_col = col_of(lx, seg);

	for (;;) {
		const char *p = lx->p;
		unsigned char c;

		while (p < lx->end && (c = *uc(p)) != (unsigned char)q &&
		       c != '\\' && c != '\n' && c != '\r' && c != '{' &&
		       c != '}')
			p++;
		lx->p = p;
		if (p == lx->end) {
			pylex_warn(lx, lx->line, 0,
				   "unterminated f-string literal");
			end_fstring(lx);
			text_token(lx, seg, p, seg_line, seg_col);
			push_tok(lx, PYTOK_FEND, p, 0, lx->line, col_of(lx, p));
			return;
		}
		c = *uc(p);
		if (c == '\\') {
			const char *n = p + 1;

			if (n < lx->end && (*n == '{' || *n == '}')) {
				/* The brace keeps its meaning. */
				lx->p = n;
				continue;
			}
			lx->p = n;
			if (n == lx->end)
				continue;
			if (!fs->raw && *n == 'N' && n + 1 < lx->end &&
			    n[1] == '{') {
				const char *close =
					memchr(n, '}', (size_t)(lx->end - n));
				lx->p = close ? close + 1 : lx->end;
			} else if (*n == '\n' || *n == '\r') {
				eat_newline(lx);
			} else {
				lx->p++;
			}
		} else if (c == '\n' || c == '\r') {
			if (!fs->triple) {
				pylex_warn(lx, lx->line, col_of(lx, p),
					   "unterminated f-string literal");
				end_fstring(lx);
				text_token(lx, seg, p, seg_line, seg_col);
				push_tok(lx, PYTOK_FEND, p, 0, lx->line,
					 col_of(lx, p));
				return;
			}
			eat_newline(lx);
		} else if (c == '{') {
			if (m->kind == FM_LITERAL && p + 1 < lx->end &&
			    p[1] == '{') {
				lx->p += 2;
				continue;
			}
			lx->p++;
			if (lx->nfmodes == PYLEX_MAX_FMODES) {
				pylex_warn(lx, lx->line, col_of(lx, p),
					   "too many nested f-strings");
				end_fstring(lx);
				text_token(lx, seg, p, seg_line, seg_col);
				push_tok(lx, PYTOK_FEND, p, 0, lx->line,
					 col_of(lx, p));
				return;
			}
			lx->fmodes[lx->nfmodes++] = (struct pylex_fmode){
				FM_EXPR, q, fs->triple, fs->raw, lx->depth};
			lx->depth++;
			text_token(lx, seg, p, seg_line, seg_col);
			push_tok(lx, PYTOK_OP, p, 1, lx->line, col_of(lx, p))
				->op = PYOP_FOPEN;
			return;
		} else if (c == '}') {
			if (m->kind == FM_SPEC) {
				lx->p++;
				lx->depth = m->base;
				lx->nfmodes--;
				text_token(lx, seg, p, seg_line, seg_col);
				push_tok(lx, PYTOK_OP, p, 1, lx->line,
					 col_of(lx, p))
					->op = PYOP_FCLOSE;
				return;
			}
			if (p + 1 < lx->end && p[1] == '}') {
				lx->p += 2;
				continue;
			}
			pylex_warn(lx, lx->line, col_of(lx, p),
				   "f-string: single '}' is not allowed");
			lx->p++;
		} else { /* the quote */
			if (fs->triple &&
			    !(lx->end - p >= 3 && p[1] == q && p[2] == q)) {
				lx->p++;
				continue;
			}
			if (m->kind != FM_LITERAL)
				pylex_warn(lx, lx->line, col_of(lx, p),
					   "f-string: expecting '}'");
			size_t qlen = fs->triple ? 3 : 1;

			lx->p += qlen;
			end_fstring(lx);
			text_token(lx, seg, p, seg_line, seg_col);
			push_tok(lx, PYTOK_FEND, p, qlen, lx->line,
				 col_of(lx, p));
			return;
		}
	}
}

/* Lex a string literal whose prefix (maybe empty) starts at s. */
static void
lex_string(struct pylex *lx, const char *s, unsigned flags, bool fmt)
{
	unsigned line = lx->line, col = col_of(lx, s);
	char q = *lx->p;
	bool triple = lx->end - lx->p >= 3 && lx->p[1] == q && lx->p[2] == q;
	struct pytok *t;

	lx->p += triple ? 3 : 1;
	if (fmt && lx->nfmodes < PYLEX_MAX_FMODES) {
		lx->fmodes[lx->nfmodes++] = (struct pylex_fmode){
			FM_LITERAL, q, triple, (flags & PYSTR_RAW) != 0, 0};
		push_tok(lx, PYTOK_FSTART, s, (size_t)(lx->p - s), line, col);
		return;
	}
	if (fmt)
		pylex_warn(lx, line, col, "too many nested f-strings");
	lex_string_body(lx, q, triple, line, col, true);
	t = push_tok(lx, PYTOK_STRING, s, (size_t)(lx->p - s), line, col);
	t->sflags = (unsigned char)flags;
}

static void
lex_number(struct pylex *lx)
{
	const char *s = lx->p;
	const char *p = s;
	bool leading_zero = false;

	if (*p == '0' && p + 1 < lx->end && p[1] && strchr("xXoObB", p[1])) {
		p += 2;
		while (p < lx->end && (isxdigit_ascii(*p) || *p == '_'))
			p++;
	} else {
		leading_zero = *p == '0';
		while (p < lx->end && (is_digit(*uc(p)) || *p == '_'))
			p++;
		if (leading_zero) {
			const char *q = s;
			while (q < p && (*q == '0' || *q == '_'))
				q++;
			leading_zero = q < p; /* 007 but not 000 */
		}
		if (p < lx->end && *p == '.') {
			leading_zero = false;
			p++;
			while (p < lx->end && (is_digit(*uc(p)) || *p == '_'))
				p++;
		}
		if (p < lx->end && (*p == 'e' || *p == 'E')) {
			const char *e = p + 1;
			if (e < lx->end && (*e == '+' || *e == '-'))
				e++;
			if (e < lx->end && is_digit(*uc(e))) {
				leading_zero = false;
				p = e;
				while (p < lx->end &&
				       (is_digit(*uc(p)) || *p == '_'))
					p++;
			}
		}
		if (p < lx->end && (*p == 'j' || *p == 'J')) {
			leading_zero = false;
			p++;
		}
	}
	if (leading_zero)
		pylex_warn(lx, lx->line, col_of(lx, s),
			   "leading zeros in decimal integer literals are not "
			   "permitted");
	else if (p < lx->end && is_ident_start(*uc(p))) {
		const char *q = p;
		enum pykw kw;

		while (q < lx->end && is_ident_char(*uc(q)))
			q++;
		kw = classify(p, (size_t)(q - p));
		/* "1if x else y" is valid; "10L" is Python 2. */
		if (!pylex_hard_keyword(kw))
			pylex_warn(lx, lx->line, col_of(lx, s),
				   "invalid decimal literal");
	}
	push_tok(lx, PYTOK_NUMBER, s, (size_t)(p - s), lx->line, col_of(lx, s));
	lx->p = p;
}

static void
open_bracket(struct pylex *lx, char c, const char *at)
{
	if (lx->depth < PYLEX_MAX_BRACKETS)
		lx->brackets[lx->depth] = c;
	else if (lx->depth == PYLEX_MAX_BRACKETS)
		pylex_warn(lx, lx->line, col_of(lx, at),
			   "too many nested parentheses");
	lx->depth++;
}

/* A closing bracket; false when it closes nothing (it is then dropped). */
static bool
close_bracket(struct pylex *lx, char c, const char *at)
{
	const struct pylex_fmode *m = top_fmode(lx);
	char want = c == ')' ? '(' : c == ']' ? '[' : '{';

	if (lx->depth == 0 ||
	    (m && m->kind == FM_EXPR && lx->depth == m->base + 1)) {
		pylex_warn(lx, lx->line, col_of(lx, at), "unmatched '%c'", c);
		return false;
	}
	lx->depth--;
	if (lx->depth < PYLEX_MAX_BRACKETS && lx->brackets[lx->depth] != want)
		pylex_warn(lx, lx->line, col_of(lx, at),
			   "closing parenthesis '%c' does not match opening "
			   "parenthesis '%c'",
			   c, lx->brackets[lx->depth]);
	return true;
}

/* Keep a comment [p, end) that speaks to depaudit: "# depaudit: ...". */
static void
note_directive(struct pylex *lx, const char *p, const char *end)
{
	const char *d = p + 1, *e = end;

	while (d < end && (*d == ' ' || *d == '\t'))
		d++;
	if (end - d < 9 || memcmp(d, "depaudit:", 9))
		return;
	d += 9;
	while (d < end && (*d == ' ' || *d == '\t'))
		d++;
	while (e > d && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	XGROW(lx->directives, lx->ndirectives + 1, lx->adirectives);
	lx->directives[lx->ndirectives].line = lx->line;
	lx->directives[lx->ndirectives++].text =
		arena_strndup(scan_arena(lx->ctx), d, (size_t)(e - d));
}

const char *
pylex_directive(const struct pylex *lx, unsigned first, unsigned last)
{
	size_t i;

	for (i = 0; i < lx->ndirectives; i++) {
		if (lx->directives[i].line >= first &&
		    lx->directives[i].line <= last)
			return lx->directives[i].text;
	}
	return NULL;
}

/*
 * The operator at p: its length (0 if p holds none) and, for the ones
 * the readers look at, its code.  Longest first: "**=" before "**".
 */
static size_t
lex_operator(struct pylex *lx, const char *p, enum pyop *op)
{
	char c1 = lx->end - p >= 2 ? p[1] : '\0';
	char c2 = lx->end - p >= 3 ? p[2] : '\0';

	*op = PYOP_OTHER;
	switch (*p) {
	case '(':
		*op = PYOP_LPAR;
		return 1;
	case ')':
		*op = PYOP_RPAR;
		return 1;
	case '[':
		*op = PYOP_LSQB;
		return 1;
	case ']':
		*op = PYOP_RSQB;
		return 1;
	case '{':
		*op = PYOP_LBRACE;
		return 1;
	case '}':
		*op = PYOP_RBRACE;
		return 1;
	case ',':
		*op = PYOP_COMMA;
		return 1;
	case ';':
		*op = PYOP_SEMI;
		return 1;
	case '.':
		*op = PYOP_DOT;
		return 1;
	case '~':
		return 1;
	case ':':
		if (c1 == '=')
			return 2;
		*op = PYOP_COLON;
		return 1;
	case '=':
		if (c1 == '=')
			return 2;
		*op = PYOP_EQ;
		return 1;
	case '!':
		if (c1 == '=')
			return 2;
		*op = PYOP_BANG;
		return 1;
	case '+':
		if (c1 == '=')
			return 2;
		*op = PYOP_PLUS;
		return 1;
	case '%':
		if (c1 == '=')
			return 2;
		*op = PYOP_PERCENT;
		return 1;
	case '*':
		if (c1 == '*') {
			if (c2 == '=')
				return 3;
			*op = PYOP_DOUBLESTAR;
			return 2;
		}
		if (c1 == '=')
			return 2;
		*op = PYOP_STAR;
		return 1;
	case '-':
		return c1 == '=' || c1 == '>' ? 2 : 1;
	case '/':
	case '<':
	case '>':
		if (*p == '<' && c1 == '>') {
			pylex_warn(lx, lx->line, col_of(lx, p),
				   "invalid syntax: '<>' (Python 2)");
			return 2;
		}
		if (c1 == *p)
			return c2 == '=' ? 3 : 2;
		return c1 == '=' ? 2 : 1;
	case '&':
	case '@':
	case '^':
	case '|':
		return c1 == '=' ? 2 : 1;
	}
	return 0;
}

/* Measure the indentation at the start of a physical line. */
static unsigned
measure_indent(struct pylex *lx)
{
	unsigned col = 0;

	for (; lx->p < lx->end; lx->p++) {
		if (*lx->p == ' ')
			col++;
		else if (*lx->p == '\t')
			col = (col / 8 + 1) * 8;
		else if (*lx->p == '\f')
			col = 0;
		else
			break;
	}
	return col;
}

/* ---------------------------------------------------------------- */
/* skimming */

/* What a byte means to the skim; SK_PLAIN bytes are stepped over. */
enum skim_class {
	SK_PLAIN, /* name characters, blanks, most operators */
	SK_DIGIT,
	SK_NEWLINE,
	SK_HASH,
	SK_BACKSLASH,
	SK_QUOTE,
	SK_OPEN,
	SK_CLOSE,
	SK_COLON,
	SK_COMMA,
	SK_SEMI,
	SK_LT, /* "<>" is Python 2 */
	SK_BAD /* a character no token starts with */
};

/* clang-format off */
#define P SK_PLAIN
#define D SK_DIGIT
#define N SK_NEWLINE
#define H SK_HASH
#define X SK_BACKSLASH
#define Q SK_QUOTE
#define O SK_OPEN
#define C SK_CLOSE
#define K SK_COLON
#define M SK_COMMA
#define S SK_SEMI
#define L SK_LT
#define B SK_BAD
static const unsigned char skim_class[256] = {
/*      0  1  2  3  4  5  6  7  8  9  a  b  c  d  e  f */
/* 0 */ B, B, B, B, B, B, B, B, B, P, N, B, P, N, B, B,
/* 1 */ B, B, B, B, B, B, B, B, B, B, B, B, B, B, B, B,
/* 2 */ P, P, Q, H, B, P, P, Q, O, C, P, P, M, P, P, P, /*  !"#$%&'()*+,-./ */
/* 3 */ D, D, D, D, D, D, D, D, D, D, K, S, L, P, P, B, /* 0123456789:;<=>? */
/* 4 */ P, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P, /* @A-O */
/* 5 */ P, P, P, P, P, P, P, P, P, P, P, O, X, C, P, P, /* P-Z[\]^_ */
/* 6 */ B, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P, /* `a-o */
/* 7 */ P, P, P, P, P, P, P, P, P, P, P, O, P, C, P, B, /* p-z{|}~ DEL */
/* 8-f: bytes of UTF-8 sequences, name characters here */
};
#undef P
#undef D
#undef N
#undef H
#undef X
#undef Q
#undef O
#undef C
#undef K
#undef M
#undef S
#undef L
#undef B
/* clang-format on */

/* Put the lexer back where the skimmed line's second token starts. */
static void
skim_rewind(struct pylex *lx)
{
	lx->p = lx->resume.p;
	lx->line_start = lx->resume.line_start;
	lx->line = lx->resume.line;
	lx->ndirectives = lx->resume.ndirectives;
	lx->at_bol = false;
	lx->skimmed = false;
}

/* Past blanks and backslash continuations from p. */
static const char *
skip_blanks(const char *p, const char *end)
{
	for (;;) {
		while (p < end && (*p == ' ' || *p == '\t' || *p == '\f'))
			p++;
		if (end - p < 2 || *p != '\\' || (p[1] != '\n' && p[1] != '\r'))
			return p;
		p += end - p >= 3 && p[1] == '\r' && p[2] == '\n' ? 3 : 2;
	}
}

/* A decimal number at p, which starts no name: its end, or NULL when it
 * is anything else (which the full lexer reads, and may warn about). */
static const char *
skim_number(const char *p, const char *end)
{
	const char *q = p;

	while (q < end && (is_digit(*uc(q)) || *q == '_'))
		q++;
	if (*p == '0' && q - p > 1)
		return NULL; /* 007 */
	if (q < end && *q == '.') {
		q++;
		while (q < end && (is_digit(*uc(q)) || *q == '_'))
			q++;
	}
	return q < end && is_ident_char(*uc(q)) ? NULL : q;
}

/*
 * Skim the rest of the logical line whose first token was just lexed.
 * False, with nothing changed, where lexing it in full could draw a
 * diagnostic or find an f-string.
 */
static bool
skim_line(struct pylex *lx)
{
	struct pylex_skim sk = {0};
	const char *colon = NULL, *p, *end = lx->end;
	int depth = 0;

	/* After a number such as "1j", a name character right behind it
	 * starts a token of its own, which the skim would read as part of
	 * a name. */
	if (lx->p < end && is_ident_char(*uc(lx->p)))
		return false;
	lx->resume.p = lx->p;
	lx->resume.line_start = lx->line_start;
	lx->resume.line = lx->line;
	lx->resume.ndirectives = lx->ndirectives;
	p = skip_blanks(lx->p, end);
	if (p < end) {
		unsigned char c = *uc(p);

		sk.operand_second =
			is_ident_start(c) || is_digit(c) || c == '"' ||
			c == '\'' || c == '\\' ||
			(c == '.' && p + 1 < end && is_digit(*uc(p + 1)));
	}
	p = lx->p; /* the blanks are read again, counting lines */
	for (;;) {
		unsigned char c;
		const char *s;

		while (p < end && !skim_class[*uc(p)])
			p++;
		if (p == end) {
			if (depth)
				goto fail;
			break;
		}
		c = *uc(p);
		switch (skim_class[c]) {
		case SK_NEWLINE:
			lx->p = p;
			eat_newline(lx);
			p = lx->p;
			if (depth)
				continue;
			lx->at_bol = true;
			goto done;
		case SK_HASH:
			s = p;
			while (p < end && *p != '\n' && *p != '\r')
				p++;
			if (p - s > 10)
				note_directive(lx, s, p);
			continue;
		case SK_BACKSLASH:
			if (p + 1 == end || (p[1] != '\n' && p[1] != '\r'))
				goto fail;
			lx->p = p + 1;
			eat_newline(lx);
			p = lx->p;
			if (p == end)
				goto fail;
			continue;
		case SK_QUOTE: {
			unsigned flags;
			bool fmt, triple;

			for (s = p;
			     s > lx->line_start && is_ident_char(*uc(s - 1));)
				s--;
			if (s < p &&
			    (!string_prefix(s, (size_t)(p - s), &flags, &fmt) ||
			     fmt))
				goto fail;
			triple = end - p >= 3 && p[1] == (char)c &&
				 p[2] == (char)c;
			lx->p = p + (triple ? 3 : 1);
			if (!lex_string_body(lx, (char)c, triple, 0, 0, false))
				goto fail;
			p = lx->p;
			continue;
		}
		case SK_OPEN:
			if (depth == PYLEX_MAX_BRACKETS)
				goto fail;
			lx->brackets[depth++] = (char)c;
			break;
		case SK_CLOSE:
			if (!depth ||
			    lx->brackets[--depth] != (c == ')'   ? '('
						      : c == ']' ? '['
								 : '{'))
				goto fail;
			break;
		case SK_COLON:
			if (p + 1 < end && p[1] == '=') {
				p++;
			} else if (!depth) {
				sk.colons++;
				sk.colon_line = lx->line;
				colon = p;
			}
			break;
		case SK_COMMA:
			sk.commas += !depth;
			break;
		case SK_SEMI:
			sk.semis += !depth;
			break;
		case SK_LT:
			if (p + 1 < end && p[1] == '>')
				goto fail;
			break;
		case SK_DIGIT:
			if (p > lx->line_start && is_ident_char(*uc(p - 1)))
				break; /* inside a name */
			if (!(p = skim_number(p, end)))
				goto fail;
			continue;
		default:
			goto fail;
		}
		p++;
	}
done:
	if (colon) {
		const char *q = skip_blanks(colon + 1, end);

		sk.colon_last =
			q == end || *q == '#' || *q == '\n' || *q == '\r';
	}
	sk.end = p;
	lx->p = p;
	lx->sk = sk;
	lx->skimmed = true;
	return true;
fail:
	skim_rewind(lx);
	return false;
}

/* ---------------------------------------------------------------- */
/* lines */

static bool lex_line(struct pylex *lx, bool skim);

bool
pylex_line(struct pylex *lx)
{
	lx->ntoks = 0;
	lx->skimmed = false;
	return lex_line(lx, lx->skim);
}

void
pylex_unskim(struct pylex *lx)
{
	skim_rewind(lx);
	lex_line(lx, false);
}

/* Lex on to the end of the logical line, trying the skim once if asked. */
static bool
lex_line(struct pylex *lx, bool skim)
{
	for (;;) {
		const struct pylex_fmode *m = top_fmode(lx);
		const char *p, *s;
		unsigned char c;
		enum pyop op;
		size_t n;

		if (skim && lx->ntoks == 1 && !lx->depth && !lx->nfmodes) {
			skim = false;
			if (skim_line(lx))
				return true;
		}
		if (m && m->kind != FM_EXPR) {
			lex_fstring_text(lx);
			continue;
		}
		if (lx->at_bol) {
			unsigned col = measure_indent(lx);

			if (lx->p < lx->end && *lx->p != '#' &&
			    *lx->p != '\n' && *lx->p != '\r' &&
			    !(*lx->p == '\\' && lx->p + 1 < lx->end &&
			      (lx->p[1] == '\n' || lx->p[1] == '\r'))) {
				lx->at_bol = false;
				lx->line_indent = col;
			}
		}
		p = lx->p;
		while (p < lx->end && (*p == ' ' || *p == '\t' || *p == '\f'))
			p++;
		lx->p = p;
		if (p == lx->end) {
			if (lx->depth > 0 || lx->nfmodes) {
				pylex_warn(lx, lx->line, 0,
					   "unexpected end of file in a "
					   "multi-line "
					   "statement");
				lx->depth = 0;
				lx->nfmodes = 0;
			}
			return lx->ntoks > 0;
		}
		c = *uc(p);
		s = p;
		if (c == '#') {
			const char *nl = p;
			while (nl < lx->end && *nl != '\n' && *nl != '\r')
				nl++;
			if (nl - p > 10)
				note_directive(lx, p, nl);
			lx->p = nl;
			continue;
		}
		if (c == '\n' || c == '\r') {
			eat_newline(lx);
			if (lx->depth > 0)
				continue;
			lx->at_bol = true;
			if (lx->ntoks)
				return true;
			continue;
		}
		if (c == '\\') {
			if (p + 1 < lx->end && (p[1] == '\n' || p[1] == '\r')) {
				lx->p++;
				eat_newline(lx);
				if (lx->p == lx->end)
					pylex_warn(lx, lx->line, 0,
						   "unexpected end of file "
						   "after a "
						   "line continuation");
				continue;
			}
			pylex_warn(
				lx, lx->line, col_of(lx, p),
				"unexpected character after line continuation "
				"character");
			lx->p++;
			continue;
		}
		if (is_ident_start(c)) {
			unsigned flags;
			bool fmt;
			struct pytok *t;

			while (p < lx->end && is_ident_char(*uc(p)))
				p++;
			n = (size_t)(p - s);
			if (p < lx->end && (*p == '"' || *p == '\'') &&
			    string_prefix(s, n, &flags, &fmt)) {
				lx->p = p;
				lex_string(lx, s, flags, fmt);
				continue;
			}
			lx->p = p;
			t = push_tok(lx, PYTOK_NAME, s, n, lx->line,
				     col_of(lx, s));
			t->kw = (unsigned char)classify(s, n);
			continue;
		}
		if (is_digit(c) ||
		    (c == '.' && p + 1 < lx->end && is_digit(*uc(p + 1)))) {
			lex_number(lx);
			continue;
		}
		if (c == '"' || c == '\'') {
			lex_string(lx, s, 0, false);
			continue;
		}
		if (m && lx->depth == m->base + 1 && (c == '}' || c == ':')) {
			/* The end of a replacement field, or its spec. */
			lx->p++;
			if (c == ':') {
				lx->fmodes[lx->nfmodes - 1].kind = FM_SPEC;
				push_tok(lx, PYTOK_OP, s, 1, lx->line,
					 col_of(lx, s))
					->op = PYOP_FSPEC;
				continue;
			}
			lx->depth = m->base;
			lx->nfmodes--;
			push_tok(lx, PYTOK_OP, s, 1, lx->line, col_of(lx, s))
				->op = PYOP_FCLOSE;
			continue;
		}
		n = lex_operator(lx, p, &op);
		if (!n) {
			if (c == '`')
				pylex_warn(lx, lx->line, col_of(lx, p),
					   "invalid syntax: '`' (Python 2)");
			else if (c == '\0')
				; /* reported once for the whole file */
			else
				pylex_warn(lx, lx->line, col_of(lx, p),
					   "invalid character '%c'",
					   c >= 0x20 && c < 0x7f ? c : '?');
			lx->p++;
			continue;
		}
		lx->p = p + n;
		if (op == PYOP_LPAR || op == PYOP_LSQB || op == PYOP_LBRACE) {
			open_bracket(lx, c, p);
		} else if (op == PYOP_RPAR || op == PYOP_RSQB ||
			   op == PYOP_RBRACE) {
			if (!close_bracket(lx, c, p))
				continue;
		}
		push_tok(lx, PYTOK_OP, s, n, lx->line, col_of(lx, s))->op =
			(unsigned char)op;
	}
}

/* ---------------------------------------------------------------- */
/* literal values */

static int
hex_value(char c)
{
	if (is_digit((unsigned char)c))
		return c - '0';
	if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
		return (c | 0x20) - 'a' + 10;
	return -1;
}

/* Decode exactly n hex digits at p; -1 if they are not. */
static long
hex_digits(const char *p, const char *end, int n)
{
	long v = 0;
	int i;

	if (end - p < n)
		return -1;
	for (i = 0; i < n; i++) {
		int d = hex_value(p[i]);
		if (d < 0)
			return -1;
		v = v * 16 + d;
	}
	return v;
}

bool
pylex_string_value(const struct pytok *t, struct strbuf *out)
{
	const char *s = t->s, *end = t->s + t->n;
	size_t plen = 0, qlen;
	const char *p, *stop;
	bool raw = t->sflags & PYSTR_RAW;
	char q;

	if (t->sflags & PYSTR_BYTES)
		return false;
	while (s[plen] != '"' && s[plen] != '\'')
		plen++;
	q = s[plen];
	qlen = t->n - plen >= 6 && s[plen + 1] == q && s[plen + 2] == q ? 3 : 1;
	if (t->n - plen < 2 * qlen || end[-1] != q)
		return false;
	p = s + plen + qlen;
	stop = end - qlen;
	while (p < stop) {
		char c = *p++;
		long v;

		if (c == '\r') {
			if (p < stop && *p == '\n')
				p++;
			strbuf_addch(out, '\n');
			continue;
		}
		if (c != '\\' || p == stop) {
			strbuf_addch(out, c);
			continue;
		}
		c = *p++;
		if (c == '\n' || c == '\r') {
			if (c == '\r' && p < stop && *p == '\n')
				p++;
			if (raw)
				strbuf_add(out, "\\\n", 2);
			continue;
		}
		if (raw) {
			strbuf_addch(out, '\\');
			strbuf_addch(out, c);
			continue;
		}
		switch (c) {
		case '\\':
		case '\'':
		case '"':
			strbuf_addch(out, c);
			break;
		case 'a':
			strbuf_addch(out, '\a');
			break;
		case 'b':
			strbuf_addch(out, '\b');
			break;
		case 'f':
			strbuf_addch(out, '\f');
			break;
		case 'n':
			strbuf_addch(out, '\n');
			break;
		case 'r':
			strbuf_addch(out, '\r');
			break;
		case 't':
			strbuf_addch(out, '\t');
			break;
		case 'v':
			strbuf_addch(out, '\v');
			break;
		case '0':
		case '1':
		case '2':
		case '3':
		case '4':
		case '5':
		case '6':
		case '7':
			v = c - '0';
			if (p < stop && *p >= '0' && *p <= '7')
				v = v * 8 + (*p++ - '0');
			if (p < stop && *p >= '0' && *p <= '7')
				v = v * 8 + (*p++ - '0');
			strbuf_add_utf8(out, (unsigned long)v);
			break;
		case 'x':
		case 'u':
		case 'U':
			v = hex_digits(p, stop,
				       c == 'x'   ? 2
				       : c == 'u' ? 4
						  : 8);
			if (v < 0 || v > 0x10ffff)
				return false;
			p += c == 'x' ? 2 : c == 'u' ? 4 : 8;
			strbuf_add_utf8(out, (unsigned long)v);
			break;
		case 'N':
			return false;
		default:
			strbuf_addch(out, '\\');
			strbuf_addch(out, c);
			break;
		}
	}
	return true;
}

/* ---------------------------------------------------------------- */
/* bytes to text */

static struct rx *cookie_rx;
static pthread_once_t cookie_once = PTHREAD_ONCE_INIT;

static void
compile_cookie(void)
{
	/* PEP 263's own expression, anchored at the start of a line. */
	cookie_rx = rx_new("^[ \\t\\f]*#.*?coding[:=][ \\t]*([-\\w.]+)", 0);
}

/* The line at *p (advanced past it), without its line break. */
static size_t
take_line(const char **p, const char *end)
{
	const char *s = *p, *e = s;

	while (e < end && *e != '\n' && *e != '\r')
		e++;
	*p = e;
	if (*p < end && **p == '\r')
		(*p)++;
	if (*p < end && **p == '\n')
		(*p)++;
	return (size_t)(e - s);
}

static bool
comment_or_blank(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\f'))
		i++;
	return i == n || s[i] == '#';
}

/* The encoding named by a coding cookie on line 1 or 2, or NULL. */
static char *
coding_cookie(const char *data, size_t len, char *name, size_t size)
{
	const char *p = data, *end = data + len;
	int lineno;

	pthread_once(&cookie_once, compile_cookie);
	for (lineno = 1; lineno <= 2 && p < end; lineno++) {
		const char *s = p;
		size_t n = take_line(&p, end);
		struct rx_span m[2];

		if (n >= 8 && cookie_rx && memchr(s, '#', n) &&
		    mem_find(s, n, "coding") &&
		    rx_match(cookie_rx, s, n, m, 2) == 1) {
			size_t k = m[1].end - m[1].start, i;

			if (k >= size)
				k = size - 1;
			for (i = 0; i < k; i++) {
				char c = s[m[1].start + i];
				c = c >= 'A' && c <= 'Z' ? (char)(c | 0x20) : c;
				name[i] = c == '_' ? '-' : c;
			}
			name[k] = '\0';
			return name;
		}
		if (!comment_or_blank(s, n))
			break;
	}
	return NULL;
}

static bool
name_is(const char *name, const char *base)
{
	size_t n = strlen(base);

	return !strncmp(name, base, n) && (!name[n] || name[n] == '-');
}

/* Line and column of offset off in data, for a diagnostic. */
static void
locate(const char *data, size_t off, unsigned *line, unsigned *col)
{
	size_t i, bol = 0;

	*line = 1;
	for (i = 0; i < off; i++) {
		if (data[i] == '\n' ||
		    (data[i] == '\r' &&
		     (i + 1 >= off || data[i + 1] != '\n'))) {
			(*line)++;
			bol = i + 1;
		}
	}
	*col = (unsigned)(off - bol) + 1;
}

/* Offset of the first byte that is not UTF-8, or len. */
static size_t
utf8_invalid_at(const char *data, size_t len)
{
	const unsigned char *p = (const unsigned char *)data;
	size_t i = 0;

	while (i < len) {
		size_t n;

		/* Most source is ASCII: skip it eight bytes at a time. */
		while (len - i >= 8) {
			uint64_t w;

			memcpy(&w, p + i, 8);
			if (w & 0x8080808080808080u)
				break;
			i += 8;
		}
		if (i == len)
			break;
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		n = utf8_seq_len(p + i, len - i);
		if (!n)
			return i;
		i += n;
	}
	return len;
}

/* Re-encode data from the named encoding to UTF-8 in the arena. */
static bool
to_utf8(struct pylex *lx, const char *enc, const char **data, size_t *len)
{
	size_t cap = *len * 4 + 4, inleft = *len, outleft = cap;
	char *out = arena_alloc(scan_arena(lx->ctx), cap);
	char *in = (char *)*data, *o = out;
	iconv_t cd;

	if (name_is(enc, "latin-1") || name_is(enc, "iso-8859-1") ||
	    name_is(enc, "iso-latin-1"))
		enc = "ISO-8859-1";
	cd = iconv_open("UTF-8", enc);
	if (cd == (iconv_t)-1)
		return false;
	if (iconv(cd, &in, &inleft, &o, &outleft) == (size_t)-1) {
		unsigned line, col;

		locate(*data, (size_t)(in - *data), &line, &col);
		pylex_warn(lx, line, col, "cannot decode the file as '%s'",
			   enc);
	}
	iconv_close(cd);
	*data = out;
	*len = (size_t)(o - out);
	return true;
}

/* Turn the file's bytes into the UTF-8 text the tokenizer reads. */
static void
decode_source(struct pylex *lx, const char **data, size_t *len)
{
	char enc[64];
	bool bom = *len >= 3 && !memcmp(*data, "\xef\xbb\xbf", 3);
	const char *nul;
	size_t bad;

	if (bom) {
		*data += 3;
		*len -= 3;
	}
	if (coding_cookie(*data, *len, enc, sizeof(enc)) &&
	    (!name_is(enc, "utf-8") || bom)) {
		/* With a byte order mark only "utf-8" itself is accepted. */
		if (bom && name_is(enc, "utf-8")) {
			; /* consistent */
		} else if (bom) {
			pylex_warn(lx, 1, 0,
				   "encoding problem: '%s' with a UTF-8 "
				   "byte order mark",
				   enc);
		} else if (name_is(enc, "utf8")) {
			; /* Python's own alias of utf-8 */
		} else if (!to_utf8(lx, enc, data, len)) {
			pylex_warn(lx, 1, 0, "unknown encoding '%s'", enc);
		}
	} else if ((bad = utf8_invalid_at(*data, *len)) < *len) {
		unsigned line, col;

		locate(*data, bad, &line, &col);
		pylex_warn(lx, line, col, "invalid UTF-8 byte 0x%02x",
			   (unsigned char)(*data)[bad]);
	}
	nul = memchr(*data, '\0', *len);
	if (nul) {
		unsigned line, col;

		locate(*data, (size_t)(nul - *data), &line, &col);
		pylex_warn(lx, line, col,
			   "source code cannot contain null bytes");
	}
}

void
pylex_init(struct pylex *lx, struct scan_ctx *ctx, const char *data, size_t len)
{
	memset(lx, 0, sizeof(*lx));
	lx->ctx = ctx;
	decode_source(lx, &data, &len);
	lx->p = lx->line_start = data;
	lx->end = data + len;
	lx->line = 1;
	lx->at_bol = true;
}

void
pylex_release(struct pylex *lx)
{
	free(lx->toks);
	free(lx->directives);
	lx->toks = NULL;
	lx->ntoks = lx->atoks = 0;
	lx->directives = NULL;
	lx->ndirectives = lx->adirectives = 0;
}
