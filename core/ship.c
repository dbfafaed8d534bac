/* ship.c - the files a build backend puts in the wheel; see ship.h */
#include "core/ship.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/strbuf.h"
#include "core/xalloc.h"

static const char *const key_names[] = {
	[SHIP_BACKEND] = "build-backend",
	[SHIP_PACKAGE] = "packages",
	[SHIP_PY_MODULE] = "py-modules",
	[SHIP_PACKAGE_DIR] = "package-dir",
	[SHIP_FIND] = "find",
	[SHIP_FIND_WHERE] = "find.where",
	[SHIP_FIND_INCLUDE] = "find.include",
	[SHIP_FIND_EXCLUDE] = "find.exclude",
	[SHIP_PACKAGES_UNKNOWN] = "packages-not-evaluated",
	[SHIP_HATCH_PACKAGES] = "hatch.packages",
	[SHIP_HATCH_ONLY_INCLUDE] = "hatch.only-include",
	[SHIP_HATCH_INCLUDE] = "hatch.include",
	[SHIP_HATCH_EXCLUDE] = "hatch.exclude",
	[SHIP_HATCH_SOURCES] = "hatch.sources",
	[SHIP_POETRY_INCLUDE] = "poetry.packages",
	[SHIP_POETRY_EXCLUDE] = "poetry.exclude",
	[SHIP_FLIT_MODULE] = "flit.module",
	[SHIP_PDM_INCLUDE] = "pdm.includes",
	[SHIP_PDM_EXCLUDE] = "pdm.excludes",
	[SHIP_PDM_PACKAGE_DIR] = "pdm.package-dir",
	[SHIP_MATURIN_PYTHON_SOURCE] = "maturin.python-source",
	[SHIP_MATURIN_MODULE_NAME] = "maturin.module-name",
	[SHIP_MATURIN_PYTHON_PACKAGE] = "maturin.python-packages",
	[SHIP_SKBUILD_PACKAGE] = "scikit-build.wheel.packages",
	[SHIP_BUILD_HOOK] = "build-hook",
};

const char *
ship_key_name(enum ship_key key)
{
	return (size_t)key < sizeof(key_names) / sizeof(key_names[0]) &&
			       key_names[key]
		       ? key_names[key]
		       : "?";
}

const char *
ship_how_name(enum ship_how how)
{
	switch (how) {
	case SHIP_CONFIGURED:
		return "configured";
	case SHIP_DEFAULT:
		return "default";
	case SHIP_CONVENTION:
		return "convention";
	case SHIP_NONE:
		break;
	}
	return "none";
}

/* Directories whose code a package vendors, put on sys.path. */
static const char *const vendor_names[] = {
	"_vendor",
	"_vendored",
	"extern",
	"vendor",
};

/* What setuptools' flat-layout discovery leaves out at the top. */
static const char *const flat_skip_packages[] = {
	"benchmark",     "benchmarks", "bin",           "build",
	"changelog",     "ci",         "debian",        "dist",
	"doc",           "docs",       "documentation", "env",
	"example",       "examples",   "exercise",      "exercises",
	"fabfile",       "htmlcov",    "manpages",      "news",
	"newsfragments", "python",     "requirements",  "scripts",
	"site_scons",    "tasks",      "test",          "tests",
	"tools",         "unit_test",  "unit_tests",    "util",
	"utils",         "venv",
};
static const char *const flat_skip_modules[] = {
	"benchmark", "benchmarks", "build",    "conanfile", "conftest",
	"dodo",      "example",    "examples", "exercise",  "exercises",
	"fabfile",   "manage",     "noxfile",  "pavement",  "runtests",
	"setup",     "tasks",      "test",     "tests",     "toxfile",
};

enum backend {
	BACKEND_SETUPTOOLS,
	BACKEND_HATCH,
	BACKEND_POETRY,
	BACKEND_FLIT,
	BACKEND_PDM,
	BACKEND_MATURIN,
	BACKEND_SKBUILD,
	BACKEND_OTHER,
};

enum { NAME_MAX_CANDIDATES = 4, PATTERN_MAX_SEGMENTS = 64 };

/* One selection in progress. */
struct sel {
	struct arena *arena;
	const struct ship_input *in;
	const char *const *files;
	size_t nfiles;
	const char **module; /* per file: its module once shipped */
	unsigned char *role; /* per file: enum ship_role + 1; 0 = not */
	size_t nshipped;
	/* The import names a default looks for: the distribution's name
	 * with '-' and '.' made '_', as written and in lower case. */
	const char *names[NAME_MAX_CANDIDATES];
	size_t nnames;
	struct strbuf tmp;
};

#define IN_SET(set, s, len) mem_in(set, sizeof(set) / sizeof(set[0]), s, len)

bool
ship_is_identifier(const char *s, size_t n)
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

/* The length of the stem of a Python file's name, or 0. */
static size_t
python_stem(const char *name, size_t n)
{
	if (n > 3 && !memcmp(name + n - 3, ".py", 3))
		return n - 3;
	if (n > 4 && !memcmp(name + n - 4, ".pyi", 4))
		return n - 4;
	return 0;
}

/* The first file whose first n bytes are not before s[0..n). */
static size_t
lower_bound(const struct sel *sel, const char *s, size_t n)
{
	size_t lo = 0, hi = sel->nfiles;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strncmp(sel->files[mid], s, n) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The index of the file path, or nfiles. */
static size_t
find_file(const struct sel *sel, const char *path)
{
	size_t i = lower_bound(sel, path, strlen(path));

	for (; i < sel->nfiles && !strncmp(sel->files[i], path, strlen(path));
	     i++) {
		if (!strcmp(sel->files[i], path))
			return i;
	}
	return sel->nfiles;
}

static bool
has_file(const struct sel *sel, const char *path)
{
	return find_file(sel, path) < sel->nfiles;
}

/* The files under directory dir ("" for every file): [*begin, end). */
static size_t
dir_range(const struct sel *sel, const char *dir, size_t *begin)
{
	size_t n = strlen(dir), i, j;
	struct strbuf sb = STRBUF_INIT;

	if (!n) {
		*begin = 0;
		return sel->nfiles;
	}
	strbuf_add(&sb, dir, n);
	strbuf_addch(&sb, '/');
	i = lower_bound(sel, sb.buf, sb.len);
	for (j = i; j < sel->nfiles && !strncmp(sel->files[j], sb.buf, sb.len);
	     j++)
		;
	strbuf_release(&sb);
	*begin = i;
	return j;
}

static bool
has_dir(const struct sel *sel, const char *dir)
{
	size_t i, end = dir_range(sel, dir, &i);

	return *dir && i < end;
}

/* a/b, in the arena: either may be "" or NULL; "./" at the front and
 * '/' at the end of each are dropped, "." is "". */
static const char *
join(struct sel *sel, const char *a, const char *b)
{
	const char *parts[2] = {a, b};
	size_t k;

	strbuf_reset(&sel->tmp);
	for (k = 0; k < 2; k++) {
		const char *p = parts[k];
		size_t n;

		if (!p)
			continue;
		while (!strncmp(p, "./", 2) || *p == '/')
			p += *p == '/' ? 1 : 2;
		n = strlen(p);
		while (n && p[n - 1] == '/')
			n--;
		if (n == 1 && *p == '.')
			n = 0;
		if (!n)
			continue;
		if (sel->tmp.len)
			strbuf_addch(&sel->tmp, '/');
		strbuf_add(&sel->tmp, p, n);
	}
	return arena_strndup(sel->arena, strbuf_str(&sel->tmp), sel->tmp.len);
}

/* The dotted form of a path of directories: "a/b" is "a.b"; NULL when a
 * part is not an identifier. */
static const char *
dotted(struct sel *sel, const char *path)
{
	const char *c = path;

	strbuf_reset(&sel->tmp);
	while (*c) {
		size_t n = strcspn(c, "/");

		if (!ship_is_identifier(c, n))
			return NULL;
		if (sel->tmp.len)
			strbuf_addch(&sel->tmp, '.');
		strbuf_add(&sel->tmp, c, n);
		c += n + (c[n] == '/');
	}
	return arena_strndup(sel->arena, strbuf_str(&sel->tmp), sel->tmp.len);
}

/*
 * The dotted module of the file rel below a directory whose module is
 * prefix ("" at the top of the import path): "a/b/__init__.py" under ""
 * is "a.b".  NULL when a part is not an identifier or the file is not
 * Python.
 */
static const char *
module_of(struct sel *sel, const char *prefix, const char *rel)
{
	struct strbuf *sb = &sel->tmp;
	const char *c = rel;

	strbuf_reset(sb);
	if (prefix)
		strbuf_addstr(sb, prefix);
	for (;;) {
		size_t n = strcspn(c, "/"), stem = n;

		if (!c[n]) {
			stem = python_stem(c, n);
			if (!stem || !ship_is_identifier(c, stem))
				return NULL;
			if (stem == 8 && !strncmp(c, "__init__", 8))
				break;
		} else if (!ship_is_identifier(c, n)) {
			return NULL;
		}
		if (sb->len)
			strbuf_addch(sb, '.');
		strbuf_add(sb, c, stem);
		if (!c[n])
			break;
		c += n + 1;
	}
	return sb->len ? arena_strndup(sel->arena, strbuf_str(sb), sb->len)
		       : NULL;
}

static void
ship(struct sel *sel, size_t i, const char *module)
{
	if (!module)
		return;
	if (!sel->role[i])
		sel->nshipped++;
	sel->role[i] = SHIP_CODE + 1;
	sel->module[i] = module;
}

/* The Python files under dir, as modules below prefix; only those right
 * in dir unless deep. */
static void
ship_dir(struct sel *sel, const char *dir, const char *prefix, bool deep)
{
	size_t i, end = dir_range(sel, dir, &i), skip = strlen(dir);

	skip += skip != 0;
	for (; i < end; i++) {
		const char *rel = sel->files[i] + skip;

		if (deep || !strchr(rel, '/'))
			ship(sel, i, module_of(sel, prefix, rel));
	}
}

/* A path named by a configuration: a Python file, or a directory whole;
 * its module is dotted (for a directory, its files' prefix). */
static bool
ship_path(struct sel *sel, const char *path, const char *module)
{
	size_t i = find_file(sel, path);

	if (i < sel->nfiles) {
		size_t n = strlen(path), stem = python_stem(path, n);

		if (stem && module)
			ship(sel, i, module);
		return stem != 0;
	}
	if (!has_dir(sel, path) || !module)
		return false;
	ship_dir(sel, path, module, true);
	return true;
}

/* The module a path below the import root is: a file or a directory. */
static const char *
path_module(struct sel *sel, const char *rel)
{
	size_t n = strlen(rel);

	if (python_stem(rel, n))
		return module_of(sel, "", rel);
	return dotted(sel, rel);
}

/* s with suffix, in the arena. */
static const char *
with_suffix(struct sel *sel, const char *s, const char *suffix)
{
	strbuf_reset(&sel->tmp);
	strbuf_addstr(&sel->tmp, s);
	strbuf_addstr(&sel->tmp, suffix);
	return arena_strndup(sel->arena, strbuf_str(&sel->tmp), sel->tmp.len);
}

/* ---- patterns ---- */

static bool
has_magic(const char *s)
{
	return strpbrk(s, "*?[") != NULL;
}

/* Split path into segments in buf; the count, or 0 when too many. */
static size_t
segments(char *buf, char **seg)
{
	size_t n = 0;
	char *c = buf;

	while (*c) {
		char *slash = strchr(c, '/');

		if (n == PATTERN_MAX_SEGMENTS)
			return 0;
		if (slash)
			*slash = '\0';
		if (*c)
			seg[n++] = c;
		if (!slash)
			break;
		c = slash + 1;
	}
	return n;
}

/* Whether the segments s[0..ns) match the pattern p[0..np); a "**"
 * segment matches any number of segments.  Linear in ns for each
 * "**": the usual backtracking to the last star. */
static bool
match_segments(char **p, size_t np, char **s, size_t ns)
{
	size_t pi = 0, si = 0, star = (size_t)-1, mark = 0;

	while (si < ns) {
		if (pi < np && !strcmp(p[pi], "**")) {
			star = pi++;
			mark = si;
		} else if (pi < np && fnmatch(p[pi], s[si], 0) == 0) {
			pi++;
			si++;
		} else if (star != (size_t)-1) {
			pi = star + 1;
			si = ++mark;
		} else {
			return false;
		}
	}
	while (pi < np && !strcmp(p[pi], "**"))
		pi++;
	return pi == np;
}

/*
 * Whether path, or a directory above it, matches pattern.  Anchored
 * patterns match from the top; with gitignore rules a pattern without a
 * '/' (but at its end) matches a name at any depth.
 */
static bool
pattern_match(const char *pattern, const char *path, bool gitignore)
{
	char pbuf[1024], sbuf[4096];
	char *p[PATTERN_MAX_SEGMENTS], *s[PATTERN_MAX_SEGMENTS];
	size_t np, ns, k;
	bool floating;

	while (*pattern == '/' || !strncmp(pattern, "./", 2))
		pattern += *pattern == '/' ? 1 : 2;
	if (strlen(pattern) >= sizeof(pbuf) || strlen(path) >= sizeof(sbuf))
		return false;
	strcpy(pbuf, pattern);
	strcpy(sbuf, path);
	np = segments(pbuf, p);
	ns = segments(sbuf, s);
	if (!np || !ns)
		return false;
	floating = gitignore && np == 1;
	for (k = 1; k <= ns; k++) {
		if (floating ? fnmatch(p[0], s[k - 1], 0) == 0
			     : match_segments(p, np, s, k))
			return true;
	}
	return false;
}

/* Ship the files matching pattern below base, as modules of their path
 * below root (the import root). */
static bool
ship_pattern(struct sel *sel, const char *pattern, const char *base,
	     const char *root, bool gitignore)
{
	size_t i, end = dir_range(sel, base, &i), skip = strlen(base);
	size_t rskip = strlen(root);
	bool any = false;

	skip += skip != 0;
	rskip += rskip != 0;
	for (; i < end; i++) {
		const char *f = sel->files[i];

		if (!pattern_match(pattern, f + skip, gitignore))
			continue;
		any = true;
		if (strlen(f) >= rskip &&
		    (!*root ||
		     (!strncmp(f, root, rskip - 1) && f[rskip - 1] == '/')))
			ship(sel, i, module_of(sel, "", f + rskip));
	}
	return any;
}

/* Unship the files matching pattern (relative to the root). */
static void
unship_pattern(struct sel *sel, const char *pattern, bool gitignore)
{
	size_t i;

	for (i = 0; i < sel->nfiles; i++) {
		if (sel->role[i] &&
		    pattern_match(pattern, sel->files[i], gitignore)) {
			sel->role[i] = 0;
			sel->module[i] = NULL;
			sel->nshipped--;
		}
	}
}

/* ---- settings ---- */

static bool
has_key(const struct sel *sel, enum ship_key key)
{
	size_t i;

	for (i = 0; i < sel->in->nsettings; i++) {
		if (sel->in->settings[i].key == key)
			return true;
	}
	return false;
}

/* The last value of key, or NULL. */
static const char *
last_value(const struct sel *sel, enum ship_key key)
{
	const char *v = NULL;
	size_t i;

	for (i = 0; i < sel->in->nsettings; i++) {
		if (sel->in->settings[i].key == key)
			v = sel->in->settings[i].value;
	}
	return v;
}

/* The candidates for the import name of the distribution. */
static void
name_candidates(struct sel *sel)
{
	const char *name = sel->in->name;
	char *a, *b;
	size_t i, n;

	if (!name || !*name)
		return;
	n = strlen(name);
	a = arena_strndup(sel->arena, name, n);
	b = arena_strndup(sel->arena, name, n);
	for (i = 0; i < n; i++) {
		if (a[i] == '-' || a[i] == '.')
			a[i] = b[i] = '_';
		if (b[i] >= 'A' && b[i] <= 'Z')
			b[i] = (char)(b[i] - 'A' + 'a');
	}
	sel->names[sel->nnames++] = a;
	if (strcmp(a, b))
		sel->names[sel->nnames++] = b;
}

/* ---- setuptools ---- */

/* The directory of the dotted package pkg under package_dir. */
static const char *
package_dir(struct sel *sel, const char *pkg)
{
	const struct ship_setting *best = NULL;
	size_t i, bestlen = 0, plen = strlen(pkg);
	const char *rest;
	char *path;

	for (i = 0; i < sel->in->nsettings; i++) {
		const struct ship_setting *s = &sel->in->settings[i];
		const char *key = s->value ? s->value : "";
		size_t k = strlen(key);

		if (s->key != SHIP_PACKAGE_DIR || !s->value2)
			continue;
		if (k && (k > plen || strncmp(pkg, key, k) ||
			  (pkg[k] && pkg[k] != '.')))
			continue;
		if (!best || k > bestlen) {
			best = s;
			bestlen = k;
		}
	}
	rest = pkg + bestlen + (best && bestlen && pkg[bestlen] == '.');
	if (!best)
		rest = pkg;
	path = arena_strdup(sel->arena, rest);
	for (i = 0; path[i]; i++) {
		if (path[i] == '.')
			path[i] = '/';
	}
	return join(sel, best ? best->value2 : "", path);
}

/* Whether the dotted name is kept by find's include and exclude. */
static bool
find_keeps(const struct sel *sel, const char *name)
{
	bool include = false, any_include = false;
	size_t i;

	if (!strcmp(name, "ez_setup") || fnmatch("*__pycache__", name, 0) == 0)
		return false;
	for (i = 0; i < sel->in->nsettings; i++) {
		const struct ship_setting *s = &sel->in->settings[i];

		if (!s->value)
			continue;
		if (s->key == SHIP_FIND_EXCLUDE &&
		    fnmatch(s->value, name, 0) == 0)
			return false;
		if (s->key == SHIP_FIND_INCLUDE) {
			any_include = true;
			include = include || fnmatch(s->value, name, 0) == 0;
		}
	}
	return include || !any_include;
}

/*
 * What find_packages() (or the namespace finder) finds under where:
 * the Python files right in each package found, as its modules.  A
 * regular package needs an __init__.py in it and in every package
 * above it; the namespace finder takes every directory.  skip: the
 * top-level names setuptools' flat-layout discovery leaves out.
 */
static void
find_packages(struct sel *sel, const char *where, bool namespace, bool flat)
{
	size_t i, end = dir_range(sel, where, &i), skip = strlen(where);

	skip += skip != 0;
	for (; i < end; i++) {
		const char *rel = sel->files[i] + skip;
		const char *slash = strrchr(rel, '/');
		const char *c, *pkg;
		bool ok = true;

		if (!slash || !python_stem(slash + 1, strlen(slash + 1)))
			continue;
		for (c = rel; ok && c < slash;) {
			size_t n = strcspn(c, "/");

			if (memchr(c, '.', n) || !ship_is_identifier(c, n))
				ok = false;
			if (flat && c == rel &&
			    (IN_SET(flat_skip_packages, c, n) || *c == '_'))
				ok = false;
			if (ok && !namespace) {
				const char *dir = arena_strndup(
					sel->arena, sel->files[i],
					(size_t)(c + n - sel->files[i]));

				ok = has_file(sel,
					      join(sel, dir, "__init__.py"));
			}
			c += n + 1;
		}
		if (!ok)
			continue;
		pkg = dotted(sel, arena_strndup(sel->arena, rel,
						(size_t)(slash - rel)));
		if (pkg && find_keeps(sel, pkg))
			ship(sel, i, module_of(sel, pkg, slash + 1));
	}
}

/* The modules right in dir (py_modules discovery), less skip names. */
static void
find_modules(struct sel *sel, const char *dir, bool flat)
{
	size_t i, end = dir_range(sel, dir, &i), skip = strlen(dir);

	skip += skip != 0;
	for (; i < end; i++) {
		const char *rel = sel->files[i] + skip;
		size_t stem = python_stem(rel, strlen(rel));

		if (strchr(rel, '/') || !stem)
			continue;
		if (flat && (IN_SET(flat_skip_modules, rel, stem) ||
			     *rel == '_' || *rel == '.'))
			continue;
		ship(sel, i, module_of(sel, "", rel));
	}
}

static enum ship_how
setuptools(struct sel *sel)
{
	bool configured = false;
	const char *root;
	size_t i;

	for (i = 0; i < sel->in->nsettings; i++) {
		const struct ship_setting *s = &sel->in->settings[i];

		switch (s->key) {
		case SHIP_PACKAGE:
			configured = true;
			if (s->value)
				ship_dir(sel, package_dir(sel, s->value),
					 s->value, false);
			break;
		case SHIP_PY_MODULE: {
			const char *dot, *pkg = "";

			configured = true;
			if (!s->value)
				break;
			if ((dot = strrchr(s->value, '.')))
				pkg = arena_strndup(sel->arena, s->value,
						    (size_t)(dot - s->value));
			ship_path(sel,
				  with_suffix(sel,
					      join(sel, package_dir(sel, pkg),
						   dot ? dot + 1 : s->value),
					      ".py"),
				  s->value);
			break;
		}
		case SHIP_FIND: {
			bool ns = s->value && !strcmp(s->value, "namespace");
			size_t k, nwhere = 0;

			configured = true;
			for (k = 0; k < sel->in->nsettings; k++) {
				const struct ship_setting *w =
					&sel->in->settings[k];

				if (w->key != SHIP_FIND_WHERE || !w->value)
					continue;
				find_packages(sel, join(sel, w->value, NULL),
					      ns, false);
				nwhere++;
			}
			if (!nwhere)
				find_packages(sel, package_dir(sel, ""), ns,
					      false);
			break;
		}
		case SHIP_PACKAGES_UNKNOWN:
			configured = true;
			find_packages(sel, package_dir(sel, ""), false, true);
			break;
		default:
			break;
		}
	}
	if (configured)
		return SHIP_CONFIGURED;
	/* Automatic discovery: an explicit package_dir, else src-layout,
	 * else flat-layout. */
	for (i = 0; i < sel->in->nsettings; i++) {
		const struct ship_setting *s = &sel->in->settings[i];

		if (s->key == SHIP_PACKAGE_DIR && s->value && *s->value &&
		    s->value2)
			ship_dir(sel, join(sel, s->value2, NULL), s->value,
				 true);
	}
	root = has_key(sel, SHIP_PACKAGE_DIR) ? package_dir(sel, "") : NULL;
	if (!root && has_dir(sel, "src"))
		root = "src";
	if (root && *root) {
		find_packages(sel, root, true, false);
		find_modules(sel, root, false);
	} else {
		find_packages(sel, "", true, true);
		find_modules(sel, "", true);
	}
	return SHIP_DEFAULT;
}

/* ---- the other backends ---- */

/* The conventional places of the module name: src/NAME/, NAME/,
 * NAME.py, src/NAME.py; also for a dotted name (a namespace). */
static bool
ship_named(struct sel *sel, const char *base, const char *name)
{
	static const char *const roots[] = {"src", ""};
	const char *path;
	size_t k, i;
	char *slashed = arena_strdup(sel->arena, name);

	for (i = 0; slashed[i]; i++) {
		if (slashed[i] == '.')
			slashed[i] = '/';
	}
	for (k = 0; k < 2; k++) {
		const char *root = join(sel, base, roots[k]);

		path = join(sel, root, slashed);
		if (has_dir(sel, path)) {
			ship_dir(sel, path, name, true);
			return true;
		}
		if (ship_path(sel, with_suffix(sel, path, ".py"), name))
			return true;
	}
	return false;
}

/* Each name candidate, the first found. */
static bool
ship_default_name(struct sel *sel, const char *base)
{
	size_t k;

	for (k = 0; k < sel->nnames; k++) {
		if (ship_named(sel, base, sel->names[k]))
			return true;
	}
	return false;
}

/* The longest hatch source that is a prefix of path: the part of path
 * it covers; its replacement in *repl. */
static size_t
hatch_source(const struct sel *sel, const char *path, const char **repl)
{
	size_t i, best = 0;

	*repl = "";
	for (i = 0; i < sel->in->nsettings; i++) {
		const struct ship_setting *s = &sel->in->settings[i];
		size_t n;

		if (s->key != SHIP_HATCH_SOURCES || !s->value)
			continue;
		n = strlen(s->value);
		while (n && s->value[n - 1] == '/')
			n--;
		if (n > best && !strncmp(path, s->value, n) && path[n] == '/') {
			best = n + 1;
			*repl = s->value2 ? s->value2 : "";
		}
	}
	return best;
}

static enum ship_how
hatch(struct sel *sel)
{
	bool selected = false, packages = false;
	size_t i;

	for (i = 0; i < sel->in->nsettings; i++) {
		const struct ship_setting *s = &sel->in->settings[i];
		const char *slash;

		if (!s->value)
			continue;
		if (s->key == SHIP_HATCH_PACKAGES) {
			const char *p = join(sel, s->value, NULL);

			packages = selected = true;
			slash = strrchr(p, '/');
			ship_path(sel, p, dotted(sel, slash ? slash + 1 : p));
		} else if (s->key == SHIP_HATCH_ONLY_INCLUDE) {
			const char *p = join(sel, s->value, NULL), *repl;
			size_t cut = hatch_source(sel, p, &repl);
			const char *m =
				path_module(sel, join(sel, repl, p + cut));

			selected = true;
			ship_path(sel, p, m);
		}
	}
	if (!selected) {
		for (i = 0; i < sel->in->nsettings; i++) {
			const struct ship_setting *s = &sel->in->settings[i];

			if (s->key != SHIP_HATCH_INCLUDE || !s->value)
				continue;
			selected = true;
			ship_pattern(sel, s->value, "", "", true);
		}
		if (selected) {
			/* the sources of what include matched */
			for (i = 0; i < sel->nfiles; i++) {
				const char *repl;
				size_t cut;

				if (!sel->role[i])
					continue;
				cut = hatch_source(sel, sel->files[i], &repl);
				if (cut)
					sel->module[i] = module_of(
						sel, "",
						join(sel, repl,
						     sel->files[i] + cut));
			}
		}
	}
	(void)packages;
	if (!selected && !ship_default_name(sel, ""))
		return SHIP_NONE;
	for (i = 0; i < sel->in->nsettings; i++) {
		const struct ship_setting *s = &sel->in->settings[i];

		if (s->key == SHIP_HATCH_EXCLUDE && s->value)
			unship_pattern(sel, s->value, true);
	}
	return selected ? SHIP_CONFIGURED : SHIP_DEFAULT;
}

static enum ship_how
poetry(struct sel *sel)
{
	bool selected = false;
	size_t i;

	for (i = 0; i < sel->in->nsettings; i++) {
		const struct ship_setting *s = &sel->in->settings[i];
		const char *base, *path;

		if (s->key != SHIP_POETRY_INCLUDE || !s->value)
			continue;
		selected = true;
		base = join(sel, s->value2, NULL);
		if (has_magic(s->value)) {
			ship_pattern(sel, s->value, base, base, false);
			continue;
		}
		path = join(sel, base, s->value);
		ship_path(sel, path,
			  path_module(sel, join(sel, s->value, NULL)));
	}
	if (!selected && !ship_default_name(sel, ""))
		return SHIP_NONE;
	for (i = 0; i < sel->in->nsettings; i++) {
		const struct ship_setting *s = &sel->in->settings[i];

		if (s->key == SHIP_POETRY_EXCLUDE && s->value)
			unship_pattern(sel, s->value, false);
	}
	return selected ? SHIP_CONFIGURED : SHIP_DEFAULT;
}

static enum ship_how
flit(struct sel *sel)
{
	const char *module = last_value(sel, SHIP_FLIT_MODULE);

	if (module)
		return ship_named(sel, "", module) ? SHIP_CONFIGURED
						   : SHIP_NONE;
	return ship_default_name(sel, "") ? SHIP_DEFAULT : SHIP_NONE;
}

static enum ship_how
pdm(struct sel *sel)
{
	const char *dir = last_value(sel, SHIP_PDM_PACKAGE_DIR);
	bool selected = false;
	size_t i, end, k;

	if (!dir)
		dir = has_dir(sel, "src") ? "src" : "";
	dir = join(sel, dir, NULL);
	for (i = 0; i < sel->in->nsettings; i++) {
		const struct ship_setting *s = &sel->in->settings[i];
		const char *path;
		size_t n = strlen(dir);

		if (s->key != SHIP_PDM_INCLUDE || !s->value)
			continue;
		selected = true;
		if (has_magic(s->value)) {
			ship_pattern(sel, s->value, "", dir, false);
			continue;
		}
		path = join(sel, s->value, NULL);
		if (!strcmp(path, dir))
			ship_path(sel, path, ""); /* the package dir whole */
		else if (n && !strncmp(path, dir, n) && path[n] == '/')
			ship_path(sel, path, path_module(sel, path + n + 1));
		else
			ship_path(sel, path, path_module(sel, path));
	}
	if (!selected) {
		/* the top-level packages of the package dir, else its
		 * modules */
		end = dir_range(sel, dir, &k);
		for (; k < end; k++) {
			const char *rel =
				sel->files[k] + strlen(dir) + (*dir != '\0');
			size_t n = strcspn(rel, "/");

			if (!strcmp(rel + n, "/__init__.py") &&
			    !IN_SET(flat_skip_packages, rel, n)) {
				const char *pkg =
					arena_strndup(sel->arena, rel, n);

				selected = true;
				ship_dir(sel, join(sel, dir, pkg),
					 dotted(sel, pkg), true);
			}
		}
		if (!selected)
			find_modules(sel, dir, true);
	}
	for (i = 0; i < sel->in->nsettings; i++) {
		const struct ship_setting *s = &sel->in->settings[i];

		if (s->key == SHIP_PDM_EXCLUDE && s->value)
			unship_pattern(sel, s->value, false);
	}
	if (!sel->nshipped)
		return SHIP_NONE;
	return has_key(sel, SHIP_PDM_INCLUDE) ? SHIP_CONFIGURED : SHIP_DEFAULT;
}

static enum ship_how
maturin(struct sel *sel)
{
	const char *src = last_value(sel, SHIP_MATURIN_PYTHON_SOURCE);
	const char *module = last_value(sel, SHIP_MATURIN_MODULE_NAME);
	bool configured = src || module;
	size_t i;

	src = join(sel, src, NULL);
	if (module) {
		size_t n = strcspn(module, ".");
		const char *top = arena_strndup(sel->arena, module, n);

		ship_path(sel, join(sel, src, top), dotted(sel, top));
	} else {
		for (i = 0; i < sel->nnames; i++) {
			if (ship_path(sel, join(sel, src, sel->names[i]),
				      sel->names[i]))
				break;
		}
	}
	for (i = 0; i < sel->in->nsettings; i++) {
		const struct ship_setting *s = &sel->in->settings[i];

		if (s->key == SHIP_MATURIN_PYTHON_PACKAGE && s->value)
			ship_path(sel, join(sel, src, s->value),
				  dotted(sel, s->value));
	}
	/* A pure Rust extension ships no Python code. */
	return configured ? SHIP_CONFIGURED : SHIP_DEFAULT;
}

static enum ship_how
skbuild(struct sel *sel)
{
	bool selected = false;
	size_t i, k;

	for (i = 0; i < sel->in->nsettings; i++) {
		const struct ship_setting *s = &sel->in->settings[i];
		const char *p, *slash;

		if (s->key != SHIP_SKBUILD_PACKAGE || !s->value)
			continue;
		selected = true;
		p = join(sel, s->value, NULL);
		slash = strrchr(p, '/');
		ship_path(sel, p,
			  s->value2 ? dotted(sel, join(sel, s->value2, NULL))
				    : dotted(sel, slash ? slash + 1 : p));
	}
	if (selected)
		return SHIP_CONFIGURED;
	for (k = 0; k < sel->nnames; k++) {
		if (ship_named(sel, "", sel->names[k]) ||
		    ship_path(sel, join(sel, "python", sel->names[k]),
			      sel->names[k]))
			return SHIP_DEFAULT;
	}
	return SHIP_NONE;
}

/* Any other backend: the conventional layout, then the hints. */
static enum ship_how
convention(struct sel *sel)
{
	size_t k;
	bool any = ship_default_name(sel, "");

	for (k = 0; !any && k < sel->in->nhints; k++) {
		const char *h = sel->in->hints[k];
		size_t n = strcspn(h, ".");

		any = ship_named(sel, "", arena_strndup(sel->arena, h, n)) ||
		      any;
	}
	return any ? SHIP_CONVENTION : SHIP_NONE;
}

/* Each backend: how its build-backend string names it, its name, and
 * how it selects the files of the wheel. */
static const struct {
	const char *needle;
	const char *name;
	enum ship_how (*select)(struct sel *);
} backends[] = {
	[BACKEND_SETUPTOOLS] = {"setuptools", "setuptools", setuptools},
	[BACKEND_HATCH] = {"hatchling", "hatchling", hatch},
	[BACKEND_POETRY] = {"poetry", "poetry-core", poetry},
	[BACKEND_FLIT] = {"flit", "flit-core", flit},
	[BACKEND_PDM] = {"pdm", "pdm-backend", pdm},
	[BACKEND_MATURIN] = {"maturin", "maturin", maturin},
	[BACKEND_SKBUILD] = {"scikit_build_core", "scikit-build-core", skbuild},
	[BACKEND_OTHER] = {NULL, NULL, convention},
};

static enum backend
which_backend(const struct sel *sel)
{
	const char *b = last_value(sel, SHIP_BACKEND);
	size_t k;

	if (!b) {
		/* pip builds a tree without a build-backend with
		 * setuptools; poetry settings without one are poetry's */
		if (has_key(sel, SHIP_POETRY_INCLUDE))
			return BACKEND_POETRY;
		return BACKEND_SETUPTOOLS;
	}
	for (k = 0; k < BACKEND_OTHER; k++) {
		if (strstr(b, backends[k].needle))
			return (enum backend)k;
	}
	return BACKEND_OTHER;
}

/* A wheel: every module of its members but its .dist-info; those of
 * NAME.data/purelib and platlib as installed. */
static void
wheel(struct sel *sel)
{
	size_t i;

	for (i = 0; i < sel->nfiles; i++) {
		const char *f = sel->files[i];
		size_t n = strcspn(f, "/");
		const char *rest = f + n + (f[n] == '/');

		if (n > 10 && !strncmp(f + n - 10, ".dist-info", 10))
			continue;
		if (n > 5 && !strncmp(f + n - 5, ".data", 5)) {
			if (!strncmp(rest, "purelib/", 8) ||
			    !strncmp(rest, "platlib/", 8))
				ship(sel, i, module_of(sel, "", rest + 8));
			continue;
		}
		ship(sel, i, module_of(sel, "", f));
	}
}

/* ---- roles ---- */

/* Files under a vendoring directory of shipped code are vendored. */
static void
mark_vendored(struct sel *sel, struct ship_result *out)
{
	const char **dirs = NULL;
	size_t ndirs = 0, adirs = 0, i;

	for (i = 0; i < sel->nfiles; i++) {
		const char *f = sel->files[i], *c = f;

		if (!sel->role[i])
			continue;
		while (strchr(c, '/')) {
			size_t n = strcspn(c, "/");

			if (IN_SET(vendor_names, c, n)) {
				const char *dir = arena_strndup(
					sel->arena, f, (size_t)(c + n - f));

				sel->role[i] = SHIP_VENDORED + 1;
				if (!ndirs || strcmp(dirs[ndirs - 1], dir)) {
					XGROW(dirs, ndirs + 1, adirs);
					dirs[ndirs++] = dir;
				}
				break;
			}
			c += n + 1;
		}
	}
	if (ndirs) {
		out->vendor_dirs =
			arena_memdup(sel->arena, dirs, ndirs * sizeof(*dirs));
		out->nvendor_dirs = ndirs;
	}
	free(dirs);
}

/* Build hooks the backend runs: named, or the ones it runs unasked. */
static void
mark_hooks(struct sel *sel, enum backend b)
{
	size_t i, k;

	for (i = 0; i < sel->in->nsettings; i++) {
		const struct ship_setting *s = &sel->in->settings[i];

		if (s->key == SHIP_BUILD_HOOK && s->value &&
		    (k = find_file(sel, join(sel, s->value, NULL))) <
			    sel->nfiles) {
			sel->role[k] = SHIP_HOOK + 1;
			sel->module[k] = NULL;
		}
	}
	if (b == BACKEND_PDM &&
	    (k = find_file(sel, "pdm_build.py")) < sel->nfiles) {
		sel->role[k] = SHIP_HOOK + 1;
		sel->module[k] = NULL;
	}
}

void
ship_select(struct arena *arena, const struct ship_input *in,
	    struct ship_result *out)
{
	struct sel sel;
	enum backend b = BACKEND_OTHER;
	size_t i, n = 0;

	memset(out, 0, sizeof(*out));
	memset(&sel, 0, sizeof(sel));
	sel.arena = arena;
	sel.in = in;
	sel.files = in->files;
	sel.nfiles = in->nfiles;
	strbuf_init(&sel.tmp);
	sel.module = xcalloc(in->nfiles + 1, sizeof(*sel.module));
	sel.role = xcalloc(in->nfiles + 1, sizeof(*sel.role));
	name_candidates(&sel);
	if (in->wheel) {
		wheel(&sel);
		out->how = SHIP_CONFIGURED;
	} else {
		b = which_backend(&sel);
		out->how = backends[b].select(&sel);
		if (out->how == SHIP_NONE && b != BACKEND_OTHER &&
		    convention(&sel) == SHIP_CONVENTION)
			out->how = SHIP_CONVENTION;
		out->backend = backends[b].name;
		mark_vendored(&sel, out);
		mark_hooks(&sel, b);
	}
	for (i = 0; i < sel.nfiles; i++)
		n += sel.role[i] != 0;
	if (n) {
		out->files = arena_alloc(arena, n * sizeof(*out->files));
		for (i = 0; i < sel.nfiles; i++) {
			if (!sel.role[i])
				continue;
			out->files[out->nfiles].index = i;
			out->files[out->nfiles].module = sel.module[i];
			out->files[out->nfiles++].role =
				(enum ship_role)(sel.role[i] - 1);
		}
	}
	free(sel.module);
	free(sel.role);
	strbuf_release(&sel.tmp);
}
