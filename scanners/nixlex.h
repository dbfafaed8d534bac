/* nixlex.h - the tokens of the Nix expression language
 *
 * The lexer follows Nix's own (src/libexpr/lexer.l): identifiers with '
 * and -, keywords, integers and floats, paths (./a, a/b, /a, ~/a, <a>)
 * and paths with ${} interpolation, URIs, "strings" and ''indented
 * strings'' with their escapes and ${} interpolation, # and / * * /
 * comments.  Strings come out as a sequence of tokens:
 *
 *   "a${x}b"   NIXT_STR_OPEN  PART(a)  INTERP_OPEN  ID(x)  INTERP_CLOSE
 *              PART(b)  NIXT_STR_CLOSE
 *
 * A PART token's bytes are the text as written (escapes not yet undone);
 * nixlex_unescape() undoes them.  Single-character punctuation is its own
 * token type ('{', ';', ...); the rest are enum nixtok_type values.
 *
 * The lexer keeps a stack of string, brace and interpolation modes, so
 * it never recurses; the stack grows on the heap with the input (the
 * parser bounds nesting).  The time is linear in the input.  Problems
 * are reported through scan_error() on the context given to
 * nixlex_init(); after an error the lexer returns NIXT_ERROR and then
 * NIXT_EOF for good.  Token bytes point into the caller's buffer, which
 * must outlive the lexer and the tokens.
 */
#ifndef DEPAUDIT_SCANNERS_NIXLEX_H
#define DEPAUDIT_SCANNERS_NIXLEX_H

#include <stdbool.h>
#include <stddef.h>

struct scan_ctx;
struct strbuf;

enum nixtok_type {
	NIXT_EOF = 0,
	NIXT_ERROR = 256,
	NIXT_ID,
	NIXT_INT,
	NIXT_FLOAT,
	NIXT_PATH,       /* ./a/b, a/b, /a, ~/a: a whole path */
	NIXT_PATH_OPEN,  /* ./a/ before a ${: PART and INTERP follow */
	NIXT_PATH_CLOSE, /* the end of an interpolated path (no bytes) */
	NIXT_SPATH,      /* <nixpkgs> */
	NIXT_URI,
	NIXT_STR_OPEN, /* " */
	NIXT_STR_CLOSE,
	NIXT_IND_OPEN, /* '' */
	NIXT_IND_CLOSE,
	NIXT_PART,        /* literal text of a string or path */
	NIXT_INTERP_OPEN, /* ${ */
	NIXT_INTERP_CLOSE,
	NIXT_IF,
	NIXT_THEN,
	NIXT_ELSE,
	NIXT_ASSERT,
	NIXT_WITH,
	NIXT_LET,
	NIXT_IN,
	NIXT_REC,
	NIXT_INHERIT,
	NIXT_OR_KW,     /* or */
	NIXT_ELLIPSIS,  /* ... */
	NIXT_EQ,        /* == */
	NIXT_NEQ,       /* != */
	NIXT_LEQ,       /* <= */
	NIXT_GEQ,       /* >= */
	NIXT_AND,       /* && */
	NIXT_OR,        /* || */
	NIXT_IMPL,      /* -> */
	NIXT_UPDATE,    /* // */
	NIXT_CONCAT,    /* ++ */
	NIXT_PIPE_INTO, /* |> */
	NIXT_PIPE_FROM, /* <| */
};

/* Where a string part came from, for nixlex_unescape(). */
enum nixpart_kind { NIXPART_STR, NIXPART_IND, NIXPART_PATH };

struct nixtok {
	int type;           /* a character or enum nixtok_type */
	unsigned char part; /* NIXT_PART: enum nixpart_kind */
	unsigned line;
	unsigned col;
	size_t off; /* byte offset of the token in the buffer */
	size_t len;
};

struct nixlex_mode;

struct nixlex {
	struct scan_ctx *ctx;
	const char *src;
	size_t len;
	size_t pos;
	size_t line_start;
	unsigned line;
	bool failed;
	struct nixlex_mode *modes; /* the mode stack, owned */
	size_t nmodes, amodes;
	/*
	 * Every suffix of a run of path characters ends where the run ends,
	 * so what follows the run is measured once per run, not once per
	 * token in it (a run of 100,000 '-' would be quadratic otherwise).
	 */
	size_t path_end;  /* end of the current run of path characters */
	size_t path_segs; /* length of the /segments after it, or 0 */
	bool path_interp; /* the run is followed by /${ */
	size_t uri_end;   /* end of the current run of URI scheme characters */
	size_t uri_rest;  /* length of ':' and the rest of the URI, or 0 */
};

/* Start lexing the len bytes at src; ctx receives the diagnostics. */
void nixlex_init(struct nixlex *lx, struct scan_ctx *ctx, const char *src,
		 size_t len);
void nixlex_release(struct nixlex *lx);
/* Read the next token into *t; returns its type. */
int nixlex_next(struct nixlex *lx, struct nixtok *t);
/* A printable name for a token type ("'{'", "identifier", ...). */
const char *nixlex_type_name(int type);
/*
 * Append the value of a PART token's len bytes at s to out: escapes
 * undone as Nix undoes them for that kind of part.  Indentation of an
 * indented string is not stripped here.
 */
void nixlex_unescape(struct strbuf *out, enum nixpart_kind kind, const char *s,
		     size_t len);

#endif
