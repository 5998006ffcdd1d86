/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Named pipes on IPC$ (srvsvc, wkssvc, winreg, lsarpc, samr).
 *
 * The kernel only moves bytes: CREATE, WRITE, READ, IOCTL
 * FSCTL_PIPE_TRANSCEIVE and CLOSE become CIFSD_CMD_RPC requests to the
 * daemon, which runs DCE/RPC and keeps every pipe's state.  An open of a
 * pipe is a struct cifsd_file without a struct file and with a non-zero
 * pipe_id; its last put tells the daemon to forget the pipe.
 *
 * Each handler follows the contract of smb2_fileops.h and is called only
 * when w->tree->is_pipe.
 */
#ifndef CIFSD_SMB2_PIPE_H
#define CIFSD_SMB2_PIPE_H

#include "work.h"

struct cifsd_file;

int smb2_pipe_create(struct cifsd_work *w);
int smb2_pipe_close(struct cifsd_work *w);
int smb2_pipe_read(struct cifsd_work *w);
int smb2_pipe_write(struct cifsd_work *w);
int smb2_pipe_transceive(struct cifsd_work *w);
int smb2_pipe_query_info(struct cifsd_work *w);
int smb2_pipe_set_info(struct cifsd_work *w);

/* Last put of a pipe open: tell the daemon (file.c). */
void smb2_pipe_release(struct cifsd_file *f);

#endif /* CIFSD_SMB2_PIPE_H */
