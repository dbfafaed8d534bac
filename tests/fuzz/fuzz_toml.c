/* fuzz_toml.c - libFuzzer target: the TOML reader and pyproject.toml
 *
 * Any bytes must parse or fail without a crash, a leak or undefined
 * behaviour; a failure names a line of the input, and every value of a
 * parsed document sits on one, as does every package the pyproject.toml
 * reader declares and every build setting it records.  A file it names
 * as a package's declaration (dynamic dependencies) is a plain relative
 * path that stays in the package's directory, and belongs to a package.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/declared.h"
#include "core/scan.h"
#include "core/ship.h"
#include "core/strbuf.h"
#include "scanners/scanners.h"
#include "scanners/toml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Walk the tree without recursion, checking every line. */
static void
check(const struct toml_value *root, unsigned lines)
{
	const struct toml_value **stack;
	size_t n = 0, cap = 1024;

	stack = malloc(cap * sizeof(*stack));
	if (!stack)
		abort();
	stack[n++] = root;
	while (n) {
		const struct toml_value *v = stack[--n], *m;

		if (v->line < 1 || v->line > lines)
			abort();
		for (m = v->first; m; m = m->next) {
			if (n == cap) {
				cap *= 2;
				stack = realloc(stack, cap * sizeof(*stack));
				if (!stack)
					abort();
			}
			stack[n++] = m;
		}
	}
	free(stack);
}

/* Whether path is relative and has no empty, "." or ".." part. */
static bool
plain_path(const char *path)
{
	const char *p = path;

	if (!*p || *p == '/')
		return false;
	while (*p) {
		size_t n = strcspn(p, "/");

		if (!n || (n == 1 && p[0] == '.') ||
		    (n == 2 && p[0] == '.' && p[1] == '.'))
			return false;
		p += n;
		if (*p == '/' && !*++p)
			return false;
	}
	return true;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena arena = ARENA_INIT;
	struct strbuf msg = STRBUF_INIT;
	struct toml_error err = {0, 0, &msg};
	struct file_view fv = {NULL, "pyproject.toml", (const char *)data,
			       size};
	struct toml_value *root;
	const struct declared_pkg *pkgs;
	const struct scan_include *incs;
	struct scan_ctx *ctx;
	unsigned lines = 1;
	size_t i, j, n;

	for (i = 0; i < size; i++)
		lines += data[i] == '\n';
	if (toml_parse(&arena, (const char *)data, size, &root, &err)) {
		if (err.line < 1 || err.line > lines || !msg.len)
			abort();
	} else {
		check(root, lines);
	}
	strbuf_release(&msg);
	arena_release(&arena);
	ctx = scan_ctx_new();
	scanner_pyproject.scan(ctx, &fv);
	pkgs = scan_packages(ctx, &n);
	for (i = 0; i < n; i++) {
		if (pkgs[i].line < 1 || pkgs[i].line > lines)
			abort();
		for (j = 0; j < pkgs[i].nship; j++) {
			const struct ship_setting *s = &pkgs[i].ship[j];

			if (s->line < 1 || s->line > lines ||
			    (!s->value && s->key != SHIP_FIND))
				abort();
		}
	}
	incs = scan_includes(ctx, &n);
	for (i = 0; i < n; i++) {
		if (incs[i].line < 1 || incs[i].line > lines ||
		    !plain_path(incs[i].path) || !incs[i].owner.package)
			abort();
	}
	scan_ctx_free(ctx);
	return 0;
}
