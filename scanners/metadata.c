/* metadata.c - core metadata of a built distribution: METADATA, PKG-INFO
 *
 * The header block of an email-style message (Metadata-Version 1.0 to
 * 2.4): "Field: value" lines, a line starting with a blank or a tab
 * continuing the one before, the block ending at the first empty line
 * (the description follows).  Name, Version and Requires-Python describe
 * the package; each Requires-Dist is a PEP 508 requirement, runtime or,
 * with an `extra == "x"` marker, optional for x.  A Requires-Dist naming
 * an extra no Provides-Extra declares is warned about.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/arena.h"
#include "core/declared.h"
#include "core/pep503.h"
#include "core/scan.h"
#include "core/strbuf.h"
#include "core/xalloc.h"
#include "scanners/pyreq.h"
#include "scanners/scanners.h"
#include "scanners/strset.h"

static int
metadata_bid(const char *path)
{
	const char *base = scanner_base_name(path);

	if (!strcmp(base, "METADATA") || !strcmp(base, "PKG-INFO"))
		return 10;
	return 0;
}

struct field {
	const char *name;
	size_t nlen;
	struct strbuf value;
	unsigned line;
	unsigned col;
};

struct pending {
	const char *value; /* arena-owned */
	size_t len;
	unsigned line;
	unsigned col;
};

struct meta {
	struct scan_ctx *ctx;
	struct declared_pkg pkg;
	struct strset extras; /* Provides-Extra, normalized */
	struct pending *reqs; /* Requires-Dist, emitted once Name is known */
	size_t nreqs, areqs;
};

static bool
field_is(const struct field *f, const char *name)
{
	return f->nlen == strlen(name) && !strncasecmp(f->name, name, f->nlen);
}

static void
add_extra(struct meta *m, const char *name)
{
	const char *key = pep503_arena(scan_arena(m->ctx), name);

	strset_add(&m->extras, key, strlen(key), 0);
}

static void
handle_field(struct meta *m, struct field *f)
{
	struct arena *a = scan_arena(m->ctx);
	const char *v = strbuf_str(&f->value);

	if (field_is(f, "Name")) {
		if (m->pkg.name) {
			scan_warn(m->ctx, f->line, 1, "duplicate 'Name'");
			return;
		}
		m->pkg.name = arena_strdup(a, v);
		m->pkg.line = f->line;
	} else if (field_is(f, "Version")) {
		m->pkg.version = arena_strdup(a, v);
		m->pkg.version_line = f->line;
	} else if (field_is(f, "Requires-Python")) {
		m->pkg.python_requires = arena_strdup(a, v);
	} else if (field_is(f, "Provides-Extra")) {
		add_extra(m, v);
	} else if (field_is(f, "Requires-Dist")) {
		XGROW(m->reqs, m->nreqs + 1, m->areqs);
		m->reqs[m->nreqs].value = arena_strndup(a, v, f->value.len);
		m->reqs[m->nreqs].len = f->value.len;
		m->reqs[m->nreqs].line = f->line;
		m->reqs[m->nreqs].col = f->col;
		m->nreqs++;
	}
}

/* Emit the requirements under the package id; check the extras named. */
static void
finish(struct meta *m)
{
	struct pyreq_slot slot = {m->pkg.id, REQ_RUNTIME, NULL, 0};
	const struct requirement *reqs;
	size_t n, i;

	for (i = 0; i < m->nreqs; i++) {
		const struct pending *pr = &m->reqs[i];
		const char *key;

		if (pyreq_emit(m->ctx, &slot, pr->value, pr->len, pr->line,
			       pr->col))
			continue;
		reqs = scan_requirements(m->ctx, &n);
		if (reqs[n - 1].kind != REQ_OPTIONAL || !m->extras.n)
			continue;
		key = pep503_arena(scan_arena(m->ctx), reqs[n - 1].group);
		if (strset_find(&m->extras, key, strlen(key)) == SIZE_MAX)
			scan_warn(m->ctx, pr->line, 0,
				  "extra '%s' is not in any Provides-Extra",
				  reqs[n - 1].group);
	}
}

static void
start_field(struct meta *m, struct field *f, const char *s, size_t n,
	    unsigned line)
{
	const char *colon = memchr(s, ':', n);
	size_t i;

	f->name = NULL;
	strbuf_reset(&f->value);
	if (!colon || colon == s) {
		scan_warn(m->ctx, line, 1, "not a 'Field: value' line");
		return;
	}
	for (i = 0; i < (size_t)(colon - s); i++) {
		if (s[i] == ' ' || s[i] == '\t') {
			scan_warn(m->ctx, line, 1, "not a 'Field: value' line");
			return;
		}
	}
	f->name = s;
	f->nlen = (size_t)(colon - s);
	f->line = line;
	i = f->nlen + 1;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	f->col = (unsigned)i + 1;
	strbuf_add(&f->value, s + i, n - i);
}

static int
metadata_scan(struct scan_ctx *ctx, const struct file_view *fv)
{
	const char *p = fv->data, *end = fv->data + fv->len;
	struct field f = {NULL, 0, STRBUF_INIT, 0, 0};
	struct meta m;
	unsigned line = 0;

	memset(&m, 0, sizeof(m));
	m.ctx = ctx;
	if (end - p >= 3 && !memcmp(p, "\xef\xbb\xbf", 3))
		p += 3;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = (size_t)((nl ? nl : end) - p);

		line++;
		if (len && p[len - 1] == '\r')
			len--;
		if (!len)
			break; /* the description follows */
		if (memchr(p, '\0', len)) {
			scan_error(ctx, line, 0, "NUL byte in the line");
		} else if (p[0] == ' ' || p[0] == '\t') {
			if (!f.name) {
				scan_warn(ctx, line, 1,
					  "continuation line without a field");
			} else {
				while (len && (*p == ' ' || *p == '\t')) {
					p++;
					len--;
				}
				strbuf_addch(&f.value, ' ');
				strbuf_add(&f.value, p, len);
			}
		} else {
			if (f.name)
				handle_field(&m, &f);
			start_field(&m, &f, p, len, line);
		}
		p = nl ? nl + 1 : end;
	}
	if (f.name)
		handle_field(&m, &f);
	strbuf_release(&f.value);
	if (!m.pkg.name) {
		scan_warn(ctx, 1, 0, "no 'Name' field");
		m.pkg.id = fv->path;
		m.pkg.line = 1;
	} else {
		m.pkg.id = m.pkg.name;
	}
	m.pkg.id = arena_strdup(scan_arena(ctx), m.pkg.id);
	m.pkg.format = "metadata";
	m.pkg.builder = "metadata";
	scan_emit_package(ctx, &m.pkg);
	finish(&m);
	free(m.reqs);
	strset_release(&m.extras);
	return 0;
}

const struct scanner scanner_metadata = {
	.name = "metadata",
	.kind = SCAN_DECLARED,
	.bid = metadata_bid,
	.scan = metadata_scan,
};
