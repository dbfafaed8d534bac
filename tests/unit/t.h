/* t.h - the assertions of the unit tests
 *
 * A failed check prints "file:line: what" and exits 1; a test program
 * that reaches the end of main() returns t_done(), which prints the count.
 */
#ifndef DEPAUDIT_TESTS_UNIT_T_H
#define DEPAUDIT_TESTS_UNIT_T_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned t_checks;

#define T_FAIL(...)                                                            \
	do {                                                                   \
		fprintf(stderr, "%s:%d: ", __FILE__, __LINE__);                \
		fprintf(stderr, __VA_ARGS__);                                  \
		fputc('\n', stderr);                                           \
		exit(1);                                                       \
	} while (0)

#define T_TRUE(cond)                                                           \
	do {                                                                   \
		t_checks++;                                                    \
		if (!(cond))                                                   \
			T_FAIL("expected %s", #cond);                          \
	} while (0)

#define T_STREQ(got, want)                                                     \
	do {                                                                   \
		const char *g_ = (got), *w_ = (want);                          \
		t_checks++;                                                    \
		if (!g_ || strcmp(g_, w_))                                     \
			T_FAIL("%s is \"%s\", expected \"%s\"", #got,          \
			       g_ ? g_ : "(null)", w_);                        \
	} while (0)

#define T_INTEQ(got, want)                                                     \
	do {                                                                   \
		long long g_ = (long long)(got), w_ = (long long)(want);       \
		t_checks++;                                                    \
		if (g_ != w_)                                                  \
			T_FAIL("%s is %lld, expected %lld", #got, g_, w_);     \
	} while (0)

static inline int
t_done(const char *name)
{
	printf("%s: %u checks passed\n", name, t_checks);
	return 0;
}

#endif
