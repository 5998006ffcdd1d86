/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Handlers of the session, tree and miscellaneous commands.  The file
 * operations are declared in smb2_fileops.h.  Contract: see work.h.
 */
#ifndef CIFSD_SMB2_CMDS_H
#define CIFSD_SMB2_CMDS_H

struct cifsd_work;
struct smb2_ioctl_rsp;

int smb2_negotiate(struct cifsd_work *w);
int smb2_session_setup(struct cifsd_work *w);
int smb2_logoff(struct cifsd_work *w);
int smb2_tree_connect(struct cifsd_work *w);
int smb2_tree_disconnect(struct cifsd_work *w);
int smb2_echo(struct cifsd_work *w);
int smb2_cancel(struct cifsd_work *w);
int smb2_lock(struct cifsd_work *w);
int smb2_ioctl(struct cifsd_work *w);
int smb2_change_notify(struct cifsd_work *w);

/*
 * An IOCTL reply through the response writer: begin, write at most
 * smb2_rsp_room() output bytes at smb2_rsp_buf(), then end.
 */
struct smb2_ioctl_rsp *smb2_ioctl_begin(struct cifsd_work *w);
void smb2_ioctl_end(struct cifsd_work *w, u32 ctl, u32 out_len);

/* An SMB1 NEGOTIATE offering SMB2: answered with an SMB2 NEGOTIATE. */
void smb1_negotiate(struct cifsd_work *w);

/* Preauth integrity (3.1.1): fold one message into @hash. */
int smb2_preauth_update(u8 *hash, const void *msg, size_t len);

/* The SMB2 NEGOTIATE response common to SMB1 upgrade and SMB2. */
int smb2_build_negotiate_rsp(struct cifsd_work *w, u16 dialect);

/* Sign the current response PDU (w->rsp_pdu_off, @len bytes). */
void smb2_sign_rsp(struct cifsd_work *w, size_t len);

#endif /* CIFSD_SMB2_CMDS_H */
