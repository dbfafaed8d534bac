/* source_archive.c - archive members as files; see source_archive.h */
#include "core/source_archive.h"

#include <archive.h>
#include <archive_entry.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/diag.h"
#include "core/scan.h"
#include "core/strbuf.h"
#include "core/xalloc.h"

struct member {
	char *name;       /* as in the archive */
	const char *path; /* as a tree would have it: points into name */
	char *data;
	size_t len;
};

struct source_archive {
	char *display;
	struct member *members;
	size_t nmembers, amembers;
	size_t next;
	unsigned nerrors;
};

static const char *const archive_suffixes[] = {
	".whl",     ".zip",  ".tar",    ".tar.gz", ".tgz",
	".tar.bz2", ".tbz2", ".tar.xz", ".txz",    ".egg",
};

bool
source_archive_suffix(const char *name)
{
	size_t n = strlen(name), i;

	for (i = 0; i < sizeof(archive_suffixes) / sizeof(*archive_suffixes);
	     i++) {
		size_t k = strlen(archive_suffixes[i]);

		if (n > k && !strcmp(name + n - k, archive_suffixes[i]))
			return true;
	}
	return false;
}

bool
source_archive_sniff(const unsigned char *h, size_t n)
{
	if (n >= 4 && h[0] == 'P' && h[1] == 'K' &&
	    ((h[2] == 3 && h[3] == 4) || (h[2] == 5 && h[3] == 6)))
		return true; /* zip: a member, or an empty archive */
	if (n >= 2 && h[0] == 0x1f && h[1] == 0x8b)
		return true; /* gzip */
	if (n >= 3 && !memcmp(h, "BZh", 3))
		return true;
	if (n >= 6 && !memcmp(h,
			      "\xfd"
			      "7zXZ\0",
			      6))
		return true;
	return n >= 262 && !memcmp(h + 257, "ustar", 5);
}

static void fail(struct source_archive *sa, const char *member, const char *fmt,
		 ...) DP_PRINTF(3, 4);

/* An error about the archive (member NULL) or one of its members. */
static void
fail(struct source_archive *sa, const char *member, const char *fmt, ...)
{
	struct diag_loc loc = {sa->display, member, 0, 0};
	va_list ap;

	va_start(ap, fmt);
	diag_vemit(DIAG_ERROR, &loc, fmt, ap);
	va_end(ap);
	sa->nerrors++;
}

/* A name that must never be used as a path: absolute or with "..". */
static bool
unsafe_name(const char *name)
{
	const char *p = name;

	if (*name == '/' || *name == '\\')
		return true;
	while (*p) {
		const char *e = p + strcspn(p, "/\\");

		if (e - p == 2 && p[0] == '.' && p[1] == '.')
			return true;
		p = *e ? e + 1 : e;
	}
	return false;
}

/* The components of a member's name, without empty and "." ones. */
static void
clean_name(struct strbuf *out, const char *name)
{
	const char *p = name;

	strbuf_reset(out);
	while (*p) {
		size_t n = strcspn(p, "/");

		if (n && !(n == 1 && p[0] == '.')) {
			if (out->len)
				strbuf_addch(out, '/');
			strbuf_add(out, p, n);
		}
		p += n;
		if (*p)
			p++;
	}
}

/* Read the data of the current entry into m; 0, or -1 when over a limit
 * or damaged (diagnosed). */
static int
read_member(struct source_archive *sa, struct archive *a, struct member *m,
	    const struct source_limits *limits, uint64_t *total)
{
	struct strbuf sb = STRBUF_INIT;

	for (;;) {
		ssize_t n;

		strbuf_grow(&sb, 65536);
		n = archive_read_data(a, sb.buf + sb.len,
				      sb.alloc - sb.len - 1);
		if (n < 0) {
			fail(sa, m->name, "cannot unpack: %s",
			     archive_error_string(a));
			strbuf_release(&sb);
			return -1;
		}
		if (n == 0)
			break;
		sb.len += (size_t)n;
		*total += (uint64_t)n;
		if (sb.len > limits->max_member_size) {
			fail(sa, m->name,
			     "member is larger than %llu bytes; "
			     "skipped (raise with --max-member-size)",
			     (unsigned long long)limits->max_member_size);
			strbuf_release(&sb);
			return -1;
		}
	}
	m->data = strbuf_detach(&sb, &m->len);
	return 0;
}

/* The length of the one top directory all names share ("pkg-1.0/"), or 0. */
static size_t
common_top(char **names, size_t n)
{
	const char *first;
	size_t len, i;

	if (!n)
		return 0;
	first = names[0];
	len = strcspn(first, "/");
	if (!first[len])
		return 0;
	for (i = 1; i < n; i++) {
		if (strncmp(names[i], first, len + 1))
			return 0;
	}
	return len + 1;
}

/* Where a wheel installs NAME.data/purelib/X and .../platlib/X: at X. */
static const char *
installed_path(const char *path)
{
	const char *slash = strchr(path, '/');

	if (!slash || slash - path < 6 || strncmp(slash - 5, ".data", 5))
		return path;
	if (!strncmp(slash + 1, "purelib/", 8))
		return slash + 9;
	if (!strncmp(slash + 1, "platlib/", 8))
		return slash + 9;
	return path;
}

/* Whether a directory of the member's path is one a walk never enters. */
static bool
in_skipped_dir(const char *name)
{
	char dir[256];
	const char *p = name;

	for (;;) {
		size_t n = strcspn(p, "/");

		if (!p[n])
			return false;
		if (n < sizeof(dir)) {
			memcpy(dir, p, n);
			dir[n] = '\0';
			if (source_skip_dir(dir))
				return true;
		}
		p += n + 1;
	}
}

static int
by_string(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The directories below the top that hold a Python environment, as a
 * walk would find them: each one whose listing has a source_env_marker(),
 * as the prefix of a path up to and with its '/'.  Paths are the names
 * past strip.  Returns how many, in *envs sorted; the caller frees them.
 */
static size_t
find_environments(char **names, size_t nnames, size_t strip, char ***envs)
{
	size_t n = 0, a = 0, i;

	*envs = NULL;
	for (i = 0; i < nnames; i++) {
		const char *path = names[i] + strip, *p = path;
		char entry[32];

		for (;;) {
			size_t len = strcspn(p, "/");
			bool is_dir = p[len] == '/';

			if (len < sizeof(entry)) {
				memcpy(entry, p, len);
				entry[len] = '\0';
				if (p > path &&
				    source_env_marker(entry, is_dir)) {
					XGROW(*envs, n + 1, a);
					(*envs)[n++] = xstrndup(
						path, (size_t)(p - path));
					break;
				}
			}
			if (!is_dir) {
				break;
			}
			p += len + 1;
		}
	}
	if (n) {
		qsort(*envs, n, sizeof(**envs), by_string);
	}
	return n;
}

/* A directory as the first len bytes of a path, looked up in a sorted
 * list of strings. */
struct dir_key {
	const char *path;
	size_t len;
};

static int
dir_in_list(const void *key, const void *ent)
{
	const struct dir_key *k = key;
	const char *e = *(char *const *)ent;
	int c = strncmp(k->path, e, k->len);

	if (c) {
		return c;
	}
	return e[k->len] ? -1 : 0;
}

/* Whether path lies in one of the n directories of envs (sorted). */
static bool
in_environment(char **envs, size_t n, const char *path)
{
	const char *slash = path;

	if (!n) {
		return false;
	}
	while ((slash = strchr(slash, '/'))) {
		struct dir_key k = {path, (size_t)(++slash - path)};

		if (bsearch(&k, envs, n, sizeof(*envs), dir_in_list)) {
			return true;
		}
	}
	return false;
}

/* Paths in the order of a sorted walk: component by component, so that
 * "a/x" (in directory "a") comes before "a-b/y". */
static int
cmp_walk(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return (*a == '/' ? 0 : (unsigned char)*a) -
	       (*b == '/' ? 0 : (unsigned char)*b);
}

static int
by_path(const void *a, const void *b)
{
	const struct member *x = a, *y = b;
	int c = cmp_walk(x->path, y->path);

	return c ? c : strcmp(x->name, y->name);
}

struct source_archive *
source_archive_open(const char *path, const char *display,
		    const struct source_limits *limits, source_want_fn *want,
		    void *ud)
{
	struct source_archive *sa = xcalloc(1, sizeof(*sa));
	struct archive *a = archive_read_new();
	struct archive_entry *e;
	char **names = NULL, **envs;
	struct strbuf clean = STRBUF_INIT;
	size_t nnames = 0, anames = 0, strip, nenvs, i, kept;
	uint64_t total = 0, size = 0;
	struct stat st;

	sa->display = xstrdup(display);
	if (stat(path, &st) == 0)
		size = (uint64_t)st.st_size;
	archive_read_support_filter_all(a);
	archive_read_support_format_zip(a);
	archive_read_support_format_tar(a);
	if (archive_read_open_filename(a, path, 65536) != ARCHIVE_OK) {
		fail(sa, NULL, "not a readable archive: %s",
		     archive_error_string(a));
		goto fatal;
	}
	for (;;) {
		int r = archive_read_next_header(a, &e);
		const char *name;
		struct member *m;

		if (r == ARCHIVE_EOF)
			break;
		if (r == ARCHIVE_WARN) {
			struct diag_loc loc = {sa->display, NULL, 0, 0};
			diag_warning(&loc, "%s", archive_error_string(a));
		} else if (r != ARCHIVE_OK) {
			fail(sa, NULL, "corrupt or truncated archive: %s",
			     archive_error_string(a));
			break;
		}
		if (nnames == limits->max_members) {
			fail(sa, NULL,
			     "more than %llu members; the rest is "
			     "not read (raise with --max-archive-members)",
			     (unsigned long long)limits->max_members);
			break;
		}
		name = archive_entry_pathname(e);
		if (!name || !*name)
			continue;
		/* "a//./b" is a/b; an unsafe name stays as it is, to be
		 * refused below */
		if (!unsafe_name(name)) {
			clean_name(&clean, name);
			if (!clean.len)
				continue;
			name = clean.buf;
		}
		XGROW(names, nnames + 1, anames);
		names[nnames++] = xstrdup(name);
		if (archive_entry_size_is_set(e))
			total += (uint64_t)archive_entry_size(e);
		if (total > limits->max_total ||
		    (total > ((uint64_t)64 << 20) &&
		     total / limits->max_ratio > size)) {
			fail(sa, NULL,
			     "unpacks to %llu bytes from %llu: over "
			     "the limits for archives (a zip bomb?); the rest "
			     "is not read (raise with --max-archive-size or "
			     "--max-ratio)",
			     (unsigned long long)total,
			     (unsigned long long)size);
			break;
		}
		if (unsafe_name(name)) {
			struct diag_loc loc = {sa->display, name, 0, 0};
			diag_warning(&loc, "unsafe member name; skipped");
			continue;
		}
		if (archive_entry_filetype(e) != AE_IFREG ||
		    in_skipped_dir(name))
			continue;
		if (source_archive_suffix(name)) {
			struct diag_loc loc = {sa->display, name, 0, 0};
			diag_note(&loc, "nested archive; not opened");
			continue;
		}
		/* The top directory is stripped later: ask for both names. */
		if (!want(name, ud) &&
		    !(strchr(name, '/') && want(strchr(name, '/') + 1, ud)))
			continue;
		if (archive_entry_size_is_set(e) &&
		    (uint64_t)archive_entry_size(e) > limits->max_member_size) {
			fail(sa, name,
			     "member is larger than %llu bytes; "
			     "skipped (raise with --max-member-size)",
			     (unsigned long long)limits->max_member_size);
			continue;
		}
		XGROW(sa->members, sa->nmembers + 1, sa->amembers);
		m = &sa->members[sa->nmembers];
		memset(m, 0, sizeof(*m));
		m->name = xstrdup(name);
		if (read_member(sa, a, m, limits, &total) < 0) {
			free(m->name);
			continue;
		}
		sa->nmembers++;
	}
	strip = common_top(names, nnames);
	nenvs = find_environments(names, nnames, strip, &envs);
	for (i = kept = 0; i < sa->nmembers; i++) {
		struct member *m = &sa->members[i];

		m->path = installed_path(m->name + strip);
		if (!*m->path || !want(m->path, ud) ||
		    in_environment(envs, nenvs, m->name + strip)) {
			free(m->name);
			free(m->data);
			continue;
		}
		sa->members[kept++] = *m;
	}
	sa->nmembers = kept;
	if (sa->nmembers)
		qsort(sa->members, sa->nmembers, sizeof(*sa->members), by_path);
	for (i = 0; i < nenvs; i++) {
		free(envs[i]);
	}
	free(envs);
	for (i = 0; i < nnames; i++)
		free(names[i]);
	free(names);
	strbuf_release(&clean);
	archive_read_free(a);
	return sa;
fatal:
	archive_read_free(a);
	source_archive_free(sa);
	return NULL;
}

int
source_archive_next(struct source_archive *sa, struct file_view *fv)
{
	struct member *m;

	if (sa->next == sa->nmembers)
		return 0;
	m = &sa->members[sa->next++];
	fv->archive = sa->display;
	fv->path = m->path;
	fv->data = m->data;
	fv->len = m->len;
	return 1;
}

char *
source_archive_take(struct source_archive *sa)
{
	struct member *m = &sa->members[sa->next - 1];
	char *data = m->data;

	m->data = NULL;
	return data;
}

const char *
source_archive_member_name(const struct source_archive *sa, const char *path)
{
	size_t i;

	/* The member last handed out is the one asked about. */
	if (sa->next && !strcmp(sa->members[sa->next - 1].path, path))
		return sa->members[sa->next - 1].name;
	for (i = 0; i < sa->nmembers; i++) {
		if (!strcmp(sa->members[i].path, path))
			return sa->members[i].name;
	}
	return path;
}

unsigned
source_archive_nerrors(const struct source_archive *sa)
{
	return sa->nerrors;
}

unsigned
source_archive_nfiles(const struct source_archive *sa)
{
	return (unsigned)sa->nmembers;
}

void
source_archive_free(struct source_archive *sa)
{
	size_t i;

	if (!sa)
		return;
	for (i = 0; i < sa->nmembers; i++) {
		free(sa->members[i].name);
		free(sa->members[i].data);
	}
	free(sa->members);
	free(sa->display);
	free(sa);
}
