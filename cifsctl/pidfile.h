/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef CIFSCTL_PIDFILE_H
#define CIFSCTL_PIDFILE_H

#include <sys/types.h>

#define PIDFILE_DEFAULT_PATH "/run/cifsd.pid"

int pidfile_write(const char *path);	/* 0 or -1 (reported) */
/* The pid of a live cifsctl process recorded in path, or 0. */
pid_t pidfile_read_live(const char *path);

#endif
