/* mapimport.h - mapping-table rows from a site-packages or a nixpkgs checkout
 *
 * These read what is installed or checked out and hand each row they find
 * to a callback; they write nothing.  `depaudit db import` feeds the rows
 * to a struct mapdb_writer for the user table.
 *
 * Rows come in a stable order (metadata directories and attributes
 * sorted, modules sorted within each), with distribution names PEP
 * 503-normalized.  The strings of a row are valid during the callback
 * only.  A callback that returns nonzero stops the reader, which then
 * returns -1.
 *
 * Problems with single files (a *.dist-info without a Name, an unreadable
 * package expression) are diagnosed, counted and skipped.  Both readers
 * return the count of such problems, or -1 when the directory cannot be
 * read at all (diagnosed) or the callback stopped them.
 */
#ifndef DEPAUDIT_CORE_MAPIMPORT_H
#define DEPAUDIT_CORE_MAPIMPORT_H

struct mapdb;
struct mapdb_row;

typedef int mapimport_fn(const struct mapdb_row *row, void *ud);

/* Largest metadata or expression file read. */
enum { MAPIMPORT_MAX_FILE = 16 * 1024 * 1024 };

/*
 * Every *.dist-info and *.egg-info directly in dir: the Name of its
 * METADATA (PKG-INFO), and the modules its RECORD (installed-files.txt)
 * installs, else those of top_level.txt.  Emits MAPDB_ROW_MODULE rows with
 * source site-packages, rank 1 and the metadata directory as note.  A
 * namespace root of ns (NULL: none known) is never a module by itself.
 */
int mapimport_site_packages(const char *dir, const struct mapdb *ns,
			    mapimport_fn *fn, void *ud);

/*
 * A nixpkgs checkout at dir: each attribute that
 * pkgs/top-level/python-packages.nix binds to a callPackage of a file,
 * and from that file the PyPI name (fetchPypi's pname, else pname) and
 * the modules of pythonImportsCheck.  Emits, per attribute,
 * MAPDB_ROW_KNOWN_ATTR, MAPDB_ROW_ATTR (name -> attribute) and
 * MAPDB_ROW_MODULE (module -> name), all with source nixpkgs.
 */
int mapimport_nixpkgs(const char *dir, mapimport_fn *fn, void *ud);

#endif
