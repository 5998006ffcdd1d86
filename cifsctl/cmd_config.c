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
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *file = CONFIG_DEFAULT_PATH;
	struct config cfg;
	int c;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":c:h", opts, NULL)) != -1) {
		switch (c) {
		case 'c':
			file = optarg;
			break;
		case 'h':
			help_config();
			return EXIT_OK;
		case ':':
			return usage_error("option '%s' needs an argument",
					   argv[optind - 1]);
		default:
			return usage_error("unknown option '%s' for 'config'",
					   argv[optind - 1]);
		}
	}
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
