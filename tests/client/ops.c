// SPDX-License-Identifier: GPL-2.0-or-later
/* Synchronous helpers: log in, open, close, read and write a file. */
#include "smbc_int.h"

#include <errno.h>
#include <string.h>

int smbc_connect_login(struct smbc *c, const struct smbc_opts *o)
{
	uint32_t st = 0;
	int rc;

	rc = smbc_connect(c, o->host, o->port, o->timeout_ms);
	if (rc)
		return rc;
	if (o->credit_request)
		c->credit_request = o->credit_request;
	rc = smbc_negotiate(c, o->dialect);
	if (!rc)
		rc = smbc_session_setup(c, o, &st);
	if (!rc && o->share)
		rc = smbc_tree_connect(c, o->share, &st);
	if (rc)
		smbc_close(c);
	return rc;
}

struct smbc_create_args smbc_file_args(const char *name)
{
	struct smbc_create_args a = {
		.name = name,
		.access = 0x0012019F,	/* read, write, attributes, EA */
		.attrs = 0x80,		/* NORMAL */
		.share = 7,
		.disposition = 3,	/* OPEN_IF */
		.options = 0x40,	/* NON_DIRECTORY_FILE */
	};

	return a;
}

/* Run @m and return the final response of its first member. */
static int call1(struct smbc *c, struct smbc_msg *m, struct smbc_rsp *r,
		 const struct smbc_pdu **p)
{
	int rc = smbc_call(c, m, r);

	if (rc)
		return rc;
	*p = smbc_rsp_find(r, smbc_msg_mid(m, 0));
	return *p ? 0 : -EPROTO;
}

int smbc_open(struct smbc *c, const struct smbc_create_args *a,
	      struct smbc_fid *f, uint32_t *status)
{
	const struct smbc_pdu *p;
	struct smbc_msg m;
	struct smbc_rsp r;
	int rc;

	smbc_msg_init(&m);
	smbc_rsp_init(&r);
	rc = smbc_add_create(c, &m, a);
	if (!rc)
		rc = call1(c, &m, &r, &p);
	if (!rc) {
		if (status)
			*status = p->status;
		if (p->status != SMBC_STATUS_SUCCESS || p->body_len < 88)
			rc = -EIO;
		else {
			f->persistent = smbc_get64(p->body + 64);
			f->volatile_ = smbc_get64(p->body + 72);
		}
	}
	smbc_msg_free(&m);
	smbc_rsp_free(&r);
	return rc;
}

int smbc_close_fid(struct smbc *c, struct smbc_fid f)
{
	const struct smbc_pdu *p;
	struct smbc_msg m;
	struct smbc_rsp r;
	int rc;

	smbc_msg_init(&m);
	smbc_rsp_init(&r);
	rc = smbc_add_close(c, &m, f, 0);
	if (!rc)
		rc = call1(c, &m, &r, &p);
	if (!rc && p->status != SMBC_STATUS_SUCCESS)
		rc = -EIO;
	smbc_msg_free(&m);
	smbc_rsp_free(&r);
	return rc;
}

static uint32_t chunk(uint32_t max, size_t left)
{
	uint32_t n = max ? max : 65536;

	if (n > 1024 * 1024)
		n = 1024 * 1024;
	return left < n ? (uint32_t)left : n;
}

long smbc_write_all(struct smbc *c, struct smbc_fid f, uint64_t off,
		    const void *data, size_t len)
{
	const struct smbc_pdu *p;
	struct smbc_msg m;
	struct smbc_rsp r;
	size_t done = 0;
	int rc = 0;

	smbc_msg_init(&m);
	smbc_rsp_init(&r);
	while (done < len && !rc) {
		uint32_t n = chunk(c->max_write, len - done);

		smbc_msg_reset(&m);
		smbc_rsp_reset(&r);
		rc = smbc_add_write(c, &m, f, off + done,
				    (const uint8_t *)data + done, n);
		if (!rc)
			rc = call1(c, &m, &r, &p);
		if (!rc && (p->status || p->body_len < 8 ||
			    smbc_get32(p->body + 4) == 0))
			rc = -EIO;
		if (!rc)
			done += smbc_get32(p->body + 4);
	}
	smbc_msg_free(&m);
	smbc_rsp_free(&r);
	return rc ? rc : (long)done;
}

long smbc_read_all(struct smbc *c, struct smbc_fid f, uint64_t off,
		   void *data, size_t len)
{
	const struct smbc_pdu *p;
	struct smbc_msg m;
	struct smbc_rsp r;
	size_t done = 0, doff, dlen;
	int rc = 0;

	smbc_msg_init(&m);
	smbc_rsp_init(&r);
	while (done < len && !rc) {
		smbc_msg_reset(&m);
		smbc_rsp_reset(&r);
		rc = smbc_add_read(c, &m, f, off + done,
				   chunk(c->max_read, len - done));
		if (!rc)
			rc = call1(c, &m, &r, &p);
		if (rc)
			break;
		if (p->status == SMBC_STATUS_END_OF_FILE)
			break;
		if (p->status || p->body_len < 16) {
			rc = -EIO;
			break;
		}
		doff = p->body[2];
		dlen = smbc_get32(p->body + 4);
		if (!dlen || doff < SMBC_HDR_SIZE + 16 || doff > p->len ||
		    dlen > p->len - doff || dlen > len - done) {
			rc = dlen ? -EPROTO : 0;
			break;
		}
		memcpy((uint8_t *)data + done, p->hdr + doff, dlen);
		done += dlen;
	}
	smbc_msg_free(&m);
	smbc_rsp_free(&r);
	return rc ? rc : (long)done;
}
