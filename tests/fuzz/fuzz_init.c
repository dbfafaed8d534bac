/* fuzz_init.c - what every libFuzzer target does once, before its runs */
#include <stdbool.h>

#include "core/diag.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	diag_set_quiet(true); /* the inputs are bad by design */
	return 0;
}
