// SPDX-License-Identifier: GPL-2.0-only
#include "pidfile.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
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
	static const struct option opts[] = {
		{ "pidfile", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	*pidfile = PIDFILE_DEFAULT_PATH;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'p':
			*pidfile = optarg;
			break;
		case 'h':
			help();
			return EXIT_OK;
		case ':':
			return usage_error("option '%s' needs an argument",
					   argv[optind - 1]);
		default:
			return usage_error("unknown option '%s' for '%s'",
					   argv[optind - 1], cmd);
		}
	}
	if (optind != argc)
		return usage_error("'%s' takes no arguments", cmd);
	return -1;
}
