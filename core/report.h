/* report.h - findings for a person (text), for a bot (JSON), for code
 * scanning (SARIF 2.1.0)
 *
 * Findings come grouped by package, in the order core/audit sorts them;
 * every package checked is listed, with none found too.  The output is
 * the same from run to run: no time, no absolute path the user did not
 * give, keys in a fixed order.
 */
#ifndef DEPAUDIT_CORE_REPORT_H
#define DEPAUDIT_CORE_REPORT_H

#include <stdbool.h>
#include <stddef.h>

struct finding;
struct strbuf;

/* A package as the report names it. */
struct report_pkg {
	const char *label;      /* its name, as findings carry it */
	const char *root;       /* its directory as the user opens it, "."
				 * for the top: a finding's root names it */
	const char *version;    /* as the source declares it, or NULL */
	const char *nix;        /* the Nix file its inputs came from, or NULL */
	const char *derivation; /* the derivation in it, or NULL */
};

struct report {
	const struct finding *findings;
	size_t nfindings;
	const struct report_pkg *pkgs;
	size_t npkgs;
	const char *python; /* "3.12" */
};

/* The text a person reads; color adds ANSI colours. */
void report_text(struct strbuf *out, const struct report *r, bool color);
/* JSON, "schema": 1, documented in the README. */
void report_json(struct strbuf *out, const struct report *r);
/* SARIF 2.1.0: one rule per finding kind, results on their lines. */
void report_sarif(struct strbuf *out, const struct report *r);

#endif
