/* diag.c - diagnostics on stderr; see diag.h */
#include "core/diag.h"

#include <stdio.h>
#include <string.h>

#include "core/strbuf.h"

static bool quiet;
static struct strbuf *held;

void
diag_set_quiet(bool q)
{
	quiet = q;
}

static const char *const level_names[] = {
	[DIAG_NOTE] = "note",
	[DIAG_WARNING] = "warning",
	[DIAG_ERROR] = "error",
};

void
diag_format_loc(struct strbuf *sb, const struct diag_loc *loc)
{
	if (!loc || (!loc->path && !loc->archive))
		return;
	if (loc->archive) {
		strbuf_add_escaped(sb, loc->archive, strlen(loc->archive));
		if (loc->path)
			strbuf_addch(sb, '!');
	}
	if (loc->path)
		strbuf_add_escaped(sb, loc->path, strlen(loc->path));
	if (loc->line) {
		strbuf_addf(sb, ":%u", loc->line);
		if (loc->col)
			strbuf_addf(sb, ":%u", loc->col);
	}
	strbuf_addstr(sb, ": ");
}

void
diag_format(struct strbuf *sb, enum diag_level level,
	    const struct diag_loc *loc, const char *msg)
{
	strbuf_addstr(sb, "depaudit: ");
	diag_format_loc(sb, loc);
	strbuf_addf(sb, "%s: ", level_names[level]);
	/* Messages quote names read from input: keep them on one line. */
	strbuf_add_escaped(sb, msg, strlen(msg));
	strbuf_addch(sb, '\n');
}

void
diag_emit_msg(enum diag_level level, const struct diag_loc *loc,
	      const char *msg)
{
	struct strbuf sb = STRBUF_INIT;

	if (held) {
		diag_format(held, level, loc, msg);
		return;
	}
	diag_format(&sb, level, loc, msg);
	diag_print(&sb);
	strbuf_release(&sb);
}

void
diag_hold(struct strbuf *sb)
{
	held = sb;
}

void
diag_print(const struct strbuf *sb)
{
	if (held)
		strbuf_add(held, sb->buf, sb->len);
	else if (!quiet && sb->len)
		fwrite(sb->buf, 1, sb->len, stderr);
}

void
diag_vemit(enum diag_level level, const struct diag_loc *loc, const char *fmt,
	   va_list ap)
{
	struct strbuf msg = STRBUF_INIT;

	strbuf_vaddf(&msg, fmt, ap);
	diag_emit_msg(level, loc, strbuf_str(&msg));
	strbuf_release(&msg);
}

int
diag_error(const struct diag_loc *loc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vemit(DIAG_ERROR, loc, fmt, ap);
	va_end(ap);
	return -1;
}

void
diag_warning(const struct diag_loc *loc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vemit(DIAG_WARNING, loc, fmt, ap);
	va_end(ap);
}

void
diag_note(const struct diag_loc *loc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vemit(DIAG_NOTE, loc, fmt, ap);
	va_end(ap);
}
