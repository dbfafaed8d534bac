/* scan.c - scan contexts: what a scanner collects; see scan.h */
#include "core/scan.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/declared.h"
#include "core/strbuf.h"
#include "core/xalloc.h"

struct scan_ctx {
	struct arena arena;
	struct import *imports;
	size_t nimports, aimports;
	struct declared_pkg *pkgs;
	size_t npkgs, apkgs;
	struct requirement *reqs;
	size_t nreqs, areqs;
	struct scan_diag *diags;
	size_t ndiags, adiags;
	struct scan_include *incs;
	size_t nincs, aincs;
	struct scan_owner owner; /* package NULL: none */
	unsigned python_minor;
	bool skim;
};

const char *
req_kind_name(enum req_kind kind)
{
	switch (kind) {
	case REQ_RUNTIME:
		return "runtime";
	case REQ_BUILD:
		return "build";
	case REQ_TEST:
		return "test";
	case REQ_OPTIONAL:
		return "optional";
	case REQ_DEV:
		return "dev";
	}
	return "?";
}

const char *
import_flag_name(unsigned flag)
{
	switch (flag) {
	case IMPORT_FUNCTION:
		return "function";
	case IMPORT_CLASS:
		return "class";
	case IMPORT_TRY:
		return "try";
	case IMPORT_TYPE_CHECKING:
		return "type_checking";
	case IMPORT_CONDITIONAL:
		return "conditional";
	case IMPORT_DYNAMIC:
		return "dynamic";
	case IMPORT_TEST:
		return "test";
	case IMPORT_UNREACHABLE:
		return "unreachable";
	}
	return "?";
}

void
import_copy(struct arena *a, struct import *dst, const struct import *src)
{
	size_t i;

	*dst = *src;
	dst->module = arena_strdup(a, src->module);
	if (src->ignore)
		dst->ignore = arena_strdup(a, src->ignore);
	if (!src->nnames)
		return;
	dst->names = arena_alloc(a, src->nnames * sizeof(*dst->names));
	for (i = 0; i < src->nnames; i++)
		dst->names[i] = arena_strdup(a, src->names[i]);
}

struct scan_ctx *
scan_ctx_new(void)
{
	struct scan_ctx *ctx = xcalloc(1, sizeof(struct scan_ctx));

	ctx->python_minor = 12;
	ctx->skim = !getenv("DEPAUDIT_TEST_NO_SKIM");
	return ctx;
}

void
scan_ctx_set_skim(struct scan_ctx *ctx, bool on)
{
	ctx->skim = on;
}

bool
scan_skim(const struct scan_ctx *ctx)
{
	return ctx->skim;
}

void
scan_ctx_set_python(struct scan_ctx *ctx, unsigned minor)
{
	ctx->python_minor = minor;
}

unsigned
scan_python_minor(const struct scan_ctx *ctx)
{
	return ctx->python_minor;
}

void
scan_ctx_free(struct scan_ctx *ctx)
{
	if (!ctx)
		return;
	arena_release(&ctx->arena);
	free(ctx->imports);
	free(ctx->pkgs);
	free(ctx->reqs);
	free(ctx->diags);
	free(ctx->incs);
	free(ctx);
}

void
scan_ctx_reset(struct scan_ctx *ctx)
{
	arena_reset(&ctx->arena);
	ctx->nimports = 0;
	ctx->npkgs = 0;
	ctx->nreqs = 0;
	ctx->ndiags = 0;
	ctx->nincs = 0;
	memset(&ctx->owner, 0, sizeof(ctx->owner));
}

struct arena *
scan_arena(struct scan_ctx *ctx)
{
	return &ctx->arena;
}

void
scan_emit_import(struct scan_ctx *ctx, const struct import *imp)
{
	XGROW(ctx->imports, ctx->nimports + 1, ctx->aimports);
	ctx->imports[ctx->nimports++] = *imp;
}

void
scan_emit_package(struct scan_ctx *ctx, const struct declared_pkg *pkg)
{
	XGROW(ctx->pkgs, ctx->npkgs + 1, ctx->apkgs);
	ctx->pkgs[ctx->npkgs++] = *pkg;
}

void
scan_emit_requirement(struct scan_ctx *ctx, const struct requirement *req)
{
	XGROW(ctx->reqs, ctx->nreqs + 1, ctx->areqs);
	ctx->reqs[ctx->nreqs++] = *req;
}

void
scan_ctx_set_owner(struct scan_ctx *ctx, const struct scan_owner *owner)
{
	memset(&ctx->owner, 0, sizeof(ctx->owner));
	if (!owner || !owner->package)
		return;
	ctx->owner.package = arena_strdup(&ctx->arena, owner->package);
	ctx->owner.kind = owner->kind;
	if (owner->group)
		ctx->owner.group = arena_strdup(&ctx->arena, owner->group);
}

const struct scan_owner *
scan_owner(const struct scan_ctx *ctx)
{
	return ctx->owner.package ? &ctx->owner : NULL;
}

void
scan_emit_owned_include(struct scan_ctx *ctx, const struct scan_include *inc,
			const struct scan_owner *owner)
{
	struct scan_include *dst;

	XGROW(ctx->incs, ctx->nincs + 1, ctx->aincs);
	dst = &ctx->incs[ctx->nincs++];
	*dst = *inc;
	memset(&dst->owner, 0, sizeof(dst->owner));
	if (owner && owner->package)
		dst->owner = *owner;
}

void
scan_emit_include(struct scan_ctx *ctx, const struct scan_include *inc)
{
	scan_emit_owned_include(ctx, inc, &ctx->owner);
}

static void add_diag(struct scan_ctx *ctx, enum diag_level level, unsigned line,
		     unsigned col, const char *fmt, va_list ap) DP_PRINTF(5, 0);

static void
add_diag(struct scan_ctx *ctx, enum diag_level level, unsigned line,
	 unsigned col, const char *fmt, va_list ap)
{
	struct strbuf sb = STRBUF_INIT;
	struct scan_diag *d;

	strbuf_vaddf(&sb, fmt, ap);
	XGROW(ctx->diags, ctx->ndiags + 1, ctx->adiags);
	d = &ctx->diags[ctx->ndiags++];
	d->level = level;
	d->line = line;
	d->col = col;
	d->msg = arena_strndup(&ctx->arena, strbuf_str(&sb), sb.len);
	strbuf_release(&sb);
}

void
scan_warn(struct scan_ctx *ctx, unsigned line, unsigned col, const char *fmt,
	  ...)
{
	va_list ap;

	va_start(ap, fmt);
	add_diag(ctx, DIAG_WARNING, line, col, fmt, ap);
	va_end(ap);
}

int
scan_error(struct scan_ctx *ctx, unsigned line, unsigned col, const char *fmt,
	   ...)
{
	va_list ap;

	va_start(ap, fmt);
	add_diag(ctx, DIAG_ERROR, line, col, fmt, ap);
	va_end(ap);
	return -1;
}

const struct import *
scan_imports(const struct scan_ctx *ctx, size_t *n)
{
	*n = ctx->nimports;
	return ctx->imports;
}

const struct declared_pkg *
scan_packages(const struct scan_ctx *ctx, size_t *n)
{
	*n = ctx->npkgs;
	return ctx->pkgs;
}

const struct requirement *
scan_requirements(const struct scan_ctx *ctx, size_t *n)
{
	*n = ctx->nreqs;
	return ctx->reqs;
}

const struct scan_include *
scan_includes(const struct scan_ctx *ctx, size_t *n)
{
	*n = ctx->nincs;
	return ctx->incs;
}

const struct scan_diag *
scan_diags(const struct scan_ctx *ctx, size_t *n)
{
	*n = ctx->ndiags;
	return ctx->diags;
}

void
scan_format_diags(const struct scan_ctx *ctx, const struct file_view *fv,
		  struct strbuf *sb)
{
	size_t i;

	for (i = 0; i < ctx->ndiags; i++) {
		const struct scan_diag *d = &ctx->diags[i];
		struct diag_loc loc = {fv->archive, fv->path, d->line, d->col};

		diag_format(sb, d->level, &loc, d->msg);
	}
}

void
scan_print_diags(const struct scan_ctx *ctx, const struct file_view *fv)
{
	size_t i;

	for (i = 0; i < ctx->ndiags; i++) {
		const struct scan_diag *d = &ctx->diags[i];
		struct diag_loc loc = {fv->archive, fv->path, d->line, d->col};

		diag_emit_msg(d->level, &loc, d->msg);
	}
}
