/* toml.h - a TOML 1.0 reader for the readers of pyproject.toml
 *
 * toml_parse() reads a whole document into a tree of struct toml_value
 * allocated from the caller's arena: tables (the root, [headers], dotted
 * keys, inline tables), arrays (including arrays of tables), strings
 * (all four kinds, escapes decoded), and integers, floats, booleans and
 * date-times (checked, kept as written).  It enforces the rules a TOML
 * parser must: no key defined twice, no table defined twice, inline
 * tables and arrays closed once written.  The first error stops it, with
 * its line and column.  Arrays and inline tables nest at most
 * TOML_MAX_DEPTH deep.  Every pointer in the tree lives as long as the
 * arena.
 */
#ifndef DEPAUDIT_SCANNERS_TOML_H
#define DEPAUDIT_SCANNERS_TOML_H

#include <stddef.h>

struct arena;
struct strbuf;

enum toml_type {
	TOML_TABLE,
	TOML_ARRAY,
	TOML_STRING,
	TOML_INTEGER,
	TOML_FLOAT,
	TOML_BOOL,
	TOML_DATETIME,
};

enum { TOML_MAX_DEPTH = 64 };

struct toml_value {
	enum toml_type type;
	const char *key; /* its key in the parent table, or NULL */
	size_t key_len;
	const char *str; /* a string's decoded value, or a scalar as written */
	size_t len;
	struct toml_value *first; /* a table's or array's members, in order */
	struct toml_value *last;
	struct toml_value *next; /* the next member of the parent */
	size_t count;            /* how many members */
	unsigned flags;          /* the parser's: how a table was defined */
	unsigned scope; /* the parser's: the header a dotted key was in */
	unsigned line;  /* where the value (or the table header) starts */
	unsigned col;
};

/* Where parsing stopped and why. */
struct toml_error {
	unsigned line;
	unsigned col;
	struct strbuf *msg; /* the caller's; a message is appended */
};

/*
 * Parse the len bytes at data.  0 with *root set to the root table, or
 * -1 with err filled.  Everything is allocated from arena.
 */
int toml_parse(struct arena *arena, const char *data, size_t len,
	       struct toml_value **root, struct toml_error *err);

/* The member of table named key, or NULL (also when table is not one). */
const struct toml_value *toml_get(const struct toml_value *table,
				  const char *key);
/* The value at a dotted path of bare keys ("tool.poetry"), or NULL. */
const struct toml_value *toml_path(const struct toml_value *table,
				   const char *path);
/* "table", "array", "string", ... for messages. */
const char *toml_type_name(enum toml_type type);

#endif
