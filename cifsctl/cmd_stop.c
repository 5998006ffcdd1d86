// SPDX-License-Identifier: GPL-2.0-only
/* cifsctl stop */
#include "commands.h"
#include "netlink.h"
#include "pidfile.h"
#include "util.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define STOP_WAIT_MS 5000

void help_stop(void)
{
	fputs("Usage: cifsctl stop [--pidfile PATH]\n"
	      "\n"
	      "Stop the server: SIGTERM to the daemon named in the pid file (which\n"
	      "then stops the kernel server) and STOP_SERVER to the kernel.\n"
	      "\n"
	      "Options:\n"
	      "      --pidfile PATH pid file (default " PIDFILE_DEFAULT_PATH ")\n"
	      "  -h, --help         show this help\n", stdout);
}

static bool stop_daemon(const char *pidfile)
{
	struct timespec pause = { .tv_nsec = 50 * 1000 * 1000 };
	pid_t pid = pidfile_read_live(pidfile);

	if (!pid)
		return false;
	if (kill(pid, SIGTERM) < 0) {
		err_msg("cannot signal daemon %ld: %s", (long)pid, strerror(errno));
		return false;
	}
	for (int waited = 0; waited < STOP_WAIT_MS; waited += 50) {
		if (kill(pid, 0) < 0)
			return true;
		nanosleep(&pause, NULL);
	}
	err_msg("daemon %ld did not exit within 5 seconds", (long)pid);
	return true;
}

static bool stop_kernel(void)
{
	struct nl_conn c;
	bool stopped = false;

	if (nlc_open(&c) < 0)
		return false;
	if (nlc_resolve(&c, 0) == 0)
		stopped = nlc_stop_server(&c) == 0;
	nlc_close(&c);
	return stopped;
}

int cmd_stop(int argc, char **argv)
{
	const char *pidfile;
	bool daemon_stopped, kernel_stopped;
	int rc;

	rc = pidfile_only_opts(argc, argv, "stop", help_stop, &pidfile);
	if (rc >= 0)
		return rc;
	daemon_stopped = stop_daemon(pidfile);
	kernel_stopped = stop_kernel();
	if (!daemon_stopped && !kernel_stopped) {
		err_msg("cifsd is not running (no live daemon in %s, no server in the kernel)",
			pidfile);
		return EXIT_FAIL;
	}
	return EXIT_OK;
}
