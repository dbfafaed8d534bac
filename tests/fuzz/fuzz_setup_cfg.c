/* fuzz_setup_cfg.c - libFuzzer target: setup.cfg read as a declaration
 * (fuzz_declaration() says what must hold) */
#include <stdint.h>

#include "scanners/scanners.h"
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_declaration(&scanner_setup_cfg, "setup.cfg", data, size);
	return 0;
}
