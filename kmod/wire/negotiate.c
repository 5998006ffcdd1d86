// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * NEGOTIATE request parsing (SMB2 and the SMB1 upgrade path) and the
 * negotiate contexts of the 3.1.1 response.
 */
#include "negotiate.h"
#include "posix.h"

#define NEG_BODY_DIALECTS	36
#define NEG_CTX_HDR		8

static bool known_dialect(u16 d)
{
	return d == SMB20_PROT_ID || d == SMB21_PROT_ID ||
	       d == SMB30_PROT_ID || d == SMB302_PROT_ID ||
	       d == SMB311_PROT_ID;
}

static bool u16_in(const u16 *a, u16 n, u16 v)
{
	u16 i;

	for (i = 0; i < n; i++)
		if (a[i] == v)
			return true;
	return false;
}

/* Append @v to @a if not there yet and there is room. */
static void u16_add(u16 *a, u16 *n, u16 cap, u16 v)
{
	if (*n < cap && !u16_in(a, *n, v))
		a[(*n)++] = v;
}

static int parse_preauth(const u8 *d, u16 dlen,
			 struct smb2_negotiate_info *out)
{
	u16 n, salt, i;

	if (out->has_preauth_ctx)
		return -EINVAL;
	if (dlen < 4)
		return -EINVAL;
	n = get_unaligned_le16(d);
	salt = get_unaligned_le16(d + 2);
	if (!n)
		return -EINVAL;
	if ((size_t)4 + 2 * (size_t)n + salt > dlen)
		return -EINVAL;
	out->has_preauth_ctx = true;
	for (i = 0; i < n; i++)
		if (get_unaligned_le16(d + 4 + 2 * i) ==
		    SMB2_PREAUTH_INTEGRITY_SHA512)
			out->has_preauth = true;
	return 0;
}

static int parse_algs(const u8 *d, u16 dlen, u16 *arr, u16 *cnt, u16 cap,
		      u16 lo, u16 hi)
{
	u16 n, i, v;

	if (dlen < 2)
		return -EINVAL;
	n = get_unaligned_le16(d);
	if (!n || (size_t)2 + 2 * (size_t)n > dlen)
		return -EINVAL;
	for (i = 0; i < n; i++) {
		v = get_unaligned_le16(d + 2 + 2 * i);
		if (v >= lo && v <= hi)
			u16_add(arr, cnt, cap, v);
	}
	return 0;
}

static int parse_one_ctx(u16 type, const u8 *d, u16 dlen,
			 struct smb2_negotiate_info *out)
{
	switch (type) {
	case SMB2_PREAUTH_INTEGRITY_CAPABILITIES:
		return parse_preauth(d, dlen, out);
	case SMB2_ENCRYPTION_CAPABILITIES:
		if (out->has_encryption_ctx)
			return -EINVAL;
		out->has_encryption_ctx = true;
		return parse_algs(d, dlen, out->ciphers, &out->cipher_count,
				  SMB2_MAX_CIPHERS, SMB2_ENCRYPTION_AES128_CCM,
				  SMB2_ENCRYPTION_AES256_GCM);
	case SMB2_SIGNING_CAPABILITIES:
		if (out->has_signing_ctx)
			return -EINVAL;
		out->has_signing_ctx = true;
		return parse_algs(d, dlen, out->signing_algs,
				  &out->signing_count, SMB2_MAX_SIGNING_ALGS,
				  SMB2_SIGNING_HMAC_SHA256,
				  SMB2_SIGNING_AES_GMAC);
	case SMB2_POSIX_EXTENSIONS_AVAILABLE:
		/* the POSIX extensions GUID is its data; others are not ours */
		if (dlen >= SMB2_POSIX_GUID_SIZE &&
		    !memcmp(d, smb2_posix_guid, SMB2_POSIX_GUID_SIZE))
			out->has_posix_ctx = true;
		return 0;
	default:
		/* unknown contexts are ignored (3.3.5.4) */
		return 0;
	}
}

static int parse_contexts(const u8 *pdu, size_t pdu_len, size_t pos,
			  u16 count, struct smb2_negotiate_info *out)
{
	u16 i, type, dlen;
	int rc;

	if (pos & 7)
		return -EINVAL;
	for (i = 0; i < count; i++) {
		/* pos grows by at least 8 per context: the walk ends */
		if (!wire_range_ok(pdu_len, pos, NEG_CTX_HDR))
			return -ERANGE;
		type = get_unaligned_le16(pdu + pos);
		dlen = get_unaligned_le16(pdu + pos + 2);
		if (!wire_range_ok(pdu_len, pos + NEG_CTX_HDR, dlen))
			return -ERANGE;
		rc = parse_one_ctx(type, pdu + pos + NEG_CTX_HDR, dlen, out);
		if (rc)
			return rc;
		pos = ALIGN(pos + NEG_CTX_HDR + dlen, (size_t)8);
	}
	if (!out->has_preauth_ctx)
		return -EINVAL;
	return 0;
}

int smb2_parse_negotiate(const u8 *pdu, size_t pdu_len,
			 struct smb2_negotiate_info *out)
{
	const u8 *b = pdu + SMB2_HDR_SIZE;
	size_t dl_end;
	u16 n, i, d;

	memset(out, 0, sizeof(*out));
	if (!wire_range_ok(pdu_len, SMB2_HDR_SIZE, NEG_BODY_DIALECTS))
		return -EINVAL;
	if (get_unaligned_le16(pdu + 12) != SMB2_NEGOTIATE ||
	    get_unaligned_le16(b) != SMB2_NEGOTIATE_REQ_SIZE)
		return -EINVAL;
	n = get_unaligned_le16(b + 2);
	if (!n)
		return -EINVAL;
	dl_end = SMB2_HDR_SIZE + NEG_BODY_DIALECTS + 2 * (size_t)n;
	if (dl_end > pdu_len)
		return -ERANGE;
	out->dialect_count_raw = n;
	out->security_mode = get_unaligned_le16(b + 4);
	out->capabilities = get_unaligned_le32(b + 8);
	memcpy(out->client_guid, b + 12, SMB2_CLIENT_GUID_SIZE);
	for (i = 0; i < n; i++) {
		d = get_unaligned_le16(b + NEG_BODY_DIALECTS + 2 * i);
		if (d == SMB2X_PROT_ID)
			out->offered_smb2_wildcard = true;
		else if (known_dialect(d))
			u16_add(out->dialects, &out->count,
				SMB2_MAX_DIALECTS, d);
	}
	if (!u16_in(out->dialects, out->count, SMB311_PROT_ID))
		return 0;

	/* NegotiateContextOffset is from the start of the SMB2 header */
	if (get_unaligned_le32(b + 28) < dl_end)
		return -EINVAL;
	return parse_contexts(pdu, pdu_len, get_unaligned_le32(b + 28),
			      get_unaligned_le16(b + 32), out);
}

static int put_ctx(u8 *buf, size_t room, size_t *pos, u16 type,
		   const u8 *data, u16 dlen)
{
	size_t start = ALIGN(*pos, (size_t)8);

	if (!wire_range_ok(room, start, NEG_CTX_HDR + (size_t)dlen))
		return -ENOSPC;
	memset(buf + *pos, 0, start - *pos);
	put_unaligned_le16(type, buf + start);
	put_unaligned_le16(dlen, buf + start + 2);
	put_unaligned_le32(0, buf + start + 4);
	memcpy(buf + start + NEG_CTX_HDR, data, dlen);
	*pos = start + NEG_CTX_HDR + dlen;
	return 0;
}

int smb2_build_negotiate_contexts(u8 *buf, size_t room,
				  const struct smb2_neg_ctx_out *o,
				  size_t *out_len, u16 *count)
{
	u8 d[38];
	size_t pos = 0;
	u16 n = 0;
	int rc;

	put_unaligned_le16(1, d);
	put_unaligned_le16(32, d + 2);
	put_unaligned_le16(o->preauth_alg, d + 4);
	memcpy(d + 6, o->salt, 32);
	rc = put_ctx(buf, room, &pos, SMB2_PREAUTH_INTEGRITY_CAPABILITIES,
		     d, 38);
	if (rc)
		return rc;
	n++;
	if (o->cipher_ctx) {
		put_unaligned_le16(1, d);
		put_unaligned_le16(o->cipher, d + 2);
		rc = put_ctx(buf, room, &pos, SMB2_ENCRYPTION_CAPABILITIES,
			     d, 4);
		if (rc)
			return rc;
		n++;
	}
	if (o->signing_ctx) {
		put_unaligned_le16(1, d);
		put_unaligned_le16(o->signing_alg, d + 2);
		rc = put_ctx(buf, room, &pos, SMB2_SIGNING_CAPABILITIES,
			     d, 4);
		if (rc)
			return rc;
		n++;
	}
	*out_len = pos;
	*count = n;
	return 0;
}

int smb2_append_posix_context(u8 *buf, size_t room, size_t *len, u16 *count)
{
	int rc = put_ctx(buf, room, len, SMB2_POSIX_EXTENSIONS_AVAILABLE,
			 smb2_posix_guid, SMB2_POSIX_GUID_SIZE);

	if (!rc)
		(*count)++;
	return rc;
}

#define SMB1_HDR_SIZE		32
#define SMB1_COM_NEGOTIATE	0x72

static bool str_eq(const u8 *s, size_t n, const char *lit)
{
	size_t l = strlen(lit);

	return n == l && !memcmp(s, lit, l);
}

int smb1_parse_negotiate(const u8 *msg, size_t len, bool *smb2_002,
			 bool *smb2_wild)
{
	size_t pos, end, s;
	u16 bc;
	int n = 0;

	*smb2_002 = false;
	*smb2_wild = false;
	/* header, WordCount (1) and ByteCount (2) */
	if (len < SMB1_HDR_SIZE + 3)
		return -EINVAL;
	if (msg[0] != 0xff || msg[1] != 'S' || msg[2] != 'M' || msg[3] != 'B')
		return -EINVAL;
	if (msg[4] != SMB1_COM_NEGOTIATE || msg[SMB1_HDR_SIZE] != 0)
		return -EINVAL;
	bc = get_unaligned_le16(msg + SMB1_HDR_SIZE + 1);
	pos = SMB1_HDR_SIZE + 3;
	if (!wire_range_ok(len, pos, bc))
		return -EINVAL;
	end = pos + bc;
	while (pos < end) {
		if (msg[pos] != 0x02)
			return -EINVAL;
		s = ++pos;
		while (pos < end && msg[pos])
			pos++;
		if (pos >= end)
			return -EINVAL;	/* no terminating NUL */
		if (str_eq(msg + s, pos - s, "SMB 2.002"))
			*smb2_002 = true;
		else if (str_eq(msg + s, pos - s, "SMB 2.???"))
			*smb2_wild = true;
		pos++;
		n++;
	}
	return n ? 0 : -EINVAL;
}
