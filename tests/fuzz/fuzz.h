/* fuzz.h - what the libFuzzer targets share (fuzz_init.c) */
#ifndef DEPAUDIT_TESTS_FUZZ_H
#define DEPAUDIT_TESTS_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/* The lines of Python source as CPython counts them: "\n", "\r\n" and a
 * lone "\r" each end one. */
unsigned fuzz_python_lines(const uint8_t *data, size_t size);

struct scanner;

/*
 * Scan data as the file name with the declaration reader sc: any bytes
 * must scan without a crash, a leak or undefined behaviour, and every
 * requirement and package found must sit on a line of the input.
 */
void fuzz_declaration(const struct scanner *sc, const char *name,
		      const uint8_t *data, size_t size);

#endif
