/* test_mapdb.c - mapdb and mapimport: lookups, layers, imports, bad tables */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/diag.h"
#include "core/mapdb.h"
#include "core/mapimport.h"
#include "core/strbuf.h"
#include "tests/unit/t.h"

static char tmpdir[] = "/tmp/test_mapdb.XXXXXX";

static const char *
tmp(const char *name)
{
	static char buf[8][256];
	static int i;

	i = (i + 1) % 8;
	snprintf(buf[i], sizeof(buf[i]), "%s/%s", tmpdir, name);
	return buf[i];
}

static void
write_file(const char *path, const char *text)
{
	char dir[256], *slash;
	FILE *f;

	snprintf(dir, sizeof(dir), "%s", path);
	for (slash = strchr(dir + 1, '/'); slash;
	     slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		mkdir(dir, 0777);
		*slash = '/';
	}
	f = fopen(path, "w");
	T_TRUE(f != NULL);
	fputs(text, f);
	fclose(f);
}

/* A small shipped table with the shapes the real one has. */
static void
build_shipped(const char *path)
{
	struct mapdb_writer *w = mapdb_writer_new(path, NULL);
	unsigned minor;

	T_TRUE(w != NULL);
	T_INTEQ(mapdb_writer_module(w, "yaml", "PyYAML", MAPDB_CURATED, 1,
				    "PyYAML imports as yaml"),
		0);
	T_INTEQ(mapdb_writer_module(w, "yaml", "pyyaml", MAPDB_DEBIAN, 1,
				    "python3-yaml"),
		0);
	T_INTEQ(mapdb_writer_module(w, "google.protobuf", "protobuf",
				    MAPDB_CURATED, 1, ""),
		0);
	T_INTEQ(mapdb_writer_module(w, "google.cloud.storage",
				    "google-cloud-storage", MAPDB_CURATED, 1,
				    ""),
		0);
	/* A row for a namespace root must never answer. */
	T_INTEQ(mapdb_writer_module(w, "google", "google-wrong", MAPDB_DEBIAN,
				    1, ""),
		0);
	T_INTEQ(mapdb_writer_module(w, "jwt", "jwt", MAPDB_CURATED, 2, ""), 0);
	T_INTEQ(mapdb_writer_module(w, "jwt", "PyJWT", MAPDB_CURATED, 1, ""),
		0);
	T_INTEQ(mapdb_writer_module(w, "jwt", "jwt", MAPDB_DEBIAN, 1, ""), 0);
	T_INTEQ(mapdb_writer_module(w, "cv2", "opencv-python", MAPDB_CURATED, 1,
				    ""),
		0);
	T_INTEQ(mapdb_writer_module(w, "cv2", "opencv-python-headless",
				    MAPDB_CURATED, 2, ""),
		0);
	T_INTEQ(mapdb_writer_module(w, "gi", "PyGObject", MAPDB_CURATED, 1, ""),
		0);
	T_INTEQ(mapdb_writer_module(w, "distutils", "setuptools", MAPDB_CURATED,
				    1, ""),
		0);
	T_INTEQ(mapdb_writer_attr(w, "opencv-python", "opencv4", MAPDB_CURATED,
				  1, ""),
		0);
	T_INTEQ(mapdb_writer_attr(w, "opencv-python-headless", "opencv4",
				  MAPDB_CURATED, 1, ""),
		0);
	T_INTEQ(mapdb_writer_attr(w, "pygobject", "pygobject3", MAPDB_CURATED,
				  1, ""),
		0);
	/* An attribute row whose attribute is not in the list: ignored. */
	T_INTEQ(mapdb_writer_attr(w, "jwt", "python-jwt-gone", MAPDB_NIXPKGS, 1,
				  ""),
		0);
	T_INTEQ(mapdb_writer_known_attr(w, "pyyaml"), 0);
	T_INTEQ(mapdb_writer_known_attr(w, "opencv4"), 0);
	T_INTEQ(mapdb_writer_known_attr(w, "opencv-python"), 0);
	T_INTEQ(mapdb_writer_known_attr(w, "pygobject3"), 0);
	T_INTEQ(mapdb_writer_known_attr(w, "protobuf"), 0);
	T_INTEQ(mapdb_writer_known_attr(w, "pyjwt"), 0);
	T_INTEQ(mapdb_writer_known_attr(w, "frob"), 0);
	T_INTEQ(mapdb_writer_known_attr(w, "setuptools"), 0);
	T_INTEQ(mapdb_writer_requires(w, "Flask", "Werkzeug"), 0);
	T_INTEQ(mapdb_writer_requires(w, "flask", "click"), 0);
	T_INTEQ(mapdb_writer_requires(w, "flask", "click"), 0); /* twice */
	T_TRUE(mapdb_writer_requires(w, "flask", "not valid!") < 0);
	T_INTEQ(mapdb_writer_namespace(w, "google"), 0);
	T_INTEQ(mapdb_writer_namespace(w, "google.cloud"), 0);
	for (minor = 11; minor <= 14; minor++)
		T_INTEQ(mapdb_writer_stdlib(w, "tomllib", minor), 0);
	for (minor = 8; minor <= 11; minor++)
		T_INTEQ(mapdb_writer_stdlib(w, "distutils", minor), 0);
	for (minor = 8; minor <= 14; minor++)
		T_INTEQ(mapdb_writer_stdlib(w, "os", minor), 0);
	T_INTEQ(mapdb_writer_meta(w, "debian", "test rows"), 0);
	/* Bad names are refused. */
	T_INTEQ(mapdb_writer_module(w, "not a module", "x", MAPDB_CURATED, 1,
				    ""),
		-1);
	T_INTEQ(mapdb_writer_module(w, "x", "-bad-", MAPDB_CURATED, 1, ""), -1);
	T_INTEQ(mapdb_writer_stdlib(w, "os", 7), -1);
	T_INTEQ(mapdb_writer_commit(w), 0);
	mapdb_writer_free(w);
}

static void
test_lookup(void)
{
	struct mapdb *db;
	const struct mapdb_answer *a, *b;
	const char *shipped = tmp("shipped.db");

	build_shipped(shipped);
	db = mapdb_open(shipped, NULL);
	T_TRUE(db != NULL);
	T_TRUE(!mapdb_has_user(db));

	/* What a distribution requires, normalized, each once. */
	{
		const char *const *req;
		size_t n;

		T_INTEQ(mapdb_requires(db, "flask", &req, &n), 0);
		T_INTEQ(n, 2);
		T_STREQ(req[0], "click");
		T_STREQ(req[1], "werkzeug");
		T_INTEQ(mapdb_requires(db, "click", &req, &n), 0);
		T_INTEQ(n, 0);
	}

	/* Two sources, one distribution, normalized on the way in. */
	a = mapdb_lookup(db, "yaml");
	T_TRUE(a != NULL);
	T_STREQ(a->prefix, "yaml");
	T_INTEQ(a->nproviders, 1);
	T_STREQ(a->providers[0].dist, "pyyaml");
	T_INTEQ(a->providers[0].sources,
		(1u << MAPDB_CURATED) | (1u << MAPDB_DEBIAN));
	T_INTEQ(a->providers[0].nattrs, 1);
	T_STREQ(a->providers[0].attrs[0].attr, "pyyaml");
	T_INTEQ(a->providers[0].attrs[0].source, MAPDB_PEP503);
	T_TRUE(!a->stdlib && !a->guess);

	/* Longest dotted prefix. */
	a = mapdb_lookup(db, "google.cloud.storage.blob");
	T_STREQ(a->prefix, "google.cloud.storage");
	T_STREQ(a->providers[0].dist, "google-cloud-storage");
	T_INTEQ(a->providers[0].nattrs, 0);
	T_STREQ(a->providers[0].guess, "google-cloud-storage");
	a = mapdb_lookup(db, "google.protobuf.json_format");
	T_STREQ(a->prefix, "google.protobuf");
	T_STREQ(a->providers[0].attrs[0].attr, "protobuf");

	/* Namespace roots answer nothing and guess nothing. */
	a = mapdb_lookup(db, "google");
	T_INTEQ(a->nproviders, 0);
	T_TRUE(a->namespace);
	T_TRUE(a->guess == NULL);
	a = mapdb_lookup(db, "google.cloud");
	T_TRUE(a->namespace && a->nproviders == 0 && !a->guess);
	a = mapdb_lookup(db, "google.other.thing");
	T_INTEQ(a->nproviders, 0);
	T_STREQ(a->guess, "google-other");
	T_TRUE(a->guess_attr == NULL);
	a = mapdb_lookup(db, "google.cloud.pubsub_v1");
	T_STREQ(a->guess, "google-cloud-pubsub-v1");

	/* Several providers, ranked within the most trusted source. */
	a = mapdb_lookup(db, "jwt");
	T_INTEQ(a->nproviders, 2);
	T_STREQ(a->providers[0].dist, "pyjwt");
	T_INTEQ(a->providers[0].rank, 1);
	T_STREQ(a->providers[1].dist, "jwt");
	T_INTEQ(a->providers[1].rank, 2);
	T_INTEQ(a->providers[1].nattrs, 0); /* python-jwt-gone is unknown */
	T_STREQ(a->providers[1].guess, "jwt");

	/* Attribute exceptions come before the PEP 503 default. */
	a = mapdb_lookup(db, "cv2");
	T_INTEQ(a->nproviders, 2);
	T_STREQ(a->providers[0].dist, "opencv-python");
	T_INTEQ(a->providers[0].nattrs, 2);
	T_STREQ(a->providers[0].attrs[0].attr, "opencv4");
	T_STREQ(a->providers[0].attrs[1].attr, "opencv-python");
	T_INTEQ(a->providers[0].attrs[1].source, MAPDB_PEP503);
	T_STREQ(a->providers[1].dist, "opencv-python-headless");
	T_INTEQ(a->providers[1].nattrs, 1);
	a = mapdb_lookup(db, "gi.repository");
	T_STREQ(a->providers[0].dist, "pygobject");
	T_STREQ(a->providers[0].attrs[0].attr, "pygobject3");

	/* Unknown: the guess; a provider of source identity when the
	 * guess is a listed attribute. */
	a = mapdb_lookup(db, "frob.sub");
	T_STREQ(a->prefix, "frob");
	T_INTEQ(a->nproviders, 1);
	T_STREQ(a->providers[0].dist, "frob");
	T_INTEQ(a->providers[0].sources, 1u << MAPDB_IDENTITY);
	T_STREQ(a->providers[0].attrs[0].attr, "frob");
	T_TRUE(a->guess == NULL && a->guess_attr == NULL);
	a = mapdb_lookup(db, "Some_Thing");
	T_STREQ(a->guess, "some-thing");
	T_TRUE(a->guess_attr == NULL);

	/* The cache hands back the same answer. */
	b = mapdb_lookup(db, "frob.sub");
	T_TRUE(a != b);
	T_TRUE(b == mapdb_lookup(db, "frob.sub"));

	/* Stdlib by version; 3.12 by default. */
	a = mapdb_lookup(db, "tomllib");
	T_TRUE(a->stdlib);
	T_TRUE(a->guess == NULL);
	a = mapdb_lookup(db, "distutils.core");
	T_TRUE(!a->stdlib);
	T_STREQ(a->providers[0].dist, "setuptools");
	T_INTEQ(a->stdlib_versions, 0xf); /* 3.8 to 3.11 */
	a = mapdb_lookup(db, "os.path");
	T_TRUE(a->stdlib);
	T_INTEQ(mapdb_set_python(db, 10), 0);
	a = mapdb_lookup(db, "tomllib");
	T_TRUE(!a->stdlib);
	T_INTEQ(a->nproviders, 0);
	T_STREQ(a->guess, "tomllib");
	a = mapdb_lookup(db, "distutils.core");
	T_TRUE(a->stdlib);
	T_INTEQ(mapdb_set_python(db, 11), 0);
	T_TRUE(mapdb_lookup(db, "tomllib")->stdlib);
	T_TRUE(mapdb_lookup(db, "distutils")->stdlib);
	T_INTEQ(mapdb_set_python(db, 7), -1);
	T_INTEQ(mapdb_set_python(db, 15), -1);
	mapdb_free(db);
}

struct rows {
	struct strbuf sb;
	int n;
};

static int
collect(const struct mapdb_row *r, void *ud)
{
	struct rows *rows = ud;

	strbuf_addf(&rows->sb, "%d %s %s %s %d|", (int)r->kind, r->a, r->b,
		    mapdb_source_name(r->source), r->rank);
	rows->n++;
	return 0;
}

static void
test_stats_dump(void)
{
	struct mapdb *db = mapdb_open(tmp("shipped.db"), NULL);
	struct mapdb_stats st;
	struct rows rows = {STRBUF_INIT, 0};

	T_TRUE(db != NULL);
	T_INTEQ(mapdb_stats(db, false, &st), 0);
	T_INTEQ(st.modules, 8);
	T_INTEQ(st.dists, 10);
	T_INTEQ(st.attrs, 8);
	T_INTEQ(st.dist_attrs, 4);
	T_INTEQ(st.stdlib, 3);
	T_INTEQ(st.by_source[MAPDB_CURATED], 9);
	T_INTEQ(st.by_source[MAPDB_DEBIAN], 3);
	T_INTEQ(mapdb_stats(db, true, &st), 0); /* no user layer: empty */
	T_INTEQ(st.modules, 0);
	T_INTEQ(mapdb_dump(db, false, collect, &rows), 0);
	T_INTEQ(rows.n, 12 + 4 + 8 + 3 + 2 + 1 + 2); /* + requires */
	T_TRUE(strstr(rows.sb.buf,
		      "0 cv2 opencv-python curated 1|0 cv2 "
		      "opencv-python-headless curated 2|") != NULL);
	T_TRUE(strstr(rows.sb.buf, "3 tomllib  curated 120|") != NULL);
	strbuf_release(&rows.sb);
	mapdb_free(db);
}

static void
test_user_layer(void)
{
	const char *user = tmp("user.db");
	struct mapdb_writer *w = mapdb_writer_new(user, NULL);
	const struct mapdb_answer *a;
	struct mapdb *db;

	T_INTEQ(mapdb_writer_module(w, "yaml", "pyyaml-ft", MAPDB_SITE_PACKAGES,
				    1, ""),
		0);
	T_INTEQ(mapdb_writer_module(w, "newmod", "newdist", MAPDB_NIXPKGS, 1,
				    ""),
		0);
	T_INTEQ(mapdb_writer_known_attr(w, "newdist-attr"), 0);
	T_INTEQ(mapdb_writer_attr(w, "newdist", "newdist-attr", MAPDB_NIXPKGS,
				  1, ""),
		0);
	T_INTEQ(mapdb_writer_commit(w), 0);
	mapdb_writer_free(w);

	/* Adding to it keeps the rows it had (base == path). */
	w = mapdb_writer_new(user, user);
	T_TRUE(w != NULL);
	T_INTEQ(mapdb_writer_module(w, "google.protobuf", "protobuf-lite",
				    MAPDB_CONFIG, 1, ""),
		0);
	T_INTEQ(mapdb_writer_commit(w), 0);
	mapdb_writer_free(w);

	db = mapdb_open(tmp("shipped.db"), user);
	T_TRUE(db != NULL && mapdb_has_user(db));
	a = mapdb_lookup(db, "yaml");
	T_INTEQ(a->nproviders, 2);
	T_STREQ(a->providers[0].dist, "pyyaml-ft"); /* the user wins */
	T_TRUE(a->providers[0].user);
	T_STREQ(a->providers[1].dist, "pyyaml");
	T_TRUE(!a->providers[1].user);
	a = mapdb_lookup(db, "newmod.x");
	T_STREQ(a->providers[0].attrs[0].attr, "newdist-attr");
	T_INTEQ(a->providers[0].attrs[0].source, MAPDB_NIXPKGS);
	a = mapdb_lookup(db, "google.protobuf");
	T_STREQ(a->providers[0].dist, "protobuf-lite");
	T_STREQ(a->providers[1].dist, "protobuf");
	mapdb_free(db);

	/* The user table alone. */
	db = mapdb_open(NULL, user);
	T_TRUE(db != NULL);
	T_STREQ(mapdb_lookup(db, "yaml")->providers[0].dist, "pyyaml-ft");
	mapdb_free(db);
}

/* An installed environment answers first; a distribution's attributes. */
static void
test_installed(void)
{
	struct mapdb *db = mapdb_open(tmp("shipped.db"), NULL);
	const struct mapdb_answer *a;
	const struct mapdb_attr *at;
	size_t n;

	T_INTEQ(mapdb_add_installed(db, "cv2", "opencv-contrib-python",
				    "opencv_contrib_python-4.9.dist-info"),
		0);
	T_INTEQ(mapdb_add_installed(db, "frob", "frob-tools", ""), 0);
	a = mapdb_lookup(db, "cv2.aruco");
	T_STREQ(a->providers[0].dist, "opencv-contrib-python");
	T_TRUE(a->providers[0].sources & (1u << MAPDB_SITE_PACKAGES));
	T_INTEQ(a->nproviders, 3); /* the table's still follow */
	a = mapdb_lookup(db, "frob");
	T_INTEQ(a->nproviders, 1); /* no identity guess beside it */
	T_STREQ(a->providers[0].dist, "frob-tools");

	T_INTEQ(mapdb_dist_attrs(db, "opencv-python", &at, &n), 0);
	T_INTEQ(n, 2);
	T_STREQ(at[0].attr, "opencv4");
	T_INTEQ(mapdb_dist_attrs(db, "not-in-nixpkgs", &at, &n), 0);
	T_INTEQ(n, 0);
	mapdb_free(db);
}

static void
test_bad_tables(void)
{
	const char *path = tmp("newer.db");
	struct mapdb_writer *w;
	struct mapdb *db;
	unsigned char v[4] = {0, 0, 0, 99};
	FILE *f;

	T_TRUE(mapdb_open(tmp("missing.db"), NULL) == NULL);
	write_file(tmp("corrupt.db"), "not a table, only text\n");
	T_TRUE(mapdb_open(tmp("corrupt.db"), NULL) == NULL);
	T_TRUE(mapdb_open(tmpdir, NULL) == NULL); /* a directory */
	T_TRUE(mapdb_writer_new(tmp("no/such/dir.db"), NULL) == NULL);
	T_TRUE(mapdb_writer_new(tmp("x.db"), tmp("corrupt.db")) == NULL);
	T_TRUE(access(tmp("x.db"), F_OK) != 0);

	/* user_version lives at offset 60 of the file, big-endian. */
	w = mapdb_writer_new(path, NULL);
	T_INTEQ(mapdb_writer_commit(w), 0);
	mapdb_writer_free(w);
	db = mapdb_open(path, NULL);
	T_TRUE(db != NULL);
	mapdb_free(db);
	f = fopen(path, "r+b");
	T_TRUE(f != NULL);
	fseek(f, 60, SEEK_SET);
	fwrite(v, 1, 4, f);
	fclose(f);
	T_TRUE(mapdb_open(path, NULL) == NULL);

	/* An uncommitted writer leaves nothing behind. */
	w = mapdb_writer_new(tmp("never.db"), NULL);
	T_TRUE(w != NULL);
	mapdb_writer_free(w);
	T_TRUE(access(tmp("never.db"), F_OK) != 0);
	mapdb_writer_free(NULL);
	mapdb_free(NULL);
}

static void
test_site_packages(void)
{
	struct rows rows = {STRBUF_INIT, 0};
	struct mapdb *ns = mapdb_open(tmp("shipped.db"), NULL);

	write_file(tmp("sp/Foo_Bar-1.0.dist-info/METADATA"),
		   "Metadata-Version: 2.1\nName: Foo_Bar\n\nName: body\n");
	write_file(tmp("sp/Foo_Bar-1.0.dist-info/RECORD"),
		   "foo/__init__.py,,\nfoo/sub/x.py,,\nfoo_ext.abi3.so,,\n"
		   "google/cloud/foo/__init__.py,,\n"
		   "Foo_Bar-1.0.dist-info/RECORD,,\n../../bin/foo,,\n");
	write_file(tmp("sp/old-2.0.egg-info/PKG-INFO"), "Name: old\n");
	write_file(tmp("sp/old-2.0.egg-info/top_level.txt"),
		   "old_mod\ngoogle\nbad name\n");
	T_INTEQ(mapimport_site_packages(tmp("sp"), ns, collect, &rows), 0);
	T_STREQ(rows.sb.buf, "0 foo foo-bar site-packages 1|"
			     "0 foo_ext foo-bar site-packages 1|"
			     "0 google.cloud.foo foo-bar site-packages 1|"
			     "0 old_mod old site-packages 1|");

	/* A bad dist-info is counted, the rest still read. */
	write_file(tmp("sp/broken-1.0.dist-info/METADATA"), "Version: 1\n");
	strbuf_reset(&rows.sb);
	T_INTEQ(mapimport_site_packages(tmp("sp"), ns, collect, &rows), 1);
	T_TRUE(strstr(rows.sb.buf, "0 old_mod old") != NULL);
	T_INTEQ(mapimport_site_packages(tmp("nothing"), ns, collect, &rows),
		-1);
	strbuf_release(&rows.sb);
	mapdb_free(ns);
}

static void
test_nixpkgs(void)
{
	struct rows rows = {STRBUF_INIT, 0};

	write_file(tmp("nix/pkgs/top-level/python-packages.nix"),
		   "self: super: with self; {\n"
		   "  upath-attr = callPackage"
		   " ../development/python-modules/upath { };\n"
		   "  other = pkgs.other.python;\n"
		   "    nested = callPackage ../x { };\n"
		   "}\n");
	write_file(tmp("nix/pkgs/development/python-modules/upath/default.nix"),
		   "{ buildPythonPackage, fetchPypi }:\n"
		   "buildPythonPackage rec {\n"
		   "  pname = \"universal-pathlib\";\n"
		   "  src = fetchPypi {\n"
		   "    pname = \"Universal_Pathlib\";\n"
		   "  };\n"
		   "  pythonImportsCheck = [\n"
		   "    \"upath\" # the package\n"
		   "    \"upath.core\"\n"
		   "    \"${pname}\"\n"
		   "  ];\n"
		   "}\n");
	T_INTEQ(mapimport_nixpkgs(tmp("nix"), collect, &rows), 0);
	T_STREQ(rows.sb.buf, "2 other  nixpkgs 1|"
			     "2 upath-attr  nixpkgs 1|"
			     "1 universal-pathlib upath-attr nixpkgs 1|"
			     "0 upath universal-pathlib nixpkgs 1|"
			     "0 upath.core universal-pathlib nixpkgs 1|");
	T_INTEQ(mapimport_nixpkgs(tmp("sp"), collect, &rows), -1);
	strbuf_release(&rows.sb);
}

static void
test_names(void)
{
	unsigned minor = 0;

	T_TRUE(mapdb_valid_module("a.b_c.d9", 8));
	T_TRUE(!mapdb_valid_module("a..b", 4));
	T_TRUE(!mapdb_valid_module(".a", 2));
	T_TRUE(!mapdb_valid_module("a.", 2));
	T_TRUE(!mapdb_valid_module("9a", 2));
	T_TRUE(!mapdb_valid_module("a-b", 3));
	T_TRUE(!mapdb_valid_module("", 0));
	T_INTEQ(mapdb_parse_python("3.10", &minor), 0);
	T_INTEQ(minor, 10);
	T_INTEQ(mapdb_parse_python("3.7", &minor), -1);
	T_INTEQ(mapdb_parse_python("3.15", &minor), -1);
	T_INTEQ(mapdb_parse_python("3.1x", &minor), -1);
	T_INTEQ(mapdb_parse_python("2.7", &minor), -1);
	T_STREQ(mapdb_source_name(MAPDB_SITE_PACKAGES), "site-packages");
	T_INTEQ(mapdb_source_parse("debian"), MAPDB_DEBIAN);
	T_INTEQ(mapdb_source_parse("nope"), -1);
}

/* Hooks and what they provide; attributes of the Python package set. */
static void
test_nix_hooks(void)
{
	struct mapdb_writer *w = mapdb_writer_new(tmp("hooks.db"), NULL);
	struct mapdb *db;
	const char *dist = "x";

	T_TRUE(w != NULL);
	T_INTEQ(mapdb_writer_nix_hook(w, "pytestCheckHook", "PyTest",
				      "propagates pytest"),
		0);
	T_INTEQ(mapdb_writer_nix_hook(w, "unittestCheckHook", NULL,
				      "the standard library's runner"),
		0);
	T_INTEQ(mapdb_writer_nix_hook(w, "maturinBuildHook", "maturin", NULL),
		0);
	/* A path is not an attribute; a bad distribution is refused. */
	T_INTEQ(mapdb_writer_nix_hook(w, "rustPlatform.maturinBuildHook",
				      "maturin", ""),
		-1);
	T_INTEQ(mapdb_writer_nix_hook(w, "", "pytest", ""), -1);
	T_INTEQ(mapdb_writer_nix_hook(w, "badHook", "-x-", ""), -1);
	T_INTEQ(mapdb_writer_known_attr(w, "pytest"), 0);
	T_INTEQ(mapdb_writer_known_attr(w, "protobuf"), 0);
	T_INTEQ(mapdb_writer_commit(w), 0);
	mapdb_writer_free(w);

	db = mapdb_open(tmp("hooks.db"), NULL);
	T_TRUE(db != NULL);
	T_INTEQ(mapdb_nix_hook(db, "pytestCheckHook", &dist), 1);
	T_STREQ(dist, "pytest");
	T_INTEQ(mapdb_nix_hook(db, "unittestCheckHook", &dist), 1);
	T_TRUE(dist == NULL);
	T_INTEQ(mapdb_nix_hook(db, "maturinBuildHook", &dist), 1);
	T_STREQ(dist, "maturin");
	T_INTEQ(mapdb_nix_hook(db, "pytest", &dist), 0);
	T_TRUE(dist == NULL);
	T_INTEQ(mapdb_nix_hook(db, "pytestcheckhook", &dist), 0);
	T_TRUE(mapdb_is_python_attr(db, "pytest"));
	T_TRUE(mapdb_is_python_attr(db, "protobuf"));
	T_TRUE(!mapdb_is_python_attr(db, "pytestCheckHook"));
	T_TRUE(!mapdb_is_python_attr(db, "ffmpeg"));
	T_TRUE(!mapdb_is_python_attr(db, ""));
	mapdb_free(db);

	/* A user layer: its hooks and attributes count too. */
	w = mapdb_writer_new(tmp("hooks-user.db"), NULL);
	T_INTEQ(mapdb_writer_nix_hook(w, "myCheckHook", "nose2", ""), 0);
	T_INTEQ(mapdb_writer_known_attr(w, "nose2"), 0);
	T_INTEQ(mapdb_writer_commit(w), 0);
	mapdb_writer_free(w);
	db = mapdb_open(tmp("hooks.db"), tmp("hooks-user.db"));
	T_TRUE(db != NULL);
	T_INTEQ(mapdb_nix_hook(db, "myCheckHook", &dist), 1);
	T_STREQ(dist, "nose2");
	T_INTEQ(mapdb_nix_hook(db, "pytestCheckHook", &dist), 1);
	T_STREQ(dist, "pytest");
	T_TRUE(mapdb_is_python_attr(db, "nose2"));
	T_TRUE(mapdb_is_python_attr(db, "pytest"));
	mapdb_free(db);
}

int
main(void)
{
	char cmd[300];

	T_TRUE(mkdtemp(tmpdir) != NULL);
	test_names();
	test_lookup();
	test_stats_dump();
	test_user_layer();
	test_installed();
	test_bad_tables();
	test_site_packages();
	test_nixpkgs();
	test_nix_hooks();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	T_INTEQ(system(cmd), 0);
	return t_done("test_mapdb");
}
