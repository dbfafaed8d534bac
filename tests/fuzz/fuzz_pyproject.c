/* fuzz_pyproject.c - libFuzzer target: pyproject.toml read as a declaration
 *
 * Any bytes must scan without a crash, a leak or undefined behaviour, and
 * every requirement and package found must sit on a line of the input.
 */
#include <stdint.h>
#include <stdlib.h>

#include "core/declared.h"
#include "core/scan.h"
#include "scanners/scanners.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct scan_ctx *ctx = scan_ctx_new();
	struct file_view fv = {NULL, "pyproject.toml", (const char *)data,
			       size};
	const struct declared_pkg *pkgs;
	const struct requirement *reqs;
	unsigned lines = 1; /* as any reader counts them: at most this */
	size_t i, n;

	for (i = 0; i < size; i++)
		lines += data[i] == '\n' || data[i] == '\r';
	scanner_pyproject.scan(ctx, &fv);
	reqs = scan_requirements(ctx, &n);
	for (i = 0; i < n; i++) {
		if (reqs[i].line > lines || !reqs[i].raw)
			abort();
	}
	pkgs = scan_packages(ctx, &n);
	for (i = 0; i < n; i++) {
		if (pkgs[i].line > lines || !pkgs[i].id)
			abort();
	}
	scan_ctx_free(ctx);
	return 0;
}
