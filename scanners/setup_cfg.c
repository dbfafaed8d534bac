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
 * ';'; "#" lines are dropped; a "file:" list is not evaluated; an
 * extra's "%(other)s" line stands for the other extra's requirements.
 *
 * What the wheel holds is recorded as ship settings (core/ship.h):
 * [options] packages ("find:", "find_namespace:" or a list), package_dir
 * ("=dir" for the root, "pkg = dir") and py_modules, and, for a "find:",
 * [options.packages.find] where, include and exclude.  These lists are
 * split as setuptools splits them: by lines when the value has several,
 * else by ','.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/arena.h"
#include "core/declared.h"
#include "core/scan.h"
#include "core/ship.h"
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

/* Ship settings being gathered. */
struct ships {
	struct ship_setting *v;
	size_t n, alloc;
};

/* The items of an extra: c->items[start..end), and how deep its
 * references nest. */
struct xrange {
	size_t start, end;
	unsigned depth;
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
	struct vline *parts; /* the value of a key split as a list */
	size_t nparts, aparts;
	struct ships ship;    /* of [options], in the order written */
	struct ships find;    /* of [options.packages.find] */
	struct strset extras; /* extra -> its index in xr */
	struct xrange *xr;
	size_t nxr, axr;
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

/* configparser's bound on nested "%(key)s" references. */
enum { INTERPOLATE_DEPTH = 10 };

/*
 * configparser's interpolation, which setuptools reads setup.cfg with:
 * an extra's item "%(KEY)s" stands for the items of the extra KEY read
 * earlier (sqlalchemy's extras build on each other so).  0 when the item
 * is not one, or names no earlier extra, or nests deeper than
 * configparser allows (it fails there, and so does every extra that
 * refers to one that does).  The items of an extra are
 * contiguous: its range was recorded when it was read.
 */
static int
interpolate(struct cfg *c, const char *s, size_t n, enum req_kind kind,
	    const char *group, unsigned *depth)
{
	const struct xrange *r;
	size_t k, i;

	if (n < 5 || strncmp(s, "%(", 2) || strncmp(s + n - 2, ")s", 2) ||
	    kind != REQ_OPTIONAL)
		return 0;
	k = strset_find(&c->extras, s + 2, n - 4);
	if (k == SIZE_MAX)
		return 0;
	if (c->xr[k].depth + 1 > INTERPOLATE_DEPTH) {
		/* configparser fails here, and on what refers to it */
		*depth = INTERPOLATE_DEPTH + 1;
		return 0;
	}
	r = &c->xr[k];
	if (r->depth + 1 > *depth)
		*depth = r->depth + 1;
	for (i = r->start; i < r->end; i++) {
		struct item it = c->items[i];

		add_item(c, it.s, it.n, it.line, it.col, kind, group,
			 it.unknown);
	}
	return 1;
}

/* Split the value of the current key into requirements. */
static void
req_list(struct cfg *c, enum req_kind kind, const char *group)
{
	size_t i, nonempty = 0, first = 0, start = c->nitems;
	unsigned depth = 0;
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
			if (n && s[0] != '#' &&
			    !interpolate(c, s, n, kind, group, &depth))
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
			if (k && p[0] != '#' &&
			    !interpolate(c, p, k, kind, group, &depth))
				add_item(c, p, k, v->line, pcol, kind, group,
					 false);
			if (!semi)
				break;
			col += (unsigned)(semi - s) + 1;
			n -= (size_t)(semi - s) + 1;
			s = semi + 1;
		}
	}
	if (kind == REQ_OPTIONAL && group) {
		XGROW(c->xr, c->nxr + 1, c->axr);
		c->xr[c->nxr].start = start;
		c->xr[c->nxr].end = c->nitems;
		c->xr[c->nxr].depth = depth;
		if (strset_add(&c->extras, group, strlen(group), c->nxr))
			c->nxr++;
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

/* A part of a list, trimmed; an empty one is dropped. */
static void
add_part(struct cfg *c, const char *s, size_t n, unsigned line, unsigned col)
{
	trim(&s, &n, &col);
	if (!n)
		return;
	XGROW(c->parts, c->nparts + 1, c->aparts);
	c->parts[c->nparts].s = s;
	c->parts[c->nparts].n = n;
	c->parts[c->nparts].line = line;
	c->parts[c->nparts].col = col;
	c->nparts++;
}

/*
 * Split the value of the current key into c->parts as setuptools'
 * _parse_list does: by lines when the value holds a newline (a non-empty
 * line after the first), else by commas.
 */
static void
split_list(struct cfg *c)
{
	bool by_line = false;
	size_t i;

	c->nparts = 0;
	for (i = 1; i < c->nvlines && !by_line; i++)
		by_line = c->vlines[i].n > 0;
	for (i = 0; i < c->nvlines; i++) {
		const struct vline *v = &c->vlines[i];
		const char *s = v->s, *comma;
		size_t n = v->n, k;
		unsigned col = v->col;

		while (!by_line && (comma = memchr(s, ',', n))) {
			k = (size_t)(comma - s);
			add_part(c, s, k, v->line, col);
			col += (unsigned)k + 1;
			n -= k + 1;
			s = comma + 1;
		}
		add_part(c, s, n, v->line, col);
	}
}

static void
add_ship(struct ships *s, enum ship_key key, const struct vline *at,
	 const char *value, const char *value2)
{
	XGROW(s->v, s->n + 1, s->alloc);
	s->v[s->n].key = key;
	s->v[s->n].value = value;
	s->v[s->n].value2 = value2;
	s->v[s->n].line = at->line;
	s->n++;
}

static const char *
part_str(struct cfg *c, const struct vline *p, size_t off, size_t n)
{
	return arena_strndup(scan_arena(c->ctx), p->s + off, n);
}

/* Each part of the value as key, in [options]. */
static void
ship_list(struct cfg *c, enum ship_key key)
{
	size_t i;

	split_list(c);
	for (i = 0; i < c->nparts; i++)
		add_ship(&c->ship, key, &c->parts[i],
			 part_str(c, &c->parts[i], 0, c->parts[i].n), NULL);
}

/* packages: "find:", "find_namespace:" or a list of packages. */
static void
ship_packages(struct cfg *c)
{
	const struct vline *p;

	split_list(c);
	p = c->nparts == 1 ? &c->parts[0] : NULL;
	if (p && p->n == 5 && !memcmp(p->s, "find:", 5))
		add_ship(&c->ship, SHIP_FIND, p, NULL, NULL);
	else if (p && p->n == 15 && !memcmp(p->s, "find_namespace:", 15))
		add_ship(&c->ship, SHIP_FIND, p, "namespace", NULL);
	else
		ship_list(c, SHIP_PACKAGE);
}

/* package_dir: "pkg = dir" parts, "=dir" for the root package. */
static void
ship_package_dir(struct cfg *c)
{
	size_t i;

	split_list(c);
	for (i = 0; i < c->nparts; i++) {
		const struct vline *p = &c->parts[i];
		const char *eq = memchr(p->s, '=', p->n), *k = p->s, *d;
		size_t kn, dn;

		if (!eq) {
			scan_warn(c->ctx, p->line, p->col,
				  "'package_dir' entry '%.*s' has no '='",
				  (int)(p->n > 60 ? 60 : p->n), p->s);
			continue;
		}
		kn = (size_t)(eq - p->s);
		d = eq + 1;
		dn = p->n - kn - 1;
		trim(&k, &kn, NULL);
		trim(&d, &dn, NULL);
		add_ship(&c->ship, SHIP_PACKAGE_DIR, p,
			 part_str(c, p, (size_t)(k - p->s), kn),
			 part_str(c, p, (size_t)(d - p->s), dn));
	}
}

/* [options.packages.find]: where (its first part), include, exclude. */
static void
ship_find(struct cfg *c, enum ship_key key)
{
	size_t i;

	split_list(c);
	for (i = 0; i < c->nparts; i++) {
		add_ship(&c->find, key, &c->parts[i],
			 part_str(c, &c->parts[i], 0, c->parts[i].n), NULL);
		if (key == SHIP_FIND_WHERE)
			break;
	}
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
			/* static: the package outlives the reader's state */
			static const char *dyn[] = {"version"};
			const char *v = joined(c);

			c->pkg.version_line = c->key_line;
			if (!strncmp(v, "attr:", 5) ||
			    !strncmp(v, "file:", 5)) {
				c->pkg.dynamic = dyn;
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
		else if (!strcmp(key, "packages"))
			ship_packages(c);
		else if (!strcmp(key, "package_dir"))
			ship_package_dir(c);
		else if (!strcmp(key, "py_modules"))
			ship_list(c, SHIP_PY_MODULE);
	} else if (!strcmp(sec, "options.extras_require")) {
		req_list(c, REQ_OPTIONAL, key);
	} else if (!strcmp(sec, "options.packages.find")) {
		if (!strcmp(key, "where"))
			ship_find(c, SHIP_FIND_WHERE);
		else if (!strcmp(key, "include"))
			ship_find(c, SHIP_FIND_INCLUDE);
		else if (!strcmp(key, "exclude"))
			ship_find(c, SHIP_FIND_EXCLUDE);
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

/*
 * The package's ship settings: those of [options], with those of
 * [options.packages.find] after a find (setuptools reads the section only
 * for one).
 */
static void
emit_ship(struct cfg *c)
{
	struct ship_setting *v;
	size_t i, n = 0, j;

	if (!c->ship.n)
		return;
	for (i = 0; i < c->ship.n; i++)
		n += c->ship.v[i].key == SHIP_FIND ? 1 + c->find.n : 1;
	v = arena_alloc(scan_arena(c->ctx), n * sizeof(*v));
	c->pkg.ship = v;
	c->pkg.nship = n;
	for (i = 0; i < c->ship.n; i++) {
		*v++ = c->ship.v[i];
		for (j = 0; c->ship.v[i].key == SHIP_FIND && j < c->find.n; j++)
			*v++ = c->find.v[j];
	}
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
	emit_ship(c);
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
	strset_release(&c.extras);
	free(c.xr);
	free(c.vlines);
	free(c.items);
	free(c.parts);
	free(c.ship.v);
	free(c.find.v);
	return 0;
}

const struct scanner scanner_setup_cfg = {
	.name = "setup.cfg",
	.kind = SCAN_DECLARED,
	.bid = setup_cfg_bid,
	.scan = setup_cfg_scan,
};
