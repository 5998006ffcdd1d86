// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Durable handle requests and reconnects (smb2_durable.h).
 */
#include <linux/cred.h>
#include <linux/string.h>

#include "smb2_durable.h"
#include "work.h"
#include "conn.h"
#include "session.h"
#include "tree.h"
#include "file.h"
#include "oplock.h"
#include "durable.h"
#include "uapi/cifsd_netlink.h"
#include "wire/smb2pdu.h"
#include "wire/ntstatus.h"

__le32 smb2_dh_parse(struct cifsd_work *w, const struct smb2_create_ctxs *c,
		     struct smb2_dh *dh)
{
	bool v2 = w->conn->dialect >= SMB30_PROT_ID;
	bool dhnq = c->dhnq.present, dhnc = c->dhnc.present;
	bool dh2q = c->dh2q.present && v2, dh2c = c->dh2c.present && v2;

	memset(dh, 0, sizeof(*dh));
	/* 3.3.5.9.10, .12: v1 and v2 contexts do not mix */
	if ((dh2c && (dhnq || dhnc || dh2q)) || (dh2q && (dhnq || dhnc)))
		return STATUS_INVALID_PARAMETER;
	if (dh2c) {
		if (smb2_parse_dh2c(&c->dh2c, &dh->req))
			return STATUS_INVALID_PARAMETER;
		dh->kind = SMB2_DH_RECONNECT_V2;
	} else if (dhnc) {
		/* 3.3.5.9.7: a DHnQ next to it is ignored */
		if (smb2_parse_dhnc(&c->dhnc, &dh->req))
			return STATUS_INVALID_PARAMETER;
		dh->kind = SMB2_DH_RECONNECT_V1;
	} else if (dh2q) {
		if (smb2_parse_dh2q(&c->dh2q, &dh->req))
			return STATUS_INVALID_PARAMETER;
		dh->kind = SMB2_DH_REQ_V2;
	} else if (dhnq) {
		/* 2.2.13.2.3: 16 reserved bytes */
		if (c->dhnq.len != 16)
			return STATUS_INVALID_PARAMETER;
		dh->kind = SMB2_DH_REQ_V1;
	}
	return STATUS_SUCCESS;
}

/* Does @g cache handles (batch oplock, or a lease with H)? */
static bool caches_handle(const struct cifsd_grant *g)
{
	if (g->oplock == SMB2_OPLOCK_LEVEL_BATCH)
		return true;
	return g->oplock == SMB2_OPLOCK_LEVEL_LEASE &&
	       (g->lease_state & CIFSD_CACHE_H);
}

void smb2_dh_grant(struct cifsd_work *w, struct cifsd_file *f,
		   const struct cifsd_grant *g, struct smb2_dh *dh)
{
	u32 sflags = w->tree->share_flags;
	bool persistent = false;
	u32 timeout = CIFSD_DURABLE_DEFAULT_MS;
	u8 version;

	dh->granted = 0;
	if (dh->kind != SMB2_DH_REQ_V1 && dh->kind != SMB2_DH_REQ_V2)
		return;
	if ((sflags & CIFSD_SHARE_F_NO_DURABLE) || !f->filp)
		return;
	if (dh->kind == SMB2_DH_REQ_V2) {
		/* 3.3.5.9.10: persistent only on a CA share, then always */
		persistent = (dh->req.flags & SMB2_DHANDLE_FLAG_PERSISTENT) &&
			     (sflags & CIFSD_SHARE_F_CA);
		timeout = cifsd_durable_timeout(dh->req.timeout_ms);
		version = 2;
	} else {
		version = 1;
	}
	if (!persistent && !caches_handle(g))
		return;
	if (cifsd_durable_grant(f, version, persistent, timeout,
				version == 2 ? dh->req.create_guid : NULL,
				w->conn->client_guid, w->tree->share_name))
		return;
	dh->granted = version;
	dh->persistent = persistent;
	dh->timeout_ms = timeout;
}

/* May this session have @f back (3.3.5.9.7, 3.3.5.9.12)? */
static __le32 reconnect_check(struct cifsd_work *w, const struct smb2_dh *dh,
			      const struct cifsd_lease_req *lr,
			      const char *name, struct cifsd_file *f)
{
	struct cifsd_lease_id cur;

	/* a v1 handle has a zero CreateGuid, which a DH2C may name */
	if (dh->kind == SMB2_DH_RECONNECT_V2 &&
	    memcmp(f->dh.create_guid, dh->req.create_guid, 16))
		return STATUS_OBJECT_NAME_NOT_FOUND;
	/* a lease comes back only to its client, with its key */
	cifsd_open_lease_of(f, &cur);
	if (cur.has_lease != !!lr)
		return STATUS_OBJECT_NAME_NOT_FOUND;
	if (lr && (memcmp(cur.key, lr->key, sizeof(cur.key)) ||
		   memcmp(cur.client_guid, w->conn->client_guid, 16)))
		return STATUS_OBJECT_NAME_NOT_FOUND;
	if (strcmp(f->dh.share, w->tree->share_name))
		return STATUS_OBJECT_NAME_NOT_FOUND;
	/* with a lease the name must be the open's (oplocks: ignored) */
	if (lr) {
		bool same;

		mutex_lock(&f->lock);
		same = name && f->name && !strcasecmp(name, f->name);
		mutex_unlock(&f->lock);
		if (!same)
			return STATUS_INVALID_PARAMETER;
	}
	if (!uid_eq(f->cred->fsuid, w->sess->cred->fsuid) ||
	    !gid_eq(f->cred->fsgid, w->sess->cred->fsgid))
		return STATUS_ACCESS_DENIED;
	return STATUS_SUCCESS;
}

__le32 smb2_dh_reconnect(struct cifsd_work *w, const struct smb2_dh *dh,
			 const struct cifsd_lease_req *lr, const char *name,
			 struct cifsd_file **out, struct cifsd_grant *g)
{
	struct cifsd_file *f;
	__le32 status;
	int err;

	if (!w->sess->cred)
		return STATUS_ACCESS_DENIED;
	f = cifsd_durable_unpark(dh->req.persistent_id);
	if (!f)
		return STATUS_OBJECT_NAME_NOT_FOUND;
	status = reconnect_check(w, dh, lr, name, f);
	if (status != STATUS_SUCCESS) {
		cifsd_durable_unpark_fail(f);
		return status;
	}
	err = cifsd_durable_reattach(f, w->sess, w->tree, w->conn->client_guid);
	if (err)
		return err == -ENFILE ? STATUS_TOO_MANY_OPENED_FILES :
					STATUS_NETWORK_NAME_DELETED;
	cifsd_open_grant_now(f, g);
	*out = f;
	return STATUS_SUCCESS;
}
