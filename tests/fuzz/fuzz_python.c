/* fuzz_python.c - libFuzzer target: the Python lexer and import extractor
 *
 * Any bytes must scan without a crash, a leak or undefined behaviour,
 * every import found must sit on a line of the input, and skimming the
 * lines that hold no import must change nothing: the imports and the
 * diagnostics are the same when every line is lexed in full.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/scan.h"
#include "tests/fuzz/fuzz.h"
#include "scanners/scanners.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool
same_str(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

static bool
same_import(const struct import *a, const struct import *b)
{
	size_t i;

	if (!same_str(a->module, b->module) || a->nnames != b->nnames ||
	    a->line != b->line || a->level != b->level ||
	    a->flags != b->flags || a->kind != b->kind ||
	    !same_str(a->ignore, b->ignore))
		return false;
	for (i = 0; i < a->nnames; i++) {
		if (!same_str(a->names[i], b->names[i]))
			return false;
	}
	return true;
}

/* Abort unless the two scans found the same. */
static void
compare(const struct scan_ctx *a, const struct scan_ctx *b)
{
	const struct import *ia, *ib;
	const struct scan_diag *da, *db;
	size_t na, nb, i;

	ia = scan_imports(a, &na);
	ib = scan_imports(b, &nb);
	if (na != nb)
		abort();
	for (i = 0; i < na; i++) {
		if (!same_import(&ia[i], &ib[i]))
			abort();
	}
	da = scan_diags(a, &na);
	db = scan_diags(b, &nb);
	if (na != nb)
		abort();
	for (i = 0; i < na; i++) {
		if (da[i].level != db[i].level || da[i].line != db[i].line ||
		    da[i].col != db[i].col || !same_str(da[i].msg, db[i].msg))
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct scan_ctx *ctx = scan_ctx_new(), *full = scan_ctx_new();
	struct file_view fv = {NULL, "fuzz.py", (const char *)data, size};
	const struct import *imps;
	unsigned lines = fuzz_python_lines(data, size);
	size_t i, n;

	scan_ctx_set_skim(ctx, true);
	scanner_python.scan(ctx, &fv);
	imps = scan_imports(ctx, &n);
	for (i = 0; i < n; i++) {
		/* A coding cookie may re-encode the text, never add lines. */
		if (imps[i].line < 1 || imps[i].line > lines)
			abort();
		if (!imps[i].module || (imps[i].nnames && !imps[i].names))
			abort();
	}
	scan_ctx_set_skim(full, false);
	scanner_python.scan(full, &fv);
	compare(ctx, full);
	scan_ctx_free(ctx);
	scan_ctx_free(full);
	return 0;
}
