/* nixparse.h - the syntax tree of a Nix expression
 *
 * nixparse() reads a whole file into a tree following Nix's grammar
 * (src/libexpr/parser.y): functions with formals, defaults, ... and @
 * patterns, let ... in, rec and plain attribute sets with dotted and
 * quoted keys, inherit and inherit (e), lists, with, assert, if, select
 * with `or`, ?, function application and every operator with Nix's
 * precedence.  It does not bind names (nix.c does what evaluation it
 * needs).
 *
 * Every node and string comes from the arena given to nixparse() and
 * lives as long as it.  Node spans are byte offsets into the buffer that
 * was parsed.  Nesting is bounded by NIXPARSE_MAX_DEPTH: a deeper file
 * is an error, not a stack overflow.  A chain of one operator (a ++ b ++
 * c, a // b) is one node with all its operands, and a list or an
 * application holds its elements in an array, so a long file makes a
 * wide tree, not a deep one.
 */
#ifndef DEPAUDIT_SCANNERS_NIXPARSE_H
#define DEPAUDIT_SCANNERS_NIXPARSE_H

#include <stdbool.h>
#include <stddef.h>

#include "scanners/nixlex.h"

struct arena;
struct scan_ctx;

enum { NIXPARSE_MAX_DEPTH = 256 };

enum nixnode_kind {
	NIXN_ID,  /* name */
	NIXN_INT, /* span: the digits */
	NIXN_FLOAT,
	NIXN_PATH,  /* kids: NIXN_PART and interpolated expressions */
	NIXN_SPATH, /* <nixpkgs> */
	NIXN_URI,
	NIXN_STR,     /* kids: NIXN_PART and interpolated expressions */
	NIXN_PART,    /* a literal part: span and part kind */
	NIXN_LIST,    /* kids: the elements */
	NIXN_SET,     /* binds; rec */
	NIXN_LET,     /* binds; a: the body */
	NIXN_WITH,    /* a: the scope; b: the body */
	NIXN_ASSERT,  /* a: the condition; b: the body */
	NIXN_IF,      /* a, b, c */
	NIXN_LAMBDA,  /* name (or NULL); binds: formals (or has_formals 0);
			 a: the body */
	NIXN_APP,     /* a: the function; kids: the arguments */
	NIXN_SELECT,  /* a: the set; path; b: the `or` default or NULL */
	NIXN_HASATTR, /* a ? path */
	NIXN_OP,      /* kids: operands; ops[i] joins kids[i], kids[i+1] */
	NIXN_NOT,     /* !a */
	NIXN_NEG,     /* -a */
};

struct nixnode;

/* One component of an attribute path: a name, or a ${} / "${}" one. */
struct nixattr {
	const char *name;    /* unescaped, NULL when dynamic */
	struct nixnode *dyn; /* the expression naming it, when dynamic */
	unsigned line;
	unsigned col;
	size_t off, end; /* its span */
};

enum nixbind_kind { NIXB_ATTR, NIXB_INHERIT };

/*
 * NIXB_ATTR: path = value.  NIXB_INHERIT: inherit (value) path...;
 * value is NULL for a plain inherit.  In a lambda's formals, each formal
 * is a NIXB_ATTR of one component with its default (or NULL) as value.
 */
struct nixbind {
	enum nixbind_kind kind;
	struct nixattr *path;
	size_t npath;
	struct nixnode *value;
	unsigned line;
	unsigned col;
};

struct nixnode {
	enum nixnode_kind kind;
	unsigned char part; /* NIXN_PART: enum nixpart_kind */
	bool rec;           /* NIXN_SET */
	bool ind;           /* NIXN_STR: an indented string */
	bool ellipsis;      /* NIXN_LAMBDA: the formals end in ... */
	bool has_formals;   /* NIXN_LAMBDA */
	unsigned line;
	unsigned col;
	size_t off, end;  /* span in the buffer, end exclusive */
	const char *name; /* NIXN_ID; NIXN_LAMBDA's argument name */
	struct nixnode **kids;
	size_t nkids;
	int *ops; /* NIXN_OP: nkids - 1 token types */
	struct nixnode *a, *b, *c;
	struct nixattr *path;
	size_t npath;
	struct nixbind *binds;
	size_t nbinds;
	void *sem; /* free for the tree's user; NULL at first */
};

/*
 * Parse the len bytes at src.  Returns the root, or NULL when the file
 * has a syntax error (diagnosed on ctx with its line and column).
 */
struct nixnode *nixparse(struct scan_ctx *ctx, struct arena *arena,
			 const char *src, size_t len);

#endif
