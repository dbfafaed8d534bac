/* fuzz_ship.c - libFuzzer target: which files a build backend ships
 *
 * The input is lines: "@K VALUE [VALUE2]" is a setting whose key is
 * K modulo the number of keys, "=NAME" the distribution's name, "!" the
 * wheel flag, "?MODULE" a hint, anything else a file path.  Whatever
 * the settings and the files, ship_select() must not crash, leak or
 * read out of bounds; every file it ships is one of the files given,
 * in order, once, with a module unless it is a build hook.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/ship.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { NKEYS = SHIP_BUILD_HOOK + 1, MAX_LINES = 4096 };

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena arena = ARENA_INIT;
	struct ship_setting *set = calloc(MAX_LINES, sizeof(*set));
	const char **files = calloc(MAX_LINES, sizeof(*files));
	const char **hints = calloc(MAX_LINES, sizeof(*hints));
	struct ship_input in;
	struct ship_result r;
	size_t nset = 0, nfiles = 0, nhints = 0, i, k, uniq;
	char *text = arena_strndup(&arena, (const char *)data, size);
	char *line = text;

	memset(&in, 0, sizeof(in));
	while (line && *line && nset + nfiles + nhints < MAX_LINES) {
		char *next = strchr(line, '\n');

		if (next)
			*next++ = '\0';
		if (line[0] == '@' && line[1]) {
			char *v = strchr(line, ' '), *w = NULL;

			if (v) {
				*v++ = '\0';
				if ((w = strchr(v, ' ')))
					*w++ = '\0';
			}
			set[nset].key =
				(enum ship_key)((unsigned char)line[1] % NKEYS);
			set[nset].value = v;
			set[nset].value2 = w;
			set[nset++].line = 1;
		} else if (line[0] == '=') {
			in.name = line + 1;
		} else if (line[0] == '!') {
			in.wheel = true;
		} else if (line[0] == '?') {
			hints[nhints++] = line + 1;
		} else if (*line) {
			files[nfiles++] = line;
		}
		line = next;
	}
	qsort(files, nfiles, sizeof(*files), cmp_str);
	for (i = 0, uniq = 0; i < nfiles; i++) {
		if (!uniq || strcmp(files[uniq - 1], files[i]))
			files[uniq++] = files[i];
	}
	in.settings = set;
	in.nsettings = nset;
	in.files = files;
	in.nfiles = uniq;
	in.hints = hints;
	in.nhints = nhints;
	ship_select(&arena, &in, &r);
	for (k = 0; k < r.nfiles; k++) {
		if (r.files[k].index >= uniq ||
		    (k && r.files[k].index <= r.files[k - 1].index) ||
		    (!r.files[k].module && r.files[k].role != SHIP_HOOK))
			abort();
	}
	free(set);
	free(files);
	free(hints);
	arena_release(&arena);
	return 0;
}
