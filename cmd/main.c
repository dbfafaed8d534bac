/* main.c - depaudit: the subcommand table and nothing else */
#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/attr.h"
#include "core/diag.h"

struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *help;
};

static const struct command commands[] = {
	{"check", cmd_check, "check the packages under PATH (the default)"},
	{"imports", cmd_imports, "list every import of the Python files"},
	{"inputs", cmd_inputs, "list every input a package declares"},
	{"map", cmd_map, "map module names to distributions and nixpkgs"},
	{"db", cmd_db, "import into the mapping table, or dump it"},
};

static void
usage(FILE *out)
{
	size_t i;

	fputs("usage: depaudit [<command>] [options] PATH...\n"
	      "\n"
	      "Checks that a Python package declares every distribution its\n"
	      "code imports, and nothing it does not use.\n"
	      "\n"
	      "commands:\n",
	      out);
	for (i = 0; i < DP_ARRAY_LEN(commands); i++)
		fprintf(out, "  %-10s %s\n", commands[i].name,
			commands[i].help);
	fputs("\n"
	      "  depaudit <command> --help   options of one command\n"
	      "  depaudit --version          print the version\n"
	      "\n"
	      "exit status: 0 clean, 1 findings, 2 usage or input error\n",
	      out);
}

int
main(int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		usage(stderr);
		return EXIT_TROUBLE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		usage(stdout);
		return EXIT_CLEAN;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("depaudit %s\n", DEPAUDIT_VERSION);
		return EXIT_CLEAN;
	}
	for (i = 0; i < DP_ARRAY_LEN(commands); i++) {
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].fn(argc - 1, argv + 1);
	}
	/* "depaudit PATH" and "depaudit --nix F PATH" mean check. */
	return cmd_check(argc, argv);
}
