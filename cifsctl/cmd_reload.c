// SPDX-License-Identifier: GPL-2.0-only
/* cifsctl reload */
#include "commands.h"
#include "config.h"
#include "pidfile.h"
#include "userdb.h"
#include "util.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void help_reload(void)
{
	fputs("Usage: cifsctl reload [--pidfile PATH]\n"
	      "\n"
	      "Make the running daemon re-read its configuration and user\n"
	      "database (SIGHUP to the process named in the pid file).  New and\n"
	      "changed shares apply to new tree connects, user changes to new\n"
	      "logins; the limits, smb2 leases and the hosts lists are handed to\n"
	      "the kernel again.\n"
	      "The files the daemon was started with are checked first:\n"
	      "if one has errors they are printed, nothing is signalled and the\n"
	      "daemon keeps its old settings.  The port only changes on a restart.\n"
	      "\n"
	      "Options:\n"
	      "      --pidfile PATH pid file (default " PIDFILE_DEFAULT_PATH ")\n"
	      "  -h, --help         show this help\n", stdout);
}

/*
 * The value of the daemon's option short/long (e.g. -c/--config) from
 * /proc/PID/cmdline, made absolute with the daemon's working directory;
 * def when not given.  Returns a malloc'ed string.
 */
static char *daemon_option(pid_t pid, const char *shrt, const char *lng,
			   const char *def)
{
	char path[64], *buf = NULL, *val = NULL, *p, *end;
	size_t cap = 4096, len = 0, llen = strlen(lng);
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%ld/cmdline", (long)pid);
	f = fopen(path, "re");
	if (f) {
		buf = xmalloc(cap + 1);
		for (size_t n; (n = fread(buf + len, 1, cap - len, f)) > 0;) {
			len += n;
			if (len == cap) {
				cap *= 2;
				buf = xrealloc(buf, cap + 1);
			}
		}
		fclose(f);
		buf[len] = '\0';	/* the last argument ends in NUL anyway */
		end = buf + len;
		for (p = buf; p < end; p += strlen(p) + 1) {
			char *next = p + strlen(p) + 1;

			if (!strcmp(p, "--"))
				break;
			if ((!strcmp(p, lng) || (shrt && !strcmp(p, shrt))) &&
			    next < end)
				val = next;
			else if (!strncmp(p, lng, llen) && p[llen] == '=')
				val = p + llen + 1;
			else if (shrt && !strncmp(p, shrt, 2) && p[2])
				val = p + 2;
		}
	}
	if (!val)
		val = (char *)def;
	if (val[0] == '/') {
		val = xstrdup(val);
	} else {
		size_t n = strlen(val) + 64;
		char *abs = xmalloc(n);

		snprintf(abs, n, "/proc/%ld/cwd/%s", (long)pid, val);
		val = abs;
	}
	free(buf);
	return val;
}

/* Check the files the daemon will read; 0 if both load. */
static int check_daemon_files(pid_t pid)
{
	char *conf = daemon_option(pid, "-c", "--config", CONFIG_DEFAULT_PATH);
	char *db = daemon_option(pid, NULL, "--db", USERDB_DEFAULT_PATH);
	struct config cfg;
	struct userdb udb;
	int ret = 0;

	if (config_load(&cfg, conf) < 0) {
		err_msg("not reloading: %s has errors (above); the daemon keeps its old settings",
			conf);
		ret = -1;
	} else {
		config_free(&cfg);
	}
	if (userdb_load(&udb, db) < 0) {
		err_msg("not reloading: %s has errors (above); the daemon keeps its old users",
			db);
		ret = -1;
	}
	userdb_free(&udb);
	free(conf);
	free(db);
	return ret;
}

int cmd_reload(int argc, char **argv)
{
	const char *pidfile;
	pid_t pid;
	int rc;

	rc = pidfile_only_opts(argc, argv, "reload", help_reload, &pidfile);
	if (rc >= 0)
		return rc;
	pid = pidfile_read_live(pidfile);
	if (!pid) {
		err_msg("cifsd is not running (no live daemon in %s); start it with 'cifsctl start'",
			pidfile);
		return EXIT_FAIL;
	}
	if (check_daemon_files(pid) < 0)
		return EXIT_FAIL;
	if (kill(pid, SIGHUP) < 0) {
		err_msg("cannot signal daemon %ld: %s", (long)pid, strerror(errno));
		return EXIT_FAIL;
	}
	return EXIT_OK;
}
