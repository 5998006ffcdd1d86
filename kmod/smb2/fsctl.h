/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * File system controls: one request as smb2_ioctl() (the dispatcher)
 * hands it to a family file: fsctl_copy.c (server-side copy, duplicate
 * extents), fsctl_sparse.c (sparse files, zeroing, allocated ranges,
 * trim, compression) and fsctl_info.c (object ids, volume data, network
 * interfaces, snapshots).
 *
 * The input buffer lies inside the PDU (the dispatcher checked
 * InputOffset/InputCount); every structure in it is decoded by
 * wire/fsctl.c.  Output goes through the response writer only:
 * smb2_fsctl_out() begins the IOCTL reply and says how many bytes may be
 * written (the smaller of MaxOutputResponse and the member's budget),
 * smb2_fsctl_done() ends it with a status, which may be an error for the
 * controls whose error replies carry output (MS-SMB2 3.3.4.4).
 */
#ifndef CIFSD_SMB2_FSCTL_H
#define CIFSD_SMB2_FSCTL_H

#include "work.h"
#include "wire/fsctl.h"

struct cifsd_file;

struct smb2_fsctl {
	struct cifsd_work *w;
	u32 ctl;
	const u8 *in;		/* InputCount bytes inside the PDU */
	u32 in_len;
	u32 max_out;		/* MaxOutputResponse */
	struct cifsd_file *f;	/* the open named by FileId, referenced */
};

/* Begin the reply; NULL after an error reply.  *room: bytes allowed. */
u8 *smb2_fsctl_out(struct smb2_fsctl *x, size_t *room);
/* End the reply begun by smb2_fsctl_out() with @len output bytes. */
void smb2_fsctl_done(struct smb2_fsctl *x, u32 len, __le32 status);
/* A reply without output. */
void smb2_fsctl_ok(struct smb2_fsctl *x);

/* fsctl_copy.c */
int smb2_fsctl_resume_key(struct smb2_fsctl *x);
int smb2_fsctl_copychunk(struct smb2_fsctl *x);
int smb2_fsctl_dup_extents(struct smb2_fsctl *x);

/* fsctl_sparse.c */
int smb2_fsctl_set_sparse(struct smb2_fsctl *x);
int smb2_fsctl_zero_data(struct smb2_fsctl *x);
int smb2_fsctl_query_ranges(struct smb2_fsctl *x);
int smb2_fsctl_trim(struct smb2_fsctl *x);
int smb2_fsctl_get_compression(struct smb2_fsctl *x);
int smb2_fsctl_set_compression(struct smb2_fsctl *x);

/* fsctl_info.c */
int smb2_fsctl_object_id(struct smb2_fsctl *x);
int smb2_fsctl_ntfs_volume_data(struct smb2_fsctl *x);
int smb2_fsctl_snapshots(struct smb2_fsctl *x);
int smb2_fsctl_resiliency(struct smb2_fsctl *x);
/* FSCTL_QUERY_NETWORK_INTERFACE_INFO: no open (x->f is NULL). */
int smb2_fsctl_net_ifaces(struct smb2_fsctl *x);

#endif /* CIFSD_SMB2_FSCTL_H */
