/* pyreq.c - one PEP 508 string to one requirement; see pyreq.h */
#include "scanners/pyreq.h"

#include <string.h>

#include "core/arena.h"
#include "core/pep508.h"
#include "core/scan.h"
#include "core/strbuf.h"

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
	       c == '\v';
}

/* The raw text, trimmed and cut to a printable length in messages. */
static void
shorten(struct strbuf *sb, const char *s, size_t n)
{
	if (n > 60) {
		strbuf_add(sb, s, 57);
		strbuf_addstr(sb, "...");
	} else {
		strbuf_add(sb, s, n);
	}
}

int
pyreq_emit(struct scan_ctx *ctx, const struct pyreq_slot *slot, const char *s,
	   size_t n, unsigned line, unsigned col)
{
	const struct pep508_env env = {3, scan_python_minor(ctx)};
	struct arena *a = scan_arena(ctx);
	struct strbuf err = STRBUF_INIT, shown = STRBUF_INIT;
	struct requirement r;
	struct pep508 p;
	size_t at = 0;
	int rc = 0;

	while (n && is_space(*s)) {
		s++;
		n--;
		col++;
	}
	while (n && is_space(s[n - 1]))
		n--;
	memset(&r, 0, sizeof(r));
	r.package = slot->package;
	r.kind = slot->kind;
	r.group = slot->group;
	r.flags = slot->flags;
	r.raw = arena_strndup(a, s, n);
	r.line = line;
	r.col = col;
	if (pep508_parse(a, s, n, &env, &p, &err, &at)) {
		shorten(&shown, s, n);
		scan_warn(ctx, line, col ? col + (unsigned)at : 0,
			  "invalid requirement '%s': %s", strbuf_str(&shown),
			  strbuf_str(&err));
		r.flags |= REQ_NOT_EVALUATED;
		rc = -1;
	} else {
		pep508_to_requirement(&p, &r);
		if (slot->kind != REQ_RUNTIME) {
			/* an extras_require key or a group wins */
			r.kind = slot->kind;
			r.group = slot->group;
		}
	}
	scan_emit_requirement(ctx, &r);
	strbuf_release(&err);
	strbuf_release(&shown);
	return rc;
}

void
pyreq_emit_unknown(struct scan_ctx *ctx, const struct pyreq_slot *slot,
		   const char *s, size_t n, unsigned line, unsigned col,
		   const char *why)
{
	struct strbuf shown = STRBUF_INIT;
	struct requirement r;

	memset(&r, 0, sizeof(r));
	r.package = slot->package;
	r.kind = slot->kind;
	r.group = slot->group;
	r.raw = arena_strndup(scan_arena(ctx), s, n);
	r.flags = REQ_NOT_EVALUATED | slot->flags;
	r.line = line;
	r.col = col;
	scan_emit_requirement(ctx, &r);
	if (!why)
		return;
	shorten(&shown, s, n);
	scan_warn(ctx, line, col, "cannot evaluate '%s': %s",
		  strbuf_str(&shown), why);
	strbuf_release(&shown);
}
