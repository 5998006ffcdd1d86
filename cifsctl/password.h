/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef CIFSCTL_PASSWORD_H
#define CIFSCTL_PASSWORD_H

/*
 * Read a new password for user: from a terminal twice without echo,
 * otherwise one line from stdin.  Returns a malloc'ed string (caller
 * wipes and frees it) or NULL after printing why.
 */
char *read_new_password(const char *user);

#endif
