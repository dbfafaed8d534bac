/* jsonw.c - JSON writer; see jsonw.h */
#include "core/jsonw.h"

#include <assert.h>
#include <string.h>

#include "core/strbuf.h"

void
jsonw_init(struct jsonw *w, struct strbuf *out, bool pretty)
{
	memset(w, 0, sizeof(*w));
	w->out = out;
	w->pretty = pretty;
}

static void
newline(struct jsonw *w)
{
	int i;

	if (!w->pretty)
		return;
	strbuf_addch(w->out, '\n');
	for (i = 0; i < w->depth; i++)
		strbuf_add(w->out, "  ", 2);
}

/* Separate a value (or key) from what came before it at this depth. */
static void
value_prefix(struct jsonw *w)
{
	if (w->after_key) {
		w->after_key = false;
		return;
	}
	if (w->depth == 0)
		return;
	if (w->nonempty[w->depth])
		strbuf_addch(w->out, ',');
	w->nonempty[w->depth] = true;
	newline(w);
}

static void
begin(struct jsonw *w, char c)
{
	value_prefix(w);
	strbuf_addch(w->out, c);
	w->depth++;
	assert(w->depth < JSONW_MAX_DEPTH);
	w->nonempty[w->depth] = false;
}

static void
end(struct jsonw *w, char c)
{
	bool had = w->nonempty[w->depth];

	assert(w->depth > 0 && !w->after_key);
	w->depth--;
	if (had)
		newline(w);
	strbuf_addch(w->out, c);
}

void
jsonw_object_begin(struct jsonw *w)
{
	begin(w, '{');
}

void
jsonw_object_end(struct jsonw *w)
{
	end(w, '}');
}

void
jsonw_array_begin(struct jsonw *w)
{
	begin(w, '[');
}

void
jsonw_array_end(struct jsonw *w)
{
	end(w, ']');
}

void
jsonw_key(struct jsonw *w, const char *key)
{
	value_prefix(w);
	json_quote(w->out, key, strlen(key));
	strbuf_addstr(w->out, w->pretty ? ": " : ":");
	w->after_key = true;
}

void
jsonw_stringn(struct jsonw *w, const char *s, size_t len)
{
	value_prefix(w);
	json_quote(w->out, s, len);
}

void
jsonw_string(struct jsonw *w, const char *s)
{
	jsonw_stringn(w, s, strlen(s));
}

void
jsonw_member_string(struct jsonw *w, const char *key, const char *value)
{
	jsonw_key(w, key);
	if (value)
		jsonw_string(w, value);
	else
		jsonw_null(w);
}

void
jsonw_int(struct jsonw *w, long long v)
{
	value_prefix(w);
	strbuf_addf(w->out, "%lld", v);
}

void
jsonw_bool(struct jsonw *w, bool v)
{
	value_prefix(w);
	strbuf_addstr(w->out, v ? "true" : "false");
}

void
jsonw_null(struct jsonw *w)
{
	value_prefix(w);
	strbuf_addstr(w->out, "null");
}

void
json_quote(struct strbuf *sb, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	strbuf_addch(sb, '"');
	while (i < len) {
		unsigned c = p[i];
		size_t n;

		if (c == '"' || c == '\\') {
			strbuf_addch(sb, '\\');
			strbuf_addch(sb, (int)c);
			i++;
		} else if (c >= 0x20 && c < 0x80) {
			/* A run of bytes that stand for themselves. */
			for (n = i + 1;
			     n < len && p[n] >= 0x20 && p[n] < 0x80 &&
			     p[n] != '"' && p[n] != '\\';
			     n++)
				;
			strbuf_add(sb, p + i, n - i);
			i = n;
		} else if (c < 0x20) {
			static const char short_esc[] = "btn\0fr";
			if (c >= 8 && c <= 13 && c != 11)
				strbuf_addf(sb, "\\%c", short_esc[c - 8]);
			else
				strbuf_addf(sb, "\\u%04x", c);
			i++;
		} else if ((n = utf8_seq_len(p + i, len - i))) {
			strbuf_add(sb, p + i, n);
			i += n;
		} else {
			strbuf_addstr(sb, "\\ufffd");
			i++;
		}
	}
	strbuf_addch(sb, '"');
}
