// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * smbc-tool credit-abuse: MessageIds outside the window, reused
 * MessageIds, CreditCharge above the granted credits or below what a
 * large READ costs, CreditRequest 0, requests beyond the credits.
 * Each case runs on its own connection.  A reply with an error or a
 * closed connection is fine; a connection on which even a valid ECHO
 * gets no answer is a hang.
 */
#include "tool.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

enum { C_FAR, C_REUSE, C_REUSE_CMPD, C_CHARGE_OVER, C_CHARGE_UNDER,
       C_REQ_ZERO, C_MID_MAX, C_EXHAUST, C_NR };

static const char *const case_names[C_NR] = {
	"MessageId 100000 beyond the window",
	"MessageId reused in a later frame",
	"MessageId reused inside one compound",
	"CreditCharge above the granted credits",
	"1 MiB READ with CreditCharge 1",
	"CreditRequest 0 until no credit is left, then one more",
	"MessageId 0xFFFFFFFFFFFFFFFF",
	"requests far beyond the granted credits, pipelined",
};

static void set_mid(struct smbc_msg *m, unsigned int i, uint64_t mid)
{
	smbc_put64(smbc_msg_hdr(m, i) + SMBC_HO_MID, mid);
}

/* Build the abusive frame(s) of case @k and send them. */
static int send_case(struct smbc *c, struct smbc_msg *m, int k,
		     struct smbc_fid f)
{
	uint64_t mid;
	int i, rc = 0;

	switch (k) {
	case C_FAR:
		smbc_add_echo(c, m);
		set_mid(m, 0, c->next_mid + 100000);
		break;
	case C_REUSE:
		smbc_add_echo(c, m);
		mid = smbc_msg_mid(m, 0);
		rc = smbc_send(c, m);
		smbc_msg_reset(m);
		smbc_add_echo(c, m);
		set_mid(m, 0, mid);
		break;
	case C_REUSE_CMPD:
		smbc_add_echo(c, m);
		smbc_add_echo(c, m);
		set_mid(m, 1, smbc_msg_mid(m, 0));
		break;
	case C_CHARGE_OVER:
		smbc_add_read(c, m, f, 0, 65536);
		smbc_put16(smbc_msg_hdr(m, 0) + SMBC_HO_CHARGE,
			   (uint16_t)(c->credits + 100));
		c->next_mid += (uint64_t)c->credits + 99;
		break;
	case C_CHARGE_UNDER:
		smbc_add_read(c, m, f, 0, 1 << 20);
		smbc_put16(smbc_msg_hdr(m, 0) + SMBC_HO_CHARGE, 1);
		c->next_mid = smbc_msg_mid(m, 0) + 1;
		break;
	case C_REQ_ZERO:
		c->credit_request = 0;
		for (i = 0; i < 64 && c->credits > 1 && !rc; i++) {
			smbc_add_echo(c, m);
			smbc_put16(smbc_msg_hdr(m, 0) + SMBC_HO_CREDITS, 0);
			rc = smbc_send(c, m);
			smbc_msg_reset(m);
		}
		smbc_add_echo(c, m);
		smbc_put16(smbc_msg_hdr(m, 0) + SMBC_HO_CREDITS, 0);
		c->credit_request = 64;
		break;
	case C_MID_MAX:
		smbc_add_echo(c, m);
		set_mid(m, 0, UINT64_MAX);
		break;
	case C_EXHAUST:
		for (i = 0; i < (int)c->credits + 200 && !rc; i++) {
			smbc_add_echo(c, m);
			rc = smbc_send(c, m);
			smbc_msg_reset(m);
		}
		smbc_add_echo(c, m);
		break;
	}
	return rc ? rc : smbc_send(c, m);
}

/* Collect what comes back for 3 s; @r keeps the last batch of PDUs. */
static int collect(struct smbc *c, struct smbc_rsp *r, long *total)
{
	uint64_t end = smbc_now_ms() + 3000;
	int rc = 0;

	while (smbc_now_ms() < end) {
		unsigned int before = r->n;

		if (r->n > SMBC_MAX_MEMBERS / 2) {
			smbc_rsp_reset(r);
			before = 0;
		}
		rc = smbc_recv(c, r, (int)(end - smbc_now_ms()));
		if (rc)
			break;
		*total += r->n - before;
	}
	return rc == -ETIMEDOUT ? 0 : rc;
}

/* Is the connection still answering a valid ECHO (or closed)? */
static int echo_after(struct smbc *c)
{
	struct smbc_msg m;
	struct smbc_rsp r;
	int rc;

	smbc_msg_init(&m);
	smbc_rsp_init(&r);
	c->next_mid += 1;	/* past anything the case used */
	rc = smbc_add_echo(c, &m);
	if (!rc)
		rc = smbc_call(c, &m, &r);
	smbc_msg_free(&m);
	smbc_rsp_free(&r);
	return rc;
}

static int run_case(const struct tool *t, int k)
{
	struct smbc_create_args a = smbc_file_args("credit-abuse.dat");
	struct smbc_fid f = { 0, 0 };
	struct smbc_msg m;
	struct smbc_rsp r;
	struct smbc c;
	int rc, res = 0;
	long total = 0;

	if (login(t, &c))
		return -1;
	if ((k == C_CHARGE_OVER || k == C_CHARGE_UNDER) &&
	    (prepare_file(&c, a.name, 1 << 20) || smbc_open(&c, &a, &f, NULL)))
		say("cannot prepare %s", a.name);
	smbc_msg_init(&m);
	smbc_rsp_init(&r);
	rc = send_case(&c, &m, k, f);
	if (!rc)
		rc = collect(&c, &r, &total);
	if (total > (long)r.n)
		say("%s: %ld responses, the last %u:", case_names[k], total,
		    r.n);
	if (rc == -ECONNRESET || rc == -EPIPE || (rc && smbc_peer_closed(&c))) {
		print_statuses(case_names[k], &r);
		say("%s: server closed the connection", case_names[k]);
	} else if (rc) {
		say("%s: %s", case_names[k], strerror(-rc));
		res = -1;
	} else {
		print_statuses(case_names[k], &r);
		rc = echo_after(&c);
		if (rc == -ETIMEDOUT) {
			say("%s: a valid ECHO afterwards gets no answer",
			    case_names[k]);
			res = -1;
		} else {
			say("%s: valid ECHO afterwards: %s", case_names[k],
			    rc ? strerror(-rc) : "answered");
		}
	}
	smbc_msg_free(&m);
	smbc_rsp_free(&r);
	smbc_close(&c);
	return res;
}

int sc_credit_abuse(struct tool *t)
{
	int k, bad = 0;
	long ms = 0;

	for (k = 0; k < C_NR; k++)
		if (run_case(t, k))
			bad++;
	if (serve_check(t, "after", &ms))
		return fail("server no longer serves a fresh client");
	say("fresh client served in %ld ms", ms);
	if (bad)
		return fail("%d cases left a hung connection", bad);
	say("ok");
	return 0;
}
