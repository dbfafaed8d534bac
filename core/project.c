/* project.c - packages of a tree and their modules; see project.h */
#include "core/project.h"

#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/declared.h"
#include "core/pep503.h"
#include "core/ship.h"
#include "core/source_archive.h"
#include "core/strbuf.h"
#include "core/xalloc.h"

/* A package a metadata file declared. */
struct decl {
	const char *root;
	const char *name;
	const char *version;
	const char *metadata;
	const struct ship_setting *ship; /* its build settings, copied */
	size_t nship;
	bool configured; /* named by the config: a package whatever */
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
	unsigned char *role; /* per file: enum project_role, once resolved */
	const char **module; /* per file: the module it is, when shipped */
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
	struct provided *vendored; /* per package: what its vendoring
				    * directories hold, sorted */
	size_t nvendored, avendored;
	const char **reqfiles; /* requirements files, for applications */
	size_t nreqfiles, areqfiles;
	const struct declared_pkg **hints; /* derivations, borrowed */
	size_t nhints, ahints;
};

/* An application's directories whose code is not a module of it. */
static const char *const not_modules[] = {
	"bench", "benchmarks", "build",    "dist",   "doc",
	"docs",  "example",    "examples", "script", "scripts",
	"test",  "tests",      "tools",
};

/* An application's top-level files that are tooling, not its code. */
static const char *const not_code[] = {
	"conftest", "dodo",  "fabfile", "noxfile", "pavement",
	"runtests", "setup", "tasks",   "toxfile",
};

/* Directories of test data: metadata under them is a fixture. */
static const char *const fixture_dirs[] = {
	"fixtures", "test",    "test-data", "test_data",
	"testdata", "testing", "tests",
};

#define IN_LIST(v, s, len) mem_in(v, sizeof(v) / sizeof(v[0]), s, len)

/* Directories of test data: their code never runs as the package's;
 * the second list only below a test directory (tests/data/). */
static const char *const data_dirs[] = {
	"fixtures",
	"test-data",
	"test_data",
	"testdata",
};
static const char *const test_data_dirs[] = {
	"cases",
	"data",
	"resources",
	"samples",
};
static const char *const test_dirs[] = {
	"test",
	"testing",
	"tests",
};

/* Directories of tooling, docs and examples: a test_*.py there is no
 * test of the package (pytest is not pointed at it). */
static const char *const tooling_dirs[] = {
	"bench",    "benchmark", "benchmarks", "doc",  "docs",
	"docs_src", "example",   "examples",   "perf", "script",
	"scripts",  "tasks",     "tools",
};

/* Whether a directory of path below start is one of the n names v. */
static bool
dir_in(const char *path, size_t start, const char *const *v, size_t n)
{
	const char *c = path + start;

	while (strchr(c, '/')) {
		size_t len = strcspn(c, "/");

		if (mem_in(v, n, c, len))
			return true;
		c += len + 1;
	}
	return false;
}

#define DIR_IN(path, start, v) dir_in(path, start, v, sizeof(v) / sizeof(v[0]))

/* Whether a directory of path below start holds test data. */
static bool
is_test_data(const char *path, size_t start)
{
	const char *c = path + start;
	bool in_tests = false;

	while (strchr(c, '/')) {
		size_t n = strcspn(c, "/");

		if (IN_LIST(data_dirs, c, n) ||
		    (in_tests && IN_LIST(test_data_dirs, c, n)))
			return true;
		in_tests = in_tests || IN_LIST(test_dirs, c, n);
		c += n + 1;
	}
	return false;
}

const char *
project_pkg_label(const struct project_pkg *pkg)
{
	return pkg->label;
}

/* A package's name, else its directory's base name; never a path. */
static const char *
make_label(struct project *p, const struct project_pkg *pkg)
{
	const char *root = pkg->root, *b;
	size_t n = strlen(root);

	if (pkg->name)
		return pkg->name;
	if (n && root[n - 1] == '!')
		n--; /* the top of an archive: its file's name */
	for (b = root + n; b > root && b[-1] != '/'; b--)
		;
	return n ? arena_strndup(&p->arena, b, (size_t)(root + n - b)) : ".";
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
	free(p->role);
	free(p->module);
	free(p->owner);
	free(p->locals);
	free(p->decls);
	free(p->versions);
	free(p->pkgs);
	free(p->provided);
	free(p->vendored);
	free(p->reqfiles);
	free(p->hints);
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

	if (!strcmp(base, "PKG-INFO") && base - path > 10 &&
	    !strncmp(base - 10, ".egg-info/", 10)) {
		return; /* what a build left behind, not a package */
	} else if (!strcmp(base, "setup.py") || !strcmp(base, "setup.cfg") ||
		   !strcmp(base, "pyproject.toml") ||
		   !strcmp(base, "PKG-INFO")) {
		root = dir_name(p, path, 1);
	} else if (!strcmp(base, "METADATA") && base - path > 11 &&
		   !strncmp(base - 11, ".dist-info/", 11) &&
		   archive_boundary(path)) {
		/* a wheel's; in a tree, a vendored or installed one */
		root = dir_name(p, path, 2);
	} else if (pkg->version && *pkg->version && !pkg->name) {
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
		/* an empty version is a placeholder, not a version */
		pkg->version && *pkg->version
			? arena_strdup(&p->arena, pkg->version)
			: NULL;
	d->metadata = arena_strdup(&p->arena, path);
	d->ship = NULL;
	d->nship = pkg->nship;
	d->configured = false;
	if (pkg->nship) {
		struct ship_setting *v =
			arena_alloc(&p->arena, pkg->nship * sizeof(*v));
		size_t i;

		for (i = 0; i < pkg->nship; i++) {
			v[i] = pkg->ship[i];
			v[i].value = pkg->ship[i].value
					     ? arena_strdup(&p->arena,
							    pkg->ship[i].value)
					     : NULL;
			v[i].value2 =
				pkg->ship[i].value2
					? arena_strdup(&p->arena,
						       pkg->ship[i].value2)
					: NULL;
		}
		d->ship = v;
	}
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
	d->ship = NULL;
	d->nship = 0;
	d->configured = true;
}

void
project_add_hints(struct project *p, const struct declared_pkg *drv)
{
	if (!drv->nimports_check)
		return;
	XGROW(p->hints, p->nhints + 1, p->ahints);
	p->hints[p->nhints++] = drv;
}

void
project_add_requirements(struct project *p, const char *path)
{
	XGROW(p->reqfiles, p->nreqfiles + 1, p->areqfiles);
	p->reqfiles[p->nreqfiles++] = arena_strdup(&p->arena, path);
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
is_python(const char *name)
{
	size_t n = strlen(name);

	return (n > 3 && !strcmp(name + n - 3, ".py")) ||
	       (n > 4 && !strcmp(name + n - 4, ".pyi"));
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

/* What an application's file rest (relative to its root, full path f)
 * provides, guessed from the layout alone: up to its first regular
 * package, or the module itself; nothing in tests, docs, tooling. */
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
			if (!ship_is_identifier(s, stem) ||
			    (sb.len == 0 && IN_LIST(not_code, s, stem)))
				goto none;
			if (stem == 8 && !strncmp(s, "__init__", 8))
				break;
			if (sb.len)
				strbuf_addch(&sb, '.');
			strbuf_add(&sb, s, stem);
			break;
		}
		bool regular;

		if (!ship_is_identifier(s, n))
			goto none;
		regular = has_init(p, f, (size_t)(s + n - f));
		/* tests/ or docs/ without __init__.py hold no module of the
		 * package; with one, "import tests.x" is its own. */
		if (!regular && sb.len == 0 && IN_LIST(not_modules, s, n))
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

/* Whether the metadata at root is a fixture: it lies under a test or
 * data directory below the root of another package.  roots: the
 * declared roots, sorted. */
static bool
is_fixture(const char *root, const char *const *roots, size_t nroots)
{
	size_t n = strlen(root), k, start = (size_t)-1;
	const char *c;

	/* the shortest other root above it: "", an archive's top, a/b */
	for (k = 0; k < n && start == (size_t)-1; k++) {
		char buf[4096];
		const char *key = buf;
		size_t len = k;

		if (k && root[k] != '/' && root[k - 1] != '!')
			continue;
		if (k && root[k - 1] == '!')
			len = k;
		if (len >= sizeof(buf))
			break;
		memcpy(buf, root, len);
		buf[len] = '\0';
		if (bsearch(&key, roots, nroots, sizeof(*roots), cmp_str))
			start = len;
	}
	if (start == (size_t)-1)
		return false;
	for (c = root + start + (root[start] == '/'); *c;) {
		size_t m = strcspn(c, "/");

		if (IN_LIST(fixture_dirs, c, m))
			return true;
		c += m + (c[m] == '/');
	}
	return false;
}

/* The roots of the packages: the declared ones and every directory with
 * a setup.py or setup.cfg, but fixtures; else an application. */
static void
find_roots(struct project *p)
{
	const char **roots = xcalloc(p->ndecls + 1, sizeof(*roots));
	size_t i, best = 0, nroots = 0;

	for (i = 0; i < p->ndecls; i++) {
		if (!p->decls[i].configured)
			roots[nroots++] = p->decls[i].root;
	}
	if (nroots)
		qsort(roots, nroots, sizeof(*roots), cmp_str);
	for (i = 0; i < p->ndecls; i++) {
		struct project_pkg *pkg;

		if (!p->decls[i].configured &&
		    is_fixture(p->decls[i].root, roots, nroots))
			continue;
		pkg = find_or_add_root(p, p->decls[i].root);
		if (!pkg->name && p->decls[i].name) {
			pkg->name = p->decls[i].name;
			pkg->version = p->decls[i].version;
			pkg->metadata = p->decls[i].metadata;
		}
	}
	for (i = 0; i < p->nfiles; i++) {
		const char *b = base_name(p->files[i]), *root;

		if (strcmp(b, "setup.py") && strcmp(b, "setup.cfg"))
			continue;
		root = dir_name(p, p->files[i], 1);
		if (!is_fixture(root, roots, nroots))
			find_or_add_root(p, root);
	}
	free(roots);
	if (p->npkgs || !p->nreqfiles)
		return;
	for (i = 1; i < p->nreqfiles; i++) {
		if (strcmp(dir_name(p, p->reqfiles[i], 1),
			   dir_name(p, p->reqfiles[best], 1)) < 0 &&
		    strlen(dir_name(p, p->reqfiles[i], 1)) <=
			    strlen(dir_name(p, p->reqfiles[best], 1)))
			best = i;
	}
	{
		const char *root = dir_name(p, p->reqfiles[best], 1);

		/* requirements/base.txt: the application is above */
		if (!strcmp(base_name(root), "requirements"))
			root = dir_name(p, root, 1);
		find_or_add_root(p, root)->application = true;
	}
}

/* The build settings of every metadata file at pkg's root; byroot:
 * the declarations sorted by root. */
static struct ship_setting *
settings_of(const struct project *p, const struct decl *const *byroot,
	    const struct project_pkg *pkg, size_t *n)
{
	struct ship_setting *v = NULL;
	size_t lo = 0, hi = p->ndecls, i, k = 0;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(byroot[mid]->root, pkg->root) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i < p->ndecls && !strcmp(byroot[i]->root, pkg->root); i++)
		k += byroot[i]->nship;
	*n = k;
	if (!k)
		return NULL;
	v = xcalloc(k, sizeof(*v));
	for (i = lo, k = 0;
	     i < p->ndecls && !strcmp(byroot[i]->root, pkg->root); i++) {
		if (byroot[i]->nship)
			memcpy(v + k, byroot[i]->ship,
			       byroot[i]->nship * sizeof(*v));
		k += byroot[i]->nship;
	}
	return v;
}

static int
cmp_decl(const void *a, const void *b)
{
	const struct decl *x = *(const struct decl *const *)a;
	const struct decl *y = *(const struct decl *const *)b;
	int c = strcmp(x->root, y->root);

	/* the order of the files, for settings in the order written */
	return c ? c : (x > y) - (x < y);
}

/* The name the shipped module (file f) provides: its parts down to the
 * first regular package, or the module itself. */
static const char *
shipped_name(struct project *p, const char *f, const char *module)
{
	size_t base = strlen(f), strip = 1, i;
	const char *c, *b = base_name(f);

	for (c = module; *c; c++)
		strip += *c == '.';
	/* The directories of the module's packages are the last parts of
	 * f's path (unless the backend renamed them on the way): f[0..base)
	 * is the directory imports start from. */
	if (!strcmp(b, "__init__.py") || !strcmp(b, "__init__.pyi"))
		strip++;
	for (i = 0; i < strip && base; i++) {
		while (base && f[base - 1] != '/')
			base--;
		if (base)
			base--;
	}
	for (c = module;;) {
		size_t n = strcspn(c, ".");
		size_t dir = base + (base != 0) + (size_t)(c + n - module);

		if (!c[n])
			return arena_strdup(&p->arena, module);
		if (dir <= strlen(f) && has_init(p, f, dir))
			return arena_strndup(&p->arena, module,
					     (size_t)(c + n - module));
		c += n + 1;
	}
}

static void
add_provided(struct project *p, const char *name, size_t k)
{
	XGROW(p->provided, p->nprovided + 1, p->aprovided);
	p->provided[p->nprovided].name = name;
	p->provided[p->nprovided++].pkg = k;
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

/* The pythonImportsCheck of the derivation that builds pkg, if any. */
static const char *const *
hints_of(const struct project *p, const struct project_pkg *pkg, size_t *n)
{
	size_t i;

	for (i = 0; i < p->nhints; i++) {
		const struct declared_pkg *d = p->hints[i];

		if ((d->src.subdir && same_subdir(pkg->root, d->src.subdir)) ||
		    (d->name && pkg->name &&
		     pep503_equal(pkg->name, d->name))) {
			*n = d->nimports_check;
			return d->imports_check;
		}
	}
	*n = 0;
	return NULL;
}

/* The files of package k that its backend ships, and what they provide. */
static void
select_files(struct project *p, const struct decl *const *byroot, size_t k,
	     const size_t *idx, size_t n)
{
	struct project_pkg *pkg = &p->pkgs[k];
	size_t skip = rel_start(pkg->root), i, nship, stubs = 0, code = 0;
	const char **rel = xcalloc(n + 1, sizeof(*rel));
	struct ship_input in;
	struct ship_result r;

	for (i = 0; i < n; i++)
		rel[i] = p->files[idx[i]] + skip;
	memset(&in, 0, sizeof(in));
	in.settings = settings_of(p, byroot, pkg, &nship);
	in.nsettings = nship;
	in.name = pkg->name;
	in.files = rel;
	in.nfiles = n;
	in.hints = hints_of(p, pkg, &in.nhints);
	in.wheel = pkg->metadata && strstr(pkg->metadata, ".dist-info/") &&
		   archive_boundary(pkg->metadata);
	ship_select(&p->arena, &in, &r);
	pkg->ship = ship_how_name(r.how);
	pkg->backend = r.backend;
	for (i = 0; i < r.nfiles; i++) {
		const char *f = p->files[idx[r.files[i].index]];
		size_t len = strlen(f);

		if (r.files[i].role == SHIP_CODE) {
			code++;
			stubs += len > 4 && !strcmp(f + len - 4, ".pyi");
		}
	}
	for (i = 0; i < r.nfiles; i++) {
		size_t f = idx[r.files[i].index];
		size_t len = strlen(p->files[f]);
		bool stub = len > 4 && !strcmp(p->files[f] + len - 4, ".pyi");

		switch (r.files[i].role) {
		case SHIP_CODE:
			/* stubs need nothing, unless the package is only
			 * stubs (a -stubs or types- distribution) */
			p->role[f] = stub && stubs < code ? PROJECT_STUB
							  : PROJECT_CODE;
			p->module[f] = r.files[i].module;
			add_provided(
				p,
				shipped_name(p, p->files[f], r.files[i].module),
				k);
			break;
		case SHIP_VENDORED:
			p->role[f] = PROJECT_VENDORED;
			break;
		case SHIP_HOOK:
			p->role[f] = PROJECT_HOOK;
			break;
		}
	}
	/* What a vendoring directory holds is importable by its name. */
	for (i = 0; i < r.nvendor_dirs; i++) {
		const char *dir = r.vendor_dirs[i];
		size_t dn = strlen(dir), j;

		for (j = 0; j < n; j++) {
			const char *c = rel[j], *name;
			size_t m, stem;

			if (strncmp(c, dir, dn) || c[dn] != '/')
				continue;
			c += dn + 1;
			m = strcspn(c, "/");
			stem = c[m]                                 ? m
			       : m > 3 && !strcmp(c + m - 3, ".py") ? m - 3
								    : 0;
			if (!stem || !ship_is_identifier(c, stem))
				continue;
			name = arena_strndup(&p->arena, c, stem);
			if (p->nvendored &&
			    p->vendored[p->nvendored - 1].pkg == k &&
			    !strcmp(p->vendored[p->nvendored - 1].name, name))
				continue;
			XGROW(p->vendored, p->nvendored + 1, p->avendored);
			p->vendored[p->nvendored].name = name;
			p->vendored[p->nvendored++].pkg = k;
		}
	}
	free((void *)in.settings);
	free(rel);
}

/* The dotted module of a path below the import root: "a/b/__init__.py"
 * is "a.b". */
static const char *
module_path(struct project *p, const char *rel)
{
	size_t n = strlen(rel), i;
	char *m;

	if (n > 4 && !strcmp(rel + n - 4, ".pyi"))
		n -= 4;
	else if (n > 3 && !strcmp(rel + n - 3, ".py"))
		n -= 3;
	if (n >= 9 && !strncmp(rel + n - 8, "__init__", 8) && rel[n - 9] == '/')
		n -= 9;
	m = arena_strndup(&p->arena, rel, n);
	for (i = 0; i < n; i++) {
		if (m[i] == '/')
			m[i] = '.';
	}
	return m;
}

/* An application has no backend: its code is guessed from the layout. */
static void
guess_files(struct project *p, size_t k, const size_t *idx, size_t n)
{
	struct project_pkg *pkg = &p->pkgs[k];
	size_t i;

	pkg->ship = "guessed";
	for (i = 0; i < n; i++) {
		const char *f = p->files[idx[i]], *rest, *name;

		if (!is_python(f))
			continue;
		rest = f + rel_start(pkg->root);
		if (!strncmp(rest, "src/", 4))
			rest += 4;
		name = provided_name(p, f, rest);
		if (!name)
			continue;
		p->role[idx[i]] = PROJECT_CODE;
		p->module[idx[i]] = module_path(p, rest);
		add_provided(p, name, k);
	}
}

void
project_resolve(struct project *p)
{
	const struct decl **byroot;
	size_t i, j, *idx, *start;

	if (p->nfiles)
		qsort(p->files, p->nfiles, sizeof(*p->files), cmp_str);
	find_roots(p);
	if (p->npkgs)
		qsort(p->pkgs, p->npkgs, sizeof(*p->pkgs), cmp_pkg);
	for (i = 0; i < p->npkgs; i++) {
		if (p->pkgs[i].name)
			p->pkgs[i].key =
				pep503_arena(&p->arena, p->pkgs[i].name);
		p->pkgs[i].label = make_label(p, &p->pkgs[i]);
	}
	/* A package whose metadata gives no version literal takes the one
	 * of the version file nearest its root (dagster/version.py). */
	for (i = 0; i < p->npkgs; i++) {
		struct project_pkg *pkg = &p->pkgs[i];
		const struct decl *best = NULL;

		for (j = 0; !pkg->version && j < p->nversions; j++) {
			const struct decl *v = &p->versions[j];

			if (owner_by_root(p, v->root) == pkg &&
			    (!best || strlen(v->root) < strlen(best->root)))
				best = v;
		}
		if (best)
			pkg->version = best->version;
	}
	p->role = xcalloc(p->nfiles ? p->nfiles : 1, sizeof(*p->role));
	p->module = xcalloc(p->nfiles ? p->nfiles : 1, sizeof(*p->module));
	p->owner = xcalloc(p->nfiles ? p->nfiles : 1, sizeof(*p->owner));
	for (i = 0; i < p->nfiles; i++) {
		const struct project_pkg *o = owner_by_root(p, p->files[i]);

		p->owner[i] = o ? (size_t)(o - p->pkgs) + 1 : 0;
		if (o)
			add_locals(p, p->files[i], (size_t)(o - p->pkgs));
	}
	if (p->nlocals)
		qsort(p->locals, p->nlocals, sizeof(*p->locals), cmp_provided);
	/* The files of each package, in order: a counting sort. */
	start = xcalloc(p->npkgs + 2, sizeof(*start));
	idx = xcalloc(p->nfiles + 1, sizeof(*idx));
	for (i = 0; i < p->nfiles; i++)
		start[p->owner[i] + 1]++;
	for (i = 1; i <= p->npkgs + 1; i++)
		start[i] += start[i - 1];
	for (i = 0; i < p->nfiles; i++) {
		size_t o = p->owner[i];

		idx[start[o]++] = i;
	}
	byroot = xcalloc(p->ndecls + 1, sizeof(*byroot));
	for (i = 0; i < p->ndecls; i++)
		byroot[i] = &p->decls[i];
	if (p->ndecls)
		qsort(byroot, p->ndecls, sizeof(*byroot), cmp_decl);
	/* start[o] is now the end of package o - 1's files */
	for (i = 0; i < p->npkgs; i++) {
		size_t b = start[i], e = start[i + 1];

		if (p->pkgs[i].application)
			guess_files(p, i, idx + b, e - b);
		else
			select_files(p, byroot, i, idx + b, e - b);
	}
	free(byroot);
	free(idx);
	free(start);
	for (i = 0; i < p->nfiles; i++) {
		const struct project_pkg *o =
			p->owner[i] ? &p->pkgs[p->owner[i] - 1] : NULL;

		if (!o || p->role[i] != PROJECT_OTHER)
			continue;
		if (is_test_data(p->files[i], rel_start(o->root)))
			p->role[i] = PROJECT_FIXTURE;
		else if (DIR_IN(p->files[i], rel_start(o->root), tooling_dirs))
			p->role[i] = PROJECT_TOOLING;
	}
	if (p->nprovided)
		qsort(p->provided, p->nprovided, sizeof(*p->provided),
		      cmp_provided);
	if (p->nvendored)
		qsort(p->vendored, p->nvendored, sizeof(*p->vendored),
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

const char *
project_module(const struct project *p, const char *path)
{
	const char *const *hit;

	if (!p->nfiles || !p->module)
		return NULL;
	hit = bsearch(&path, p->files, p->nfiles, sizeof(*p->files), cmp_str);
	return hit ? p->module[hit - p->files] : NULL;
}

bool
project_declares(const struct project *p, const struct project_pkg *pkg,
		 const char *path)
{
	size_t i;

	for (i = 0; i < p->ndecls; i++) {
		if (p->decls[i].metadata && !strcmp(p->decls[i].metadata, path))
			return !strcmp(p->decls[i].root, pkg->root);
	}
	/* a .dist-info or .egg-info of a vendored or left-over install */
	if (!strcmp(base_name(path), "METADATA") ||
	    !strcmp(base_name(path), "PKG-INFO"))
		return false;
	return !DIR_IN(path, rel_start(pkg->root), fixture_dirs);
}

enum project_role
project_role(const struct project *p, const char *path)
{
	const char *const *hit;

	if (!p->nfiles || !p->role)
		return PROJECT_OTHER;
	hit = bsearch(&path, p->files, p->nfiles, sizeof(*p->files), cmp_str);
	return hit ? (enum project_role)p->role[hit - p->files] : PROJECT_OTHER;
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

bool
project_owns(const struct project *p, const struct project_pkg *pkg,
	     const char *module)
{
	size_t n = strlen(module), k = (size_t)(pkg - p->pkgs);
	size_t top = strcspn(module, ".");
	const struct provided *hit;

	hit = find_provided(p->vendored, p->nvendored, module, top);
	for (; hit && hit < p->vendored + p->nvendored &&
	       !strncmp(hit->name, module, top) && !hit->name[top];
	     hit++) {
		if (hit->pkg == k)
			return true;
	}
	/* The longest provided prefix: is pkg among its providers? */
	for (;;) {
		hit = find_provided(p->provided, p->nprovided, module, n);
		if (hit) {
			for (; hit < p->provided + p->nprovided &&
			       !strncmp(hit->name, module, n) && !hit->name[n];
			     hit++) {
				if (hit->pkg == k)
					return true;
			}
			return false;
		}
		while (n && module[n - 1] != '.')
			n--;
		if (!n--)
			return false;
	}
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
