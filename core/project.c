/* project.c - packages of a tree and their modules; see project.h */
#include "core/project.h"

#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/declared.h"
#include "core/pep503.h"
#include "core/source_archive.h"
#include "core/strbuf.h"
#include "core/xalloc.h"

/* A package a metadata file declared. */
struct decl {
	const char *root;
	const char *name;
	const char *version;
	const char *metadata;
};

/* A dotted name a package provides: "a" for a.py or a/__init__.py,
 * "google.cloud.storage" for a package inside namespace packages. */
struct provided {
	const char *name;
	size_t pkg;
};

struct project {
	struct arena arena;
	const char **files;
	size_t nfiles, afiles;
	bool *is_code; /* per file, once resolved */
	size_t *owner; /* per file: its package + 1, or 0; once resolved */
	struct provided *locals; /* per package: names of dirs and modules */
	size_t nlocals, alocals;
	struct decl *decls;
	size_t ndecls, adecls;
	struct decl *versions; /* version files: root is the file */
	size_t nversions, aversions;
	struct project_pkg *pkgs;
	size_t npkgs, apkgs;
	struct provided *provided;
	size_t nprovided, aprovided;
};

/* Directories whose code is not a module of the package. */
static const char *const not_modules[] = {
	"bench", "benchmarks", "build",    "dist",   "doc",
	"docs",  "example",    "examples", "script", "scripts",
	"test",  "tests",      "tools",
};

const char *
project_pkg_label(const struct project_pkg *pkg)
{
	return pkg->name ? pkg->name : *pkg->root ? pkg->root : ".";
}

struct project *
project_new(void)
{
	return xcalloc(1, sizeof(struct project));
}

void
project_free(struct project *p)
{
	if (!p)
		return;
	free(p->files);
	free(p->is_code);
	free(p->owner);
	free(p->locals);
	free(p->decls);
	free(p->versions);
	free(p->pkgs);
	free(p->provided);
	arena_release(&p->arena);
	free(p);
}

void
project_add_file(struct project *p, const char *path)
{
	XGROW(p->files, p->nfiles + 1, p->afiles);
	p->files[p->nfiles++] = arena_strdup(&p->arena, path);
}

static const char *
base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/*
 * Where the members of an archive start in path ("dist/x-1!0.whl!a/b.py":
 * after the '!' that follows an archive's name; a version's epoch has a
 * '!' too), or 0 when path is not in an archive.
 */
static size_t
archive_boundary(const char *path)
{
	const char *bang = path;
	char buf[4096];

	while ((bang = strchr(bang, '!'))) {
		size_t n = (size_t)(bang - path);

		if (n < sizeof(buf)) {
			memcpy(buf, path, n);
			buf[n] = '\0';
			if (source_archive_suffix(buf))
				return n + 1;
		}
		bang++;
	}
	return 0;
}

/*
 * The directory of path ("" at the top), in the arena.  An archive's
 * members are ARCHIVE!MEMBER: the top of the archive is "ARCHIVE!".
 */
static const char *
dir_name(struct project *p, const char *path, size_t up)
{
	size_t len = strlen(path), top = archive_boundary(path);

	while (up--) {
		while (len > top && path[len - 1] != '/')
			len--;
		if (len > top && path[len - 1] == '/')
			len--;
	}
	return arena_strndup(&p->arena, path, len);
}

/* Where the paths under root start: past its '/', or right after "!". */
static size_t
rel_start(const char *root)
{
	size_t n = strlen(root);

	return !n || root[n - 1] == '!' ? n : n + 1;
}

void
project_add_declared(struct project *p, const char *path,
		     const struct declared_pkg *pkg)
{
	const char *base = base_name(path);
	const char *root;
	struct decl *d;

	if (!strcmp(base, "setup.py") || !strcmp(base, "setup.cfg") ||
	    !strcmp(base, "pyproject.toml") || !strcmp(base, "PKG-INFO")) {
		root = dir_name(p, path, 1);
	} else if (!strcmp(base, "METADATA") && base - path > 11 &&
		   !strncmp(base - 11, ".dist-info/", 11)) {
		root = dir_name(p, path, 2);
	} else if (pkg->version && !pkg->name) {
		/* A version.py: the version of whatever package owns it. */
		XGROW(p->versions, p->nversions + 1, p->aversions);
		d = &p->versions[p->nversions++];
		d->root = d->metadata = arena_strdup(&p->arena, path);
		d->name = NULL;
		d->version = arena_strdup(&p->arena, pkg->version);
		return;
	} else {
		return;
	}
	XGROW(p->decls, p->ndecls + 1, p->adecls);
	d = &p->decls[p->ndecls++];
	d->root = root;
	d->name = pkg->name ? arena_strdup(&p->arena, pkg->name) : NULL;
	d->version =
		pkg->version ? arena_strdup(&p->arena, pkg->version) : NULL;
	d->metadata = arena_strdup(&p->arena, path);
}

void
project_add_root(struct project *p, const char *root, const char *name)
{
	struct decl *d;

	XGROW(p->decls, p->ndecls + 1, p->adecls);
	d = &p->decls[p->ndecls++];
	d->root = arena_strdup(&p->arena, root);
	d->name = name ? arena_strdup(&p->arena, name) : NULL;
	d->version = NULL;
	d->metadata = NULL;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

size_t
project_rel_start(const struct project_pkg *pkg)
{
	return rel_start(pkg->root);
}

/* Whether path lies under root. */
static bool
under(const char *path, const char *root)
{
	size_t n = strlen(root);

	if (!n)
		return true;
	if (strncmp(path, root, n))
		return false;
	return root[n - 1] == '!' || path[n] == '/';
}

static struct project_pkg *
find_or_add_root(struct project *p, const char *root)
{
	size_t i;

	for (i = 0; i < p->npkgs; i++) {
		if (!strcmp(p->pkgs[i].root, root))
			return &p->pkgs[i];
	}
	XGROW(p->pkgs, p->npkgs + 1, p->apkgs);
	memset(&p->pkgs[p->npkgs], 0, sizeof(p->pkgs[0]));
	p->pkgs[p->npkgs].root = root;
	return &p->pkgs[p->npkgs++];
}

static int
cmp_pkg(const void *a, const void *b)
{
	return strcmp(((const struct project_pkg *)a)->root,
		      ((const struct project_pkg *)b)->root);
}

static bool
is_identifier(const char *s, size_t n)
{
	size_t i;

	if (!n || (s[0] >= '0' && s[0] <= '9'))
		return false;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (!(c == '_' || (c >= 'a' && c <= 'z') ||
		      (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c >= 0x80))
			return false;
	}
	return true;
}

static bool
is_python(const char *name)
{
	size_t n = strlen(name);

	return (n > 3 && !strcmp(name + n - 3, ".py")) ||
	       (n > 4 && !strcmp(name + n - 4, ".pyi"));
}

static bool
in_not_modules(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < sizeof(not_modules) / sizeof(not_modules[0]); i++) {
		if (strlen(not_modules[i]) == n &&
		    !strncmp(s, not_modules[i], n))
			return true;
	}
	return false;
}

/* Whether dir (relative to the top) holds an __init__.py or .pyi. */
static bool
has_init(const struct project *p, const char *dir, size_t len)
{
	static const char *const inits[] = {"/__init__.py", "/__init__.pyi"};
	char buf[4096];
	size_t i;

	for (i = 0; i < 2; i++) {
		const char *key = buf;

		if (len + strlen(inits[i]) >= sizeof(buf))
			return false;
		memcpy(buf, dir, len);
		strcpy(buf + len, inits[i]);
		if (bsearch(&key, p->files, p->nfiles, sizeof(*p->files),
			    cmp_str))
			return true;
	}
	return false;
}

/* The dotted name the file rest (relative to a base dir, full path f)
 * provides: up to its first regular package, or the module itself. */
static const char *
provided_name(struct project *p, const char *f, const char *rest)
{
	struct strbuf sb = STRBUF_INIT;
	const char *s = rest, *name;

	for (;;) {
		size_t n = strcspn(s, "/");

		if (!s[n]) {
			/* The file itself: a module. */
			size_t stem =
				n -
				(n > 4 && !strcmp(s + n - 4, ".pyi") ? 4 : 3);
			if (!is_identifier(s, stem) ||
			    (sb.len == 0 &&
			     ((stem == 5 && !strncmp(s, "setup", 5)) ||
			      (stem == 8 && !strncmp(s, "conftest", 8)))))
				goto none;
			if (stem == 8 && !strncmp(s, "__init__", 8))
				break;
			if (sb.len)
				strbuf_addch(&sb, '.');
			strbuf_add(&sb, s, stem);
			break;
		}
		bool regular;

		if (!is_identifier(s, n))
			goto none;
		regular = has_init(p, f, (size_t)(s + n - f));
		/* tests/ or docs/ without __init__.py hold no module of the
		 * package; with one, "import tests.x" is its own. */
		if (!regular && sb.len == 0 && in_not_modules(s, n))
			goto none;
		if (sb.len)
			strbuf_addch(&sb, '.');
		strbuf_add(&sb, s, n);
		if (regular)
			break; /* a regular package: it provides the rest */
		s += n + 1;
	}
	name = sb.len ? arena_strndup(&p->arena, sb.buf, sb.len) : NULL;
	strbuf_release(&sb);
	return name;
none:
	strbuf_release(&sb);
	return NULL;
}

static int
cmp_provided(const void *a, const void *b)
{
	const struct provided *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c ? c : (x->pkg > y->pkg) - (x->pkg < y->pkg);
}

static const struct project_pkg *owner_by_root(const struct project *p,
					       const char *path);

/* Every directory and module name on the path of a file of package k. */
static void
add_locals(struct project *p, const char *f, size_t k)
{
	const char *c = f + rel_start(p->pkgs[k].root);

	while (*c) {
		size_t n = strcspn(c, "/");
		size_t stem = n;

		if (!c[n]) {
			if (n > 3 && !strcmp(c + n - 3, ".py"))
				stem = n - 3;
			else if (n > 4 && !strcmp(c + n - 4, ".pyi"))
				stem = n - 4;
			else
				break;
		}
		XGROW(p->locals, p->nlocals + 1, p->alocals);
		p->locals[p->nlocals].name = arena_strndup(&p->arena, c, stem);
		p->locals[p->nlocals++].pkg = k;
		c += n + (c[n] != '\0');
	}
}

void
project_resolve(struct project *p)
{
	size_t i, j;

	if (p->nfiles)
		qsort(p->files, p->nfiles, sizeof(*p->files), cmp_str);
	for (i = 0; i < p->ndecls; i++) {
		struct project_pkg *pkg = find_or_add_root(p, p->decls[i].root);

		if (!pkg->name && p->decls[i].name) {
			pkg->name = p->decls[i].name;
			pkg->version = p->decls[i].version;
			pkg->metadata = p->decls[i].metadata;
		}
	}
	for (i = 0; i < p->nfiles; i++) {
		const char *b = base_name(p->files[i]);

		if (!strcmp(b, "setup.py") || !strcmp(b, "setup.cfg"))
			find_or_add_root(p, dir_name(p, p->files[i], 1));
	}
	if (p->npkgs)
		qsort(p->pkgs, p->npkgs, sizeof(*p->pkgs), cmp_pkg);
	for (i = 0; i < p->npkgs; i++) {
		if (p->pkgs[i].name)
			p->pkgs[i].key =
				pep503_arena(&p->arena, p->pkgs[i].name);
	}
	/* A package whose metadata gives no version literal takes the one
	 * of the version file nearest its root (dagster/version.py). */
	for (i = 0; i < p->npkgs; i++) {
		struct project_pkg *pkg = &p->pkgs[i];
		const struct decl *best = NULL;

		for (j = 0; !pkg->version && j < p->nversions; j++) {
			const struct decl *v = &p->versions[j];

			if (project_owner(p, v->root) == pkg &&
			    (!best || strlen(v->root) < strlen(best->root)))
				best = v;
		}
		if (best)
			pkg->version = best->version;
	}
	p->is_code = xcalloc(p->nfiles ? p->nfiles : 1, sizeof(*p->is_code));
	p->owner = xcalloc(p->nfiles ? p->nfiles : 1, sizeof(*p->owner));
	for (i = 0; i < p->nfiles; i++) {
		const struct project_pkg *o = owner_by_root(p, p->files[i]);

		p->owner[i] = o ? (size_t)(o - p->pkgs) + 1 : 0;
		if (o)
			add_locals(p, p->files[i], (size_t)(o - p->pkgs));
	}
	if (p->nlocals)
		qsort(p->locals, p->nlocals, sizeof(*p->locals), cmp_provided);
	for (i = 0; i < p->nfiles; i++) {
		const char *f = p->files[i];
		const struct project_pkg *owner = project_owner(p, f);
		const char *rest, *name;
		size_t k;

		if (!owner || !is_python(f))
			continue;
		k = (size_t)(owner - p->pkgs);
		rest = f + rel_start(owner->root);
		if (!strncmp(rest, "src/", 4))
			rest += 4;
		name = provided_name(p, f, rest);
		if (!name)
			continue;
		p->is_code[i] = true;
		XGROW(p->provided, p->nprovided + 1, p->aprovided);
		p->provided[p->nprovided].name = name;
		p->provided[p->nprovided++].pkg = k;
	}
	if (p->nprovided)
		qsort(p->provided, p->nprovided, sizeof(*p->provided),
		      cmp_provided);
	/* Each package's top-level modules, from what it provides. */
	for (i = 0; i < p->nprovided; i++) {
		struct project_pkg *pkg = &p->pkgs[p->provided[i].pkg];
		const char *name = p->provided[i].name;
		size_t n = strcspn(name, ".");

		for (j = 0; j < pkg->nmodules; j++) {
			if (strlen(pkg->modules[j]) == n &&
			    !strncmp(pkg->modules[j], name, n))
				break;
		}
		if (j < pkg->nmodules)
			continue;
		{
			const char **m = arena_alloc(
				&p->arena, (pkg->nmodules + 1) * sizeof(*m));
			if (pkg->nmodules)
				memcpy(m, pkg->modules,
				       pkg->nmodules * sizeof(*m));
			m[pkg->nmodules++] = arena_strndup(&p->arena, name, n);
			pkg->modules = m;
		}
	}
	for (i = 0; i < p->npkgs; i++) {
		if (p->pkgs[i].nmodules)
			qsort(p->pkgs[i].modules, p->pkgs[i].nmodules,
			      sizeof(*p->pkgs[i].modules), cmp_str);
	}
}

const struct project_pkg *
project_packages(const struct project *p, size_t *n)
{
	*n = p->npkgs;
	return p->pkgs;
}

/* The package the file at path belongs to, by its root. */
static const struct project_pkg *
owner_by_root(const struct project *p, const char *path)
{
	const struct project_pkg *best = NULL;
	size_t i;

	for (i = 0; i < p->npkgs; i++) {
		if (under(path, p->pkgs[i].root) &&
		    (!best || strlen(p->pkgs[i].root) > strlen(best->root)))
			best = &p->pkgs[i];
	}
	return best;
}

bool
project_is_code(const struct project *p, const char *path)
{
	const char *const *hit;

	if (!p->nfiles || !p->is_code)
		return false;
	hit = bsearch(&path, p->files, p->nfiles, sizeof(*p->files), cmp_str);
	return hit && p->is_code[hit - p->files];
}

bool
project_is_local(const struct project *p, const struct project_pkg *pkg,
		 const char *top, size_t len)
{
	size_t lo = 0, hi = p->nlocals, k = (size_t)(pkg - p->pkgs);

	/* locals are sorted by name, then package */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct provided *x = &p->locals[mid];
		int c = strncmp(x->name, top, len);

		if (!c)
			c = x->name[len] ? 1 : 0;
		if (!c)
			c = (x->pkg > k) - (x->pkg < k);
		if (c < 0)
			lo = mid + 1;
		else if (c > 0)
			hi = mid;
		else
			return true;
	}
	return false;
}

const struct project_pkg *
project_owner(const struct project *p, const char *path)
{
	const char *const *hit = NULL;

	if (p->owner && p->nfiles)
		hit = bsearch(&path, p->files, p->nfiles, sizeof(*p->files),
			      cmp_str);
	if (!hit)
		return owner_by_root(p, path);
	return p->owner[hit - p->files] ? &p->pkgs[p->owner[hit - p->files] - 1]
					: NULL;
}

/* The first entry of v (sorted by name, then package) named [s, s+n). */
static const struct provided *
find_provided(const struct provided *v, size_t count, const char *s, size_t n)
{
	size_t lo = 0, hi = count;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strncmp(v[mid].name, s, n);

		if (!c && v[mid].name[n])
			c = 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < count && !strncmp(v[lo].name, s, n) && !v[lo].name[n]
		       ? &v[lo]
		       : NULL;
}

const struct project_pkg *
project_provider(const struct project *p, const char *module)
{
	size_t n = strlen(module);

	/* The longest provided name that is module or a parent of it. */
	for (;;) {
		const struct provided *hit =
			find_provided(p->provided, p->nprovided, module, n);

		if (hit)
			return &p->pkgs[hit->pkg];
		while (n && module[n - 1] != '.')
			n--;
		if (!n--)
			return NULL;
	}
}

/* Whether root is the path src copies: equal, or a tail of it. */
static bool
same_subdir(const char *root, const char *subdir)
{
	size_t r = strlen(root), s;

	while (*subdir == '/' || !strncmp(subdir, "./", 2))
		subdir++;
	s = strlen(subdir);
	while (s && subdir[s - 1] == '/')
		s--;
	if (!r || !s)
		return false;
	if (r == s)
		return !strncmp(root, subdir, s);
	if (r > s)
		return root[r - s - 1] == '/' &&
		       !strncmp(root + r - s, subdir, s);
	return subdir[s - r - 1] == '/' && !strncmp(subdir + s - r, root, r);
}

const struct project_pkg *
project_match_derivation(const struct project *p,
			 const struct declared_pkg *drv)
{
	size_t i;

	if (drv->src.subdir) {
		for (i = 0; i < p->npkgs; i++) {
			if (same_subdir(p->pkgs[i].root, drv->src.subdir))
				return &p->pkgs[i];
		}
	}
	for (i = 0; drv->name && i < p->npkgs; i++) {
		if (p->pkgs[i].name && pep503_equal(p->pkgs[i].name, drv->name))
			return &p->pkgs[i];
	}
	return NULL;
}
