// SPDX-License-Identifier: GPL-2.0-or-later
/* smbc-tool scenarios around READ: read-compound, zero-read,
 * no-read-flood. */
#include "tool.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Check a READ response against the test pattern; false when corrupt. */
static bool read_data_ok(const struct smbc_pdu *p, uint32_t want)
{
	size_t doff, dlen, i;

	if (p->status != SMBC_STATUS_SUCCESS)
		return true;
	if (p->body_len < 16 || smbc_get16(p->body) != 17)
		return false;
	doff = p->body[2];
	dlen = smbc_get32(p->body + 4);
	if (dlen > want || doff < SMBC_HDR_SIZE + 16 || doff > p->len ||
	    dlen > p->len - doff)
		return false;
	for (i = 0; i < dlen; i++)
		if (p->hdr[doff + i] != pattern_byte(i))
			return false;
	return true;
}

/* After an abusive exchange: a fresh client must still be served. */
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

static int build_reads(struct smbc *c, struct smbc_msg *m, const char *file,
		       struct smbc_fid f, long n, uint32_t len, bool related)
{
	struct smbc_create_args a = smbc_file_args(file);
	long i;
	int rc = 0;

	a.access = 0x00120089;			/* FILE_GENERIC_READ */
	a.disposition = 1;			/* OPEN */
	if (related) {
		rc = smbc_add_create(c, m, &a);
		f = SMBC_FID_RELATED;
	}
	for (i = 0; i < n && !rc; i++) {
		rc = smbc_add_read(c, m, f, 0, len);
		if (related)
			smbc_msg_relate(m);
	}
	if (related && !rc) {
		rc = smbc_add_close(c, m, f, 0);
		smbc_msg_relate(m);
	}
	return rc;
}

int sc_read_compound(struct tool *t)
{
	long n = arg_num(t, 0, 8), len = arg_num(t, 1, 65536);
	const char *file = arg_str(t, 2, "read-compound.dat");
	bool related = !strcmp(arg_str(t, 3, ""), "related");
	struct smbc_create_args a = smbc_file_args(file);
	struct smbc_fid f = { 0, 0 };
	unsigned int i, bad = 0;
	struct smbc_msg m;
	struct smbc_rsp r;
	struct smbc c;
	int rc, res = 0;

	if (n < 1 || n > SMBC_MAX_MEMBERS - 2 || len < 0 || len > 16 << 20)
		return fail("N must be 1..254 and LEN 0..16M");
	if (login(t, &c))
		return fail("cannot log in");
	if (prepare_file(&c, file, (uint64_t)len) ||
	    (!related && smbc_open(&c, &a, &f, NULL)))
		return fail("cannot prepare %s", file);
	grow_credits(&c, n * smbc_charge(&c, (uint32_t)len) + 8);
	smbc_msg_init(&m);
	smbc_rsp_init(&r);
	rc = build_reads(&c, &m, file, f, n, (uint32_t)len, related);
	if (!rc)
		rc = smbc_call(&c, &m, &r);
	say("%ld %sREADs of %ld bytes in one compound: %s", n,
	    related ? "related " : "", len,
	    rc ? strerror(-rc) : "all answered");
	print_statuses("responses", &r);
	for (i = 0; i < r.n; i++)
		if (r.pdu[i].command == SMBC_READ &&
		    !read_data_ok(&r.pdu[i], (uint32_t)len))
			bad++;
	if (bad)
		res = fail("%u READ responses are malformed or carry wrong "
			   "data", bad);
	else if (rc == -ETIMEDOUT)
		res = fail("no complete answer within %d ms", c.timeout_ms);
	else if (rc && rc != -ECONNRESET)
		res = fail("receive error %s", strerror(-rc));
	smbc_msg_free(&m);
	smbc_rsp_free(&r);
	smbc_close(&c);
	return alive(t, res);
}

/* Send one request and describe its response. */
static int one(struct smbc *c, struct smbc_msg *m, const char *what,
	       int *bad)
{
	const struct smbc_pdu *p;
	struct smbc_rsp r;
	int rc;

	smbc_rsp_init(&r);
	rc = smbc_call(c, m, &r);
	p = rc ? NULL : smbc_rsp_find(&r, smbc_msg_mid(m, 0));
	if (!p) {
		say("%s: %s", what, rc ? strerror(-rc) : "no response");
	} else if (p->command == SMBC_READ && p->status == 0) {
		uint32_t dlen = p->body_len >= 8 ? smbc_get32(p->body + 4) :
				~0u;

		say("%s: SUCCESS DataLength %u (PDU %zu bytes)", what, dlen,
		    p->len);
		if (p->body_len < 16 || dlen != 0)
			(*bad)++;
	} else {
		say("%s: %s (PDU %zu bytes)", what,
		    smbc_status_name(p->status), p->len);
	}
	smbc_rsp_free(&r);
	smbc_msg_reset(m);
	return rc;
}

int sc_zero_read(struct tool *t)
{
	const char *file = arg_str(t, 0, "zero-read.dat");
	struct smbc_create_args a = smbc_file_args(file);
	struct smbc_fid f, d;
	struct smbc_msg m;
	struct smbc c;
	int rc = 0, bad = 0;

	if (login(t, &c))
		return fail("cannot log in");
	a.disposition = 5;			/* OVERWRITE_IF: empty */
	if (smbc_open(&c, &a, &f, NULL))
		return fail("cannot create %s", file);
	smbc_msg_init(&m);
	if (!smbc_add_read(&c, &m, f, 0, 0))
		rc = one(&c, &m, "READ 0 bytes at 0 of an empty file", &bad);
	if (!rc && !smbc_add_read(&c, &m, f, 1 << 20, 0))
		rc = one(&c, &m, "READ 0 bytes past EOF", &bad);
	if (!rc && !smbc_add_read(&c, &m, f, 0, 1))
		rc = one(&c, &m, "READ 1 byte of an empty file", &bad);
	if (!rc && !smbc_add_query_info(&c, &m, f, 1, 4, 0, 0, NULL, 0))
		rc = one(&c, &m, "QUERY_INFO FileBasicInformation into 0 "
			 "bytes", &bad);
	if (!rc && !smbc_add_query_info(&c, &m, f, 2, 1, 0, 0, NULL, 0))
		rc = one(&c, &m, "QUERY_INFO FileFsVolumeInformation into 0 "
			 "bytes", &bad);
	if (!rc && !smbc_add_ioctl(&c, &m, f, 0x00140078, NULL, 0, 0, 1))
		rc = one(&c, &m, "IOCTL FSCTL_SRV_REQUEST_RESUME_KEY into 0 "
			 "bytes", &bad);
	a = smbc_file_args("");
	a.options = 1;				/* DIRECTORY */
	a.access = 0x00100081;
	a.disposition = 1;
	if (!rc && !smbc_open(&c, &a, &d, NULL)) {
		if (!smbc_add_query_directory(&c, &m, d, 37, 0, "*", 0))
			rc = one(&c, &m, "QUERY_DIRECTORY into 0 bytes",
				 &bad);
		if (!rc)
			smbc_close_fid(&c, d);
	}
	if (!rc)
		smbc_close_fid(&c, f);
	smbc_msg_free(&m);
	smbc_close(&c);
	if (rc == -ETIMEDOUT)
		return alive(t, fail("no response within %d ms",
				     t->o.timeout_ms));
	if (bad)
		return alive(t, fail("%d zero-length READ responses are "
				     "malformed", bad));
	return alive(t, 0);
}

int sc_no_read_flood(struct tool *t)
{
	long n = arg_num(t, 0, 1000), len = arg_num(t, 1, 1 << 20);
	const char *file = arg_str(t, 2, "no-read-flood.dat");
	long hold = arg_num(t, 3, 5), i, sent = 0, ms = 0;
	struct smbc_create_args a = smbc_file_args(file);
	struct smbc_fid f;
	struct smbc_msg m;
	struct smbc c;
	int rc = 0, res = 0;

	if (n < 1 || len < 0 || len > 16 << 20 || hold < 0)
		return fail("bad arguments");
	if (login(t, &c))
		return fail("cannot log in");
	if (prepare_file(&c, file, (uint64_t)len) ||
	    smbc_open(&c, &a, &f, NULL))
		return fail("cannot prepare %s", file);
	grow_credits(&c, n * smbc_charge(&c, (uint32_t)len) + 8);
	c.timeout_ms = 2000;	/* a send blocked this long: stop */
	smbc_msg_init(&m);
	for (i = 0; i < n && !rc; i++) {
		smbc_msg_reset(&m);
		rc = smbc_add_read(&c, &m, f, 0, (uint32_t)len);
		if (!rc)
			rc = smbc_send(&c, &m);
		if (!rc)
			sent++;
	}
	smbc_msg_free(&m);
	say("sent %ld of %ld READs of %ld bytes without reading (%s); "
	    "holding %ld s", sent, n, len, rc ? strerror(-rc) : "all sent",
	    hold);
	sleep((unsigned int)(hold / 2));
	if (serve_check(t, "during", &ms))
		res = fail("another client is not served while one does not "
			   "read its replies (%ld ms)", ms);
	else
		say("another client served in %ld ms while holding", ms);
	sleep((unsigned int)(hold - hold / 2));
	say("server %s our connection", smbc_peer_closed(&c) ?
	    "closed" : "kept");
	smbc_close(&c);
	return alive(t, res);
}
