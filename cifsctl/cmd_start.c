// SPDX-License-Identifier: GPL-2.0-only
/* cifsctl start: load the module, start the server, serve requests. */
#include "commands.h"
#include "daemon.h"
#include "module.h"
#include "netlink.h"
#include "pidfile.h"
#include "util.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define FAMILY_WAIT_MS 2000

struct start_opts {
	const char *config, *db, *module, *pidfile;
};

void help_start(void)
{
	fputs("Usage: cifsctl start [-c CONFIG] [--db PATH] [--module PATH] [--pidfile PATH]\n"
	      "\n"
	      "Check the configuration, load cifsd.ko, start the server and answer\n"
	      "the kernel's login and share requests in the foreground until\n"
	      "SIGINT or SIGTERM.  SIGHUP re-reads the configuration and users.\n"
	      "\n"
	      "Options:\n"
	      "  -c, --config FILE  configuration (default /etc/cifsd/smb.conf)\n"
	      "      --db PATH      user database (default /etc/cifsd/cifspwd.db)\n"
	      "      --module PATH  load this cifsd.ko instead of looking it up\n"
	      "      --pidfile PATH pid file (default " PIDFILE_DEFAULT_PATH ")\n"
	      "  -h, --help         show this help\n", stdout);
}

static int parse_start(int argc, char **argv, struct start_opts *o)
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "db", required_argument, NULL, 'd' },
		{ "module", required_argument, NULL, 'm' },
		{ "pidfile", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":c:h", opts, NULL)) != -1) {
		switch (c) {
		case 'c': o->config = optarg; break;
		case 'd': o->db = optarg; break;
		case 'm': o->module = optarg; break;
		case 'p': o->pidfile = optarg; break;
		case 'h':
			help_start();
			return -1;
		case ':':
			return usage_error("option '%s' needs an argument",
					   argv[optind - 1]);
		default:
			return usage_error("unknown option '%s' for 'start'",
					   argv[optind - 1]);
		}
	}
	if (optind != argc)
		return usage_error("'start' takes no arguments");
	return 0;
}

static void explain_start_error(int err, const struct config *cfg)
{
	switch (-err) {
	case EADDRINUSE:
		err_msg("cannot start: port %u is already in use", cfg->port);
		break;
	case EBUSY:
	case EALREADY:
		err_msg("cannot start: the server is already running (run 'cifsctl stop' first)");
		break;
	case ETIMEDOUT:
		err_msg("cannot start: the kernel did not answer START_SERVER");
		break;
	default:
		err_msg("cannot start: the kernel refused START_SERVER: %s",
			strerror(-err));
		break;
	}
}

/* Make sure the cifsd family exists, loading the module if needed. */
static int ensure_family(struct nl_conn *c, const char *module)
{
	if (nlc_resolve(c, 0) == 0)
		return 0;
	if (module_load(module) < 0)
		return -1;
	if (nlc_resolve(c, FAMILY_WAIT_MS) == 0)
		return 0;
	err_msg("cannot start: module loaded but the '" CIFSD_GENL_NAME
		"' netlink family did not appear");
	return -1;
}

static int run_server(struct daemon_state *st, const struct start_opts *o)
{
	struct nl_conn c;
	int err, ret = EXIT_FAIL;

	if (daemon_block_signals() < 0 || nlc_open(&c) < 0)
		return EXIT_FAIL;
	if (ensure_family(&c, o->module) < 0)
		goto out;
	c.st = st;	/* requests may arrive before the ack */
	err = nlc_start_server(&c, &st->cfg);
	if (err) {
		explain_start_error(err, &st->cfg);
		goto out;
	}
	if (pidfile_write(o->pidfile) == 0) {
		printf("cifsd: serving on port %u\n", st->cfg.port);
		fflush(stdout);
		if (daemon_serve(st, &c) == 0)
			ret = EXIT_OK;
		unlink(o->pidfile);
	}
	err = nlc_stop_server(&c);
	if (err)
		err_msg("STOP_SERVER failed: %s", strerror(-err));
out:
	nlc_close(&c);
	return ret;
}

int cmd_start(int argc, char **argv)
{
	struct start_opts o = {
		.config = CONFIG_DEFAULT_PATH,
		.db = "/etc/cifsd/cifspwd.db",
		.pidfile = PIDFILE_DEFAULT_PATH,
	};
	struct daemon_state st = { 0 };
	int ret = parse_start(argc, argv, &o);

	if (ret)
		return ret < 0 ? EXIT_OK : ret;
	st.config_path = o.config;
	st.db_path = o.db;
	if (config_load(&st.cfg, o.config) < 0) {
		err_msg("cannot start: %s is not valid; fix the errors above", o.config);
		return EXIT_FAIL;
	}
	if (userdb_load(&st.db, o.db) < 0) {
		userdb_free(&st.db);
		config_free(&st.cfg);
		return EXIT_FAIL;
	}
	ret = run_server(&st, &o);
	userdb_free(&st.db);
	config_free(&st.cfg);
	return ret;
}
