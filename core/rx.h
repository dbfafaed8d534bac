/* rx.h - regular expressions (PCRE2, compiled once, JIT when available)
 *
 * The only module that includes pcre2.h.  A struct rx is immutable once
 * compiled and may be shared between threads; each rx_match() call uses
 * match data of its own.
 */
#ifndef DEPAUDIT_CORE_RX_H
#define DEPAUDIT_CORE_RX_H

#include <stddef.h>

struct rx;

enum rx_flags {
	RX_CASELESS = 1u << 0,
	RX_MULTILINE = 1u << 1,
};

/* A span of the subject: [start, end); both SIZE_MAX if the group did not
 * take part in the match. */
struct rx_span {
	size_t start;
	size_t end;
};

/*
 * Compile pattern.  Returns NULL after printing a diagnostic when it does
 * not compile (a pattern from a user's config, say).  Free with rx_free().
 */
struct rx *rx_new(const char *pattern, unsigned flags);
void rx_free(struct rx *rx);
/*
 * Match rx against len bytes at subject.  Returns 1 on a match, filling
 * up to nspans spans (span 0 is the whole match, then the groups), 0 when
 * there is none, -1 on a matching error (a resource limit).
 */
int rx_match(const struct rx *rx, const char *subject, size_t len,
	     struct rx_span *spans, size_t nspans);

#endif
