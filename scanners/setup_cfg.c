/* setup_cfg.c - setuptools' declarative configuration, setup.cfg
 *
 * The INI dialect of Python's configparser: "[section]" headers, "key =
 * value" or "key: value" lines, a line indented under a key continuing
 * its value, '#' and ';' starting a comment line, keys compared in lower
 * case, a repeated section or key an error (configparser is strict).
 * Read: [metadata] name and version ("attr:" and "file:" leave it
 * dynamic), [options] install_requires (runtime), setup_requires
 * (build), tests_require (test), python_requires, and each key of
 * [options.extras_require] (optional).  A requirement list is split the
 * way setuptools splits it: by lines when the value has several, else by
 * ';'; "#" lines are dropped; a "file:" list is not evaluated.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/arena.h"
#include "core/declared.h"
#include "core/scan.h"
#include "core/strbuf.h"
#include "core/xalloc.h"
#include "scanners/pyreq.h"
#include "scanners/scanners.h"
#include "scanners/strset.h"

static int
setup_cfg_bid(const char *path)
{
	const char *base = scanner_base_name(path);

	return !strcmp(base, "setup.cfg") ? 10 : 0;
}

/* One physical line of a value. */
struct vline {
	const char *s; /* into the file */
	size_t n;
	unsigned line;
	unsigned col;
};

struct item {
	const char *s;
	size_t n;
	unsigned line;
	unsigned col;
	enum req_kind kind;
	const char *group; /* arena-owned */
	bool unknown;
};

struct cfg {
	struct scan_ctx *ctx;
	struct declared_pkg pkg;
	const char *section; /* arena-owned, NULL before the first */
	unsigned section_line;
	struct strset sections; /* every section name seen */
	struct strset keys;     /* the keys of the current section */
	const char *key;        /* the key being read, arena-owned */
	unsigned key_line;
	struct vline *vlines;
	size_t nvlines, avlines;
	struct item *items;
	size_t nitems, aitems;
	const char *dyn[1];
};

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static void
trim(const char **s, size_t *n, unsigned *col)
{
	while (*n && is_space(**s)) {
		(*s)++;
		(*n)--;
		if (col)
			(*col)++;
	}
	while (*n && is_space((*s)[*n - 1]))
		(*n)--;
}

static void
add_item(struct cfg *c, const char *s, size_t n, unsigned line, unsigned col,
	 enum req_kind kind, const char *group, bool unknown)
{
	XGROW(c->items, c->nitems + 1, c->aitems);
	c->items[c->nitems].s = s;
	c->items[c->nitems].n = n;
	c->items[c->nitems].line = line;
	c->items[c->nitems].col = col;
	c->items[c->nitems].kind = kind;
	c->items[c->nitems].group = group;
	c->items[c->nitems].unknown = unknown;
	c->nitems++;
}

/* Split the value of the current key into requirements. */
static void
req_list(struct cfg *c, enum req_kind kind, const char *group)
{
	size_t i, nonempty = 0, first = 0;
	bool by_line;

	for (i = c->nvlines; i-- > 0;) {
		if (c->vlines[i].n) {
			nonempty++;
			first = i;
		}
	}
	/* setuptools splits by lines when the value holds a newline */
	by_line = nonempty > 1 || (nonempty == 1 && first > 0);
	if (nonempty == 1 && c->vlines[first].n > 5 &&
	    !strncmp(c->vlines[first].s, "file:", 5)) {
		const struct vline *v = &c->vlines[first];

		add_item(c, v->s, v->n, v->line, v->col, kind, group, true);
		return;
	}
	for (i = 0; i < c->nvlines; i++) {
		const struct vline *v = &c->vlines[i];
		const char *s = v->s, *semi;
		size_t n = v->n;
		unsigned col = v->col;

		if (by_line) {
			if (n && s[0] != '#')
				add_item(c, s, n, v->line, col, kind, group,
					 false);
			continue;
		}
		while (n) {
			size_t k;
			const char *p = s;
			unsigned pcol = col;

			semi = memchr(s, ';', n);
			k = semi ? (size_t)(semi - s) : n;
			trim(&p, &k, &pcol);
			if (k && p[0] != '#')
				add_item(c, p, k, v->line, pcol, kind, group,
					 false);
			if (!semi)
				break;
			col += (unsigned)(semi - s) + 1;
			n -= (size_t)(semi - s) + 1;
			s = semi + 1;
		}
	}
}

static const char *
joined(struct cfg *c)
{
	struct strbuf sb = STRBUF_INIT;
	const char *r;
	size_t i;

	for (i = 0; i < c->nvlines; i++) {
		if (!c->vlines[i].n)
			continue;
		if (sb.len)
			strbuf_addch(&sb, ' ');
		strbuf_add(&sb, c->vlines[i].s, c->vlines[i].n);
	}
	r = arena_strndup(scan_arena(c->ctx), strbuf_str(&sb), sb.len);
	strbuf_release(&sb);
	return r;
}

static void
end_key(struct cfg *c)
{
	const char *sec = c->section, *key = c->key;

	if (!key || !sec)
		goto out;
	if (!strcmp(sec, "metadata")) {
		if (!strcmp(key, "name")) {
			c->pkg.name = joined(c);
			c->pkg.line = c->key_line;
		} else if (!strcmp(key, "version")) {
			const char *v = joined(c);

			c->pkg.version_line = c->key_line;
			if (!strncmp(v, "attr:", 5) ||
			    !strncmp(v, "file:", 5)) {
				c->dyn[0] = "version";
				c->pkg.dynamic = c->dyn;
				c->pkg.ndynamic = 1;
			} else {
				c->pkg.version = v;
			}
		}
	} else if (!strcmp(sec, "options")) {
		if (!strcmp(key, "install_requires"))
			req_list(c, REQ_RUNTIME, NULL);
		else if (!strcmp(key, "setup_requires"))
			req_list(c, REQ_BUILD, NULL);
		else if (!strcmp(key, "tests_require"))
			req_list(c, REQ_TEST, NULL);
		else if (!strcmp(key, "python_requires"))
			c->pkg.python_requires = joined(c);
	} else if (!strcmp(sec, "options.extras_require")) {
		req_list(c, REQ_OPTIONAL, key);
	}
out:
	c->key = NULL;
	c->nvlines = 0;
}

static void
add_vline(struct cfg *c, const char *s, size_t n, unsigned line, unsigned col)
{
	trim(&s, &n, &col);
	XGROW(c->vlines, c->nvlines + 1, c->avlines);
	c->vlines[c->nvlines].s = s;
	c->vlines[c->nvlines].n = n;
	c->vlines[c->nvlines].line = line;
	c->vlines[c->nvlines].col = col;
	c->nvlines++;
}

static void
section_line(struct cfg *c, const char *s, size_t n, unsigned line)
{
	const char *close = memchr(s, ']', n);
	const char *name;

	end_key(c);
	if (!close) {
		scan_error(c->ctx, line, 1, "unterminated section header");
		c->section = NULL;
		return;
	}
	name = arena_strndup(scan_arena(c->ctx), s + 1,
			     (size_t)(close - s - 1));
	if (!strset_add(&c->sections, name, strlen(name), 0)) {
		scan_error(c->ctx, line, 1, "duplicate section '%s'", name);
		c->section = NULL;
		return;
	}
	c->section = name;
	c->section_line = line;
	strset_reset(&c->keys);
}

static void
key_line(struct cfg *c, const char *s, size_t n, unsigned line)
{
	const char *eq = memchr(s, '=', n), *colon = memchr(s, ':', n);
	const char *sep = !eq ? colon : !colon ? eq : eq < colon ? eq : colon;
	const char *k = s;
	size_t kn, i;
	char *key;

	end_key(c);
	if (!sep) {
		scan_error(c->ctx, line, 1, "expected 'key = value'");
		return;
	}
	if (!c->section) {
		scan_error(c->ctx, line, 1, "a key outside any section");
		return;
	}
	kn = (size_t)(sep - s);
	trim(&k, &kn, NULL);
	key = arena_strndup(scan_arena(c->ctx), k, kn);
	for (i = 0; i < kn; i++)
		key[i] = (char)(key[i] >= 'A' && key[i] <= 'Z' ? key[i] | 0x20
							       : key[i]);
	if (!strset_add(&c->keys, key, kn, 0)) {
		scan_error(c->ctx, line, 1, "duplicate key '%s' in [%s]", key,
			   c->section);
		return;
	}
	c->key = key;
	c->key_line = line;
	add_vline(c, sep + 1, n - (size_t)(sep + 1 - s), line,
		  (unsigned)(sep + 1 - s) + 1);
}

static void
emit_all(struct cfg *c, const struct file_view *fv)
{
	struct pyreq_slot slot = {NULL, REQ_RUNTIME, NULL, 0};
	size_t i;

	c->pkg.id = arena_strdup(scan_arena(c->ctx),
				 c->pkg.name ? c->pkg.name : fv->path);
	c->pkg.format = "setup.cfg";
	c->pkg.builder = "setup.cfg";
	if (!c->pkg.line)
		c->pkg.line = 1;
	scan_emit_package(c->ctx, &c->pkg);
	for (i = 0; i < c->nitems; i++) {
		const struct item *it = &c->items[i];

		slot.package = c->pkg.id;
		slot.kind = it->kind;
		slot.group = it->group;
		if (it->unknown)
			pyreq_emit_unknown(c->ctx, &slot, it->s, it->n,
					   it->line, it->col,
					   "setuptools reads 'file:' lists at "
					   "build time");
		else
			pyreq_emit(c->ctx, &slot, it->s, it->n, it->line,
				   it->col);
	}
}

static int
setup_cfg_scan(struct scan_ctx *ctx, const struct file_view *fv)
{
	const char *p = fv->data, *end = fv->data + fv->len;
	struct cfg c;
	unsigned line = 0;

	memset(&c, 0, sizeof(c));
	c.ctx = ctx;
	if (end - p >= 3 && !memcmp(p, "\xef\xbb\xbf", 3))
		p += 3;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = (size_t)((nl ? nl : end) - p), i = 0;

		line++;
		if (len && p[len - 1] == '\r')
			len--;
		while (i < len && is_space(p[i]))
			i++;
		if (memchr(p, '\0', len)) {
			scan_error(ctx, line, 0, "NUL byte in the line");
		} else if (i == len) {
			if (c.key)
				add_vline(&c, p, 0, line, 1);
		} else if (p[i] == '#' || p[i] == ';') {
			/* a comment line */
		} else if (i > 0 && c.key) {
			add_vline(&c, p, len, line, 1);
		} else if (i > 0) {
			scan_error(ctx, line, 1,
				   "indented line continues nothing");
		} else if (p[0] == '[') {
			section_line(&c, p, len, line);
		} else {
			key_line(&c, p, len, line);
		}
		p = nl ? nl + 1 : end;
	}
	end_key(&c);
	emit_all(&c, fv);
	strset_release(&c.sections);
	strset_release(&c.keys);
	free(c.vlines);
	free(c.items);
	return 0;
}

const struct scanner scanner_setup_cfg = {
	.name = "setup.cfg",
	.kind = SCAN_DECLARED,
	.bid = setup_cfg_bid,
	.scan = setup_cfg_scan,
};
