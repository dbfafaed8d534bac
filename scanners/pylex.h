/* pylex.h - Python source as CPython's tokenizer reads it
 *
 * The readers of Python source (imports, setup.py) share this lexer.  It
 * follows CPython 3.12: strings of every prefix with triple quotes and
 * escapes, f-strings and t-strings whose replacement fields are tokenized
 * like code (nested quotes included), comments, brackets, backslash
 * continuations and indentation.  It hands out one logical line at a
 * time: the tokens of a statement (with any compound statement headers
 * and bodies on the same line), and the indentation column of its first
 * token.
 *
 * Input bytes are decoded as CPython does first: a UTF-8 byte order
 * mark, a PEP 263 coding cookie (re-encoded to UTF-8 through iconv), and
 * checks for invalid UTF-8 and NUL bytes.  Problems are reported through
 * the scan context once per file (the first one, as CPython stops at its
 * first error), and lexing goes on so that the rest can still be read.
 *
 * Tokens point into the decoded text, which lives in the scan context's
 * arena; a line's tokens are valid until the next pylex_line().
 *
 * A reader that looks at few lines closely can ask for skimming: the rest
 * of a line is then read only for its brackets, strings, comments and a
 * few separators, without tokens, and summed up in struct pylex_skim.
 */
#ifndef DEPAUDIT_SCANNERS_PYLEX_H
#define DEPAUDIT_SCANNERS_PYLEX_H

#include <stdbool.h>
#include <stddef.h>

#include "core/attr.h"

struct scan_ctx;
struct strbuf;

enum pytok_type {
	PYTOK_NAME,
	PYTOK_NUMBER,
	PYTOK_STRING,  /* a whole literal, prefix and quotes included */
	PYTOK_FSTART,  /* f"  - an f-string (or t-string) begins */
	PYTOK_FMIDDLE, /* literal text of an f-string, escapes as written */
	PYTOK_FEND,    /* "   - it ends: the closing quotes (none when
			* it was unterminated) */
	PYTOK_OP,
};

enum pyop {
	PYOP_OTHER,
	PYOP_LPAR,
	PYOP_RPAR,
	PYOP_LSQB,
	PYOP_RSQB,
	PYOP_LBRACE,
	PYOP_RBRACE,
	PYOP_FOPEN,  /* '{' opening an f-string replacement field */
	PYOP_FCLOSE, /* its '}' */
	PYOP_FSPEC,  /* the ':' starting its format spec */
	PYOP_COLON,
	PYOP_COMMA,
	PYOP_SEMI,
	PYOP_DOT,
	PYOP_EQ,
	PYOP_STAR,
	PYOP_DOUBLESTAR,
	PYOP_PLUS,
	PYOP_PERCENT,
	PYOP_BANG,
};

/* Keywords, hard and soft; PYKW_NONE for every other name. */
enum pykw {
	PYKW_NONE,
	PYKW_OTHER, /* a hard keyword with no role of its own here */
	PYKW_AS,
	PYKW_ASYNC,
	PYKW_CLASS,
	PYKW_DEF,
	PYKW_ELIF,
	PYKW_ELSE,
	PYKW_EXCEPT,
	PYKW_FINALLY,
	PYKW_FOR,
	PYKW_FROM,
	PYKW_IF,
	PYKW_IMPORT,
	PYKW_LAMBDA,
	PYKW_RAISE,
	PYKW_TRY,
	PYKW_WHILE,
	PYKW_WITH,
	/* soft keywords: names except where the grammar says otherwise */
	PYKW_CASE,
	PYKW_MATCH,
	PYKW_TYPE,
};

enum pystr_flag {
	PYSTR_BYTES = 1u << 0,
	PYSTR_RAW = 1u << 1,
};

struct pytok {
	const char *s;
	unsigned n;
	unsigned line;
	unsigned col;
	unsigned char type;   /* enum pytok_type */
	unsigned char op;     /* enum pyop, for PYTOK_OP */
	unsigned char kw;     /* enum pykw, for PYTOK_NAME */
	unsigned char sflags; /* enum pystr_flag, for PYTOK_STRING/FSTART */
};

enum {
	PYLEX_MAX_BRACKETS = 200, /* CPython's MAXLEVEL */
	PYLEX_MAX_FMODES = 150,   /* CPython's MAXFSTRINGLEVEL */
};

/* A "# depaudit: ..." comment: what follows "depaudit:", trimmed. */
struct pylex_directive {
	unsigned line;
	const char *text; /* arena-owned */
};

/*
 * What the lexer saw of a skimmed line past its first token.  "At depth
 * 0" means outside every bracket.
 */
struct pylex_skim {
	const char *end;     /* the end of the line's text */
	unsigned colons;     /* ':' at depth 0 (':=' is no colon) */
	unsigned commas;     /* ',' at depth 0 */
	unsigned semis;      /* ';' at depth 0 */
	unsigned colon_line; /* the line of the last of those colons */
	bool colon_last;     /* only comments follow that colon */
	bool operand_second; /* a name, number or string follows the first
			      * token (or a backslash: it may) */
};

struct pylex_fmode {
	unsigned char kind;
	char quote;
	bool triple;
	bool raw;
	int base;
};

/*
 * The lexer.  Callers read toks, ntoks and line_indent after each
 * pylex_line(), and line for the position reached; the other fields are
 * its own.
 */
struct pylex {
	struct pytok *toks;
	size_t ntoks;
	unsigned line_indent; /* indentation column of the line's first token */
	unsigned line;        /* the physical line the lexer is on */
	bool skim;            /* set by the caller: skim lines */
	bool skimmed;         /* this line was: toks holds its first token */
	struct pylex_skim sk; /* and what the rest held */

	/* The "# depaudit:" comments so far, in line order. */
	struct pylex_directive *directives;
	size_t ndirectives;

	struct scan_ctx *ctx;
	const char *p, *end, *line_start;
	int depth;
	bool at_bol;
	bool warned;
	size_t atoks;
	size_t adirectives;
	int nfmodes;
	struct {
		const char *p, *line_start;
		unsigned line;
		size_t ndirectives;
	} resume; /* where a skimmed line's second token starts */
	char brackets[PYLEX_MAX_BRACKETS];
	struct pylex_fmode fmodes[PYLEX_MAX_FMODES];
};

/* Decode the len bytes at data (a whole file) and get ready to lex them. */
void pylex_init(struct pylex *lx, struct scan_ctx *ctx, const char *data,
		size_t len);
/* Free the token buffer; lx is left unusable until pylex_init(). */
void pylex_release(struct pylex *lx);
/*
 * Lex the next logical line into lx->toks.  Returns false at the end of
 * the input.  Blank and comment-only lines are skipped.
 *
 * With lx->skim set, a line whose first token opens no bracket and no
 * f-string is skimmed past that token when it can be without a
 * diagnostic: lx->skimmed is set, toks holds the first token and lx->sk
 * the summary.  Anything that would draw a diagnostic (an unterminated
 * string, a stray character, an unbalanced bracket), an f-string, and a
 * number that is not a plain decimal end the skim, and the line is lexed
 * in full instead.
 */
bool pylex_line(struct pylex *lx);
/* Lex the rest of a skimmed line in full, as if it had not been. */
void pylex_unskim(struct pylex *lx);
/*
 * Report a problem at line:col unless one was reported for this file
 * already.
 */
void pylex_warn(struct pylex *lx, unsigned line, unsigned col, const char *fmt,
		...) DP_PRINTF(4, 5);

/* The text of the first "# depaudit:" comment on lines first..last, or
 * NULL. */
const char *pylex_directive(const struct pylex *lx, unsigned first,
			    unsigned last);

/* Whether a name of class kw can never be an identifier. */
bool pylex_hard_keyword(enum pykw kw);
/* Whether the name token t is spelled s. */
bool pylex_name_is(const struct pytok *t, const char *s);

/*
 * Append the value of the str literal t to out, as the compiler computes
 * it.  False for bytes, for an unterminated literal, and for \N{...}
 * escapes (which need the Unicode name table).
 */
bool pylex_string_value(const struct pytok *t, struct strbuf *out);

/* +1 for a token opening a bracket (or an f-string's '{'), -1 for one
 * closing it, 0 for any other. */
static inline int
pylex_depth_delta(const struct pytok *t)
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
	default:
		return 0;
	}
}

#endif
