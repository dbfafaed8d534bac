/* test_nix.c - the Nix lexer, parser limits and the nix scanner's model */
#include "scanners/nixlex.h"

#include <stdio.h>
#include <string.h>

#include "core/declared.h"
#include "core/scan.h"
#include "core/strbuf.h"
#include "scanners/nixparse.h"
#include "scanners/scanners.h"
#include "tests/unit/t.h"

/* The tokens of src as "type:text" words, joined by spaces. */
static const char *
lex(struct scan_ctx *ctx, const char *src)
{
	static struct strbuf out = STRBUF_INIT;
	struct nixlex lx;
	struct nixtok t;

	strbuf_reset(&out);
	nixlex_init(&lx, ctx, src, strlen(src));
	while (nixlex_next(&lx, &t) != NIXT_EOF) {
		if (out.len)
			strbuf_addch(&out, ' ');
		if (t.type == NIXT_ERROR) {
			strbuf_addstr(&out, "ERROR");
			continue;
		}
		if (t.type < 128) {
			strbuf_addch(&out, (char)t.type);
			continue;
		}
		strbuf_addf(&out, "%s:%.*s",
			    t.type == NIXT_PART ? "part"
						: nixlex_type_name(t.type),
			    (int)t.len, src + t.off);
	}
	nixlex_release(&lx);
	return strbuf_str(&out);
}

static void
test_tokens(void)
{
	struct scan_ctx *ctx = scan_ctx_new();
	size_t n;

	T_STREQ(lex(ctx, "a-b'c ++ d // e -> f ... == != <= >= && ||"),
		"identifier:a-b'c '++':++ identifier:d '//':// identifier:e "
		"'->':-> identifier:f '...':... '==':== '!=':!= '<=':<= "
		"'>=':>= '&&':&& '||':||");
	T_STREQ(lex(ctx, "if then else assert with let in rec inherit or"),
		"'if':if 'then':then 'else':else 'assert':assert "
		"'with':with 'let':let 'in':in 'rec':rec "
		"'inherit':inherit 'or':or");
	T_STREQ(lex(ctx, "12 .5 1. 1.5e3 01.5 1e3"),
		"integer:12 float:.5 float:1. float:1.5e3 integer:01 "
		"float:.5 integer:1 identifier:e3");
	T_STREQ(lex(ctx, "./a/b a/b /abs ~/x <nixpkgs/lib> a.b"),
		"path:./a/b path:a/b path:/abs path:~/x <path>:<nixpkgs/lib> "
		"identifier:a . identifier:b");
	T_STREQ(lex(ctx, "https://x.org/a?b=c x:x x: y"),
		"URI:https://x.org/a?b=c URI:x:x identifier:x : "
		"identifier:y");
	T_STREQ(lex(ctx, "./a/${x}/b c"),
		"path:./a/ '${':${ identifier:x '}':} part:/b "
		"end of path: identifier:c");
	T_STREQ(lex(ctx, "a # comment\n/* block\n */ b"),
		"identifier:a identifier:b");
	T_STREQ(lex(ctx, "{ x = \"a${y}b\"; }"),
		"{ identifier:x = '\"':\" part:a '${':${ identifier:y '}':} "
		"part:b '\"':\" ; }");
	T_STREQ(lex(ctx, "\"${ { a = 1; }.a }\""),
		"'\"':\" '${':${ { identifier:a = integer:1 ; } . "
		"identifier:a '}':} '\"':\"");
	T_STREQ(lex(ctx, "''a ''${x} '''b ''\\n ${y}''"),
		"'''':'' part:a ''${x} '''b ''\\n  '${':${ identifier:y "
		"'}':} '''':''");
	T_STREQ(lex(ctx, "\"$${x} \\${y} $\""),
		"'\"':\" part:$${x} \\${y} $ '\"':\"");
	scan_diags(ctx, &n);
	T_INTEQ(n, 0);
	scan_ctx_free(ctx);
}

static void
test_unescape(void)
{
	struct strbuf sb = STRBUF_INIT;

	nixlex_unescape(&sb, NIXPART_STR, "a\\n\\t\\\"\\\\\\${x}\\q", 16);
	T_STREQ(strbuf_str(&sb), "a\n\t\"\\${x}q");
	strbuf_reset(&sb);
	nixlex_unescape(&sb, NIXPART_IND, "''$ ''' ''\\t ''\\x '", 19);
	T_STREQ(strbuf_str(&sb), "$ '' \t x '");
	strbuf_reset(&sb);
	nixlex_unescape(&sb, NIXPART_STR, "a\r\nb\rc", 7);
	T_STREQ(strbuf_str(&sb), "a\nb\nc");
	strbuf_release(&sb);
}

static void
test_errors(void)
{
	struct scan_ctx *ctx = scan_ctx_new();
	const struct scan_diag *d;
	size_t n;

	T_STREQ(lex(ctx, "x = \n  \"abc"), "identifier:x = '\"':\" ERROR");
	d = scan_diags(ctx, &n);
	T_INTEQ(n, 1);
	T_INTEQ(d[0].line, 2);
	T_INTEQ(d[0].col, 3);
	T_STREQ(d[0].msg, "unterminated string");
	scan_ctx_reset(ctx);
	T_STREQ(lex(ctx, "a /* b"), "identifier:a ERROR");
	d = scan_diags(ctx, &n);
	T_STREQ(d[0].msg, "unterminated comment");
	scan_ctx_reset(ctx);
	T_STREQ(lex(ctx, "''a\n''\\"), "'''':'' part:a\n ERROR");
	d = scan_diags(ctx, &n);
	T_STREQ(d[0].msg, "unterminated indented string");
	scan_ctx_reset(ctx);
	T_STREQ(lex(ctx, "a % b"), "identifier:a ERROR");
	scan_ctx_reset(ctx);
	T_STREQ(lex(ctx, "./a/"), "ERROR");
	d = scan_diags(ctx, &n);
	T_STREQ(d[0].msg, "path './a/' has a trailing slash");
	scan_ctx_reset(ctx);
	T_STREQ(lex(ctx, "\"\\q\""), "'\"':\" part:\\q '\"':\"");
	d = scan_diags(ctx, &n);
	T_INTEQ(n, 1);
	T_TRUE(d[0].level == DIAG_WARNING);
	scan_ctx_free(ctx);
}

/* Parse src; return whether it parsed, with the first message. */
static int
parse(const char *src, size_t len, const char **msg)
{
	struct scan_ctx *ctx = scan_ctx_new();
	const struct scan_diag *d;
	static char first[256];
	size_t n;
	int ok;

	ok = nixparse(ctx, scan_arena(ctx), src, len) != NULL;
	d = scan_diags(ctx, &n);
	snprintf(first, sizeof(first), "%s", n ? d[0].msg : "");
	*msg = first;
	scan_ctx_free(ctx);
	return ok;
}

static void
test_parser(void)
{
	static const char *const valid[] = {
		"{ a, b ? 1, ... }@args: a",
		"args@{ a }: a",
		"{ }: 1",
		"x: y: x.y.z or y",
		"let a = 1; inherit (b) c d; \"e f\".g = 2; in a",
		"rec { a.b = 1; a.c = 2; ${x} = 3; }",
		"with a; assert b; if c then [ d (e f) ] else { }",
		"!a + b * -c ++ d ? e.f // g == h -> i || j && k < l",
		"f { } [ ] ./p <q> \"s\" ''t'' 1 2.5",
		"let { body = 1; }",
	};
	const char *msg;
	char *deep;
	size_t i;

	for (i = 0; i < DP_ARRAY_LEN(valid); i++) {
		if (!parse(valid[i], strlen(valid[i]), &msg))
			T_FAIL("'%s' does not parse: %s", valid[i], msg);
	}
	T_TRUE(!parse("{ a = 1 }", 9, &msg));
	T_STREQ(msg, "syntax error: unexpected '}', expecting ';'");
	T_TRUE(!parse("{ a, a }: a", 11, &msg));
	T_STREQ(msg, "duplicate formal function argument 'a'");
	T_TRUE(!parse("[ 1", 3, &msg));
	deep = malloc(100001);
	memset(deep, '[', 100000);
	T_TRUE(!parse(deep, 100000, &msg));
	T_STREQ(msg, "nesting deeper than 256 levels");
	memset(deep, '(', 100000);
	T_TRUE(!parse(deep, 100000, &msg));
	T_STREQ(msg, "nesting deeper than 256 levels");
	free(deep);
}

static struct scan_ctx *
scan(const char *src)
{
	struct scan_ctx *ctx = scan_ctx_new();
	struct file_view fv = {NULL, "t.nix", src, strlen(src)};

	scanner_nix.scan(ctx, &fv);
	return ctx;
}

static const struct requirement *
find_req(struct scan_ctx *ctx, const char *pkg, const char *raw)
{
	const struct requirement *r;
	size_t n, i;

	r = scan_requirements(ctx, &n);
	for (i = 0; i < n; i++) {
		if (!strcmp(r[i].package, pkg) && !strcmp(r[i].raw, raw))
			return &r[i];
	}
	T_FAIL("no requirement '%s' of '%s'", raw, pkg);
	return NULL;
}

static void
test_model(void)
{
	static const char src[] =
		"{ lib, fetchFromGitHub, runCommand, buildEnv, ps, stdenv }:\n"
		"let\n"
		"  version = \"2.0\";\n"
		"  top = fetchFromGitHub {\n"
		"    owner = \"o\";\n"
		"    repo = \"r\";\n"
		"    rev = \"v${version}\";\n"
		"    hash = lib.fakeHash;\n"
		"  };\n"
		"  base = ps.buildPythonPackage {\n"
		"    pname = \"Base_Lib\";\n"
		"    inherit version;\n"
		"    src = runCommand \"s\" { } ''\n"
		"      mkdir -p $out\n"
		"      cp -r ${top}/libs/base/ $out\n"
		"    '';\n"
		"  };\n"
		"  app = ps.buildPythonApplication rec {\n"
		"    pname = \"app\";\n"
		"    version = \"3.0\";\n"
		"    src = top;\n"
		"    sourceRoot = \"${top.name}/apps/app\";\n"
		"    dependencies = [ base ps.foo_bar ]\n"
		"      ++ lib.optionals stdenv.isDarwin [ ps.mac ]\n"
		"      ++ (import ./x.nix);\n"
		"    optional-dependencies.cli = [ ps.click ];\n"
		"    pythonImportsCheck = [ \"app\" \"app.${pname}\" ];\n"
		"    pythonRelaxDeps = true;\n"
		"  };\n"
		"in buildEnv { name = \"all\"; paths = [ base app ps.extra ]; "
		"}\n";
	struct scan_ctx *ctx = scan(src);
	const struct declared_pkg *p;
	const struct requirement *r;
	size_t n;

	p = scan_packages(ctx, &n);
	T_INTEQ(n, 3);
	T_STREQ(p[0].id, "base");
	T_STREQ(p[0].name, "Base_Lib");
	T_STREQ(p[0].version, "2.0");
	T_INTEQ(p[0].version_line, 12);
	T_STREQ(p[0].src.fetcher, "runCommand");
	T_STREQ(p[0].src.subdir, "libs/base");
	T_STREQ(p[0].src.from, "top");
	T_STREQ(p[0].src.rev, "v2.0");
	T_INTEQ(p[0].src.rev_line, 7);
	T_STREQ(p[0].src.hash, "lib.fakeHash");
	T_INTEQ(p[0].src.hash_line, 8);
	T_STREQ(p[1].id, "app");
	T_STREQ(p[1].builder, "buildPythonApplication");
	T_STREQ(p[1].version, "3.0");
	T_STREQ(p[1].src.fetcher, "fetchFromGitHub");
	T_STREQ(p[1].src.subdir, "apps/app");
	T_STREQ(p[1].src.from, "top");
	T_INTEQ(p[1].nimports_check, 2);
	T_STREQ(p[1].imports_check[1], "app.app");
	T_INTEQ(p[1].nrelax_deps, 1);
	T_STREQ(p[1].relax_deps[0], "*");
	T_STREQ(p[2].builder, "buildEnv");
	T_STREQ(p[2].id, "all");
	T_INTEQ(p[2].nmembers, 2);
	T_STREQ(p[2].members[0], "base");
	T_STREQ(p[2].members[1], "app");

	r = find_req(ctx, "app", "base");
	T_STREQ(r->attr, "base");
	T_STREQ(r->key, "base-lib");
	T_TRUE(r->kind == REQ_RUNTIME && r->flags == REQ_NIX_PYTHON);
	T_INTEQ(r->line, 23);
	T_INTEQ(r->col, 22);
	r = find_req(ctx, "app", "ps.foo_bar");
	T_STREQ(r->attr, "foo_bar");
	T_STREQ(r->key, "foo-bar");
	r = find_req(ctx, "app", "ps.mac");
	T_TRUE(r->flags == REQ_CONDITIONAL);
	r = find_req(ctx, "app", "(import ./x.nix)");
	T_TRUE(r->flags == REQ_NOT_EVALUATED && !r->attr && !r->key);
	r = find_req(ctx, "app", "ps.click");
	T_TRUE(r->kind == REQ_OPTIONAL);
	T_STREQ(r->group, "cli");
	r = find_req(ctx, "all", "ps.extra");
	T_STREQ(r->attr, "extra");
	scan_requirements(ctx, &n);
	T_INTEQ(n, 8); /* and the setuptools of each default format */
	scan_ctx_free(ctx);
}

/* Hooks and tools, outputs, and the package set an input comes from. */
static void
test_package_sets(void)
{
	static const char src[] =
		"{ lib, pkgs, buildPackages, rustPlatform, python3, stdenv,\n"
		"  python3Packages, buildPythonPackage, pytestCheckHook,\n"
		"  ffmpeg, dbus, libxml2 }:\n"
		"let\n"
		"  core = buildPythonPackage { pname = \"core\"; format = "
		"\"wheel\"; };\n"
		"in buildPythonPackage {\n"
		"  pname = \"app\";\n"
		"  pyproject = true;\n"
		"  nativeBuildInputs = [ rustPlatform.maturinBuildHook\n"
		"    buildPackages.gitMinimal pkgs.pkgsBuildHost.cmake ];\n"
		"  buildInputs = [ ffmpeg dbus.out libxml2.dev pkgs.zlib.dev\n"
		"    stdenv.cc.cc.lib (pkgs.foo.override { }).out ];\n"
		"  dependencies = [ core.dist python3Packages.numpy.out\n"
		"    python3.pkgs.attrs pkgs.python3Packages.six pkgs.out\n"
		"    pkgs.protobuf ];\n"
		"  nativeCheckInputs = [ pytestCheckHook ];\n"
		"}\n";
	static const struct {
		const char *raw, *attr, *key;
		unsigned flags;
	} want[] = {
		{"rustPlatform.maturinBuildHook", "maturinBuildHook",
		 "maturinbuildhook", REQ_NIX_TOPLEVEL},
		{"buildPackages.gitMinimal", "gitMinimal", "gitminimal",
		 REQ_NIX_TOPLEVEL},
		{"pkgs.pkgsBuildHost.cmake", "cmake", "cmake",
		 REQ_NIX_TOPLEVEL},
		{"ffmpeg", "ffmpeg", "ffmpeg", 0},
		{"dbus.out", "dbus", "dbus", 0},
		{"libxml2.dev", "libxml2", "libxml2", 0},
		{"pkgs.zlib.dev", "zlib", "zlib", REQ_NIX_TOPLEVEL},
		{"stdenv.cc.cc.lib", "cc", "cc", REQ_NIX_TOPLEVEL},
		{"(pkgs.foo.override { }).out", NULL, NULL, REQ_NOT_EVALUATED},
		{"core.dist", "core", "core", REQ_NIX_PYTHON},
		{"python3Packages.numpy.out", "numpy", "numpy", REQ_NIX_PYTHON},
		{"python3.pkgs.attrs", "attrs", "attrs", REQ_NIX_PYTHON},
		{"pkgs.python3Packages.six", "six", "six", REQ_NIX_PYTHON},
		{"pkgs.out", "pkgs", "pkgs", 0},
		{"pkgs.protobuf", "protobuf", "protobuf", REQ_NIX_TOPLEVEL},
		{"pytestCheckHook", "pytestCheckHook", "pytestcheckhook", 0},
	};
	struct scan_ctx *ctx = scan(src);
	const struct requirement *r;
	size_t n, i;

	for (i = 0; i < DP_ARRAY_LEN(want); i++) {
		r = find_req(ctx, "app", want[i].raw);
		if (want[i].attr)
			T_STREQ(r->attr, want[i].attr);
		else
			T_TRUE(!r->attr && !r->key);
		if (want[i].key)
			T_STREQ(r->key, want[i].key);
		T_INTEQ(r->flags, want[i].flags);
	}
	scan_requirements(ctx, &n);
	T_INTEQ(n, DP_ARRAY_LEN(want));
	scan_diags(ctx, &n);
	T_INTEQ(n, 1); /* the output of the call */
	scan_ctx_free(ctx);
}

/* lib.fix (self: { ... }) and lib.recursiveUpdate of literal sets. */
static void
test_fix(void)
{
	static const char src[] =
		"{ lib, buildPythonPackage, greenlet, mypy, asyncpg, psycopg,\n"
		"  aiosqlite, pymysql, base }:\n"
		"buildPythonPackage rec {\n"
		"  pname = \"sqlalchemy\";\n"
		"  dependencies = [ ] ++ optional-dependencies.asyncio;\n"
		"  optional-dependencies = lib.fix (self: {\n"
		"    asyncio = [ greenlet ];\n"
		"    mypy = [ mypy ];\n"
		"    postgresql = [ psycopg ];\n"
		"    postgresql_asyncpg = self.asyncio ++ [ asyncpg ];\n"
		"    aiosqlite = self.asyncio ++ [ aiosqlite ];\n"
		"  });\n"
		"  passthru.optional-dependencies = lib.recursiveUpdate\n"
		"    { mysql = [ pymysql ]; } { mysql = [ mypy ]; x = [ ]; };\n"
		"  nativeCheckInputs = lib.recursiveUpdate base { };\n"
		"}\n";
	static const char *const want[] = {
		"build format = \"setuptools\" (the default)",
		"optional:asyncio greenlet",
		"optional:mypy mypy",
		"optional:postgresql psycopg",
		"optional:postgresql_asyncpg greenlet",
		"optional:postgresql_asyncpg asyncpg",
		"optional:aiosqlite greenlet",
		"optional:aiosqlite aiosqlite",
		"optional:mysql mypy",
		"runtime greenlet",
		"test lib.recursiveUpdate base { }",
	};
	struct scan_ctx *ctx = scan(src);
	struct strbuf sb = STRBUF_INIT;
	const struct requirement *r;
	size_t n, i, k;

	r = scan_requirements(ctx, &n);
	T_INTEQ(n, DP_ARRAY_LEN(want));
	for (i = 0; i < DP_ARRAY_LEN(want); i++) {
		for (k = 0; k < n; k++) {
			strbuf_reset(&sb);
			if (r[k].group)
				strbuf_addf(&sb, "optional:%s ", r[k].group);
			else
				strbuf_addf(&sb, "%s ",
					    req_kind_name(r[k].kind));
			strbuf_addstr(&sb, r[k].raw);
			if (!strcmp(sb.buf, want[i]))
				break;
		}
		if (k == n)
			T_FAIL("no requirement '%s'", want[i]);
	}
	T_TRUE(find_req(ctx, "sqlalchemy", "lib.recursiveUpdate base { }")
		       ->flags == REQ_NOT_EVALUATED);
	strbuf_release(&sb);
	scan_ctx_free(ctx);
}

/* String values as nix-instantiate --eval gives them (Nix 2.8). */
static void
test_strings(void)
{
	static const char src[] =
		"{ buildPythonPackage }:\n"
		"let\n"
		"  major = 2;\n"
		"  esc = \"t\\there \\\"q\\\" \\\\ \\${n} $${l} d$ e\";\n"
		"  ind = ''   \n"
		"    line one\n"
		"      indented ''${not} '''quoted'''\n"
		"    escaped ''\\n newline ''\\t tab\n"
		"    ${toString major} done $${x} a'${toString major}\n"
		"  '';\n"
		"  ind3 = ''\n"
		"      x\n"
		"    '';\n"
		"in buildPythonPackage { pname = \"p\"; "
		"pythonRelaxDeps = [ esc ind ind3 ]; }\n";
	struct scan_ctx *ctx = scan(src);
	const struct declared_pkg *p;
	size_t n;

	p = scan_packages(ctx, &n);
	T_INTEQ(n, 1);
	T_INTEQ(p->nrelax_deps, 3);
	T_STREQ(p->relax_deps[0], "t\there \"q\" \\ ${n} $${l} d$ e");
	T_STREQ(p->relax_deps[1],
		"line one\n  indented ${not} ''quoted''\nescaped \nnewline "
		"\t tab\n2 done $${x} a'2\n");
	T_STREQ(p->relax_deps[2], "x\n");
	scan_ctx_free(ctx);
}

static void
test_limits(void)
{
	struct strbuf sb = STRBUF_INIT;
	struct scan_ctx *ctx;
	const struct scan_diag *d;
	size_t n, i;

	/* a 100,000-element list is read whole */
	strbuf_addstr(&sb, "{ buildPythonPackage, ps }: buildPythonPackage "
			   "{ pname = \"big\"; pyproject = true; "
			   "dependencies = with ps; [");
	for (i = 0; i < 100000; i++)
		strbuf_addstr(&sb, " a-b");
	strbuf_addstr(&sb, " ]; }");
	ctx = scan(sb.buf);
	scan_requirements(ctx, &n);
	T_INTEQ(n, 100000);
	scan_ctx_free(ctx);

	/* an exponential expansion stops with a diagnostic */
	strbuf_reset(&sb);
	strbuf_addstr(&sb, "{ buildPythonPackage, x }: let a0 = [ x ];");
	for (i = 1; i <= 40; i++)
		strbuf_addf(&sb, " a%zu = a%zu ++ a%zu;", i, i - 1, i - 1);
	strbuf_addstr(&sb, " in buildPythonPackage { pname = \"e\"; "
			   "pyproject = true; dependencies = a40; }");
	ctx = scan(sb.buf);
	d = scan_diags(ctx, &n);
	T_INTEQ(n, 1);
	T_TRUE(d[0].level == DIAG_ERROR);
	T_TRUE(strstr(d[0].msg, "evaluation stopped") != NULL);
	scan_ctx_free(ctx);

	/* paths given by inherit are read like any other */
	ctx = scan("{ buildEnv, a }: let paths = [ a ]; in "
		   "buildEnv { name = \"e\"; inherit paths; }");
	scan_requirements(ctx, &n);
	T_INTEQ(n, 1);
	T_STREQ(scan_requirements(ctx, &n)[0].attr, "a");
	scan_ctx_free(ctx);

	/* a list read twice gives its inputs twice, its warning once */
	ctx = scan("{ buildPythonPackage, lib, f, x }: buildPythonPackage rec "
		   "{ pname = \"p\"; pyproject = true; "
		   "optional-dependencies.a = [ (f x) ]; "
		   "nativeCheckInputs = lib.flatten (lib.attrValues "
		   "optional-dependencies); }");
	scan_requirements(ctx, &n);
	T_INTEQ(n, 2);
	scan_diags(ctx, &n);
	T_INTEQ(n, 1);
	scan_ctx_free(ctx);

	/* a cycle is not evaluated, and says so */
	ctx = scan("{ buildPythonPackage }: let a = b; b = a; in "
		   "buildPythonPackage { pname = \"c\"; pyproject = true; "
		   "dependencies = a; }");
	scan_requirements(ctx, &n);
	T_INTEQ(n, 1);
	T_TRUE(scan_requirements(ctx, &n)[0].flags & REQ_NOT_EVALUATED);
	scan_ctx_free(ctx);
	strbuf_release(&sb);
}

/* What the builder implies, and the tests the check phase leaves out. */
static void
test_implied(void)
{
	static const struct {
		const char *attrs, *dist;
	} cases[] = {
		{"", "setuptools"},
		{"format = \"setuptools\";", "setuptools"},
		{"format = \"flit\";", "flit"},
		{"pyproject = false;", "setuptools"},
		{"format = \"pyproject\";", NULL},
		{"format = \"wheel\";", NULL},
		{"format = fmt;", NULL},
		{"pyproject = true;", NULL},
	};
	struct strbuf sb = STRBUF_INIT;
	const struct declared_pkg *p;
	const struct requirement *r;
	struct scan_ctx *ctx;
	size_t n, i;

	for (i = 0; i < DP_ARRAY_LEN(cases); i++) {
		strbuf_reset(&sb);
		strbuf_addf(&sb,
			    "{ buildPythonPackage, fmt }: buildPythonPackage "
			    "{ pname = \"p\"; %s }",
			    cases[i].attrs);
		ctx = scan(sb.buf);
		r = scan_requirements(ctx, &n);
		T_INTEQ(n, cases[i].dist ? 1 : 0);
		if (n) {
			T_STREQ(r->attr, cases[i].dist);
			T_TRUE(r->kind == REQ_BUILD);
			T_INTEQ(r->flags, REQ_NIX_PYTHON | REQ_NIX_IMPLIED);
		}
		scan_ctx_free(ctx);
	}
	strbuf_release(&sb);

	ctx = scan(
		"{ buildPythonPackage }: buildPythonPackage {\n"
		"  pname = \"p\"; pyproject = true; doCheck = false;\n"
		"  disabledTestPaths = [ \"tests/a\" \"tests/b.py::test_x\" "
		"];\n"
		"  pytestFlagsArray = [ \"-x\" \"--ignore=tests/c.py\"\n"
		"    \"--ignore\" \"tests/d\" \"--ignore-glob=tests/e_*\" ];\n"
		"  pytestFlags = \"--ignore=x\";\n"
		"}");
	p = scan_packages(ctx, &n);
	T_INTEQ(n, 1);
	T_TRUE(p->no_check);
	T_INTEQ(p->nskip_tests, 4);
	T_STREQ(p->skip_tests[0], "tests/a");
	T_STREQ(p->skip_tests[1], "tests/c.py");
	T_STREQ(p->skip_tests[2], "tests/d");
	T_STREQ(p->skip_tests[3], "tests/e_*");
	scan_diags(ctx, &n);
	T_INTEQ(n, 0); /* pytestFlags is no list: nothing to say */
	scan_ctx_free(ctx);
}

int
main(void)
{
	test_tokens();
	test_unescape();
	test_errors();
	test_parser();
	test_model();
	test_package_sets();
	test_fix();
	test_strings();
	test_limits();
	test_implied();
	return t_done("test_nix");
}
