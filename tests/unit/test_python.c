/* test_python.c - the Python import scanner through its contract */
#include "core/scan.h"
#include "core/strbuf.h"
#include "scanners/pylex.h"
#include "scanners/scanners.h"
#include "tests/unit/t.h"

static const struct import *
scan(struct scan_ctx *ctx, const char *path, const char *src, size_t *n)
{
	struct file_view fv = {NULL, path, src, strlen(src)};

	scan_ctx_reset(ctx);
	T_INTEQ(scanner_python.scan(ctx, &fv), 0);
	return scan_imports(ctx, n);
}

static void
test_pick(void)
{
	T_TRUE(scanner_pick(SCAN_IMPORTS, "a/b.py") == &scanner_python);
	T_TRUE(scanner_pick(SCAN_IMPORTS, "a/b.pyi") == &scanner_python);
	T_TRUE(scanner_pick(SCAN_IMPORTS, "a/b.pyc") == NULL);
	T_TRUE(scanner_pick(SCAN_IMPORTS, "py") == NULL);
	T_TRUE(scanner_find("python") == &scanner_python);
}

static void
test_basic(struct scan_ctx *ctx)
{
	size_t n, nd;
	const struct import *imp;

	imp = scan(ctx, "m.py", "from ..a.b import (c as d, e,)\n", &n);
	T_INTEQ(n, 1);
	T_INTEQ(imp[0].kind, IMPORT_FROM);
	T_STREQ(imp[0].module, "a.b");
	T_INTEQ(imp[0].level, 2);
	T_INTEQ(imp[0].nnames, 2);
	T_STREQ(imp[0].names[0], "c");
	T_STREQ(imp[0].names[1], "e");

	imp = scan(ctx, "tests/x.py", "def f():\n    import a\n", &n);
	T_INTEQ(n, 1);
	T_INTEQ(imp[0].flags, IMPORT_FUNCTION | IMPORT_TEST);
	T_INTEQ(imp[0].line, 2);

	/* A broken file still yields what can be read, with one warning. */
	imp = scan(ctx, "x.py", "print 'a'\nimport b\nx = (\n", &n);
	T_INTEQ(n, 1);
	T_STREQ(imp[0].module, "b");
	scan_diags(ctx, &nd);
	T_INTEQ(nd, 1);

	imp = scan(ctx, "x.py", "", &n);
	T_INTEQ(n, 0);
	imp = scan(ctx, "x.py", "import", &n);
	T_INTEQ(n, 0);
	scan_diags(ctx, &nd);
	T_INTEQ(nd, 1);
}

/* Thousands of imports in one file: linear, and every one found. */
static void
test_many(struct scan_ctx *ctx)
{
	struct strbuf sb = STRBUF_INIT;
	const struct import *imp;
	size_t n;
	int i;

	strbuf_addstr(&sb, "try:\n");
	for (i = 0; i < 100000; i++)
		strbuf_addf(&sb, "    import m%d\n", i);
	strbuf_addstr(&sb, "except ImportError:\n    pass\n");
	imp = scan(ctx, "many.py", sb.buf, &n);
	T_INTEQ(n, 100000);
	T_STREQ(imp[99999].module, "m99999");
	T_INTEQ(imp[99999].flags, IMPORT_TRY);
	strbuf_release(&sb);
}

static void
test_string_value(void)
{
	static const struct {
		const char *lit;
		const char *value; /* NULL: no value */
	} cases[] = {
		{"'a'", "a"},
		{"\"a\\x62c\\u0064\\U00000065\\146\"", "abcdef"},
		{"r'a\\x62'", "a\\x62"},
		{"'''a\nb'''", "a\nb"},
		{"'a\\\nb'", "ab"},
		{"b'a'", NULL},
		{"'a\\N{BULLET}'", NULL},
		{"'\\q'", "\\q"},
		{"u'\\xe9'", "\xc3\xa9"},
		{"'unterminated", NULL},
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct pylex lx;
		struct scan_ctx *ctx = scan_ctx_new();
		struct strbuf sb = STRBUF_INIT;
		bool ok;

		pylex_init(&lx, ctx, cases[i].lit, strlen(cases[i].lit));
		T_TRUE(pylex_line(&lx));
		T_INTEQ(lx.toks[0].type, PYTOK_STRING);
		ok = pylex_string_value(&lx.toks[0], &sb);
		if (cases[i].value) {
			T_TRUE(ok);
			T_STREQ(strbuf_str(&sb), cases[i].value);
		} else {
			T_TRUE(!ok);
		}
		pylex_release(&lx);
		strbuf_release(&sb);
		scan_ctx_free(ctx);
	}
}

/* The literal parts of f-strings reach the readers as tokens. */
static void
test_fstring_tokens(void)
{
	static const char src[] = "f'a{b!r:>{w}}c'\n";
	static const unsigned char want[] = {
		PYTOK_FSTART,  PYTOK_FMIDDLE, PYTOK_OP, PYTOK_NAME,
		PYTOK_OP,      PYTOK_NAME,    PYTOK_OP, PYTOK_FMIDDLE,
		PYTOK_OP,      PYTOK_NAME,    PYTOK_OP, PYTOK_OP,
		PYTOK_FMIDDLE, PYTOK_FEND,
	};
	struct scan_ctx *ctx = scan_ctx_new();
	struct pylex lx;
	size_t i;

	pylex_init(&lx, ctx, src, sizeof(src) - 1);
	T_TRUE(pylex_line(&lx));
	T_INTEQ(lx.ntoks, sizeof(want));
	for (i = 0; i < sizeof(want); i++)
		T_INTEQ(lx.toks[i].type, want[i]);
	T_INTEQ(lx.toks[4].op, PYOP_BANG);
	T_INTEQ(lx.toks[6].op, PYOP_FSPEC);
	T_TRUE(!pylex_line(&lx));
	pylex_release(&lx);
	scan_ctx_free(ctx);
}

int
main(void)
{
	struct scan_ctx *ctx = scan_ctx_new();

	test_pick();
	test_basic(ctx);
	test_many(ctx);
	test_string_value();
	test_fstring_tokens();
	scan_ctx_free(ctx);
	return t_done("python");
}
