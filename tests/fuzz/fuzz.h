/* fuzz.h - what the libFuzzer targets share (fuzz_init.c) */
#ifndef DEPAUDIT_TESTS_FUZZ_H
#define DEPAUDIT_TESTS_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/* The lines of Python source as CPython counts them: "\n", "\r\n" and a
 * lone "\r" each end one. */
unsigned fuzz_python_lines(const uint8_t *data, size_t size);

#endif
