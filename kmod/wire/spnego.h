/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Minimal SPNEGO (RFC 4178, MS-SPNG) in DER: definite lengths only, a
 * fixed nesting depth, NTLMSSP as the only mechanism.
 */
#ifndef CIFSD_SPNEGO_H
#define CIFSD_SPNEGO_H

#include "wire.h"

#define SPNEGO_ACCEPT_COMPLETED		0
#define SPNEGO_ACCEPT_INCOMPLETE	1
#define SPNEGO_REJECT			2

/*
 * Build the GSS-API InitialContextToken carrying a NegTokenInit that
 * lists NTLMSSP (1.3.6.1.4.1.311.2.2.10), for the NEGOTIATE response's
 * SecurityBuffer.  Returns 0 or -ENOSPC.
 */
int spnego_build_init(u8 *buf, size_t room, size_t *len);

/*
 * Find the mechanism token in a SESSION_SETUP SecurityBuffer.  Accepted:
 * - InitialContextToken (0x60) with the SPNEGO OID wrapping NegTokenInit:
 *   returns mechToken; *@ntlm_is_first tells whether NTLMSSP is the
 *   client's first (preferred) mechanism;
 * - NegTokenResp ([1]): returns responseToken;
 * - a raw NTLMSSP message ("NTLMSSP\0"), returned as is.
 * *@tok points into @buf.  Returns 0; -EOPNOTSUPP when NTLMSSP is not
 * offered at all; -ENOPROTOOPT when NTLMSSP is offered but is not the
 * first mechanism (the mechToken, if any, belongs to another mechanism:
 * answer with spnego_build_resp(ACCEPT_INCOMPLETE, with_mech, no token));
 * -EINVAL when malformed or no token is present.
 */
int spnego_get_mech_token(const u8 *buf, size_t len, const u8 **tok,
			  size_t *tok_len, bool *ntlm_is_first);

/* Everything the server needs from a SESSION_SETUP SecurityBuffer. */
struct spnego_token {
	const u8 *token;	/* mechToken / responseToken / raw NTLMSSP */
	size_t token_len;
	/*
	 * NegTokenInit: the DER MechTypeList (SEQUENCE OF OID, tag and
	 * length included), which the mechListMIC covers.  Keep a copy
	 * for the last leg.
	 */
	const u8 *mech_types;
	size_t mech_types_len;
	const u8 *mech_list_mic;	/* NegTokenResp mechListMIC, if any */
	size_t mech_list_mic_len;
	bool ntlm_is_first;
	bool is_resp;		/* NegTokenResp */
	bool raw;		/* bare NTLMSSP, no SPNEGO */
};

/*
 * Like spnego_get_mech_token() but returns all fields; a missing token
 * is not an error here (token_len 0).  Same return values otherwise.
 */
int spnego_parse(const u8 *buf, size_t len, struct spnego_token *t);

/*
 * Build a NegTokenResp with negState @neg_state, supportedMech NTLMSSP
 * when @with_mech, and responseToken @tok when @tok_len is non-zero.
 * Returns 0, -EINVAL (bad state) or -ENOSPC.
 */
int spnego_build_resp(u8 *buf, size_t room, int neg_state, bool with_mech,
		      const u8 *tok, size_t tok_len, size_t *len);

/* The same with a mechListMIC ([3]) when @mic_len is non-zero. */
int spnego_build_resp_mic(u8 *buf, size_t room, int neg_state,
			  bool with_mech, const u8 *tok, size_t tok_len,
			  const u8 *mic, size_t mic_len, size_t *len);

#endif /* CIFSD_SPNEGO_H */
