/* arena.c - bump allocator; see arena.h */
#include "core/arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

struct arena_block {
	struct arena_block *next;
	size_t size;
	alignas(max_align_t) char data[];
};

enum { ARENA_BLOCK = 64 * 1024 };

void
arena_init(struct arena *a)
{
	a->head = NULL;
	a->cur = a->end = NULL;
}

void
arena_release(struct arena *a)
{
	struct arena_block *b = a->head;

	while (b) {
		struct arena_block *next = b->next;
		free(b);
		b = next;
	}
	arena_init(a);
}

void
arena_reset(struct arena *a)
{
	struct arena_block *keep = a->head;

	if (!keep)
		return;
	a->head = keep->next;
	keep->next = NULL;
	arena_release(a);
	a->head = keep;
	a->cur = keep->data;
	a->end = keep->data + keep->size;
}

void *
arena_alloc(struct arena *a, size_t size)
{
	const size_t align = alignof(max_align_t);
	uintptr_t cur = (uintptr_t)a->cur;
	size_t pad = (align - (cur & (align - 1))) & (align - 1);
	struct arena_block *b;
	size_t bsize;
	void *p;

	if (a->cur && size + pad <= (size_t)(a->end - a->cur)) {
		p = a->cur + pad;
		a->cur += pad + size;
		return p;
	}
	bsize = size > ARENA_BLOCK / 4 ? size : ARENA_BLOCK;
	if (bsize > SIZE_MAX - sizeof(*b))
		bsize = SIZE_MAX - sizeof(*b); /* xmalloc reports it */
	b = xmalloc(sizeof(*b) + bsize);
	b->size = bsize;
	if (bsize == size && a->head) {
		/* An oversized object gets a block of its own behind the
		 * current one, so the current block's space is not lost. */
		b->next = a->head->next;
		a->head->next = b;
		return b->data;
	}
	b->next = a->head;
	a->head = b;
	a->cur = b->data + size;
	a->end = b->data + bsize;
	return b->data;
}

void *
arena_calloc(struct arena *a, size_t nmemb, size_t size)
{
	void *p;

	if (size && nmemb > SIZE_MAX / size)
		return xreallocarray(NULL, nmemb, size); /* aborts */
	p = arena_alloc(a, nmemb * size);
	memset(p, 0, nmemb * size);
	return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

void *
arena_memdup(struct arena *a, const void *p, size_t n)
{
	void *q = arena_alloc(a, n);

	if (n)
		memcpy(q, p, n);
	return q;
}
