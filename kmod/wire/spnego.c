// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SPNEGO encoding and decoding, only as much DER as SMB2 needs.
 */
#include "spnego.h"

#define DER_OID		0x06
#define DER_OCTETS	0x04
#define DER_ENUM	0x0a
#define DER_SEQ		0x30
#define DER_APP0	0x60
#define DER_CTX(n)	(0xa0 + (n))

/* Contents bytes of the OIDs (without tag and length). */
static const u8 oid_spnego[] = { 0x2b, 0x06, 0x01, 0x05, 0x05, 0x02 };
static const u8 oid_ntlmssp[] = { 0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37,
				  0x02, 0x02, 0x0a };
static const u8 ntlmssp_sig[8] = { 'N', 'T', 'L', 'M', 'S', 'S', 'P', 0 };

/* A decoded TLV: tag and contents [v, v + len). */
struct der_tlv {
	u8 tag;
	const u8 *v;
	size_t len;
};

/*
 * Read one TLV at b[*pos] within @len bytes.  Only single-byte tags and
 * definite lengths of up to 4 length bytes are accepted.
 */
static int der_read(const u8 *b, size_t len, size_t *pos, struct der_tlv *t)
{
	size_t p = *pos, l, i, n;

	if (!wire_range_ok(len, p, 2))
		return -EINVAL;
	t->tag = b[p++];
	if ((t->tag & 0x1f) == 0x1f)
		return -EINVAL;
	l = b[p++];
	if (l & 0x80) {
		n = l & 0x7f;
		if (!n || n > 4 || !wire_range_ok(len, p, n))
			return -EINVAL;
		for (l = 0, i = 0; i < n; i++)
			l = (l << 8) | b[p++];
	}
	if (!wire_range_ok(len, p, l))
		return -EINVAL;
	t->v = b + p;
	t->len = l;
	*pos = p + l;
	return 0;
}

/* Read a TLV that must have tag @tag and be the whole of [b, b + len). */
static int der_expect(const u8 *b, size_t len, u8 tag, struct der_tlv *t)
{
	size_t pos = 0;
	int rc = der_read(b, len, &pos, t);

	if (rc)
		return rc;
	if (t->tag != tag)
		return -EINVAL;
	return 0;
}

static bool oid_is(const struct der_tlv *t, const u8 *oid, size_t n)
{
	return t->tag == DER_OID && t->len == n && !memcmp(t->v, oid, n);
}

/* Walk mechTypes: -EOPNOTSUPP without NTLMSSP, else sets *first. */
static int check_mech_types(const struct der_tlv *mt, bool *first)
{
	struct der_tlv seq, oid;
	size_t pos = 0;
	int idx = 0, rc;

	rc = der_expect(mt->v, mt->len, DER_SEQ, &seq);
	if (rc)
		return rc;
	while (pos < seq.len) {
		rc = der_read(seq.v, seq.len, &pos, &oid);
		if (rc)
			return rc;
		if (oid_is(&oid, oid_ntlmssp, sizeof(oid_ntlmssp))) {
			*first = idx == 0;
			return 0;
		}
		idx++;
	}
	return -EOPNOTSUPP;
}

static int get_octets(const struct der_tlv *f, const u8 **p, size_t *len)
{
	struct der_tlv oct;
	int rc = der_expect(f->v, f->len, DER_OCTETS, &oct);

	if (rc)
		return rc;
	*p = oct.v;
	*len = oct.len;
	return 0;
}

/*
 * Walk the fields of the SEQUENCE inside NegTokenInit (@init true) or
 * NegTokenResp: mechTypes [0] (init), mechToken / responseToken [2],
 * mechListMIC [3].
 */
static int get_fields(const struct der_tlv *outer, bool init,
		      struct spnego_token *t)
{
	struct der_tlv seq, f;
	size_t pos = 0;
	int rc = 0;

	rc = der_expect(outer->v, outer->len, DER_SEQ, &seq);
	if (rc)
		return rc;
	while (pos < seq.len && !rc) {
		rc = der_read(seq.v, seq.len, &pos, &f);
		if (rc)
			return rc;
		if (init && f.tag == DER_CTX(0)) {
			rc = check_mech_types(&f, &t->ntlm_is_first);
			/* the MIC covers the DER of the MechTypeList */
			t->mech_types = f.v;
			t->mech_types_len = f.len;
		} else if (f.tag == DER_CTX(2)) {
			rc = get_octets(&f, &t->token, &t->token_len);
		} else if (f.tag == DER_CTX(3)) {
			rc = get_octets(&f, &t->mech_list_mic,
					&t->mech_list_mic_len);
		}
	}
	if (rc)
		return rc;
	if (init && !t->mech_types)
		return -EINVAL;
	if (init && !t->ntlm_is_first)
		return -ENOPROTOOPT;
	return 0;
}

int spnego_parse(const u8 *buf, size_t len, struct spnego_token *t)
{
	struct der_tlv app, oid, inner;
	size_t pos = 0;
	int rc;

	memset(t, 0, sizeof(*t));
	if (len >= sizeof(ntlmssp_sig) &&
	    !memcmp(buf, ntlmssp_sig, sizeof(ntlmssp_sig))) {
		t->token = buf;
		t->token_len = len;
		t->ntlm_is_first = true;
		t->raw = true;
		return 0;
	}
	rc = der_read(buf, len, &pos, &app);
	if (rc)
		return rc;
	if (app.tag == DER_CTX(1)) {
		t->ntlm_is_first = true;
		t->is_resp = true;
		return get_fields(&app, false, t);
	}
	if (app.tag != DER_APP0)
		return -EINVAL;
	pos = 0;
	rc = der_read(app.v, app.len, &pos, &oid);
	if (rc)
		return rc;
	if (!oid_is(&oid, oid_spnego, sizeof(oid_spnego)))
		return -EOPNOTSUPP;
	rc = der_read(app.v, app.len, &pos, &inner);
	if (rc)
		return rc;
	if (inner.tag != DER_CTX(0))
		return -EINVAL;
	return get_fields(&inner, true, t);
}

int spnego_get_mech_token(const u8 *buf, size_t len, const u8 **tok,
			  size_t *tok_len, bool *ntlm_is_first)
{
	struct spnego_token t;
	int rc = spnego_parse(buf, len, &t);

	*ntlm_is_first = t.ntlm_is_first;
	if (rc)
		return rc;
	if (!t.token_len)
		return -EINVAL;
	*tok = t.token;
	*tok_len = t.token_len;
	return 0;
}

/* Bytes needed for a DER length of @n. */
static size_t der_len_size(size_t n)
{
	if (n < 0x80)
		return 1;
	if (n <= 0xff)
		return 2;
	if (n <= 0xffff)
		return 3;
	if (n <= 0xffffff)
		return 4;
	return 5;
}

static size_t der_tlv_size(size_t n)
{
	return 1 + der_len_size(n) + n;
}

/* Write tag and length at buf[*pos]; the caller checked the room. */
static void der_put_hdr(u8 *buf, size_t *pos, u8 tag, size_t n)
{
	size_t ls = der_len_size(n), i;

	buf[(*pos)++] = tag;
	if (ls == 1) {
		buf[(*pos)++] = n;
		return;
	}
	buf[(*pos)++] = 0x80 | (ls - 1);
	for (i = ls - 1; i > 0; i--)
		buf[(*pos)++] = (n >> (8 * (i - 1))) & 0xff;
}

static void der_put(u8 *buf, size_t *pos, u8 tag, const u8 *v, size_t n)
{
	der_put_hdr(buf, pos, tag, n);
	memcpy(buf + *pos, v, n);
	*pos += n;
}

int spnego_build_init(u8 *buf, size_t room, size_t *len)
{
	size_t mech = der_tlv_size(sizeof(oid_ntlmssp));
	size_t types = der_tlv_size(mech);	/* SEQUENCE OF */
	size_t f0 = der_tlv_size(types);	/* [0] mechTypes */
	size_t seq = der_tlv_size(f0);		/* NegTokenInit */
	size_t ctx0 = der_tlv_size(seq);	/* [0] negTokenInit */
	size_t app_in = der_tlv_size(sizeof(oid_spnego)) + ctx0;
	size_t total = der_tlv_size(app_in), pos = 0;

	if (total > room)
		return -ENOSPC;
	der_put_hdr(buf, &pos, DER_APP0, app_in);
	der_put(buf, &pos, DER_OID, oid_spnego, sizeof(oid_spnego));
	der_put_hdr(buf, &pos, DER_CTX(0), seq);
	der_put_hdr(buf, &pos, DER_SEQ, f0);
	der_put_hdr(buf, &pos, DER_CTX(0), types);
	der_put_hdr(buf, &pos, DER_SEQ, mech);
	der_put(buf, &pos, DER_OID, oid_ntlmssp, sizeof(oid_ntlmssp));
	*len = pos;
	return 0;
}

int spnego_build_resp_mic(u8 *buf, size_t room, int neg_state,
			  bool with_mech, const u8 *tok, size_t tok_len,
			  const u8 *mic, size_t mic_len, size_t *len)
{
	size_t f0 = der_tlv_size(der_tlv_size(1));
	size_t f1 = with_mech ?
		der_tlv_size(der_tlv_size(sizeof(oid_ntlmssp))) : 0;
	size_t f2 = tok_len ? der_tlv_size(der_tlv_size(tok_len)) : 0;
	size_t f3 = mic_len ? der_tlv_size(der_tlv_size(mic_len)) : 0;
	size_t seq, total, pos = 0;
	u8 st;

	if (neg_state < SPNEGO_ACCEPT_COMPLETED || neg_state > SPNEGO_REJECT)
		return -EINVAL;
	if (tok_len > 0xffffff || mic_len > 0xffff)
		return -EINVAL;
	st = neg_state;
	seq = f0 + f1 + f2 + f3;
	total = der_tlv_size(der_tlv_size(seq));
	if (total > room)
		return -ENOSPC;
	der_put_hdr(buf, &pos, DER_CTX(1), der_tlv_size(seq));
	der_put_hdr(buf, &pos, DER_SEQ, seq);
	der_put_hdr(buf, &pos, DER_CTX(0), der_tlv_size(1));
	der_put(buf, &pos, DER_ENUM, &st, 1);
	if (with_mech) {
		der_put_hdr(buf, &pos, DER_CTX(1),
			    der_tlv_size(sizeof(oid_ntlmssp)));
		der_put(buf, &pos, DER_OID, oid_ntlmssp, sizeof(oid_ntlmssp));
	}
	if (tok_len) {
		der_put_hdr(buf, &pos, DER_CTX(2), der_tlv_size(tok_len));
		der_put(buf, &pos, DER_OCTETS, tok, tok_len);
	}
	if (mic_len) {
		der_put_hdr(buf, &pos, DER_CTX(3), der_tlv_size(mic_len));
		der_put(buf, &pos, DER_OCTETS, mic, mic_len);
	}
	*len = pos;
	return 0;
}

int spnego_build_resp(u8 *buf, size_t room, int neg_state, bool with_mech,
		      const u8 *tok, size_t tok_len, size_t *len)
{
	return spnego_build_resp_mic(buf, room, neg_state, with_mech, tok,
				     tok_len, NULL, 0, len);
}
