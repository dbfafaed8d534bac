/* test_toml.c - the TOML reader: valid documents and every error */
#include <string.h>

#include "core/arena.h"
#include "core/strbuf.h"
#include "scanners/toml.h"
#include "tests/unit/t.h"

static struct arena arena = ARENA_INIT;

/* A compact dump: tables {k=v,...}, arrays [v,...], strings "..." */
static void
dump(struct strbuf *sb, const struct toml_value *v)
{
	const struct toml_value *m;

	switch (v->type) {
	case TOML_TABLE:
		strbuf_addch(sb, '{');
		for (m = v->first; m; m = m->next) {
			strbuf_add(sb, m->key, m->key_len);
			strbuf_addch(sb, '=');
			dump(sb, m);
			if (m->next)
				strbuf_addch(sb, ',');
		}
		strbuf_addch(sb, '}');
		break;
	case TOML_ARRAY:
		strbuf_addch(sb, '[');
		for (m = v->first; m; m = m->next) {
			dump(sb, m);
			if (m->next)
				strbuf_addch(sb, ',');
		}
		strbuf_addch(sb, ']');
		break;
	case TOML_STRING:
		strbuf_addch(sb, '"');
		strbuf_add_escaped(sb, v->str, v->len);
		strbuf_addch(sb, '"');
		break;
	default:
		strbuf_addstr(sb, toml_type_name(v->type));
		strbuf_addch(sb, ':');
		strbuf_add(sb, v->str, v->len);
		break;
	}
}

static void
ok(const char *doc, const char *want)
{
	struct strbuf msg = STRBUF_INIT, out = STRBUF_INIT;
	struct toml_error err = {0, 0, &msg};
	struct toml_value *root;

	if (toml_parse(&arena, doc, strlen(doc), &root, &err))
		T_FAIL("'%s': %u:%u: %s", doc, err.line, err.col,
		       strbuf_str(&msg));
	dump(&out, root);
	T_STREQ(strbuf_str(&out), want);
	strbuf_release(&msg);
	strbuf_release(&out);
}

static void
bad(const char *doc, unsigned line, unsigned col, const char *want)
{
	struct strbuf msg = STRBUF_INIT;
	struct toml_error err = {0, 0, &msg};
	struct toml_value *root;

	if (!toml_parse(&arena, doc, strlen(doc), &root, &err))
		T_FAIL("'%s' parsed", doc);
	if (strcmp(strbuf_str(&msg), want) || err.line != line ||
	    err.col != col)
		T_FAIL("'%s': %u:%u: %s, expected %u:%u: %s", doc, err.line,
		       err.col, strbuf_str(&msg), line, col, want);
	t_checks++;
	strbuf_release(&msg);
}

int
main(void)
{
	struct strbuf big = STRBUF_INIT;
	const struct toml_value *v;
	struct toml_value *root;
	struct strbuf msg = STRBUF_INIT;
	struct toml_error err = {0, 0, &msg};
	int i;

	ok("", "{}");
	ok("# only a comment\n\n", "{}");
	ok("a = 1\nb = \"x\" # c\r\nc = 'y'\n",
	   "{a=integer:1,b=\"x\",c=\"y\"}");
	ok("[project]\nname = \"p\"\n[project.urls]\nx = \"u\"\n",
	   "{project={name=\"p\",urls={x=\"u\"}}}");
	ok("a.b.c = 1\na.b.d = 2\n", "{a={b={c=integer:1,d=integer:2}}}");
	ok("\"quoted key\" = 1\n'lit.key' = 2\n a . \"b\" = 3\n",
	   "{quoted key=integer:1,lit.key=integer:2,a={b=integer:3}}");
	ok("deps = [\n  \"a\", # one\n  'b',\n\n  # two\n  \"c\",\n]\n",
	   "{deps=[\"a\",\"b\",\"c\"]}");
	ok("x = [[1, 2], [\"a\"], []]\n",
	   "{x=[[integer:1,integer:2],[\"a\"],[]]}");
	ok("t = { a = 1, b.c = \"x\", d = { } }\n",
	   "{t={a=integer:1,b={c=\"x\"},d={}}}");
	ok("s = \"tab\\there \\\"q\\\" \\\\ \\u00e9 \\U0001F600\"\n",
	   "{s=\"tab\\x09here \"q\" \\\\ \xc3\xa9 \xf0\x9f\x98\x80\"}");
	ok("s = \"\"\"\nline1\n  line2 \\\n    joined\"\"\"\n",
	   "{s=\"line1\\x0a  line2 joined\"}");
	ok("s = '''\nraw \\n 'q' '''\n", "{s=\"raw \\\\n 'q' \"}");
	ok("s = \"\"\"two quotes at the end\"\"\"\"\"\n",
	   "{s=\"two quotes at the end\"\"\"}");
	ok("s = '''it''''\n", "{s=\"it'\"}");
	ok("i = [0, +17, -3, 1_000, 0xDEAD_beef, 0o755, 0b1101]\n",
	   "{i=[integer:0,integer:+17,integer:-3,integer:1_000,"
	   "integer:0xDEAD_beef,integer:0o755,integer:0b1101]}");
	ok("f = [1.0, -0.5e3, 6E-2, inf, -inf, nan, 1_0.2_5]\n",
	   "{f=[float:1.0,float:-0.5e3,float:6E-2,float:inf,float:-inf,"
	   "float:nan,float:1_0.2_5]}");
	ok("b = [true, false]\n", "{b=[boolean:true,boolean:false]}");
	ok("d = [1979-05-27T07:32:00Z, 1979-05-27 00:32:00.999-07:00, "
	   "1979-05-27, 07:32:00, 1979-05-27T07:32:00]\n",
	   "{d=[date-time:1979-05-27T07:32:00Z,"
	   "date-time:1979-05-27 00:32:00.999-07:00,date-time:1979-05-27,"
	   "date-time:07:32:00,date-time:1979-05-27T07:32:00]}");
	ok("[[a]]\nx = 1\n[[a]]\nx = 2\n[a.b]\ny = 3\n",
	   "{a=[{x=integer:1},{x=integer:2,b={y=integer:3}}]}");
	ok("[a.b]\nx = 1\n[a]\ny = 2\n", "{a={b={x=integer:1},y=integer:2}}");
	ok("[fruit]\napple.color = \"red\"\n[fruit.apple.texture]\n"
	   "smooth = true\n",
	   "{fruit={apple={color=\"red\",texture={smooth=boolean:true}}}}");
	ok("\xef\xbb\xbf"
	   "a = \"\xc3\xa9\" # \xc3\xa9\n",
	   "{a=\"\xc3\xa9\"}");

	v = NULL;
	if (!toml_parse(&arena, "[tool.poetry]\nname = 'x'\n", 25, &root, &err))
		v = toml_path(root, "tool.poetry.name");
	T_TRUE(v && v->type == TOML_STRING && v->line == 2 && v->col == 8);
	T_TRUE(!toml_path(root, "tool.nope.name"));

	bad("a = 1\na = 2\n", 2, 1, "key is defined twice");
	bad("a.b = 1\na.b = 2\n", 2, 3, "key is defined twice");
	bad("a = 1\na.b = 2\n", 2, 1, "key extends a value defined before");
	bad("[a]\n[a]\n", 2, 1, "table is defined twice");
	bad("[a]\nb = 1\n[a.b]\n", 3, 1, "table is defined twice");
	bad("a.b = 1\n[a]\n", 2, 1, "table is defined twice");
	bad("[a.b]\n[a]\nb.c = 1\n", 3, 1,
	    "key extends a value defined before");
	bad("[fruit]\napple.color = \"red\"\n[fruit.apple]\n", 3, 1,
	    "table is defined twice");
	bad("t = {a = 1}\n[t]\n", 2, 1, "table is defined twice");
	bad("t = {a = 1}\nt.b = 2\n", 2, 1,
	    "key extends a value defined before");
	bad("x = [1]\n[[x]]\n", 2, 1, "array of tables redefines a value");
	bad("[[x]]\n[x]\n", 2, 1, "table is defined twice");
	bad("x = 1\n[x.y]\n", 2, 2, "key names a value, not a table");
	bad("s = \"abc\n", 1, 9, "newline in a string");
	bad("s = \"abc", 1, 5, "unterminated string");
	bad("s = '''abc\n\n", 1, 5, "unterminated string");
	bad("s = \"a\\qb\"\n", 1, 7, "invalid escape in a string");
	bad("s = \"\\u12\"\n", 1, 6, "invalid escape in a string");
	bad("s = \"\\uD800\"\n", 1, 6, "escape is not a Unicode scalar value");
	bad("s = \"a\x01\"\n", 1, 7, "control character in a string");
	bad("s = \"\xff\"\n", 1, 6, "invalid UTF-8");
	bad("a = [1, 2\n", 2, 1, "unterminated array");
	bad("a = [1 2]\n", 1, 8, "expected ',' or ']' in an array");
	bad("a = {b = 1,}\n", 1, 12, "expected a key");
	bad("a = {b = 1\n}\n", 1, 11, "unterminated inline table");
	bad("a = 1 b = 2\n", 1, 7, "expected the end of the line");
	bad("a\n", 1, 2, "expected '=' after a key");
	bad("= 1\n", 1, 1, "expected a key");
	bad("a =\n", 1, 4, "expected a value");
	bad("a = 01\n", 1, 5, "invalid value");
	bad("a = 1__0\n", 1, 5, "invalid value");
	bad("a = 1.\n", 1, 5, "invalid value");
	bad("a = truee\n", 1, 5, "invalid value");
	bad("a = 1979-13-01\n", 1, 5, "invalid date or time");
	bad("a = 25:00:00\n", 1, 5, "invalid date or time");
	bad("[a\n", 1, 3, "expected ']'");
	bad("[[a]\n", 1, 4, "expected ']]'");
	bad("[a] x\n", 1, 5, "expected the end of the line");
	bad("# bad \x7f comment\n", 1, 7, "control character in a comment");
	bad("a = 1\r\n\rb = 2\n", 2, 1, "expected a key");

	strbuf_reset(&msg);
	strbuf_addstr(&big, "a = ");
	for (i = 0; i < 1000; i++)
		strbuf_addch(&big, '[');
	T_INTEQ(toml_parse(&arena, big.buf, big.len, &root, &err), -1);
	T_STREQ(strbuf_str(&msg), "values nest too deep");
	T_INTEQ(err.col, 5 + TOML_MAX_DEPTH);

	/* a 1 MB array and 50,000 keys stay linear */
	strbuf_reset(&big);
	strbuf_addstr(&big, "deps = [\n");
	while (big.len < 1024 * 1024)
		strbuf_addstr(&big, "  \"package-name>=1.0\",\n");
	strbuf_addstr(&big, "]\n");
	for (i = 0; i < 50000; i++)
		strbuf_addf(&big, "k%d = %d\n", i, i);
	T_INTEQ(toml_parse(&arena, big.buf, big.len, &root, &err), 0);
	T_INTEQ(root->count, 50001);
	strbuf_addstr(&big, "k49999 = 0\n");
	strbuf_reset(&msg);
	T_INTEQ(toml_parse(&arena, big.buf, big.len, &root, &err), -1);
	T_STREQ(strbuf_str(&msg), "key is defined twice");

	strbuf_release(&big);
	strbuf_release(&msg);
	arena_release(&arena);
	return t_done("test_toml");
}
