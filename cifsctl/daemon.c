// SPDX-License-Identifier: GPL-2.0-only
/* The poll loop of "cifsctl start". */
#include "daemon.h"
#include "rpc/rpc.h"
#include "util.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/signalfd.h>
#include <unistd.h>

static sigset_t handled;

int daemon_block_signals(void)
{
	sigemptyset(&handled);
	sigaddset(&handled, SIGINT);
	sigaddset(&handled, SIGTERM);
	sigaddset(&handled, SIGHUP);
	return sigprocmask(SIG_BLOCK, &handled, NULL);
}

/* The new limits and hosts lists to the kernel; a refusal is not fatal. */
static void push_settings(struct daemon_state *st, struct nl_conn *c)
{
	int err = nlc_set_config(c, &st->cfg);

	if (err)
		fprintf(stderr, "cifsd: warning: the kernel did not take the new limits and hosts lists (SET_CONFIG: %s); the old ones stay in force until a restart\n",
			strerror(-err));
}

static void reload(struct daemon_state *st, struct nl_conn *c)
{
	struct config cfg;
	struct userdb db;

	if (config_load(&cfg, st->config_path) == 0) {
		if (cfg.port != st->cfg.port)
			fprintf(stderr, "cifsd: a new port takes effect only after a restart\n");
		config_free(&st->cfg);
		st->cfg = cfg;
		push_settings(st, c);
	} else {
		fprintf(stderr, "cifsd: %s has errors, keeping the old configuration\n",
			st->config_path);
	}
	if (userdb_load(&db, st->db_path) == 0) {
		userdb_free(&st->db);
		st->db = db;
	} else {
		userdb_free(&db);
		fprintf(stderr, "cifsd: %s has errors, keeping the old users\n",
			st->db_path);
	}
	fprintf(stderr, "cifsd: reloaded configuration and users\n");
}

/* Returns 1 to stop, 0 to go on. */
static int on_signal(struct daemon_state *st, struct nl_conn *c, int sfd)
{
	struct signalfd_siginfo si;

	if (read(sfd, &si, sizeof(si)) != (ssize_t)sizeof(si))
		return 0;
	if (si.ssi_signo == SIGHUP) {
		reload(st, c);
		return 0;
	}
	return 1;
}

int daemon_serve(struct daemon_state *st, struct nl_conn *c)
{
	struct pollfd fds[2];
	int sfd = signalfd(-1, &handled, SFD_CLOEXEC), ret = 0;

	if (sfd < 0) {
		err_msg("cannot create signalfd: %s", strerror(errno));
		return -1;
	}
	c->st = st;
	fds[0].fd = nlc_fd(c);
	fds[0].events = POLLIN;
	fds[1].fd = sfd;
	fds[1].events = POLLIN;
	for (;;) {
		if (poll(fds, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			err_msg("poll failed: %s", strerror(errno));
			ret = -1;
			break;
		}
		if ((fds[1].revents & POLLIN) && on_signal(st, c, sfd))
			break;
		if (fds[0].revents & (POLLERR | POLLHUP | POLLNVAL)) {
			err_msg("netlink socket failed");
			ret = -1;
			break;
		}
		if ((fds[0].revents & POLLIN) && nlc_receive(c) < 0) {
			ret = -1;
			break;
		}
	}
	close(sfd);
	rpc_close_all();	/* named pipe state dies with the daemon */
	return ret;
}
