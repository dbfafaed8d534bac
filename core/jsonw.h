/* jsonw.h - JSON writer into a strbuf
 *
 * The writer places commas, colons and (when pretty) newlines and
 * indentation itself; the caller emits keys and values in the order it
 * wants them to appear, which is how depaudit keeps key order stable.
 * Strings are escaped completely: control characters as \u00XX and bytes
 * that are not UTF-8 as U+FFFD, so the output is always valid JSON.
 * Nesting deeper than JSONW_MAX_DEPTH is a programming error (assert).
 */
#ifndef DEPAUDIT_CORE_JSONW_H
#define DEPAUDIT_CORE_JSONW_H

#include <stdbool.h>
#include <stddef.h>

struct strbuf;

enum { JSONW_MAX_DEPTH = 32 };

struct jsonw {
	struct strbuf *out; /* borrowed */
	int depth;
	bool pretty;
	bool after_key;
	bool nonempty[JSONW_MAX_DEPTH];
};

/* Write to out (borrowed); pretty indents by two spaces. */
void jsonw_init(struct jsonw *w, struct strbuf *out, bool pretty);
void jsonw_object_begin(struct jsonw *w);
void jsonw_object_end(struct jsonw *w);
void jsonw_array_begin(struct jsonw *w);
void jsonw_array_end(struct jsonw *w);
void jsonw_key(struct jsonw *w, const char *key);
void jsonw_string(struct jsonw *w, const char *s);
void jsonw_stringn(struct jsonw *w, const char *s, size_t len);
/* key, then value as a string, or null when value is NULL. */
void jsonw_member_string(struct jsonw *w, const char *key, const char *value);
void jsonw_int(struct jsonw *w, long long v);
void jsonw_bool(struct jsonw *w, bool v);
void jsonw_null(struct jsonw *w);

/* Append s as a quoted, escaped JSON string to sb. */
void json_quote(struct strbuf *sb, const char *s, size_t len);

#endif
