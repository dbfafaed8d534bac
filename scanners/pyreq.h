/* pyreq.h - what the Python-metadata readers share: one PEP 508 string in,
 * one requirement out
 *
 * The readers of requirements files, METADATA, setup.cfg, pyproject.toml
 * and setup.py all end in a list of PEP 508 strings.  pyreq_emit() parses
 * one and emits it through the scanner contract; a malformed string is
 * diagnosed at its line and still emitted, flagged REQ_NOT_EVALUATED with
 * its raw text, so that nothing is dropped silently.  Markers are
 * evaluated for the default target environment (PEP508_ENV_DEFAULT).
 */
#ifndef DEPAUDIT_SCANNERS_PYREQ_H
#define DEPAUDIT_SCANNERS_PYREQ_H

#include <stddef.h>

#include "core/declared.h"

struct scan_ctx;

/* Where a requirement goes: its package id, kind and group. */
struct pyreq_slot {
	const char *package; /* arena-owned or static, or NULL */
	enum req_kind kind;
	const char *group; /* arena-owned or static, or NULL */
	unsigned flags;    /* enum req_flag bits every input gets */
};

/*
 * Parse the n bytes at s as PEP 508 and emit it at line:col.  A marker
 * naming an extra moves a runtime requirement into that extra.  Returns 0,
 * or -1 when s was malformed (diagnosed, emitted as not evaluated).
 */
int pyreq_emit(struct scan_ctx *ctx, const struct pyreq_slot *slot,
	       const char *s, size_t n, unsigned line, unsigned col);
/*
 * Emit text that could not be evaluated statically (a name, a call):
 * REQ_NOT_EVALUATED, raw = the n bytes at s, with a warning saying why
 * (none when why is NULL: a local project, which names no distribution).
 */
void pyreq_emit_unknown(struct scan_ctx *ctx, const struct pyreq_slot *slot,
			const char *s, size_t n, unsigned line, unsigned col,
			const char *why);

#endif
