/* fuzz_init.c - what every libFuzzer target does once, before its runs,
 * and what the targets share (fuzz.h) */
#include <stdbool.h>

#include "core/diag.h"
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	diag_set_quiet(true); /* the inputs are bad by design */
	return 0;
}

unsigned
fuzz_python_lines(const uint8_t *data, size_t size)
{
	unsigned lines = 1;
	size_t i;

	for (i = 0; i < size; i++) {
		if (data[i] == '\n' ||
		    (data[i] == '\r' && (i + 1 == size || data[i + 1] != '\n')))
			lines++;
	}
	return lines;
}
