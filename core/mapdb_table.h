/* mapdb_table.h - the layout of a mapping table, for its reader
 * (core/mapdb.c) and its writer (core/mapwrite.c) alone
 */
#ifndef DEPAUDIT_CORE_MAPDB_TABLE_H
#define DEPAUDIT_CORE_MAPDB_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include <sqlite3.h>

/* The tables, as CREATE statements, and their names. */
enum { MAPDB_NTABLES = 8 };
extern const char mapdb_schema_sql[];
extern const char *const mapdb_table_names[MAPDB_NTABLES];

/*
 * The meta row mapdb_filter_key holds a Bloom filter of the attribute
 * list, as hex: MAPDB_FILTER_BITS bits, MAPDB_FILTER_PROBES probes each;
 * about 0.5% false positives at nixpkgs' 10,000 attributes.
 */
enum { MAPDB_FILTER_BITS = 1 << 17, MAPDB_FILTER_PROBES = 4 };
extern const char mapdb_filter_key[];
void mapdb_filter_probes(const char *s, size_t bit[MAPDB_FILTER_PROBES]);

/* Diagnose a sqlite error on the table at path; -1. */
int mapdb_db_error(sqlite3 *h, const char *path, const char *what);
/* Open the table at path (a regular file, of a schema this code reads);
 * NULL, diagnosed, otherwise. */
sqlite3 *mapdb_open_table(const char *path, bool writable);

#endif
