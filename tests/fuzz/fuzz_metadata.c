/* fuzz_metadata.c - libFuzzer target: METADATA, requirements, setup.cfg
 *
 * The line-based readers share the input: any bytes must scan without a
 * crash, a leak or undefined behaviour, and every requirement found must
 * sit on a line of the input.
 */
#include <stdint.h>
#include <stdlib.h>

#include "core/declared.h"
#include "core/scan.h"
#include "scanners/scanners.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
run(const struct scanner *s, const char *path, const uint8_t *data, size_t size,
    unsigned lines)
{
	struct scan_ctx *ctx = scan_ctx_new();
	struct file_view fv = {NULL, path, (const char *)data, size};
	const struct requirement *reqs;
	size_t i, n;

	s->scan(ctx, &fv);
	reqs = scan_requirements(ctx, &n);
	for (i = 0; i < n; i++) {
		if (reqs[i].line < 1 || reqs[i].line > lines || !reqs[i].raw)
			abort();
	}
	scan_ctx_free(ctx);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned lines = 1;
	size_t i;

	for (i = 0; i < size; i++)
		lines += data[i] == '\n';
	run(&scanner_metadata, "METADATA", data, size, lines);
	run(&scanner_requirements, "requirements.txt", data, size, lines);
	run(&scanner_setup_cfg, "setup.cfg", data, size, lines);
	return 0;
}
