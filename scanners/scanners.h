/* scanners.h - every format reader, and how a file finds its reader
 *
 * Each scanners/<name>.c exports exactly one const struct scanner (see
 * core/scan.h).  registry.c holds the only list of them.
 */
#ifndef DEPAUDIT_SCANNERS_SCANNERS_H
#define DEPAUDIT_SCANNERS_SCANNERS_H

#include "core/scan.h"

extern const struct scanner scanner_metadata;
extern const struct scanner scanner_nix;
extern const struct scanner scanner_pyproject;
extern const struct scanner scanner_python;
extern const struct scanner scanner_pyversion;
extern const struct scanner scanner_requirements;
extern const struct scanner scanner_setup_cfg;
extern const struct scanner scanner_setup_py;

/* Every scanner, NULL-terminated, in tie-breaking order. */
extern const struct scanner *const scanners_all[];

/*
 * The scanner of the given kind that bids highest for path (relative,
 * '/'-separated), the earlier entry on a tie; NULL when none wants it.
 */
const struct scanner *scanner_pick(enum scan_kind kind, const char *path);
/* The scanner with this name, or NULL. */
const struct scanner *scanner_find(const char *name);
/* The last part of a '/'-separated path, which the bids look at. */
const char *scanner_base_name(const char *path);

#endif
