/* fuzz_config.c - libFuzzer target: the .depaudit.yaml reader */
#include <stdint.h>
#include <stdlib.h>

#include "core/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config *cfg =
		config_parse("fuzz.yaml", (const char *)data, size);

	if (cfg) {
		size_t n;

		config_mappings(cfg, &n);
		config_ignored(cfg, "unused", "a.b", "c");
	}
	config_free(cfg);
	return 0;
}
