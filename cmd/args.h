/* args.h - command-line option parsing shared by the subcommands
 *
 * Long options (--name, --name=VALUE, --name VALUE), short ones (-j N,
 * -jN), positional arguments anywhere, and "--" to end the options.
 */
#ifndef DEPAUDIT_CMD_ARGS_H
#define DEPAUDIT_CMD_ARGS_H

#include <stdbool.h>

struct source_limits;

struct opt {
	const char *name; /* long name, without "--" */
	char short_name;  /* 0 for none */
	bool takes_value;
};

struct args {
	int argc;
	char **argv;
	int i;
	bool only_positional;
	const char *cmd; /* for messages: "depaudit imports" */
};

enum { ARGS_END = -1, ARGS_POSITIONAL = -2, ARGS_ERROR = -3 };

/* Start parsing argv[1..argc-1]. */
void args_init(struct args *a, int argc, char **argv, const char *cmd);
/*
 * The next argument: the index into opts (NULL-name terminated) of an
 * option, with *value set when it takes one; ARGS_POSITIONAL with *value
 * the argument; ARGS_END; or ARGS_ERROR after a diagnostic.
 */
int args_next(struct args *a, const struct opt *opts, const char **value);

/*
 * The archive limit options every command that reads archives takes,
 * for its option table: --max-archive-members N, --max-member-size MIB,
 * --max-archive-size MIB, --max-ratio N.
 */
#define ARGS_LIMIT_OPTS                                                        \
	{"max-archive-members", 0, true}, {"max-member-size", 0, true},        \
		{"max-archive-size", 0, true},                                 \
	{                                                                      \
		"max-ratio", 0, true                                           \
	}
/* Apply option name (one of ARGS_LIMIT_OPTS) to limits: 1 when it was one
 * of them, 0 when it is another option, -1 on a bad value (diagnosed). */
int args_limit(const char *name, const char *value,
	       struct source_limits *limits);

/* Parse a whole number in [min, max] given to option name; 0 or -1. */
int args_uint(const char *name, const char *value, unsigned min, unsigned max,
	      unsigned *out);

#endif
