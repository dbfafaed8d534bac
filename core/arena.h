/* arena.h - bump allocator for objects that die together
 *
 * An arena hands out memory that stays valid until arena_release() (or
 * arena_reset(), which keeps the first block for reuse).  Objects are never
 * freed one by one.  An arena is not shared between threads.
 */
#ifndef DEPAUDIT_CORE_ARENA_H
#define DEPAUDIT_CORE_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block *head;
	char *cur;
	char *end;
};

#define ARENA_INIT                                                             \
	{                                                                      \
		NULL, NULL, NULL                                               \
	}

void arena_init(struct arena *a);
/* Free every block; the arena is empty and reusable. */
void arena_release(struct arena *a);
/* Forget every object but keep the newest block for reuse. */
void arena_reset(struct arena *a);

/* size bytes aligned for any object; never NULL. */
void *arena_alloc(struct arena *a, size_t size);
/* Zeroed nmemb * size bytes, the product checked. */
void *arena_calloc(struct arena *a, size_t nmemb, size_t size);
/* A NUL-terminated copy of the n bytes at s. */
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
void *arena_memdup(struct arena *a, const void *p, size_t n);

#endif
