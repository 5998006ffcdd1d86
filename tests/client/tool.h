/* SPDX-License-Identifier: GPL-2.0-or-later */
/* smbc-tool: shared declarations of its scenario files. */
#ifndef SMBC_TOOL_H
#define SMBC_TOOL_H

#include "smbc.h"

struct tool {
	struct smbc_opts o;	/* host, port, user, pass, share, dialect */
	int verbose;
	long max_ms;		/* a serve check slower than this fails */
	int argc;		/* scenario arguments */
	char **argv;
};

/* Print one line prefixed with the scenario name. */
void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print "FAIL: ..." and return 1 (the exit status). */
int fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Scenario argument @i as a number, or @def when absent. */
long arg_num(const struct tool *t, int i, long def);
const char *arg_str(const struct tool *t, int i, const char *def);

/* Connect and log in (tree connect to the share); prints the failure. */
int login(const struct tool *t, struct smbc *c);
/* Make sure @name exists with at least @len bytes of the test pattern. */
int prepare_file(struct smbc *c, const char *name, uint64_t len);
/* The byte of the test pattern at @off. */
uint8_t pattern_byte(uint64_t off);
/* Ask for credits with ECHOs until c->credits >= @want (or no growth). */
void grow_credits(struct smbc *c, int64_t want);
/* A fresh client logs in, writes, reads back and deletes a file.
 * Returns 0 and the elapsed ms in *@ms, or -1 (message printed). */
int serve_check(const struct tool *t, const char *tag, long *ms);
/* Count of responses per status, printed as "N STATUS, ...". */
void print_statuses(const char *what, const struct smbc_rsp *r);
/* Every response in arrival order: "CMD STATUS, ...". */
void print_sequence(const char *what, const struct smbc_rsp *r);
/* Raise RLIMIT_NOFILE as far as allowed. */
void raise_nofile(void);

int sc_serve_check(struct tool *t);
int sc_read_compound(struct tool *t);
int sc_zero_read(struct tool *t);
int sc_no_read_flood(struct tool *t);
int sc_sess_flood(struct tool *t);
int sc_logoff_race(struct tool *t);
int sc_tdis_related(struct tool *t);
int sc_credit_abuse(struct tool *t);
int sc_connect_hold(struct tool *t);
int sc_half_login(struct tool *t);
int sc_reset_mid(struct tool *t);

#endif /* SMBC_TOOL_H */
