/* report.c - text, JSON and SARIF reports; see report.h */
#include "core/report.h"

#include <string.h>

#include "core/audit.h"
#include "core/jsonw.h"
#include "core/strbuf.h"

enum { SGR_RED, SGR_YELLOW, SGR_BOLD, SGR_DIM };

static void
sgr(struct strbuf *out, bool color, int what)
{
	static const char *const codes[] = {"\033[31m", "\033[33m", "\033[1m",
					    "\033[2m"};

	if (color)
		strbuf_addstr(out, codes[what]);
}

static void
sgr_off(struct strbuf *out, bool color)
{
	if (color)
		strbuf_addstr(out, "\033[0m");
}

static void
add_str(struct strbuf *out, const char *s)
{
	strbuf_add_escaped(out, s, strlen(s));
}

static void
count(const struct report *r, const char *root, size_t *errors,
      size_t *warnings)
{
	size_t i;

	*errors = *warnings = 0;
	for (i = 0; i < r->nfindings; i++) {
		const struct finding *f = &r->findings[i];

		if (root && strcmp(f->root, root))
			continue;
		if (f->severity == AUDIT_ERROR)
			(*errors)++;
		else if (f->severity == AUDIT_WARNING)
			(*warnings)++;
	}
}

static void
add_counts(struct strbuf *out, size_t errors, size_t warnings)
{
	if (!errors && !warnings) {
		strbuf_addstr(out, "no findings");
		return;
	}
	strbuf_addf(out, "%zu error%s, %zu warning%s", errors,
		    errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
}

static void
text_place(struct strbuf *out, const struct audit_place *p)
{
	add_str(out, p->file);
	if (p->line)
		strbuf_addf(out, ":%u", p->line);
}

static void
text_finding(struct strbuf *out, const struct finding *f, bool color)
{
	size_t i;

	strbuf_addstr(out, "  ");
	sgr(out, color, f->severity == AUDIT_ERROR ? SGR_RED : SGR_YELLOW);
	strbuf_addf(out, "%-7s", audit_severity_name(f->severity));
	sgr_off(out, color);
	strbuf_addch(out, ' ');
	sgr(out, color, SGR_BOLD);
	strbuf_addstr(out, audit_rule_name(f->rule));
	sgr_off(out, color);
	strbuf_addstr(out, ": ");
	add_str(out, f->message);
	strbuf_addch(out, '\n');
	for (i = 0; i < f->nevidence; i++) {
		strbuf_addstr(out, i ? "             " : "          at ");
		text_place(out, &f->evidence[i]);
		strbuf_addch(out, '\n');
	}
	if (f->more)
		strbuf_addf(out, "             and %zu more\n", f->more);
	if (!f->nevidence && f->where.file) {
		strbuf_addstr(out, "          at ");
		text_place(out, &f->where);
		strbuf_addch(out, '\n');
	}
	if (f->fix) {
		strbuf_addstr(out, "          fix: ");
		add_str(out, f->fix);
		strbuf_addch(out, '\n');
	}
}

void
report_text(struct strbuf *out, const struct report *r, bool color)
{
	size_t i, j, errors, warnings;

	for (i = 0; i < r->npkgs; i++) {
		const struct report_pkg *p = &r->pkgs[i];

		count(r, p->root, &errors, &warnings);
		sgr(out, color, SGR_BOLD);
		add_str(out, p->label);
		sgr_off(out, color);
		if (p->root && strcmp(p->root, p->label)) {
			strbuf_addstr(out, " (");
			add_str(out, p->root);
			strbuf_addch(out, ')');
		}
		if (p->nix) {
			strbuf_addstr(out, " from ");
			add_str(out, p->nix);
		}
		strbuf_addstr(out, ": ");
		add_counts(out, errors, warnings);
		strbuf_addch(out, '\n');
		for (j = 0; j < r->nfindings; j++) {
			if (!strcmp(r->findings[j].root, p->root))
				text_finding(out, &r->findings[j], color);
		}
	}
	count(r, NULL, &errors, &warnings);
	strbuf_addf(out, "%s%zu package%s checked: ", r->npkgs ? "\n" : "",
		    r->npkgs, r->npkgs == 1 ? "" : "s");
	add_counts(out, errors, warnings);
	strbuf_addch(out, '\n');
}

static void
json_finding(struct jsonw *w, const struct finding *f)
{
	size_t i;

	jsonw_object_begin(w);
	jsonw_member_string(w, "rule", audit_rule_name(f->rule));
	jsonw_member_string(w, "severity", audit_severity_name(f->severity));
	jsonw_member_string(w, "subject", f->subject);
	jsonw_member_string(w, "module", f->module);
	jsonw_member_string(w, "attr", f->attr);
	jsonw_member_string(w, "message", f->message);
	jsonw_member_string(w, "fix", f->fix);
	jsonw_member_string(w, "file", f->where.file);
	jsonw_key(w, "line");
	if (f->where.line)
		jsonw_int(w, f->where.line);
	else
		jsonw_null(w);
	jsonw_key(w, "evidence");
	jsonw_array_begin(w);
	for (i = 0; i < f->nevidence; i++) {
		jsonw_object_begin(w);
		jsonw_member_string(w, "file", f->evidence[i].file);
		jsonw_key(w, "line");
		jsonw_int(w, f->evidence[i].line);
		jsonw_object_end(w);
	}
	jsonw_array_end(w);
	jsonw_key(w, "more_evidence");
	jsonw_int(w, (long long)f->more);
	jsonw_object_end(w);
}

void
report_json(struct strbuf *out, const struct report *r)
{
	size_t i, j, errors, warnings;
	struct jsonw w;

	jsonw_init(&w, out, true);
	jsonw_object_begin(&w);
	jsonw_key(&w, "schema");
	jsonw_int(&w, 1);
	jsonw_key(&w, "tool");
	jsonw_object_begin(&w);
	jsonw_member_string(&w, "name", "depaudit");
	jsonw_member_string(&w, "version", DEPAUDIT_VERSION);
	jsonw_object_end(&w);
	jsonw_member_string(&w, "python", r->python);
	count(r, NULL, &errors, &warnings);
	jsonw_key(&w, "summary");
	jsonw_object_begin(&w);
	jsonw_key(&w, "packages");
	jsonw_int(&w, (long long)r->npkgs);
	jsonw_key(&w, "errors");
	jsonw_int(&w, (long long)errors);
	jsonw_key(&w, "warnings");
	jsonw_int(&w, (long long)warnings);
	jsonw_object_end(&w);
	jsonw_key(&w, "packages");
	jsonw_array_begin(&w);
	for (i = 0; i < r->npkgs; i++) {
		const struct report_pkg *p = &r->pkgs[i];

		jsonw_object_begin(&w);
		jsonw_member_string(&w, "name", p->label);
		jsonw_member_string(&w, "root", p->root);
		jsonw_member_string(&w, "version", p->version);
		jsonw_member_string(&w, "nix", p->nix);
		jsonw_member_string(&w, "derivation", p->derivation);
		jsonw_key(&w, "findings");
		jsonw_array_begin(&w);
		for (j = 0; j < r->nfindings; j++) {
			if (!strcmp(r->findings[j].root, p->root))
				json_finding(&w, &r->findings[j]);
		}
		jsonw_array_end(&w);
		jsonw_object_end(&w);
	}
	jsonw_array_end(&w);
	jsonw_object_end(&w);
	strbuf_addch(out, '\n');
}

static void
sarif_text(struct jsonw *w, const char *key, const char *text)
{
	jsonw_key(w, key);
	jsonw_object_begin(w);
	jsonw_member_string(w, "text", text);
	jsonw_object_end(w);
}

/* A path as a URI reference: relative as given, absolute as file://,
 * with what URIs cannot hold percent-encoded. */
static void
add_uri(struct strbuf *sb, const char *path)
{
	const unsigned char *p = (const unsigned char *)path;

	if (*p == '/')
		strbuf_addstr(sb, "file://");
	for (; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/!+", *p))
			strbuf_addch(sb, *p);
		else
			strbuf_addf(sb, "%%%02X", *p);
	}
}

static void
sarif_location(struct jsonw *w, const struct audit_place *p)
{
	struct strbuf uri = STRBUF_INIT;

	add_uri(&uri, p->file);
	jsonw_object_begin(w);
	jsonw_key(w, "physicalLocation");
	jsonw_object_begin(w);
	jsonw_key(w, "artifactLocation");
	jsonw_object_begin(w);
	jsonw_member_string(w, "uri", strbuf_str(&uri));
	jsonw_object_end(w);
	strbuf_release(&uri);
	if (p->line) {
		jsonw_key(w, "region");
		jsonw_object_begin(w);
		jsonw_key(w, "startLine");
		jsonw_int(w, p->line);
		jsonw_object_end(w);
	}
	jsonw_object_end(w);
	jsonw_object_end(w);
}

void
report_sarif(struct strbuf *out, const struct report *r)
{
	struct jsonw w;
	size_t i, k;

	jsonw_init(&w, out, true);
	jsonw_object_begin(&w);
	jsonw_member_string(&w, "version", "2.1.0");
	jsonw_key(&w, "runs");
	jsonw_array_begin(&w);
	jsonw_object_begin(&w);
	jsonw_key(&w, "tool");
	jsonw_object_begin(&w);
	jsonw_key(&w, "driver");
	jsonw_object_begin(&w);
	jsonw_member_string(&w, "name", "depaudit");
	jsonw_member_string(&w, "version", DEPAUDIT_VERSION);
	jsonw_key(&w, "rules");
	jsonw_array_begin(&w);
	for (k = 0; k < AUDIT_NRULES; k++) {
		enum audit_rule rule = (enum audit_rule)k;
		bool error = rule == AUDIT_MISSING ||
			     rule == AUDIT_UNDECLARED_UPSTREAM ||
			     rule == AUDIT_PLACEHOLDER_HASH;

		jsonw_object_begin(&w);
		jsonw_member_string(&w, "id", audit_rule_name(rule));
		jsonw_member_string(&w, "name", audit_rule_name(rule));
		sarif_text(&w, "shortDescription", audit_rule_help(rule));
		sarif_text(&w, "help", audit_rule_help(rule));
		jsonw_key(&w, "defaultConfiguration");
		jsonw_object_begin(&w);
		jsonw_member_string(&w, "level", error ? "error" : "warning");
		jsonw_object_end(&w);
		jsonw_object_end(&w);
	}
	jsonw_array_end(&w);
	jsonw_object_end(&w);
	jsonw_object_end(&w);
	jsonw_key(&w, "results");
	jsonw_array_begin(&w);
	for (i = 0; i < r->nfindings; i++) {
		const struct finding *f = &r->findings[i];

		jsonw_object_begin(&w);
		jsonw_member_string(&w, "ruleId", audit_rule_name(f->rule));
		jsonw_key(&w, "ruleIndex");
		jsonw_int(&w, f->rule);
		jsonw_member_string(&w, "level",
				    f->severity == AUDIT_ERROR     ? "error"
				    : f->severity == AUDIT_WARNING ? "warning"
								   : "note");
		{
			struct strbuf msg = STRBUF_INIT;

			strbuf_addf(&msg, "%s: %s", f->package, f->message);
			if (f->fix)
				strbuf_addf(&msg, " (fix: %s)", f->fix);
			sarif_text(&w, "message", strbuf_str(&msg));
			strbuf_release(&msg);
		}
		jsonw_key(&w, "locations");
		jsonw_array_begin(&w);
		if (f->where.file)
			sarif_location(&w, &f->where);
		jsonw_array_end(&w);
		if (f->nevidence > 1) {
			jsonw_key(&w, "relatedLocations");
			jsonw_array_begin(&w);
			for (k = 1; k < f->nevidence; k++)
				sarif_location(&w, &f->evidence[k]);
			jsonw_array_end(&w);
		}
		jsonw_object_end(&w);
	}
	jsonw_array_end(&w);
	jsonw_object_end(&w);
	jsonw_array_end(&w);
	jsonw_object_end(&w);
	strbuf_addch(out, '\n');
}
