/* audit.c - imports against declared inputs; see audit.h */
#include "core/audit.h"

#include <ctype.h>

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/config.h"
#include "core/declared.h"
#include "core/mapdb.h"
#include "core/pep503.h"
#include "core/project.h"
#include "core/scan.h"
#include "core/strbuf.h"
#include "core/xalloc.h"

/* How an import is reached, weakest first. */
enum level { LV_NONE, LV_TYPING, LV_OPTIONAL, LV_CONDITIONAL, LV_REQUIRED };

/* One distribution (or sibling, or unknown name) the code needs. */
struct need {
	const char *key;                /* the distribution, PEP 503 */
	const char *module;             /* the first import naming it */
	const struct mapdb_answer *ans; /* NULL for a sibling or a mapping */
	const struct project_pkg *sibling;
	const char *mapped_attr; /* from the config's mappings */
	enum level runtime;
	enum level test;
	/* Some import runs when the package is used: at module level in
	 * shipped code that loads with it (load_strength()). */
	bool eager;
	/* Some import is at module level in a module loaded on demand. */
	bool on_demand;
	bool hosted; /* a plugin imports it: its host, which loads it */
	/* Shipped code imports it where it is optional (level_of() says
	 * LV_OPTIONAL): the package treats it as an optional library. */
	bool optional;
	/* Every import of it is the fallback of a try whose guarded import
	 * nothing provides: that import, which the code prefers. */
	const struct import *prefer;
	bool plain; /* some import of it is no such fallback */
	struct audit_place ev[AUDIT_EVIDENCE]; /* strongest first */
	unsigned rank[AUDIT_EVIDENCE];
	size_t nev, more;
	unsigned ignore_rules; /* rules every import of it ignores */
};

/*
 * Inputs by their key, sorted: the inputs that satisfy a need are found
 * by looking up the names the need goes by, not by comparing it with
 * every input (a derivation may list 200,000).
 */
struct input_index {
	const struct audit_input *v;
	struct keyed {
		const char *key;
		size_t i;
	} * by_key;
	size_t n;
	size_t *hits; /* index_match()'s result */
	size_t nhits, ahits;
	struct strbuf name; /* scratch */
};

struct audit {
	struct arena arena;
	struct finding *findings;
	size_t nfindings, afindings;
	bool sorted;
	/* during audit_run(): the package's declared and upstream inputs */
	struct input_index declared, upstream;
};

static const struct {
	const char *name;
	const char *help;
} rules[AUDIT_NRULES] = {
	[AUDIT_MISSING] = {"missing",
			   "The code imports a module that no "
			   "declared input provides: add the distribution "
			   "(or Nix attribute) that provides it."},
	[AUDIT_MISSING_OPTIONAL] = {"missing-optional",
				    "The code imports a "
				    "module only where it treats it as "
				    "optional (under an ImportError guard, "
				    "in a branch that names it) and no input "
				    "or extra declares it."},
	[AUDIT_TRANSITIVE] = {"transitive",
			      "The code imports a module as the "
			      "package loads that it does not declare; "
			      "today it arrives only because a declared "
			      "input requires it."},
	[AUDIT_UNUSED] = {"unused", "A runtime input is declared that no "
				    "code of the package imports."},
	[AUDIT_UNDECLARED_UPSTREAM] = {"undeclared-upstream",
				       "The upstream "
				       "metadata requires a distribution the "
				       "Nix expression does not provide."},
	[AUDIT_TEST_ONLY] = {"test-only",
			     "A runtime input is imported only "
			     "by tests: it belongs with the test inputs."},
	[AUDIT_MISPLACED] = {"misplaced",
			     "Code that runs imports a module "
			     "declared only as a test or build input."},
	[AUDIT_UNRESOLVED] = {"unresolved",
			      "No distribution is known for an "
			      "imported module; the finding shows the guess."},
	[AUDIT_VERSION_MISMATCH] = {"version-mismatch",
				    "The Nix version "
				    "differs from the version the source "
				    "declares."},
	[AUDIT_UNPINNED_SOURCE] = {"unpinned-source",
				   "The source is fetched "
				   "from a branch, which moves: pin a tag or "
				   "a commit."},
	[AUDIT_PLACEHOLDER_HASH] = {"placeholder-hash",
				    "The source hash is "
				    "a placeholder (empty, lib.fakeHash), so "
				    "the build cannot be reproduced."},
};

const char *
audit_rule_name(enum audit_rule rule)
{
	return rules[rule].name;
}

const char *
audit_rule_help(enum audit_rule rule)
{
	return rules[rule].help;
}

const char *
audit_severity_name(enum audit_severity sev)
{
	return sev == AUDIT_ERROR     ? "error"
	       : sev == AUDIT_WARNING ? "warning"
				      : "info";
}

struct audit *
audit_new(void)
{
	return xcalloc(1, sizeof(struct audit));
}

void
audit_free(struct audit *a)
{
	if (!a)
		return;
	free(a->findings);
	arena_release(&a->arena);
	free(a);
}

/*
 * Distributions declared for what they do rather than imported: build
 * backends and their plugins, test runner plugins, type stubs, tools run
 * as commands.  Never reported unused.
 */
static bool
not_imported_by_nature(const char *key)
{
	static const char *const names[] = {
		"black",
		"build",
		"cython",
		"flake8",
		"flit",
		"flit-core",
		"hatch-fancy-pypi-readme",
		"hatch-vcs",
		"hatchling",
		"isort",
		"maturin",
		"meson-python",
		"mypy",
		"nox",
		"pdm-backend",
		"pip",
		"poetry-core",
		"pre-commit",
		"pybind11",
		"pyright",
		"pytest",
		"ruff",
		"scikit-build-core",
		"setuptools",
		"setuptools-rust",
		"setuptools-scm",
		"tox",
		"twine",
		"versioneer",
		"wheel",
	};
	size_t n = strlen(key), i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (!strcmp(key, names[i]))
			return true;
	}
	return !strncmp(key, "pytest-", 7) || !strncmp(key, "types-", 6) ||
	       (n > 6 && !strcmp(key + n - 6, "-stubs")) ||
	       !strncmp(key, "setuptools-", 11) || !strncmp(key, "hatch-", 6);
}

static enum level
level_of(unsigned flags)
{
	if (flags & (IMPORT_TYPE_CHECKING | IMPORT_UNREACHABLE))
		return LV_TYPING;
	if (flags & (IMPORT_TRY | IMPORT_OPTIONAL_USE))
		return LV_OPTIONAL;
	if (flags &
	    (IMPORT_CONDITIONAL | IMPORT_DYNAMIC | IMPORT_LOCAL_CONDITION))
		return LV_CONDITIONAL;
	return LV_REQUIRED;
}

static const char *fmt(struct audit *a, const char *f, ...) DP_PRINTF(2, 3);

static const char *
fmt(struct audit *a, const char *f, ...)
{
	struct strbuf sb = STRBUF_INIT;
	const char *s;
	va_list ap;

	va_start(ap, f);
	strbuf_vaddf(&sb, f, ap);
	va_end(ap);
	s = arena_strndup(&a->arena, strbuf_str(&sb), sb.len);
	strbuf_release(&sb);
	return s;
}

static struct finding *
add(struct audit *a, const struct config *cfg, enum audit_rule rule,
    enum audit_severity sev, const struct audit_package *ap,
    const char *subject, const char *module)
{
	struct finding *f;

	if (cfg && config_ignored(cfg, rules[rule].name, module, subject))
		return NULL;
	XGROW(a->findings, a->nfindings + 1, a->afindings);
	f = &a->findings[a->nfindings++];
	memset(f, 0, sizeof(*f));
	f->rule = rule;
	f->severity = sev;
	f->package = ap->label ? ap->label : project_pkg_label(ap->pkg);
	f->root = *ap->pkg->root ? ap->pkg->root : ".";
	f->subject = subject;
	f->module = module;
	a->sorted = false;
	return f;
}

static void
set_evidence(struct finding *f, const struct need *n)
{
	memcpy(f->evidence, n->ev, sizeof(n->ev));
	f->nevidence = n->nev;
	f->more = n->more;
	if (n->nev)
		f->where = n->ev[0];
}

/* The nixpkgs attribute that provides n, or NULL: nixpkgs has none. */
static const char *
attr_of(const struct need *n)
{
	if (n->sibling)
		return n->key;
	if (n->mapped_attr)
		return n->mapped_attr;
	if (n->ans && n->ans->nproviders && n->ans->providers[0].nattrs)
		return n->ans->providers[0].attrs[0].attr;
	if (n->ans && !n->ans->nproviders)
		return n->ans->guess_attr;
	return NULL;
}

/* Whether an answer is only a guess: no provider, or only the identity
 * of the module's name with an attribute. */
static bool
weak(const struct mapdb_answer *ans)
{
	return !ans || !ans->nproviders ||
	       ans->providers[0].sources == 1u << MAPDB_IDENTITY;
}

/* The name a user adds for a need: a Nix attribute, or the distribution. */
static const char *
to_add(const struct need *n, bool nix)
{
	if (n->sibling)
		return n->key;
	if (n->mapped_attr && nix)
		return n->mapped_attr;
	if (nix && n->ans && n->ans->nproviders && n->ans->providers[0].nattrs)
		return n->ans->providers[0].attrs[0].attr;
	if (nix && n->ans && !n->ans->nproviders && n->ans->guess_attr)
		return n->ans->guess_attr;
	return n->key;
}

/* "a" or "any of a, b, c": the distributions that would do. */
static const char *
candidates(struct audit *a, const struct need *n)
{
	struct strbuf sb = STRBUF_INIT;
	const char *s;
	size_t i;

	if (!n->ans || n->ans->nproviders < 2)
		return n->key;
	strbuf_addstr(&sb, "any of ");
	for (i = 0; i < n->ans->nproviders; i++)
		strbuf_addf(&sb, "%s%s", i ? ", " : "",
			    n->ans->providers[i].dist);
	s = arena_strndup(&a->arena, sb.buf, sb.len);
	strbuf_release(&sb);
	return s;
}

enum { PATH_DEPTH = 4, PATH_NODES = 2000 };

/*
 * The chain of requirements through which a declared runtime input (or,
 * for what only tests import, any declared input; for an optional
 * library, any input or upstream extra) brings a provider of n today
 * ("flask -> click"), or NULL: what works by accident until that input
 * drops the dependency.  Breadth first, so the shortest chain.
 */
static const char *
transitive_path(struct audit *a, const struct audit_package *ap,
		struct mapdb *db, const struct need *n)
{
	/* tests run with the test and build inputs too; an optional
	 * library may come with a runtime input or an extra, upstream's
	 * too, as a requirement of its own (aiohttp -> multidict) */
	bool optional = n->runtime == LV_OPTIONAL;
	unsigned from = n->runtime > LV_OPTIONAL ? 1u << REQ_RUNTIME
			: optional
				? (1u << REQ_RUNTIME) | (1u << REQ_OPTIONAL)
				: (1u << REQ_RUNTIME) | (1u << REQ_TEST) |
					  (1u << REQ_BUILD) | (1u << REQ_DEV);
	struct node {
		const char *dist;
		size_t parent; /* index + 1, 0 for a declared input */
		unsigned depth;
	} *q = NULL;
	const char *chain[PATH_DEPTH + 1];
	size_t nq = 0, aq = 0, head = 0, found = 0, i, k, m = 0;
	struct strbuf sb = STRBUF_INIT;
	const char *path = NULL;

	if (!db || !n->ans || !n->ans->nproviders)
		return NULL;
	for (i = 0; i < ap->ndeclared + (optional ? ap->nupstream : 0); i++) {
		const struct requirement *r =
			i < ap->ndeclared ? ap->declared[i].req
					  : ap->upstream[i - ap->ndeclared].req;

		if (!(from & (1u << r->kind)) || !r->key)
			continue;
		XGROW(q, nq + 1, aq);
		q[nq++] = (struct node){r->key, 0, 0};
	}
	while (!found && head < nq && nq < PATH_NODES) {
		const struct node cur = q[head++];
		const char *const *reqs;
		size_t nreqs;

		/* an optional library: what a declared input requires
		 * itself, not whatever comes further down */
		if (cur.depth == (optional ? 1 : PATH_DEPTH) ||
		    mapdb_requires(db, cur.dist, &reqs, &nreqs) < 0)
			continue;
		for (i = 0; i < nreqs && !found; i++) {
			bool seen = false;

			for (k = 0; k < nq && !seen; k++)
				seen = !strcmp(q[k].dist, reqs[i]);
			if (seen)
				continue;
			XGROW(q, nq + 1, aq);
			q[nq++] = (struct node){reqs[i], head, cur.depth + 1};
			for (k = 0; k < n->ans->nproviders && !found; k++) {
				if (!strcmp(n->ans->providers[k].dist, reqs[i]))
					found = nq;
			}
		}
	}
	/* Walk back from the provider to the declared input. */
	for (k = found; k && m <= PATH_DEPTH; k = q[k - 1].parent)
		chain[m++] = q[k - 1].dist;
	while (m--)
		strbuf_addf(&sb, "%s%s", chain[m], m ? " -> " : "");
	if (sb.len)
		path = arena_strndup(&a->arena, sb.buf, sb.len);
	strbuf_release(&sb);
	free(q);
	return path;
}

static int
cmp_keyed(const void *x, const void *y)
{
	const struct keyed *a = x, *b = y;
	int c = strcmp(a->key, b->key);

	return c ? c : (a->i > b->i) - (a->i < b->i);
}

static void
index_build(struct input_index *ix, const struct audit_input *v, size_t count)
{
	size_t i;

	memset(ix, 0, sizeof(*ix));
	ix->v = v;
	ix->by_key = xcalloc(count + 1, sizeof(*ix->by_key));
	for (i = 0; i < count; i++) {
		/* A reader that could not evaluate a spec may still know
		 * its name (f"dagster-pipes{pin}"): then it is declared. */
		if (v[i].req->key) {
			ix->by_key[ix->n].key = v[i].req->key;
			ix->by_key[ix->n++].i = i;
		}
	}
	qsort(ix->by_key, ix->n, sizeof(*ix->by_key), cmp_keyed);
	strbuf_init(&ix->name);
}

static void
index_release(struct input_index *ix)
{
	free(ix->by_key);
	free(ix->hits);
	strbuf_release(&ix->name);
	memset(ix, 0, sizeof(*ix));
}

/* Add the inputs whose key is name (PEP 503-normalized first when
 * normalize) to ix->hits. */
static void
index_add(struct input_index *ix, const char *name, bool normalize)
{
	size_t lo = 0, hi = ix->n;

	if (normalize) {
		strbuf_reset(&ix->name);
		pep503_normalize(&ix->name, name, strlen(name));
		name = ix->name.buf;
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(ix->by_key[mid].key, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < ix->n && !strcmp(ix->by_key[lo].key, name); lo++) {
		XGROW(ix->hits, ix->nhits + 1, ix->ahits);
		ix->hits[ix->nhits++] = ix->by_key[lo].i;
	}
}

/*
 * The inputs of ix that satisfy n, in ix->hits[0..nhits) (an input may
 * come twice): its key is the need's distribution, the attribute the
 * config maps it to, a sibling's directory name, a provider's name or
 * attribute, or the guessed attribute.
 */
static void
index_match(struct input_index *ix, const struct need *n)
{
	size_t i, j;

	ix->nhits = 0;
	index_add(ix, n->key, false);
	if (n->mapped_attr)
		index_add(ix, n->mapped_attr, true);
	if (n->sibling && n->sibling->root) {
		const char *base = strrchr(n->sibling->root, '/');

		base = base ? base + 1 : n->sibling->root;
		if (*base)
			index_add(ix, base, true);
	}
	if (!n->ans)
		return;
	for (i = 0; i < n->ans->nproviders; i++) {
		const struct mapdb_provider *p = &n->ans->providers[i];

		index_add(ix, p->dist, false);
		for (j = 0; j < p->nattrs; j++)
			index_add(ix, p->attrs[j].attr, true);
	}
	if (n->ans->guess_attr)
		index_add(ix, n->ans->guess_attr, true);
}

/* Bit per enum req_kind of the inputs of ix that satisfy n; implied:
 * counting the build's implied inputs. */
static unsigned
kinds_of(struct input_index *ix, const struct need *n, bool implied)
{
	unsigned kinds = 0;
	size_t i;

	index_match(ix, n);
	for (i = 0; i < ix->nhits; i++) {
		const struct requirement *r = ix->v[ix->hits[i]].req;

		if (implied || !(r->flags & REQ_NIX_IMPLIED))
			kinds |= 1u << r->kind;
	}
	return kinds;
}

/* The config's mapping for module (its longest dotted prefix), or NULL. */
static const struct config_mapping *
config_mapping(const struct config *cfg, const char *module)
{
	const struct config_mapping *m, *best = NULL;
	size_t n = 0, i;

	if (!cfg)
		return NULL;
	m = config_mappings(cfg, &n);
	for (i = 0; i < n; i++) {
		size_t k = strlen(m[i].module);

		if (!strncmp(m[i].module, module, k) &&
		    (module[k] == '\0' || module[k] == '.') &&
		    (!best || k > strlen(best->module)))
			best = &m[i];
	}
	return best;
}

static bool
first_party(const struct project *project, const struct project_pkg *pkg,
	    const struct config *cfg, const char *module)
{
	size_t i, n = 0;
	const char *const *fp = cfg ? config_first_party(cfg, &n) : NULL;

	if (project_owns(project, pkg, module))
		return true;
	for (i = 0; i < n; i++) {
		size_t k = strlen(fp[i]);
		if (!strncmp(fp[i], module, k) &&
		    (module[k] == '\0' || module[k] == '.'))
			return true;
	}
	return !strcmp(module, "__future__") || !strcmp(module, "__main__");
}

/* Find or make the need for key. */
static struct need *
need_for(struct need **needs, size_t *nneeds, size_t *aneeds, const char *key,
	 const char *module)
{
	size_t i;

	for (i = 0; i < *nneeds; i++) {
		if (!strcmp((*needs)[i].key, key))
			return &(*needs)[i];
	}
	XGROW(*needs, *nneeds + 1, *aneeds);
	memset(&(*needs)[*nneeds], 0, sizeof(**needs));
	(*needs)[*nneeds].key = key;
	(*needs)[*nneeds].module = module;
	(*needs)[*nneeds].ignore_rules = ~0u;
	return &(*needs)[(*nneeds)++];
}

/* How strongly an import justifies a finding, 0 the strongest: module
 * level in shipped code, then in a function, then guarded, conditional
 * or dynamic, then in tests, then for the type checker only. */
static unsigned
strength(unsigned flags)
{
	enum level lv = level_of(flags);

	if (lv == LV_TYPING)
		return 4;
	if (flags & IMPORT_TEST)
		return 3;
	if (lv < LV_REQUIRED)
		return 2;
	return flags & IMPORT_FUNCTION ? 1 : 0;
}

static void
note_import(struct need *n, const struct audit_import *ai, const char *module,
	    bool loads)
{
	enum level lv = level_of(ai->imp->flags);
	unsigned r = strength(ai->imp->flags);
	size_t k;

	if (lv == LV_REQUIRED &&
	    !(ai->imp->flags & (IMPORT_TEST | IMPORT_FUNCTION))) {
		if (loads)
			n->eager = true;
		else
			n->on_demand = true;
	}

	if (ai->imp->flags & IMPORT_TEST) {
		if (lv > n->test)
			n->test = lv;
	} else {
		if (lv > n->runtime)
			n->runtime = lv;
		if (lv == LV_OPTIONAL)
			n->optional = true;
	}
	if (!ai->ignored)
		n->ignore_rules = 0;
	else if (ai->ignore_rules)
		n->ignore_rules &= ai->ignore_rules;
	/* Evidence: the strongest imports, in the order met among equals,
	 * so that the first place shown justifies the severity. */
	if (n->nev == AUDIT_EVIDENCE && r >= n->rank[AUDIT_EVIDENCE - 1]) {
		n->more++;
		return;
	}
	if (n->nev == AUDIT_EVIDENCE)
		n->more++;
	else
		n->nev++;
	for (k = n->nev - 1; k > 0 && n->rank[k - 1] > r; k--) {
		n->ev[k] = n->ev[k - 1];
		n->rank[k] = n->rank[k - 1];
	}
	n->ev[k].file = ai->file;
	n->ev[k].line = ai->imp->line;
	n->rank[k] = r;
	if (k == 0)
		n->module = module;
}

/* Whether every import of n carries an inline ignore for rule. */
static bool
inline_ignored(const struct need *n, enum audit_rule rule)
{
	return n->ignore_rules & (1u << rule);
}

static const char *
module_of(struct audit *a, const struct import *imp)
{
	if (imp->kind == IMPORT_FROM && !*imp->module)
		return NULL;
	return arena_strdup(&a->arena, imp->module);
}

/* ---- which modules load when the package is used ---- */

/* A shipped module of the package that has imports. */
struct load_node {
	const char *file;
	const char *module;
	bool init;        /* an __init__: the package itself */
	bool imported;    /* another module of the package imports it */
	bool plugin;      /* named after a distribution it imports */
	const char *host; /* then that one's top-level module */
	bool strong;      /* loaded whenever the package is used */
};

struct load {
	struct load_node *nodes;
	size_t nnodes, anodes;
	struct load_key {
		const char *module;
		size_t node;
	} * order; /* nodes by module */
	size_t (*edges)[2];
	size_t nedges, aedges;
	struct strbuf tmp;  /* import_target()'s result */
	struct strbuf name; /* a module a from-import may name */
};

/* The node of module[0..len), or SIZE_MAX. */
static size_t
load_find(const struct load *l, const char *module, size_t len)
{
	size_t lo = 0, hi = l->nnodes;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *m = l->order[mid].module;
		int c = strncmp(m, module, len);

		if (!c && m[len])
			c = 1;
		if (c < 0)
			lo = mid + 1;
		else if (c > 0)
			hi = mid;
		else
			return l->order[mid].node;
	}
	return (size_t)-1;
}

static void load_edge(struct load *l, size_t from, size_t to);

/* Module from imports module to (a node, or SIZE_MAX): to is imported,
 * and loads with from when the import is eager. */
static void
load_import(struct load *l, size_t from, size_t to, bool eager)
{
	if (to == (size_t)-1 || to == from)
		return;
	l->nodes[to].imported = true;
	if (eager)
		load_edge(l, from, to);
}

static void
load_edge(struct load *l, size_t from, size_t to)
{
	if (from == to || to == (size_t)-1)
		return;
	XGROW(l->edges, l->nedges + 1, l->aedges);
	l->edges[l->nedges][0] = from;
	l->edges[l->nedges++][1] = to;
}

/*
 * Whether the file is named after what it imports: its name or its
 * directory's holds the top-level name (pydantic/mypy.py for mypy, a
 * plugin its host loads; uvicorn/protocols/websockets/wsproto_impl.py
 * for wsproto, an implementation an option picks), or its name is a
 * later part of the module (uvicorn/workers.py for gunicorn.workers, a
 * worker class gunicorn loads).
 */
static bool
named_after(const char *file, const char *module)
{
	size_t top = strcspn(module, "."), parts, i, k, stem;
	const char *b = file + strlen(file), *name, *c;

	while (b > file && b[-1] != '/')
		b--;
	name = b;
	stem = strcspn(name, ".");
	for (c = module + top; *c == '.';) {
		size_t n = strcspn(c + 1, ".");

		if (n >= 4 && n == stem && !strncmp(c + 1, name, n))
			return true;
		c += n + 1;
	}
	if (top < 3)
		return false;
	b = file + strlen(file);
	for (parts = 0; parts < 2 && b > file; parts++) {
		const char *e = b;

		while (b > file && b[-1] != '/')
			b--;
		for (i = 0; i + top <= (size_t)(e - b); i++) {
			for (k = 0; k < top &&
				    tolower((unsigned char)b[i + k]) ==
					    tolower((unsigned char)module[k]);
			     k++)
				;
			if (k == top)
				return true;
		}
		if (b > file)
			b--;
	}
	return false;
}

/* Whether two dotted names share their top-level module. */
static bool
same_top(const char *a, const char *b)
{
	size_t n = strcspn(a, ".");

	return n == strcspn(b, ".") && !strncmp(a, b, n);
}

static int
cmp_key(const void *x, const void *y)
{
	return strcmp(((const struct load_key *)x)->module,
		      ((const struct load_key *)y)->module);
}

/* The absolute module an import of node A names ("" when none). */
static const char *
import_target(struct load *l, const struct load_node *a,
	      const struct import *imp)
{
	struct strbuf *sb = &l->tmp;
	size_t n, up;

	strbuf_reset(sb);
	if (!imp->level) {
		strbuf_addstr(sb, imp->module);
		return strbuf_str(sb);
	}
	/* the package the module is in, less level - 1 parts */
	n = strlen(a->module);
	for (up = imp->level - (a->init ? 1 : 0); up && n; up--) {
		while (n && a->module[n - 1] != '.')
			n--;
		if (n)
			n--;
	}
	strbuf_add(sb, a->module, n);
	if (*imp->module) {
		if (sb->len)
			strbuf_addch(sb, '.');
		strbuf_addstr(sb, imp->module);
	}
	return strbuf_str(sb);
}

/*
 * For each import of ap, whether its module is loaded whenever the
 * package is used (strong[i]): the package's top-level modules and the
 * modules nothing of it imports (its public entry points) load, unless
 * such a module is named after a distribution it imports (a plugin or
 * an implementation its host or an option loads); so does a module one
 * of those imports at module level, unconditionally, and the packages
 * above a module that loads.  A module imported only in functions,
 * under a guard or a condition loads on demand.
 */
static void
load_strength(const struct audit_package *ap, const struct project *project,
	      struct mapdb *db, bool *strong, bool *host)
{
	struct load l;
	size_t *node_of = xcalloc(ap->nimports + 1, sizeof(*node_of));
	size_t *queue = NULL, i, k, head = 0, tail = 0;

	memset(&l, 0, sizeof(l));
	strbuf_init(&l.tmp);
	strbuf_init(&l.name);
	for (i = 0; i < ap->nimports; i++) {
		const struct audit_import *ai = &ap->imports[i];
		const char *m, *b;

		node_of[i] = (size_t)-1;
		if (ai->imp->flags & IMPORT_TEST)
			continue;
		if (l.nnodes && !strcmp(l.nodes[l.nnodes - 1].file, ai->file)) {
			node_of[i] = l.nnodes - 1;
			continue;
		}
		if (!(m = project_module(project, ai->file)))
			continue;
		XGROW(l.nodes, l.nnodes + 1, l.anodes);
		memset(&l.nodes[l.nnodes], 0, sizeof(l.nodes[0]));
		l.nodes[l.nnodes].file = ai->file;
		l.nodes[l.nnodes].module = m;
		b = strrchr(ai->file, '/');
		b = b ? b + 1 : ai->file;
		l.nodes[l.nnodes].init = !strncmp(b, "__init__.", 9);
		node_of[i] = l.nnodes++;
	}
	l.order = xcalloc(l.nnodes + 1, sizeof(*l.order));
	for (i = 0; i < l.nnodes; i++) {
		l.order[i].module = l.nodes[i].module;
		l.order[i].node = i;
	}
	if (l.nnodes)
		qsort(l.order, l.nnodes, sizeof(*l.order), cmp_key);
	/* loading a module loads the packages above it */
	for (i = 0; i < l.nnodes; i++) {
		const char *m = l.nodes[i].module;

		for (k = 0; m[k]; k++) {
			if (m[k] == '.')
				load_edge(&l, i, load_find(&l, m, k));
		}
	}
	for (i = 0; i < ap->nimports; i++) {
		const struct audit_import *ai = &ap->imports[i];
		const struct import *imp = ai->imp;
		struct load_node *a;
		const char *t;
		bool eager = level_of(imp->flags) == LV_REQUIRED &&
			     !(imp->flags & IMPORT_FUNCTION);
		size_t j, tlen;

		if (node_of[i] == (size_t)-1)
			continue;
		a = &l.nodes[node_of[i]];
		if (!imp->level &&
		    !project_owns(project, ap->pkg, imp->module)) {
			const struct mapdb_answer *ans;

			if (eager && named_after(a->file, imp->module) &&
			    !((ans = db ? mapdb_lookup(db, imp->module)
					: NULL) &&
			      ans->stdlib)) {
				a->plugin = true;
				a->host = imp->module;
				host[i] = true;
			}
			continue;
		}
		t = import_target(&l, a, imp);
		tlen = strlen(t);
		load_import(&l, node_of[i], load_find(&l, t, tlen), eager);
		/* from t import name: name may be a module of t */
		for (j = 0; imp->kind == IMPORT_FROM && j < imp->nnames; j++) {
			strbuf_reset(&l.name);
			strbuf_add(&l.name, t, tlen);
			if (tlen)
				strbuf_addch(&l.name, '.');
			strbuf_addstr(&l.name, imp->names[j]);
			load_import(&l, node_of[i],
				    load_find(&l, l.name.buf, l.name.len),
				    eager);
		}
		/* a.b.c loads a and a.b too */
		for (k = 0; eager && t[k]; k++) {
			if (t[k] == '.')
				load_edge(&l, node_of[i], load_find(&l, t, k));
		}
	}
	queue = xcalloc(l.nnodes + 1, sizeof(*queue));
	for (i = 0; i < l.nnodes; i++) {
		struct load_node *x = &l.nodes[i];

		if ((!x->imported || !strchr(x->module, '.')) && !x->plugin) {
			x->strong = true;
			queue[tail++] = i;
		}
	}
	/* edges by their start, then a walk from the entry points */
	{
		size_t *start = xcalloc(l.nnodes + 2, sizeof(*start));
		size_t *to = xcalloc(l.nedges + 1, sizeof(*to));

		for (i = 0; i < l.nedges; i++)
			start[l.edges[i][0] + 1]++;
		for (i = 1; i <= l.nnodes; i++)
			start[i] += start[i - 1];
		for (i = 0; i < l.nedges; i++)
			to[start[l.edges[i][0]]++] = l.edges[i][1];
		for (i = l.nnodes; i > 0; i--)
			start[i] = start[i - 1];
		start[0] = 0;
		while (head < tail) {
			size_t x = queue[head++];

			for (k = start[x]; k < start[x + 1]; k++) {
				if (!l.nodes[to[k]].strong) {
					l.nodes[to[k]].strong = true;
					queue[tail++] = to[k];
				}
			}
		}
		free(start);
		free(to);
	}
	for (i = 0; i < ap->nimports; i++) {
		const struct import *imp = ap->imports[i].imp;
		const struct load_node *x =
			node_of[i] == (size_t)-1 ? NULL : &l.nodes[node_of[i]];

		strong[i] = !x || x->strong;
		/* in a plugin, every import of the host is the host's */
		host[i] = x && x->plugin && !x->strong && !imp->level &&
			  (host[i] || named_after(x->file, imp->module) ||
			   same_top(x->host, imp->module));
	}
	free(queue);
	free(node_of);
	free(l.nodes);
	free(l.order);
	free(l.edges);
	strbuf_release(&l.tmp);
	strbuf_release(&l.name);
}

/* Whether a declared input is a Python distribution, which code imports:
 * not a C library or a tool of the Nix package set. */
static bool
python_input(struct mapdb *db, const struct requirement *r)
{
	if (!r->attr || !db)
		return true;
	if (r->flags & REQ_NIX_TOPLEVEL)
		return false;
	return (r->flags & REQ_NIX_PYTHON) || mapdb_is_python_attr(db, r->attr);
}

/* The extra that declares what n needs, or NULL. */
static const char *
extra_of(struct audit *a, const struct need *n)
{
	const struct requirement *first = NULL;
	size_t i, at = SIZE_MAX;

	/* the first extra in the order written */
	index_match(&a->declared, n);
	for (i = 0; i < a->declared.nhits; i++) {
		size_t k = a->declared.hits[i];

		if (k < at && a->declared.v[k].req->kind == REQ_OPTIONAL) {
			at = k;
			first = a->declared.v[k].req;
		}
	}
	return first ? first->group : NULL;
}

/* n is imported as the package loads, and only an extra declares it. */
static void
extra_only(struct audit *a, const struct audit_package *ap, struct mapdb *db,
	   const struct config *cfg, const struct need *n)
{
	const char *extra = extra_of(a, n), *via;
	struct finding *f;

	if (inline_ignored(n, AUDIT_MISSING))
		return;
	via = transitive_path(a, ap, db, n);
	f = add(a, cfg, AUDIT_MISSING, via ? AUDIT_WARNING : AUDIT_ERROR, ap,
		n->key, n->module);
	if (!f)
		return;
	set_evidence(f, n);
	f->message = fmt(a,
			 "'%s' is imported as the package loads, but only "
			 "the extra '%s' declares %s; a default install "
			 "lacks it",
			 n->module, extra ? extra : "?", n->key);
	if (via)
		f->message = fmt(a, "%s (today it comes through %s)",
				 f->message, via);
	f->fix = fmt(a,
		     "move %s to the runtime inputs, or import it where "
		     "the extra is used",
		     to_add(n, ap->nix));
}

/* What a build hook needs a build input for. */
static void
check_build(struct audit *a, const struct audit_package *ap,
	    const struct config *cfg, struct need *needs, size_t nneeds)
{
	size_t i;

	for (i = 0; i < nneeds; i++) {
		struct need *n = &needs[i];
		unsigned kinds = kinds_of(&a->declared, n, true);
		struct finding *f;

		/* the build environment has the build and the runtime
		 * inputs; a guarded import needs neither */
		if ((kinds & ((1u << REQ_BUILD) | (1u << REQ_RUNTIME))) ||
		    n->runtime < LV_REQUIRED ||
		    inline_ignored(n, AUDIT_MISSING))
			continue;
		f = add(a, cfg, AUDIT_MISSING, AUDIT_WARNING, ap, n->key,
			n->module);
		if (!f)
			continue;
		set_evidence(f, n);
		f->message = fmt(a,
				 "'%s' is imported by a build hook but no "
				 "build input provides it (%s)",
				 n->module, candidates(a, n));
		f->fix = fmt(a, "add %s to the build inputs",
			     to_add(n, ap->nix));
	}
}

/* The needs an import adds to: a build hook's are apart. */
#define NEEDS(ai)                                                              \
	(ai)->build ? &bneeds : &needs, (ai)->build ? &nbneeds : &nneeds,      \
		(ai)->build ? &abneeds : &aneeds

/* Whether what import imp names needs no input: the package's own, the
 * standard library's, or provided by a declared input. */
static bool
provided(struct audit *a, const struct audit_package *ap,
	 const struct project *project, struct mapdb *db,
	 const struct config *cfg, const struct import *imp)
{
	const struct mapdb_answer *ans;
	struct need tmp;

	if (imp->level || !*imp->module ||
	    first_party(project, ap->pkg, cfg, imp->module))
		return true;
	ans = db ? mapdb_lookup(db, imp->module) : NULL;
	if (!ans)
		return false;
	if (ans->stdlib)
		return true;
	if (!ans->nproviders)
		return false;
	memset(&tmp, 0, sizeof(tmp));
	tmp.key = ans->providers[0].dist;
	tmp.ans = ans;
	index_match(&a->declared, &tmp);
	return a->declared.nhits > 0;
}

/*
 * "try: import A / except ImportError: import B": A needs nothing when
 * B stands in for it, and B needs nothing when A is provided.  Marks the
 * imports that need nothing in skip[] (per file, the try statements
 * numbered by the reader), and gives each B whose A nothing provides
 * that A in prefer[], for the finding to name both.
 */
static void
alternatives(struct audit *a, const struct audit_package *ap,
	     const struct project *project, struct mapdb *db,
	     const struct config *cfg, bool *skip, const struct import **prefer)
{
	size_t b = 0, e, i;

	while (b < ap->nimports) {
		unsigned top = 0;
		unsigned char *seen; /* 1: has a fallback, 2: A provided */
		const struct import **first; /* the first A of each try */

		for (e = b; e < ap->nimports &&
			    !strcmp(ap->imports[e].file, ap->imports[b].file);
		     e++) {
			const struct import *imp = ap->imports[e].imp;

			if (imp->try_guard > top)
				top = imp->try_guard;
			if (imp->try_fallback > top)
				top = imp->try_fallback;
		}
		if (!top) {
			b = e;
			continue;
		}
		seen = xcalloc(top + 1, 1);
		first = xcalloc(top + 1, sizeof(*first));
		for (i = b; i < e; i++) {
			const struct import *imp = ap->imports[i].imp;

			if (imp->try_fallback)
				seen[imp->try_fallback] |= 1;
			if (!imp->try_guard)
				continue;
			if (provided(a, ap, project, db, cfg, imp))
				seen[imp->try_guard] |= 2;
			else if (!first[imp->try_guard])
				first[imp->try_guard] = imp;
		}
		for (i = b; i < e; i++) {
			const struct import *imp = ap->imports[i].imp;

			if ((imp->try_guard && (seen[imp->try_guard] & 1)) ||
			    (imp->try_fallback &&
			     (seen[imp->try_fallback] & 2)))
				skip[i] = true;
			else if (imp->try_fallback)
				prefer[i] = first[imp->try_fallback];
		}
		free(seen);
		free(first);
		b = e;
	}
}

/*
 * What a user adds for imp, the preferred of two alternatives, or NULL;
 * *module: the module it names ("from ruamel import yaml" names
 * ruamel.yaml when a distribution provides that).
 */
static const char *
preferred(struct audit *a, struct mapdb *db, const struct import *imp, bool nix,
	  const char **module)
{
	const struct mapdb_answer *ans = NULL;
	struct need tmp;

	if (!db)
		return NULL;
	*module = imp->module;
	if (imp->kind == IMPORT_FROM && imp->nnames &&
	    strcmp(imp->names[0], "*")) {
		*module = fmt(a, "%s.%s", imp->module, imp->names[0]);
		ans = mapdb_lookup(db, *module);
		if (!ans || !ans->nproviders) {
			*module = imp->module;
			ans = NULL;
		}
	}
	if (!ans)
		ans = mapdb_lookup(db, imp->module);
	if (!ans || ans->stdlib || (!ans->nproviders && !ans->guess))
		return NULL;
	memset(&tmp, 0, sizeof(tmp));
	tmp.ans = ans;
	tmp.key = ans->nproviders ? ans->providers[0].dist : ans->guess;
	return arena_strdup(&a->arena, to_add(&tmp, nix));
}

static void
check_imports(struct audit *a, const struct audit_package *ap,
	      const struct project *project, struct mapdb *db,
	      const struct config *cfg)
{
	const struct project_pkg *pkg = ap->pkg;
	struct need *needs = NULL, *bneeds = NULL;
	size_t nneeds = 0, aneeds = 0, nbneeds = 0, abneeds = 0, i;
	bool *loads = xcalloc(ap->nimports + 1, sizeof(*loads));
	/* imports that need nothing, though they use what they name: a
	 * plugin's of its host, an ImportError alternative */
	bool *host = xcalloc(ap->nimports + 1, sizeof(*host));
	const struct import **prefer =
		xcalloc(ap->nimports + 1, sizeof(*prefer));
	unsigned char *used;
	bool tests_elsewhere;

	load_strength(ap, project, db, loads, host);
	alternatives(a, ap, project, db, cfg, host, prefer);
	for (i = 0; ap->drv && ap->drv->no_check && i < ap->ndeclared; i++) {
		if (ap->declared[i].req->kind == REQ_TEST)
			break;
	}
	tests_elsewhere = ap->drv && ap->drv->no_check && i == ap->ndeclared;
	for (i = 0; i < ap->nimports; i++) {
		const struct audit_import *ai = &ap->imports[i];
		const struct config_mapping *cm;
		const struct project_pkg *sib;
		const struct mapdb_answer *ans;
		const char *module, *key;
		struct need *n;
		bool local;

		if (ai->imp->level)
			continue; /* relative: the package's own */
		module = module_of(a, ai->imp);
		if (!module || first_party(project, pkg, cfg, module))
			continue;
		local = project_is_local(project, pkg, module,
					 strcspn(module, "."));
		/* Tests reach their helpers through sys.path. */
		if (local && (ai->imp->flags & IMPORT_TEST))
			continue;
		if ((cm = config_mapping(cfg, module))) {
			n = need_for(NEEDS(ai),
				     pep503_arena(&a->arena, cm->dist), module);
			n->mapped_attr = cm->attr;
		} else if ((sib = project_provider(project, module)) &&
			   sib != pkg) {
			key = sib->key ? sib->key
				       : pep503_arena(&a->arena,
						      project_pkg_label(sib));
			n = need_for(NEEDS(ai), key, module);
			n->sibling = sib;
		} else {
			ans = db ? mapdb_lookup(db, module) : NULL;
			if (ans && ans->stdlib)
				continue;
			if (local && weak(ans))
				continue; /* a module of the tree itself */
			if (!ans || (!ans->nproviders && !ans->guess))
				continue; /* a bare namespace root */
			key = ans->nproviders ? ans->providers[0].dist
					      : ans->guess;
			/* its own name, whatever ships: not an input */
			if (pkg->name && pep503_equal(key, pkg->name))
				continue;
			n = need_for(NEEDS(ai), key, module);
			n->ans = ans;
		}
		/* a plugin's import of its host needs nothing: the host is
		 * what loads it; it still uses what it imports */
		if (host[i]) {
			n->hosted = true;
			continue;
		}
		note_import(n, ai, module, loads[i]);
		if (!prefer[i])
			n->plain = true;
		else if (!n->prefer)
			n->prefer = prefer[i];
	}

	for (i = 0; i < nneeds; i++) {
		struct need *n = &needs[i];
		/* the build's implied inputs are there for tests only */
		unsigned kinds =
			kinds_of(&a->declared, n, n->runtime == LV_NONE);
		bool unknown = n->ans && !n->ans->nproviders;
		bool runtime =
			kinds & ((1u << REQ_RUNTIME) | (1u << REQ_OPTIONAL));
		bool other = kinds & ((1u << REQ_TEST) | (1u << REQ_BUILD) |
				      (1u << REQ_DEV));
		enum audit_rule rule;
		enum audit_severity sev;
		struct finding *f;
		const char *via, *pref, *pmod;

		/* What only tests import, where the build runs no tests and
		 * declares none of their inputs: they run elsewhere. */
		if (n->runtime == LV_NONE && tests_elsewhere)
			continue;
		/* Where the package treats it as optional, so are its other
		 * imports that do not run as the package loads: optional
		 * features (the guard may sit at the call, in another
		 * module). */
		if (n->optional && !n->eager && n->runtime > LV_OPTIONAL)
			n->runtime = LV_OPTIONAL;
		/* Upstream's extras say what is optional, whatever the
		 * expression makes of them. */
		if (ap->nix && !n->eager)
			kinds |= kinds_of(&a->upstream, n, false) &
				 (1u << REQ_OPTIONAL);
		/* Only an extra declares it, and it is imported as the
		 * package loads: a default install fails. */
		if (n->eager && (kinds & (1u << REQ_OPTIONAL)) &&
		    !(kinds & (1u << REQ_RUNTIME))) {
			extra_only(a, ap, db, cfg, n);
			continue;
		}
		if (kinds && !(n->runtime == LV_REQUIRED && !runtime))
			continue;
		/* An unknown module imported only under a guard or a
		 * condition (tomllib on 3.10 beside its fallback, Python 2
		 * names), or only by tests (modules they write at run
		 * time): nothing to act on. */
		if (unknown && n->runtime < LV_REQUIRED)
			continue;
		if (n->runtime == LV_REQUIRED && other && !runtime) {
			rule = AUDIT_MISPLACED;
			sev = AUDIT_WARNING;
		} else if (unknown && n->runtime + n->test > LV_TYPING) {
			rule = AUDIT_UNRESOLVED;
			sev = AUDIT_WARNING;
		} else if (n->runtime == LV_REQUIRED) {
			rule = AUDIT_MISSING;
			sev = AUDIT_ERROR;
		} else if (n->runtime == LV_CONDITIONAL) {
			rule = AUDIT_MISSING;
			sev = AUDIT_WARNING;
		} else if (n->runtime == LV_OPTIONAL) {
			rule = AUDIT_MISSING_OPTIONAL;
			sev = AUDIT_WARNING;
		} else if (n->test > LV_OPTIONAL) {
			/* a test guarded for ImportError skips without it */
			rule = AUDIT_MISSING;
			sev = AUDIT_WARNING;
		} else {
			continue; /* only for the type checker */
		}
		/* What a declared input brings in works today: worth a
		 * word only when the package imports it as it loads. */
		via = rule == AUDIT_MISSING || rule == AUDIT_MISSING_OPTIONAL
			      ? transitive_path(a, ap, db, n)
			      : NULL;
		if (via && !n->eager)
			continue;
		if (via) {
			rule = AUDIT_TRANSITIVE;
			sev = AUDIT_WARNING;
		}
		if (inline_ignored(n, rule))
			continue;
		/* an error only when importing the package fails */
		if (sev == AUDIT_ERROR && !n->eager)
			sev = AUDIT_WARNING;
		f = add(a, cfg, rule, sev, ap, n->key, n->module);
		if (!f)
			continue;
		set_evidence(f, n);
		f->attr = attr_of(n);
		switch (rule) {
		case AUDIT_MISPLACED:
			f->message = fmt(a,
					 "'%s' is imported by code that "
					 "runs, but %s is only a test or build "
					 "input",
					 n->module, n->key);
			f->fix = fmt(a, "move %s to the runtime inputs",
				     to_add(n, ap->nix));
			break;
		case AUDIT_UNRESOLVED:
			f->message = fmt(a,
					 "no distribution is known to "
					 "provide '%s' (guessed %s)",
					 n->module, n->key);
			f->fix = fmt(a, "add %s, or map '%s' in .depaudit.yaml",
				     to_add(n, ap->nix), n->module);
			break;
		case AUDIT_MISSING_OPTIONAL:
			f->message = fmt(a,
					 "'%s' is imported as an optional "
					 "library (an ImportError guard, a "
					 "branch that names it) and no input "
					 "provides it (%s)",
					 n->module, candidates(a, n));
			f->fix = fmt(a, "add %s to an extra, or ignore it",
				     to_add(n, ap->nix));
			break;
		case AUDIT_TRANSITIVE:
			f->message = fmt(a,
					 "'%s' is imported as the package "
					 "loads but not declared (%s); today "
					 "it comes only through %s",
					 n->module, candidates(a, n), via);
			f->fix = fmt(a, "add %s", to_add(n, ap->nix));
			break;
		default:
			f->message =
				fmt(a,
				    "'%s' is imported%s but no input "
				    "provides it (%s)",
				    n->module,
				    n->runtime == LV_REQUIRED
					    ? n->eager ? ""
					      : n->on_demand
						      ? " by a module loaded "
							"on demand"
						      : " in a function"
				    : n->runtime == LV_CONDITIONAL
					    ? " under a condition"
					    : " by tests",
				    candidates(a, n));
			if (n->prefer && !n->plain &&
			    (pref = preferred(a, db, n->prefer, ap->nix,
					      &pmod))) {
				f->message = fmt(a,
						 "%s; it is the fallback of "
						 "'%s' (%s), which nothing "
						 "provides either",
						 f->message, pmod, pref);
				f->fix = fmt(a, "add %s (or %s)", pref,
					     to_add(n, ap->nix));
				break;
			}
			f->fix = fmt(a, "add %s", to_add(n, ap->nix));
			if (ap->nix && !f->attr) {
				f->message = fmt(a,
						 "%s; not in nixpkgs: package "
						 "it first",
						 f->message);
				f->fix = fmt(a,
					     "package %s for nixpkgs, then "
					     "add it",
					     n->key);
			}
			break;
		}
	}

	check_build(a, ap, cfg, bneeds, nbneeds);
	free(bneeds);

	/* What each declared input is used by: 1 tests, 2 code that runs. */
	used = xcalloc(ap->ndeclared + 1, 1);
	for (i = 0; i < nneeds; i++) {
		const struct need *n = &needs[i];
		unsigned char by = (n->runtime > LV_NONE || n->hosted ? 2 : 0) |
				   (n->test > LV_NONE ? 1 : 0);
		size_t k;

		index_match(&a->declared, n);
		for (k = 0; k < a->declared.nhits; k++)
			used[a->declared.hits[k]] |= by;
	}
	/* Declared runtime inputs nothing imports. */
	for (i = 0; i < ap->ndeclared; i++) {
		const struct audit_input *in = &ap->declared[i];
		const struct requirement *r = in->req;
		bool used_rt = used[i] & 2, used_test = used[i] & 1;
		struct finding *f;

		/* A spec not evaluated in full still names its input. */
		if (r->kind != REQ_RUNTIME || !r->key || in->secondary ||
		    (r->flags & REQ_MARKER_FALSE) ||
		    not_imported_by_nature(r->key) || !python_input(db, r))
			continue;
		if (used_rt)
			continue;
		f = add(a, cfg, used_test ? AUDIT_TEST_ONLY : AUDIT_UNUSED,
			AUDIT_WARNING, ap, r->key, NULL);
		if (!f)
			continue;
		f->where.file = in->file;
		f->where.line = r->line;
		f->message =
			used_test ? fmt(a,
					"%s is a runtime input but only tests "
					"import it",
					r->key)
				  : fmt(a,
					"%s is declared but nothing imports it",
					r->key);
		f->fix = used_test ? fmt(a, "move %s to the test inputs",
					 r->attr ? r->attr : r->key)
				   : fmt(a, "remove %s",
					 r->raw ? r->raw : r->key);
	}
	free(used);
	free(needs);
	free(loads);
	free(host);
	free(prefer);
}

/* Upstream requires it, the Nix inputs do not have it. */
static void
check_upstream(struct audit *a, const struct audit_package *ap,
	       struct mapdb *db, const struct config *cfg)
{
	const struct mapdb_attr *attrs;
	size_t i, j, nattrs;

	for (i = 0; i < ap->nupstream; i++) {
		const struct requirement *u = ap->upstream[i].req;
		struct finding *f;
		bool found;

		if (u->kind != REQ_RUNTIME || !u->key ||
		    ap->upstream[i].secondary ||
		    (u->flags & (REQ_NOT_EVALUATED | REQ_MARKER_FALSE)))
			continue;
		if (!db || mapdb_dist_attrs(db, u->key, &attrs, &nattrs) < 0)
			nattrs = 0;
		/* declared by its name, or by one of its attributes */
		a->declared.nhits = 0;
		index_add(&a->declared, u->key, false);
		for (j = 0; j < nattrs; j++)
			index_add(&a->declared, attrs[j].attr, true);
		found = a->declared.nhits > 0;
		if (found)
			continue;
		f = add(a, cfg, AUDIT_UNDECLARED_UPSTREAM, AUDIT_ERROR, ap,
			u->key, NULL);
		if (!f)
			continue;
		f->where.file = ap->upstream[i].file;
		f->where.line = u->line;
		f->attr = nattrs ? attrs[0].attr : NULL;
		f->message = fmt(a,
				 "upstream requires '%s' but the Nix "
				 "inputs lack it%s",
				 u->raw ? u->raw : u->key,
				 f->attr ? ""
					 : "; not in nixpkgs: package it "
					   "first");
		f->fix = f->attr ? fmt(a, "add %s", f->attr)
				 : fmt(a, "package %s for nixpkgs, then add it",
				       u->key);
	}
}

static bool
is_branch(const char *rev)
{
	static const char *const branches[] = {
		"HEAD",   "develop", "development", "dev",
		"latest", "main",    "master",      "trunk",
	};
	size_t i;

	if (!strncmp(rev, "refs/heads/", 11))
		return true;
	for (i = 0; i < sizeof(branches) / sizeof(branches[0]); i++) {
		if (!strcmp(rev, branches[i]))
			return true;
	}
	return false;
}

static bool
is_placeholder_hash(const char *hash)
{
	const char *eq = strrchr(hash, '-');
	const char *body = eq ? eq + 1 : hash;

	if (!*hash || strstr(hash, "fakeHash") || strstr(hash, "fakeSha256") ||
	    strstr(hash, "fakeSha512"))
		return true;
	/* sha256-AAAA...= or 0000...: the placeholders people type */
	return strspn(body, "A") + 1 >= strlen(body) ||
	       strspn(body, "0") == strlen(body);
}

static const char *
strip_v(const char *v)
{
	return (v[0] == 'v' || v[0] == 'V') && v[1] >= '0' && v[1] <= '9'
		       ? v + 1
		       : v;
}

static void
check_derivation(struct audit *a, const struct audit_package *ap,
		 const struct declared_src *src, const char *src_file,
		 const struct config *cfg)
{
	const struct declared_pkg *d = ap->drv;
	struct finding *f;

	if (d->version && ap->pkg->version &&
	    strcmp(strip_v(d->version), strip_v(ap->pkg->version)) &&
	    (f = add(a, cfg, AUDIT_VERSION_MISMATCH, AUDIT_WARNING, ap,
		     d->version, NULL))) {
		f->where.file = ap->drv_file;
		f->where.line = d->version_line ? d->version_line : d->line;
		f->message = fmt(a,
				 "the expression says version %s but the "
				 "source says %s",
				 d->version, ap->pkg->version);
		f->fix = fmt(a,
			     "set version = \"%s\", or build the source "
			     "of %s",
			     ap->pkg->version, d->version);
	}
	if (!src)
		return;
	if (src->rev && is_branch(src->rev) && !src->tag &&
	    (f = add(a, cfg, AUDIT_UNPINNED_SOURCE, AUDIT_WARNING, ap, src->rev,
		     NULL))) {
		f->where.file = src_file;
		f->where.line = src->rev_line ? src->rev_line : src->line;
		f->message = fmt(a,
				 "the source is fetched from the branch "
				 "'%s', not a tag or a commit",
				 src->rev);
		f->fix = d->version ? fmt(a,
					  "set rev to the tag of %s (or "
					  "its commit)",
					  d->version)
				    : fmt(a, "set rev to a tag or a commit");
	}
	if (src->hash && is_placeholder_hash(src->hash) &&
	    (f = add(a, cfg, AUDIT_PLACEHOLDER_HASH, AUDIT_ERROR, ap, src->hash,
		     NULL))) {
		f->where.file = src_file;
		f->where.line = src->hash_line ? src->hash_line : src->line;
		f->message = fmt(a, "the source hash '%s' is a placeholder",
				 src->hash);
		f->fix = fmt(a, "set the hash the fetcher reports");
	}
}

void
audit_run(struct audit *a, const struct audit_package *ap,
	  const struct project *project, struct mapdb *db,
	  const struct config *cfg)
{
	struct audit_package with_hooks = *ap;
	struct audit_input *in = NULL;
	struct requirement *r = NULL;
	size_t i;

	/* A hook of nixpkgs' Python builds is the distribution it brings
	 * (pytestCheckHook is pytest), or nothing code imports. */
	if (ap->nix && db && ap->ndeclared) {
		in = xcalloc(ap->ndeclared, sizeof(*in));
		r = xcalloc(ap->ndeclared, sizeof(*r));
		for (i = 0; i < ap->ndeclared; i++) {
			const char *dist;

			in[i] = ap->declared[i];
			r[i] = *ap->declared[i].req;
			in[i].req = &r[i];
			if (r[i].attr &&
			    mapdb_nix_hook(db, r[i].attr, &dist) == 1)
				r[i].key = dist ? arena_strdup(&a->arena, dist)
						: NULL;
		}
		with_hooks.declared = in;
	}
	ap = &with_hooks;
	index_build(&a->declared, ap->declared, ap->ndeclared);
	index_build(&a->upstream, ap->upstream, ap->nupstream);
	check_imports(a, ap, project, db, cfg);
	if (ap->nix) {
		check_upstream(a, ap, db, cfg);
		if (ap->drv)
			check_derivation(
				a, ap, ap->src ? ap->src : &ap->drv->src,
				ap->src ? ap->src_file : ap->drv_file, cfg);
	}
	index_release(&a->declared);
	index_release(&a->upstream);
	free(in);
	free(r);
}

static int
cmp_str0(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

static int
by_rule(const void *x, const void *y)
{
	const struct finding *a = x, *b = y;
	int c;

	if ((c = strcmp(a->root, b->root)))
		return c;
	if (a->rule != b->rule)
		return a->rule < b->rule ? -1 : 1;
	if ((c = cmp_str0(a->subject, b->subject)))
		return c;
	if ((c = cmp_str0(a->where.file, b->where.file)))
		return c;
	return (a->where.line > b->where.line) -
	       (a->where.line < b->where.line);
}

const struct finding *
audit_findings(struct audit *a, size_t *n)
{
	if (!a->sorted && a->nfindings) {
		qsort(a->findings, a->nfindings, sizeof(*a->findings), by_rule);
		a->sorted = true;
	}
	*n = a->nfindings;
	return a->findings;
}
