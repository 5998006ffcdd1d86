// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SMB2 oplock and lease break acknowledgments (break_ack.h).
 */
#include "break_ack.h"

#define OPLOCK_ACK_SIZE	24
#define LEASE_ACK_SIZE	36

int smb2_parse_break_ack(const u8 *body, u32 len, struct smb2_break_ack *out)
{
	u16 size;

	memset(out, 0, sizeof(*out));
	if (len < 2)
		return -EINVAL;
	size = get_unaligned_le16(body);
	if (size == OPLOCK_ACK_SIZE && len >= OPLOCK_ACK_SIZE) {
		out->oplock_level = body[2];
		out->persistent_fid = get_unaligned_le64(body + 8);
		out->volatile_fid = get_unaligned_le64(body + 16);
		return 0;
	}
	if (size == LEASE_ACK_SIZE && len >= LEASE_ACK_SIZE) {
		out->lease = true;
		memcpy(out->lease_key, body + 8, sizeof(out->lease_key));
		out->lease_state = get_unaligned_le32(body + 24);
		return 0;
	}
	return -EINVAL;
}
