/* test_pep508.c - dependency specifiers, markers and versions */
#include <string.h>

#include "core/arena.h"
#include "core/declared.h"
#include "core/pep508.h"
#include "core/strbuf.h"
#include "tests/unit/t.h"

static struct arena arena = ARENA_INIT;
static const struct pep508_env env = PEP508_ENV_DEFAULT;

static struct pep508
ok(const char *s)
{
	struct strbuf err = STRBUF_INIT;
	struct pep508 p;
	size_t col = 0;

	if (pep508_parse(&arena, s, strlen(s), &env, &p, &err, &col))
		T_FAIL("'%s': %s at %zu", s, strbuf_str(&err), col);
	strbuf_release(&err);
	return p;
}

static void
bad(const char *s, size_t want_col, const char *want_msg)
{
	struct strbuf err = STRBUF_INIT;
	struct pep508 p;
	size_t col = 0;

	T_INTEQ(pep508_parse(&arena, s, strlen(s), &env, &p, &err, &col), -1);
	T_STREQ(strbuf_str(&err), want_msg);
	T_INTEQ(col, want_col);
	strbuf_release(&err);
}

static int
marker(const char *s)
{
	struct strbuf err = STRBUF_INIT;
	size_t col = 0;
	int r = pep508_marker_eval(s, strlen(s), &env, "", &err, &col);

	strbuf_release(&err);
	return r;
}

static int
vcmp(const char *a, const char *b)
{
	int c = pep508_version_cmp(a, strlen(a), b, strlen(b));

	return c < 0 ? -1 : c > 0;
}

int
main(void)
{
	struct pep508 p;
	struct requirement r;

	p = ok("requests");
	T_STREQ(p.name, "requests");
	T_STREQ(p.key, "requests");
	T_TRUE(!p.extras && !p.specifier && !p.marker && !p.url);

	p = ok("  Universal_Pathlib >= 0.2 , < 1 ");
	T_STREQ(p.name, "Universal_Pathlib");
	T_STREQ(p.key, "universal-pathlib");
	T_STREQ(p.specifier, ">=0.2,<1");

	p = ok("dagster-pipes==1!0+dev");
	T_STREQ(p.specifier, "==1!0+dev");

	p = ok("requests [security , socks] (>=2.8.1, ==2.8.*)");
	T_STREQ(p.extras, "security,socks");
	T_STREQ(p.specifier, ">=2.8.1,==2.8.*");

	p = ok("pip @ https://github.com/pypa/pip/archive/1.3.1.zip ; "
	       "python_version > '3.0'");
	T_STREQ(p.url, "https://github.com/pypa/pip/archive/1.3.1.zip");
	T_STREQ(p.marker, "python_version > '3.0'");
	T_TRUE(!p.marker_false);

	p = ok("tomli; python_version < \"3.11\"");
	T_STREQ(p.marker, "python_version < \"3.11\"");
	T_TRUE(p.marker_false);

	p = ok("pytest>=7; extra == 'Test_Suite'");
	T_STREQ(p.extra, "Test_Suite");
	T_TRUE(!p.marker_false);
	memset(&r, 0, sizeof(r));
	pep508_to_requirement(&p, &r);
	T_INTEQ(r.kind, REQ_OPTIONAL);
	T_STREQ(r.group, "Test_Suite");

	p = ok("pywin32; extra == \"win\" and sys_platform == 'win32'");
	T_STREQ(p.extra, "win");
	T_TRUE(p.marker_false);

	p = ok("x; (os_name == 'posix' or os_name == 'nt') and "
	       "platform_python_implementation != 'PyPy'");
	T_TRUE(!p.marker_false);

	p = ok("y @ file:///tmp/y.whl");
	T_STREQ(p.url, "file:///tmp/y.whl");
	memset(&r, 0, sizeof(r));
	pep508_to_requirement(&p, &r);
	T_TRUE(r.flags & REQ_URL);

	p = ok("z===foo-bar");
	T_STREQ(p.specifier, "===foo-bar");

	bad("", 0, "expected a distribution name");
	bad(">=1", 0, "expected a distribution name");
	bad("foo-", 0, "invalid distribution name");
	bad("foo[bar", 7, "expected ']' after extras");
	bad("foo[-x]", 4, "invalid extra name");
	bad("foo >=", 6, "expected a version");
	bad("foo >= 1.0 bar", 11, "unexpected text after the requirement");
	bad("foo (>=1.0", 10, "expected ')' after the version");
	bad("foo >= 1..0", 7, "invalid version");
	bad("foo @ ", 6, "expected a URL after '@'");
	bad("foo; python_version >= '3", 23, "unterminated string in marker");
	bad("foo; bogus == '1'", 5, "unknown marker variable");
	bad("foo; python_version", 19, "expected a comparison in marker");
	bad("foo; 'a' == 'b'", 5, "marker compares two strings");
	bad("foo;", 4, "empty marker");
	bad("foo; (python_version > '3'", 26, "expected ')' in marker");
	bad("foo; os_name == 'posix' xor", 24, "unexpected text in marker");

	{
		struct strbuf deep = STRBUF_INIT;
		struct strbuf err = STRBUF_INIT;
		size_t col = 0;
		int i;

		strbuf_addstr(&deep, "x; ");
		for (i = 0; i < 1000; i++)
			strbuf_addch(&deep, '(');
		T_INTEQ(pep508_parse(&arena, deep.buf, deep.len, &env, &p, &err,
				     &col),
			-1);
		T_STREQ(strbuf_str(&err), "markers nest too deep");
		strbuf_release(&deep);
		strbuf_release(&err);
	}

	T_INTEQ(marker("python_version >= '3.8'"), 1);
	T_INTEQ(marker("python_version < '3.12'"), 0);
	T_INTEQ(marker("python_version == '3.12.*'"), 1);
	T_INTEQ(marker("python_full_version ~= '3.12.0'"), 1);
	T_INTEQ(marker("python_version ~= '3.10'"), 1);
	T_INTEQ(marker("python_version ~= '3.13'"), 0);
	T_INTEQ(marker("'linux' in sys_platform"), 1);
	T_INTEQ(marker("sys_platform not in 'win32 cygwin'"), 1);
	T_INTEQ(marker("platform_system == 'Windows' or "
		       "platform_system == 'Darwin'"),
		0);
	T_INTEQ(marker("implementation_name == 'cpython' and "
		       "platform_machine == 'x86_64'"),
		1);
	T_INTEQ(marker("extra == 'x'"), 0);

	T_INTEQ(vcmp("1.0", "1.0.0"), 0);
	T_INTEQ(vcmp("1.0a1", "1.0"), -1);
	T_INTEQ(vcmp("1.0.dev1", "1.0a1"), -1);
	T_INTEQ(vcmp("1.0.post1", "1.0"), 1);
	T_INTEQ(vcmp("1.0rc1", "1.0b2"), 1);
	T_INTEQ(vcmp("1!0", "2.0"), 1);
	T_INTEQ(vcmp("1.10", "1.9"), 1);
	T_INTEQ(vcmp("1.0+local", "1.0"), 0);
	T_INTEQ(vcmp("1.0-1", "1.0.post1"), 0);

	arena_release(&arena);
	return t_done("test_pep508");
}
