/* SPDX-License-Identifier: GPL-2.0-only */
/* Entry points of the cifsctl subcommands (argv[0] is the command). */
#ifndef CIFSCTL_COMMANDS_H
#define CIFSCTL_COMMANDS_H

int cmd_start(int argc, char **argv);
int cmd_stop(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_config(int argc, char **argv);
int cmd_share(int argc, char **argv);
int cmd_reload(int argc, char **argv);
int cmd_debug(int argc, char **argv);
int cmd_version(int argc, char **argv);
int cmd_status(int argc, char **argv);

/* Help texts, printed by "cifsctl help CMD" and "cifsctl CMD --help". */
void help_start(void);
void help_stop(void);
void help_user(void);
void help_config(void);
void help_share(void);
void help_reload(void);
void help_debug(void);
void help_version(void);
void help_status(void);

#endif
