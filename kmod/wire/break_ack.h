/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SMB2 OPLOCK_BREAK requests from the client (MS-SMB2 2.2.24.1 oplock
 * break acknowledgment, 2.2.24.2 lease break acknowledgment): which one
 * and its fields.  Pure function over a received body; builds in
 * userspace for unit tests and fuzzing.
 */
#ifndef CIFSD_WIRE_BREAK_ACK_H
#define CIFSD_WIRE_BREAK_ACK_H

#include "wire.h"

struct smb2_break_ack {
	bool lease;		/* a lease break acknowledgment */
	u8 oplock_level;	/* oplock: the level the client keeps */
	u64 persistent_fid;	/* oplock */
	u64 volatile_fid;
	u8 lease_key[16];	/* lease */
	u32 lease_state;	/* lease: the state the client keeps */
};

/*
 * Parse the @len bytes of body at @body: StructureSize 24 (oplock) or
 * 36 (lease) with the body that long, or -EINVAL.  Levels and states are
 * the caller's to judge (3.3.5.22: they answer other statuses).
 */
int smb2_parse_break_ack(const u8 *body, u32 len, struct smb2_break_ack *out);

#endif /* CIFSD_WIRE_BREAK_ACK_H */
