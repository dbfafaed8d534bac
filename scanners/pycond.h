/* pycond.h - the static conditions of Python source, for a target
 *
 * The test of an if or elif is evaluated for the target (CPython
 * 3.<minor> on Linux) as far as it is static: sys.version_info against
 * tuples (also indexed, sliced, .major, .minor), sys.platform (also
 * .startswith()), os.name, platform.system(), sys.implementation.name,
 * the names a module-level "NAME = test" bound, with and, or, not and
 * parentheses.  Everything else is undecided, and so is what depends on
 * it (Kleene's logic: "undecided or true" is true).
 *
 * The scanner (scanners/python.c) keeps one struct pycond per file: it
 * tells it the names imports and module-level assignments bind, and asks
 * it about the tokens of each test, which index the lexer's current
 * logical line.
 */
#ifndef DEPAUDIT_SCANNERS_PYCOND_H
#define DEPAUDIT_SCANNERS_PYCOND_H

#include <stdbool.h>
#include <stddef.h>

#include "scanners/pylex.h"

struct arena;

enum tri { TRI_FALSE, TRI_TRUE, TRI_UNKNOWN };

static inline enum tri
tri_not(enum tri t)
{
	return t == TRI_UNKNOWN ? t : t == TRI_TRUE ? TRI_FALSE : TRI_TRUE;
}

enum { PYCOND_MAX_BINDINGS = 64 }; /* names a condition may use */

/* A name an import or a module-level assignment bound. */
struct pycond_binding {
	const char *name;    /* arena-owned, or static */
	const char *s;       /* its string, when it stands for one (static) */
	long num;            /* its int, when it stands for one */
	unsigned char what;  /* what it stands for; 0: nothing of the target */
	unsigned char truth; /* a decided bool: enum tri */
	bool word;           /* the skim must look for the name */
};

struct pycond {
	const struct pylex *lx;
	struct arena *arena;
	unsigned minor; /* the target is Python 3.minor */
	struct pycond_binding bindings[PYCOND_MAX_BINDINGS];
	size_t nbindings;
};

/* sys, os and platform bound to themselves; strings in arena. */
void pycond_init(struct pycond *pc, const struct pylex *lx, struct arena *arena,
		 unsigned minor);
/* Whether the test in tokens [a, b) holds for the target. */
enum tri pycond_test(struct pycond *pc, size_t a, size_t b);
/* NAME = test in tokens [i, end) at module level: a name later tests
 * may use. */
void pycond_note_constant(struct pycond *pc, size_t i, size_t end);
/* import module [as alias] at module level (level 0). */
void pycond_bind_import(struct pycond *pc, const char *module,
			const struct pytok *alias);
/* from module import name [as alias] (module NULL for a relative one). */
void pycond_bind_from(struct pycond *pc, const char *module,
		      const struct pytok *name, const struct pytok *alias);
/* Whether the text [s, s + n) may hold anything a test is decided by:
 * the skim lexes such lines in full. */
bool pycond_mentions(const struct pycond *pc, const char *s, size_t n);

#endif
