/* python.c - the imports of Python source, read as CPython reads them
 *
 * Three layers, each a loop with no recursion:
 *
 *  - the lexer follows CPython's tokenizer (3.12 rules): strings of every
 *    prefix, triple quotes and escapes, f-strings and t-strings whose
 *    replacement fields are tokenized like code (nested quotes included),
 *    comments, brackets, backslash continuations, and indentation;
 *  - the line parser takes one logical line of tokens at a time and finds
 *    import statements, compound statement headers and, in expressions,
 *    importlib.import_module("x") / __import__("x") with a literal;
 *  - the block stack turns indentation into the context of each import:
 *    function, class, guarded try body, TYPE_CHECKING, conditional.
 *
 * Whether a try body is guarded is known only when its handlers are seen,
 * so imports are held until the end of the file and emitted then.
 * Problems are reported once per file (the first one, as CPython does) and
 * the rest of the file is still read.
 */
#include "scanners/scanners.h"

#include <errno.h>
#include <iconv.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/rx.h"
#include "core/strbuf.h"
#include "core/xalloc.h"

enum tok_type { T_NAME, T_NUMBER, T_STRING, T_FSTART, T_FEND, T_OP };

enum op {
	OP_OTHER,
	OP_LPAR, OP_RPAR, OP_LSQB, OP_RSQB, OP_LBRACE, OP_RBRACE,
	OP_FOPEN,  /* '{' opening an f-string replacement field */
	OP_FCLOSE, /* its '}' */
	OP_COLON, OP_COMMA, OP_SEMI, OP_DOT, OP_EQ, OP_STAR,
};

/* Names the parser looks at: keywords and a few well-known identifiers. */
enum kw {
	KW_NONE,
	KW_OTHER, /* a hard keyword with no role here: True, pass, ... */
	KW_AS, KW_ASYNC, KW_CASE, KW_CLASS, KW_DEF, KW_ELIF, KW_ELSE,
	KW_EXCEPT, KW_FINALLY, KW_FOR, KW_FROM, KW_IF, KW_IMPORT, KW_LAMBDA,
	KW_MATCH, KW_RAISE, KW_TRY, KW_TYPE, KW_WHILE, KW_WITH,
	N_BUILTINS, N_CATCHES, N_DUNDER_IMPORT, N_IMPORTLIB, N_IMPORT_MODULE,
	N_PACKAGE, N_PRINT, N_TYPE_CHECKING, N_TYPING,
};

enum str_flag {
	STR_BYTES = 1u << 0,
	STR_RAW = 1u << 1,
};

struct tok {
	const char *s;
	unsigned n;
	unsigned line;
	unsigned col;
	unsigned char type;
	unsigned char op;
	unsigned char kw;
	unsigned char sflags;
};

/* Limits, as CPython's (nesting) or generous (blocks). */
enum {
	MAX_BRACKETS = 200, /* CPython's MAXLEVEL */
	MAX_FMODES = 150,   /* CPython's MAXFSTRINGLEVEL, in fields */
	MAX_BLOCKS = 1000,
	MAX_TYPING_ALIASES = 16,
};

/* Where the lexer is inside f-strings. */
enum fmode_kind { FM_LITERAL, FM_EXPR, FM_SPEC };

struct fmode {
	unsigned char kind;
	char quote;
	bool triple;
	bool raw;
	int base; /* bracket depth outside the field (FM_EXPR, FM_SPEC) */
};

struct block {
	unsigned indent;
	unsigned flags; /* IMPORT_* of the constructs around it */
	int try_id;     /* innermost try whose body holds it, -1 for none */
	int last_try;   /* the last try statement directly in it */
	bool in_function;
	bool is_match;  /* a match body: 'case' starts a clause */
};

struct try_rec {
	int parent;
	bool guards;
};

struct held_import {
	struct import imp;
	int try_id;
};

struct py {
	struct scan_ctx *ctx;
	struct arena *arena;
	/* lexer */
	const char *p, *end, *line_start;
	unsigned line;
	int depth;
	bool at_bol;
	char brackets[MAX_BRACKETS];
	struct fmode fmodes[MAX_FMODES];
	int nfmodes;
	unsigned line_indent; /* indentation column of the current line */
	/* the logical line */
	struct tok *toks;
	size_t ntoks, atoks;
	/* blocks and results */
	struct block blocks[MAX_BLOCKS];
	int nblocks;
	bool have_pending;
	struct block pending;
	unsigned pending_line;
	struct try_rec *tries;
	size_t ntries, atries;
	struct held_import *held;
	size_t nheld, aheld;
	const char *typing[MAX_TYPING_ALIASES];
	size_t ntyping;
	unsigned file_flags;
	bool warned;
};

/* ---------------------------------------------------------------- */
/* diagnostics */

static void warn(struct py *py, unsigned line, unsigned col, const char *fmt,
		 ...) DP_PRINTF(4, 5);

static void
warn(struct py *py, unsigned line, unsigned col, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	if (py->warned)
		return;
	py->warned = true;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	scan_warn(py->ctx, line, col, "%s", msg);
}

static unsigned
col_of(const struct py *py, const char *at)
{
	return (unsigned)(at - py->line_start) + 1;
}

/* ---------------------------------------------------------------- */
/* names */

static enum kw
classify(const char *s, size_t n)
{
#define IS(lit) (n == sizeof(lit) - 1 && !memcmp(s, lit, n))
	switch (s[0]) {
	case 'B':
		if (IS("BaseException"))
			return N_CATCHES;
		break;
	case 'E':
		if (IS("Exception"))
			return N_CATCHES;
		break;
	case 'F':
		if (IS("False"))
			return KW_OTHER;
		break;
	case 'I':
		if (IS("ImportError"))
			return N_CATCHES;
		break;
	case 'M':
		if (IS("ModuleNotFoundError"))
			return N_CATCHES;
		break;
	case 'N':
		if (IS("None"))
			return KW_OTHER;
		break;
	case 'T':
		if (IS("True"))
			return KW_OTHER;
		if (IS("TYPE_CHECKING"))
			return N_TYPE_CHECKING;
		break;
	case '_':
		if (IS("__import__"))
			return N_DUNDER_IMPORT;
		break;
	case 'a':
		if (IS("as"))
			return KW_AS;
		if (IS("async"))
			return KW_ASYNC;
		if (IS("and") || IS("assert") || IS("await"))
			return KW_OTHER;
		break;
	case 'b':
		if (IS("break"))
			return KW_OTHER;
		if (IS("builtins"))
			return N_BUILTINS;
		break;
	case 'c':
		if (IS("class"))
			return KW_CLASS;
		if (IS("case"))
			return KW_CASE;
		if (IS("continue"))
			return KW_OTHER;
		break;
	case 'd':
		if (IS("def"))
			return KW_DEF;
		if (IS("del"))
			return KW_OTHER;
		break;
	case 'e':
		if (IS("else"))
			return KW_ELSE;
		if (IS("elif"))
			return KW_ELIF;
		if (IS("except"))
			return KW_EXCEPT;
		break;
	case 'f':
		if (IS("for"))
			return KW_FOR;
		if (IS("from"))
			return KW_FROM;
		if (IS("finally"))
			return KW_FINALLY;
		break;
	case 'g':
		if (IS("global"))
			return KW_OTHER;
		break;
	case 'i':
		if (IS("if"))
			return KW_IF;
		if (IS("import"))
			return KW_IMPORT;
		if (IS("importlib"))
			return N_IMPORTLIB;
		if (IS("import_module"))
			return N_IMPORT_MODULE;
		if (IS("in") || IS("is"))
			return KW_OTHER;
		break;
	case 'l':
		if (IS("lambda"))
			return KW_LAMBDA;
		break;
	case 'm':
		if (IS("match"))
			return KW_MATCH;
		break;
	case 'n':
		if (IS("not") || IS("nonlocal"))
			return KW_OTHER;
		break;
	case 'o':
		if (IS("or"))
			return KW_OTHER;
		break;
	case 'p':
		if (IS("pass"))
			return KW_OTHER;
		if (IS("package"))
			return N_PACKAGE;
		if (IS("print"))
			return N_PRINT;
		break;
	case 'r':
		if (IS("raise"))
			return KW_RAISE;
		if (IS("return"))
			return KW_OTHER;
		break;
	case 't':
		if (IS("try"))
			return KW_TRY;
		if (IS("type"))
			return KW_TYPE;
		if (IS("typing"))
			return N_TYPING;
		break;
	case 'w':
		if (IS("while"))
			return KW_WHILE;
		if (IS("with"))
			return KW_WITH;
		break;
	case 'y':
		if (IS("yield"))
			return KW_OTHER;
		break;
	}
	return KW_NONE;
#undef IS
}

/* Whether a name of this class is a hard keyword (never an identifier). */
static bool
is_hard_keyword(enum kw kw)
{
	return kw >= KW_OTHER && kw <= KW_WITH && kw != KW_CASE &&
	       kw != KW_MATCH && kw != KW_TYPE;
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
	return is_digit((unsigned char)c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}

/* Consume one line break at p ("\n", "\r\n" or "\r"). */
static void
eat_newline(struct py *py)
{
	if (*py->p == '\r' && py->p + 1 < py->end && py->p[1] == '\n')
		py->p++;
	py->p++;
	py->line++;
	py->line_start = py->p;
}

static struct tok *
push_tok(struct py *py, enum tok_type type, const char *s, size_t n,
	 unsigned line, unsigned col)
{
	struct tok *t;

	XGROW(py->toks, py->ntoks + 1, py->atoks);
	t = &py->toks[py->ntoks++];
	t->s = s;
	t->n = (unsigned)n;
	t->line = line;
	t->col = col;
	t->type = (unsigned char)type;
	t->op = OP_OTHER;
	t->kw = KW_NONE;
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
	*flags = (b ? STR_BYTES : 0) | (r ? STR_RAW : 0);
	*fmt = f;
	return true;
}

/* Scan the body of a plain string whose opening quote(s) were consumed. */
static void
lex_string_body(struct py *py, char q, bool triple, unsigned line,
		unsigned col)
{
	for (;;) {
		const char *p = py->p;
		unsigned char c;

		/* The common case: bytes with no role in a string. */
		while (p < py->end && (c = *uc(p)) != (unsigned char)q &&
		       c != '\\' && c != '\n' && c != '\r')
			p++;
		py->p = p;
		if (p == py->end) {
			warn(py, line, col, triple ?
				 "unterminated triple-quoted string literal" :
				 "unterminated string literal");
			return;
		}
		c = *uc(p);
		if (c == '\\') {
			py->p++;
			if (py->p == py->end)
				continue;
			if (*py->p == '\n' || *py->p == '\r')
				eat_newline(py);
			else
				py->p++;
		} else if (c == '\n' || c == '\r') {
			if (!triple) {
				warn(py, line, col,
				     "unterminated string literal");
				return;
			}
			eat_newline(py);
		} else {
			py->p++;
			if (!triple)
				return;
			if (py->end - py->p >= 2 && py->p[0] == q &&
			    py->p[1] == q) {
				py->p += 2;
				return;
			}
		}
	}
}

static struct fmode *
top_fmode(struct py *py)
{
	return py->nfmodes ? &py->fmodes[py->nfmodes - 1] : NULL;
}

/* The f-string around the innermost field: its literal mode entry. */
static struct fmode *
enclosing_fstring(struct py *py)
{
	int i;

	for (i = py->nfmodes - 1; i >= 0; i--) {
		if (py->fmodes[i].kind == FM_LITERAL)
			return &py->fmodes[i];
	}
	return NULL;
}

/* End the innermost f-string: drop its open fields and its mode. */
static void
end_fstring(struct py *py)
{
	while (py->nfmodes) {
		struct fmode *m = &py->fmodes[--py->nfmodes];

		if (m->kind != FM_LITERAL) {
			py->depth = m->base;
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
static void
lex_fstring_text(struct py *py)
{
	struct fmode *m = top_fmode(py);
	struct fmode *fs = enclosing_fstring(py);
	const char q = fs->quote;

	for (;;) {
		const char *p = py->p;
		unsigned char c;

		while (p < py->end && (c = *uc(p)) != (unsigned char)q &&
		       c != '\\' && c != '\n' && c != '\r' && c != '{' &&
		       c != '}')
			p++;
		py->p = p;
		if (p == py->end) {
			warn(py, py->line, 0, "unterminated f-string literal");
			end_fstring(py);
			push_tok(py, T_FEND, p, 0, py->line, col_of(py, p));
			return;
		}
		c = *uc(p);
		if (c == '\\') {
			const char *n = p + 1;

			if (n < py->end && (*n == '{' || *n == '}')) {
				/* The brace keeps its meaning. */
				py->p = n;
				continue;
			}
			py->p = n;
			if (n == py->end)
				continue;
			if (!fs->raw && *n == 'N' && n + 1 < py->end &&
			    n[1] == '{') {
				const char *close =
					memchr(n, '}', (size_t)(py->end - n));
				py->p = close ? close + 1 : py->end;
			} else if (*n == '\n' || *n == '\r') {
				eat_newline(py);
			} else {
				py->p++;
			}
		} else if (c == '\n' || c == '\r') {
			if (!fs->triple) {
				warn(py, py->line, col_of(py, p),
				     "unterminated f-string literal");
				end_fstring(py);
				push_tok(py, T_FEND, p, 0, py->line,
					 col_of(py, p));
				return;
			}
			eat_newline(py);
		} else if (c == '{') {
			if (m->kind == FM_LITERAL && p + 1 < py->end &&
			    p[1] == '{') {
				py->p += 2;
				continue;
			}
			py->p++;
			if (py->nfmodes == MAX_FMODES) {
				warn(py, py->line, col_of(py, p),
				     "too many nested f-strings");
				end_fstring(py);
				push_tok(py, T_FEND, p, 0, py->line,
					 col_of(py, p));
				return;
			}
			py->fmodes[py->nfmodes++] = (struct fmode){
				FM_EXPR, q, fs->triple, fs->raw, py->depth};
			py->depth++;
			push_tok(py, T_OP, p, 1, py->line, col_of(py, p))->op =
				OP_FOPEN;
			return;
		} else if (c == '}') {
			if (m->kind == FM_SPEC) {
				py->p++;
				py->depth = m->base;
				py->nfmodes--;
				push_tok(py, T_OP, p, 1, py->line,
					 col_of(py, p))->op = OP_FCLOSE;
				return;
			}
			if (p + 1 < py->end && p[1] == '}') {
				py->p += 2;
				continue;
			}
			warn(py, py->line, col_of(py, p),
			     "f-string: single '}' is not allowed");
			py->p++;
		} else { /* the quote */
			if (fs->triple &&
			    !(py->end - p >= 3 && p[1] == q && p[2] == q)) {
				py->p++;
				continue;
			}
			if (m->kind != FM_LITERAL)
				warn(py, py->line, col_of(py, p),
				     "f-string: expecting '}'");
			py->p += fs->triple ? 3 : 1;
			end_fstring(py);
			push_tok(py, T_FEND, p, 0, py->line, col_of(py, p));
			return;
		}
	}
}

/* Lex a string literal whose prefix (maybe empty) starts at s. */
static void
lex_string(struct py *py, const char *s, unsigned flags, bool fmt)
{
	unsigned line = py->line, col = col_of(py, s);
	char q = *py->p;
	bool triple = py->end - py->p >= 3 && py->p[1] == q && py->p[2] == q;
	struct tok *t;

	py->p += triple ? 3 : 1;
	if (fmt && py->nfmodes < MAX_FMODES) {
		py->fmodes[py->nfmodes++] = (struct fmode){
			FM_LITERAL, q, triple, (flags & STR_RAW) != 0, 0};
		push_tok(py, T_FSTART, s, (size_t)(py->p - s), line, col);
		return;
	}
	if (fmt)
		warn(py, line, col, "too many nested f-strings");
	lex_string_body(py, q, triple, line, col);
	t = push_tok(py, T_STRING, s, (size_t)(py->p - s), line, col);
	t->sflags = (unsigned char)flags;
}

static void
lex_number(struct py *py)
{
	const char *s = py->p;
	const char *p = s;
	bool leading_zero = false;

	if (*p == '0' && p + 1 < py->end && p[1] && strchr("xXoObB", p[1])) {
		p += 2;
		while (p < py->end && (isxdigit_ascii(*p) || *p == '_'))
			p++;
	} else {
		leading_zero = *p == '0';
		while (p < py->end && (is_digit(*uc(p)) || *p == '_'))
			p++;
		if (leading_zero) {
			const char *q = s;
			while (q < p && (*q == '0' || *q == '_'))
				q++;
			leading_zero = q < p; /* 007 but not 000 */
		}
		if (p < py->end && *p == '.') {
			leading_zero = false;
			p++;
			while (p < py->end && (is_digit(*uc(p)) || *p == '_'))
				p++;
		}
		if (p < py->end && (*p == 'e' || *p == 'E')) {
			const char *e = p + 1;
			if (e < py->end && (*e == '+' || *e == '-'))
				e++;
			if (e < py->end && is_digit(*uc(e))) {
				leading_zero = false;
				p = e;
				while (p < py->end &&
				       (is_digit(*uc(p)) || *p == '_'))
					p++;
			}
		}
		if (p < py->end && (*p == 'j' || *p == 'J')) {
			leading_zero = false;
			p++;
		}
	}
	if (leading_zero)
		warn(py, py->line, col_of(py, s),
		     "leading zeros in decimal integer literals are not "
		     "permitted");
	else if (p < py->end && is_ident_start(*uc(p))) {
		const char *q = p;
		enum kw kw;

		while (q < py->end && is_ident_char(*uc(q)))
			q++;
		kw = classify(p, (size_t)(q - p));
		/* "1if x else y" is valid; "10L" is Python 2. */
		if (!is_hard_keyword(kw))
			warn(py, py->line, col_of(py, s),
			     "invalid decimal literal");
	}
	push_tok(py, T_NUMBER, s, (size_t)(p - s), py->line, col_of(py, s));
	py->p = p;
}

static void
open_bracket(struct py *py, char c, const char *at)
{
	if (py->depth < MAX_BRACKETS)
		py->brackets[py->depth] = c;
	else if (py->depth == MAX_BRACKETS)
		warn(py, py->line, col_of(py, at),
		     "too many nested parentheses");
	py->depth++;
}

/* A closing bracket; false when it closes nothing (it is then dropped). */
static bool
close_bracket(struct py *py, char c, const char *at)
{
	const struct fmode *m = top_fmode(py);
	char want = c == ')' ? '(' : c == ']' ? '[' : '{';

	if (py->depth == 0 || (m && m->kind == FM_EXPR &&
			       py->depth == m->base + 1)) {
		warn(py, py->line, col_of(py, at), "unmatched '%c'", c);
		return false;
	}
	py->depth--;
	if (py->depth < MAX_BRACKETS && py->brackets[py->depth] != want)
		warn(py, py->line, col_of(py, at),
		     "closing parenthesis '%c' does not match opening "
		     "parenthesis '%c'", c, py->brackets[py->depth]);
	return true;
}

/* Operators, longest first where one is the prefix of another. */
static size_t
lex_operator(struct py *py, const char *p, enum op *op)
{
	static const char *const three[] = {"**=", "//=", ">>=", "<<="};
	static const char *const two[] = {
		"!=", "%=", "&=", "**", "*=", "+=", "-=", "->", "//", "/=",
		":=", "<<", "<=", "==", ">=", ">>", "@=", "^=", "|=",
	};
	size_t avail = (size_t)(py->end - p), i;

	*op = OP_OTHER;
	for (i = 0; avail >= 3 && i < DP_ARRAY_LEN(three); i++) {
		if (!memcmp(p, three[i], 3))
			return 3;
	}
	for (i = 0; avail >= 2 && i < DP_ARRAY_LEN(two); i++) {
		if (!memcmp(p, two[i], 2))
			return 2;
	}
	if (avail >= 2 && p[0] == '<' && p[1] == '>') {
		warn(py, py->line, col_of(py, p),
		     "invalid syntax: '<>' (Python 2)");
		return 2;
	}
	switch (*p) {
	case '(': *op = OP_LPAR; break;
	case ')': *op = OP_RPAR; break;
	case '[': *op = OP_LSQB; break;
	case ']': *op = OP_RSQB; break;
	case '{': *op = OP_LBRACE; break;
	case '}': *op = OP_RBRACE; break;
	case ':': *op = OP_COLON; break;
	case ',': *op = OP_COMMA; break;
	case ';': *op = OP_SEMI; break;
	case '.': *op = OP_DOT; break;
	case '=': *op = OP_EQ; break;
	case '*': *op = OP_STAR; break;
	case '!': case '%': case '&': case '+': case '-': case '/': case '<':
	case '>': case '@': case '^': case '|': case '~':
		break;
	default:
		return 0;
	}
	return 1;
}

/* Measure the indentation at the start of a physical line. */
static unsigned
measure_indent(struct py *py)
{
	unsigned col = 0;

	for (; py->p < py->end; py->p++) {
		if (*py->p == ' ')
			col++;
		else if (*py->p == '\t')
			col = (col / 8 + 1) * 8;
		else if (*py->p == '\f')
			col = 0;
		else
			break;
	}
	return col;
}

/*
 * Lex one logical line into py->toks.  Returns false at the end of the
 * input when the line is empty.  Blank lines and comment-only lines are
 * skipped; py->line_indent is the column of the line's first token.
 */
static bool
lex_line(struct py *py)
{
	py->ntoks = 0;
	for (;;) {
		const struct fmode *m = top_fmode(py);
		const char *p, *s;
		unsigned char c;
		enum op op;
		size_t n;

		if (m && m->kind != FM_EXPR) {
			lex_fstring_text(py);
			continue;
		}
		if (py->at_bol) {
			unsigned col = measure_indent(py);

			if (py->p < py->end && *py->p != '#' &&
			    *py->p != '\n' && *py->p != '\r' &&
			    !(*py->p == '\\' && py->p + 1 < py->end &&
			      (py->p[1] == '\n' || py->p[1] == '\r'))) {
				py->at_bol = false;
				py->line_indent = col;
			}
		}
		p = py->p;
		while (p < py->end && (*p == ' ' || *p == '\t' || *p == '\f'))
			p++;
		py->p = p;
		if (p == py->end) {
			if (py->depth > 0 || py->nfmodes) {
				warn(py, py->line, 0,
				     "unexpected end of file in a multi-line "
				     "statement");
				py->depth = 0;
				py->nfmodes = 0;
			}
			return py->ntoks > 0;
		}
		c = *uc(p);
		s = p;
		if (c == '#') {
			const char *nl = p;
			while (nl < py->end && *nl != '\n' && *nl != '\r')
				nl++;
			py->p = nl;
			continue;
		}
		if (c == '\n' || c == '\r') {
			eat_newline(py);
			if (py->depth > 0)
				continue;
			py->at_bol = true;
			if (py->ntoks)
				return true;
			continue;
		}
		if (c == '\\') {
			if (p + 1 < py->end && (p[1] == '\n' || p[1] == '\r')) {
				py->p++;
				eat_newline(py);
				if (py->p == py->end)
					warn(py, py->line, 0,
					     "unexpected end of file after a "
					     "line continuation");
				continue;
			}
			warn(py, py->line, col_of(py, p),
			     "unexpected character after line continuation "
			     "character");
			py->p++;
			continue;
		}
		if (is_ident_start(c)) {
			unsigned flags;
			bool fmt;
			struct tok *t;

			while (p < py->end && is_ident_char(*uc(p)))
				p++;
			n = (size_t)(p - s);
			if (p < py->end && (*p == '"' || *p == '\'') &&
			    string_prefix(s, n, &flags, &fmt)) {
				py->p = p;
				lex_string(py, s, flags, fmt);
				continue;
			}
			py->p = p;
			t = push_tok(py, T_NAME, s, n, py->line, col_of(py, s));
			t->kw = (unsigned char)classify(s, n);
			continue;
		}
		if (is_digit(c) || (c == '.' && p + 1 < py->end &&
				    is_digit(*uc(p + 1)))) {
			lex_number(py);
			continue;
		}
		if (c == '"' || c == '\'') {
			lex_string(py, s, 0, false);
			continue;
		}
		if (m && py->depth == m->base + 1 && (c == '}' || c == ':')) {
			/* The end of a replacement field, or its spec. */
			py->p++;
			if (c == ':') {
				py->fmodes[py->nfmodes - 1].kind = FM_SPEC;
				continue;
			}
			py->depth = m->base;
			py->nfmodes--;
			push_tok(py, T_OP, s, 1, py->line, col_of(py, s))->op =
				OP_FCLOSE;
			continue;
		}
		n = lex_operator(py, p, &op);
		if (!n) {
			if (c == '`')
				warn(py, py->line, col_of(py, p),
				     "invalid syntax: '`' (Python 2)");
			else if (c == '\0')
				; /* reported once for the whole file */
			else
				warn(py, py->line, col_of(py, p),
				     "invalid character '%c'",
				     c >= 0x20 && c < 0x7f ? c : '?');
			py->p++;
			continue;
		}
		py->p = p + n;
		if (op == OP_LPAR || op == OP_LSQB || op == OP_LBRACE) {
			open_bracket(py, c, p);
		} else if (op == OP_RPAR || op == OP_RSQB || op == OP_RBRACE) {
			if (!close_bracket(py, c, p))
				continue;
		}
		push_tok(py, T_OP, s, n, py->line, col_of(py, s))->op =
			(unsigned char)op;
	}
}

/* ---------------------------------------------------------------- */
/* literal values */

static void
add_utf8(struct strbuf *sb, unsigned long cp)
{
	if (cp < 0x80) {
		strbuf_addch(sb, (int)cp);
	} else if (cp < 0x800) {
		strbuf_addch(sb, (int)(0xc0 | (cp >> 6)));
		strbuf_addch(sb, (int)(0x80 | (cp & 0x3f)));
	} else if (cp < 0x10000) {
		strbuf_addch(sb, (int)(0xe0 | (cp >> 12)));
		strbuf_addch(sb, (int)(0x80 | ((cp >> 6) & 0x3f)));
		strbuf_addch(sb, (int)(0x80 | (cp & 0x3f)));
	} else {
		strbuf_addch(sb, (int)(0xf0 | (cp >> 18)));
		strbuf_addch(sb, (int)(0x80 | ((cp >> 12) & 0x3f)));
		strbuf_addch(sb, (int)(0x80 | ((cp >> 6) & 0x3f)));
		strbuf_addch(sb, (int)(0x80 | (cp & 0x3f)));
	}
}

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

/*
 * Append the value of the str literal t to out, as the compiler computes
 * it.  False for bytes, for an unterminated literal, and for the \N{...}
 * escapes (which need the Unicode name table).
 */
static bool
string_value(const struct tok *t, struct strbuf *out)
{
	const char *s = t->s, *end = t->s + t->n;
	size_t plen = 0, qlen;
	const char *p, *stop;
	bool raw = t->sflags & STR_RAW;
	char q;

	if (t->sflags & STR_BYTES)
		return false;
	while (s[plen] != '"' && s[plen] != '\'')
		plen++;
	q = s[plen];
	qlen = t->n - plen >= 6 && s[plen + 1] == q && s[plen + 2] == q ? 3
									  : 1;
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
		case '\\': case '\'': case '"':
			strbuf_addch(out, c);
			break;
		case 'a': strbuf_addch(out, '\a'); break;
		case 'b': strbuf_addch(out, '\b'); break;
		case 'f': strbuf_addch(out, '\f'); break;
		case 'n': strbuf_addch(out, '\n'); break;
		case 'r': strbuf_addch(out, '\r'); break;
		case 't': strbuf_addch(out, '\t'); break;
		case 'v': strbuf_addch(out, '\v'); break;
		case '0': case '1': case '2': case '3':
		case '4': case '5': case '6': case '7':
			v = c - '0';
			if (p < stop && *p >= '0' && *p <= '7')
				v = v * 8 + (*p++ - '0');
			if (p < stop && *p >= '0' && *p <= '7')
				v = v * 8 + (*p++ - '0');
			add_utf8(out, (unsigned long)v);
			break;
		case 'x': case 'u': case 'U':
			v = hex_digits(p, stop, c == 'x' ? 2 : c == 'u' ? 4 : 8);
			if (v < 0 || v > 0x10ffff)
				return false;
			p += c == 'x' ? 2 : c == 'u' ? 4 : 8;
			add_utf8(out, (unsigned long)v);
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
/* the line parser */

static bool
is_op(const struct py *py, size_t i, enum op op)
{
	return i < py->ntoks && py->toks[i].type == T_OP &&
	       py->toks[i].op == op;
}

static bool
is_kw(const struct py *py, size_t i, enum kw kw)
{
	return i < py->ntoks && py->toks[i].type == T_NAME &&
	       py->toks[i].kw == kw;
}

static int
depth_delta(const struct tok *t)
{
	if (t->type != T_OP)
		return 0;
	switch (t->op) {
	case OP_LPAR: case OP_LSQB: case OP_LBRACE: case OP_FOPEN:
		return 1;
	case OP_RPAR: case OP_RSQB: case OP_RBRACE: case OP_FCLOSE:
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

	for (i = a; i < py->ntoks; i++) {
		const struct tok *t = &py->toks[i];

		depth += depth_delta(t);
		if (depth)
			continue;
		if (t->type == T_NAME && t->kw == KW_LAMBDA)
			lambdas++;
		else if (t->type == T_OP && t->op == OP_COLON && lambdas)
			lambdas--;
		else if (t->type == T_OP && t->op == OP_COLON)
			return (long)i;
		else if (t->type == T_OP && t->op == OP_SEMI)
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

	for (i = a; i < py->ntoks; i++) {
		depth += depth_delta(&py->toks[i]);
		if (!depth && is_op(py, i, OP_SEMI))
			return i;
	}
	return py->ntoks;
}

static unsigned
cond(const struct block *ctx)
{
	return ctx->in_function ? 0 : IMPORT_CONDITIONAL;
}

/* The context of a def or lambda body inside ctx. */
static struct block
function_body(const struct block *ctx)
{
	struct block b = *ctx;

	b.flags = (ctx->flags & ~(unsigned)IMPORT_CONDITIONAL) |
		  IMPORT_FUNCTION;
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
		const struct tok *t = k < py->ntoks ? &py->toks[k] : NULL;

		if (!t || t->type != T_NAME ||
		    is_hard_keyword(t->kw)) {
			strbuf_release(&sb);
			return NULL;
		}
		strbuf_add(&sb, t->s, t->n);
		k++;
		if (!is_op(py, k, OP_DOT))
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
	return i >= py->ntoks || is_op(py, i, OP_SEMI);
}

static size_t
bad_statement(struct py *py, size_t i, const char *what)
{
	const struct tok *t = &py->toks[i < py->ntoks ? i : py->ntoks - 1];

	warn(py, t->line, t->col, "invalid syntax in %s statement", what);
	return stmt_end(py, i);
}

/* import a.b as c, d */
static size_t
parse_import(struct py *py, size_t i, const struct block *ctx)
{
	unsigned line = py->toks[i].line;

	i++;
	for (;;) {
		const char *module = dotted_name(py, &i);
		const char *bound = module;

		if (!module)
			return bad_statement(py, i, "import");
		if (is_kw(py, i, KW_AS)) {
			if (i + 1 >= py->ntoks ||
			    py->toks[i + 1].type != T_NAME)
				return bad_statement(py, i, "import");
			bound = arena_strndup(py->arena, py->toks[i + 1].s,
					      py->toks[i + 1].n);
			i += 2;
		}
		if (!strcmp(module, "typing") &&
		    py->ntyping < MAX_TYPING_ALIASES)
			py->typing[py->ntyping++] = bound;
		hold(py, ctx, IMPORT_PLAIN, module, 0, NULL, 0, line, 0);
		if (!is_op(py, i, OP_COMMA))
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
	unsigned line = py->toks[i].line;
	const char *module = "";
	const char **names = NULL;
	size_t nnames = 0, anames = 0;
	unsigned level = 0;
	bool paren = false;

	i++;
	while (is_op(py, i, OP_DOT)) {
		level++;
		i++;
	}
	if (!is_kw(py, i, KW_IMPORT)) {
		module = dotted_name(py, &i);
		if (!module)
			return bad_statement(py, i, "from-import");
	} else if (!level) {
		return bad_statement(py, i, "from-import");
	}
	if (!is_kw(py, i, KW_IMPORT))
		return bad_statement(py, i, "from-import");
	i++;
	if (is_op(py, i, OP_STAR)) {
		names = arena_alloc(py->arena, sizeof(*names));
		names[0] = "*";
		nnames = 1;
		i++;
	} else {
		const char **tmp = NULL;

		if (is_op(py, i, OP_LPAR)) {
			paren = true;
			i++;
		}
		for (;;) {
			const struct tok *t = i < py->ntoks ? &py->toks[i] : NULL;

			if (!t || t->type != T_NAME ||
			    is_hard_keyword(t->kw)) {
				free(tmp);
				return bad_statement(py, i, "from-import");
			}
			XGROW(tmp, nnames + 1, anames);
			tmp[nnames++] = arena_strndup(py->arena, t->s, t->n);
			i++;
			if (is_kw(py, i, KW_AS)) {
				if (i + 1 >= py->ntoks ||
				    py->toks[i + 1].type != T_NAME) {
					free(tmp);
					return bad_statement(py, i,
							     "from-import");
				}
				i += 2;
			}
			if (!is_op(py, i, OP_COMMA))
				break;
			i++;
			if (paren && is_op(py, i, OP_RPAR))
				break;
		}
		if (paren && !is_op(py, i++, OP_RPAR)) {
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

	while (k < b && is_op(py, k, OP_LPAR)) {
		opens++;
		k++;
	}
	if (k >= b || py->toks[k].type != T_STRING)
		return false;
	while (k < b && py->toks[k].type == T_STRING) {
		if (!string_value(&py->toks[k], out))
			return false;
		k++;
	}
	for (; opens; opens--, k++) {
		if (!is_op(py, k, OP_RPAR))
			return false;
	}
	if (k >= b || !(is_op(py, k, OP_COMMA) || is_op(py, k, OP_RPAR)))
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
	const struct tok *t = &py->toks[k];
	struct strbuf name = STRBUF_INIT, pkg = STRBUF_INIT;
	struct strbuf full = STRBUF_INIT;
	bool takes_package = t->kw == N_IMPORT_MODULE;
	bool have_pkg = false;
	const char *rest;
	unsigned level = 0;
	size_t i;

	if (k > 0 && (is_op(py, k - 1, OP_DOT) || is_kw(py, k - 1, KW_DEF) ||
		      is_kw(py, k - 1, KW_CLASS)))
		return;
	if (t->kw == N_IMPORTLIB) {
		if (!is_op(py, k + 1, OP_DOT) || k + 2 >= b ||
		    (py->toks[k + 2].kw != N_IMPORT_MODULE &&
		     py->toks[k + 2].kw != N_DUNDER_IMPORT) ||
		    py->toks[k + 2].type != T_NAME)
			return;
		takes_package = py->toks[k + 2].kw == N_IMPORT_MODULE;
		i = k + 3;
	} else {
		i = k + 1;
	}
	if (i >= b || !is_op(py, i, OP_LPAR))
		return;
	i++;
	if (!literal_arg(py, &i, b, &name))
		goto out;
	if (takes_package && is_op(py, i, OP_COMMA)) {
		i++;
		if (is_kw(py, i, N_PACKAGE) && is_op(py, i + 1, OP_EQ))
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
	hold(py, ctx, IMPORT_PLAIN, arena_strdup(py->arena, rest), level,
	     NULL, 0, t->line, IMPORT_DYNAMIC);
out:
	strbuf_release(&name);
	strbuf_release(&pkg);
	strbuf_release(&full);
}

enum { MAX_LAMBDAS = 64 };

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
		const struct tok *t = &py->toks[k];
		int d = depth_delta(t);

		/* What ends the body of the lambdas at this depth. */
		while (nlams && lams[nlams - 1].body &&
		       (d < 0 ? depth + d < lams[nlams - 1].depth :
			depth == lams[nlams - 1].depth &&
				((t->type == T_OP &&
				  (t->op == OP_COMMA || t->op == OP_COLON ||
				   t->op == OP_SEMI)) ||
				 (t->type == T_NAME &&
				  (t->kw == KW_FOR || t->kw == KW_ASYNC))))) {
			nlams--;
			inbody--;
		}
		depth += d;
		if (t->type == T_OP && t->op == OP_COLON && nlams &&
		    !lams[nlams - 1].body && lams[nlams - 1].depth == depth) {
			lams[nlams - 1].body = true;
			inbody++;
			continue;
		}
		if (t->type != T_NAME)
			continue;
		switch (t->kw) {
		case KW_LAMBDA:
			if (nlams < MAX_LAMBDAS)
				lams[nlams++] = (struct lam){depth, false};
			break;
		case N_IMPORTLIB:
		case N_DUNDER_IMPORT:
		case N_IMPORT_MODULE:
			dynamic_import(py, k, b, inbody ? &fctx : ctx);
			break;
		case KW_IMPORT:
			warn(py, t->line, t->col, "invalid syntax: 'import'");
			break;
		}
	}
}

/* Whether [a, b) is TYPE_CHECKING or typing.TYPE_CHECKING (or alias). */
static bool
is_type_checking(const struct py *py, size_t a, size_t b)
{
	while (b - a >= 2 && is_op(py, a, OP_LPAR) && is_op(py, b - 1, OP_RPAR)) {
		int depth = 0;
		size_t k;

		for (k = a; k < b - 1; k++) {
			depth += depth_delta(&py->toks[k]);
			if (!depth)
				return false; /* (a) and (b) */
		}
		a++;
		b--;
	}
	if (b - a == 1)
		return is_kw(py, a, N_TYPE_CHECKING);
	if (b - a == 3 && py->toks[a].type == T_NAME && is_op(py, a + 1, OP_DOT) &&
	    is_kw(py, a + 2, N_TYPE_CHECKING)) {
		size_t i;

		for (i = 0; i < py->ntyping; i++) {
			if (strlen(py->typing[i]) == py->toks[a].n &&
			    !memcmp(py->typing[i], py->toks[a].s,
				    py->toks[a].n))
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

	if (b - a >= 2 && is_kw(py, b - 2, KW_AS))
		b -= 2;
	if (a == b)
		return true;
	for (k = a; k < b; k++) {
		size_t first = k;

		if (!is_kw(py, k, N_CATCHES))
			continue;
		if (k >= a + 2 && is_op(py, k - 1, OP_DOT) &&
		    is_kw(py, k - 2, N_BUILTINS))
			first = k - 2;
		if (first > a && !is_op(py, first - 1, OP_LPAR) &&
		    !is_op(py, first - 1, OP_COMMA))
			continue;
		if (k + 1 < b && !is_op(py, k + 1, OP_COMMA) &&
		    !is_op(py, k + 1, OP_RPAR))
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

/* A compound statement whose keyword is at toks[i]. */
static void
parse_compound(struct py *py, size_t i, struct block *ctx)
{
	enum kw kw = py->toks[i].kw;
	size_t hdr = i + 1;
	struct block body = *ctx, hctx = *ctx;
	long colon;

	if (kw == KW_ASYNC) {
		kw = py->toks[hdr].kw;
		hdr++;
	}
	colon = header_colon(py, hdr);
	if (colon < 0) {
		warn(py, py->toks[i].line, py->toks[i].col,
		     "expected ':'");
		scan_expr(py, hdr, py->ntoks, ctx);
		return;
	}
	body.is_match = false;
	body.last_try = -1;
	switch (kw) {
	case KW_IF:
		body.flags |= is_type_checking(py, hdr, (size_t)colon) ?
				      (unsigned)IMPORT_TYPE_CHECKING : cond(ctx);
		break;
	case KW_ELIF:
		hctx.flags |= cond(ctx);
		body.flags |= cond(ctx);
		if (is_type_checking(py, hdr, (size_t)colon))
			body.flags |= IMPORT_TYPE_CHECKING;
		break;
	case KW_MATCH:
		body.is_match = true;
		/* fall through */
	case KW_ELSE:
	case KW_WHILE:
	case KW_FOR:
	case KW_WITH:
		body.flags |= cond(ctx);
		break;
	case KW_CASE:
		hctx.flags |= cond(ctx);
		body.flags |= cond(ctx);
		break;
	case KW_EXCEPT:
		hctx.flags |= cond(ctx);
		body.flags |= cond(ctx);
		if (is_op(py, hdr, OP_STAR))
			hdr++;
		if (ctx->last_try >= 0 &&
		    catches_import_error(py, hdr, (size_t)colon))
			py->tries[ctx->last_try].guards = true;
		break;
	case KW_TRY:
		body.try_id = new_try(py, ctx->try_id);
		ctx->last_try = body.try_id;
		break;
	case KW_DEF:
		body = function_body(ctx);
		break;
	case KW_CLASS:
		body.flags |= IMPORT_CLASS;
		break;
	default: /* finally */
		break;
	}
	scan_expr(py, hdr, (size_t)colon, &hctx);
	if ((size_t)colon + 1 == py->ntoks) {
		py->have_pending = true;
		py->pending = body;
		py->pending_line = py->toks[colon].line;
		return;
	}
	parse_stmts(py, (size_t)colon + 1, &body);
}

/* Python 2 forms CPython rejects at the start of a simple statement. */
static void
check_statement(struct py *py, size_t i, size_t end)
{
	const struct tok *t = &py->toks[i];

	if (t->type == T_NAME && !is_hard_keyword(t->kw) &&
	    t->kw != KW_MATCH && t->kw != KW_CASE && t->kw != KW_TYPE &&
	    i + 1 < end && py->toks[i + 1].type != T_OP) {
		if (t->kw == N_PRINT)
			warn(py, t->line, t->col,
			     "missing parentheses in call to 'print' "
			     "(Python 2)");
		else
			warn(py, t->line, t->col, "invalid syntax");
	} else if (t->kw == KW_RAISE && t->type == T_NAME) {
		int depth = 0;
		size_t k;

		for (k = i + 1; k < end && !is_kw(py, k, KW_FROM); k++) {
			depth += depth_delta(&py->toks[k]);
			if (!depth && is_op(py, k, OP_COMMA)) {
				warn(py, t->line, t->col,
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
	const struct tok *t = &py->toks[i];
	long colon;

	switch (t->kw) {
	case KW_IF: case KW_ELIF: case KW_ELSE: case KW_WHILE: case KW_FOR:
	case KW_TRY: case KW_EXCEPT: case KW_FINALLY: case KW_WITH:
	case KW_DEF: case KW_CLASS:
		return true;
	case KW_ASYNC:
		return is_kw(py, i + 1, KW_DEF) || is_kw(py, i + 1, KW_FOR) ||
		       is_kw(py, i + 1, KW_WITH);
	case KW_MATCH:
	case KW_CASE:
		/* Soft keywords: a header ending the line, with something
		 * after the keyword that can start an expression. */
		if (t->kw == KW_CASE && !ctx->is_match)
			return false;
		colon = header_colon(py, i + 1);
		if (colon < 0 || (size_t)colon + 1 != py->ntoks ||
		    (size_t)colon == i + 1)
			return false;
		t = &py->toks[i + 1];
		return !(t->type == T_OP &&
			 (t->op == OP_DOT || t->op == OP_EQ ||
			  t->op == OP_COMMA || t->op == OP_RPAR ||
			  t->op == OP_RSQB || t->op == OP_RBRACE ||
			  (t->op == OP_OTHER && t->n >= 2 &&
			   t->s[t->n - 1] == '=')));
	}
	return false;
}

/* The statements of the logical line from toks[i] on, in context ctx. */
static void
parse_stmts(struct py *py, size_t i, struct block *ctx)
{
	while (i < py->ntoks) {
		const struct tok *t = &py->toks[i];
		size_t end;

		if (is_op(py, i, OP_SEMI)) {
			i++;
			continue;
		}
		if (t->type == T_NAME) {
			if (t->kw == KW_IMPORT) {
				i = parse_import(py, i, ctx);
				continue;
			}
			if (t->kw == KW_FROM) {
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

/* Fit the line's indentation to the block stack, then parse the line. */
static void
parse_line(struct py *py)
{
	unsigned col = py->line_indent;
	struct block *top = &py->blocks[py->nblocks - 1];
	const struct tok *first = &py->toks[0];

	if (py->have_pending) {
		py->have_pending = false;
		if (col > top->indent) {
			if (py->nblocks == MAX_BLOCKS) {
				warn(py, first->line, first->col,
				     "too many levels of indentation");
			} else {
				py->blocks[py->nblocks] = py->pending;
				py->blocks[py->nblocks++].indent = col;
			}
		} else {
			warn(py, first->line, first->col,
			     "expected an indented block after line %u",
			     py->pending_line);
		}
	} else if (col > top->indent) {
		warn(py, first->line, first->col, "unexpected indent");
		if (py->nblocks < MAX_BLOCKS) {
			py->blocks[py->nblocks] = *top;
			py->blocks[py->nblocks++].indent = col;
		}
	}
	while (py->nblocks > 1 && col < py->blocks[py->nblocks - 1].indent)
		py->nblocks--;
	top = &py->blocks[py->nblocks - 1];
	if (col != top->indent)
		warn(py, first->line, first->col,
		     "unindent does not match any outer indentation level");
	parse_stmts(py, 0, top);
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
		    (data[i] == '\r' && (i + 1 >= off || data[i + 1] != '\n'))) {
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
to_utf8(struct py *py, const char *enc, const char **data, size_t *len)
{
	size_t cap = *len * 4 + 4, inleft = *len, outleft = cap;
	char *out = arena_alloc(py->arena, cap);
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
		warn(py, line, col, "cannot decode the file as '%s'", enc);
	}
	iconv_close(cd);
	*data = out;
	*len = (size_t)(o - out);
	return true;
}

/* Turn the file's bytes into the UTF-8 text the tokenizer reads. */
static void
decode_source(struct py *py, const char **data, size_t *len)
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
	    !name_is(enc, "utf-8") && !name_is(enc, "utf8")) {
		if (bom) {
			warn(py, 1, 0, "encoding problem: '%s' with a UTF-8 "
			     "byte order mark", enc);
		} else if (!to_utf8(py, enc, data, len)) {
			warn(py, 1, 0, "unknown encoding '%s'", enc);
		}
	} else if ((bad = utf8_invalid_at(*data, *len)) < *len) {
		unsigned line, col;

		locate(*data, bad, &line, &col);
		warn(py, line, col, "invalid UTF-8 byte 0x%02x",
		     (unsigned char)(*data)[bad]);
	}
	nul = memchr(*data, '\0', *len);
	if (nul) {
		unsigned line, col;

		locate(*data, (size_t)(nul - *data), &line, &col);
		warn(py, line, col, "source code cannot contain null bytes");
	}
}

/* ---------------------------------------------------------------- */
/* the scanner */

/* test_*.py, *_test.py, conftest.py, or anything under tests/ or test/ */
static bool
is_test_path(const char *path)
{
	const char *base = strrchr(path, '/');
	const char *p = path;
	size_t n;

	base = base ? base + 1 : path;
	n = strlen(base);
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
	const char *data = fv->data;
	size_t len = fv->len, i;

	py->ctx = ctx;
	py->arena = arena;
	py->file_flags = is_test_path(fv->path) ? IMPORT_TEST : 0;
	decode_source(py, &data, &len);
	py->p = py->line_start = data;
	py->end = data + len;
	py->line = 1;
	py->at_bol = true;
	py->blocks[0] = (struct block){0, 0, -1, -1, false, false};
	py->nblocks = 1;
	while (lex_line(py))
		parse_line(py);
	if (py->have_pending)
		warn(py, py->line, 0, "expected an indented block after line %u",
		     py->pending_line);
	for (i = 0; i < py->nheld; i++) {
		struct import *imp = &py->held[i].imp;
		int id;

		for (id = py->held[i].try_id; id >= 0; id = py->tries[id].parent) {
			if (py->tries[id].guards) {
				imp->flags |= IMPORT_TRY;
				break;
			}
		}
		scan_emit_import(ctx, imp);
	}
	free(py->toks);
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
