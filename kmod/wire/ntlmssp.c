// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * NTLMSSP NEGOTIATE / CHALLENGE / AUTHENTICATE encoding and decoding
 * (MS-NLMP 2.2.1, 2.2.2).
 */
#include "ntlmssp.h"
#include "utf16.h"

static const u8 ntlmssp_sig[NTLMSSP_SIG_SIZE] = {
	'N', 'T', 'L', 'M', 'S', 'S', 'P', 0
};

static int check_sig(const u8 *buf, size_t len, size_t min, u32 type)
{
	if (len < min)
		return -EINVAL;
	if (memcmp(buf, ntlmssp_sig, NTLMSSP_SIG_SIZE))
		return -EINVAL;
	if (get_unaligned_le32(buf + 8) != type)
		return -EINVAL;
	return 0;
}

int ntlmssp_parse_negotiate(const u8 *buf, size_t len, u32 *flags)
{
	int rc = check_sig(buf, len, 16, NTLMSSP_NEGOTIATE);

	if (rc)
		return rc;
	*flags = get_unaligned_le32(buf + 12);
	return 0;
}

/* Flags for the CHALLENGE, from what the client asked for. */
static u32 challenge_flags(u32 c)
{
	u32 f = NTLMSSP_NEGOTIATE_UNICODE | NTLMSSP_NEGOTIATE_NTLM |
		NTLMSSP_NEGOTIATE_TARGET_INFO | NTLMSSP_TARGET_TYPE_DOMAIN;

	f |= c & (NTLMSSP_REQUEST_TARGET | NTLMSSP_NEGOTIATE_SIGN |
		  NTLMSSP_NEGOTIATE_SEAL | NTLMSSP_NEGOTIATE_ALWAYS_SIGN |
		  NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY |
		  NTLMSSP_NEGOTIATE_VERSION | NTLMSSP_NEGOTIATE_128 |
		  NTLMSSP_NEGOTIATE_KEY_EXCH | NTLMSSP_NEGOTIATE_56);
	return f;
}

/* Write UTF-16LE of @s at buf[*pos]; returns bytes or -errno. */
static int put_name(u8 *buf, size_t room, size_t pos, const char *s)
{
	int n;

	if (!s || !*s)
		return 0;
	if (pos > room)
		return -ENOSPC;
	n = utf8_to_utf16le(s, strlen(s), buf + pos, room - pos);
	if (n > 0xffff)
		return -EINVAL;
	return n;
}

static int put_av(u8 *buf, size_t room, size_t *pos, u16 id, const char *s)
{
	int n;

	if (!wire_range_ok(room, *pos, 4))
		return -ENOSPC;
	n = put_name(buf, room, *pos + 4, s);
	if (n < 0)
		return n;
	put_unaligned_le16(id, buf + *pos);
	put_unaligned_le16(n, buf + *pos + 2);
	*pos += 4 + n;
	return 0;
}

static void put_field(u8 *f, size_t len, size_t off)
{
	put_unaligned_le16(len, f);
	put_unaligned_le16(len, f + 2);
	put_unaligned_le32(off, f + 4);
}

static int put_target_info(u8 *buf, size_t room, size_t *pos,
			   const struct ntlmssp_target *t, u64 now)
{
	int rc;

	rc = put_av(buf, room, pos, MSV_AV_NB_DOMAIN_NAME, t->netbios_domain);
	if (!rc)
		rc = put_av(buf, room, pos, MSV_AV_NB_COMPUTER_NAME,
			    t->netbios_computer);
	if (!rc)
		rc = put_av(buf, room, pos, MSV_AV_DNS_DOMAIN_NAME,
			    t->dns_domain);
	if (!rc)
		rc = put_av(buf, room, pos, MSV_AV_DNS_COMPUTER_NAME,
			    t->dns_computer);
	if (rc)
		return rc;
	if (!wire_range_ok(room, *pos, (now ? 12 : 0) + 4))
		return -ENOSPC;
	/* now == 0: no MsvAvTimestamp (clients then send no MIC). */
	if (now) {
		put_unaligned_le16(MSV_AV_TIMESTAMP, buf + *pos);
		put_unaligned_le16(8, buf + *pos + 2);
		put_unaligned_le64(now, buf + *pos + 4);
		*pos += 12;
	}
	put_unaligned_le32(0, buf + *pos);	/* MsvAvEOL, length 0 */
	*pos += 4;
	return 0;
}

int ntlmssp_build_challenge(u8 *buf, size_t room,
			    const struct ntlmssp_target *t, u32 client_flags,
			    const u8 challenge[8], u64 nt_time_now,
			    u32 *srv_flags, size_t *len)
{
	size_t pos = NTLMSSP_CHALLENGE_HDR, ti;
	u32 f;
	int n, rc;

	if (!(client_flags & NTLMSSP_NEGOTIATE_UNICODE))
		return -EOPNOTSUPP;
	if (room < NTLMSSP_CHALLENGE_HDR)
		return -ENOSPC;
	f = challenge_flags(client_flags);
	memset(buf, 0, NTLMSSP_CHALLENGE_HDR);
	memcpy(buf, ntlmssp_sig, NTLMSSP_SIG_SIZE);
	put_unaligned_le32(NTLMSSP_CHALLENGE, buf + 8);

	n = put_name(buf, room, pos, t->netbios_domain);
	if (n < 0)
		return n;
	put_field(buf + 12, n, pos);
	pos += n;

	ti = pos;
	rc = put_target_info(buf, room, &pos, t, nt_time_now);
	if (rc)
		return rc;
	if (pos - ti > 0xffff)
		return -EINVAL;
	put_field(buf + 40, pos - ti, ti);

	put_unaligned_le32(f, buf + 20);
	memcpy(buf + 24, challenge, 8);
	if (f & NTLMSSP_NEGOTIATE_VERSION) {
		buf[48] = 6;		/* ProductMajorVersion */
		buf[49] = 1;		/* ProductMinorVersion */
		buf[55] = 0x0f;		/* NTLMSSP_REVISION_W2K3 */
	}
	*srv_flags = f;
	*len = pos;
	return 0;
}

/* Read a Len/MaxLen/Offset field; sets *p (NULL when empty). */
static int get_field(const u8 *buf, size_t len, size_t at, const u8 **p,
		     u16 *flen, size_t *min_off)
{
	u16 l = get_unaligned_le16(buf + at);
	u32 off = get_unaligned_le32(buf + at + 4);

	*flen = l;
	*p = NULL;
	if (!l)
		return 0;
	if (off < NTLMSSP_AUTH_HDR)
		return -EINVAL;
	if (!wire_range_ok(len, off, l))
		return -ERANGE;
	*p = buf + off;
	if (off < *min_off)
		*min_off = off;
	return 0;
}

/* Does the NTLMv2 blob's AV list carry MsvAvFlags with the MIC bit? */
static bool blob_has_mic(const u8 *nt, u16 nt_len)
{
	size_t pos = NTLMV2_RESP_MIN, alen;
	u16 id;

	if (nt_len < NTLMV2_RESP_MIN)
		return false;
	while (wire_range_ok(nt_len, pos, 4)) {
		id = get_unaligned_le16(nt + pos);
		alen = get_unaligned_le16(nt + pos + 2);
		if (id == MSV_AV_EOL || !wire_range_ok(nt_len, pos + 4, alen))
			break;
		if (id == MSV_AV_FLAGS && alen == 4)
			return get_unaligned_le32(nt + pos + 4) &
			       MSV_AV_FLAG_MIC_PRESENT;
		pos += 4 + alen;
	}
	return false;
}

int ntlmssp_parse_authenticate(const u8 *buf, size_t len,
			       struct ntlmssp_auth *out)
{
	size_t min_off = len;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = check_sig(buf, len, NTLMSSP_AUTH_HDR, NTLMSSP_AUTH);
	if (rc)
		return rc;
	rc = get_field(buf, len, 12, &out->lm_resp, &out->lm_resp_len,
		       &min_off);
	if (!rc)
		rc = get_field(buf, len, 20, &out->nt_resp, &out->nt_resp_len,
			       &min_off);
	if (!rc)
		rc = get_field(buf, len, 28, &out->domain, &out->domain_len,
			       &min_off);
	if (!rc)
		rc = get_field(buf, len, 36, &out->user, &out->user_len,
			       &min_off);
	if (!rc)
		rc = get_field(buf, len, 44, &out->workstation,
			       &out->workstation_len, &min_off);
	if (!rc)
		rc = get_field(buf, len, 52, &out->enc_session_key,
			       &out->enc_session_key_len, &min_off);
	if (rc)
		return rc;
	out->flags = get_unaligned_le32(buf + 60);
	out->anonymous = !out->user_len && !out->nt_resp_len;
	out->mic_present = blob_has_mic(out->nt_resp, out->nt_resp_len);
	if (out->mic_present) {
		if (min_off < NTLMSSP_AUTH_MIC_OFF + NTLMSSP_MIC_SIZE)
			return -EINVAL;
		out->mic = buf + NTLMSSP_AUTH_MIC_OFF;
	}
	return 0;
}
