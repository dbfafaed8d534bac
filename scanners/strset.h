/* strset.h - a set of byte strings, each with a number, for the readers
 *
 * Readers check names for duplicates (setup.cfg keys, METADATA extras,
 * PEP 735 groups) in time linear in the file, whatever its size.  The
 * set borrows its strings: they must outlive it (arena strings do).
 */
#ifndef DEPAUDIT_SCANNERS_STRSET_H
#define DEPAUDIT_SCANNERS_STRSET_H

#include <stdbool.h>
#include <stddef.h>

struct strset_entry {
	const char *s; /* NULL for an empty slot */
	size_t n;
	size_t hash;
	size_t value;
};

struct strset {
	struct strset_entry *v; /* alloc slots, a power of two */
	size_t n;
	size_t alloc;
};

#define STRSET_INIT                                                            \
	{                                                                      \
		NULL, 0, 0                                                     \
	}

/* The value stored with s, or SIZE_MAX when s is not in the set. */
size_t strset_find(const struct strset *set, const char *s, size_t n);
/* Add s with value: true, or false (set unchanged) when s was there. */
bool strset_add(struct strset *set, const char *s, size_t n, size_t value);
/* Empty the set, keeping its memory. */
void strset_reset(struct strset *set);
/* Free the table; the set is empty and reusable. */
void strset_release(struct strset *set);

#endif
