/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * NTLMSSP messages and NTLMv2 verification (MS-NLMP 2.2, 3.2.5, 3.3.2).
 * Only NTLMv2 with Unicode strings is supported.
 */
#ifndef CIFSD_NTLMSSP_H
#define CIFSD_NTLMSSP_H

#include "wire.h"

#define NTLMSSP_SIG_SIZE	8
#define NTLMSSP_NEGOTIATE	1
#define NTLMSSP_CHALLENGE	2
#define NTLMSSP_AUTH		3

/* NegotiateFlags (MS-NLMP 2.2.2.5) */
#define NTLMSSP_NEGOTIATE_UNICODE		0x00000001
#define NTLM_NEGOTIATE_OEM			0x00000002
#define NTLMSSP_REQUEST_TARGET			0x00000004
#define NTLMSSP_NEGOTIATE_SIGN			0x00000010
#define NTLMSSP_NEGOTIATE_SEAL			0x00000020
#define NTLMSSP_NEGOTIATE_DATAGRAM		0x00000040
#define NTLMSSP_NEGOTIATE_LM_KEY		0x00000080
#define NTLMSSP_NEGOTIATE_NTLM			0x00000200
#define NTLMSSP_ANONYMOUS			0x00000800
#define NTLMSSP_NEGOTIATE_OEM_DOMAIN_SUPPLIED	0x00001000
#define NTLMSSP_NEGOTIATE_OEM_WORKSTATION_SUPPLIED 0x00002000
#define NTLMSSP_NEGOTIATE_ALWAYS_SIGN		0x00008000
#define NTLMSSP_TARGET_TYPE_DOMAIN		0x00010000
#define NTLMSSP_TARGET_TYPE_SERVER		0x00020000
#define NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY 0x00080000
#define NTLMSSP_NEGOTIATE_IDENTIFY		0x00100000
#define NTLMSSP_REQUEST_NON_NT_SESSION_KEY	0x00400000
#define NTLMSSP_NEGOTIATE_TARGET_INFO		0x00800000
#define NTLMSSP_NEGOTIATE_VERSION		0x02000000
#define NTLMSSP_NEGOTIATE_128			0x20000000
#define NTLMSSP_NEGOTIATE_KEY_EXCH		0x40000000
#define NTLMSSP_NEGOTIATE_56			0x80000000

/* AV_PAIR ids (MS-NLMP 2.2.2.1) */
#define MSV_AV_EOL		0
#define MSV_AV_NB_COMPUTER_NAME	1
#define MSV_AV_NB_DOMAIN_NAME	2
#define MSV_AV_DNS_COMPUTER_NAME 3
#define MSV_AV_DNS_DOMAIN_NAME	4
#define MSV_AV_FLAGS		6
#define MSV_AV_TIMESTAMP	7

#define MSV_AV_FLAG_MIC_PRESENT	0x00000002

#define NTLMSSP_CHALLENGE_HDR	56	/* fixed part incl. Version */
#define NTLMSSP_AUTH_HDR	64	/* fixed part without Version/MIC */
#define NTLMSSP_AUTH_MIC_OFF	72
#define NTLMSSP_MIC_SIZE	16
#define NTLMV2_RESP_MIN		(16 + 28)	/* NTProofStr + blob header */
#define NTLMSSP_MAX_NAME	256		/* bytes of UTF-16 user/domain */

/* Names the server announces in its CHALLENGE (UTF-8, NUL-terminated). */
struct ntlmssp_target {
	const char *netbios_domain;
	const char *netbios_computer;
	const char *dns_domain;
	const char *dns_computer;
};

/* A received AUTHENTICATE message; pointers into the message buffer. */
struct ntlmssp_auth {
	const u8 *lm_resp;
	u16 lm_resp_len;
	const u8 *nt_resp;
	u16 nt_resp_len;
	const u8 *domain;		/* UTF-16LE */
	u16 domain_len;
	const u8 *user;			/* UTF-16LE */
	u16 user_len;
	const u8 *workstation;		/* UTF-16LE */
	u16 workstation_len;
	const u8 *enc_session_key;
	u16 enc_session_key_len;
	u32 flags;
	bool anonymous;			/* empty user and NT response */
	bool mic_present;		/* MsvAvFlags says a MIC is included */
	const u8 *mic;			/* 16 bytes at offset 72, or NULL */
};

/* Parse a NEGOTIATE message.  Returns 0, -EINVAL. */
int ntlmssp_parse_negotiate(const u8 *buf, size_t len, u32 *flags);

/*
 * Build the CHALLENGE message into @buf: TargetName = NetBIOS domain,
 * TargetInfo = NbDomain, NbComputer, DnsDomain, DnsComputer, Timestamp
 * (@nt_time_now, FILETIME), EOL.  The server's flags are derived from
 * @client_flags and returned in *@srv_flags.  Returns 0, -EOPNOTSUPP
 * (client does not offer Unicode), -EINVAL (bad names) or -ENOSPC.
 */
int ntlmssp_build_challenge(u8 *buf, size_t room,
			    const struct ntlmssp_target *t, u32 client_flags,
			    const u8 challenge[8], u64 nt_time_now,
			    u32 *srv_flags, size_t *len);

/*
 * Parse an AUTHENTICATE message; every field is bounds-checked and must
 * lie after the fixed header.  Returns 0 or -EINVAL/-ERANGE.
 */
int ntlmssp_parse_authenticate(const u8 *buf, size_t len,
			       struct ntlmssp_auth *out);

/*
 * Verify the NTLMv2 response of @a against the NT hash (MD4 of the
 * UTF-16LE password) and @server_challenge.  The domain sent is tried,
 * then an empty domain.  On success the SessionBaseKey is written to
 * @session_base_key.  Returns 0, -EACCES (wrong response, NTLMv1 or
 * anonymous), -EINVAL (name too long or odd-sized), -EBADMSG (the blob's
 * AV pairs are malformed: STATUS_INVALID_PARAMETER, as Windows answers).
 */
int ntlmv2_verify(const u8 nt_hash[16], const struct ntlmssp_auth *a,
		  const u8 server_challenge[8], u8 session_base_key[16]);

/*
 * ExportedSessionKey (MS-NLMP 3.2.5.1.2 / 3.3.2): with KEY_EXCH and a
 * 16-byte EncryptedRandomSessionKey, RC4(SessionBaseKey, that key);
 * otherwise the base key itself.  Returns 0 or -EINVAL (KEY_EXCH with a
 * key of the wrong size).
 */
int ntlmssp_exported_key(const u8 base_key[16], const struct ntlmssp_auth *a,
			 u8 out[16]);

/*
 * Check the MIC of an AUTHENTICATE message (MS-NLMP 3.2.5.1.2):
 * HMAC_MD5(ExportedSessionKey, NEGOTIATE || CHALLENGE || AUTHENTICATE
 * with the MIC field zeroed).  Returns 0, -EACCES (mismatch) or -EINVAL
 * (no MIC in @auth).
 */
int ntlmssp_verify_mic(const u8 exported_key[16], const u8 *neg,
		       size_t neg_len, const u8 *chal, size_t chal_len,
		       const u8 *auth, size_t auth_len);

/*
 * NTLMSSP message integrity (MS-NLMP 3.4.4.2, 3.4.5.2, 3.4.5.3), needed
 * for the SPNEGO mechListMIC (MS-SPNG 3.3.5.1): clients that send an
 * AUTHENTICATE MIC also send a mechListMIC and expect one back.
 * Only extended session security is supported.
 */
#define NTLMSSP_SIGNATURE_SIZE	16

/*
 * SignKey and SealKey for one direction (@server_to_client false: the
 * keys the client signs with).  Returns 0, -EOPNOTSUPP without
 * NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY in @flags.
 */
int ntlmssp_sign_keys(const u8 exported_key[16], u32 flags,
		      bool server_to_client, u8 sign_key[16],
		      u8 seal_key[16]);

/*
 * GSS_GetMIC of @msg with sequence number @seqnum and a fresh RC4 sealing
 * handle, which is what the one-off mechListMIC needs: Version 1,
 * Checksum = HMAC_MD5(SignKey, SeqNum || msg)[0..7], RC4-encrypted
 * with SealKey under KEY_EXCH, SeqNum.  Returns 0 or -EOPNOTSUPP.
 */
int ntlmssp_gss_mic(const u8 exported_key[16], u32 flags,
		    bool server_to_client, u32 seqnum, const u8 *msg,
		    size_t len, u8 sig[NTLMSSP_SIGNATURE_SIZE]);

/*
 * Check a received GSS_GetMIC token (the client's mechListMIC: use
 * @server_to_client false and @seqnum 0) in constant time.
 * Returns 0, -EACCES (mismatch or wrong size) or -EOPNOTSUPP.
 */
int ntlmssp_gss_verify_mic(const u8 exported_key[16], u32 flags,
			   bool server_to_client, u32 seqnum, const u8 *msg,
			   size_t len, const u8 *sig, size_t sig_len);

#endif /* CIFSD_NTLMSSP_H */
