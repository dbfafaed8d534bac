/* cmd.h - the subcommands; main.c holds their table
 *
 * Each cmd_<name>() takes the arguments after the subcommand name (argv[0]
 * is the subcommand) and returns the exit status: 0 clean, 1 findings at
 * or above the gate, 2 usage or input trouble.
 */
#ifndef DEPAUDIT_CMD_CMD_H
#define DEPAUDIT_CMD_CMD_H

enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_TROUBLE = 2 };

int cmd_check(int argc, char **argv);
int cmd_imports(int argc, char **argv);
int cmd_inputs(int argc, char **argv);
int cmd_map(int argc, char **argv);
int cmd_db(int argc, char **argv);

#endif
