/* pep503.h - distribution names as PEP 503 compares them
 *
 * "Universal_Pathlib", "universal.pathlib" and "universal-pathlib" are one
 * distribution: runs of '-', '_' and '.' become one '-', letters lowercase.
 */
#ifndef DEPAUDIT_CORE_PEP503_H
#define DEPAUDIT_CORE_PEP503_H

#include <stdbool.h>
#include <stddef.h>

struct arena;
struct strbuf;

/* Append the normalized form of the len bytes at name to out. */
void pep503_normalize(struct strbuf *out, const char *name, size_t len);
/* The normalized form of name, allocated from arena. */
const char *pep503_arena(struct arena *arena, const char *name);
/* Whether a and b name the same distribution. */
bool pep503_equal(const char *a, const char *b);
/* Whether name is a valid distribution name (PEP 508's identifier). */
bool pep503_valid(const char *name, size_t len);

#endif
