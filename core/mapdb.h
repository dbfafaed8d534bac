/* mapdb.h - the mapping table: module -> distribution -> nixpkgs attribute
 *
 * The table is a sqlite file.  It answers, for an import name, which
 * distributions provide it (several, ranked, each row with the source it
 * came from), which nixpkgs attribute packages each distribution, and
 * whether the name is in the standard library of a Python version.
 *
 * A struct mapdb reads one or two table files: the shipped one and,
 * optionally, a user table layered over it (rows from `depaudit db
 * import`).  Both are opened read-only.  A name is answered by its longest
 * dotted prefix that has rows in either layer.  At that prefix providers
 * are ordered by layer (user first), then by their most trusted source
 * (enum mapdb_source order), then by rank (1 first), then by name; every
 * provider is kept, none "wins" silently.  A namespace root (google,
 * azure.mgmt) is never a prefix that answers: only its dotted children are.
 *
 * A distribution's attributes are those its rows name, then its PEP 503
 * name; each only when it is in the table's attribute list.  With none,
 * the provider has no attribute and `guess` holds the PEP 503 name.
 *
 * Writing (core/mapwrite.c) goes through struct mapdb_writer, which
 * builds a complete table in a temporary file next to the target and
 * renames it over the target on commit, so readers never see half a
 * table.  Each table carries a Bloom filter of its attribute list (a meta
 * row the writer adds, left out of mapdb_dump()), so that asking about a
 * name that is no attribute costs no query.
 *
 * Ownership: a struct mapdb owns every answer it returns (and every string
 * in it) until mapdb_free(); callers never free them.  Names passed in are
 * borrowed for the call only.  Every function that can fail prints the
 * diagnostic itself, naming the file, and returns -1 or NULL.  A struct
 * mapdb is not shared between threads.
 */
#ifndef DEPAUDIT_CORE_MAPDB_H
#define DEPAUDIT_CORE_MAPDB_H

#include <stdbool.h>
#include <stddef.h>

struct strbuf;

/* The table layout this code reads and writes (PRAGMA user_version). */
enum { MAPDB_SCHEMA = 3 };

/* Python versions with a stdlib list: 3.MAPDB_PY_MIN to 3.MAPDB_PY_MAX. */
enum { MAPDB_PY_MIN = 8, MAPDB_PY_MAX = 14, MAPDB_PY_DEFAULT = 12 };

/* Where a row came from, in the order ties are broken (config first). */
enum mapdb_source {
	MAPDB_CONFIG,
	MAPDB_SITE_PACKAGES,
	MAPDB_NIXPKGS,
	MAPDB_CURATED,
	MAPDB_DEBIAN,
	MAPDB_PEP503, /* attributes only: the default rule, not a row */
	/* A provider no row names: the module's PEP 503 name, which is a
	 * nixpkgs attribute.  The least trusted; not a row either. */
	MAPDB_IDENTITY,
	MAPDB_NSOURCES
};

/* "config", "site-packages", "nixpkgs", "curated", "debian", "pep503",
 * "identity". */
const char *mapdb_source_name(enum mapdb_source source);
/* The source called name, or -1. */
int mapdb_source_parse(const char *name);

struct mapdb_attr {
	const char *attr;
	enum mapdb_source source;
	int rank;
};

struct mapdb_provider {
	const char *dist; /* PEP 503-normalized */
	int rank;         /* rank of its most trusted source's row */
	bool user;        /* a row of the user layer names it */
	unsigned sources; /* bit (1u << enum mapdb_source) per source */
	const struct mapdb_attr *attrs; /* best first */
	size_t nattrs;
	const char *guess; /* nattrs == 0: the PEP 503 name; else NULL */
};

struct mapdb_answer {
	const char *module;       /* as asked */
	const char *prefix;       /* the dotted prefix that matched, or NULL */
	bool stdlib;              /* the top-level name is in the stdlib */
	unsigned stdlib_versions; /* bit (minor - MAPDB_PY_MIN) per version */
	bool namespace;           /* module itself is a namespace root */
	const struct mapdb_provider *providers; /* best first */
	size_t nproviders;
	/*
	 * No provider: the PEP 503 name of the module up to the first part
	 * below any namespace root (google.cloud.foo.bar -> google-cloud-foo);
	 * NULL for a bare namespace root.  When that name is in the
	 * attribute list, it is a provider instead, of source identity, and
	 * guess and guess_attr are NULL.
	 */
	const char *guess;
	const char *guess_attr;
};

struct mapdb;

/*
 * Open the table at shipped and, when user is not NULL, the table at user
 * layered over it; both read-only, both must exist and carry schema
 * MAPDB_SCHEMA.  shipped may be NULL when user is given.  Python version
 * 3.MAPDB_PY_DEFAULT until mapdb_set_python().  Free with mapdb_free().
 */
struct mapdb *mapdb_open(const char *shipped, const char *user);
void mapdb_free(struct mapdb *db);

/*
 * Rows of an installed environment (core/mapimport reads them from a
 * site-packages), held in memory above every table: a module they name
 * answers with their distributions first, as source site-packages.
 * Before the first lookup; 0, or -1 (diagnosed).
 */
int mapdb_add_installed(struct mapdb *db, const char *module, const char *dist,
			const char *note);

/*
 * The nixpkgs attributes of the distribution dist (PEP 503), best first,
 * as a provider of that name would have them: 0 with *out (owned by db)
 * and *n set (0 when nixpkgs has none), or -1 on a read error.
 */
int mapdb_dist_attrs(struct mapdb *db, const char *dist,
		     const struct mapdb_attr **out, size_t *n);

/* Answer for Python 3.minor from now on: 0, or -1 out of range. */
int mapdb_set_python(struct mapdb *db, unsigned minor);
/* Parse "3.X" into minor: 0, or -1 (with a diagnostic) if unsupported. */
int mapdb_parse_python(const char *version, unsigned *minor);

/*
 * The answer for a dotted module name.  Answers are cached: the same name
 * costs one hash lookup after the first time.  The answer and all its
 * strings are owned by db and stay valid until mapdb_free().  NULL only
 * on a read error of the table (diagnosed).
 */
const struct mapdb_answer *mapdb_lookup(struct mapdb *db, const char *module);

/*
 * The distributions dist (PEP 503) requires, as packaged (Debian's
 * Depends): 0 with *out (owned by db) and *n set, or -1 on a read error.
 */
int mapdb_requires(struct mapdb *db, const char *dist, const char *const **out,
		   size_t *n);

/*
 * Whether attr names a hook of nixpkgs' Python build machinery, the kind
 * packagers put in nativeBuildInputs or nativeCheckInputs
 * (pytestCheckHook, sphinxHook, pythonRelaxDepsHook, rustPlatform's
 * maturinBuildHook): 1 with *dist the PEP 503 name of the distribution it
 * brings into the build (pytestCheckHook: pytest), or *dist NULL when it
 * provides nothing importable (unittestCheckHook, pythonImportsCheckHook);
 * 0 when attr is no hook the table knows (*dist NULL); -1 on a read error
 * (diagnosed).  attr is the bare attribute (maturinBuildHook, not
 * rustPlatform.maturinBuildHook).  *dist is owned by db.
 */
int mapdb_nix_hook(struct mapdb *db, const char *attr, const char **dist);

/*
 * Whether attr is an attribute of nixpkgs' Python package set: in the
 * table's attribute list (python-packages.nix of the shipped table,
 * attributes a user import added).  Hooks, C libraries and tools
 * (ffmpeg, zlib, gitMinimal) are not.  A read error is diagnosed and
 * answers false.
 */
bool mapdb_is_python_attr(struct mapdb *db, const char *attr);

/* Counts for `depaudit db` and the benchmark. */
struct mapdb_stats {
	unsigned long modules;    /* distinct module names with rows */
	unsigned long dists;      /* distinct distributions in module rows */
	unsigned long attrs;      /* the attribute list */
	unsigned long dist_attrs; /* distribution -> attribute rows */
	unsigned long stdlib;     /* distinct stdlib names over all versions */
	unsigned long by_source[MAPDB_NSOURCES]; /* module rows per source */
};

/* Counts of the layer user (true) or shipped; 0, or -1. */
int mapdb_stats(struct mapdb *db, bool user, struct mapdb_stats *st);

/* One row of a table, for `depaudit db dump`. */
enum mapdb_kind {
	MAPDB_ROW_MODULE,     /* a = module, b = dist */
	MAPDB_ROW_ATTR,       /* a = dist, b = attr */
	MAPDB_ROW_KNOWN_ATTR, /* a = attr */
	MAPDB_ROW_STDLIB,     /* a = module, rank = bit set of versions */
	MAPDB_ROW_NAMESPACE,  /* a = module */
	MAPDB_ROW_META,       /* a = key, b = value */
	MAPDB_ROW_REQUIRES,   /* a = dist, b = a distribution it requires */
	MAPDB_ROW_NIX_HOOK    /* a = attr, b = the dist it provides or "" */
};

/* source means something for module and attr rows only; note for those
 * and for nix-hook rows. */
struct mapdb_row {
	enum mapdb_kind kind;
	const char *a;
	const char *b; /* "" when the kind has none */
	enum mapdb_source source;
	int rank;
	const char *note; /* "" when none */
};

/*
 * Call fn for every row of the layer user (true) or shipped, sorted by
 * kind, then a, b and source.  The row's strings are valid during the call
 * only.  0, or -1 on a read error; returns early with fn's nonzero value.
 */
int mapdb_dump(struct mapdb *db, bool user,
	       int (*fn)(const struct mapdb_row *row, void *ud), void *ud);

/*
 * Append the path of the shipped table to out: the build tree's when the
 * running binary sits in a meson build tree, else the installed one.  0,
 * or -1 when there is none (diagnosed unless quiet).
 */
int mapdb_find_shipped(struct strbuf *out, bool quiet);
/*
 * Append the default user table path to out: $XDG_DATA_HOME/depaudit/
 * mapdb.db, or ~/.local/share/depaudit/mapdb.db.  -1 when neither
 * XDG_DATA_HOME nor HOME is set (no diagnostic).
 */
int mapdb_user_path(struct strbuf *out);

/*
 * Open the tables depaudit reads: the shipped one (mapdb_find_shipped())
 * with a user table layered over it: user when not NULL (it must exist),
 * else the default user table when that exists.  With user given and no
 * shipped table installed, the user table alone.  NULL after a diagnostic.
 */
struct mapdb *mapdb_open_default(const char *user);

/* Whether module is a namespace root in any layer. */
bool mapdb_is_namespace(const struct mapdb *db, const char *module);

/* Whether the table has a user layer. */
bool mapdb_has_user(const struct mapdb *db);

struct mapdb_writer;

/*
 * Start a new table that will replace path on commit.  Rows are written to
 * a temporary file beside path.  When base is not NULL every row of the
 * table at base is copied in first (base may equal path: importing into an
 * existing user table).  NULL, with a diagnostic, when the directory of
 * path cannot be written or base cannot be read.
 */
struct mapdb_writer *mapdb_writer_new(const char *path, const char *base);
/*
 * Add rows; names are borrowed.  Distributions are PEP 503-normalized here.
 * A row that is already present (same key) is replaced.  0, or -1.
 */
int mapdb_writer_module(struct mapdb_writer *w, const char *module,
			const char *dist, enum mapdb_source source, int rank,
			const char *note);
int mapdb_writer_attr(struct mapdb_writer *w, const char *dist,
		      const char *attr, enum mapdb_source source, int rank,
		      const char *note);
int mapdb_writer_known_attr(struct mapdb_writer *w, const char *attr);
int mapdb_writer_stdlib(struct mapdb_writer *w, const char *module,
			unsigned minor);
int mapdb_writer_namespace(struct mapdb_writer *w, const char *module);
/* A distribution dist requires (both PEP 503-normalized on the way in). */
int mapdb_writer_requires(struct mapdb_writer *w, const char *dist,
			  const char *requires);
/* A Nix hook and the distribution it provides (NULL: none). */
int mapdb_writer_nix_hook(struct mapdb_writer *w, const char *attr,
			  const char *dist, const char *note);
int mapdb_writer_meta(struct mapdb_writer *w, const char *key,
		      const char *value);
/* Finish the table and rename it over path: 0, or -1 (nothing changed). */
int mapdb_writer_commit(struct mapdb_writer *w);
/* Free the writer; an uncommitted table is removed.  NULL does nothing. */
void mapdb_writer_free(struct mapdb_writer *w);

/* Whether name is a dotted Python identifier path ("a.b_c.d"). */
bool mapdb_valid_module(const char *name, size_t len);

#endif
