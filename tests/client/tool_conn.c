// SPDX-License-Identifier: GPL-2.0-or-later
/* smbc-tool scenarios on connections: connect-hold, half-login,
 * reset-mid. */
#include "tool.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* Hold @n connections for @secs, checking a fresh client half-way. */
static int hold_and_check(const struct tool *t, struct smbc *cs, long n,
			  long secs)
{
	long i, closed = 0, ms = 0;
	int res = 0;

	sleep((unsigned int)(secs / 2));
	if (serve_check(t, "during", &ms))
		res = fail("a fresh client is not served while the "
			   "connections are held (%ld ms)", ms);
	else
		say("fresh client served in %ld ms while holding", ms);
	sleep((unsigned int)(secs - secs / 2));
	for (i = 0; i < n; i++) {
		if (cs[i].fd >= 0 && smbc_peer_closed(&cs[i]))
			closed++;
		smbc_close(&cs[i]);
	}
	say("after %ld s the server had closed %ld of them", secs, closed);
	return res;
}

int sc_connect_hold(struct tool *t)
{
	long n = arg_num(t, 0, 100), secs = arg_num(t, 1, 10), i, ok = 0;
	struct smbc *cs;
	int rc, res, first_err = 0;

	if (n < 1 || secs < 0)
		return fail("bad arguments");
	raise_nofile();
	cs = calloc((size_t)n, sizeof(*cs));
	if (!cs)
		return fail("out of memory");
	for (i = 0; i < n; i++) {
		rc = smbc_connect(&cs[i], t->o.host, t->o.port, 5000);
		if (!rc)
			ok++;
		else if (!first_err)
			first_err = rc;
	}
	say("%ld of %ld TCP connections established%s%s, holding %ld s",
	    ok, n, first_err ? ", first error: " : "",
	    first_err ? strerror(-first_err) : "", secs);
	res = hold_and_check(t, cs, n, secs);
	free(cs);
	if (!res)
		say("ok");
	return res;
}

/* NEGOTIATE and the first SESSION_SETUP leg, then stop. */
static int half(const struct tool *t, struct smbc *c)
{
	struct smbc_ntlm nt = { 0 };
	struct smbc_msg m;
	struct smbc_rsp r;
	uint8_t tok[256];
	long tl;
	int rc;

	rc = smbc_connect(c, t->o.host, t->o.port, 5000);
	if (!rc)
		rc = smbc_negotiate(c, t->o.dialect);
	if (rc)
		return rc;
	smbc_ntlm_negotiate(&nt);
	tl = smbc_spnego_init(tok, sizeof(tok), nt.negotiate,
			      nt.negotiate_len);
	smbc_msg_init(&m);
	smbc_rsp_init(&r);
	rc = smbc_add_session_setup(c, &m, tok, (size_t)tl, 0);
	if (!rc)
		rc = smbc_call(c, &m, &r);
	if (!rc && r.pdu[0].status != SMBC_STATUS_MORE_PROCESSING_REQUIRED)
		rc = -EPROTO;
	smbc_msg_free(&m);
	smbc_rsp_free(&r);
	return rc;
}

int sc_half_login(struct tool *t)
{
	long n = arg_num(t, 0, 50), secs = arg_num(t, 1, 10), i, ok = 0;
	int rc, res, first_err = 0;
	struct smbc *cs;

	if (n < 1 || secs < 0)
		return fail("bad arguments");
	raise_nofile();
	cs = calloc((size_t)n, sizeof(*cs));
	if (!cs)
		return fail("out of memory");
	for (i = 0; i < n; i++) {
		rc = half(t, &cs[i]);
		if (!rc)
			ok++;
		else if (!first_err)
			first_err = rc;
	}
	say("%ld of %ld connections got the NTLMSSP challenge and stalled"
	    "%s%s, holding %ld s", ok, n, first_err ? "; first error: " : "",
	    first_err ? strerror(-first_err) : "", secs);
	res = hold_and_check(t, cs, n, secs);
	free(cs);
	if (!res)
		say("ok");
	return res;
}

/* Wait for the first bytes of a reply, then reset. */
static void reset_during_reply(struct smbc *c, struct smbc_fid f,
			       uint32_t len)
{
	struct smbc_msg m;
	uint8_t b[1024];

	smbc_msg_init(&m);
	if (!smbc_add_read(c, &m, f, 0, len) && !smbc_send(c, &m))
		(void)!recv(c->fd, b, sizeof(b), 0);
	smbc_msg_free(&m);
	smbc_reset(c);
}

/* Announce a large WRITE, send a part of it, reset. */
static void reset_during_request(struct smbc *c, struct smbc_fid f,
				 uint32_t len)
{
	uint8_t *data = calloc(1, len), nb[4];
	struct smbc_msg m;

	smbc_msg_init(&m);
	if (data && !smbc_add_write(c, &m, f, 0, data, len)) {
		nb[0] = 0;
		nb[1] = (uint8_t)(m.len >> 16);
		nb[2] = (uint8_t)(m.len >> 8);
		nb[3] = (uint8_t)m.len;
		if (!smbc_send_raw(c, nb, 4))
			smbc_send_raw(c, m.buf, m.len / 3);
	}
	free(data);
	smbc_msg_free(&m);
	smbc_reset(c);
}

int sc_reset_mid(struct tool *t)
{
	const char *file = "reset-mid.dat";
	struct smbc_create_args a = smbc_file_args(file);
	long n = arg_num(t, 0, 20), i, logins = 0;
	struct smbc_fid f;
	struct smbc c;
	uint32_t len;
	long ms = 0;

	if (n < 1)
		return fail("bad arguments");
	if (login(t, &c))
		return fail("cannot log in");
	len = c.max_read < (4u << 20) ? c.max_read : (4u << 20);
	if (len < 65536)
		len = 65536;
	if (prepare_file(&c, file, len))
		return fail("cannot prepare %s", file);
	smbc_close(&c);
	for (i = 0; i < n; i++) {
		if (smbc_connect_login(&c, &t->o) ||
		    smbc_open(&c, &a, &f, NULL)) {
			smbc_close(&c);
			continue;
		}
		logins++;
		grow_credits(&c, 80);
		if (i % 3 == 0)
			reset_during_reply(&c, f, len);
		else if (i % 3 == 1)
			reset_during_request(&c, f, len);
		else {
			struct smbc_msg m;

			smbc_msg_init(&m);
			if (!smbc_add_read(&c, &m, f, 0, len))
				smbc_send(&c, &m);
			smbc_msg_free(&m);
			smbc_reset(&c);
		}
	}
	say("%ld connections reset (SO_LINGER 0) in the middle of a %u-byte "
	    "READ reply or WRITE request (%ld logged in)", n, len, logins);
	if (serve_check(t, "after", &ms))
		return fail("server no longer serves a fresh client");
	say("fresh client served in %ld ms", ms);
	if (logins < n)
		return fail("%ld of %ld logins failed", n - logins, n);
	say("ok");
	return 0;
}
