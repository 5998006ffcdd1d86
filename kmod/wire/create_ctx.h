/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SMB2 CREATE contexts (MS-SMB2 2.2.13.2): the chain walk and the
 * parsers of the contexts whose contents matter to the server.  Pure
 * functions over a received buffer; they build in userspace for unit
 * tests and fuzzing.
 */
#ifndef CIFSD_WIRE_CREATE_CTX_H
#define CIFSD_WIRE_CREATE_CTX_H

#include "wire.h"

/* One context's data inside the received buffer. */
struct smb2_ctx_data {
	const u8 *p;
	u32 len;
	bool present;
};

/* The contexts of one CREATE request, each at most once. */
struct smb2_create_ctxs {
	struct smb2_ctx_data mxac;	/* maximal access */
	struct smb2_ctx_data qfid;	/* on-disk id */
	struct smb2_ctx_data rqls;	/* lease request v1/v2 */
	struct smb2_ctx_data dhnq;	/* durable v1 request */
	struct smb2_ctx_data dhnc;	/* durable v1 reconnect */
	struct smb2_ctx_data dh2q;	/* durable v2 request */
	struct smb2_ctx_data dh2c;	/* durable v2 reconnect */
	struct smb2_ctx_data exta;	/* extended attributes */
	struct smb2_ctx_data secd;	/* security descriptor */
	struct smb2_ctx_data alsi;	/* allocation size */
	struct smb2_ctx_data twrp;	/* timewarp token */
	struct smb2_ctx_data posix;	/* SMB 3.1.1 POSIX create context */
	struct smb2_ctx_data appid;	/* application instance id */
	u32 unknown;			/* contexts we do not know (ignored) */
};

/*
 * Walk the context chain in @buf (@len bytes, the whole context area):
 * every context must lie inside the area, start 8-byte aligned and have
 * its name and data inside itself.  0, or -EINVAL.
 */
int smb2_parse_create_contexts(const u8 *buf, u32 len,
			       struct smb2_create_ctxs *out);

/* A lease request (RqLs): version 1 (32 bytes) or 2 (52 bytes). */
struct smb2_lease_req {
	u8 key[16];
	u8 parent_key[16];
	u32 state;
	u32 flags;
	u16 epoch;
	u8 version;
};

int smb2_parse_lease_ctx(const struct smb2_ctx_data *d,
			 struct smb2_lease_req *out);

/* Durable handle requests and reconnects (DHnQ, DHnC, DH2Q, DH2C). */
struct smb2_durable_req {
	u64 persistent_id;		/* DHnC / DH2C */
	u64 volatile_id;
	u8 create_guid[16];		/* DH2Q / DH2C */
	u32 timeout_ms;			/* DH2Q */
	u32 flags;			/* DH2Q / DH2C: PERSISTENT */
};

#define SMB2_DHANDLE_FLAG_PERSISTENT	0x00000002

int smb2_parse_dh2q(const struct smb2_ctx_data *d,
		    struct smb2_durable_req *out);
int smb2_parse_dhnc(const struct smb2_ctx_data *d,
		    struct smb2_durable_req *out);
int smb2_parse_dh2c(const struct smb2_ctx_data *d,
		    struct smb2_durable_req *out);

#endif /* CIFSD_WIRE_CREATE_CTX_H */
