/* strset.c - a set of byte strings; see strset.h */
#include "scanners/strset.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

static size_t
hash_bytes(const char *s, size_t n)
{
	size_t h = 2166136261u, i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static struct strset_entry *
slot(const struct strset *set, const char *s, size_t n, size_t h)
{
	size_t i;

	for (i = h & (set->alloc - 1); set->v[i].s;
	     i = (i + 1) & (set->alloc - 1)) {
		const struct strset_entry *e = &set->v[i];

		if (e->hash == h && e->n == n && !memcmp(e->s, s, n))
			break;
	}
	return &set->v[i];
}

size_t
strset_find(const struct strset *set, const char *s, size_t n)
{
	const struct strset_entry *e;

	if (!set->alloc)
		return SIZE_MAX;
	e = slot(set, s, n, hash_bytes(s, n));
	return e->s ? e->value : SIZE_MAX;
}

bool
strset_add(struct strset *set, const char *s, size_t n, size_t value)
{
	size_t h = hash_bytes(s, n);
	struct strset_entry *e;

	if ((set->n + 1) * 2 > set->alloc) {
		struct strset_entry *old = set->v;
		size_t nold = set->alloc, k;

		set->alloc = nold ? 2 * nold : 32;
		set->v = xcalloc(set->alloc, sizeof(*set->v));
		for (k = 0; k < nold; k++) {
			if (old[k].s)
				*slot(set, old[k].s, old[k].n, old[k].hash) =
					old[k];
		}
		free(old);
	}
	e = slot(set, s, n, h);
	if (e->s)
		return false;
	e->s = s;
	e->n = n;
	e->hash = h;
	e->value = value;
	set->n++;
	return true;
}

void
strset_reset(struct strset *set)
{
	if (set->v)
		memset(set->v, 0, set->alloc * sizeof(*set->v));
	set->n = 0;
}

void
strset_release(struct strset *set)
{
	free(set->v);
	set->v = NULL;
	set->n = set->alloc = 0;
}
