/* fuzz_pep508.c - libFuzzer target: PEP 508 requirements and markers
 *
 * Any bytes must parse or fail without a crash, a leak or undefined
 * behaviour; a failure names an offset inside the input, and a parsed
 * requirement has a valid name.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/pep503.h"
#include "core/pep508.h"
#include "core/strbuf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct pep508_env env = PEP508_ENV_DEFAULT;
	struct arena arena = ARENA_INIT;
	struct strbuf err = STRBUF_INIT;
	const char *s = (const char *)data;
	struct pep508 p;
	size_t col = 0;

	if (pep508_parse(&arena, s, size, &env, &p, &err, &col)) {
		if (col > size || !err.len)
			abort();
	} else if (!pep503_valid(p.name, strlen(p.name))) {
		abort();
	}
	strbuf_reset(&err);
	col = 0;
	if (pep508_marker_eval(s, size, &env, "test", &err, &col) < 0 &&
	    (col > size || !err.len))
		abort();
	pep508_version_cmp(s, size / 2, s + size / 2, size - size / 2);
	strbuf_release(&err);
	arena_release(&arena);
	return 0;
}
