// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SESSION_SETUP with NTLMSSP/NTLMv2 (MS-SMB2 2.2.5, 3.2.4.2.3, 3.2.5.3),
 * the session keys per dialect (3.2.5.3.1: 2.x signs with the session
 * key, 3.x with the SP800-108 signing key, 3.1.1 over the preauth hash)
 * and LOGOFF.
 */
#include "smbc_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int smbc_add_session_setup(struct smbc *c, struct smbc_msg *m,
			   const void *token, size_t len, uint64_t prev_sid)
{
	uint8_t *b = smbc_add(c, m, SMBC_SESSION_SETUP, 24, 0);

	if (!b)
		return -ENOMEM;
	smbc_put16(b, 25);
	b[3] = 0x01;			/* SIGNING_ENABLED */
	smbc_put32(b + 4, 0x1);		/* DFS */
	smbc_put16(b + 12, SMBC_HDR_SIZE + 24);
	smbc_put16(b + 14, (uint16_t)len);
	smbc_put64(b + 16, prev_sid);
	if (len && !smbc_append(m, token, len))
		return -ENOMEM;
	return 0;
}

int smbc_add_logoff(struct smbc *c, struct smbc_msg *m)
{
	uint8_t *b = smbc_add(c, m, SMBC_LOGOFF, 4, 0);

	if (!b)
		return -ENOMEM;
	smbc_put16(b, 4);
	return 0;
}

/* One SESSION_SETUP round trip; the 3.1.1 hash covers the request and,
 * unless it is the final SUCCESS, the response. */
static int leg(struct smbc *c, const uint8_t *tok, size_t len,
	       uint8_t hash[64], struct smbc_rsp *r, const struct smbc_pdu **p)
{
	struct smbc_msg m;
	int rc;

	smbc_msg_init(&m);
	smbc_rsp_reset(r);
	rc = smbc_add_session_setup(c, &m, tok, len, 0);
	if (!rc)
		rc = smbc_call(c, &m, r);
	if (!rc && c->dialect == SMBC_D311)
		smb311_preauth_update(hash, m.buf, m.len);
	if (!rc)
		*p = smbc_rsp_find(r, smbc_msg_mid(&m, 0));
	if (!rc && !*p)
		rc = -EPROTO;
	smbc_msg_free(&m);
	if (rc)
		return rc;
	if (c->dialect == SMBC_D311 &&
	    (*p)->status == SMBC_STATUS_MORE_PROCESSING_REQUIRED)
		smb311_preauth_update(hash, (*p)->hdr, (*p)->len);
	return 0;
}

/* Security buffer of a SESSION_SETUP response, bounds-checked. */
static int sec_buffer(const struct smbc_pdu *p, const uint8_t **buf,
		      size_t *len)
{
	size_t off, n;

	if (p->body_len < 8)
		return -EPROTO;
	off = smbc_get16(p->body + 4);
	n = smbc_get16(p->body + 6);
	if (off < SMBC_HDR_SIZE + 8 || off > p->len || n > p->len - off)
		return -EPROTO;
	*buf = p->hdr + off;
	*len = n;
	return 0;
}

static int finish(struct smbc *c, const struct smbc_opts *o,
		  const struct smbc_ntlm *n, const uint8_t hash[64],
		  const struct smbc_pdu *p)
{
	int rc = 0;

	c->session_flags = smbc_get16(p->body + 2);
	memcpy(c->session_key, n->session_key, 16);
	if (c->dialect >= SMBC_D300)
		rc = smb3_signing_key(c->dialect, c->session_key, hash,
				      c->signing_key);
	if (rc)
		return rc;
	c->session_valid = true;
	if ((p->flags & SMBC_FLAG_SIGNED) &&
	    smb2_verify_pdu(c->sign_alg, c->dialect >= SMBC_D300 ?
			    c->signing_key : c->session_key,
			    p->hdr, p->len)) {
		c->bad_signatures++;
		return -EACCES;
	}
	c->signing = !o->no_sign && !(c->session_flags & 0x3) &&
		     o->user && *o->user;
	return 0;
}

static int wrap(const struct smbc_opts *o, bool first, const uint8_t *tok,
		size_t len, uint8_t **out, size_t *out_len)
{
	long n;

	*out = malloc(len + 64);
	if (!*out)
		return -ENOMEM;
	if (o->raw_ntlmssp) {
		memcpy(*out, tok, len);
		*out_len = len;
		return 0;
	}
	n = first ? smbc_spnego_init(*out, len + 64, tok, len) :
		    smbc_spnego_resp(*out, len + 64, tok, len);
	if (n < 0)
		return (int)n;
	*out_len = (size_t)n;
	return 0;
}

int smbc_session_setup(struct smbc *c, const struct smbc_opts *o,
		       uint32_t *status)
{
	struct smbc_ntlm n = { 0 };
	const struct smbc_pdu *p = NULL;
	const uint8_t *sb, *chal;
	uint8_t hash[64], *tok = NULL;
	size_t sl, cl, tl;
	struct smbc_rsp r;
	int rc;

	memcpy(hash, c->preauth, 64);
	smbc_rsp_init(&r);
	c->session_id = 0;
	c->session_valid = false;
	c->signing = false;
	smbc_ntlm_negotiate(&n);
	rc = wrap(o, true, n.negotiate, n.negotiate_len, &tok, &tl);
	if (!rc)
		rc = leg(c, tok, tl, hash, &r, &p);
	if (rc)
		goto out;
	if (status)
		*status = p->status;
	if (p->status != SMBC_STATUS_MORE_PROCESSING_REQUIRED) {
		rc = -EACCES;
		goto out;
	}
	c->session_id = smbc_get64(p->hdr + SMBC_HO_SID);
	rc = sec_buffer(p, &sb, &sl);
	if (!rc)
		rc = smbc_spnego_token(sb, sl, &chal, &cl);
	if (!rc)
		rc = smbc_ntlm_authenticate(&n, chal, cl, o->user ? o->user :
					    "", o->domain ? o->domain : "",
					    o->pass ? o->pass : "");
	free(tok);
	tok = NULL;
	if (!rc)
		rc = wrap(o, false, n.auth, n.auth_len, &tok, &tl);
	if (!rc)
		rc = leg(c, tok, tl, hash, &r, &p);
	if (rc)
		goto out;
	if (status)
		*status = p->status;
	if (p->status != SMBC_STATUS_SUCCESS) {
		rc = -EACCES;
		goto out;
	}
	rc = finish(c, o, &n, hash, p);
out:
	free(tok);
	smbc_ntlm_free(&n);
	smbc_rsp_free(&r);
	return rc;
}

int smbc_logoff(struct smbc *c)
{
	struct smbc_msg m;
	struct smbc_rsp r;
	int rc;

	smbc_msg_init(&m);
	smbc_rsp_init(&r);
	rc = smbc_add_logoff(c, &m);
	if (!rc)
		rc = smbc_call(c, &m, &r);
	if (!rc && r.pdu[r.n - 1].status != SMBC_STATUS_SUCCESS)
		rc = -EPROTO;
	c->session_valid = false;
	smbc_msg_free(&m);
	smbc_rsp_free(&r);
	return rc;
}
