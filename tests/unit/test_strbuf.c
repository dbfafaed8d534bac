/* test_strbuf.c - strbuf, arena, jsonw: the value types of core/ */
#include <string.h>

#include "core/arena.h"
#include "core/jsonw.h"
#include "core/strbuf.h"
#include "tests/unit/t.h"

static void
test_strbuf(void)
{
	struct strbuf sb = STRBUF_INIT;
	char *p;
	size_t len;
	int i;

	T_STREQ(strbuf_str(&sb), "");
	strbuf_addstr(&sb, "ab");
	strbuf_addch(&sb, 'c');
	strbuf_addf(&sb, "%d-%s", 42, "x");
	T_STREQ(strbuf_str(&sb), "abc42-x");
	for (i = 0; i < 1000; i++)
		strbuf_addf(&sb, "%0100d", i);
	T_INTEQ(sb.len, 7 + 100 * 1000);
	strbuf_setlen(&sb, 3);
	T_STREQ(strbuf_str(&sb), "abc");
	strbuf_reset(&sb);
	strbuf_add_escaped(&sb, "a\tb\\\xff\xc3\xa9", 7);
	T_STREQ(strbuf_str(&sb), "a\\x09b\\\\\\xff\xc3\xa9");
	p = strbuf_detach(&sb, &len);
	T_INTEQ(len, strlen(p));
	T_TRUE(sb.buf == NULL && sb.len == 0);
	free(p);
	strbuf_release(&sb);
}

static void
test_utf8(void)
{
	T_INTEQ(utf8_seq_len((const unsigned char *)"a", 1), 1);
	T_INTEQ(utf8_seq_len((const unsigned char *)"\xc3\xa9", 2), 2);
	T_INTEQ(utf8_seq_len((const unsigned char *)"\xc3", 1), 0);
	T_INTEQ(utf8_seq_len((const unsigned char *)"\xe0\x80\x80", 3), 0);
	T_INTEQ(utf8_seq_len((const unsigned char *)"\xed\xa0\x80", 3), 0);
	T_INTEQ(utf8_seq_len((const unsigned char *)"\xf0\x9f\x98\x80", 4), 4);
	T_INTEQ(utf8_seq_len((const unsigned char *)"\xf5\x80\x80\x80", 4), 0);
}

static void
test_mem_find(void)
{
	static const char text[] = "# -*- coding: latin-1 -*-";
	const char *s = "x TYPE_CHECKING";

	T_TRUE(mem_find(text, sizeof(text) - 1, "coding") == text + 6);
	T_TRUE(mem_find(text, 11, "coding") == NULL); /* cut inside it */
	T_TRUE(mem_find(text, 12, "coding") == text + 6);
	T_TRUE(mem_find("cocoding", 8, "coding") != NULL);
	T_TRUE(mem_find("", 0, "x") == NULL);
	T_TRUE(mem_find(s, strlen(s), "TYPE_CHECKING") == s + 2);
	T_TRUE(mem_find(s, strlen(s) - 1, "TYPE_CHECKING") == NULL);
}

static void
test_arena(void)
{
	struct arena a = ARENA_INIT;
	char *big, *s;
	int i;

	for (i = 0; i < 10000; i++) {
		s = arena_strdup(&a, "module.name");
		T_STREQ(s, "module.name");
	}
	big = arena_alloc(&a, 1 << 20);
	memset(big, 'x', 1 << 20);
	s = arena_strndup(&a, "abcdef", 3);
	T_STREQ(s, "abc");
	T_TRUE(((unsigned long)arena_alloc(&a, 3) % sizeof(void *)) == 0);
	arena_reset(&a);
	s = arena_strdup(&a, "again");
	T_STREQ(s, "again");
	arena_release(&a);
	arena_release(&a); /* released twice: still fine */
}

static void
test_jsonw(void)
{
	struct strbuf sb = STRBUF_INIT;
	struct jsonw w;

	jsonw_init(&w, &sb, false);
	jsonw_object_begin(&w);
	jsonw_key(&w, "a");
	jsonw_int(&w, -3);
	jsonw_key(&w, "b");
	jsonw_array_begin(&w);
	jsonw_string(&w, "x\"\\\n\x01\xff");
	jsonw_bool(&w, true);
	jsonw_null(&w);
	jsonw_array_end(&w);
	jsonw_key(&w, "c");
	jsonw_array_begin(&w);
	jsonw_array_end(&w);
	jsonw_object_end(&w);
	T_STREQ(strbuf_str(&sb),
		"{\"a\":-3,\"b\":[\"x\\\"\\\\\\n\\u0001\\ufffd\",true,null],"
		"\"c\":[]}");
	strbuf_reset(&sb);
	jsonw_init(&w, &sb, true);
	jsonw_object_begin(&w);
	jsonw_key(&w, "k");
	jsonw_array_begin(&w);
	jsonw_int(&w, 1);
	jsonw_array_end(&w);
	jsonw_key(&w, "e");
	jsonw_object_begin(&w);
	jsonw_object_end(&w);
	jsonw_object_end(&w);
	T_STREQ(strbuf_str(&sb), "{\n  \"k\": [\n    1\n  ],\n  \"e\": {}\n}");
	strbuf_release(&sb);
}

int
main(void)
{
	test_strbuf();
	test_utf8();
	test_mem_find();
	test_arena();
	test_jsonw();
	return t_done("strbuf");
}
