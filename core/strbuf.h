/* strbuf.h - growable byte buffer, always NUL-terminated
 *
 * A strbuf owns its buffer.  strbuf_str() never returns NULL: an empty
 * strbuf reads as "".  strbuf_detach() hands the buffer to the caller,
 * who frees it, and leaves the strbuf empty.
 */
#ifndef DEPAUDIT_CORE_STRBUF_H
#define DEPAUDIT_CORE_STRBUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/attr.h"

struct strbuf {
	char *buf;
	size_t len;
	size_t alloc;
};

#define STRBUF_INIT                                                            \
	{                                                                      \
		NULL, 0, 0                                                     \
	}

void strbuf_init(struct strbuf *sb);
void strbuf_release(struct strbuf *sb);
/* Empty the buffer but keep its memory. */
void strbuf_reset(struct strbuf *sb);
/* Make room for extra more bytes (plus the NUL). */
void strbuf_grow(struct strbuf *sb, size_t extra);
void strbuf_add(struct strbuf *sb, const void *data, size_t len);
void strbuf_addstr(struct strbuf *sb, const char *s);
void strbuf_addch(struct strbuf *sb, int c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...) DP_PRINTF(2, 3);
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
	DP_PRINTF(2, 0);
/* Append s with control characters, '\\' and bytes that are not UTF-8
 * written as escapes, so that a name read from input prints on one line. */
void strbuf_add_escaped(struct strbuf *sb, const char *s, size_t len);
/* Cut the buffer to len bytes (len <= sb->len). */
void strbuf_setlen(struct strbuf *sb, size_t len);
const char *strbuf_str(const struct strbuf *sb);
/* The buffer, now owned by the caller (never NULL); sb is left empty. */
char *strbuf_detach(struct strbuf *sb, size_t *len);

/* Append code point cp (at most 0x10ffff) encoded as UTF-8. */
void strbuf_add_utf8(struct strbuf *sb, unsigned long cp);
/* Length of the valid UTF-8 sequence at s (1 to 4), or 0 if invalid. */
size_t utf8_seq_len(const unsigned char *s, size_t avail);
/* Where the word (NUL-terminated, not empty) first occurs in the n bytes
 * at s, or NULL. */
const char *mem_find(const char *s, size_t n, const char *word);
/* Whether the len bytes at s are one of the n strings of v. */
bool mem_in(const char *const *v, size_t n, const char *s, size_t len);

#endif
