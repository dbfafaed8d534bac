/* installed.h - an installed environment as the mapping's first source
 *
 * `depaudit check` and `depaudit map` take --site-packages DIR: the
 * distributions installed there answer which distribution provides a
 * module before every table does (mapdb_add_installed()).
 */
#ifndef DEPAUDIT_CMD_INSTALLED_H
#define DEPAUDIT_CMD_INSTALLED_H

struct mapdb;

/* Read the *.dist-info and *.egg-info of dir into db: 0, or -1
 * (diagnosed) when dir cannot be read as a site-packages. */
int installed_load(struct mapdb *db, const char *dir);

#endif
