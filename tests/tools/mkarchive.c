/* mkarchive.c - build wheels, sdists and broken archives for the tests
 *
 *   mkarchive FORMAT OUT [-d DIR [-p PREFIX]]... [-f NAME FILE]...
 *             [-z NAME MIB]...
 *
 * FORMAT is zip, tar, tar.gz, tar.bz2 or tar.xz.  -d adds every file under
 * DIR (sorted), named PREFIX followed by its path under DIR; -f adds the
 * bytes of FILE under any NAME (".." included, for the traversal tests);
 * -z adds MIB mebibytes of zeros (for the bomb tests).  Members get fixed
 * times and modes so that archives are the same from run to run.
 */
#include <archive.h>
#include <archive_entry.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static struct archive *out;

static void
die(const char *what)
{
	fprintf(stderr, "mkarchive: %s: %s\n", what,
		out ? archive_error_string(out) : "");
	exit(2);
}

static void
add(const char *name, const char *data, size_t len, size_t zeros)
{
	struct archive_entry *e = archive_entry_new();
	static char block[65536];

	archive_entry_set_pathname(e, name);
	archive_entry_set_size(e, (la_int64_t)(len + zeros));
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, 0644);
	archive_entry_set_mtime(e, 315532800, 0);
	if (archive_write_header(out, e) != ARCHIVE_OK)
		die(name);
	if (len && archive_write_data(out, data, len) < 0)
		die(name);
	while (zeros) {
		size_t n = zeros < sizeof(block) ? zeros : sizeof(block);
		if (archive_write_data(out, block, n) < 0)
			die(name);
		zeros -= n;
	}
	archive_entry_free(e);
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0;

	*len = 0;
	if (!f) {
		perror(path);
		exit(2);
	}
	for (;;) {
		if (*len + 4096 > cap) {
			cap = cap * 2 + 4096;
			buf = realloc(buf, cap);
			if (!buf)
				exit(2);
		}
		size_t n = fread(buf + *len, 1, cap - *len, f);
		if (!n)
			break;
		*len += n;
	}
	fclose(f);
	return buf;
}

static int
by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static void
add_dir(const char *dir, const char *prefix)
{
	struct dirent **ents;
	int n = scandir(dir, &ents, NULL, by_name), i;

	if (n < 0) {
		perror(dir);
		exit(2);
	}
	for (i = 0; i < n; i++) {
		const char *d = ents[i]->d_name;
		char path[4096], name[4096];
		struct stat st;

		if (strcmp(d, ".") && strcmp(d, "..")) {
			snprintf(path, sizeof(path), "%s/%s", dir, d);
			snprintf(name, sizeof(name), "%s%s", prefix, d);
			if (stat(path, &st) < 0) {
				perror(path);
				exit(2);
			}
			if (S_ISDIR(st.st_mode)) {
				strncat(name, "/",
					sizeof(name) - strlen(name) - 1);
				add_dir(path, name);
			} else {
				size_t len;
				char *data = slurp(path, &len);
				add(name, data, len, 0);
				free(data);
			}
		}
		free(ents[i]);
	}
	free(ents);
}

int
main(int argc, char **argv)
{
	const char *fmt;
	int i;

	if (argc < 3) {
		fputs("usage: mkarchive FORMAT OUT [-d DIR [-p PREFIX]]... "
		      "[-f NAME FILE]... [-z NAME MIB]...\n",
		      stderr);
		return 2;
	}
	fmt = argv[1];
	out = archive_write_new();
	if (!strcmp(fmt, "zip")) {
		archive_write_set_format_zip(out);
	} else {
		archive_write_set_format_pax_restricted(out);
		if (!strcmp(fmt, "tar.gz"))
			archive_write_add_filter_gzip(out);
		else if (!strcmp(fmt, "tar.bz2"))
			archive_write_add_filter_bzip2(out);
		else if (!strcmp(fmt, "tar.xz"))
			archive_write_add_filter_xz(out);
		else if (strcmp(fmt, "tar"))
			die("unknown format");
	}
	if (archive_write_open_filename(out, argv[2]) != ARCHIVE_OK)
		die(argv[2]);
	for (i = 3; i < argc; i++) {
		if (!strcmp(argv[i], "-d") && i + 1 < argc) {
			const char *dir = argv[++i], *prefix = "";

			if (i + 2 < argc && !strcmp(argv[i + 1], "-p")) {
				prefix = argv[i + 2];
				i += 2;
			}
			add_dir(dir, prefix);
		} else if (!strcmp(argv[i], "-f") && i + 2 < argc) {
			size_t len;
			char *data = slurp(argv[i + 2], &len);

			add(argv[i + 1], data, len, 0);
			free(data);
			i += 2;
		} else if (!strcmp(argv[i], "-z") && i + 2 < argc) {
			add(argv[i + 1], NULL, 0,
			    (size_t)strtoull(argv[i + 2], NULL, 10) << 20);
			i += 2;
		} else {
			die(argv[i]);
		}
	}
	if (archive_write_close(out) != ARCHIVE_OK)
		die("close");
	archive_write_free(out);
	return 0;
}
