/* nixlex.c - the Nix tokenizer; see nixlex.h
 *
 * Nix's lexer is a flex scanner that takes the longest match among its
 * rules (earlier rule on a tie) and keeps a stack of start states for
 * strings and ${} nesting.  This is the same, by hand: at each position
 * the candidate rules (identifier, number, path, URI, ...) are measured
 * and the longest wins, and the start states are an explicit stack.
 */
#include "scanners/nixlex.h"

#include <stdlib.h>
#include <string.h>

#include "core/scan.h"
#include "core/strbuf.h"
#include "core/xalloc.h"

/* The lexer modes on the stack; an empty stack is expression mode. */
enum mode { M_BRACE, M_INTERP, M_STR, M_IND, M_PATH };

/* One entry of the mode stack, with where it was opened. */
struct nixlex_mode {
	unsigned char kind;
	unsigned line;
	unsigned col;
};

static bool
is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static bool
is_id_char(int c)
{
	return is_alpha(c) || is_digit(c) || c == '_' || c == '\'' || c == '-';
}

static bool
is_path_char(int c)
{
	return is_alpha(c) || is_digit(c) || c == '.' || c == '_' || c == '-' ||
	       c == '+';
}

static bool
is_uri_char(int c)
{
	return is_alpha(c) || is_digit(c) ||
	       (c && strchr("%/?:@&=+$,-_.!~*'", c));
}

static struct nixlex_mode *
top(struct nixlex *lx)
{
	return lx->nmodes ? &lx->modes[lx->nmodes - 1] : NULL;
}

void
nixlex_init(struct nixlex *lx, struct scan_ctx *ctx, const char *src,
	    size_t len)
{
	memset(lx, 0, sizeof(*lx));
	lx->ctx = ctx;
	lx->src = src;
	lx->len = len;
	lx->line = 1;
}

void
nixlex_release(struct nixlex *lx)
{
	free(lx->modes);
	lx->modes = NULL;
	lx->nmodes = lx->amodes = 0;
}

static unsigned
col_at(const struct nixlex *lx, size_t off)
{
	return (unsigned)(off - lx->line_start) + 1;
}

static int
fail(struct nixlex *lx, struct nixtok *t)
{
	lx->failed = true;
	t->type = NIXT_ERROR;
	return NIXT_ERROR;
}

static bool
push(struct nixlex *lx, enum mode kind, size_t off)
{
	struct nixlex_mode *m;

	if (lx->nmodes + 1 > lx->amodes) {
		size_t grow = lx->amodes < 16 ? 16 : lx->amodes * 2;

		lx->modes = xreallocarray(lx->modes, grow,
					  sizeof(struct nixlex_mode));
		lx->amodes = grow;
	}
	m = &lx->modes[lx->nmodes++];
	m->kind = (unsigned char)kind;
	m->line = lx->line;
	m->col = col_at(lx, off);
	return true;
}

/* Count a newline at off (the byte after it starts the next line). */
static void
newline(struct nixlex *lx, size_t off)
{
	lx->line++;
	lx->line_start = off + 1;
}

static int
tok(struct nixlex *lx, struct nixtok *t, int type, size_t off, size_t len)
{
	t->type = type;
	t->off = off;
	t->len = len;
	t->line = lx->line;
	t->col = col_at(lx, off);
	t->part = 0;
	lx->pos = off + len;
	return type;
}

/* ---------------------------------------------------------------- */
/* the rules of expression mode, each measured at p (0: no match) */

static size_t
m_id(const char *p, size_t n)
{
	size_t i = 0;

	if (!n || !(is_alpha(p[0]) || p[0] == '_'))
		return 0;
	for (i = 1; i < n && is_id_char(p[i]); i++) {
	}
	return i;
}

static size_t
m_int(const char *p, size_t n)
{
	size_t i = 0;

	while (i < n && is_digit(p[i]))
		i++;
	return i;
}

/* (([1-9][0-9]*\.[0-9]*)|(0?\.[0-9]+))([Ee][+-]?[0-9]+)? */
static size_t
m_float(const char *p, size_t n)
{
	size_t i = 0, j;

	if (i < n && p[i] >= '1' && p[i] <= '9') {
		while (i < n && is_digit(p[i]))
			i++;
		if (i >= n || p[i] != '.')
			return 0;
		i++;
		while (i < n && is_digit(p[i]))
			i++;
	} else {
		if (i < n && p[i] == '0')
			i++;
		if (i >= n || p[i] != '.' || i + 1 >= n || !is_digit(p[i + 1]))
			return 0;
		i++;
		while (i < n && is_digit(p[i]))
			i++;
	}
	if (i < n && (p[i] == 'e' || p[i] == 'E')) {
		j = i + 1;
		if (j < n && (p[j] == '+' || p[j] == '-'))
			j++;
		if (j < n && is_digit(p[j])) {
			while (j < n && is_digit(p[j]))
				j++;
			i = j;
		}
	}
	return i;
}

/* (\/{PATH_CHAR}+)+ from p, then an optional trailing '/'; *nseg counts */
static size_t
m_segments(const char *p, size_t n, unsigned *nseg)
{
	size_t i = 0;

	*nseg = 0;
	while (i + 1 < n && p[i] == '/' && is_path_char(p[i + 1])) {
		i++;
		while (i < n && is_path_char(p[i]))
			i++;
		(*nseg)++;
	}
	if (*nseg && i < n && p[i] == '/')
		i++;
	return i;
}

/* {PATH_CHAR}*(\/{PATH_CHAR}+)+\/?  and  \~(\/{PATH_CHAR}+)+\/? at off */
static size_t
m_path(struct nixlex *lx, size_t off)
{
	const char *s = lx->src;
	size_t n = lx->len, i;
	unsigned nseg;

	if (s[off] == '~')
		return 0;
	if (off >= lx->path_end) {
		for (i = off; i < n && is_path_char(s[i]); i++) {
		}
		lx->path_end = i;
		lx->path_segs = m_segments(s + i, n - i, &nseg);
		if (!nseg)
			lx->path_segs = 0;
		lx->path_interp = i + 2 < n && s[i] == '/' && s[i + 1] == '$' &&
				  s[i + 2] == '{';
	}
	return lx->path_segs ? lx->path_end - off + lx->path_segs : 0;
}

/* \~(\/{PATH_CHAR}+)+\/? */
static size_t
m_hpath(const char *p, size_t n)
{
	unsigned nseg;
	size_t k;

	if (!n || p[0] != '~')
		return 0;
	k = m_segments(p + 1, n - 1, &nseg);
	return nseg ? k + 1 : 0;
}

/* {PATH_CHAR}*\/ or \~\/, directly followed by ${: the length to the / */
static size_t
m_path_seg(struct nixlex *lx, size_t off)
{
	const char *s = lx->src;
	size_t n = lx->len;

	if (s[off] == '~')
		return off + 3 < n && s[off + 1] == '/' && s[off + 2] == '$' &&
				       s[off + 3] == '{'
			       ? 2
			       : 0;
	m_path(lx, off);
	return lx->path_interp ? lx->path_end - off + 1 : 0;
}

/* \<{PATH_CHAR}+(\/{PATH_CHAR}+)*\> */
static size_t
m_spath(const char *p, size_t n)
{
	size_t i = 1;

	if (!n || p[0] != '<' || n < 2 || !is_path_char(p[1]))
		return 0;
	for (;;) {
		while (i < n && is_path_char(p[i]))
			i++;
		if (i + 1 < n && p[i] == '/' && is_path_char(p[i + 1])) {
			i++;
			continue;
		}
		break;
	}
	return i < n && p[i] == '>' ? i + 1 : 0;
}

static bool
is_scheme_char(int c)
{
	return is_alpha(c) || is_digit(c) || c == '+' || c == '-' || c == '.';
}

/* [a-zA-Z][a-zA-Z0-9\+\-\.]*\:[a-zA-Z0-9\%\/\?\:\@\&\=\+\$\,\-\_\.\!\~\*\']+ */
static size_t
m_uri(struct nixlex *lx, size_t off)
{
	const char *s = lx->src;
	size_t n = lx->len, i, j;

	if (!is_alpha(s[off]))
		return 0;
	if (off >= lx->uri_end) {
		for (i = off; i < n && is_scheme_char(s[i]); i++) {
		}
		lx->uri_end = i;
		lx->uri_rest = 0;
		if (i < n && s[i] == ':') {
			for (j = i + 1; j < n && is_uri_char(s[j]); j++) {
			}
			if (j > i + 1)
				lx->uri_rest = j - i;
		}
	}
	return lx->uri_rest ? lx->uri_end - off + lx->uri_rest : 0;
}

static int
keyword(const char *s, size_t n)
{
	static const struct {
		const char *word;
		int type;
	} kws[] = {
		{"if", NIXT_IF},           {"then", NIXT_THEN},
		{"else", NIXT_ELSE},       {"assert", NIXT_ASSERT},
		{"with", NIXT_WITH},       {"let", NIXT_LET},
		{"in", NIXT_IN},           {"rec", NIXT_REC},
		{"inherit", NIXT_INHERIT}, {"or", NIXT_OR_KW},
	};
	size_t i;

	for (i = 0; i < sizeof(kws) / sizeof(kws[0]); i++) {
		if (strlen(kws[i].word) == n && !memcmp(kws[i].word, s, n))
			return kws[i].type;
	}
	return NIXT_ID;
}

/* Skip blanks and comments; false after an unterminated comment. */
static bool
skip_space(struct nixlex *lx)
{
	const char *s = lx->src;
	size_t i = lx->pos, n = lx->len;

	while (i < n) {
		char c = s[i];

		if (c == '\n') {
			newline(lx, i);
			i++;
		} else if (c == ' ' || c == '\t' || c == '\r') {
			i++;
		} else if (c == '#') {
			while (i < n && s[i] != '\n')
				i++;
		} else if (c == '/' && i + 1 < n && s[i + 1] == '*') {
			unsigned line = lx->line, col = col_at(lx, i);

			i += 2;
			while (i < n &&
			       !(s[i] == '*' && i + 1 < n && s[i + 1] == '/')) {
				if (s[i] == '\n')
					newline(lx, i);
				i++;
			}
			if (i >= n) {
				lx->pos = n;
				scan_error(lx->ctx, line, col,
					   "unterminated comment");
				return false;
			}
			i += 2;
		} else {
			break;
		}
	}
	lx->pos = i;
	return true;
}

static int
two_char_op(const char *p, size_t n)
{
	static const struct {
		char a, b;
		int type;
	} ops[] = {
		{'=', '=', NIXT_EQ},        {'!', '=', NIXT_NEQ},
		{'<', '=', NIXT_LEQ},       {'>', '=', NIXT_GEQ},
		{'&', '&', NIXT_AND},       {'|', '|', NIXT_OR},
		{'-', '>', NIXT_IMPL},      {'/', '/', NIXT_UPDATE},
		{'+', '+', NIXT_CONCAT},    {'|', '>', NIXT_PIPE_INTO},
		{'<', '|', NIXT_PIPE_FROM},
	};
	size_t i;

	if (n < 2)
		return 0;
	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		if (p[0] == ops[i].a && p[1] == ops[i].b)
			return ops[i].type;
	}
	return 0;
}

static int
lex_expr(struct nixlex *lx, struct nixtok *t)
{
	const char *p;
	size_t n, off, best = 0, k;
	int type = 0;
	struct nixlex_mode *m;

	if (!skip_space(lx))
		return fail(lx, t);
	off = lx->pos;
	p = lx->src + off;
	n = lx->len - off;
	if (!n)
		return tok(lx, t, NIXT_EOF, off, 0);
	if (n >= 2 && p[0] == '\'' && p[1] == '\'') {
		/* '' takes the blanks and the newline that directly follow */
		k = 2;
		while (k < n && p[k] == ' ')
			k++;
		if (!push(lx, M_IND, off))
			return fail(lx, t);
		if (k >= n || p[k] != '\n')
			return tok(lx, t, NIXT_IND_OPEN, off, 2);
		type = tok(lx, t, NIXT_IND_OPEN, off, k + 1);
		newline(lx, off + k);
		return type;
	}
	if (p[0] == '"') {
		if (!push(lx, M_STR, off))
			return fail(lx, t);
		return tok(lx, t, NIXT_STR_OPEN, off, 1);
	}
	if (n >= 2 && p[0] == '$' && p[1] == '{') {
		if (!push(lx, M_INTERP, off))
			return fail(lx, t);
		return tok(lx, t, NIXT_INTERP_OPEN, off, 2);
	}
	if (p[0] == '{') {
		if (!push(lx, M_BRACE, off))
			return fail(lx, t);
		return tok(lx, t, '{', off, 1);
	}
	if (p[0] == '}') {
		m = top(lx);
		if (m && m->kind == M_INTERP) {
			lx->nmodes--;
			return tok(lx, t, NIXT_INTERP_CLOSE, off, 1);
		}
		if (m && m->kind == M_BRACE)
			lx->nmodes--;
		return tok(lx, t, '}', off, 1);
	}
	/* the longest of the rules; on a tie the earlier rule */
	if ((k = m_id(p, n)) > best) {
		best = k;
		type = NIXT_ID;
	}
	if ((k = m_int(p, n)) > best) {
		best = k;
		type = NIXT_INT;
	}
	if ((k = m_float(p, n)) > best) {
		best = k;
		type = NIXT_FLOAT;
	}
	if ((k = m_path(lx, off)) > best || (k = m_hpath(p, n)) > best) {
		best = k;
		type = NIXT_PATH;
	}
	if ((k = m_spath(p, n)) > best) {
		best = k;
		type = NIXT_SPATH;
	}
	if ((k = m_uri(lx, off)) > best) {
		best = k;
		type = NIXT_URI;
	}
	if ((k = m_path_seg(lx, off)) && k + 2 > best) {
		best = k;
		type = NIXT_PATH_OPEN;
	}
	if (type == NIXT_PATH && best + 1 < n && p[best] == '$' &&
	    p[best + 1] == '{')
		type = NIXT_PATH_OPEN;
	if (type == NIXT_PATH_OPEN) {
		if (!push(lx, M_PATH, off))
			return fail(lx, t);
		return tok(lx, t, NIXT_PATH_OPEN, off, best);
	}
	if (type == NIXT_PATH && p[best - 1] == '/') {
		scan_error(lx->ctx, lx->line, col_at(lx, off),
			   "path '%.*s' has a trailing slash",
			   (int)(best > 200 ? 200 : best), p);
		return fail(lx, t);
	}
	if (type == NIXT_ID)
		type = keyword(p, best);
	if (type)
		return tok(lx, t, type, off, best);
	if (n >= 3 && !memcmp(p, "...", 3))
		return tok(lx, t, NIXT_ELLIPSIS, off, 3);
	if ((type = two_char_op(p, n)))
		return tok(lx, t, type, off, 2);
	if (strchr("()[];:,.=<>+-*/!?@", p[0]) && p[0])
		return tok(lx, t, (unsigned char)p[0], off, 1);
	if ((unsigned char)p[0] >= 0x20 && (unsigned char)p[0] < 0x7f)
		scan_error(lx->ctx, lx->line, col_at(lx, off),
			   "unexpected character '%c'", p[0]);
	else
		scan_error(lx->ctx, lx->line, col_at(lx, off),
			   "unexpected byte 0x%02x", (unsigned char)p[0]);
	return fail(lx, t);
}

static void
unknown_escape(struct nixlex *lx, size_t off, char c)
{
	if ((unsigned char)c >= 0x20 && (unsigned char)c < 0x7f)
		scan_warn(lx->ctx, lx->line, col_at(lx, off),
			  "unknown escape of '%c' in a string, read as '%c'", c,
			  c);
	else
		scan_warn(lx->ctx, lx->line, col_at(lx, off),
			  "unknown escape of byte 0x%02x in a string",
			  (unsigned char)c);
}

static bool
known_escape(char c)
{
	return c == 'n' || c == 'r' || c == 't' || c == '"' || c == '\\' ||
	       c == '$' || c == '\n' || c == '\'';
}

static int
unterminated(struct nixlex *lx, struct nixtok *t, const char *what)
{
	struct nixlex_mode *m = top(lx);

	lx->pos = lx->len;
	scan_error(lx->ctx, m->line, m->col, "unterminated %s", what);
	return fail(lx, t);
}

/* The literal text [off, end) of a string as a part token, or an error
 * when the string ends before it does. */
static int
part(struct nixlex *lx, struct nixtok *t, enum nixpart_kind kind, size_t off,
     size_t end, unsigned line, unsigned col)
{
	if (end >= lx->len || end == off)
		return unterminated(lx, t,
				    kind == NIXPART_STR ? "string"
							: "indented string");
	t->type = NIXT_PART;
	t->part = kind;
	t->off = off;
	t->len = end - off;
	t->line = line;
	t->col = col;
	lx->pos = end;
	return NIXT_PART;
}

/* Inside "...": a part, ${, or the closing quote. */
static int
lex_str(struct nixlex *lx, struct nixtok *t)
{
	const char *s = lx->src;
	size_t i = lx->pos, n = lx->len, off = lx->pos;
	unsigned line = lx->line, col = col_at(lx, off);

	if (i >= n)
		return unterminated(lx, t, "string");
	if (s[i] == '"') {
		lx->nmodes--;
		return tok(lx, t, NIXT_STR_CLOSE, off, 1);
	}
	if (i + 1 < n && s[i] == '$' && s[i + 1] == '{') {
		if (!push(lx, M_INTERP, off))
			return fail(lx, t);
		return tok(lx, t, NIXT_INTERP_OPEN, off, 2);
	}
	while (i < n && s[i] != '"') {
		if (s[i] == '\\') {
			if (i + 1 >= n)
				break;
			if (!known_escape(s[i + 1]))
				unknown_escape(lx, i, s[i + 1]);
			if (s[i + 1] == '\n')
				newline(lx, i + 1);
			i += 2;
		} else if (s[i] == '$') {
			if (i + 1 < n && s[i + 1] == '{')
				break;
			i += i + 1 < n && s[i + 1] == '$' ? 2 : 1;
		} else {
			if (s[i] == '\n')
				newline(lx, i);
			i++;
		}
	}
	return part(lx, t, NIXPART_STR, off, i, line, col);
}

/* Inside ''...'': a part, ${, or the closing ''. */
static int
lex_ind(struct nixlex *lx, struct nixtok *t)
{
	const char *s = lx->src;
	size_t i = lx->pos, n = lx->len, off = lx->pos;
	unsigned line = lx->line, col = col_at(lx, off);

	if (i >= n)
		return unterminated(lx, t, "indented string");
	if (i + 1 < n && s[i] == '\'' && s[i + 1] == '\'' &&
	    (i + 2 >= n || !strchr("'$\\", s[i + 2]) || !s[i + 2])) {
		lx->nmodes--;
		return tok(lx, t, NIXT_IND_CLOSE, off, 2);
	}
	if (i + 1 < n && s[i] == '$' && s[i + 1] == '{') {
		if (!push(lx, M_INTERP, off))
			return fail(lx, t);
		return tok(lx, t, NIXT_INTERP_OPEN, off, 2);
	}
	while (i < n) {
		if (s[i] == '\'' && i + 1 < n && s[i + 1] == '\'') {
			char c = i + 2 < n ? s[i + 2] : 0;

			if (c == '\'' || c == '$') {
				i += 3;
			} else if (c == '\\') {
				if (i + 3 >= n)
					break;
				if (!known_escape(s[i + 3]))
					unknown_escape(lx, i, s[i + 3]);
				if (s[i + 3] == '\n')
					newline(lx, i + 3);
				i += 4;
			} else {
				break;
			}
		} else if (s[i] == '$' && i + 1 < n && s[i + 1] == '{') {
			break;
		} else if (s[i] == '$' && i + 1 < n && s[i + 1] != '\'') {
			/* $ and the next byte: $${ is not an interpolation */
			if (s[i + 1] == '\n')
				newline(lx, i + 1);
			i += 2;
		} else {
			if (s[i] == '\n')
				newline(lx, i);
			i++;
		}
	}
	return part(lx, t, NIXPART_IND, off, i, line, col);
}

/* After the ${...} of a path: more path text, another ${, or the end. */
static int
lex_path(struct nixlex *lx, struct nixtok *t)
{
	const char *s = lx->src;
	size_t i = lx->pos, n = lx->len, off = lx->pos;

	if (i + 1 < n && s[i] == '$' && s[i + 1] == '{') {
		if (!push(lx, M_INTERP, off))
			return fail(lx, t);
		return tok(lx, t, NIXT_INTERP_OPEN, off, 2);
	}
	while (i < n && (is_path_char(s[i]) || s[i] == '/'))
		i++;
	if (i > off) {
		tok(lx, t, NIXT_PART, off, i - off);
		t->part = NIXPART_PATH;
		return NIXT_PART;
	}
	lx->nmodes--;
	return tok(lx, t, NIXT_PATH_CLOSE, off, 0);
}

int
nixlex_next(struct nixlex *lx, struct nixtok *t)
{
	struct nixlex_mode *m;

	if (lx->failed) {
		t->type = NIXT_EOF;
		t->off = lx->len;
		t->len = 0;
		t->line = lx->line;
		t->col = col_at(lx, lx->len);
		return NIXT_EOF;
	}
	m = top(lx);
	if (m && m->kind == M_STR)
		return lex_str(lx, t);
	if (m && m->kind == M_IND)
		return lex_ind(lx, t);
	if (m && m->kind == M_PATH)
		return lex_path(lx, t);
	return lex_expr(lx, t);
}

const char *
nixlex_type_name(int type)
{
	/* literals only: scanners run on several threads at once */
	static const char punct[] = "()[]{};:,.=<>+-*/!?@";
	static const char *const punct_names[] = {
		"'('", "')'", "'['", "']'", "'{'", "'}'", "';'",
		"':'", "','", "'.'", "'='", "'<'", "'>'", "'+'",
		"'-'", "'*'", "'/'", "'!'", "'?'", "'@'",
	};
	const char *p;

	switch (type) {
	case NIXT_EOF:
		return "end of file";
	case NIXT_ERROR:
		return "invalid token";
	case NIXT_ID:
		return "identifier";
	case NIXT_INT:
		return "integer";
	case NIXT_FLOAT:
		return "float";
	case NIXT_PATH:
	case NIXT_PATH_OPEN:
		return "path";
	case NIXT_PATH_CLOSE:
		return "end of path";
	case NIXT_SPATH:
		return "<path>";
	case NIXT_URI:
		return "URI";
	case NIXT_STR_OPEN:
	case NIXT_STR_CLOSE:
		return "'\"'";
	case NIXT_IND_OPEN:
	case NIXT_IND_CLOSE:
		return "''''";
	case NIXT_PART:
		return "string";
	case NIXT_INTERP_OPEN:
		return "'${'";
	case NIXT_INTERP_CLOSE:
		return "'}'";
	case NIXT_IF:
		return "'if'";
	case NIXT_THEN:
		return "'then'";
	case NIXT_ELSE:
		return "'else'";
	case NIXT_ASSERT:
		return "'assert'";
	case NIXT_WITH:
		return "'with'";
	case NIXT_LET:
		return "'let'";
	case NIXT_IN:
		return "'in'";
	case NIXT_REC:
		return "'rec'";
	case NIXT_INHERIT:
		return "'inherit'";
	case NIXT_OR_KW:
		return "'or'";
	case NIXT_ELLIPSIS:
		return "'...'";
	case NIXT_EQ:
		return "'=='";
	case NIXT_NEQ:
		return "'!='";
	case NIXT_LEQ:
		return "'<='";
	case NIXT_GEQ:
		return "'>='";
	case NIXT_AND:
		return "'&&'";
	case NIXT_OR:
		return "'||'";
	case NIXT_IMPL:
		return "'->'";
	case NIXT_UPDATE:
		return "'//'";
	case NIXT_CONCAT:
		return "'++'";
	case NIXT_PIPE_INTO:
		return "'|>'";
	case NIXT_PIPE_FROM:
		return "'<|'";
	}
	if (type <= 0 || type >= 128 || !(p = strchr(punct, type)))
		return "token";
	return punct_names[p - punct];
}

static void
add_escape(struct strbuf *out, char c)
{
	if (c == 'n')
		strbuf_addch(out, '\n');
	else if (c == 'r')
		strbuf_addch(out, '\r');
	else if (c == 't')
		strbuf_addch(out, '\t');
	else
		strbuf_addch(out, c);
}

void
nixlex_unescape(struct strbuf *out, enum nixpart_kind kind, const char *s,
		size_t len)
{
	size_t i = 0;

	while (i < len) {
		char c = s[i];

		if (kind == NIXPART_STR && c == '\\' && i + 1 < len) {
			add_escape(out, s[i + 1]);
			i += 2;
		} else if (kind == NIXPART_STR && c == '\r') {
			/* Nix reads \r\n and a lone \r in a string as \n */
			strbuf_addch(out, '\n');
			i += i + 1 < len && s[i + 1] == '\n' ? 2 : 1;
		} else if (kind == NIXPART_IND && c == '\'' && i + 2 < len &&
			   s[i + 1] == '\'') {
			if (s[i + 2] == '\'') {
				strbuf_add(out, "''", 2);
				i += 3;
			} else if (s[i + 2] == '$') {
				strbuf_addch(out, '$');
				i += 3;
			} else if (s[i + 2] == '\\' && i + 3 < len) {
				add_escape(out, s[i + 3]);
				i += 4;
			} else {
				strbuf_addch(out, c);
				i++;
			}
		} else {
			strbuf_addch(out, c);
			i++;
		}
	}
}
