/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Line-by-line syntax pass over an smb.conf-style file.  iniparser gives
 * no line numbers, so this pass records where every section and key is;
 * the values themselves are read through iniparser afterwards.
 */
#ifndef CIFSCTL_CONFIG_SCAN_H
#define CIFSCTL_CONFIG_SCAN_H

#include <stddef.h>

#define CONF_LINE_MAX 1000	/* iniparser's own limit is 1024 */

struct conf_entry {
	char *key;		/* trimmed, lower case: iniparser's key */
	char *canon;		/* key without blanks, for matching */
	unsigned line;
};

struct conf_section {
	char *name;		/* as written (trimmed) */
	unsigned line;
	struct conf_entry *entries;
	size_t n;
};

struct conf_file {
	struct conf_section *secs;
	size_t n;
};

/* Returns the number of syntax errors (reported), or -1 if unreadable. */
int conf_scan(const char *file, struct conf_file *cf);
/* The same, naming the file "shown" in messages. */
int conf_scan_as(const char *file, const char *shown, struct conf_file *cf);
void conf_file_free(struct conf_file *cf);

#endif
