/* fuzz_python.c - libFuzzer target: the Python lexer and import extractor
 *
 * Any bytes must scan without a crash, a leak or undefined behaviour, and
 * every import found must sit on a line of the input.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/scan.h"
#include "scanners/scanners.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct scan_ctx *ctx = scan_ctx_new();
	struct file_view fv = {NULL, "fuzz.py", (const char *)data, size};
	const struct import *imps;
	unsigned lines = 1;
	size_t i, n;

	for (i = 0; i < size; i++) {
		if (data[i] == '\n' ||
		    (data[i] == '\r' && (i + 1 == size || data[i + 1] != '\n')))
			lines++;
	}
	scanner_python.scan(ctx, &fv);
	imps = scan_imports(ctx, &n);
	for (i = 0; i < n; i++) {
		/* A coding cookie may re-encode the text, never add lines. */
		if (imps[i].line < 1 || imps[i].line > lines)
			abort();
		if (!imps[i].module || (imps[i].nnames && !imps[i].names))
			abort();
	}
	scan_ctx_free(ctx);
	return 0;
}
