/* args.c - command-line option parsing; see args.h */
#include "cmd/args.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/diag.h"
#include "core/source.h"

void
args_init(struct args *a, int argc, char **argv, const char *cmd)
{
	a->argc = argc;
	a->argv = argv;
	a->i = 1;
	a->only_positional = false;
	a->cmd = cmd;
}

static int
find(const struct opt *opts, const char *name, size_t len, char short_name)
{
	int i;

	for (i = 0; opts[i].name; i++) {
		if (short_name ? opts[i].short_name == short_name
			       : strlen(opts[i].name) == len &&
					 !strncmp(opts[i].name, name, len))
			return i;
	}
	return -1;
}

static int
bad(const struct args *a, const char *what, const char *arg)
{
	diag_error(NULL, "%s: %s '%s'", a->cmd, what, arg);
	return ARGS_ERROR;
}

int
args_next(struct args *a, const struct opt *opts, const char **value)
{
	const char *arg, *eq;
	size_t len;
	int k;

	*value = NULL;
	if (a->i >= a->argc)
		return ARGS_END;
	arg = a->argv[a->i++];
	if (a->only_positional || arg[0] != '-' || !arg[1]) {
		*value = arg;
		return ARGS_POSITIONAL;
	}
	if (!strcmp(arg, "--")) {
		a->only_positional = true;
		return args_next(a, opts, value);
	}
	if (arg[1] == '-') {
		eq = strchr(arg + 2, '=');
		len = eq ? (size_t)(eq - arg - 2) : strlen(arg + 2);
		k = find(opts, arg + 2, len, 0);
		if (k < 0)
			return bad(a, "unknown option", arg);
		if (!opts[k].takes_value && eq)
			return bad(a, "no value is taken by option", arg);
		if (opts[k].takes_value && eq)
			*value = eq + 1;
	} else {
		k = find(opts, NULL, 0, arg[1]);
		if (k < 0 || (arg[2] && !opts[k].takes_value))
			return bad(a, "unknown option", arg);
		if (arg[2])
			*value = arg + 2;
	}
	if (opts[k].takes_value && !*value) {
		if (a->i >= a->argc)
			return bad(a, "a value is needed by option", arg);
		*value = a->argv[a->i++];
	}
	return k;
}

int
args_uint(const char *name, const char *value, unsigned min, unsigned max,
	  unsigned *out)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(value, &end, 10);
	if (errno || end == value || *end || value[0] == '-' || v < min ||
	    v > max)
		return diag_error(NULL,
				  "option '%s' takes a whole number "
				  "from %u to %u, not '%s'",
				  name, min, max, value);
	*out = (unsigned)v;
	return 0;
}

int
args_limit(const char *name, const char *value, struct source_limits *limits)
{
	unsigned v;

	if (!strcmp(name, "max-archive-members")) {
		if (args_uint("--max-archive-members", value, 1, 100000000,
			      &v) < 0)
			return -1;
		limits->max_members = v;
	} else if (!strcmp(name, "max-member-size")) {
		if (args_uint("--max-member-size", value, 1, 1u << 20, &v) < 0)
			return -1;
		limits->max_member_size = (uint64_t)v << 20;
	} else if (!strcmp(name, "max-archive-size")) {
		if (args_uint("--max-archive-size", value, 1, 1u << 30, &v) < 0)
			return -1;
		limits->max_total = (uint64_t)v << 20;
	} else if (!strcmp(name, "max-ratio")) {
		if (args_uint("--max-ratio", value, 1, 1000000, &v) < 0)
			return -1;
		limits->max_ratio = v;
	} else {
		return 0;
	}
	return 1;
}
