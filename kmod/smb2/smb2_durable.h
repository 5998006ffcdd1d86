/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The wire side of durable handles (state/durable.h): which create
 * contexts ask for what (MS-SMB2 3.3.5.9.6, .7, .10, .12), the grant
 * after the open exists, and the reconnect that replaces a CREATE.
 */
#ifndef CIFSD_SMB2_DURABLE_H
#define CIFSD_SMB2_DURABLE_H

#include <linux/types.h>
#include "wire/create_ctx.h"

struct cifsd_work;
struct cifsd_file;
struct cifsd_grant;
struct cifsd_lease_req;

enum smb2_dh_kind {
	SMB2_DH_NONE,
	SMB2_DH_REQ_V1,		/* DHnQ */
	SMB2_DH_REQ_V2,		/* DH2Q */
	SMB2_DH_RECONNECT_V1,	/* DHnC */
	SMB2_DH_RECONNECT_V2,	/* DH2C */
};

struct smb2_dh {
	enum smb2_dh_kind kind;
	struct smb2_durable_req req;
	/* the answer (SMB2_DH_REQ_*): what was granted */
	u8 granted;		/* 0, 1 or 2 */
	bool persistent;
	u32 timeout_ms;
};

/* The durable contexts of a CREATE: STATUS_INVALID_PARAMETER if bad. */
__le32 smb2_dh_parse(struct cifsd_work *w, const struct smb2_create_ctxs *c,
		     struct smb2_dh *dh);

/* After @f is attached with @g: make it durable if it may be. */
void smb2_dh_grant(struct cifsd_work *w, struct cifsd_file *f,
		   const struct cifsd_grant *g, struct smb2_dh *dh);

/*
 * DHnC / DH2C: the disconnected open, reattached to this session and
 * tree (+1 reference in @out, @g its caching now).  @lr: the CREATE's
 * lease request or NULL; @name: its file name (NULL if not valid).
 */
__le32 smb2_dh_reconnect(struct cifsd_work *w, const struct smb2_dh *dh,
			 const struct cifsd_lease_req *lr, const char *name,
			 struct cifsd_file **out, struct cifsd_grant *g);

#endif /* CIFSD_SMB2_DURABLE_H */
