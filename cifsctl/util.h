/* SPDX-License-Identifier: GPL-2.0-only */
/* Small helpers shared by all cifsctl commands. */
#ifndef CIFSCTL_UTIL_H
#define CIFSCTL_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PROG_NAME "cifsctl"

/* Exit codes of every command. */
enum {
	EXIT_OK = 0,
	EXIT_FAIL = 1,
	EXIT_USAGE = 2,
};

/* "cifsctl: <message>" on stderr. */
void err_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* One line of usage error plus the hint; returns EXIT_USAGE. */
int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

/* Strip leading/trailing blanks in place; returns the new start. */
char *str_trim(char *s);
bool str_ieq(const char *a, const char *b);
void str_lower(char *s);

/* Base64 (RFC 4648, with padding).  out must hold 4*ceil(n/3)+1 bytes. */
void base64_encode(const uint8_t *in, size_t n, char *out);
/* Strict decoder: returns decoded length or -1 if malformed/too long. */
long base64_decode(const char *in, uint8_t *out, size_t outmax);

/*
 * UTF-8 -> UTF-16LE.  Returns a malloc'ed buffer (length in *outlen) or
 * NULL if the input is not valid UTF-8.
 */
uint8_t *utf8_to_utf16le(const char *s, size_t *outlen);
bool utf8_valid(const char *s);

/* Parse a whole decimal number into [min, max]; false on any junk. */
bool parse_ulong(const char *s, unsigned long min, unsigned long max,
		 unsigned long *out);

/*
 * Parse the options of a command whose only option (besides --help) is
 * --NAME PATH, also -SHORT PATH when @short_opt is not 0.  *value keeps
 * its default unless given.  Returns -1 to go on (positional arguments
 * start at optind), or the exit status to return at once (after --help,
 * or a usage error already reported).
 */
int one_path_opt(int argc, char **argv, const char *cmd, void (*help)(void),
		 const char *name, int short_opt, const char **value);

#endif
