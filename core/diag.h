/* diag.h - diagnostics about input, in the gcc format editors jump to
 *
 *   depaudit: pkg/setup.py:12:5: error: cannot evaluate 'install_requires'
 *   depaudit: dist/x.whl!x/METADATA:7: warning: unknown marker 'os_name'
 *
 * Diagnostics go to stderr, one line each, with control characters in
 * names escaped.  Findings are not diagnostics: they go into the report.
 * Call these from the main thread only; scanners collect theirs in their
 * scan context and the driver prints them in order.
 */
#ifndef DEPAUDIT_CORE_DIAG_H
#define DEPAUDIT_CORE_DIAG_H

#include <stdarg.h>
#include <stdbool.h>

#include "core/attr.h"

struct strbuf;

enum diag_level { DIAG_NOTE, DIAG_WARNING, DIAG_ERROR };

/* Where a problem is; any part may be left out (NULL or 0). */
struct diag_loc {
	const char *archive; /* archive holding path, or NULL */
	const char *path;
	unsigned line;
	unsigned col;
};

/* Print an error; returns -1 so that callers write return diag_error(). */
int diag_error(const struct diag_loc *loc, const char *fmt, ...)
	DP_PRINTF(2, 3);
void diag_warning(const struct diag_loc *loc, const char *fmt, ...)
	DP_PRINTF(2, 3);
void diag_note(const struct diag_loc *loc, const char *fmt, ...)
	DP_PRINTF(2, 3);
void diag_vemit(enum diag_level level, const struct diag_loc *loc,
		const char *fmt, va_list ap) DP_PRINTF(3, 0);
/* Print a message that is already formatted. */
void diag_emit_msg(enum diag_level level, const struct diag_loc *loc,
		   const char *msg);
/* Append the whole line emit would print ("depaudit: ...\n") to sb, for
 * a worker thread that prints later. */
void diag_format(struct strbuf *sb, enum diag_level level,
		 const struct diag_loc *loc, const char *msg);
/* Append "path:line:col: " (escaped; nothing for a NULL loc) to sb. */
void diag_format_loc(struct strbuf *sb, const struct diag_loc *loc);

/*
 * Until diag_hold(NULL), append what would be printed to sb instead: a
 * driver whose workers still have output to print holds the diagnostics
 * of its walk, to print them after that output.
 */
void diag_hold(struct strbuf *sb);
/* Print lines diag_format() made earlier (held, while diag_hold() is). */
void diag_print(const struct strbuf *sb);

/* Print nothing from now on (fuzz targets). */
void diag_set_quiet(bool quiet);

#endif
