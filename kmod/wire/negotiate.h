/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SMB2 NEGOTIATE request parsing and 3.1.1 negotiate-context encoding
 * (MS-SMB2 2.2.3, 2.2.3.1, 2.2.4, 3.3.5.3, 3.3.5.4), and the SMB1
 * NEGOTIATE used by clients that start with SMB1 (MS-SMB2 3.3.5.3.1).
 */
#ifndef CIFSD_NEGOTIATE_H
#define CIFSD_NEGOTIATE_H

#include "smb2pdu.h"

#define SMB2_MAX_DIALECTS	8
#define SMB2_MAX_CIPHERS	4
#define SMB2_MAX_SIGNING_ALGS	3

struct smb2_negotiate_info {
	/* known dialects offered (0x0202 ... 0x0311), in client order */
	u16 dialects[SMB2_MAX_DIALECTS];
	u16 count;
	bool offered_smb2_wildcard;	/* 0x02FF present */
	u16 dialect_count_raw;		/* DialectCount as sent */
	u16 security_mode;
	u32 capabilities;
	u8 client_guid[SMB2_CLIENT_GUID_SIZE];

	/* negotiate contexts, only parsed when 0x0311 is offered */
	bool has_preauth_ctx;	/* PREAUTH_INTEGRITY_CAPABILITIES present */
	bool has_preauth;	/* ... and it offers SHA-512 */
	bool has_encryption_ctx;
	u16 ciphers[SMB2_MAX_CIPHERS];	/* known ciphers, client order */
	u16 cipher_count;
	bool has_signing_ctx;
	u16 signing_algs[SMB2_MAX_SIGNING_ALGS];	/* known, client order */
	u16 signing_count;
	bool has_posix_ctx;
};

/*
 * Parse a NEGOTIATE request PDU (header included) that already passed
 * smb2_validate_req().  Returns 0, -EINVAL for a request that must be
 * failed with STATUS_INVALID_PARAMETER (DialectCount 0, malformed or
 * duplicate contexts, 3.1.1 without a preauth context, counts that do not
 * fit DataLength), -ERANGE for offsets outside the PDU.  A preauth
 * context without SHA-512 sets has_preauth_ctx but not has_preauth: the
 * caller answers STATUS_NO_PREAUTH_INTEGRITY_HASH_OVERLAP.
 */
int smb2_parse_negotiate(const u8 *pdu, size_t pdu_len,
			 struct smb2_negotiate_info *out);

/* What the contexts of a 3.1.1 NEGOTIATE response carry. */
struct smb2_neg_ctx_out {
	u16 preauth_alg;
	const u8 *salt;		/* 32 bytes */
	bool cipher_ctx;	/* send ENCRYPTION_CAPABILITIES ... */
	u16 cipher;		/* ... with this cipher (0: none in common) */
	bool signing_ctx;	/* send SIGNING_CAPABILITIES ... */
	u16 signing_alg;	/* ... with this algorithm */
};

/*
 * Encode the negotiate contexts of a 3.1.1 NEGOTIATE response into @buf:
 * PREAUTH_INTEGRITY_CAPABILITIES, then ENCRYPTION_CAPABILITIES and
 * SIGNING_CAPABILITIES as @o asks.  Each context starts 8-byte aligned
 * relative to the first (place @buf 8-byte aligned from the SMB2
 * header); padding is zeroed.  *@out_len excludes padding after the last
 * context, *@count is the NegotiateContextCount.  -ENOSPC if too small.
 */
int smb2_build_negotiate_contexts(u8 *buf, size_t room,
				  const struct smb2_neg_ctx_out *o,
				  size_t *out_len, u16 *count);

/*
 * Append the SMB2_POSIX_EXTENSIONS_AVAILABLE context (its data the POSIX
 * GUID) after the @*len bytes of contexts already in @buf, updating @len
 * and @count.  -ENOSPC if @room is too small.
 */
int smb2_append_posix_context(u8 *buf, size_t room, size_t *len, u16 *count);

/*
 * Parse an SMB1 NEGOTIATE (SMB_COM_NEGOTIATE, 0x72) message of @len bytes
 * (without the RFC 1002 header) and report whether the dialect strings
 * "SMB 2.002" and "SMB 2.???" are offered.  Returns 0 or -EINVAL.
 */
int smb1_parse_negotiate(const u8 *msg, size_t len, bool *smb2_002,
			 bool *smb2_wild);

#endif /* CIFSD_NEGOTIATE_H */
