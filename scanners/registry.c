/* registry.c - the list of scanners; see scanners.h */
#include "scanners/scanners.h"

#include <stddef.h>
#include <string.h>

/* One entry per line, so that additions merge. */
/* clang-format off */
const struct scanner *const scanners_all[] = {
	&scanner_python,
	&scanner_requirements,
	&scanner_metadata,
	&scanner_setup_cfg,
	&scanner_pyproject,
	&scanner_setup_py,
	&scanner_pyversion,
	&scanner_nix,
	NULL,
};
/* clang-format on */

const struct scanner *
scanner_pick(enum scan_kind kind, const char *path)
{
	const struct scanner *best = NULL;
	int best_bid = 0;
	size_t i;

	for (i = 0; scanners_all[i]; i++) {
		const struct scanner *s = scanners_all[i];
		int bid;

		if (s->kind != kind)
			continue;
		bid = s->bid(path);
		if (bid > best_bid) {
			best = s;
			best_bid = bid;
		}
	}
	return best;
}

const struct scanner *
scanner_find(const char *name)
{
	size_t i;

	for (i = 0; scanners_all[i]; i++) {
		if (!strcmp(scanners_all[i]->name, name))
			return scanners_all[i];
	}
	return NULL;
}

const char *
scanner_base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}
