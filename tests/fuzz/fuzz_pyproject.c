/* fuzz_pyproject.c - libFuzzer target: pyproject.toml read as a declaration
 * (fuzz_declaration() says what must hold) */
#include <stdint.h>

#include "scanners/scanners.h"
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_declaration(&scanner_pyproject, "pyproject.toml", data, size);
	return 0;
}
