/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Structural validation of received SMB2 requests (MS-SMB2 2.2.1, 2.2.3 -
 * 2.2.39, 3.3.5.2.6 compound).  After smb2_check_hdr() and
 * smb2_validate_req() succeed, every fixed field of the request body and
 * every offset/length pair in it lies inside the PDU; handlers still do
 * the semantic checks.
 */
#ifndef CIFSD_SMB2_VALIDATE_H
#define CIFSD_SMB2_VALIDATE_H

#include "smb2pdu.h"

/*
 * Check the SMB2 header at @msg + @off inside an SMB message of @msg_len
 * bytes (without the RFC 1002 header).  @off must be 8-byte aligned.
 * ProtocolId must be 0xFE 'S' 'M' 'B' and StructureSize 64.  NextCommand
 * 0 means the PDU runs to the end of the message; otherwise it must be a
 * multiple of 8, at least 64, and leave room for a following header.
 * On success *pdu_len is the length of this PDU.
 * Returns 0, -EINVAL (malformed) or -ERANGE (outside the message).
 */
int smb2_check_hdr(const u8 *msg, size_t msg_len, size_t off,
		   size_t *pdu_len);

/*
 * Validate the request body of the PDU [@pdu, @pdu + @pdu_len) (header
 * included) according to its Command: body present with the exact
 * StructureSize, fixed part complete, every variable buffer (non-zero
 * length) inside the PDU, after the fixed part and not overlapping
 * another buffer of the same request.  UTF-16 name lengths must be even.
 * Returns 0, -EINVAL, -ERANGE, or -EOPNOTSUPP for an unknown command.
 */
int smb2_validate_req(const u8 *pdu, size_t pdu_len);

/* One create context (MS-SMB2 2.2.13.2), pointers into the PDU. */
struct smb2_ctx_view {
	size_t off;		/* offset of the context in the PDU */
	const u8 *name;
	u16 name_len;
	const u8 *data;
	u32 data_len;
};

/*
 * Iterate over a create-context chain in [*@off, @end) of the PDU.  Start
 * with *@off = CreateContextsOffset and @end = CreateContextsOffset +
 * CreateContextsLength (already checked by smb2_validate_req()).
 * Returns 1 with *@out filled and *@off advanced, 0 at the end of the
 * chain, -EINVAL/-ERANGE for a malformed context.  Next must be 0 or a
 * multiple of 8 that is at least the context header size, so the walk
 * always moves forward and terminates.
 */
int smb2_create_ctx_next(const u8 *pdu, size_t pdu_len, size_t *off,
			 size_t end, struct smb2_ctx_view *out);

#endif /* CIFSD_SMB2_VALIDATE_H */
