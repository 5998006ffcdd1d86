/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The wire side of oplocks and leases: break notifications (MS-SMB2
 * 2.2.23.1, 2.2.23.2) and the OPLOCK_BREAK command that acknowledges
 * them (3.3.5.22).  The decisions are in state/oplock.c.
 *
 * Notifications are built while the file's state is locked and sent once
 * it is not: the builders append to a list, cifsd_break_msgs_send() sends
 * and frees it.  A message holds a reference on its connection.
 */
#ifndef CIFSD_SMB2_OPLOCK_H
#define CIFSD_SMB2_OPLOCK_H

#include <linux/list.h>
#include <linux/types.h>

struct cifsd_file;
struct cifsd_lease;
struct cifsd_work;

/* Oplock break notification for @f, offering @level. */
void cifsd_break_msg_oplock(struct cifsd_file *f, u8 level,
			    struct list_head *out);
/* Lease break notification for @l, from @cur to @to. */
void cifsd_break_msg_lease(struct cifsd_lease *l, u32 cur, u32 to,
			   bool ack_required, struct list_head *out);
void cifsd_break_msgs_send(struct list_head *msgs);

/* SMB2 OPLOCK_BREAK: oplock and lease break acknowledgments. */
int smb2_oplock_break(struct cifsd_work *w);

#endif /* CIFSD_SMB2_OPLOCK_H */
