/* mapimport.c - rows from site-packages and nixpkgs; see mapimport.h */
#include "core/mapimport.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/diag.h"
#include "core/mapdb.h"
#include "core/pep503.h"
#include "core/strbuf.h"
#include "core/xalloc.h"

/* Dotted names deeper than this are not looked into. */
enum { MAX_DEPTH = 4 };

struct names {
	char **v;
	size_t n, alloc;
};

static void
names_add(struct names *ns, struct arena *a, const char *s, size_t len)
{
	XGROW(ns->v, ns->n + 1, ns->alloc);
	ns->v[ns->n++] = arena_strndup(a, s, len);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sort and drop duplicates. */
static void
names_sort(struct names *ns)
{
	size_t i, j = 0;

	if (!ns->n)
		return;
	qsort(ns->v, ns->n, sizeof(char *), cmp_str);
	for (i = 1; i < ns->n; i++) {
		if (strcmp(ns->v[i], ns->v[j]))
			ns->v[++j] = ns->v[i];
	}
	ns->n = j + 1;
}

static bool
names_has(const struct names *ns, const char *s)
{
	return ns->n && bsearch(&s, ns->v, ns->n, sizeof(char *), cmp_str);
}

/*
 * Read the file at path into sb: 1 read, 0 it does not exist, -1 any
 * other problem (diagnosed with loc).
 */
static int
read_file(const char *path, const struct diag_loc *loc, struct strbuf *sb)
{
	struct stat st;
	char buf[65536];
	ssize_t n;
	int fd;

	strbuf_reset(sb);
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		if (errno == ENOENT)
			return 0;
		return diag_error(loc, "cannot open: %s", strerror(errno));
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return diag_error(loc, "not a regular file");
	}
	if (st.st_size > MAPIMPORT_MAX_FILE) {
		close(fd);
		return diag_error(loc, "larger than %d bytes",
				  MAPIMPORT_MAX_FILE);
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		strbuf_add(sb, buf, (size_t)n);
	close(fd);
	if (n < 0)
		return diag_error(loc, "cannot read: %s", strerror(errno));
	return 1;
}

/* The next line of text at *p (without its end); false at the end. */
static bool
next_line(const char **p, const char *end, const char **line, size_t *len)
{
	const char *nl;

	if (*p >= end)
		return false;
	nl = memchr(*p, '\n', (size_t)(end - *p));
	*line = *p;
	*len = (nl ? (size_t)(nl - *p) : (size_t)(end - *p));
	if (*len && (*line)[*len - 1] == '\r')
		(*len)--;
	*p = nl ? nl + 1 : end;
	return true;
}

/* The module name of a file (stem of x.py, x.*.so), or 0 length. */
static size_t
code_stem(const char *leaf, size_t len)
{
	const char *dot = memchr(leaf, '.', len);
	size_t stem;

	if (!dot)
		return 0;
	stem = (size_t)(dot - leaf);
	if (len - stem == 3 && !memcmp(dot, ".py", 3))
		return stem;
	if (len - stem >= 3 && !memcmp(leaf + len - 3, ".so", 3))
		return stem;
	if (len - stem >= 4 && !memcmp(leaf + len - 4, ".pyd", 4))
		return stem;
	return 0;
}

static void
dotted(struct strbuf *sb, const char *path, size_t len)
{
	size_t i;

	strbuf_reset(sb);
	for (i = 0; i < len; i++)
		strbuf_addch(sb, path[i] == '/' ? '.' : path[i]);
}

/*
 * The modules of a list of installed paths (relative to site-packages):
 * a directory with __init__.py is a package; a top-level directory with
 * code but no __init__.py is one too (PEP 420), unless it is a namespace
 * root; elsewhere the names inside are looked at, so that namespace
 * portions give google.cloud.storage and plugins twisted.plugins.x.
 */
static void
modules_of_paths(const struct names *paths, const struct mapdb *ns,
		 struct arena *a, struct names *out)
{
	struct names inits = {NULL, 0, 0}, codedirs = {NULL, 0, 0};
	struct strbuf name = STRBUF_INIT;
	size_t i;

	for (i = 0; i < paths->n; i++) {
		const char *p = paths->v[i], *slash = strrchr(p, '/');
		const char *leaf = slash ? slash + 1 : p;

		if (!slash || !code_stem(leaf, strlen(leaf)))
			continue;
		names_add(&codedirs, a, p, (size_t)(slash - p));
		if (!strncmp(leaf, "__init__.", 9))
			names_add(&inits, a, p, (size_t)(slash - p));
	}
	names_sort(&inits);
	names_sort(&codedirs);
	for (i = 0; i < paths->n; i++) {
		const char *p = paths->v[i], *s, *leaf = strrchr(p, '/');
		size_t stem, depth = 0;
		bool found = false;

		leaf = leaf ? leaf + 1 : p;
		stem = code_stem(leaf, strlen(leaf));
		if (!stem || strstr(p, "__pycache__"))
			continue;
		for (s = strchr(p, '/'); s && depth < MAX_DEPTH;
		     s = strchr(s + 1, '/'), depth++) {
			char *dir = arena_strndup(a, p, (size_t)(s - p));
			bool root;

			dotted(&name, p, (size_t)(s - p));
			root = ns && mapdb_is_namespace(ns, name.buf);
			if (!root && (names_has(&inits, dir) ||
				      (!depth && names_has(&codedirs, dir)))) {
				found = true;
				break;
			}
		}
		if (!found) {
			if (s) /* too deep */
				continue;
			dotted(&name, p, (size_t)(leaf - p) + stem);
			if (!strcmp(leaf, "__init__.py") ||
			    (stem == 8 && !strncmp(leaf, "__init__", 8)))
				continue;
		}
		if (mapdb_valid_module(name.buf, name.len))
			names_add(out, a, name.buf, name.len);
	}
	names_sort(out);
	free(inits.v);
	free(codedirs.v);
	strbuf_release(&name);
}

/* The first field of a RECORD line (CSV, maybe quoted). */
static void
record_path(const char *line, size_t len, struct strbuf *out)
{
	size_t i = 0;

	strbuf_reset(out);
	if (len && line[0] == '"') {
		for (i = 1; i < len; i++) {
			if (line[i] == '"' && i + 1 < len && line[i + 1] == '"')
				strbuf_addch(out, line[i++]);
			else if (line[i] == '"')
				break;
			else
				strbuf_addch(out, line[i]);
		}
		return;
	}
	while (i < len && line[i] != ',')
		strbuf_addch(out, line[i++]);
}

/* The Name field of a METADATA or PKG-INFO header, or NULL. */
static char *
metadata_name(const struct strbuf *text, struct arena *a)
{
	const char *p = text->buf, *end = p + text->len, *line;
	size_t len;

	while (next_line(&p, end, &line, &len) && len) {
		if (len > 5 && !strncmp(line, "Name:", 5)) {
			line += 5;
			len -= 5;
			while (len && (*line == ' ' || *line == '\t')) {
				line++;
				len--;
			}
			while (len &&
			       (line[len - 1] == ' ' || line[len - 1] == '\t'))
				len--;
			return arena_strndup(a, line, len);
		}
	}
	return NULL;
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcmp(s + n - m, suffix);
}

static void
join(struct strbuf *sb, const char *dir, const char *a, const char *b)
{
	strbuf_reset(sb);
	strbuf_addf(sb, "%s/%s", dir, a);
	if (b)
		strbuf_addf(sb, "/%s", b);
}

/* One *.dist-info or *.egg-info directory: 0, 1 problem, or -1 to stop. */
static int
import_meta_dir(const char *dir, const char *entry, const struct mapdb *ns,
		mapimport_fn *fn, void *ud)
{
	bool egg = ends_with(entry, ".egg-info");
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT;
	struct strbuf line_path = STRBUF_INIT, dist = STRBUF_INIT;
	struct names paths = {NULL, 0, 0}, mods = {NULL, 0, 0};
	struct diag_loc loc = {NULL, NULL, 0, 0};
	struct arena a = ARENA_INIT;
	const char *p, *end, *line;
	char *name;
	size_t len, i;
	int rc, ret = 1;

	join(&path, dir, entry, egg ? "PKG-INFO" : "METADATA");
	loc.path = path.buf;
	rc = read_file(path.buf, &loc, &text);
	if (rc == 0)
		diag_error(&loc, "no such file; every %s directory needs one",
			   egg ? "*.egg-info" : "*.dist-info");
	if (rc <= 0)
		goto out;
	name = metadata_name(&text, &a);
	if (!name || !pep503_valid(name, strlen(name))) {
		diag_error(&loc,
			   name ? "invalid distribution name '%s'"
				: "no 'Name' field%s",
			   name ? name : "");
		goto out;
	}
	pep503_normalize(&dist, name, strlen(name));

	/* The installed files: RECORD, or installed-files.txt of an egg. */
	join(&path, dir, entry, egg ? "installed-files.txt" : "RECORD");
	loc.path = path.buf;
	rc = read_file(path.buf, &loc, &text);
	if (rc < 0)
		goto out;
	for (p = text.buf, end = p + text.len;
	     rc > 0 && next_line(&p, end, &line, &len);) {
		record_path(line, len, &line_path);
		if (egg) {
			/* Relative to the egg-info directory. */
			if (strncmp(line_path.buf ? line_path.buf : "", "../",
				    3))
				continue;
			if (strncmp(line_path.buf + 3, "../", 3))
				names_add(&paths, &a, line_path.buf + 3,
					  line_path.len - 3);
		} else if (line_path.len && line_path.buf[0] != '/' &&
			   strncmp(line_path.buf, "../", 3)) {
			names_add(&paths, &a, line_path.buf, line_path.len);
		}
	}
	if (rc > 0) {
		modules_of_paths(&paths, ns, &a, &mods);
	} else {
		/* No file list: the top-level names are all there is. */
		join(&path, dir, entry, "top_level.txt");
		loc.path = path.buf;
		rc = read_file(path.buf, &loc, &text);
		if (rc < 0)
			goto out;
		for (p = text.buf, end = p + text.len;
		     rc > 0 && next_line(&p, end, &line, &len);) {
			char *m = arena_strndup(&a, line, len);

			if (mapdb_valid_module(m, len) && !strchr(m, '.') &&
			    !(ns && mapdb_is_namespace(ns, m)))
				names_add(&mods, &a, m, len);
		}
		names_sort(&mods);
	}
	ret = 0;
	for (i = 0; i < mods.n; i++) {
		struct mapdb_row row = {
			MAPDB_ROW_MODULE,    mods.v[i], dist.buf,
			MAPDB_SITE_PACKAGES, 1,         entry};

		if (fn(&row, ud)) {
			ret = -1;
			break;
		}
	}
out:
	free(paths.v);
	free(mods.v);
	arena_release(&a);
	strbuf_release(&path);
	strbuf_release(&text);
	strbuf_release(&line_path);
	strbuf_release(&dist);
	return ret;
}

int
mapimport_site_packages(const char *dir, const struct mapdb *ns,
			mapimport_fn *fn, void *ud)
{
	struct diag_loc loc = {NULL, dir, 0, 0};
	struct dirent **list = NULL;
	int n, i, problems = 0, rc;
	unsigned found = 0;

	n = scandir(dir, &list, NULL, alphasort);
	if (n < 0)
		return diag_error(&loc, "cannot read site-packages: %s",
				  strerror(errno));
	for (i = 0; i < n; i++) {
		const char *e = list[i]->d_name;
		struct strbuf path = STRBUF_INIT;
		struct stat st;

		if (problems >= 0 &&
		    (ends_with(e, ".dist-info") || ends_with(e, ".egg-info"))) {
			join(&path, dir, e, NULL);
			/* A single-file egg-info names no modules. */
			if (stat(path.buf, &st) == 0 && S_ISDIR(st.st_mode)) {
				found++;
				rc = import_meta_dir(dir, e, ns, fn, ud);
				problems = rc < 0 ? -1 : problems + rc;
			}
		}
		strbuf_release(&path);
		free(list[i]);
	}
	free(list);
	if (problems >= 0 && !found)
		return diag_error(&loc, "no *.dist-info or *.egg-info here: "
					"not a site-packages directory");
	return problems;
}

/* nixpkgs */

struct nixattr {
	char *attr;
	char *file; /* relative to the checkout */
};

static int
cmp_nixattr(const void *a, const void *b)
{
	return strcmp(((const struct nixattr *)a)->attr,
		      ((const struct nixattr *)b)->attr);
}

static bool
is_attr_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '\'';
}

/*
 * A binding of the package set, "  NAME = ...;" (indented by two spaces),
 * gives the attribute NAME; when it is a callPackage of a path in pkgs/
 * ("callPackage ../development/python-modules/x { }") also that file.
 * False for any other line.
 */
static bool
parse_binding(const char *line, size_t len, struct arena *a,
	      struct nixattr *out)
{
	const char *p = line + 2, *end = line + len, *name, *cp;
	struct strbuf f = STRBUF_INIT;
	size_t n;

	if (len < 4 || line[0] != ' ' || line[1] != ' ' || line[2] == ' ')
		return false;
	for (name = p; p < end && is_attr_char(*p); p++)
		;
	n = (size_t)(p - name);
	while (p < end && *p == ' ')
		p++;
	if (!n || p >= end || *p != '=')
		return false;
	out->attr = arena_strndup(a, name, n);
	out->file = NULL;
	cp = mem_find(p, (size_t)(end - p), "callPackage ");
	if (!cp)
		return true; /* an attribute, but not of a file of its own */
	cp += 12;
	while (cp < end && *cp == ' ')
		cp++;
	for (p = cp; p < end && *p != ' ' && *p != ';' && *p != '{'; p++)
		;
	/* Paths are relative to pkgs/top-level; stay inside pkgs/. */
	if ((size_t)(p - cp) > 3 && !memcmp(cp, "../", 3))
		strbuf_addstr(&f, "pkgs/");
	else if ((size_t)(p - cp) > 2 && !memcmp(cp, "./", 2))
		strbuf_addstr(&f, "pkgs/top-level/");
	else
		return true;
	strbuf_add(&f, cp + 2 + (*cp == '.' && cp[1] == '.'),
		   (size_t)(p - cp) - 2 - (*cp == '.' && cp[1] == '.'));
	if (!strstr(f.buf, ".."))
		out->file = arena_strndup(a, f.buf, f.len);
	strbuf_release(&f);
	return true;
}

/* The string literal after "KEY = " at or after from, or NULL. */
static char *
nix_string(const char *from, const char *end, const char *key, struct arena *a)
{
	size_t klen = strlen(key);
	const char *p, *q;

	for (p = from; p + klen < end; p++) {
		if (memcmp(p, key, klen) || (p > from && is_attr_char(p[-1])))
			continue;
		q = p + klen;
		while (q < end && *q == ' ')
			q++;
		if (q >= end || *q != '=')
			continue;
		q++;
		while (q < end && (*q == ' ' || *q == '\n'))
			q++;
		if (q >= end || *q != '"')
			return NULL;
		for (p = ++q; q < end && *q != '"' && *q != '\n'; q++)
			;
		if (q >= end || *q != '"' || memchr(p, '$', (size_t)(q - p)))
			return NULL;
		return arena_strndup(a, p, (size_t)(q - p));
	}
	return NULL;
}

/* The string literals of "pythonImportsCheck = [ ... ]". */
static void
imports_check(const char *text, const char *end, struct arena *a,
	      struct names *out)
{
	const char *p = text, *q;

	while ((p = mem_find(p, (size_t)(end - p), "pythonImportsCheck"))) {
		p += 18;
		while (p < end && (*p == ' ' || *p == '\n'))
			p++;
		if (p >= end || *p != '=')
			continue;
		while (p < end && *p != '[' && *p != ';')
			p++;
		if (p >= end || *p != '[')
			continue;
		for (p++; p < end && *p != ']'; p++) {
			if (*p == '#') { /* a comment to the end of the line */
				while (p < end && *p != '\n')
					p++;
				continue;
			}
			if (*p != '"')
				continue;
			for (q = ++p; q < end && *q != '"' && *q != '\n'; q++)
				;
			if (q < end && *q == '"' &&
			    mapdb_valid_module(p, (size_t)(q - p)))
				names_add(out, a, p, (size_t)(q - p));
			p = q;
		}
	}
	names_sort(out);
}

static int
import_expression(const char *dir, const struct nixattr *na, mapimport_fn *fn,
		  void *ud)
{
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT;
	struct strbuf dist = STRBUF_INIT;
	struct diag_loc loc = {NULL, NULL, 0, 0};
	struct names mods = {NULL, 0, 0};
	struct arena a = ARENA_INIT;
	struct mapdb_row row = {MAPDB_ROW_KNOWN_ATTR, na->attr, "",
				MAPDB_NIXPKGS,        1,        ""};
	struct stat st;
	const char *end, *fetch;
	char *pname;
	size_t i;
	int ret = 0, rc;

	if (fn(&row, ud))
		return -1;
	if (!na->file)
		return 0;
	join(&path, dir, na->file, NULL);
	if (stat(path.buf, &st) == 0 && S_ISDIR(st.st_mode))
		strbuf_addstr(&path, "/default.nix");
	loc.path = path.buf;
	rc = read_file(path.buf, &loc, &text);
	/* A checkout may lack a file; only an unreadable one is trouble. */
	if (rc == 0)
		diag_warning(&loc, "no such file, named by attribute '%s'",
			     na->attr);
	if (rc <= 0) {
		ret = rc < 0;
		goto out;
	}
	end = text.buf + text.len;
	/* The PyPI name is fetchPypi's pname when it has its own. */
	fetch = mem_find(text.buf, text.len, "fetchPypi");
	pname = fetch ? nix_string(fetch, end, "pname", &a) : NULL;
	if (!pname)
		pname = nix_string(text.buf, end, "pname", &a);
	if (!pname || !pep503_valid(pname, strlen(pname)))
		goto out;
	pep503_normalize(&dist, pname, strlen(pname));
	row.kind = MAPDB_ROW_ATTR;
	row.a = dist.buf;
	row.b = na->attr;
	row.note = na->file;
	if (fn(&row, ud)) {
		ret = -1;
		goto out;
	}
	imports_check(text.buf, end, &a, &mods);
	for (i = 0; i < mods.n; i++) {
		row.kind = MAPDB_ROW_MODULE;
		row.a = mods.v[i];
		row.b = dist.buf;
		row.note = na->attr;
		if (fn(&row, ud)) {
			ret = -1;
			break;
		}
	}
out:
	free(mods.v);
	arena_release(&a);
	strbuf_release(&path);
	strbuf_release(&text);
	strbuf_release(&dist);
	return ret;
}

int
mapimport_nixpkgs(const char *dir, mapimport_fn *fn, void *ud)
{
	static const char top[] = "pkgs/top-level/python-packages.nix";
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT;
	struct diag_loc loc = {NULL, NULL, 0, 0};
	struct nixattr *attrs = NULL;
	size_t nattrs = 0, alloc = 0, len, i;
	struct arena a = ARENA_INIT;
	const char *p, *end, *line;
	int problems = -1, rc;

	join(&path, dir, top, NULL);
	loc.path = path.buf;
	rc = read_file(path.buf, &loc, &text);
	if (rc == 0)
		diag_error(&loc,
			   "no such file: '%s' is not a nixpkgs "
			   "checkout",
			   dir);
	if (rc <= 0)
		goto out;
	for (p = text.buf, end = p + text.len;
	     next_line(&p, end, &line, &len);) {
		struct nixattr na;

		if (!parse_binding(line, len, &a, &na))
			continue;
		XGROW(attrs, nattrs + 1, alloc);
		attrs[nattrs++] = na;
	}
	if (!nattrs) {
		diag_error(&loc, "no bindings of the package set");
		goto out;
	}
	qsort(attrs, nattrs, sizeof(*attrs), cmp_nixattr);
	problems = 0;
	for (i = 0; i < nattrs; i++) {
		if (i && !strcmp(attrs[i].attr, attrs[i - 1].attr))
			continue;
		rc = import_expression(dir, &attrs[i], fn, ud);
		if (rc < 0) {
			problems = -1;
			break;
		}
		problems += rc;
	}
out:
	free(attrs);
	arena_release(&a);
	strbuf_release(&path);
	strbuf_release(&text);
	return problems;
}
