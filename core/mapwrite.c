/* mapwrite.c - writing a mapping table (struct mapdb_writer); see mapdb.h
 *
 * A writer builds a complete table in a temporary file next to the
 * target, in one transaction, and renames it over the target on commit.
 * The layout it writes is the reader's (core/mapdb_table.h).
 */
#include "core/mapdb.h"
#include "core/mapdb_table.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "core/attr.h"
#include "core/diag.h"
#include "core/pep503.h"
#include "core/strbuf.h"
#include "core/xalloc.h"

enum {
	W_MODULE,
	W_ATTR,
	W_KNOWN,
	W_STDLIB,
	W_NAMESPACE,
	W_META,
	W_REQUIRES,
	W_HOOK,
	NWRITES
};

static const char *const write_sql[NWRITES] = {
	[W_MODULE] =
		"INSERT OR REPLACE INTO module VALUES (?1, ?2, ?3, ?4, ?5)",
	[W_ATTR] =
		"INSERT OR REPLACE INTO dist_attr VALUES (?1, ?2, ?3, ?4, ?5)",
	[W_KNOWN] = "INSERT OR IGNORE INTO attr VALUES (?1)",
	[W_STDLIB] = ("INSERT INTO stdlib VALUES (?1, ?2) ON CONFLICT(module)"
		      " DO UPDATE SET versions = versions | excluded.versions"),
	[W_NAMESPACE] = "INSERT OR IGNORE INTO namespace VALUES (?1)",
	[W_META] = "INSERT OR REPLACE INTO meta VALUES (?1, ?2)",
	[W_REQUIRES] = "INSERT OR IGNORE INTO requires VALUES (?1, ?2)",
	[W_HOOK] = "INSERT OR REPLACE INTO nix_hook VALUES (?1, ?2, ?3)",
};

struct mapdb_writer {
	sqlite3 *h;
	char *path;
	char *tmp;
	sqlite3_stmt *q[NWRITES];
	bool committed;
};

static int
exec(struct mapdb_writer *w, const char *sql)
{
	if (sqlite3_exec(w->h, sql, NULL, NULL, NULL) != SQLITE_OK)
		return mapdb_db_error(w->h, w->path, "cannot write");
	return 0;
}

/* Copy every row of the table at base into w. */
static int
copy_base(struct mapdb_writer *w, const char *base)
{
	sqlite3 *check = mapdb_open_table(base, false);
	sqlite3_stmt *st = NULL;
	struct strbuf sql = STRBUF_INIT;
	size_t i;
	int ret = -1;

	if (!check)
		return -1;
	sqlite3_close(check);
	if (sqlite3_prepare_v2(w->h, "ATTACH ?1 AS base", -1, &st, NULL) !=
	    SQLITE_OK)
		goto out_err;
	sqlite3_bind_text(st, 1, base, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		goto out_err;
	for (i = 0; i < DP_ARRAY_LEN(mapdb_table_names); i++) {
		strbuf_reset(&sql);
		strbuf_addf(&sql, "INSERT INTO main.%s SELECT * FROM base.%s",
			    mapdb_table_names[i], mapdb_table_names[i]);
		if (exec(w, sql.buf) != 0)
			goto out;
	}
	/* base stays attached (and read-locked) until the commit. */
	ret = 0;
	goto out;
out_err:
	mapdb_db_error(w->h, base, "cannot read");
out:
	sqlite3_finalize(st);
	strbuf_release(&sql);
	return ret;
}

struct mapdb_writer *
mapdb_writer_new(const char *path, const char *base)
{
	struct mapdb_writer *w = xcalloc(1, sizeof(*w));
	struct strbuf tmp = STRBUF_INIT;
	int fd, i;

	w->path = xstrdup(path);
	strbuf_addf(&tmp, "%s.tmp-XXXXXX", path);
	w->tmp = strbuf_detach(&tmp, NULL);
	fd = mkstemp(w->tmp);
	if (fd < 0) {
		diag_error(NULL, "cannot write mapping table '%s': %s", path,
			   strerror(errno));
		free(w->tmp);
		w->tmp = NULL;
		goto fail;
	}
	close(fd);
	if (sqlite3_open_v2(w->tmp, &w->h,
			    SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK) {
		mapdb_db_error(w->h, path, "cannot write");
		goto fail;
	}
	/* The file is private until the rename: no journal is needed. */
	if (exec(w, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
		    " BEGIN") != 0 ||
	    exec(w, mapdb_schema_sql) != 0)
		goto fail;
	if (base && copy_base(w, base) != 0)
		goto fail;
	for (i = 0; i < NWRITES; i++) {
		if (sqlite3_prepare_v3(w->h, write_sql[i], -1,
				       SQLITE_PREPARE_PERSISTENT, &w->q[i],
				       NULL) != SQLITE_OK) {
			mapdb_db_error(w->h, path, "cannot write");
			goto fail;
		}
	}
	return w;
fail:
	mapdb_writer_free(w);
	return NULL;
}

static int
run(struct mapdb_writer *w, int q)
{
	sqlite3_stmt *st = w->q[q];
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE)
		return mapdb_db_error(w->h, w->path, "cannot write");
	return 0;
}

static int
bad_name(const struct mapdb_writer *w, const char *what, const char *name)
{
	return diag_error(NULL, "mapping table '%s': invalid %s '%s'", w->path,
			  what, name);
}

static int
write_pair(struct mapdb_writer *w, int q, const char *key, const char *dist,
	   bool dist_first, const char *value, enum mapdb_source source,
	   int rank, const char *note)
{
	struct strbuf norm = STRBUF_INIT;
	sqlite3_stmt *st = w->q[q];
	int ret;

	if (!pep503_valid(dist, strlen(dist)))
		return bad_name(w, "distribution name", dist);
	if (source >= MAPDB_PEP503)
		return bad_name(w, "source", mapdb_source_name(source));
	pep503_normalize(&norm, dist, strlen(dist));
	sqlite3_bind_text(st, dist_first ? 1 : 2, norm.buf, (int)norm.len,
			  SQLITE_STATIC);
	sqlite3_bind_text(st, dist_first ? 2 : 1, dist_first ? value : key, -1,
			  SQLITE_STATIC);
	sqlite3_bind_text(st, 3, mapdb_source_name(source), -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, rank);
	sqlite3_bind_text(st, 5, note ? note : "", -1, SQLITE_STATIC);
	ret = run(w, q);
	strbuf_release(&norm);
	return ret;
}

int
mapdb_writer_module(struct mapdb_writer *w, const char *module,
		    const char *dist, enum mapdb_source source, int rank,
		    const char *note)
{
	if (!mapdb_valid_module(module, strlen(module)))
		return bad_name(w, "module name", module);
	return write_pair(w, W_MODULE, module, dist, false, NULL, source, rank,
			  note);
}

int
mapdb_writer_attr(struct mapdb_writer *w, const char *dist, const char *attr,
		  enum mapdb_source source, int rank, const char *note)
{
	if (!*attr)
		return bad_name(w, "attribute", attr);
	return write_pair(w, W_ATTR, NULL, dist, true, attr, source, rank,
			  note);
}

static int
write_one(struct mapdb_writer *w, int q, const char *a, const char *b)
{
	sqlite3_bind_text(w->q[q], 1, a, -1, SQLITE_STATIC);
	if (b)
		sqlite3_bind_text(w->q[q], 2, b, -1, SQLITE_STATIC);
	return run(w, q);
}

int
mapdb_writer_known_attr(struct mapdb_writer *w, const char *attr)
{
	if (!*attr)
		return bad_name(w, "attribute", attr);
	return write_one(w, W_KNOWN, attr, NULL);
}

int
mapdb_writer_stdlib(struct mapdb_writer *w, const char *module, unsigned minor)
{
	if (!mapdb_valid_module(module, strlen(module)) || strchr(module, '.'))
		return bad_name(w, "stdlib module name", module);
	if (minor < MAPDB_PY_MIN || minor > MAPDB_PY_MAX)
		return diag_error(NULL,
				  "mapping table '%s': unsupported "
				  "Python version 3.%u",
				  w->path, minor);
	sqlite3_bind_text(w->q[W_STDLIB], 1, module, -1, SQLITE_STATIC);
	sqlite3_bind_int64(w->q[W_STDLIB], 2, 1ll << (minor - MAPDB_PY_MIN));
	return run(w, W_STDLIB);
}

int
mapdb_writer_namespace(struct mapdb_writer *w, const char *module)
{
	if (!mapdb_valid_module(module, strlen(module)))
		return bad_name(w, "module name", module);
	return write_one(w, W_NAMESPACE, module, NULL);
}

int
mapdb_writer_requires(struct mapdb_writer *w, const char *dist,
		      const char *requires)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	int rc;

	if (!pep503_valid(dist, strlen(dist)))
		return bad_name(w, "distribution", dist);
	if (!pep503_valid(requires, strlen(requires)))
		return bad_name(w, "distribution", requires);
	pep503_normalize(&a, dist, strlen(dist));
	pep503_normalize(&b, requires, strlen(requires));
	rc = write_one(w, W_REQUIRES, a.buf, b.buf);
	strbuf_release(&a);
	strbuf_release(&b);
	return rc;
}

int
mapdb_writer_nix_hook(struct mapdb_writer *w, const char *attr,
		      const char *dist, const char *note)
{
	struct strbuf norm = STRBUF_INIT;
	sqlite3_stmt *st = w->q[W_HOOK];
	int rc;

	if (!*attr || strchr(attr, '.'))
		return bad_name(w, "attribute", attr);
	if (dist && !pep503_valid(dist, strlen(dist)))
		return bad_name(w, "distribution", dist);
	if (dist)
		pep503_normalize(&norm, dist, strlen(dist));
	sqlite3_bind_text(st, 1, attr, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, strbuf_str(&norm), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, note ? note : "", -1, SQLITE_STATIC);
	rc = run(w, W_HOOK);
	strbuf_release(&norm);
	return rc;
}

int
mapdb_writer_meta(struct mapdb_writer *w, const char *key, const char *value)
{
	return write_one(w, W_META, key, value);
}

/* The meta row attr_filter: the Bloom filter of the attribute list. */
static int
write_filter(struct mapdb_writer *w)
{
	static const char digits[] = "0123456789abcdef";
	unsigned char *f = xcalloc(MAPDB_FILTER_BITS / 8, 1);
	char *hex = xmalloc(MAPDB_FILTER_BITS / 4 + 1);
	sqlite3_stmt *st = NULL;
	size_t bit[MAPDB_FILTER_PROBES], i;
	int rc;

	if (sqlite3_prepare_v2(w->h, "SELECT attr FROM attr", -1, &st, NULL) !=
	    SQLITE_OK) {
		rc = mapdb_db_error(w->h, w->path, "cannot write");
		goto out;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		mapdb_filter_probes((const char *)sqlite3_column_text(st, 0),
				    bit);
		for (i = 0; i < MAPDB_FILTER_PROBES; i++)
			f[bit[i] / 8] |= (unsigned char)(1u << (bit[i] % 8));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		rc = mapdb_db_error(w->h, w->path, "cannot write");
		goto out;
	}
	for (i = 0; i < MAPDB_FILTER_BITS / 8; i++) {
		hex[2 * i] = digits[f[i] >> 4];
		hex[2 * i + 1] = digits[f[i] & 15];
	}
	hex[MAPDB_FILTER_BITS / 4] = '\0';
	rc = write_one(w, W_META, mapdb_filter_key, hex);
out:
	free(f);
	free(hex);
	return rc;
}

int
mapdb_writer_commit(struct mapdb_writer *w)
{
	struct strbuf sql = STRBUF_INIT;
	mode_t mask;
	int i, fd;

	if (write_filter(w) != 0)
		return -1;
	strbuf_addf(&sql, "COMMIT; PRAGMA user_version = %d", MAPDB_SCHEMA);
	i = exec(w, sql.buf);
	strbuf_release(&sql);
	if (i != 0)
		return -1;
	for (i = 0; i < NWRITES; i++) {
		sqlite3_finalize(w->q[i]);
		w->q[i] = NULL;
	}
	if (sqlite3_close(w->h) != SQLITE_OK)
		return mapdb_db_error(w->h, w->path, "cannot write");
	w->h = NULL;
	/* The rows must be on disk before the name points at them. */
	mask = umask(0);
	umask(mask);
	fd = open(w->tmp, O_RDONLY);
	if (fd < 0)
		goto fail;
	if (fsync(fd) != 0 || fchmod(fd, 0666 & ~mask) != 0) {
		close(fd);
		goto fail;
	}
	if (close(fd) != 0 || rename(w->tmp, w->path) != 0)
		goto fail;
	w->committed = true;
	return 0;
fail:
	return diag_error(NULL, "cannot write mapping table '%s': %s", w->path,
			  strerror(errno));
}

void
mapdb_writer_free(struct mapdb_writer *w)
{
	int i;

	if (!w)
		return;
	for (i = 0; i < NWRITES; i++)
		sqlite3_finalize(w->q[i]);
	sqlite3_close(w->h);
	if (w->tmp && !w->committed)
		unlink(w->tmp);
	free(w->tmp);
	free(w->path);
	free(w);
}
