/* fuzz_archive.c - libFuzzer target: an archive (zip, tar, gz, ...) read
 * through libarchive, its members handed to the scanners
 *
 * Any bytes, written to a file named like a wheel, must open and walk
 * without a crash, a leak or undefined behaviour; every member handed
 * out must have a relative path with no ".." part.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/scan.h"
#include "core/source.h"
#include "scanners/scanners.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool
want_all(const char *rel, void *ud)
{
	(void)rel;
	(void)ud;
	return true;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64]; /* one file per process, written anew */
	struct source_limits limits = SOURCE_LIMITS_DEFAULT;
	struct file_view fv;
	struct source *src;
	FILE *f;

	if (!path[0]) {
		snprintf(path, sizeof(path), "/tmp/fuzz_archive.%d.whl",
			 (int)getpid());
	}
	f = fopen(path, "wb");
	if (!f)
		abort();
	if (size && fwrite(data, 1, size, f) != size)
		abort();
	fclose(f);
	/* small limits: a bomb is cut short, not followed */
	limits.max_member_size = 1 << 20;
	limits.max_total = 8 << 20;
	src = source_open(path, &limits, want_all, NULL);
	while (src && source_next(src, &fv) == 1) {
		struct scan_ctx *ctx = scan_ctx_new();
		const char *p = fv.path;

		if (p[0] == '/' || !strncmp(p, "../", 3) || strstr(p, "/../") ||
		    !strcmp(p, "..")) {
			fprintf(stderr, "member path '%s' leaves the archive\n",
				p);
			abort();
		}
		scanner_python.scan(ctx, &fv);
		scan_ctx_free(ctx);
	}
	source_free(src);
	unlink(path);
	return 0;
}
