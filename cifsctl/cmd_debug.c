// SPDX-License-Identifier: GPL-2.0-only
/* cifsctl debug [COMPONENT...] and cifsctl version */
#include "commands.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef CIFSCTL_VERSION
#define CIFSCTL_VERSION "unknown"
#endif

/* Bit n of the module parameter "debug" is components[n] (kmod/debug.h). */
static const char *const components[] = { "conn", "auth", "smb2", "vfs", "ipc" };
#define NCOMP (sizeof(components) / sizeof(components[0]))
#define ALL_MASK ((1u << NCOMP) - 1)

/* /sys/module/cifsd, or $CIFSCTL_SYSFS_MODULE (for tests). */
static const char *module_dir(void)
{
	const char *d = getenv("CIFSCTL_SYSFS_MODULE");

	return d && *d ? d : "/sys/module/cifsd";
}

/* First line of module_dir()/rel into buf; false if unreadable. */
static bool read_attr(const char *rel, char *buf, size_t len)
{
	char path[4096];
	FILE *f;
	bool ok;

	snprintf(path, sizeof(path), "%s/%s", module_dir(), rel);
	f = fopen(path, "re");
	if (!f)
		return false;
	ok = fgets(buf, (int)len, f) != NULL;
	fclose(f);
	if (ok)
		buf[strcspn(buf, "\n")] = '\0';
	return ok;
}

void help_version(void)
{
	fputs("Usage: cifsctl version\n"
	      "\n"
	      "Print the version of cifsctl and of the loaded cifsd module\n"
	      "(\"not loaded\" when it is not).\n", stdout);
}

int cmd_version(int argc, char **argv)
{
	char ver[128];

	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		help_version();
		return EXIT_OK;
	}
	if (argc > 1)
		return usage_error("'version' takes no arguments");
	puts("cifsctl " CIFSCTL_VERSION);
	if (read_attr("version", ver, sizeof(ver)))
		printf("cifsd.ko %s\n", ver);
	else
		puts("cifsd.ko not loaded");
	return EXIT_OK;
}

void help_debug(void)
{
	fputs("Usage: cifsctl debug [all | none | [+|-]COMPONENT...]\n"
	      "\n"
	      "Show or change which components of cifsd.ko log debug messages to\n"
	      "the kernel log (module parameter /sys/module/cifsd/parameters/debug).\n"
	      "Components: conn auth smb2 vfs ipc.\n"
	      "\n"
	      "Without arguments, print every component and whether it is on.\n"
	      "Words are applied from left to right: all / none turn everything\n"
	      "on / off, +NAME turns one on, -NAME turns one off, and a bare NAME\n"
	      "turns it on.  If the first word is a bare NAME the others are\n"
	      "turned off first, so 'debug auth vfs' enables exactly auth and vfs\n"
	      "while 'debug +auth' keeps what was on.  The new state is printed.\n"
	      "\n"
	      "Options:\n"
	      "  -h, --help   show this help\n", stdout);
}

static int component_bit(const char *name)
{
	for (size_t i = 0; i < NCOMP; i++)
		if (!strcmp(name, components[i]))
			return (int)i;
	return -1;
}

static int write_mask(unsigned int mask)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/parameters/debug", module_dir());
	f = fopen(path, "we");
	if (!f || fprintf(f, "%u\n", mask) < 0 || fclose(f)) {
		int saved = errno;

		err_msg("cannot set %s: %s%s", path, strerror(saved),
			saved == EACCES || saved == EPERM ? " (run as root)" : "");
		return -1;
	}
	return 0;
}

int cmd_debug(int argc, char **argv)
{
	unsigned long cur;
	unsigned int mask;
	char buf[64];

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			help_debug();
			return EXIT_OK;
		}
	}
	/* check all words before touching anything */
	for (int i = 1; i < argc; i++) {
		const char *w = argv[i];

		if (!strcmp(w, "all") || !strcmp(w, "none"))
			continue;
		if (*w == '+' || *w == '-')
			w++;
		if (component_bit(w) < 0)
			return usage_error("unknown debug component '%s' (known: conn auth smb2 vfs ipc, all, none)",
					   argv[i]);
	}
	if (!read_attr("parameters/debug", buf, sizeof(buf))) {
		err_msg("cifsd module is not loaded (load it with 'cifsctl start' or 'modprobe cifsd')");
		return EXIT_FAIL;
	}
	if (!parse_ulong(buf, 0, 0xffffffffUL, &cur)) {
		err_msg("unexpected value '%s' in %s/parameters/debug", buf,
			module_dir());
		return EXIT_FAIL;
	}
	mask = (unsigned int)cur;
	if (argc > 1) {
		if (component_bit(argv[1]) >= 0)
			mask = 0;
		for (int i = 1; i < argc; i++) {
			const char *w = argv[i];

			if (!strcmp(w, "all"))
				mask = ALL_MASK;
			else if (!strcmp(w, "none"))
				mask = 0;
			else if (*w == '-')
				mask &= ~(1u << component_bit(w + 1));
			else if (*w == '+')
				mask |= 1u << component_bit(w + 1);
			else
				mask |= 1u << component_bit(w);
		}
		if (write_mask(mask) < 0)
			return EXIT_FAIL;
	}
	for (size_t i = 0; i < NCOMP; i++)
		printf("%-5s %s\n", components[i], mask & (1u << i) ? "on" : "off");
	return EXIT_OK;
}
