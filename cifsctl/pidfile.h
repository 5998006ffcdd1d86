/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef CIFSCTL_PIDFILE_H
#define CIFSCTL_PIDFILE_H

#include <sys/types.h>

#define PIDFILE_DEFAULT_PATH "/run/cifsd.pid"

int pidfile_write(const char *path);	/* 0 or -1 (reported) */
/* The pid of a live cifsctl process recorded in path, or 0. */
pid_t pidfile_read_live(const char *path);

/*
 * Parse the options of a command whose only option is --pidfile PATH.
 * Returns -1 to go on (with *pidfile set), or the exit status to return
 * at once (after --help, or a usage error already reported).
 */
int pidfile_only_opts(int argc, char **argv, const char *cmd,
		      void (*help)(void), const char **pidfile);

#endif
