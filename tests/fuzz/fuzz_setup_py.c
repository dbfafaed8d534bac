/* fuzz_setup_py.c - libFuzzer target: setup.py read statically
 *
 * Any bytes must scan without a crash, a leak or undefined behaviour, and
 * every requirement found must sit on a line of the input.
 */
#include <stdint.h>
#include <stdlib.h>

#include "core/declared.h"
#include "core/scan.h"
#include "tests/fuzz/fuzz.h"
#include "scanners/scanners.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct scan_ctx *ctx = scan_ctx_new();
	struct file_view fv = {NULL, "setup.py", (const char *)data, size};
	const struct requirement *reqs;
	unsigned lines = fuzz_python_lines(data, size);
	size_t i, n;

	scanner_setup_py.scan(ctx, &fv);
	reqs = scan_requirements(ctx, &n);
	for (i = 0; i < n; i++) {
		if (reqs[i].line > lines || !reqs[i].raw)
			abort();
	}
	scan_ctx_free(ctx);
	return 0;
}
