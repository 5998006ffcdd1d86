// SPDX-License-Identifier: GPL-2.0-only
#include "password.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#define PASSWORD_MAX 256	/* characters accepted by SMB clients */

static void wipe_free(char *s)
{
	if (s) {
		memset(s, 0, strlen(s));
		free(s);
	}
}

/* One line from f without the newline; NULL on EOF/error. */
static char *read_line(FILE *f)
{
	char *buf = NULL;
	size_t cap = 0;
	ssize_t len = getline(&buf, &cap, f);

	if (len < 0) {
		free(buf);
		return NULL;
	}
	if (len > 0 && buf[len - 1] == '\n')
		buf[--len] = '\0';
	if (len > 0 && buf[len - 1] == '\r')
		buf[--len] = '\0';
	return buf;
}

static char *prompt_noecho(const char *prompt)
{
	struct termios old, quiet;
	char *pw;

	fputs(prompt, stderr);
	fflush(stderr);
	if (tcgetattr(STDIN_FILENO, &old) < 0)
		return NULL;
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)ECHO;
	quiet.c_lflag |= ECHONL;
	if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) < 0)
		return NULL;
	pw = read_line(stdin);
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
	return pw;
}

static char *read_tty(const char *user)
{
	char prompt[300];
	char *a, *b;

	snprintf(prompt, sizeof(prompt), "New password for %s: ", user);
	a = prompt_noecho(prompt);
	if (!a) {
		err_msg("no password entered");
		return NULL;
	}
	b = prompt_noecho("Retype new password: ");
	if (!b || strcmp(a, b) != 0) {
		err_msg("passwords do not match; nothing changed");
		wipe_free(a);
		wipe_free(b);
		return NULL;
	}
	wipe_free(b);
	return a;
}

char *read_new_password(const char *user)
{
	char *pw;

	if (isatty(STDIN_FILENO)) {
		pw = read_tty(user);
	} else {
		pw = read_line(stdin);
		if (!pw)
			err_msg("no password on standard input (expected one line)");
	}
	if (!pw)
		return NULL;
	if (!*pw) {
		err_msg("empty passwords are not allowed");
		wipe_free(pw);
		return NULL;
	}
	if (!utf8_valid(pw) || strlen(pw) > PASSWORD_MAX * 4) {
		err_msg("password must be valid UTF-8 of at most %d characters",
			PASSWORD_MAX);
		wipe_free(pw);
		return NULL;
	}
	return pw;
}
