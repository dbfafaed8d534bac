/* toml.c - TOML 1.0 reader; see toml.h */
#include "scanners/toml.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/strbuf.h"
#include "core/xalloc.h"

/* How a table came to be; decides whether it may be opened again. */
enum {
	TF_HEADER = 1u << 0,   /* defined by [header] */
	TF_IMPLICIT = 1u << 1, /* created as a prefix of a header */
	TF_DOTTED = 1u << 2,   /* created by a dotted key */
	TF_FROZEN = 1u << 3,   /* an inline table or a static array */
	TF_AOT = 1u << 4,      /* an array of tables ([[header]]) */
};

/* Dotted keys and headers have at most this many parts. */
enum { MAX_KEY_PARTS = 128 };

/* (parent, key) -> member: keeps duplicate checks linear in the file. */
struct slot {
	const struct toml_value *parent;
	struct toml_value *child;
	size_t hash;
};

struct keypart {
	const char *s; /* decoded, arena-owned */
	size_t n;
	unsigned line;
	unsigned col;
};

struct parser {
	struct arena *arena;
	const char *s;
	size_t n;
	size_t i;
	unsigned line;
	size_t line_start;
	struct toml_error *err;
	bool failed;
	struct slot *slots;
	size_t nslots; /* a power of two */
	size_t nused;
	unsigned section; /* counts headers, for dotted-key tables */
	struct strbuf buf;
};

static bool
fail_at(struct parser *p, unsigned line, unsigned col, const char *msg)
{
	if (!p->failed) {
		p->failed = true;
		p->err->line = line;
		p->err->col = col;
		strbuf_addstr(p->err->msg, msg);
	}
	return false;
}

static unsigned
col_of(const struct parser *p)
{
	return (unsigned)(p->i - p->line_start) + 1;
}

static bool
fail(struct parser *p, const char *msg)
{
	return fail_at(p, p->line, col_of(p), msg);
}

static int
peek(const struct parser *p, size_t k)
{
	return p->i + k < p->n ? (unsigned char)p->s[p->i + k] : -1;
}

static size_t
hash_key(const struct toml_value *parent, const char *s, size_t n)
{
	size_t h = (size_t)(uintptr_t)parent * 31u + 2166136261u;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static struct toml_value *
lookup(struct parser *p, const struct toml_value *parent, const char *s,
       size_t n)
{
	size_t h = hash_key(parent, s, n), i;

	if (!p->nslots)
		return NULL;
	for (i = h & (p->nslots - 1); p->slots[i].child;
	     i = (i + 1) & (p->nslots - 1)) {
		struct toml_value *c = p->slots[i].child;

		if (p->slots[i].hash == h && p->slots[i].parent == parent &&
		    c->key_len == n && !memcmp(c->key, s, n))
			return c;
	}
	return NULL;
}

static void
index_put(struct parser *p, const struct toml_value *parent,
	  struct toml_value *child)
{
	size_t h = hash_key(parent, child->key, child->key_len), i;

	if ((p->nused + 1) * 2 > p->nslots) {
		struct slot *old = p->slots;
		size_t nold = p->nslots, k;

		p->nslots = nold ? nold * 2 : 64;
		p->slots = xcalloc(p->nslots, sizeof(*p->slots));
		for (k = 0; k < nold; k++) {
			size_t j;

			if (!old[k].child)
				continue;
			for (j = old[k].hash & (p->nslots - 1);
			     p->slots[j].child; j = (j + 1) & (p->nslots - 1))
				;
			p->slots[j] = old[k];
		}
		free(old);
	}
	for (i = h & (p->nslots - 1); p->slots[i].child;
	     i = (i + 1) & (p->nslots - 1))
		;
	p->slots[i].parent = parent;
	p->slots[i].child = child;
	p->slots[i].hash = h;
	p->nused++;
}

static struct toml_value *
new_value(struct parser *p, enum toml_type type, unsigned line, unsigned col)
{
	struct toml_value *v = arena_calloc(p->arena, 1, sizeof(*v));

	v->type = type;
	v->line = line;
	v->col = col;
	return v;
}

static void
append(struct toml_value *parent, struct toml_value *v)
{
	if (parent->last)
		parent->last->next = v;
	else
		parent->first = v;
	parent->last = v;
	parent->count++;
}

static void
add_member(struct parser *p, struct toml_value *table, const struct keypart *k,
	   struct toml_value *v)
{
	v->key = k->s;
	v->key_len = k->n;
	append(table, v);
	index_put(p, table, v);
}

/* ---- lexical pieces ---- */

static void
skip_ws(struct parser *p)
{
	while (p->i < p->n && (p->s[p->i] == ' ' || p->s[p->i] == '\t'))
		p->i++;
}

static bool
at_newline(const struct parser *p)
{
	return peek(p, 0) == '\n' || (peek(p, 0) == '\r' && peek(p, 1) == '\n');
}

static void
eat_newline(struct parser *p)
{
	if (p->s[p->i] == '\r')
		p->i++;
	p->i++;
	p->line++;
	p->line_start = p->i;
}

/* A control character TOML forbids outside strings' escapes. */
static bool
is_bad_control(int c)
{
	return (c >= 0 && c < 0x20 && c != '\t') || c == 0x7f;
}

/* Check the UTF-8 sequence at p->i and step over it. */
static bool
step_utf8(struct parser *p)
{
	size_t k =
		utf8_seq_len((const unsigned char *)p->s + p->i, p->n - p->i);

	if (!k)
		return fail(p, "invalid UTF-8");
	p->i += k;
	return true;
}

static bool
skip_comment(struct parser *p)
{
	if (peek(p, 0) != '#')
		return true;
	while (p->i < p->n && !at_newline(p)) {
		int c = peek(p, 0);

		if (is_bad_control(c))
			return fail(p, "control character in a comment");
		if (c >= 0x80) {
			if (!step_utf8(p))
				return false;
		} else {
			p->i++;
		}
	}
	return true;
}

/* Spaces, comments and newlines, as allowed inside arrays. */
static bool
skip_ws_nl(struct parser *p)
{
	for (;;) {
		skip_ws(p);
		if (!skip_comment(p))
			return false;
		if (!at_newline(p))
			return true;
		eat_newline(p);
	}
}

/* After a key/value pair or a header: a comment, then the line ends. */
static bool
end_of_line(struct parser *p)
{
	skip_ws(p);
	if (!skip_comment(p))
		return false;
	if (p->i >= p->n)
		return true;
	if (!at_newline(p))
		return fail(p, "expected the end of the line");
	eat_newline(p);
	return true;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static bool
escape(struct parser *p, struct strbuf *sb)
{
	int c = peek(p, 1), digits = 0, k;
	unsigned long cp = 0;

	switch (c) {
	case 'b':
		strbuf_addch(sb, '\b');
		break;
	case 't':
		strbuf_addch(sb, '\t');
		break;
	case 'n':
		strbuf_addch(sb, '\n');
		break;
	case 'f':
		strbuf_addch(sb, '\f');
		break;
	case 'r':
		strbuf_addch(sb, '\r');
		break;
	case '"':
		strbuf_addch(sb, '"');
		break;
	case '\\':
		strbuf_addch(sb, '\\');
		break;
	case 'u':
		digits = 4;
		break;
	case 'U':
		digits = 8;
		break;
	default:
		return fail(p, "invalid escape in a string");
	}
	for (k = 0; k < digits; k++) {
		int h = hexval(peek(p, 2 + (size_t)k));

		if (h < 0)
			return fail(p, "invalid escape in a string");
		cp = cp * 16 + (unsigned long)h;
	}
	if (digits) {
		if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return fail(p, "escape is not a Unicode scalar value");
		strbuf_add_utf8(sb, cp);
	}
	p->i += 2 + (size_t)digits;
	return true;
}

/* A string of any kind at p->i into p->buf; *ml when multi-line. */
static bool
string(struct parser *p, bool allow_ml)
{
	char q = p->s[p->i];
	bool ml = allow_ml && peek(p, 1) == q && peek(p, 2) == q;
	unsigned line = p->line, col = col_of(p);

	strbuf_reset(&p->buf);
	p->i += ml ? 3 : 1;
	if (ml && at_newline(p))
		eat_newline(p); /* a newline right after """ is trimmed */
	for (;;) {
		int c = peek(p, 0);

		if (c < 0)
			return fail_at(p, line, col, "unterminated string");
		if (c == q) {
			if (!ml) {
				p->i++;
				return true;
			}
			if (peek(p, 1) == q && peek(p, 2) == q) {
				/* up to two quotes may end the content */
				size_t extra = 0;

				while (extra < 2 && peek(p, 3 + extra) == q)
					extra++;
				strbuf_add(&p->buf, p->s + p->i, extra);
				p->i += 3 + extra;
				return true;
			}
			strbuf_addch(&p->buf, q);
			p->i++;
			continue;
		}
		if (at_newline(p)) {
			if (!ml)
				return fail(p, "newline in a string");
			strbuf_addch(&p->buf, '\n');
			eat_newline(p);
			continue;
		}
		if (c == '\\' && q == '"') {
			if (ml) {
				/* a line-ending backslash trims to the text */
				size_t k = 1;

				while (peek(p, k) == ' ' || peek(p, k) == '\t')
					k++;
				if (peek(p, k) == '\n' ||
				    (peek(p, k) == '\r' &&
				     peek(p, k + 1) == '\n')) {
					p->i += k;
					while (p->i < p->n &&
					       (at_newline(p) ||
						peek(p, 0) == ' ' ||
						peek(p, 0) == '\t')) {
						if (at_newline(p))
							eat_newline(p);
						else
							p->i++;
					}
					continue;
				}
			}
			if (!escape(p, &p->buf))
				return false;
			continue;
		}
		if (is_bad_control(c))
			return fail(p, "control character in a string");
		if (c >= 0x80) {
			size_t at = p->i;

			if (!step_utf8(p))
				return false;
			strbuf_add(&p->buf, p->s + at, p->i - at);
			continue;
		}
		strbuf_addch(&p->buf, c);
		p->i++;
	}
}

static bool
is_bare(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '-';
}

/* A dotted key; parts decoded into the arena. */
static bool
parse_key(struct parser *p, struct keypart *parts, size_t *nparts)
{
	*nparts = 0;
	for (;;) {
		struct keypart *k;
		int c;

		skip_ws(p);
		if (*nparts == MAX_KEY_PARTS)
			return fail(p, "key has too many parts");
		k = &parts[(*nparts)++];
		k->line = p->line;
		k->col = col_of(p);
		c = peek(p, 0);
		if (c == '"' || c == '\'') {
			if (!string(p, false))
				return false;
			k->s = arena_strndup(p->arena, strbuf_str(&p->buf),
					     p->buf.len);
			k->n = p->buf.len;
		} else if (is_bare(c)) {
			size_t start = p->i;

			while (is_bare(peek(p, 0)))
				p->i++;
			k->s = arena_strndup(p->arena, p->s + start,
					     p->i - start);
			k->n = p->i - start;
		} else {
			return fail(p, "expected a key");
		}
		skip_ws(p);
		if (peek(p, 0) != '.')
			return true;
		p->i++;
	}
}

/* ---- scalars ---- */

static bool
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static bool
digits_n(const char *s, size_t n, size_t at, size_t count)
{
	size_t k;

	if (at + count > n)
		return false;
	for (k = 0; k < count; k++) {
		if (!is_digit((unsigned char)s[at + k]))
			return false;
	}
	return true;
}

static bool
range2(const char *s, size_t at, int lo, int hi)
{
	int v = (s[at] - '0') * 10 + (s[at + 1] - '0');

	return v >= lo && v <= hi;
}

/* HH:MM:SS(.frac)? at *k; returns false when malformed. */
static bool
time_part(const char *s, size_t n, size_t *k)
{
	size_t i = *k;

	if (!digits_n(s, n, i, 2) || i + 2 >= n || s[i + 2] != ':' ||
	    !digits_n(s, n, i + 3, 2) || i + 5 >= n || s[i + 5] != ':' ||
	    !digits_n(s, n, i + 6, 2))
		return false;
	if (!range2(s, i, 0, 23) || !range2(s, i + 3, 0, 59) ||
	    !range2(s, i + 6, 0, 60))
		return false;
	i += 8;
	if (i < n && s[i] == '.') {
		if (!digits_n(s, n, i + 1, 1))
			return false;
		for (i++; i < n && is_digit((unsigned char)s[i]); i++)
			;
	}
	*k = i;
	return true;
}

static bool
valid_datetime(const char *s, size_t n)
{
	size_t i = 0;

	if (n >= 3 && s[2] == ':')
		return time_part(s, n, &i) && i == n;
	if (!digits_n(s, n, 0, 4) || n < 10 || s[4] != '-' ||
	    !digits_n(s, n, 5, 2) || s[7] != '-' || !digits_n(s, n, 8, 2))
		return false;
	if (!range2(s, 5, 1, 12) || !range2(s, 8, 1, 31))
		return false;
	if (n == 10)
		return true;
	if (s[10] != 'T' && s[10] != 't' && s[10] != ' ')
		return false;
	i = 11;
	if (!time_part(s, n, &i))
		return false;
	if (i == n)
		return true;
	if ((s[i] == 'Z' || s[i] == 'z') && i + 1 == n)
		return true;
	if ((s[i] == '+' || s[i] == '-') && i + 6 == n &&
	    digits_n(s, n, i + 1, 2) && s[i + 3] == ':' &&
	    digits_n(s, n, i + 4, 2))
		return range2(s, i + 1, 0, 23) && range2(s, i + 4, 0, 59);
	return false;
}

/* Digits of a base with single '_' between digits. */
static bool
digit_run(const char *s, size_t n, size_t *i, int base)
{
	size_t start = *i;
	bool prev_digit = false;

	while (*i < n) {
		int c = (unsigned char)s[*i];
		int v = hexval(c);

		if (c == '_') {
			if (!prev_digit)
				return false;
			prev_digit = false;
		} else if (v >= 0 && v < base && (base == 16 || is_digit(c))) {
			prev_digit = true;
		} else {
			break;
		}
		(*i)++;
	}
	return *i > start && prev_digit;
}

/* An integer or float as written; sets *type. */
static bool
valid_number(const char *s, size_t n, enum toml_type *type)
{
	size_t i = 0, int_start;

	if (n > 2 && s[0] == '0' &&
	    (s[1] == 'x' || s[1] == 'o' || s[1] == 'b')) {
		int base = s[1] == 'x' ? 16 : s[1] == 'o' ? 8 : 2;

		i = 2;
		*type = TOML_INTEGER;
		return digit_run(s, n, &i, base) && i == n;
	}
	if (i < n && (s[i] == '+' || s[i] == '-'))
		i++;
	if (n - i == 3 &&
	    (!memcmp(s + i, "inf", 3) || !memcmp(s + i, "nan", 3))) {
		*type = TOML_FLOAT;
		return true;
	}
	int_start = i;
	if (!digit_run(s, n, &i, 10))
		return false;
	if (s[int_start] == '0' && i - int_start > 1)
		return false; /* leading zero */
	*type = TOML_INTEGER;
	if (i < n && s[i] == '.') {
		i++;
		*type = TOML_FLOAT;
		if (!digit_run(s, n, &i, 10))
			return false;
	}
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		*type = TOML_FLOAT;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		if (!digit_run(s, n, &i, 10))
			return false;
	}
	return i == n;
}

static bool
is_scalar_char(int c)
{
	return is_bare(c) || c == '+' || c == '.' || c == ':';
}

static struct toml_value *
scalar(struct parser *p)
{
	unsigned line = p->line, col = col_of(p);
	size_t start = p->i, n;
	enum toml_type type;
	const char *s;
	struct toml_value *v;

	while (is_scalar_char(peek(p, 0)))
		p->i++;
	/* "1979-05-27 07:32:00": a space may separate date and time */
	if (p->i - start == 10 && peek(p, 0) == ' ' && is_digit(peek(p, 1)) &&
	    p->s[start + 4] == '-') {
		p->i++;
		while (is_scalar_char(peek(p, 0)))
			p->i++;
	}
	s = p->s + start;
	n = p->i - start;
	if (!n) {
		fail(p, "expected a value");
		return NULL;
	}
	if ((n == 4 && !memcmp(s, "true", 4)) ||
	    (n == 5 && !memcmp(s, "false", 5))) {
		type = TOML_BOOL;
	} else if (n >= 5 && (s[2] == ':' || s[4] == '-') &&
		   is_digit((unsigned char)s[0])) {
		type = TOML_DATETIME;
		if (!valid_datetime(s, n)) {
			fail_at(p, line, col, "invalid date or time");
			return NULL;
		}
	} else if (!valid_number(s, n, &type)) {
		fail_at(p, line, col, "invalid value");
		return NULL;
	}
	v = new_value(p, type, line, col);
	v->str = arena_strndup(p->arena, s, n);
	v->len = n;
	return v;
}

/* ---- values ---- */

static bool keyval(struct parser *p, struct toml_value *table, unsigned depth,
		   unsigned section);
static struct toml_value *value(struct parser *p, unsigned depth);

static struct toml_value *
array(struct parser *p, unsigned depth)
{
	struct toml_value *a = new_value(p, TOML_ARRAY, p->line, col_of(p));

	a->flags = TF_FROZEN;
	p->i++;
	for (;;) {
		struct toml_value *v;

		if (!skip_ws_nl(p))
			return NULL;
		if (peek(p, 0) == ']') {
			p->i++;
			return a;
		}
		v = value(p, depth + 1);
		if (!v)
			return NULL;
		append(a, v);
		if (!skip_ws_nl(p))
			return NULL;
		if (peek(p, 0) == ',') {
			p->i++;
			continue;
		}
		if (peek(p, 0) == ']') {
			p->i++;
			return a;
		}
		fail(p, p->i >= p->n ? "unterminated array"
				     : "expected ',' or ']' in an array");
		return NULL;
	}
}

static struct toml_value *
inline_table(struct parser *p, unsigned depth)
{
	struct toml_value *t = new_value(p, TOML_TABLE, p->line, col_of(p));

	p->i++;
	skip_ws(p);
	if (peek(p, 0) == '}') {
		p->i++;
		t->flags = TF_FROZEN;
		return t;
	}
	for (;;) {
		if (!keyval(p, t, depth + 1, 0))
			return NULL;
		skip_ws(p);
		if (peek(p, 0) == ',') {
			p->i++;
			continue;
		}
		if (peek(p, 0) == '}') {
			p->i++;
			t->flags = TF_FROZEN;
			return t;
		}
		fail(p, p->i >= p->n || at_newline(p)
				? "unterminated inline table"
				: "expected ',' or '}' in an inline table");
		return NULL;
	}
}

static struct toml_value *
value(struct parser *p, unsigned depth)
{
	int c;

	if (depth >= TOML_MAX_DEPTH) {
		fail(p, "values nest too deep");
		return NULL;
	}
	skip_ws(p);
	c = peek(p, 0);
	if (c == '"' || c == '\'') {
		struct toml_value *v =
			new_value(p, TOML_STRING, p->line, col_of(p));

		if (!string(p, true))
			return NULL;
		v->str = arena_strndup(p->arena, strbuf_str(&p->buf),
				       p->buf.len);
		v->len = p->buf.len;
		return v;
	}
	if (c == '[')
		return array(p, depth);
	if (c == '{')
		return inline_table(p, depth);
	return scalar(p);
}

/*
 * Walk the dotted prefix of a key in table, creating tables as needed:
 * the table the last part goes into, or NULL on an error.
 */
static struct toml_value *
dotted_prefix(struct parser *p, struct toml_value *table,
	      const struct keypart *parts, size_t nparts, unsigned section)
{
	size_t k;

	for (k = 0; k + 1 < nparts; k++) {
		struct toml_value *t = lookup(p, table, parts[k].s, parts[k].n);

		if (!t) {
			t = new_value(p, TOML_TABLE, parts[k].line,
				      parts[k].col);
			t->flags = TF_DOTTED;
			t->scope = section;
			add_member(p, table, &parts[k], t);
		} else if (t->type != TOML_TABLE || (t->flags & TF_FROZEN) ||
			   !(t->flags & TF_DOTTED) || t->scope != section) {
			fail_at(p, parts[k].line, parts[k].col,
				"key extends a value defined before");
			return NULL;
		}
		table = t;
	}
	return table;
}

static bool
keyval(struct parser *p, struct toml_value *table, unsigned depth,
       unsigned section)
{
	struct keypart parts[MAX_KEY_PARTS];
	const struct keypart *last;
	struct toml_value *v;
	size_t nparts;

	if (!parse_key(p, parts, &nparts))
		return false;
	if (peek(p, 0) != '=')
		return fail(p, "expected '=' after a key");
	p->i++;
	skip_ws(p);
	table = dotted_prefix(p, table, parts, nparts, section);
	if (!table)
		return false;
	last = &parts[nparts - 1];
	if (lookup(p, table, last->s, last->n))
		return fail_at(p, last->line, last->col,
			       "key is defined twice");
	v = value(p, depth);
	if (!v)
		return false;
	if (v->type == TOML_TABLE || v->type == TOML_ARRAY)
		v->flags |= TF_FROZEN;
	add_member(p, table, last, v);
	return true;
}

/* [header] or [[header]]: the table that key/value pairs go into next. */
static struct toml_value *
header(struct parser *p, struct toml_value *root)
{
	struct keypart parts[MAX_KEY_PARTS];
	bool aot = peek(p, 1) == '[';
	unsigned line = p->line, col = col_of(p);
	struct toml_value *table = root, *t;
	size_t nparts, k;

	p->i += aot ? 2 : 1;
	if (!parse_key(p, parts, &nparts))
		return NULL;
	if (peek(p, 0) != ']' || (aot && peek(p, 1) != ']')) {
		fail(p, aot ? "expected ']]'" : "expected ']'");
		return NULL;
	}
	p->i += aot ? 2 : 1;
	if (!end_of_line(p))
		return NULL;
	for (k = 0; k + 1 < nparts; k++) {
		t = lookup(p, table, parts[k].s, parts[k].n);
		if (!t) {
			t = new_value(p, TOML_TABLE, line, col);
			t->flags = TF_IMPLICIT;
			add_member(p, table, &parts[k], t);
		} else if (t->type == TOML_ARRAY && (t->flags & TF_AOT)) {
			t = t->last;
		} else if (t->type != TOML_TABLE || (t->flags & TF_FROZEN)) {
			fail_at(p, parts[k].line, parts[k].col,
				"key names a value, not a table");
			return NULL;
		}
		table = t;
	}
	t = lookup(p, table, parts[k].s, parts[k].n);
	if (aot) {
		struct toml_value *elem;

		if (!t) {
			t = new_value(p, TOML_ARRAY, line, col);
			t->flags = TF_AOT;
			add_member(p, table, &parts[k], t);
		} else if (t->type != TOML_ARRAY || !(t->flags & TF_AOT)) {
			fail_at(p, line, col,
				"array of tables redefines a value");
			return NULL;
		}
		elem = new_value(p, TOML_TABLE, line, col);
		elem->flags = TF_HEADER;
		append(t, elem);
		return elem;
	}
	if (!t) {
		t = new_value(p, TOML_TABLE, line, col);
		t->flags = TF_HEADER;
		add_member(p, table, &parts[k], t);
		return t;
	}
	if (t->type == TOML_TABLE && t->flags == TF_IMPLICIT) {
		t->flags = TF_HEADER;
		t->line = line;
		t->col = col;
		return t;
	}
	fail_at(p, line, col, "table is defined twice");
	return NULL;
}

int
toml_parse(struct arena *arena, const char *data, size_t len,
	   struct toml_value **root, struct toml_error *err)
{
	struct parser p;
	struct toml_value *table;

	memset(&p, 0, sizeof(p));
	p.arena = arena;
	p.s = data;
	p.n = len;
	p.line = 1;
	p.err = err;
	*root = new_value(&p, TOML_TABLE, 1, 1);
	(*root)->flags = TF_HEADER;
	table = *root;
	if (len >= 3 && !memcmp(data, "\xef\xbb\xbf", 3))
		p.i = p.line_start = 3;
	while (!p.failed && p.i < p.n) {
		skip_ws(&p);
		if (!skip_comment(&p))
			break;
		if (p.i >= p.n)
			break;
		if (at_newline(&p)) {
			eat_newline(&p);
		} else if (peek(&p, 0) == '[') {
			p.section++;
			table = header(&p, *root);
		} else if (keyval(&p, table, 0, p.section)) {
			end_of_line(&p);
		}
		if (!table)
			break;
	}
	free(p.slots);
	strbuf_release(&p.buf);
	return p.failed ? -1 : 0;
}

const struct toml_value *
toml_get(const struct toml_value *table, const char *key)
{
	const struct toml_value *v;
	size_t n = strlen(key);

	if (!table || table->type != TOML_TABLE)
		return NULL;
	for (v = table->first; v; v = v->next) {
		if (v->key_len == n && !memcmp(v->key, key, n))
			return v;
	}
	return NULL;
}

const struct toml_value *
toml_path(const struct toml_value *table, const char *path)
{
	char part[128];

	while (table && *path) {
		const char *dot = strchr(path, '.');
		size_t n = dot ? (size_t)(dot - path) : strlen(path);

		if (n >= sizeof(part))
			return NULL;
		memcpy(part, path, n);
		part[n] = '\0';
		table = toml_get(table, part);
		path += n + (dot ? 1 : 0);
	}
	return table;
}

const char *
toml_type_name(enum toml_type type)
{
	switch (type) {
	case TOML_TABLE:
		return "table";
	case TOML_ARRAY:
		return "array";
	case TOML_STRING:
		return "string";
	case TOML_INTEGER:
		return "integer";
	case TOML_FLOAT:
		return "float";
	case TOML_BOOL:
		return "boolean";
	case TOML_DATETIME:
		return "date-time";
	}
	return "?";
}
