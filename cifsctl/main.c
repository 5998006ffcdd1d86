// SPDX-License-Identifier: GPL-2.0-only
/* cifsctl: administration tool and user-space daemon of CIFSD. */
#include "commands.h"
#include "util.h"

#include <stdio.h>
#include <string.h>

#ifndef CIFSCTL_VERSION
#define CIFSCTL_VERSION "unknown"
#endif

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	void (*help)(void);
	const char *summary;
};

static void help_main(void);

static const struct command commands[] = {
	{ "start", cmd_start, help_start, "load cifsd.ko, start the server and serve it" },
	{ "stop", cmd_stop, help_stop, "stop a running server" },
	{ "user", cmd_user, help_user, "add, delete, (en|dis)able, list users, change passwords" },
	{ "config", cmd_config, help_config, "check and print the configuration" },
	{ "share", cmd_share, help_share, "add, change, delete, list or show shares" },
	{ "reload", cmd_reload, help_reload, "make the daemon re-read config and users" },
	{ "debug", cmd_debug, help_debug, "show or set kernel debug logging" },
	{ "version", cmd_version, help_version, "print tool and module versions" },
	{ "status", cmd_status, help_status, "show sessions, shares in use and open files" },
	{ NULL, NULL, NULL, NULL },
};

static void help_main(void)
{
	fputs("Usage: cifsctl [--help | --version] COMMAND [ARGS]\n"
	      "\nCommands:\n", stdout);
	for (const struct command *c = commands; c->name; c++)
		printf("  %-8s %s\n", c->name, c->summary);
	fputs("  help     show help for a command (cifsctl help COMMAND)\n"
	      "\nRun 'cifsctl COMMAND --help' for the options of a command.\n",
	      stdout);
}

static const struct command *find_command(const char *name)
{
	for (const struct command *c = commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

static int cmd_help(int argc, char **argv)
{
	const struct command *c;

	if (argc == 1 || strcmp(argv[1], "help") == 0) {
		help_main();
		return EXIT_OK;
	}
	if (argc > 2)
		return usage_error("'help' takes at most one COMMAND");
	c = find_command(argv[1]);
	if (!c)
		return usage_error("unknown command '%s'", argv[1]);
	c->help();
	return EXIT_OK;
}

int main(int argc, char **argv)
{
	const struct command *c;
	const char *cmd;

	if (argc < 2)
		return usage_error("missing COMMAND");
	cmd = argv[1];
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help"))
		return cmd_help(argc - 1, argv + 1);
	if (!strcmp(cmd, "--version") || !strcmp(cmd, "-V"))
		return cmd_version(argc - 1, argv + 1);
	if (cmd[0] == '-')
		return usage_error("unknown option '%s'", cmd);
	c = find_command(cmd);
	if (!c)
		return usage_error("unknown command '%s'", cmd);
	return c->run(argc - 1, argv + 1);
}
