/* pyversion.c - a package's version as a Python file states it
 *
 * Many setup.py files read their version from a file at build time:
 * Dagster's get_version() exec()s dagster/version.py, others match a
 * regular expression over it.  A scanner sees one file, so the work is
 * split in two.  scanners/setup_py.c emits the package with no version
 * and an include of the file a string literal of setup.py names
 * ("dagster/version.py"), with this scanner as its reader; the driver
 * follows the include.  This scanner reads such a file, and any
 * version.py, _version.py or __version__.py met in a tree: the first
 * module-level `__version__ = "..."` (or `VERSION`, `version`) with a
  * string literal value is the version of a package whose id is the
 * file's path.  Nothing else in the file is evaluated, and a file
 * without such a line is no problem: the version stays unknown.
 */
#include <stdbool.h>
#include <string.h>

#include "core/arena.h"
#include "core/declared.h"
#include "core/scan.h"
#include "core/strbuf.h"
#include "scanners/pylex.h"
#include "scanners/scanners.h"

static int
pyversion_bid(const char *path)
{
	const char *base = scanner_base_name(path);

	if (!strcmp(base, "version.py") || !strcmp(base, "_version.py") ||
	    !strcmp(base, "__version__.py"))
		return 10;
	return 0;
}

static bool
is_version_name(const struct pytok *t)
{
	return t->type == PYTOK_NAME &&
	       (pylex_name_is(t, "__version__") ||
		pylex_name_is(t, "VERSION") || pylex_name_is(t, "version"));
}

static int
pyversion_scan(struct scan_ctx *ctx, const struct file_view *fv)
{
	struct strbuf val = STRBUF_INIT;
	struct declared_pkg pkg;
	struct pylex lx;
	bool found = false;

	memset(&pkg, 0, sizeof(pkg));
	pkg.id = arena_strdup(scan_arena(ctx), fv->path);
	pkg.format = "version";
	pkg.builder = "__version__";
	pkg.line = 1;
	pylex_init(&lx, ctx, fv->data, fv->len);
	while (!found && pylex_line(&lx)) {
		const struct pytok *t = lx.toks;
		size_t k = 1;

		if (lx.line_indent != 0 || lx.ntoks < 3 ||
		    !is_version_name(&t[0]))
			continue;
		/* __version__: str = "..." */
		if (t[1].type == PYTOK_OP && t[1].op == PYOP_COLON) {
			for (k = 2; k < lx.ntoks && !(t[k].type == PYTOK_OP &&
						      t[k].op == PYOP_EQ);
			     k++)
				;
		}
		if (k + 2 != lx.ntoks || t[k].type != PYTOK_OP ||
		    t[k].op != PYOP_EQ || t[k + 1].type != PYTOK_STRING)
			continue;
		strbuf_reset(&val);
		if (!pylex_string_value(&t[k + 1], &val))
			continue;
		pkg.version = arena_strndup(scan_arena(ctx), strbuf_str(&val),
					    val.len);
		pkg.version_line = t[0].line;
		pkg.line = t[0].line;
		found = true;
	}
	pylex_release(&lx);
	strbuf_release(&val);
	/* Many a version.py holds no literal (a version class, a module
	 * of helpers): nothing to say about it. */
	scan_emit_package(ctx, &pkg);
	return 0;
}

const struct scanner scanner_pyversion = {
	.name = "version",
	.kind = SCAN_DECLARED,
	.bid = pyversion_bid,
	.scan = pyversion_scan,
};
