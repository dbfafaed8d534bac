/* declared.c - copies of the declared-input model; see declared.h */
#include "core/declared.h"

#include <string.h>

#include "core/arena.h"
#include "core/ship.h"

static const char *
dup(struct arena *a, const char *s)
{
	return s ? arena_strdup(a, s) : NULL;
}

static const char **
dup_list(struct arena *a, const char **v, size_t n)
{
	const char **out;
	size_t i;

	if (!n)
		return NULL;
	out = arena_alloc(a, n * sizeof(*out));
	for (i = 0; i < n; i++)
		out[i] = dup(a, v[i]);
	return out;
}

void
declared_pkg_copy(struct arena *a, struct declared_pkg *dst,
		  const struct declared_pkg *src)
{
	struct declared_src *d = &dst->src;
	const struct declared_src *s = &src->src;

	*dst = *src;
	dst->id = dup(a, src->id);
	dst->format = dup(a, src->format);
	dst->name = dup(a, src->name);
	dst->version = dup(a, src->version);
	dst->builder = dup(a, src->builder);
	dst->python_requires = dup(a, src->python_requires);
	d->fetcher = dup(a, s->fetcher);
	d->owner = dup(a, s->owner);
	d->repo = dup(a, s->repo);
	d->rev = dup(a, s->rev);
	d->tag = dup(a, s->tag);
	d->hash = dup(a, s->hash);
	d->pname = dup(a, s->pname);
	d->version = dup(a, s->version);
	d->subdir = dup(a, s->subdir);
	d->from = dup(a, s->from);
	dst->imports_check =
		dup_list(a, src->imports_check, src->nimports_check);
	dst->relax_deps = dup_list(a, src->relax_deps, src->nrelax_deps);
	dst->remove_deps = dup_list(a, src->remove_deps, src->nremove_deps);
	dst->skip_tests = dup_list(a, src->skip_tests, src->nskip_tests);
	dst->members = dup_list(a, src->members, src->nmembers);
	dst->dynamic = dup_list(a, src->dynamic, src->ndynamic);
	if (src->nship) {
		struct ship_setting *v =
			arena_alloc(a, src->nship * sizeof(*v));
		size_t i;

		for (i = 0; i < src->nship; i++) {
			v[i] = src->ship[i];
			v[i].value = dup(a, src->ship[i].value);
			v[i].value2 = dup(a, src->ship[i].value2);
		}
		dst->ship = v;
	}
}

void
requirement_copy(struct arena *a, struct requirement *dst,
		 const struct requirement *src)
{
	*dst = *src;
	dst->package = dup(a, src->package);
	dst->name = dup(a, src->name);
	dst->key = dup(a, src->key);
	dst->raw = dup(a, src->raw);
	dst->extras = dup(a, src->extras);
	dst->specifier = dup(a, src->specifier);
	dst->marker = dup(a, src->marker);
	dst->url = dup(a, src->url);
	dst->group = dup(a, src->group);
	dst->attr = dup(a, src->attr);
}
