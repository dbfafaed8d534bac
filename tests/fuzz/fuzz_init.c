/* fuzz_init.c - what every libFuzzer target does once, before its runs,
 * and what the targets share (fuzz.h) */
#include <stdbool.h>
#include <stdlib.h>

#include "core/declared.h"
#include "core/diag.h"
#include "core/scan.h"
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	diag_set_quiet(true); /* the inputs are bad by design */
	return 0;
}

unsigned
fuzz_python_lines(const uint8_t *data, size_t size)
{
	unsigned lines = 1;
	size_t i;

	for (i = 0; i < size; i++) {
		if (data[i] == '\n' ||
		    (data[i] == '\r' && (i + 1 == size || data[i + 1] != '\n')))
			lines++;
	}
	return lines;
}

void
fuzz_declaration(const struct scanner *sc, const char *name,
		 const uint8_t *data, size_t size)
{
	struct scan_ctx *ctx = scan_ctx_new();
	struct file_view fv = {NULL, name, (const char *)data, size};
	const struct declared_pkg *pkgs;
	const struct requirement *reqs;
	unsigned lines = 1; /* as any reader counts them: at most this */
	size_t i, n;

	for (i = 0; i < size; i++)
		lines += data[i] == '\n' || data[i] == '\r';
	sc->scan(ctx, &fv);
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
}
