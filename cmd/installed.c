/* installed.c - an installed environment as the mapping's first source */
#include "cmd/installed.h"

#include "core/mapdb.h"
#include "core/mapimport.h"

static int
add_row(const struct mapdb_row *row, void *ud)
{
	if (row->kind != MAPDB_ROW_MODULE)
		return 0;
	return mapdb_add_installed(ud, row->a, row->b, row->note) ? -1 : 0;
}

int
installed_load(struct mapdb *db, const char *dir)
{
	/* A broken *.dist-info is diagnosed and skipped; the rest count. */
	return mapimport_site_packages(dir, db, add_row, db) < 0 ? -1 : 0;
}
