/* source.h - the files under a PATH, one at a time, in sorted order
 *
 * A source turns a PATH given on the command line into a stream of
 * struct file_view.  A directory is walked depth first with every listing
 * sorted bytewise; symbolic links are followed except into a directory
 * that is already being walked (a loop), and the directories named in
 * source_skip_dir() are not entered.  A PATH that is a file yields that
 * file, named by its last component.
 *
 * Problems (a missing PATH, an unreadable file, a loop) are diagnosed on
 * stderr as they are met, counted, and skipped: the walk goes on.
 */
#ifndef DEPAUDIT_CORE_SOURCE_H
#define DEPAUDIT_CORE_SOURCE_H

#include <stdbool.h>
#include <stddef.h>

struct file_view;
struct strbuf;

struct source;

/* Which files to read: rel is the path relative to the root. */
typedef bool source_want_fn(const char *rel, void *ud);

/* Largest file read by default (a bigger one is diagnosed and skipped). */
enum { SOURCE_MAX_FILE = 64 * 1024 * 1024 };

/*
 * Open path for reading the files want() accepts.  Returns NULL, with
 * the problem diagnosed, when path cannot be read at all.  Free with
 * source_free().
 */
struct source *source_open(const char *path, source_want_fn *want, void *ud);
/*
 * Read the next wanted file into *fv: 1 when there is one (fv and its
 * bytes stay valid until the next call), 0 at the end.
 */
int source_next(struct source *src, struct file_view *fv);
/* How many files or directories could not be read so far. */
unsigned source_nerrors(const struct source *src);
/* How many files were read so far. */
unsigned source_nfiles(const struct source *src);
/*
 * Append to sb the path a user opens for the file rel of this source:
 * the PATH as given joined with rel ("." dropped), or PATH itself when
 * PATH is a file.
 */
void source_display_path(const struct source *src, const char *rel,
			 struct strbuf *sb);
void source_free(struct source *src);

/* Whether a directory of this name is never entered (.git, ...). */
bool source_skip_dir(const char *name);

#endif
