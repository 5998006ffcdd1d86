// SPDX-License-Identifier: GPL-2.0-only
/* cifsctl config check */
#include "commands.h"
#include "config.h"
#include "util.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

void help_config(void)
{
	fputs("Usage: cifsctl config check [-c CONFIG]\n"
	      "\n"
	      "Check the configuration file and print the effective settings,\n"
	      "defaults included.  Errors and warnings are printed to stderr as\n"
	      "FILE:LINE: message.\n"
	      "\n"
	      "Options:\n"
	      "  -c, --config FILE  configuration (default " CONFIG_DEFAULT_PATH ")\n"
	      "  -h, --help         show this help\n", stdout);
}

int cmd_config(int argc, char **argv)
{
	const char *file = CONFIG_DEFAULT_PATH;
	struct config cfg;
	int rc;

	rc = one_path_opt(argc, argv, "config", help_config, "config", 'c', &file);
	if (rc >= 0)
		return rc;
	if (optind >= argc)
		return usage_error("'config' needs an action: check");
	if (strcmp(argv[optind], "check") != 0)
		return usage_error("unknown config action '%s'", argv[optind]);
	if (optind + 1 != argc)
		return usage_error("'config check' takes no arguments");
	if (config_load(&cfg, file) < 0) {
		err_msg("%s is not valid; fix the errors above", file);
		return EXIT_FAIL;
	}
	config_print(&cfg, stdout);
	config_free(&cfg);
	return EXIT_OK;
}
