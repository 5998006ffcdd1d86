// SPDX-License-Identifier: GPL-2.0-or-later
/* smbc-tool scenarios on sessions and trees: sess-flood, logoff-race,
 * tdis-related. */
#include "tool.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static int alive(const struct tool *t, int rc_so_far)
{
	long ms = 0;

	if (serve_check(t, "after", &ms))
		return fail("server no longer serves a fresh client "
			    "(%ld ms)", ms);
	say("fresh client served in %ld ms", ms);
	if (!rc_so_far)
		say("ok");
	return rc_so_far;
}

int sc_sess_flood(struct tool *t)
{
	long n = arg_num(t, 0, 1000), done = 0, sessions = 0;
	struct smbc_ntlm nt = { 0 };
	uint8_t tok[256];
	struct smbc_msg m;
	struct smbc_rsp r;
	struct smbc c;
	long tl, i;
	int rc;

	if (n < 1)
		return fail("N must be positive");
	rc = smbc_connect(&c, t->o.host, t->o.port, t->o.timeout_ms);
	c.credit_request = 8192;
	if (!rc)
		rc = smbc_negotiate(&c, t->o.dialect);
	if (rc)
		return fail("connect/negotiate: %s", strerror(-rc));
	smbc_ntlm_negotiate(&nt);
	tl = smbc_spnego_init(tok, sizeof(tok), nt.negotiate,
			      nt.negotiate_len);
	smbc_msg_init(&m);
	smbc_rsp_init(&r);
	while (done < n && !rc) {
		long k = n - done > 128 ? 128 : n - done;

		smbc_msg_reset(&m);
		smbc_rsp_reset(&r);
		for (i = 0; i < k && !rc; i++)
			rc = smbc_add_session_setup(&c, &m, tok, (size_t)tl,
						    0);
		if (!rc)
			rc = smbc_call(&c, &m, &r);
		for (i = 0; i < (long)r.n; i++)
			sessions += r.pdu[i].status ==
				    SMBC_STATUS_MORE_PROCESSING_REQUIRED;
		if (t->verbose || rc)
			print_statuses("compound", &r);
		done += k;
	}
	say("%ld SESSION_SETUP requests with SessionId 0 in compounds of up "
	    "to 128: %ld sessions started, then %s", done, sessions,
	    rc ? strerror(-rc) : "all answered");
	smbc_msg_free(&m);
	smbc_rsp_free(&r);
	smbc_close(&c);
	if (rc == -ETIMEDOUT)
		return alive(t, fail("no answer within %d ms",
				     t->o.timeout_ms));
	return alive(t, 0);
}

/* One logoff-race round: four frames back to back, then the replies. */
static int race_round(struct smbc *c, const char *share, long it)
{
	struct smbc_create_args a = smbc_file_args("logoff-race.dat");
	struct smbc_msg m[4];
	struct smbc_rsp r;
	char unc[300];
	int i, rc = 0;

	snprintf(unc, sizeof(unc), "\\\\127.0.0.1\\%s", share);
	smbc_rsp_init(&r);
	for (i = 0; i < 4; i++)
		smbc_msg_init(&m[i]);
	/* vary the order: LOGOFF second or first */
	if (it & 1) {
		smbc_add_logoff(c, &m[0]);
		smbc_add_create(c, &m[1], &a);
	} else {
		smbc_add_create(c, &m[0], &a);
		smbc_add_logoff(c, &m[1]);
	}
	smbc_add_tree_connect(c, &m[2], unc);
	smbc_add_create(c, &m[3], &a);
	for (i = 0; i < 4 && !rc; i++)
		rc = smbc_send(c, &m[i]);
	for (i = 0; i < 4 && !rc; i++)
		rc = smbc_wait(c, &m[i], &r);
	for (i = 0; i < 4; i++)
		smbc_msg_free(&m[i]);
	smbc_rsp_free(&r);
	return rc;
}

static int race_child(const struct tool *t, long iters)
{
	long i, relog = 0, reconn = 0;
	struct smbc c;
	uint32_t st;
	int rc;

	if (smbc_connect_login(&c, &t->o))
		return 2;
	for (i = 0; i < iters; i++) {
		rc = race_round(&c, t->o.share, i);
		if (rc == -ETIMEDOUT) {
			say("[%d] round %ld: no answer within %d ms",
			    (int)getpid(), i, c.timeout_ms);
			return 1;
		}
		if (!rc && !smbc_session_setup(&c, &t->o, &st) &&
		    !smbc_tree_connect(&c, t->o.share, &st)) {
			relog++;
			continue;
		}
		smbc_close(&c);
		reconn++;
		if (smbc_connect_login(&c, &t->o)) {
			say("[%d] round %ld: cannot log in again",
			    (int)getpid(), i);
			return 1;
		}
	}
	say("[%d] %ld rounds: %ld new sessions on the same connection, "
	    "%ld reconnects", (int)getpid(), iters, relog, reconn);
	smbc_close(&c);
	return 0;
}

int sc_logoff_race(struct tool *t)
{
	long iters = arg_num(t, 0, 200), conns = arg_num(t, 1, 4), i;
	int status, bad = 0;
	pid_t pid;

	if (iters < 1 || conns < 1 || conns > 256)
		return fail("bad arguments");
	for (i = 0; i < conns; i++) {
		pid = fork();
		if (pid == 0)
			_exit(race_child(t, iters));
		if (pid < 0)
			return fail("fork: %s", strerror(errno));
	}
	while ((pid = wait(&status)) > 0)
		if (!WIFEXITED(status) || WEXITSTATUS(status))
			bad++;
	say("%ld connections x %ld rounds of LOGOFF racing CREATE and "
	    "TREE_CONNECT: %d connections failed", conns, iters, bad);
	return alive(t, bad ? fail("%d connections hung or could not log "
				   "in again", bad) : 0);
}

/* The compounds of tdis-related: commands, the first unrelated. */
static const struct {
	const char *name;
	uint16_t cmd[4];
	int n;
} tdis_cases[] = {
	{ "TREE_DISCONNECT + related CREATE, READ, CLOSE",
	  { SMBC_TREE_DISCONNECT, SMBC_CREATE, SMBC_READ, SMBC_CLOSE }, 4 },
	{ "CREATE + related TREE_DISCONNECT, READ, CLOSE",
	  { SMBC_CREATE, SMBC_TREE_DISCONNECT, SMBC_READ, SMBC_CLOSE }, 4 },
	{ "CREATE + related READ, TREE_DISCONNECT, CLOSE",
	  { SMBC_CREATE, SMBC_READ, SMBC_TREE_DISCONNECT, SMBC_CLOSE }, 4 },
	{ "TREE_DISCONNECT + related TREE_DISCONNECT, CREATE",
	  { SMBC_TREE_DISCONNECT, SMBC_TREE_DISCONNECT, SMBC_CREATE }, 3 },
};

/* Send one tdis-related compound, print the replies, reconnect. */
static int tdis_case(const struct tool *t, struct smbc *c, int which)
{
	struct smbc_create_args a = smbc_file_args("tdis-related.dat");
	struct smbc_fid R = SMBC_FID_RELATED;
	struct smbc_msg m;
	struct smbc_rsp r;
	uint32_t st;
	int i, rc;

	smbc_msg_init(&m);
	smbc_rsp_init(&r);
	for (i = 0; i < tdis_cases[which].n; i++) {
		switch (tdis_cases[which].cmd[i]) {
		case SMBC_TREE_DISCONNECT:
			smbc_add_tree_disconnect(c, &m);
			break;
		case SMBC_CREATE:
			smbc_add_create(c, &m, &a);
			break;
		case SMBC_READ:
			smbc_add_read(c, &m, R, 0, 4096);
			break;
		default:
			smbc_add_close(c, &m, R, 0);
		}
		if (i)
			smbc_msg_relate(&m);
	}
	rc = smbc_call(c, &m, &r);
	print_sequence(tdis_cases[which].name, &r);
	if (rc)
		say("%s: %s", tdis_cases[which].name, strerror(-rc));
	smbc_msg_free(&m);
	smbc_rsp_free(&r);
	if (rc == -ETIMEDOUT)
		return rc;
	if (rc) {
		smbc_close(c);
		return login(t, c) ? -ENOTCONN : 0;
	}
	return smbc_tree_connect(c, t->o.share, &st) ? -ENOTCONN : 0;
}

int sc_tdis_related(struct tool *t)
{
	struct smbc c;
	int i, rc = 0;

	if (login(t, &c))
		return fail("cannot log in");
	if (prepare_file(&c, "tdis-related.dat", 8192))
		return fail("cannot prepare tdis-related.dat");
	for (i = 0; i < 4 && !rc; i++) {
		rc = tdis_case(t, &c, i);
		if (rc == -ETIMEDOUT) {
			smbc_close(&c);
			return alive(t, fail("no answer within %d ms",
					     t->o.timeout_ms));
		}
		if (rc)
			return alive(t, fail("cannot connect again after "
					     "case %d", i + 1));
	}
	smbc_close(&c);
	return alive(t, 0);
}
