/* requirements.c - pip requirements files (requirements*.txt, *.in)
 *
 * A file is read when its name holds "requirements" and ends in .txt or
 * .in, or when it is a .txt or .in in a requirements/
 * directory.
 *
 * The format pip reads: one requirement per line, a trailing backslash
 * joins the next line, a '#' at the start or after a blank starts a
 * comment.  "-r FILE" and "-c FILE" (and their long forms) are emitted as
 * includes for the driver to follow; "-e" takes a path or a VCS URL whose
 * "#egg=" names the distribution; per-requirement options ("--hash") are
 * dropped; global options ("-i", "--find-links", ...) are skipped.  A
 * plain URL or path without "#egg=" cannot be named and is emitted as not
 * evaluated.  The kind follows the file name: "dev" or "docs" in it makes
 * a dependency group of that name, "test" the test kind, else runtime;
 * a file read as another file's declaration (scan_owner(): the dynamic
 * dependencies of a pyproject.toml) takes that package, kind and group,
 * and so do the files it includes.
 */
#include <stdbool.h>
#include <string.h>

#include "core/arena.h"
#include "core/declared.h"
#include "core/pep503.h"
#include "core/scan.h"
#include "core/strbuf.h"
#include "scanners/pyreq.h"
#include "scanners/scanners.h"

static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && !strcmp(s + n - k, suffix);
}

static int
requirements_bid(const char *path)
{
	const char *base = scanner_base_name(path);
	bool txt = ends_with(base, ".txt"), in = ends_with(base, ".in");
	size_t dir = (size_t)(base - path);

	if (!txt && !in)
		return 0;
	if (strstr(base, "requirements"))
		return 10;
	if (dir >= 13 && !strncmp(base - 13, "requirements/", 13))
		return 10;
	return 0;
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

struct reqfile {
	struct scan_ctx *ctx;
	struct pyreq_slot slot;
	struct strbuf line; /* the logical line */
	unsigned lineno;    /* where it starts */
};

/* Drop a comment: '#' at the start or after a blank. */
static void
strip_comment(struct strbuf *sb)
{
	size_t i;

	for (i = 0; i < sb->len; i++) {
		if (sb->buf[i] == '#' && (i == 0 || is_space(sb->buf[i - 1]))) {
			strbuf_setlen(sb, i);
			return;
		}
	}
}

/* Whether the word at s (n bytes) is opt, or opt=value. */
static bool
is_opt(const char *s, size_t n, const char *opt, size_t *vlen_eq)
{
	size_t k = strlen(opt);

	if (n < k || memcmp(s, opt, k))
		return false;
	if (n == k) {
		*vlen_eq = 0;
		return true;
	}
	if (s[k] == '=' && opt[1] == '-') {
		*vlen_eq = k + 1;
		return true;
	}
	if (opt[1] != '-' && n > k) {
		*vlen_eq = k; /* -rfile */
		return true;
	}
	return false;
}

static size_t
word_end(const char *s, size_t i, size_t n)
{
	while (i < n && !is_space(s[i]))
		i++;
	return i;
}

static size_t
skip_blank(const char *s, size_t i, size_t n)
{
	while (i < n && is_space(s[i]))
		i++;
	return i;
}

/* The value of an option: after '=', glued, or the next word. */
static bool
opt_value(const char *s, size_t n, size_t i, size_t wend, size_t eq, size_t *vs,
	  size_t *ve)
{
	if (eq) {
		*vs = i + eq;
		*ve = wend;
		return *ve > *vs;
	}
	*vs = skip_blank(s, wend, n);
	*ve = word_end(s, *vs, n);
	return *ve > *vs;
}

static void
emit_include(struct reqfile *rf, const char *s, size_t n,
	     enum scan_include_kind kind, unsigned col)
{
	struct scan_include inc;

	inc.path = arena_strndup(scan_arena(rf->ctx), s, n);
	inc.scanner = NULL;
	inc.kind = kind;
	inc.line = rf->lineno;
	inc.col = col;
	scan_emit_include(rf->ctx, &inc);
}

/* Whether s is a URL (it has "://"), not a local path. */
static bool
is_url(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i + 3 <= n; i++) {
		if (!memcmp(s + i, "://", 3))
			return true;
	}
	return false;
}

/* A URL or path: named by "#egg=NAME", else not evaluated. */
static void
emit_location(struct reqfile *rf, const char *s, size_t n, unsigned col)
{
	struct arena *a = scan_arena(rf->ctx);
	const char *egg = NULL;
	struct requirement r;
	size_t i, e;

	for (i = 0; i + 5 <= n; i++) {
		if (!memcmp(s + i, "#egg=", 5) || !memcmp(s + i, "&egg=", 5)) {
			egg = s + i + 5;
			break;
		}
	}
	if (!egg) {
		/* a local project (".", ".[all]", "-e ../lib"): kept, not
		 * evaluated, and nothing to warn about */
		pyreq_emit_unknown(rf->ctx, &rf->slot, s, n, rf->lineno, col,
				   is_url(s, n) ? "a URL without '#egg=' names "
						  "no distribution"
						: NULL);
		return;
	}
	for (e = (size_t)(egg - s); e < n && s[e] != '&' && s[e] != '#'; e++)
		;
	if (!pep503_valid(egg, e - (size_t)(egg - s))) {
		pyreq_emit_unknown(rf->ctx, &rf->slot, s, n, rf->lineno, col,
				   "'#egg=' names no valid distribution");
		return;
	}
	memset(&r, 0, sizeof(r));
	r.package = rf->slot.package;
	r.kind = rf->slot.kind;
	r.group = rf->slot.group;
	r.name = arena_strndup(a, egg, e - (size_t)(egg - s));
	r.key = pep503_arena(a, r.name);
	r.raw = arena_strndup(a, s, n);
	r.url = r.raw;
	r.flags = REQ_URL;
	r.line = rf->lineno;
	r.col = col;
	scan_emit_requirement(rf->ctx, &r);
}

static bool
is_location(const char *s, size_t n)
{
	size_t i;

	if (n && (s[0] == '.' || s[0] == '/'))
		return true;
	for (i = 0; i + 3 <= n && !is_space(s[i]); i++) {
		if (!memcmp(s + i, "://", 3))
			return true;
		if (s[i] == '@' || s[i] == ';' || s[i] == '[')
			return false;
	}
	return false;
}

static void
handle_line(struct reqfile *rf)
{
	static const char *const global_opts[] = {
		"-i",
		"--index-url",
		"--extra-index-url",
		"-f",
		"--find-links",
		"--no-binary",
		"--only-binary",
		"--trusted-host",
		"--use-feature",
		"-Z",
		"--always-unzip",
	};
	static const char *const flag_opts[] = {
		"--pre",
		"--no-index",
		"--prefer-binary",
		"--require-hashes",
	};
	const char *s = rf->line.buf;
	size_t n = rf->line.len, i, wend, eq, vs, ve, k;
	bool cons = false;

	strip_comment(&rf->line);
	n = rf->line.len;
	i = skip_blank(s, 0, n);
	while (n > i && is_space(s[n - 1]))
		n--;
	if (i >= n)
		return;
	if (s[i] == '-') {
		wend = word_end(s, i, n);
		if (is_opt(s + i, wend - i, "-r", &eq) ||
		    is_opt(s + i, wend - i, "--requirement", &eq) ||
		    (cons = is_opt(s + i, wend - i, "-c", &eq) ||
			    is_opt(s + i, wend - i, "--constraint", &eq))) {
			enum scan_include_kind kind =
				cons ? SCAN_INCLUDE_CONSTRAINTS
				     : SCAN_INCLUDE_FILE;

			if (!opt_value(s, n, i, wend, eq, &vs, &ve)) {
				scan_warn(rf->ctx, rf->lineno, 0,
					  "'%.*s' needs a file name",
					  (int)(wend - i), s + i);
				return;
			}
			emit_include(rf, s + vs, ve - vs, kind,
				     (unsigned)vs + 1);
			return;
		}
		if (is_opt(s + i, wend - i, "-e", &eq) ||
		    is_opt(s + i, wend - i, "--editable", &eq)) {
			if (!opt_value(s, n, i, wend, eq, &vs, &ve)) {
				scan_warn(rf->ctx, rf->lineno, 0,
					  "'-e' needs a path or URL");
				return;
			}
			emit_location(rf, s + vs, ve - vs, (unsigned)vs + 1);
			return;
		}
		for (k = 0; k < sizeof(global_opts) / sizeof(*global_opts);
		     k++) {
			if (is_opt(s + i, wend - i, global_opts[k], &eq))
				return;
		}
		for (k = 0; k < sizeof(flag_opts) / sizeof(*flag_opts); k++) {
			if (!strncmp(s + i, flag_opts[k], wend - i) &&
			    strlen(flag_opts[k]) == wend - i)
				return;
		}
		scan_warn(rf->ctx, rf->lineno, (unsigned)i + 1,
			  "unknown option '%.*s'",
			  (int)(wend - i > 40 ? 40 : wend - i), s + i);
		return;
	}
	/* per-requirement options start at a blank followed by "--" */
	for (k = i; k + 2 < n; k++) {
		if (is_space(s[k]) && s[k + 1] == '-' && s[k + 2] == '-') {
			n = k;
			break;
		}
	}
	while (n > i && is_space(s[n - 1]))
		n--;
	if (is_location(s + i, n - i)) {
		emit_location(rf, s + i, n - i, (unsigned)i + 1);
		return;
	}
	pyreq_emit(rf->ctx, &rf->slot, s + i, n - i, rf->lineno,
		   (unsigned)i + 1);
}

static void
set_kind(struct scan_ctx *ctx, struct pyreq_slot *slot, const char *path)
{
	const struct scan_owner *owner = scan_owner(ctx);
	const char *base = scanner_base_name(path);

	slot->package = NULL;
	slot->kind = REQ_RUNTIME;
	slot->group = NULL;
	if (owner) {
		/* another file's declaration: its name says nothing */
		slot->package = owner->package;
		slot->kind = owner->kind;
		slot->group = owner->group;
	} else if (strstr(base, "dev")) {
		slot->kind = REQ_DEV;
		slot->group = "dev";
	} else if (strstr(base, "doc")) {
		slot->kind = REQ_DEV;
		slot->group = "docs";
	} else if (strstr(base, "test")) {
		slot->kind = REQ_TEST;
	}
}

static int
requirements_scan(struct scan_ctx *ctx, const struct file_view *fv)
{
	struct reqfile rf = {ctx, {NULL, REQ_RUNTIME, NULL, 0}, STRBUF_INIT, 0};
	const char *p = fv->data, *end = fv->data + fv->len;
	unsigned lineno = 0;
	bool joining = false;

	set_kind(ctx, &rf.slot, fv->path);
	if (end - p >= 3 && !memcmp(p, "\xef\xbb\xbf", 3))
		p += 3;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end;
		size_t len = (size_t)(e - p);

		lineno++;
		if (len && p[len - 1] == '\r')
			len--;
		if (!joining) {
			strbuf_reset(&rf.line);
			rf.lineno = lineno;
		}
		if (memchr(p, '\0', len)) {
			scan_error(ctx, lineno, 0, "NUL byte in the line");
			joining = false;
			p = nl ? nl + 1 : end;
			continue;
		}
		joining = len && p[len - 1] == '\\';
		strbuf_add(&rf.line, p, joining ? len - 1 : len);
		if (!joining)
			handle_line(&rf);
		p = nl ? nl + 1 : end;
	}
	if (joining)
		handle_line(&rf);
	strbuf_release(&rf.line);
	return 0;
}

const struct scanner scanner_requirements = {
	.name = "requirements",
	.kind = SCAN_DECLARED,
	.bid = requirements_bid,
	.scan = requirements_scan,
};
