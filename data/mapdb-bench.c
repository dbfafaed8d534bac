/* mapdb-bench.c - the size of a mapping table and the cost of its lookups
 *
 * usage: mapdb-bench [TABLE.db] [N]
 *
 * Prints the table's size (modules, distributions, attributes, module rows
 * per source) and times N lookups (default 10,000) of distinct names:
 * every module the table has, a dotted child of each (answered by the
 * longest prefix), stdlib names and names nobody provides, then the same
 * names again (answered from the cache).  Not a test: the figures depend
 * on the machine.  Build with `ninja -C build data/mapdb-bench`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/arena.h"
#include "core/mapdb.h"
#include "core/strbuf.h"

struct names {
	struct arena arena;
	const char **v;
	size_t n, want;
};

static int
add_module(const struct mapdb_row *row, void *ud)
{
	struct names *ns = ud;

	if (ns->n >= ns->want)
		return 1;
	if (row->kind != MAPDB_ROW_MODULE && row->kind != MAPDB_ROW_STDLIB)
		return 0;
	if (ns->n && !strcmp(ns->v[ns->n - 1], row->a))
		return 0;
	ns->v[ns->n++] = arena_strdup(&ns->arena, row->a);
	return 0;
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double
run(struct mapdb *db, struct names *ns)
{
	double t = now();
	size_t i;

	for (i = 0; i < ns->n; i++) {
		if (!mapdb_lookup(db, ns->v[i]))
			exit(1);
	}
	return now() - t;
}

int
main(int argc, char **argv)
{
	struct strbuf path = STRBUF_INIT, name = STRBUF_INIT;
	struct names ns = {ARENA_INIT, NULL, 0, 10000};
	struct mapdb_stats st;
	struct mapdb *db;
	double cold, warm;
	size_t i, base;
	int s;

	if (argc > 1)
		strbuf_addstr(&path, argv[1]);
	else if (mapdb_find_shipped(&path, false) != 0)
		return 1;
	if (argc > 2)
		ns.want = strtoul(argv[2], NULL, 10);
	ns.v = calloc(ns.want + 1, sizeof(*ns.v));
	db = mapdb_open(path.buf, NULL);
	if (!db || !ns.v || mapdb_stats(db, false, &st) != 0)
		return 1;
	printf("table: %lu modules, %lu distributions, %lu nixpkgs "
	       "attributes, %lu distribution->attribute rows, %lu stdlib "
	       "names\nmodule rows by source:",
	       st.modules, st.dists, st.attrs, st.dist_attrs, st.stdlib);
	for (s = 0; s < MAPDB_NSOURCES; s++) {
		if (st.by_source[s])
			printf(" %s %lu", mapdb_source_name(s),
			       st.by_source[s]);
	}
	printf("\n");

	/* Half the names straight from the table, the rest derived. */
	ns.want /= 2;
	mapdb_dump(db, false, add_module, &ns);
	ns.want *= 2;
	base = ns.n;
	for (i = 0; ns.n < ns.want; i++) {
		strbuf_reset(&name);
		if (i < base && i % 2 == 0)
			strbuf_addf(&name, "%s.sub%zu", ns.v[i], i);
		else
			strbuf_addf(&name, "nobody_provides_%zu.mod", i);
		ns.v[ns.n++] = arena_strdup(&ns.arena, name.buf);
	}
	cold = run(db, &ns);
	warm = run(db, &ns);
	printf("lookups: %zu distinct names in %.1f ms (%.2f us each); the "
	       "same names again, cached, in %.2f ms\n",
	       ns.n, cold * 1e3, cold * 1e6 / (double)ns.n, warm * 1e3);
	mapdb_free(db);
	arena_release(&ns.arena);
	free(ns.v);
	strbuf_release(&path);
	strbuf_release(&name);
	return 0;
}
