/* mapdb.c - the mapping table over sqlite; see mapdb.h */
#include "core/mapdb.h"
#include "core/mapdb_table.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "core/arena.h"
#include "core/diag.h"
#include "core/pep503.h"
#include "core/strbuf.h"
#include "core/xalloc.h"

#ifndef DEPAUDIT_DATADIR
#define DEPAUDIT_DATADIR "/usr/local/share/depaudit"
#endif

#define MAPDB_FILE "mapdb.db"

static const char *const source_names[MAPDB_NSOURCES] = {
	[MAPDB_CONFIG] = "config",     [MAPDB_SITE_PACKAGES] = "site-packages",
	[MAPDB_NIXPKGS] = "nixpkgs",   [MAPDB_CURATED] = "curated",
	[MAPDB_DEBIAN] = "debian",     [MAPDB_PEP503] = "pep503",
	[MAPDB_IDENTITY] = "identity",
};

/*
 * The layout.  Sources are stored as their names so that the file reads
 * well in the sqlite3 shell; every table is keyed so that a lookup is one
 * b-tree descent.
 */
const char mapdb_schema_sql[] =
	"CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)"
	" WITHOUT ROWID;"
	"CREATE TABLE module(module TEXT NOT NULL, dist TEXT NOT NULL,"
	" source TEXT NOT NULL, rank INTEGER NOT NULL,"
	" note TEXT NOT NULL DEFAULT '',"
	" PRIMARY KEY (module, dist, source)) WITHOUT ROWID;"
	"CREATE TABLE dist_attr(dist TEXT NOT NULL, attr TEXT NOT NULL,"
	" source TEXT NOT NULL, rank INTEGER NOT NULL,"
	" note TEXT NOT NULL DEFAULT '',"
	" PRIMARY KEY (dist, attr, source)) WITHOUT ROWID;"
	"CREATE TABLE attr(attr TEXT PRIMARY KEY) WITHOUT ROWID;"
	"CREATE TABLE stdlib(module TEXT PRIMARY KEY,"
	" versions INTEGER NOT NULL) WITHOUT ROWID;"
	"CREATE TABLE namespace(module TEXT PRIMARY KEY) WITHOUT ROWID;"
	"CREATE TABLE requires(dist TEXT NOT NULL, requires TEXT NOT NULL,"
	" PRIMARY KEY (dist, requires)) WITHOUT ROWID;"
	"CREATE TABLE nix_hook(attr TEXT PRIMARY KEY, dist TEXT NOT NULL,"
	" note TEXT NOT NULL DEFAULT '') WITHOUT ROWID;";

const char *const mapdb_table_names[MAPDB_NTABLES] = {
	"meta",   "module",    "dist_attr", "attr",
	"stdlib", "namespace", "requires",  "nix_hook",
};

enum { Q_MODULE, Q_ATTR, Q_KNOWN, Q_STDLIB, Q_REQUIRES, Q_HOOK, NQUERIES };

static const char *const query_sql[NQUERIES] = {
	[Q_MODULE] = "SELECT dist, source, rank FROM module WHERE module = ?1",
	[Q_ATTR] = "SELECT attr, source, rank FROM dist_attr WHERE dist = ?1",
	[Q_KNOWN] = "SELECT 1 FROM attr WHERE attr = ?1",
	[Q_STDLIB] = "SELECT versions FROM stdlib WHERE module = ?1",
	[Q_REQUIRES] = "SELECT requires FROM requires WHERE dist = ?1",
	[Q_HOOK] = "SELECT dist FROM nix_hook WHERE attr = ?1",
};

struct layer {
	sqlite3 *h;
	const char *path; /* from the arena */
	sqlite3_stmt *q[NQUERIES];
	/* A Bloom filter of its attribute list (meta row attr_filter, which
	 * the writer adds), or NULL: an attribute it rules out needs no
	 * query. */
	const unsigned char *filter;
};

const char mapdb_filter_key[] = "attr_filter";

struct cache_slot {
	const char *key;
	const struct mapdb_answer *answer;
};

/* Cached answers stop at this many names; answers stay valid anyway. */
enum { CACHE_MAX = 1 << 16 };

struct mapdb {
	struct layer layers[2]; /* user first when there is one */
	/* An installed environment's module rows, in memory: asked first,
	 * for modules only.  h NULL when there are none. */
	struct layer installed;
	sqlite3_stmt *insert;
	size_t nlayers;
	bool has_user;
	unsigned minor;
	struct arena arena;
	char **namespaces; /* sorted, from the arena */
	size_t nnamespaces;
	struct cache_slot *cache;
	size_t cache_cap; /* a power of two */
	size_t cache_len;
	struct strbuf prefix; /* scratch for mapdb_lookup() */
};

const char *
mapdb_source_name(enum mapdb_source source)
{
	return (unsigned)source < MAPDB_NSOURCES ? source_names[source] : "?";
}

int
mapdb_source_parse(const char *name)
{
	int i;

	for (i = 0; i < MAPDB_NSOURCES; i++) {
		if (!strcmp(name, source_names[i]))
			return i;
	}
	return -1;
}

bool
mapdb_valid_module(const char *name, size_t len)
{
	size_t i;
	bool start = true;

	if (!len)
		return false;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)name[i];

		if (c == '.') {
			if (start)
				return false;
			start = true;
			continue;
		}
		if (!(c == '_' || (c >= 'a' && c <= 'z') ||
		      (c >= 'A' && c <= 'Z') ||
		      (!start && c >= '0' && c <= '9')))
			return false;
		start = false;
	}
	return !start;
}

int
mapdb_db_error(sqlite3 *h, const char *path, const char *what)
{
	return diag_error(NULL, "mapping table '%s': %s: %s", path, what,
			  h ? sqlite3_errmsg(h) : "out of memory");
}

static const char *
column_text(sqlite3_stmt *st, int col)
{
	const unsigned char *s = sqlite3_column_text(st, col);

	return s ? (const char *)s : "";
}

/* Check the schema version of an open table: 0, or -1. */
static int
check_schema(sqlite3 *h, const char *path)
{
	sqlite3_stmt *st = NULL;
	int version = -1, rc;

	if (sqlite3_prepare_v2(h, "PRAGMA user_version", -1, &st, NULL) !=
	    SQLITE_OK)
		return mapdb_db_error(h, path, "cannot read");
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return mapdb_db_error(h, path, "cannot read");
	if (version == 0)
		return diag_error(NULL, "'%s' is not a depaudit mapping table",
				  path);
	if (version > MAPDB_SCHEMA)
		return diag_error(NULL,
				  "mapping table '%s' has schema %d, "
				  "newer than the %d this depaudit reads; "
				  "upgrade depaudit",
				  path, version, MAPDB_SCHEMA);
	if (version < MAPDB_SCHEMA)
		return diag_error(NULL,
				  "mapping table '%s' has the old "
				  "schema %d; build it again",
				  path, version);
	return 0;
}

/* Open one table file read-only (or read-write) and check it. */
sqlite3 *
mapdb_open_table(const char *path, bool writable)
{
	struct stat sb;
	sqlite3 *h = NULL;
	int flags = writable ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY;

	if (stat(path, &sb) != 0) {
		diag_error(NULL, "cannot open mapping table '%s': %s", path,
			   strerror(errno));
		return NULL;
	}
	if (!S_ISREG(sb.st_mode)) {
		diag_error(NULL,
			   "cannot open mapping table '%s': not a "
			   "regular file",
			   path);
		return NULL;
	}
	if (sqlite3_open_v2(path, &h, flags | SQLITE_OPEN_NOMUTEX, NULL) !=
	    SQLITE_OK) {
		mapdb_db_error(h, path, "cannot open");
		sqlite3_close(h);
		return NULL;
	}
	if (check_schema(h, path) != 0) {
		sqlite3_close(h);
		return NULL;
	}
	return h;
}

/* The MAPDB_FILTER_PROBES bits of s. */
void
mapdb_filter_probes(const char *s, size_t bit[MAPDB_FILTER_PROBES])
{
	uint64_t h = 1469598103934665603ull, h1, h2;
	int i;

	while (*s) {
		h ^= (unsigned char)*s++;
		h *= 1099511628211ull;
	}
	h1 = h & 0xffffffffu;
	h2 = (h >> 32) | 1;
	for (i = 0; i < MAPDB_FILTER_PROBES; i++)
		bit[i] = (size_t)((h1 + (uint64_t)i * h2) &
				  (MAPDB_FILTER_BITS - 1));
}

static bool
filter_has(const unsigned char *filter, const char *s)
{
	size_t bit[MAPDB_FILTER_PROBES];
	int i;

	mapdb_filter_probes(s, bit);
	for (i = 0; i < MAPDB_FILTER_PROBES; i++) {
		if (!(filter[bit[i] / 8] & (1u << (bit[i] % 8))))
			return false;
	}
	return true;
}

static int
hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* The layer's filter, when its meta row is there and well formed. */
static void
load_filter(struct mapdb *db, struct layer *l)
{
	sqlite3_stmt *st = NULL;
	const char *hex;
	unsigned char *f;
	size_t i;

	if (sqlite3_prepare_v2(l->h, "SELECT value FROM meta WHERE key = ?1",
			       -1, &st, NULL) != SQLITE_OK)
		return;
	sqlite3_bind_text(st, 1, mapdb_filter_key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW &&
	    (hex = (const char *)sqlite3_column_text(st, 0)) &&
	    strlen(hex) == MAPDB_FILTER_BITS / 4) {
		f = arena_alloc(&db->arena, MAPDB_FILTER_BITS / 8);
		for (i = 0; i < MAPDB_FILTER_BITS / 8; i++) {
			int hi = hex_digit(hex[2 * i]),
			    lo = hex_digit(hex[2 * i + 1]);

			if (hi < 0 || lo < 0)
				break;
			f[i] = (unsigned char)(hi << 4 | lo);
		}
		if (i == MAPDB_FILTER_BITS / 8)
			l->filter = f;
	}
	sqlite3_finalize(st);
}

static void
layer_release(struct layer *l)
{
	int i;

	for (i = 0; i < NQUERIES; i++)
		sqlite3_finalize(l->q[i]);
	sqlite3_close(l->h);
	memset(l, 0, sizeof(*l));
}

static int
layer_open(struct mapdb *db, struct layer *l, const char *path)
{
	int i;

	l->path = arena_strdup(&db->arena, path);
	l->h = mapdb_open_table(path, false);
	if (!l->h)
		return -1;
	/*
	 * One read transaction for the life of the handle: otherwise every
	 * query takes and drops the file lock and looks for a hot journal,
	 * which costs more than the query.  Writers never change a table in
	 * place (they rename a new file over it), so holding it is safe.
	 */
	if (sqlite3_exec(l->h, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		return mapdb_db_error(l->h, path, "cannot read");
	for (i = 0; i < NQUERIES; i++) {
		if (sqlite3_prepare_v3(l->h, query_sql[i], -1,
				       SQLITE_PREPARE_PERSISTENT, &l->q[i],
				       NULL) != SQLITE_OK)
			return mapdb_db_error(l->h, path,
					      "not readable as a "
					      "mapping table");
	}
	load_filter(db, l);
	return 0;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The namespace roots are few: hold them in memory, sorted. */
static int
load_namespaces(struct mapdb *db)
{
	size_t alloc = 0, i;

	for (i = 0; i < db->nlayers; i++) {
		struct layer *l = &db->layers[i];
		sqlite3_stmt *st = NULL;
		int rc;

		if (sqlite3_prepare_v2(l->h, "SELECT module FROM namespace", -1,
				       &st, NULL) != SQLITE_OK)
			return mapdb_db_error(l->h, l->path, "cannot read");
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			XGROW(db->namespaces, db->nnamespaces + 1, alloc);
			db->namespaces[db->nnamespaces++] =
				arena_strdup(&db->arena, column_text(st, 0));
		}
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE)
			return mapdb_db_error(l->h, l->path, "cannot read");
	}
	if (db->nnamespaces)
		qsort(db->namespaces, db->nnamespaces, sizeof(char *), cmp_str);
	return 0;
}

struct mapdb *
mapdb_open(const char *shipped, const char *user)
{
	struct mapdb *db = xcalloc(1, sizeof(*db));

	if (!shipped && !user) {
		diag_error(NULL, "no mapping table to open");
		free(db);
		return NULL;
	}
	db->minor = MAPDB_PY_DEFAULT;
	if (user) {
		db->has_user = true;
		if (layer_open(db, &db->layers[db->nlayers++], user) != 0)
			goto fail;
	}
	if (shipped) {
		if (layer_open(db, &db->layers[db->nlayers++], shipped) != 0)
			goto fail;
	}
	if (load_namespaces(db) != 0)
		goto fail;
	return db;
fail:
	mapdb_free(db);
	return NULL;
}

void
mapdb_free(struct mapdb *db)
{
	size_t i;

	if (!db)
		return;
	for (i = 0; i < db->nlayers; i++)
		layer_release(&db->layers[i]);
	sqlite3_finalize(db->insert);
	if (db->installed.h)
		layer_release(&db->installed);
	free(db->namespaces);
	free(db->cache);
	strbuf_release(&db->prefix);
	arena_release(&db->arena);
	free(db);
}

bool
mapdb_has_user(const struct mapdb *db)
{
	return db->has_user;
}

int
mapdb_parse_python(const char *version, unsigned *minor)
{
	char *end;
	unsigned long v;

	if (strncmp(version, "3.", 2) != 0 || version[2] < '0' ||
	    version[2] > '9')
		goto bad;
	errno = 0;
	v = strtoul(version + 2, &end, 10);
	if (errno || *end || v < MAPDB_PY_MIN || v > MAPDB_PY_MAX)
		goto bad;
	*minor = (unsigned)v;
	return 0;
bad:
	return diag_error(NULL,
			  "unsupported Python version '%s' (3.%d to "
			  "3.%d)",
			  version, MAPDB_PY_MIN, MAPDB_PY_MAX);
}

int
mapdb_set_python(struct mapdb *db, unsigned minor)
{
	if (minor < MAPDB_PY_MIN || minor > MAPDB_PY_MAX)
		return -1;
	if (minor != db->minor) {
		db->minor = minor;
		/* Old answers stay valid in the arena; only forget them. */
		if (db->cache)
			memset(db->cache, 0,
			       db->cache_cap * sizeof(*db->cache));
		db->cache_len = 0;
	}
	return 0;
}

static size_t
hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	while (*s) {
		h ^= (unsigned char)*s++;
		h *= 1099511628211ull;
	}
	return (size_t)h;
}

static const struct mapdb_answer *
cache_get(const struct mapdb *db, const char *key)
{
	size_t i;

	if (!db->cache)
		return NULL;
	for (i = hash_str(key) & (db->cache_cap - 1); db->cache[i].key;
	     i = (i + 1) & (db->cache_cap - 1)) {
		if (!strcmp(db->cache[i].key, key))
			return db->cache[i].answer;
	}
	return NULL;
}

static void
cache_put(struct mapdb *db, const struct mapdb_answer *answer)
{
	size_t i;

	if (db->cache_len >= CACHE_MAX)
		return;
	if ((db->cache_len + 1) * 2 > db->cache_cap) {
		struct cache_slot *old = db->cache;
		size_t oldcap = db->cache_cap, j;

		db->cache_cap = oldcap ? oldcap * 2 : 256;
		db->cache = xcalloc(db->cache_cap, sizeof(*db->cache));
		for (j = 0; j < oldcap; j++) {
			if (!old[j].key)
				continue;
			for (i = hash_str(old[j].key) & (db->cache_cap - 1);
			     db->cache[i].key;
			     i = (i + 1) & (db->cache_cap - 1))
				;
			db->cache[i] = old[j];
		}
		free(old);
	}
	for (i = hash_str(answer->module) & (db->cache_cap - 1);
	     db->cache[i].key; i = (i + 1) & (db->cache_cap - 1))
		;
	db->cache[i].key = answer->module;
	db->cache[i].answer = answer;
	db->cache_len++;
}

bool
mapdb_is_namespace(const struct mapdb *db, const char *name)
{
	return db->nnamespaces &&
	       bsearch(&name, db->namespaces, db->nnamespaces, sizeof(char *),
		       cmp_str) != NULL;
}

/* Run query q of layer l bound to key; the statement is left reset. */
static sqlite3_stmt *
bind(struct layer *l, int q, const char *key, size_t len)
{
	sqlite3_stmt *st = l->q[q];

	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, key, (int)len, SQLITE_STATIC);
	return st;
}

static int
step(struct layer *l, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		mapdb_db_error(l->h, l->path, "cannot read");
		sqlite3_reset(st);
		return -1;
	}
	return rc;
}

/* Whether any layer lists attr: 1, 0, or -1. */
static int
known_attr(struct mapdb *db, const char *attr)
{
	size_t i;
	int rc;

	for (i = 0; i < db->nlayers; i++) {
		struct layer *l = &db->layers[i];

		if (l->filter && !filter_has(l->filter, attr))
			continue;
		rc = step(l, bind(l, Q_KNOWN, attr, strlen(attr)));
		sqlite3_reset(l->q[Q_KNOWN]);
		if (rc < 0)
			return -1;
		if (rc == SQLITE_ROW)
			return 1;
	}
	return 0;
}

static int
source_of(struct layer *l, sqlite3_stmt *st, int col)
{
	int s = mapdb_source_parse(column_text(st, col));

	if (s < 0 || s == MAPDB_PEP503 || s == MAPDB_IDENTITY) {
		diag_error(NULL, "mapping table '%s': unknown source '%s'",
			   l->path, column_text(st, col));
		return -1;
	}
	return s;
}

struct attr_vec {
	struct mapdb_attr *v;
	size_t n, alloc;
};

static int
cmp_attr(const void *pa, const void *pb)
{
	const struct mapdb_attr *a = pa, *b = pb;

	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	if (a->source != b->source)
		return a->source < b->source ? -1 : 1;
	return strcmp(a->attr, b->attr);
}

static void
attr_add(struct mapdb *db, struct attr_vec *av, const char *attr,
	 enum mapdb_source source, int rank)
{
	size_t i;

	for (i = 0; i < av->n; i++) {
		if (!strcmp(av->v[i].attr, attr))
			return; /* the user layer's row came first */
	}
	XGROW(av->v, av->n + 1, av->alloc);
	av->v[av->n].attr = arena_strdup(&db->arena, attr);
	av->v[av->n].source = source;
	av->v[av->n].rank = rank;
	av->n++;
}

/* Fill the attributes of one provider. */
static int
resolve_attrs(struct mapdb *db, struct mapdb_provider *p, struct attr_vec *av)
{
	size_t i;
	int rc = SQLITE_DONE, maxrank = 0, known;

	av->n = 0;
	for (i = 0; i < db->nlayers && rc != -1; i++) {
		struct layer *l = &db->layers[i];
		sqlite3_stmt *st = bind(l, Q_ATTR, p->dist, strlen(p->dist));

		/* Q_KNOWN is a statement of its own: st stays on its row. */
		while ((rc = step(l, st)) == SQLITE_ROW) {
			const char *attr = column_text(st, 0);
			int src = source_of(l, st, 1);
			int rank = sqlite3_column_int(st, 2);

			known = src < 0 ? -1 : known_attr(db, attr);
			if (known < 0) {
				rc = -1;
				break;
			}
			if (!known)
				continue;
			attr_add(db, av, attr, (enum mapdb_source)src, rank);
			if (rank > maxrank)
				maxrank = rank;
		}
		sqlite3_reset(st);
	}
	if (rc == -1)
		return -1;
	known = known_attr(db, p->dist);
	if (known < 0)
		return -1;
	if (known)
		attr_add(db, av, p->dist, MAPDB_PEP503, maxrank + 1);
	if (av->n) {
		qsort(av->v, av->n, sizeof(*av->v), cmp_attr);
		p->attrs =
			arena_memdup(&db->arena, av->v, av->n * sizeof(*av->v));
		p->nattrs = av->n;
	} else {
		p->guess = p->dist;
	}
	return 0;
}

struct prov_vec {
	struct mapdb_provider *v;
	size_t n, alloc;
};

static int
cmp_provider(const void *pa, const void *pb)
{
	const struct mapdb_provider *a = pa, *b = pb;
	unsigned sa = a->sources & -a->sources, sb = b->sources & -b->sources;

	/* what is installed is what is there */
	if ((a->sources ^ b->sources) & (1u << MAPDB_SITE_PACKAGES))
		return a->sources & (1u << MAPDB_SITE_PACKAGES) ? -1 : 1;
	if (a->user != b->user)
		return a->user ? -1 : 1;
	if (sa != sb) /* the lowest source bit is the most trusted source */
		return sa < sb ? -1 : 1;
	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	return strcmp(a->dist, b->dist);
}

/* Add the module rows of one layer for prefix; -1 on a read error. */
static int
collect(struct mapdb *db, struct layer *l, bool user, const char *prefix,
	size_t len, struct prov_vec *pv)
{
	sqlite3_stmt *st = bind(l, Q_MODULE, prefix, len);
	int rc;

	while ((rc = step(l, st)) == SQLITE_ROW) {
		const char *dist = column_text(st, 0);
		int src = source_of(l, st, 1);
		int rank = sqlite3_column_int(st, 2);
		struct mapdb_provider *p = NULL;
		unsigned low;
		size_t i;

		if (src < 0) {
			rc = -1;
			break;
		}
		for (i = 0; i < pv->n && !p; i++) {
			if (!strcmp(pv->v[i].dist, dist))
				p = &pv->v[i];
		}
		if (!p) {
			XGROW(pv->v, pv->n + 1, pv->alloc);
			p = &pv->v[pv->n++];
			memset(p, 0, sizeof(*p));
			p->dist = arena_strdup(&db->arena, dist);
			p->rank = rank;
		}
		/* The rank is that of the most trusted source's row. */
		low = p->sources & -p->sources;
		if (!p->sources || (1u << src) < low ||
		    ((1u << src) == low && rank < p->rank))
			p->rank = rank;
		p->user |= user;
		p->sources |= 1u << src;
	}
	sqlite3_reset(st);
	return rc == -1 ? -1 : 0;
}

/* The stdlib versions of the top-level name of module; -1 on error. */
static int
stdlib_versions(struct mapdb *db, const char *module, unsigned *bits)
{
	size_t len = strcspn(module, "."), i;
	int rc;

	*bits = 0;
	for (i = 0; i < db->nlayers; i++) {
		struct layer *l = &db->layers[i];
		sqlite3_stmt *st = bind(l, Q_STDLIB, module, len);

		rc = step(l, st);
		if (rc == SQLITE_ROW)
			*bits |= (unsigned)sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		if (rc < 0)
			return -1;
	}
	return 0;
}

/* The guess for a name nothing provides; NULL for a namespace root. */
static void
guess(struct mapdb *db, struct mapdb_answer *a)
{
	const char *m = a->module, *dot = m;
	char *part;
	int known;

	for (;;) {
		dot = strchr(dot, '.');
		part = arena_strndup(&db->arena, m,
				     dot ? (size_t)(dot - m) : strlen(m));
		if (!mapdb_is_namespace(db, part))
			break;
		if (!dot) {
			a->namespace = true;
			return;
		}
		dot++;
	}
	a->guess = pep503_arena(&db->arena, part);
	known = known_attr(db, a->guess);
	if (known > 0) {
		a->guess_attr = a->guess;
		a->prefix = part; /* for identity() */
	}
}

/* A guess that names a nixpkgs attribute is a provider: identity. */
static void
identity(struct mapdb *db, struct mapdb_answer *a)
{
	struct mapdb_provider *p;
	struct mapdb_attr *at;

	if (!a->guess_attr)
		return;
	a->providers = NULL;
	a->nproviders = 0;
	p = arena_calloc(&db->arena, 1, sizeof(*p));
	at = arena_calloc(&db->arena, 1, sizeof(*at));
	at->attr = a->guess_attr;
	at->source = MAPDB_PEP503;
	at->rank = 1;
	p->dist = a->guess;
	p->rank = 1;
	p->sources = 1u << MAPDB_IDENTITY;
	p->attrs = at;
	p->nattrs = 1;
	a->providers = p;
	a->nproviders = 1;
	a->guess = NULL;
	a->guess_attr = NULL;
}

/*
 * A dotted name longer than the prefix rows answered (answered bytes,
 * 0 for none) whose PEP 503 name is a nixpkgs attribute is that
 * distribution's: the longest prefix answers, and extension packages of
 * a namespace are named after theirs (dissect.fat is dissect-fat,
 * llama_index.embeddings.google llama-index-embeddings-google).  Whether
 * one was found: 1, 0, or -1 on a read error.
 */
static int
dotted_identity(struct mapdb *db, struct mapdb_answer *a, size_t answered)
{
	const char *m = a->module;
	struct strbuf name = STRBUF_INIT;
	size_t len = strlen(m);
	int found = 0;

	while (len > answered && !found) {
		if (memchr(m, '.', len)) {
			strbuf_reset(&db->prefix);
			strbuf_add(&db->prefix, m, len);
			strbuf_reset(&name);
			pep503_normalize(&name, m, len);
			if (!mapdb_is_namespace(db, db->prefix.buf) &&
			    (found = known_attr(db, name.buf)) > 0) {
				a->guess = a->guess_attr = arena_strndup(
					&db->arena, name.buf, name.len);
				a->prefix = arena_strndup(&db->arena, m, len);
				identity(db, a);
			}
		}
		while (len > 0 && m[--len] != '.')
			;
	}
	strbuf_release(&name);
	return found;
}

int
mapdb_add_installed(struct mapdb *db, const char *module, const char *dist,
		    const char *note)
{
	struct layer *l = &db->installed;
	int rc;

	if (!l->h) {
		l->path = "(installed environment)";
		if (sqlite3_open_v2(":memory:", &l->h,
				    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
					    SQLITE_OPEN_NOMUTEX,
				    NULL) != SQLITE_OK ||
		    sqlite3_exec(l->h, mapdb_schema_sql, NULL, NULL, NULL) !=
			    SQLITE_OK ||
		    sqlite3_prepare_v2(l->h, query_sql[Q_MODULE], -1,
				       &l->q[Q_MODULE], NULL) != SQLITE_OK ||
		    sqlite3_prepare_v2(l->h,
				       "INSERT OR IGNORE INTO module VALUES"
				       " (?1, ?2, 'site-packages', 1, ?3)",
				       -1, &db->insert, NULL) != SQLITE_OK)
			return mapdb_db_error(l->h, l->path, "cannot hold");
	}
	sqlite3_reset(db->insert);
	sqlite3_bind_text(db->insert, 1, module, -1, SQLITE_STATIC);
	sqlite3_bind_text(db->insert, 2, dist, -1, SQLITE_STATIC);
	sqlite3_bind_text(db->insert, 3, note ? note : "", -1, SQLITE_STATIC);
	rc = sqlite3_step(db->insert);
	sqlite3_reset(db->insert);
	return rc == SQLITE_DONE ? 0
				 : mapdb_db_error(l->h, l->path, "cannot hold");
}

int
mapdb_dist_attrs(struct mapdb *db, const char *dist,
		 const struct mapdb_attr **out, size_t *n)
{
	struct mapdb_provider p;
	struct attr_vec av = {NULL, 0, 0};
	int rc;

	memset(&p, 0, sizeof(p));
	p.dist = dist;
	rc = resolve_attrs(db, &p, &av);
	free(av.v);
	*out = p.attrs;
	*n = rc ? 0 : p.nattrs;
	return rc;
}

int
mapdb_requires(struct mapdb *db, const char *dist, const char *const **out,
	       size_t *n)
{
	const char **v = NULL;
	size_t count = 0, alloc = 0, i, k;

	*out = NULL;
	*n = 0;
	for (i = 0; i < db->nlayers; i++) {
		struct layer *l = &db->layers[i];
		sqlite3_stmt *st = bind(l, Q_REQUIRES, dist, strlen(dist));
		int rc;

		while ((rc = step(l, st)) == SQLITE_ROW) {
			const char *r = column_text(st, 0);

			for (k = 0; k < count && strcmp(v[k], r); k++)
				;
			if (k < count)
				continue;
			XGROW(v, count + 1, alloc);
			v[count++] = arena_strdup(&db->arena, r);
		}
		sqlite3_reset(st);
		if (rc < 0) {
			free(v);
			return -1;
		}
	}
	if (count) {
		*out = arena_memdup(&db->arena, v, count * sizeof(*v));
		*n = count;
	}
	free(v);
	return 0;
}

int
mapdb_nix_hook(struct mapdb *db, const char *attr, const char **dist)
{
	size_t i;

	*dist = NULL;
	for (i = 0; i < db->nlayers; i++) {
		struct layer *l = &db->layers[i];
		sqlite3_stmt *st = bind(l, Q_HOOK, attr, strlen(attr));
		int rc = step(l, st);
		const char *d;

		if (rc < 0)
			return -1;
		if (rc == SQLITE_ROW) {
			d = column_text(st, 0);
			if (*d)
				*dist = arena_strdup(&db->arena, d);
		}
		sqlite3_reset(st);
		if (rc == SQLITE_ROW)
			return 1;
	}
	return 0;
}

bool
mapdb_is_python_attr(struct mapdb *db, const char *attr)
{
	return *attr && known_attr(db, attr) == 1;
}

const struct mapdb_answer *
mapdb_lookup(struct mapdb *db, const char *module)
{
	const struct mapdb_answer *cached = cache_get(db, module);
	struct mapdb_answer *a;
	struct prov_vec pv = {NULL, 0, 0};
	struct attr_vec av = {NULL, 0, 0};
	size_t len, i;

	if (cached)
		return cached;
	a = arena_calloc(&db->arena, 1, sizeof(*a));
	a->module = arena_strdup(&db->arena, module);
	if (stdlib_versions(db, module, &a->stdlib_versions) != 0)
		goto fail;
	a->stdlib = a->stdlib_versions & (1u << (db->minor - MAPDB_PY_MIN));
	/* Longest dotted prefix first; a namespace root never answers. */
	for (len = strlen(module); len > 0 && !pv.n;) {
		strbuf_reset(&db->prefix);
		strbuf_add(&db->prefix, module, len);
		if (!mapdb_is_namespace(db, db->prefix.buf)) {
			if (db->installed.h &&
			    collect(db, &db->installed, false, db->prefix.buf,
				    len, &pv) != 0)
				goto fail;
			for (i = 0; i < db->nlayers; i++) {
				if (collect(db, &db->layers[i],
					    db->has_user && i == 0,
					    db->prefix.buf, len, &pv) != 0)
					goto fail;
			}
			if (pv.n)
				a->prefix =
					arena_strndup(&db->arena, module, len);
		} else if (len == strlen(module)) {
			a->namespace = true;
		}
		while (len > 0 && module[--len] != '.')
			;
	}
	switch (a->stdlib ? 0
			  : dotted_identity(db, a,
					    pv.n ? strlen(a->prefix) : 0)) {
	case -1:
		goto fail;
	case 1:
		pv.n = 0; /* the longer name answers */
		break;
	}
	if (a->nproviders) {
		/* answered by dotted_identity() */
	} else if (pv.n) {
		qsort(pv.v, pv.n, sizeof(*pv.v), cmp_provider);
		for (i = 0; i < pv.n; i++) {
			if (resolve_attrs(db, &pv.v[i], &av) != 0)
				goto fail;
		}
		a->providers =
			arena_memdup(&db->arena, pv.v, pv.n * sizeof(*pv.v));
		a->nproviders = pv.n;
	} else if (!a->stdlib) {
		guess(db, a);
		identity(db, a);
	}
	free(pv.v);
	free(av.v);
	cache_put(db, a);
	return a;
fail:
	free(pv.v);
	free(av.v);
	return NULL;
}

static int
count(struct layer *l, const char *sql, unsigned long *out)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (sqlite3_prepare_v2(l->h, sql, -1, &st, NULL) != SQLITE_OK)
		return mapdb_db_error(l->h, l->path, "cannot read");
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = (unsigned long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0
				: mapdb_db_error(l->h, l->path, "cannot read");
}

/* The user layer (user) or the shipped one, or NULL when there is none. */
static struct layer *
layer_of(struct mapdb *db, bool user)
{
	if (user)
		return db->has_user ? &db->layers[0] : NULL;
	if (db->nlayers > (db->has_user ? 1u : 0u))
		return &db->layers[db->nlayers - 1];
	return NULL;
}

int
mapdb_stats(struct mapdb *db, bool user, struct mapdb_stats *st)
{
	struct layer *l = layer_of(db, user);
	sqlite3_stmt *q = NULL;
	int rc;

	memset(st, 0, sizeof(*st));
	if (!l)
		return 0; /* no such layer: nothing in it */
	if (count(l, "SELECT count(DISTINCT module) FROM module",
		  &st->modules) != 0 ||
	    count(l, "SELECT count(DISTINCT dist) FROM module", &st->dists) !=
		    0 ||
	    count(l, "SELECT count(*) FROM attr", &st->attrs) != 0 ||
	    count(l, "SELECT count(*) FROM dist_attr", &st->dist_attrs) != 0 ||
	    count(l, "SELECT count(*) FROM stdlib", &st->stdlib) != 0)
		return -1;
	if (sqlite3_prepare_v2(l->h,
			       "SELECT source, count(*) FROM module"
			       " GROUP BY source",
			       -1, &q, NULL) != SQLITE_OK)
		return mapdb_db_error(l->h, l->path, "cannot read");
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		int s = source_of(l, q, 0);

		if (s < 0) {
			rc = -1;
			break;
		}
		st->by_source[s] = (unsigned long)sqlite3_column_int64(q, 1);
	}
	sqlite3_finalize(q);
	if (rc == -1)
		return -1;
	return rc == SQLITE_DONE ? 0
				 : mapdb_db_error(l->h, l->path, "cannot read");
}

static const char dump_sql[] =
	"SELECT 0, module, dist, source, rank, note FROM module"
	" UNION ALL SELECT 1, dist, attr, source, rank, note FROM dist_attr"
	" UNION ALL SELECT 2, attr, '', '', 0, '' FROM attr"
	" UNION ALL SELECT 3, module, '', '', versions, '' FROM stdlib"
	" UNION ALL SELECT 4, module, '', '', 0, '' FROM namespace"
	" UNION ALL SELECT 5, key, value, '', 0, '' FROM meta"
	" WHERE key <> 'attr_filter'"
	" UNION ALL SELECT 6, dist, requires, '', 0, '' FROM requires"
	" UNION ALL SELECT 7, attr, dist, '', 0, note FROM nix_hook"
	" ORDER BY 1, 2, 3, 4";

int
mapdb_dump(struct mapdb *db, bool user,
	   int (*fn)(const struct mapdb_row *row, void *ud), void *ud)
{
	struct layer *l = layer_of(db, user);
	sqlite3_stmt *st = NULL;
	int rc, ret = 0;

	if (!l)
		return 0;
	if (sqlite3_prepare_v2(l->h, dump_sql, -1, &st, NULL) != SQLITE_OK)
		return mapdb_db_error(l->h, l->path, "cannot read");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct mapdb_row row;
		const char *src = column_text(st, 3);

		row.kind = (enum mapdb_kind)sqlite3_column_int(st, 0);
		row.a = column_text(st, 1);
		row.b = column_text(st, 2);
		row.source = MAPDB_CURATED;
		if (*src) {
			int s = source_of(l, st, 3);

			if (s < 0) {
				ret = -1;
				break;
			}
			row.source = (enum mapdb_source)s;
		}
		row.rank = sqlite3_column_int(st, 4);
		row.note = column_text(st, 5);
		ret = fn(&row, ud);
		if (ret)
			break;
	}
	if (!ret && rc != SQLITE_DONE)
		ret = mapdb_db_error(l->h, l->path, "cannot read");
	sqlite3_finalize(st);
	return ret;
}

static bool
is_file(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

static int
find_shipped(struct strbuf *out)
{
	struct strbuf exe = STRBUF_INIT, try = STRBUF_INIT;
	char buf[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
	int ret = -1;

	if (n > 0) {
		char *slash;

		buf[n] = '\0';
		slash = strrchr(buf, '/');
		if (slash)
			*slash = '\0';
		strbuf_addstr(&exe, buf);
		/* A meson build tree: build/cmd/depaudit, build/data/. */
		strbuf_addf(&try, "%s/../build.ninja", exe.buf);
		if (is_file(try.buf)) {
			strbuf_reset(&try);
			strbuf_addf(&try, "%s/../data/" MAPDB_FILE, exe.buf);
			if (is_file(try.buf))
				goto found;
		}
	}
	strbuf_reset(&try);
	strbuf_addstr(&try, DEPAUDIT_DATADIR "/" MAPDB_FILE);
	if (is_file(try.buf))
		goto found;
	if (exe.len) {
		/* Installed elsewhere than configured: PREFIX/bin, share. */
		strbuf_reset(&try);
		strbuf_addf(&try, "%s/../share/depaudit/" MAPDB_FILE, exe.buf);
		if (is_file(try.buf))
			goto found;
	}
	goto out;
found:
	strbuf_add(out, try.buf, try.len);
	ret = 0;
out:
	strbuf_release(&exe);
	strbuf_release(&try);
	return ret;
}

int
mapdb_find_shipped(struct strbuf *out, bool quiet)
{
	if (find_shipped(out) == 0)
		return 0;
	if (quiet)
		return -1;
	return diag_error(NULL, "cannot find the shipped mapping table "
				"'" MAPDB_FILE "'; reinstall depaudit or give "
				"--db FILE");
}

int
mapdb_user_path(struct strbuf *out)
{
	const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");

	/* The XDG spec: a relative XDG_DATA_HOME is to be ignored. */
	if (xdg && xdg[0] == '/')
		strbuf_addf(out, "%s/depaudit/" MAPDB_FILE, xdg);
	else if (home && *home)
		strbuf_addf(out, "%s/.local/share/depaudit/" MAPDB_FILE, home);
	else
		return -1;
	return 0;
}

struct mapdb *
mapdb_open_default(const char *user)
{
	struct strbuf shipped = STRBUF_INIT, deflt = STRBUF_INIT;
	struct mapdb *db = NULL;
	bool have_shipped;

	if (!user && mapdb_user_path(&deflt) == 0 && is_file(deflt.buf))
		user = deflt.buf;
	if (user && access(user, F_OK) == 0) {
		/* Without a shipped table the user's alone will do. */
		have_shipped = find_shipped(&shipped) == 0;
	} else {
		have_shipped = mapdb_find_shipped(&shipped, false) == 0;
		if (!have_shipped)
			goto out;
	}
	db = mapdb_open(have_shipped ? shipped.buf : NULL, user);
out:
	strbuf_release(&shipped);
	strbuf_release(&deflt);
	return db;
}
