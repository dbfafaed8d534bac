/* source.h - the files under a PATH, one at a time, in sorted order
 *
 * A source turns a PATH given on the command line into a stream of
 * struct file_view.  A directory is walked depth first with every listing
 * sorted bytewise.  Symbolic links are followed, but each real directory
 * (device and inode) is walked once: through the first path the sorted
 * walk meets it by, quietly skipped through any later one, and warned
 * about as a loop when it is being walked already.  Below PATH, neither
 * the directories named in source_skip_dir() nor a directory holding a
 * Python environment (its listing has a source_env_marker()) are entered,
 * quietly.  A PATH that is an archive yields its members
 * (core/source_archive.h).  A PATH that is any other file yields that
 * file, named by its last component.
 *
 * Problems (a missing PATH, an unreadable file, a loop) are diagnosed on
 * stderr as they are met, counted, and skipped: the walk goes on.
 */
#ifndef DEPAUDIT_CORE_SOURCE_H
#define DEPAUDIT_CORE_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct file_view;
struct strbuf;

struct source;

/* Which files to read: rel is the path relative to the root. */
typedef bool source_want_fn(const char *rel, void *ud);

/* Largest file read by default (a bigger one is diagnosed and skipped). */
enum { SOURCE_MAX_FILE = 64 * 1024 * 1024 };

/*
 * What an archive may hold before it is refused.  The defaults read the
 * largest real wheels (a few GiB of shared libraries, tens of thousands
 * of members) and stop bombs: a member is read into memory only when
 * wanted, and the ratio applies once more than 64 MiB were unpacked.
 */
struct source_limits {
	uint64_t max_members;     /* members of any kind */
	uint64_t max_member_size; /* bytes of one member read into memory */
	uint64_t max_total;       /* bytes unpacked from all members */
	uint64_t max_ratio;       /* unpacked bytes per byte of archive */
};

#define SOURCE_LIMITS_DEFAULT                                                  \
	{                                                                      \
		200000, SOURCE_MAX_FILE, (uint64_t)16 << 30, 200               \
	}

/*
 * Open path for reading the files want() accepts: a directory, an archive
 * (recognised by its content, see core/source_archive.h) or a single file.
 * limits may be NULL for the defaults.  Returns NULL, with the problem
 * diagnosed, when path cannot be read at all.  Free with source_free().
 */
struct source *source_open(const char *path, const struct source_limits *limits,
			   source_want_fn *want, void *ud);
/*
 * Read the next wanted file into *fv: 1 when there is one (fv and its
 * bytes stay valid until the next call), 0 at the end.
 */
int source_next(struct source *src, struct file_view *fv);
/*
 * From now on hand out the files of a directory walk unread: fv->data is
 * NULL until the caller reads the file, with source_read_now(), or on any
 * thread through source_file_keep() and source_file_load().  Archives and
 * a single FILE are read as before.
 */
void source_defer_reads(struct source *src);
/*
 * Read the file source_next() gave last unread, as source_next() would
 * have (diagnosed and counted); 0 with fv filled, or -1.  A file that was
 * read already is left as it is.
 */
int source_read_now(struct source *src, struct file_view *fv);

/* A file source_next() gave, kept to be read and scanned later, maybe on
 * another thread: its bytes, or where to read them. */
struct source_file {
	char *open_path; /* the path to read, when the walk did not */
	char *data;      /* NUL-terminated; the keeper's to free() */
	size_t len;
	int read; /* for a deferred file: 0 read, 1 skipped, -1 failed */
};

/* Keep the file source_next() gave last into *sf (emptied first). */
void source_file_keep(struct source *src, const struct file_view *fv,
		      struct source_file *sf);
/*
 * Read a kept file's bytes if the walk did not; safe on any thread.  0,
 * or nonzero with the problem appended to err as diag_format() writes it.
 */
int source_file_load(struct source_file *sf, struct strbuf *err);
/* Count a deferred file as the walk counts the files it reads itself. */
void source_file_count(const struct source_file *sf, unsigned *nread,
		       unsigned *nfailed);
void source_file_release(struct source_file *sf);

/* source_next(), appending the walk's diagnostics to held instead of
 * printing them (see diag_hold()). */
int source_next_held(struct source *src, struct file_view *fv,
		     struct strbuf *held);
/* How many files or directories could not be read so far. */
unsigned source_nerrors(const struct source *src);
/* How many files were read so far. */
unsigned source_nfiles(const struct source *src);
/*
 * Append to sb the path a user opens for the file rel of this source:
 * the PATH as given joined with rel ("." dropped), ARCHIVE!rel for an
 * archive, or PATH itself when PATH is a single file.
 */
void source_display_path(const struct source *src, const char *rel,
			 struct strbuf *sb);
void source_free(struct source *src);

/*
 * Whether a directory of this name is never entered: .git, .hg,
 * node_modules, __pycache__, and the usual homes of Python environments
 * (.venv and any name starting with it, .conda, .pixi, .nox, .tox,
 * __pypackages__, site-packages).
 */
bool source_skip_dir(const char *name);
/*
 * Whether an entry of a directory listing, a directory or not, shows that
 * the directory holds a Python environment: a pyvenv.cfg (venv,
 * virtualenv) or a directory conda-meta (conda).
 */
bool source_env_marker(const char *name, bool is_dir);

#endif
