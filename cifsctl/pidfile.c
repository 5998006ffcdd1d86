// SPDX-License-Identifier: GPL-2.0-only
#include "pidfile.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int pidfile_write(const char *path)
{
	FILE *f = fopen(path, "we");

	if (!f || fprintf(f, "%ld\n", (long)getpid()) < 0 || fclose(f)) {
		err_msg("cannot write pid file %s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

/* Is pid running the cifsctl binary (not a recycled pid)? */
static int is_cifsctl(pid_t pid)
{
	char path[64], comm[32] = "";
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%ld/comm", (long)pid);
	f = fopen(path, "re");
	if (!f)
		return 0;
	if (!fgets(comm, sizeof(comm), f))
		comm[0] = '\0';
	fclose(f);
	comm[strcspn(comm, "\n")] = '\0';
	return strcmp(comm, PROG_NAME) == 0;
}

pid_t pidfile_read_live(const char *path)
{
	FILE *f = fopen(path, "re");
	long pid = 0;
	char extra;

	if (!f)
		return 0;
	if (fscanf(f, "%ld%c", &pid, &extra) < 1 || pid <= 1)
		pid = 0;
	fclose(f);
	if (pid && (kill((pid_t)pid, 0) < 0 || !is_cifsctl((pid_t)pid)))
		pid = 0;
	return (pid_t)pid;
}

int pidfile_only_opts(int argc, char **argv, const char *cmd,
		      void (*help)(void), const char **pidfile)
{
	int rc;

	*pidfile = PIDFILE_DEFAULT_PATH;
	rc = one_path_opt(argc, argv, cmd, help, "pidfile", 0, pidfile);
	if (rc >= 0)
		return rc;
	if (optind != argc)
		return usage_error("'%s' takes no arguments", cmd);
	return -1;
}
