/* source_archive.h - the members of a wheel, zip or tarball, as files
 *
 * The only module that includes archive.h.  An archive is read once, as a
 * stream: the members a caller wants are read into memory (never onto
 * disk), within limits that stop zip bombs and huge members, then handed
 * out sorted by name like the files of a walked tree.  An sdist (or any
 * archive whose members all sit under one top directory) is seen without
 * that directory; a wheel's NAME.data/purelib/ and NAME.data/platlib/ are
 * seen as the top of the tree, where they are installed.  Members in a
 * directory a walk would not enter are left out: one source_skip_dir()
 * names, or one below the top whose members show a Python environment
 * (a source_env_marker() among its entries).
 *
 * Member names with a ".." component or an absolute path are reported and
 * skipped; nested archives are noted and not opened.  A corrupt or
 * truncated archive is reported and what was read before the damage is
 * still handed out.  Diagnostics name members as ARCHIVE!MEMBER.
 */
#ifndef DEPAUDIT_CORE_SOURCE_ARCHIVE_H
#define DEPAUDIT_CORE_SOURCE_ARCHIVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/source.h"

struct file_view;
struct source_archive;

/* Whether the first n bytes of a file are those of an archive we read:
 * zip (wheels), tar, or tar compressed with gzip, bzip2 or xz. */
bool source_archive_sniff(const unsigned char *head, size_t n);
/* Whether a file name ends like an archive (.whl, .zip, .tar.gz, ...). */
bool source_archive_suffix(const char *name);

/*
 * Read the wanted members of the archive at path (shown as display in
 * diagnostics) within the limits.  Returns NULL, diagnosed, when nothing
 * can be read from it.  Free with source_archive_free().
 */
struct source_archive *source_archive_open(const char *path,
					   const char *display,
					   const struct source_limits *limits,
					   source_want_fn *want, void *ud);
/* The next member, sorted by name: 1 with *fv filled (valid until the
 * archive is freed), 0 at the end. */
int source_archive_next(struct source_archive *sa, struct file_view *fv);
/* The bytes of the member source_archive_next() gave last, now the
 * caller's to free(). */
char *source_archive_take(struct source_archive *sa);
/* The member name in the archive of the file handed out as path. */
const char *source_archive_member_name(const struct source_archive *sa,
				       const char *path);
/* Problems that kept members from being read (corruption, limits). */
unsigned source_archive_nerrors(const struct source_archive *sa);
/* Members read. */
unsigned source_archive_nfiles(const struct source_archive *sa);
void source_archive_free(struct source_archive *sa);

#endif
