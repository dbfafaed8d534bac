/* rx.c - PCRE2 behind a small interface; see rx.h */
#include "core/rx.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdint.h>
#include <stdlib.h>

#include "core/diag.h"
#include "core/xalloc.h"

struct rx {
	pcre2_code *code;
};

struct rx *
rx_new(const char *pattern, unsigned flags)
{
	uint32_t opts = PCRE2_UTF | PCRE2_MATCH_INVALID_UTF;
	PCRE2_SIZE erroff;
	int errcode;
	struct rx *rx;
	pcre2_code *code;

	if (flags & RX_CASELESS)
		opts |= PCRE2_CASELESS;
	if (flags & RX_MULTILINE)
		opts |= PCRE2_MULTILINE;
	code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, opts,
			     &errcode, &erroff, NULL);
	if (!code) {
		PCRE2_UCHAR msg[256];

		pcre2_get_error_message(errcode, msg, sizeof(msg));
		diag_error(NULL, "regular expression '%s': %s at offset %zu",
			   pattern, (const char *)msg, (size_t)erroff);
		return NULL;
	}
	/* JIT is an optimisation: without it (no JIT on this CPU, or
	 * memory for it refused) matching still works, only slower. */
	(void)pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
	rx = xmalloc(sizeof(*rx));
	rx->code = code;
	return rx;
}

void
rx_free(struct rx *rx)
{
	if (!rx)
		return;
	pcre2_code_free(rx->code);
	free(rx);
}

int
rx_match(const struct rx *rx, const char *subject, size_t len,
	 struct rx_span *spans, size_t nspans)
{
	pcre2_match_data *md =
		pcre2_match_data_create_from_pattern(rx->code, NULL);
	PCRE2_SIZE *ov;
	uint32_t n;
	size_t i;
	int rc;

	if (!md)
		return -1;
	rc = pcre2_match(rx->code, (PCRE2_SPTR)subject, len, 0, 0, md, NULL);
	if (rc < 0) {
		pcre2_match_data_free(md);
		return rc == PCRE2_ERROR_NOMATCH ? 0 : -1;
	}
	ov = pcre2_get_ovector_pointer(md);
	n = pcre2_get_ovector_count(md);
	for (i = 0; i < nspans; i++) {
		if (i < n && ov[2 * i] != PCRE2_UNSET) {
			spans[i].start = ov[2 * i];
			spans[i].end = ov[2 * i + 1];
		} else {
			spans[i].start = spans[i].end = SIZE_MAX;
		}
	}
	pcre2_match_data_free(md);
	return 1;
}
