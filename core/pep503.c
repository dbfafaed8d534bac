/* pep503.c - distribution name normalization; see pep503.h */
#include "core/pep503.h"

#include <string.h>

#include "core/arena.h"
#include "core/strbuf.h"

static bool
is_sep(char c)
{
	return c == '-' || c == '_' || c == '.';
}

static bool
is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

void
pep503_normalize(struct strbuf *out, const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		char c = name[i];

		if (is_sep(c)) {
			while (i + 1 < len && is_sep(name[i + 1]))
				i++;
			strbuf_addch(out, '-');
		} else {
			strbuf_addch(out, c >= 'A' && c <= 'Z' ? c | 0x20 : c);
		}
	}
}

const char *
pep503_arena(struct arena *arena, const char *name)
{
	struct strbuf sb = STRBUF_INIT;
	const char *s;

	pep503_normalize(&sb, name, strlen(name));
	s = arena_strndup(arena, strbuf_str(&sb), sb.len);
	strbuf_release(&sb);
	return s;
}

bool
pep503_equal(const char *a, const char *b)
{
	struct strbuf x = STRBUF_INIT, y = STRBUF_INIT;
	bool eq;

	pep503_normalize(&x, a, strlen(a));
	pep503_normalize(&y, b, strlen(b));
	eq = !strcmp(strbuf_str(&x), strbuf_str(&y));
	strbuf_release(&x);
	strbuf_release(&y);
	return eq;
}

bool
pep503_valid(const char *name, size_t len)
{
	size_t i;

	/* ^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$, case-insensitive */
	if (!len || !is_alnum(name[0]) || !is_alnum(name[len - 1]))
		return false;
	for (i = 1; i + 1 < len; i++) {
		if (!is_alnum(name[i]) && !is_sep(name[i]))
			return false;
	}
	return true;
}
