/* ship.c - the files a build backend puts in the wheel; see ship.h */
#include "core/ship.h"

#include <string.h>

#include "core/arena.h"

static const char *const key_names[] = {
	[SHIP_BACKEND] = "build-backend",
	[SHIP_PACKAGE] = "packages",
	[SHIP_PY_MODULE] = "py-modules",
	[SHIP_PACKAGE_DIR] = "package-dir",
	[SHIP_FIND] = "find",
	[SHIP_FIND_WHERE] = "find.where",
	[SHIP_FIND_INCLUDE] = "find.include",
	[SHIP_FIND_EXCLUDE] = "find.exclude",
	[SHIP_PACKAGES_UNKNOWN] = "packages-not-evaluated",
	[SHIP_HATCH_PACKAGES] = "hatch.packages",
	[SHIP_HATCH_ONLY_INCLUDE] = "hatch.only-include",
	[SHIP_HATCH_INCLUDE] = "hatch.include",
	[SHIP_HATCH_EXCLUDE] = "hatch.exclude",
	[SHIP_HATCH_SOURCES] = "hatch.sources",
	[SHIP_POETRY_INCLUDE] = "poetry.packages",
	[SHIP_POETRY_EXCLUDE] = "poetry.exclude",
	[SHIP_FLIT_MODULE] = "flit.module",
	[SHIP_PDM_INCLUDE] = "pdm.includes",
	[SHIP_PDM_EXCLUDE] = "pdm.excludes",
	[SHIP_PDM_PACKAGE_DIR] = "pdm.package-dir",
	[SHIP_MATURIN_PYTHON_SOURCE] = "maturin.python-source",
	[SHIP_MATURIN_MODULE_NAME] = "maturin.module-name",
	[SHIP_MATURIN_PYTHON_PACKAGE] = "maturin.python-packages",
	[SHIP_SKBUILD_PACKAGE] = "scikit-build.wheel.packages",
	[SHIP_BUILD_HOOK] = "build-hook",
};

const char *
ship_key_name(enum ship_key key)
{
	return (size_t)key < sizeof(key_names) / sizeof(key_names[0]) &&
			       key_names[key]
		       ? key_names[key]
		       : "?";
}

const char *
ship_how_name(enum ship_how how)
{
	switch (how) {
	case SHIP_CONFIGURED:
		return "configured";
	case SHIP_DEFAULT:
		return "default";
	case SHIP_CONVENTION:
		return "convention";
	case SHIP_NONE:
		break;
	}
	return "none";
}
