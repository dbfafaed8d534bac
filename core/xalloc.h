/* xalloc.h - allocation that never returns NULL
 *
 * Running out of memory is not an input error we can report and go on
 * from: these print "depaudit: out of memory (N bytes)" and abort.
 * Their results are never checked for NULL.  Free with free().
 */
#ifndef DEPAUDIT_CORE_XALLOC_H
#define DEPAUDIT_CORE_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *ptr, size_t size);
/* Grow an array of nmemb elements of size bytes, checking the product. */
void *xreallocarray(void *ptr, size_t nmemb, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/*
 * Ensure that the array *ptr of *alloc elements holds at least want
 * elements, growing it geometrically.
 */
#define XGROW(ptr, want, alloc)                                                \
	do {                                                                   \
		if ((want) > (alloc)) {                                        \
			size_t grow_ = (alloc) < 8 ? 8 : (alloc)*2;            \
			if (grow_ < (want))                                    \
				grow_ = (want);                                \
			(ptr) = xreallocarray((ptr), grow_, sizeof(*(ptr)));   \
			(alloc) = grow_;                                       \
		}                                                              \
	} while (0)

#endif
