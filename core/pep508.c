/* pep508.c - dependency specifiers and markers; see pep508.h */
#include "core/pep508.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/declared.h"
#include "core/pep503.h"
#include "core/strbuf.h"

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
	       c == '\v';
}

static bool
is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static char
lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c | 0x20) : c;
}

static size_t
skip_space(const char *s, size_t i, size_t n)
{
	while (i < n && is_space(s[i]))
		i++;
	return i;
}

/* ---- versions (PEP 440, enough to order them) ---- */

enum { VER_MAXREL = 16 };

struct ver {
	long epoch;
	long rel[VER_MAXREL];
	int nrel;
	int pre_kind; /* -1 none, 0 a, 1 b, 2 rc */
	long pre;
	long post; /* -1 none */
	long dev;  /* -1 none */
};

static bool
take_num(const char *s, size_t n, size_t *i, long *out)
{
	long v = 0;

	if (*i >= n || !is_digit(s[*i]))
		return false;
	while (*i < n && is_digit(s[*i])) {
		if (v < 100000000L)
			v = v * 10 + (s[*i] - '0');
		(*i)++;
	}
	*out = v;
	return true;
}

static bool
take_word(const char *s, size_t n, size_t *i, const char *w)
{
	size_t k = strlen(w), j;

	if (n - *i < k)
		return false;
	for (j = 0; j < k; j++) {
		if (lower(s[*i + j]) != w[j])
			return false;
	}
	*i += k;
	return true;
}

static void
take_sep(const char *s, size_t n, size_t *i)
{
	if (*i < n && (s[*i] == '.' || s[*i] == '-' || s[*i] == '_'))
		(*i)++;
}

/* Parse a version; a trailing ".*" is allowed when wild is given. */
static bool
ver_parse(const char *s, size_t n, struct ver *v, bool *wild)
{
	static const char *const pre_words[] = {
		"alpha", "a", "beta", "b", "preview", "pre", "rc", "c",
	};
	static const int pre_kinds[] = {0, 0, 1, 1, 2, 2, 2, 2};
	size_t i = 0, save, w;
	long num;

	memset(v, 0, sizeof(*v));
	v->pre_kind = -1;
	v->post = v->dev = -1;
	if (wild)
		*wild = false;
	if (i < n && lower(s[i]) == 'v')
		i++;
	if (!take_num(s, n, &i, &num))
		return false;
	if (i < n && s[i] == '!') {
		v->epoch = num;
		i++;
		if (!take_num(s, n, &i, &num))
			return false;
	}
	v->rel[v->nrel++] = num;
	while (i + 1 < n && s[i] == '.' && is_digit(s[i + 1])) {
		i++;
		take_num(s, n, &i, &num);
		if (v->nrel < VER_MAXREL)
			v->rel[v->nrel++] = num;
	}
	if (wild && n - i == 2 && s[i] == '.' && s[i + 1] == '*') {
		*wild = true;
		return true;
	}
	save = i;
	take_sep(s, n, &i);
	for (w = 0; w < sizeof(pre_kinds) / sizeof(pre_kinds[0]); w++) {
		if (take_word(s, n, &i, pre_words[w])) {
			v->pre_kind = pre_kinds[w];
			take_sep(s, n, &i);
			if (!take_num(s, n, &i, &v->pre))
				v->pre = 0;
			save = i;
			break;
		}
	}
	i = save;
	take_sep(s, n, &i);
	if (take_word(s, n, &i, "post") || take_word(s, n, &i, "rev") ||
	    take_word(s, n, &i, "r")) {
		take_sep(s, n, &i);
		if (!take_num(s, n, &i, &v->post))
			v->post = 0;
		save = i;
	} else if (save + 1 < n && s[save] == '-' && is_digit(s[save + 1])) {
		/* "1.0-1" is an implicit post-release */
		i = save + 1;
		take_num(s, n, &i, &v->post);
		save = i;
	}
	i = save;
	take_sep(s, n, &i);
	if (take_word(s, n, &i, "dev")) {
		take_sep(s, n, &i);
		if (!take_num(s, n, &i, &v->dev))
			v->dev = 0;
		save = i;
	}
	i = save;
	if (i < n && s[i] == '+') {
		if (i + 1 == n)
			return false;
		for (i++; i < n; i++) {
			if (!is_alnum(s[i]) && s[i] != '.' && s[i] != '-' &&
			    s[i] != '_')
				return false;
		}
	}
	if (wild && n - i == 2 && s[i] == '.' && s[i + 1] == '*') {
		*wild = true;
		return true;
	}
	return i == n;
}

static int
cmp_long(long a, long b)
{
	return a < b ? -1 : a > b;
}

static int
ver_cmp(const struct ver *a, const struct ver *b)
{
	int i, n = a->nrel > b->nrel ? a->nrel : b->nrel, c;
	long pa, pb;

	if ((c = cmp_long(a->epoch, b->epoch)))
		return c;
	for (i = 0; i < n; i++) {
		long x = i < a->nrel ? a->rel[i] : 0;
		long y = i < b->nrel ? b->rel[i] : 0;

		if ((c = cmp_long(x, y)))
			return c;
	}
	/* pre-release key: dev-only < a < b < rc < final */
	pa = a->pre_kind >= 0               ? a->pre_kind * 1000000000L + a->pre
	     : (a->post < 0 && a->dev >= 0) ? -1
					    : LONG_MAX;
	pb = b->pre_kind >= 0               ? b->pre_kind * 1000000000L + b->pre
	     : (b->post < 0 && b->dev >= 0) ? -1
					    : LONG_MAX;
	if ((c = cmp_long(pa, pb)))
		return c;
	if ((c = cmp_long(a->post, b->post)))
		return c;
	pa = a->dev >= 0 ? a->dev : LONG_MAX;
	pb = b->dev >= 0 ? b->dev : LONG_MAX;
	return cmp_long(pa, pb);
}

int
pep508_version_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
	struct ver x, y;
	bool okx = ver_parse(a, alen, &x, NULL);
	bool oky = ver_parse(b, blen, &y, NULL);

	if (!okx || !oky) {
		size_t n = alen < blen ? alen : blen;
		int c = memcmp(a, b, n);

		return c ? c : cmp_long((long)alen, (long)blen);
	}
	return ver_cmp(&x, &y);
}

/* ---- markers ---- */

enum mtok {
	MT_END,
	MT_LPAREN,
	MT_RPAREN,
	MT_STRING,
	MT_VAR,
	MT_AND,
	MT_OR,
	MT_OP,
	MT_BAD,
};

enum mop {
	OP_LT,
	OP_LE,
	OP_GT,
	OP_GE,
	OP_EQ,
	OP_NE,
	OP_COMPAT,
	OP_ARB,
	OP_IN,
	OP_NOTIN
};

struct mstate {
	const char *s;
	size_t n;
	size_t i;
	enum mtok tok;
	size_t tpos; /* offset of tok */
	const char *tval;
	size_t tlen;
	enum mop op;
	const struct pep508_env *env;
	const char *extra;
	const char *found;
	size_t found_len;
	char pyver[16];
	char pyfull[24];
	struct strbuf *err;
	size_t *col;
	bool failed;
};

static const char *const marker_vars[] = {
	"python_version",
	"python_full_version",
	"os_name",
	"sys_platform",
	"platform_release",
	"platform_system",
	"platform_version",
	"platform_machine",
	"platform_python_implementation",
	"implementation_name",
	"implementation_version",
	"extra",
	"os.name",
	"sys.platform",
	"platform.version",
	"platform.machine",
	"platform.python_implementation",
	"python_implementation",
};

static bool
fail(struct mstate *m, size_t pos, const char *what)
{
	if (!m->failed) {
		m->failed = true;
		strbuf_addstr(m->err, what);
		*m->col = pos;
	}
	return false;
}

static void
next(struct mstate *m)
{
	const char *s = m->s;
	size_t i = skip_space(s, m->i, m->n), j;
	char c;

	m->tpos = i;
	m->tval = s + i;
	m->tlen = 0;
	if (i >= m->n) {
		m->tok = MT_END;
		m->i = i;
		return;
	}
	c = s[i];
	if (c == '(' || c == ')') {
		m->tok = c == '(' ? MT_LPAREN : MT_RPAREN;
		m->i = i + 1;
		return;
	}
	if (c == '\'' || c == '"') {
		for (j = i + 1; j < m->n && s[j] != c; j++)
			;
		if (j >= m->n) {
			m->tok = MT_BAD;
			fail(m, i, "unterminated string in marker");
			m->i = m->n;
			return;
		}
		m->tok = MT_STRING;
		m->tval = s + i + 1;
		m->tlen = j - i - 1;
		m->i = j + 1;
		return;
	}
	if (strchr("<>=!~", c)) {
		static const struct {
			const char *t;
			enum mop op;
		} ops[] = {
			{"===", OP_ARB}, {"==", OP_EQ}, {"!=", OP_NE},
			{"<=", OP_LE},   {">=", OP_GE}, {"~=", OP_COMPAT},
			{"<", OP_LT},    {">", OP_GT},
		};
		for (j = 0; j < sizeof(ops) / sizeof(ops[0]); j++) {
			size_t k = strlen(ops[j].t);

			if (m->n - i >= k && !memcmp(s + i, ops[j].t, k)) {
				m->tok = MT_OP;
				m->op = ops[j].op;
				m->i = i + k;
				return;
			}
		}
		m->tok = MT_BAD;
		m->i = i + 1;
		return;
	}
	if (is_alnum(c) || c == '_') {
		for (j = i;
		     j < m->n && (is_alnum(s[j]) || s[j] == '_' || s[j] == '.');
		     j++)
			;
		m->tval = s + i;
		m->tlen = j - i;
		m->i = j;
		if (m->tlen == 3 && !memcmp(m->tval, "and", 3)) {
			m->tok = MT_AND;
		} else if (m->tlen == 2 && !memcmp(m->tval, "or", 2)) {
			m->tok = MT_OR;
		} else if (m->tlen == 2 && !memcmp(m->tval, "in", 2)) {
			m->tok = MT_OP;
			m->op = OP_IN;
		} else if (m->tlen == 3 && !memcmp(m->tval, "not", 3)) {
			size_t k = skip_space(s, j, m->n);

			if (m->n - k >= 2 && !memcmp(s + k, "in", 2) &&
			    (k + 2 == m->n || !is_alnum(s[k + 2]))) {
				m->tok = MT_OP;
				m->op = OP_NOTIN;
				m->i = k + 2;
			} else {
				m->tok = MT_BAD;
			}
		} else {
			m->tok = MT_VAR;
		}
		return;
	}
	m->tok = MT_BAD;
	m->i = i + 1;
}

/* The value of a marker variable; NULL when it is not one. */
static const char *
var_value(struct mstate *m, const char *v, size_t n)
{
	static const struct {
		const char *name;
		const char *value;
	} fixed[] = {
		{"os_name", "posix"},
		{"os.name", "posix"},
		{"sys_platform", "linux"},
		{"sys.platform", "linux"},
		{"platform_system", "Linux"},
		{"platform_machine", "x86_64"},
		{"platform.machine", "x86_64"},
		{"platform_python_implementation", "CPython"},
		{"platform.python_implementation", "CPython"},
		{"python_implementation", "CPython"},
		{"implementation_name", "cpython"},
		{"platform_release", ""},
		{"platform_version", ""},
		{"platform.version", ""},
	};
	size_t i;

	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++) {
		if (strlen(fixed[i].name) == n && !memcmp(fixed[i].name, v, n))
			return fixed[i].value;
	}
	if (n == 14 && !memcmp(v, "python_version", n))
		return m->pyver;
	if ((n == 19 && !memcmp(v, "python_full_version", n)) ||
	    (n == 22 && !memcmp(v, "implementation_version", n)))
		return m->pyfull;
	if (n == 5 && !memcmp(v, "extra", 5))
		return m->extra;
	return NULL;
}

static bool
is_marker_var(const char *v, size_t n)
{
	size_t i;

	for (i = 0; i < sizeof(marker_vars) / sizeof(marker_vars[0]); i++) {
		if (strlen(marker_vars[i]) == n &&
		    !memcmp(marker_vars[i], v, n))
			return true;
	}
	return false;
}

static bool
contains(const char *hay, size_t hn, const char *needle, size_t nn)
{
	size_t i;

	if (nn > hn)
		return false;
	for (i = 0; i + nn <= hn; i++) {
		if (!memcmp(hay + i, needle, nn))
			return true;
	}
	return false;
}

static bool
names_equal(const char *a, size_t an, const char *b, size_t bn)
{
	struct strbuf x = STRBUF_INIT, y = STRBUF_INIT;
	bool eq;

	pep503_normalize(&x, a, an);
	pep503_normalize(&y, b, bn);
	eq = x.len == y.len && !memcmp(strbuf_str(&x), strbuf_str(&y), x.len);
	strbuf_release(&x);
	strbuf_release(&y);
	return eq;
}

/* lhs op rhs, where rhs may be a version specifier value. */
static bool
compare(enum mop op, const char *l, size_t ln, const char *r, size_t rn)
{
	struct ver a, b;
	bool wild = false, va, vb;
	int c;
	long i;

	if (op == OP_IN)
		return contains(r, rn, l, ln);
	if (op == OP_NOTIN)
		return !contains(r, rn, l, ln);
	if (op == OP_ARB)
		return ln == rn && !memcmp(l, r, ln);
	va = ver_parse(l, ln, &a, NULL);
	vb = ver_parse(r, rn, &b, (op == OP_EQ || op == OP_NE) ? &wild : NULL);
	if (!va || !vb) {
		bool eq = ln == rn && !memcmp(l, r, ln);

		if (op == OP_EQ)
			return eq;
		if (op == OP_NE)
			return !eq;
		return false;
	}
	if (wild) {
		bool eq = a.epoch == b.epoch;

		for (i = 0; eq && i < b.nrel; i++)
			eq = (i < a.nrel ? a.rel[i] : 0) == b.rel[i];
		return op == OP_EQ ? eq : !eq;
	}
	c = ver_cmp(&a, &b);
	switch (op) {
	case OP_LT:
		return c < 0;
	case OP_LE:
		return c <= 0;
	case OP_GT:
		return c > 0;
	case OP_GE:
		return c >= 0;
	case OP_EQ:
		return c == 0;
	case OP_NE:
		return c != 0;
	case OP_COMPAT:
		if (c < 0 || b.nrel < 2)
			return c >= 0 && b.nrel >= 2;
		for (i = 0; i + 1 < b.nrel; i++) {
			if ((i < a.nrel ? a.rel[i] : 0) != b.rel[i])
				return false;
		}
		return true;
	default:
		return false;
	}
}

/* A variable or a string; *is_extra when it is the variable extra. */
static bool
value(struct mstate *m, const char **v, size_t *n, bool *is_var, bool *is_extra)
{
	*is_extra = false;
	*is_var = false;
	if (m->tok == MT_STRING) {
		*v = m->tval;
		*n = m->tlen;
		next(m);
		return true;
	}
	if (m->tok == MT_VAR) {
		if (!is_marker_var(m->tval, m->tlen))
			return fail(m, m->tpos, "unknown marker variable");
		*is_extra = m->tlen == 5 && !memcmp(m->tval, "extra", 5);
		*is_var = true;
		*v = var_value(m, m->tval, m->tlen);
		*n = strlen(*v);
		next(m);
		return true;
	}
	return fail(m, m->tpos, "expected a marker variable or a string");
}

static bool eval_or(struct mstate *m, unsigned depth, bool *res);

static bool
eval_atom(struct mstate *m, unsigned depth, bool *res)
{
	const char *l, *r;
	size_t ln, rn, lpos, rpos;
	bool lvar, rvar, lx, rx;
	enum mop op;

	if (m->tok == MT_LPAREN) {
		if (depth >= PEP508_MAX_DEPTH)
			return fail(m, m->tpos, "markers nest too deep");
		next(m);
		if (!eval_or(m, depth + 1, res))
			return false;
		if (m->tok != MT_RPAREN)
			return fail(m, m->tpos, "expected ')' in marker");
		next(m);
		return true;
	}
	lpos = m->tpos;
	if (!value(m, &l, &ln, &lvar, &lx))
		return false;
	if (m->tok != MT_OP)
		return fail(m, m->tpos, "expected a comparison in marker");
	op = m->op;
	next(m);
	rpos = m->tpos;
	if (!value(m, &r, &rn, &rvar, &rx))
		return false;
	if (!lvar && !rvar)
		return fail(m, lpos, "marker compares two strings");
	if (lvar && rvar)
		return fail(m, rpos, "marker compares two variables");
	if (lx || rx) {
		const char *name = lx ? r : l;
		size_t nn = lx ? rn : ln;

		if (!m->found && nn) {
			m->found = name;
			m->found_len = nn;
		}
		if (op == OP_EQ || op == OP_NE) {
			bool eq = names_equal(l, ln, r, rn);

			*res = op == OP_EQ ? eq : !eq;
			return true;
		}
	}
	*res = compare(op, l, ln, r, rn);
	return true;
}

static bool
eval_and(struct mstate *m, unsigned depth, bool *res)
{
	bool v;

	if (!eval_atom(m, depth, res))
		return false;
	while (m->tok == MT_AND) {
		next(m);
		if (!eval_atom(m, depth, &v))
			return false;
		*res = *res && v;
	}
	return true;
}

static bool
eval_or(struct mstate *m, unsigned depth, bool *res)
{
	bool v;

	if (!eval_and(m, depth, res))
		return false;
	while (m->tok == MT_OR) {
		next(m);
		if (!eval_and(m, depth, &v))
			return false;
		*res = *res || v;
	}
	return true;
}

static int
marker_run(struct mstate *m)
{
	bool res = false;

	snprintf(m->pyver, sizeof(m->pyver), "%u.%u", m->env->py_major,
		 m->env->py_minor);
	snprintf(m->pyfull, sizeof(m->pyfull), "%u.%u.0", m->env->py_major,
		 m->env->py_minor);
	next(m);
	if (m->tok == MT_END) {
		fail(m, m->tpos, "empty marker");
		return -1;
	}
	if (!eval_or(m, 0, &res))
		return -1;
	if (m->tok != MT_END) {
		fail(m, m->tpos, "unexpected text in marker");
		return -1;
	}
	return res;
}

int
pep508_marker_eval(const char *s, size_t len, const struct pep508_env *env,
		   const char *extra, struct strbuf *err, size_t *col)
{
	struct mstate m;

	memset(&m, 0, sizeof(m));
	m.s = s;
	m.n = len;
	m.env = env;
	m.extra = extra ? extra : "";
	m.err = err;
	m.col = col;
	return marker_run(&m);
}

/* ---- requirements ---- */

static int
perr(struct strbuf *err, size_t *col, size_t pos, const char *what)
{
	strbuf_addstr(err, what);
	*col = pos;
	return -1;
}

static bool
is_vchar(char c)
{
	return is_alnum(c) || c == '.' || c == '*' || c == '+' || c == '!' ||
	       c == '-' || c == '_';
}

/* Parse "op version (, op version)*" at *i into sb (spaces dropped). */
static int
parse_versionspec(const char *s, size_t n, size_t *i, struct strbuf *sb,
		  struct strbuf *err, size_t *col)
{
	static const char *const ops[] = {
		"===", "~=", "==", "!=", "<=", ">=", "<", ">"};
	size_t k, j, start;

	for (;;) {
		*i = skip_space(s, *i, n);
		for (k = 0; k < sizeof(ops) / sizeof(ops[0]); k++) {
			size_t ol = strlen(ops[k]);

			if (n - *i >= ol && !memcmp(s + *i, ops[k], ol))
				break;
		}
		if (k == sizeof(ops) / sizeof(ops[0]))
			return perr(err, col, *i,
				    "expected a version operator");
		strbuf_addstr(sb, ops[k]);
		*i = skip_space(s, *i + strlen(ops[k]), n);
		start = *i;
		for (j = *i; j < n; j++) {
			if (k == 0 ? (is_space(s[j]) || s[j] == ',' ||
				      s[j] == ';' || s[j] == ')')
				   : !is_vchar(s[j]))
				break;
		}
		if (j == start)
			return perr(err, col, start, "expected a version");
		if (k != 0) {
			struct ver v;
			bool wild = false;

			if (!ver_parse(s + start, j - start, &v, &wild))
				return perr(err, col, start, "invalid version");
		}
		strbuf_add(sb, s + start, j - start);
		*i = skip_space(s, j, n);
		if (*i < n && s[*i] == ',') {
			strbuf_addch(sb, ',');
			(*i)++;
			continue;
		}
		return 0;
	}
}

static const char *
dup_trim(struct arena *a, const char *s, size_t n)
{
	while (n && is_space(*s)) {
		s++;
		n--;
	}
	while (n && is_space(s[n - 1]))
		n--;
	return arena_strndup(a, s, n);
}

int
pep508_parse(struct arena *arena, const char *s, size_t n,
	     const struct pep508_env *env, struct pep508 *out,
	     struct strbuf *err, size_t *col)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i, start;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	i = skip_space(s, 0, n);
	start = i;
	while (i < n &&
	       (is_alnum(s[i]) || s[i] == '-' || s[i] == '_' || s[i] == '.'))
		i++;
	if (i == start) {
		perr(err, col, start, "expected a distribution name");
		goto out;
	}
	if (!pep503_valid(s + start, i - start)) {
		perr(err, col, start, "invalid distribution name");
		goto out;
	}
	out->name = arena_strndup(arena, s + start, i - start);
	out->key = pep503_arena(arena, out->name);
	i = skip_space(s, i, n);
	if (i < n && s[i] == '[') {
		i = skip_space(s, i + 1, n);
		while (i < n && s[i] != ']') {
			start = i;
			while (i < n && (is_alnum(s[i]) || s[i] == '-' ||
					 s[i] == '_' || s[i] == '.'))
				i++;
			if (i == start || !pep503_valid(s + start, i - start)) {
				perr(err, col, start, "invalid extra name");
				goto out;
			}
			if (sb.len)
				strbuf_addch(&sb, ',');
			strbuf_add(&sb, s + start, i - start);
			i = skip_space(s, i, n);
			if (i < n && s[i] == ',')
				i = skip_space(s, i + 1, n);
			else if (i < n && s[i] != ']')
				break;
		}
		if (i >= n || s[i] != ']') {
			perr(err, col, i, "expected ']' after extras");
			goto out;
		}
		if (sb.len)
			out->extras = arena_strndup(arena, sb.buf, sb.len);
		strbuf_reset(&sb);
		i = skip_space(s, i + 1, n);
	}
	if (i < n && s[i] == '@') {
		i = skip_space(s, i + 1, n);
		start = i;
		while (i < n && !is_space(s[i]))
			i++;
		if (i == start) {
			perr(err, col, start, "expected a URL after '@'");
			goto out;
		}
		if (!memchr(s + start, ':', i - start)) {
			perr(err, col, start, "invalid URL");
			goto out;
		}
		out->url = arena_strndup(arena, s + start, i - start);
		i = skip_space(s, i, n);
	} else if (i < n && s[i] == '(') {
		i++;
		if (parse_versionspec(s, n, &i, &sb, err, col))
			goto out;
		if (i >= n || s[i] != ')') {
			perr(err, col, i, "expected ')' after the version");
			goto out;
		}
		i = skip_space(s, i + 1, n);
	} else if (i < n && strchr("<>=!~", s[i])) {
		if (parse_versionspec(s, n, &i, &sb, err, col))
			goto out;
	}
	if (sb.len)
		out->specifier = arena_strndup(arena, sb.buf, sb.len);
	if (i < n && s[i] == ';') {
		struct mstate m;
		int res;

		memset(&m, 0, sizeof(m));
		m.s = s + i + 1;
		m.n = n - i - 1;
		m.env = env;
		m.extra = "";
		m.err = err;
		m.col = col;
		res = marker_run(&m);
		if (res < 0) {
			*col += i + 1;
			goto out;
		}
		if (m.found) {
			out->extra = arena_strndup(arena, m.found, m.found_len);
			memset(&m, 0, sizeof(m));
			m.s = s + i + 1;
			m.n = n - i - 1;
			m.env = env;
			m.extra = out->extra;
			m.err = err;
			m.col = col;
			res = marker_run(&m);
		}
		out->marker = dup_trim(arena, s + i + 1, n - i - 1);
		out->marker_false = res == 0;
		i = n;
	}
	if (i < n) {
		perr(err, col, i, "unexpected text after the requirement");
		goto out;
	}
	rc = 0;
out:
	strbuf_release(&sb);
	return rc;
}

void
pep508_to_requirement(const struct pep508 *p, struct requirement *r)
{
	r->name = p->name;
	r->key = p->key;
	r->extras = p->extras;
	r->specifier = p->specifier;
	r->marker = p->marker;
	r->url = p->url;
	if (p->url)
		r->flags |= REQ_URL;
	if (p->marker_false)
		r->flags |= REQ_MARKER_FALSE;
	if (p->extra) {
		r->kind = REQ_OPTIONAL;
		r->group = p->extra;
	}
}
