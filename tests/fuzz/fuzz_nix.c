/* fuzz_nix.c - libFuzzer target: the Nix lexer, parser and input reader
 *
 * Any bytes must scan without a crash, a hang, a leak or undefined
 * behaviour; every package must have an id, and every input must belong
 * to one of the packages and sit on a line of the input.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/declared.h"
#include "core/scan.h"
#include "scanners/scanners.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct scan_ctx *ctx = scan_ctx_new();
	struct file_view fv = {NULL, "fuzz.nix", (const char *)data, size};
	const struct declared_pkg *pkgs;
	const struct requirement *reqs;
	unsigned lines = 1;
	size_t i, k, npkgs, nreqs;

	for (i = 0; i < size; i++) {
		if (data[i] == '\n')
			lines++;
	}
	scanner_nix.scan(ctx, &fv);
	pkgs = scan_packages(ctx, &npkgs);
	reqs = scan_requirements(ctx, &nreqs);
	for (i = 0; i < npkgs; i++) {
		if (!pkgs[i].id || pkgs[i].line < 1 || pkgs[i].line > lines)
			abort();
	}
	for (i = 0; i < nreqs; i++) {
		if (reqs[i].line < 1 || reqs[i].line > lines || !reqs[i].raw)
			abort();
		for (k = 0; k < npkgs; k++) {
			if (!strcmp(pkgs[k].id, reqs[i].package))
				break;
		}
		if (k == npkgs)
			abort();
	}
	scan_ctx_free(ctx);
	return 0;
}
