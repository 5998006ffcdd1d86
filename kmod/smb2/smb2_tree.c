// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * TREE_CONNECT (MS-SMB2 3.3.5.7) and TREE_DISCONNECT (3.3.5.8).
 * The share's configuration and the access decision come from the daemon.
 */

#include <linux/slab.h>
#include <linux/namei.h>

#include "work.h"
#include "conn.h"
#include "session.h"
#include "tree.h"
#include "ipc.h"
#include "debug.h"
#include "stats.h"
#include "server.h"
#include "smb2_cmds.h"
#include "wire/utf16.h"

#define UNC_MAX		(2 * CIFSD_NAME_MAX)

struct cifsd_tcon_arg {
	const char *share;
	struct cifsd_session *sess;
	const char *peer;
};

static int cifsd_fill_share(struct sk_buff *m, const void *arg)
{
	const struct cifsd_tcon_arg *a = arg;

	return nla_put_string(m, CIFSD_A_SHARE_NAME, a->share) ? -EMSGSIZE : 0;
}

static int cifsd_fill_tcon(struct sk_buff *m, const void *arg)
{
	const struct cifsd_tcon_arg *a = arg;
	u32 flags = cifsd_session_login_flags(a->sess);

	if (nla_put_string(m, CIFSD_A_ACCOUNT, a->sess->account) ||
	    nla_put_string(m, CIFSD_A_SHARE_NAME, a->share) ||
	    nla_put_string(m, CIFSD_A_CLIENT_ADDR, a->peer) ||
	    nla_put_u64_64bit(m, CIFSD_A_SESSION_ID, a->sess->id,
			      CIFSD_A_UNSPEC) ||
	    nla_put_u32(m, CIFSD_A_LOGIN_FLAGS, flags))
		return -EMSGSIZE;
	return 0;
}

static __le32 cifsd_status_to_nt(u32 st)
{
	switch (st) {
	case CIFSD_STATUS_OK:
		return STATUS_SUCCESS;
	case CIFSD_STATUS_ACCESS_DENIED:
		return STATUS_ACCESS_DENIED;
	default:
		return STATUS_BAD_NETWORK_NAME;
	}
}

/* "\\server\share" -> "share"; NULL when malformed. */
static const char *unc_share_name(const char *unc)
{
	const char *p;

	if (unc[0] != '\\' || unc[1] != '\\')
		return NULL;
	p = strchr(unc + 2, '\\');
	if (!p || !p[1] || strchr(p + 1, '\\'))
		return NULL;
	return p + 1;
}

/*
 * Encryption of a tree connect, Samba's rules: the share's "smb encrypt"
 * (the [global] value when the daemon sends none) at desired or required
 * encrypts for a client that can; required refuses the others, and so
 * does a session that requires encryption.
 */
static __le32 cifsd_tree_crypt(struct cifsd_work *w, struct cifsd_tree *t,
			       u32 mode)
{
	struct cifsd_session *sess = w->sess;
	bool desired = sess->encrypt_data, required = sess->encrypt_required;

	if (mode == CIFSD_ENCRYPT_DESIRED || mode == CIFSD_ENCRYPT_REQUIRED)
		desired = true;
	if (mode == CIFSD_ENCRYPT_REQUIRED)
		required = true;
	/* guests and anonymous sessions have no key (sess->cipher 0) */
	if (required && !sess->cipher)
		return STATUS_ACCESS_DENIED;
	t->encrypt_data = desired && sess->cipher;
	t->encrypt_required = required;
	return STATUS_SUCCESS;
}

/* Ask the daemon for the share and the decision; fill in @t. */
static __le32 cifsd_tree_setup(struct cifsd_work *w, struct cifsd_tree *t,
			       const char *share)
{
	struct cifsd_tcon_arg arg = {
		.share = share, .sess = w->sess, .peer = w->conn->peer_str,
	};
	struct cifsd_ipc_reply r;
	__le32 status;
	u32 tflags = 0, enc = READ_ONCE(cifsd_srv.cfg.encrypt);
	int err;

	if (cifsd_ipc_call(CIFSD_CMD_SHARE_CONFIG, cifsd_fill_share, &arg, &r))
		return STATUS_BAD_NETWORK_NAME;
	status = cifsd_status_to_nt(cifsd_ipc_status(&r));
	if (status != STATUS_SUCCESS)
		goto out;
	status = STATUS_BAD_NETWORK_NAME;
	if (r.attrs[CIFSD_A_SHARE_FLAGS])
		t->share_flags = nla_get_u32(r.attrs[CIFSD_A_SHARE_FLAGS]);
	if (r.attrs[CIFSD_A_SHARE_ENCRYPT])
		enc = nla_get_u32(r.attrs[CIFSD_A_SHARE_ENCRYPT]);
	status = cifsd_tree_crypt(w, t, enc);
	if (status != STATUS_SUCCESS)
		goto out;
	status = STATUS_BAD_NETWORK_NAME;
	t->is_pipe = t->share_flags & CIFSD_SHARE_F_PIPE;
	if (!t->is_pipe) {
		if (!r.attrs[CIFSD_A_SHARE_PATH])
			goto out;
		err = kern_path(nla_data(r.attrs[CIFSD_A_SHARE_PATH]),
				LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &t->root);
		if (err)
			goto out;
	}
	cifsd_ipc_reply_free(&r);

	if (cifsd_ipc_call(CIFSD_CMD_TREE_CONNECT, cifsd_fill_tcon, &arg, &r)) {
		status = STATUS_ACCESS_DENIED;
		goto fail;
	}
	status = cifsd_status_to_nt(cifsd_ipc_status(&r));
	if (r.attrs[CIFSD_A_TREE_FLAGS])
		tflags = nla_get_u32(r.attrs[CIFSD_A_TREE_FLAGS]);
	t->readonly = (t->share_flags & CIFSD_SHARE_F_READONLY) ||
		      (tflags & CIFSD_TREE_F_READONLY);
	cifsd_ipc_reply_free(&r);
	if (status == STATUS_SUCCESS)
		return status;
fail:
	if (!t->is_pipe)
		path_put(&t->root);
	return status;
out:
	cifsd_ipc_reply_free(&r);
	return status;
}

static void smb2_tree_rsp(struct cifsd_work *w, struct cifsd_tree *t)
{
	struct smb2_tree_connect_rsp *rsp = smb2_rsp_fixed(w, sizeof(*rsp));

	if (!rsp)
		return;
	rsp->StructureSize = cpu_to_le16(16);
	rsp->ShareType = t->is_pipe ? SMB2_SHARE_TYPE_PIPE :
				      SMB2_SHARE_TYPE_DISK;
	rsp->ShareFlags = cpu_to_le32((t->is_pipe ? SMB2_SHAREFLAG_NO_CACHING :
				       SMB2_SHAREFLAG_MANUAL_CACHING) |
				      (t->encrypt_data ?
				       SMB2_SHAREFLAG_ENCRYPT_DATA : 0));
	rsp->Capabilities = 0;
	rsp->MaximalAccess = cpu_to_le32(t->maximal_access);
	smb2_rsp_hdr(w)->id.sync.TreeId = cpu_to_le32(t->id);
}

int smb2_tree_connect(struct cifsd_work *w)
{
	struct smb2_tree_connect_req *req = smb2_req_body(w);
	size_t plen = le16_to_cpu(req->PathLength);
	const u8 *path = (u8 *)smb2_req_hdr(w) + le16_to_cpu(req->PathOffset);
	const char *share;
	struct cifsd_tree *t;
	__le32 status = STATUS_BAD_NETWORK_NAME;
	char *unc;
	int err;

	if (!plen || plen > UNC_MAX * 2) {
		smb2_set_error(w, STATUS_BAD_NETWORK_NAME);
		return 0;
	}
	unc = kmalloc(UNC_MAX * 3 + 1, GFP_KERNEL);
	t = kzalloc(sizeof(*t), GFP_KERNEL);
	if (!unc || !t) {
		status = STATUS_NO_MEMORY;
		goto fail;
	}
	if (utf16le_to_utf8(path, plen, unc, UNC_MAX * 3 + 1) < 0)
		goto fail;
	share = unc_share_name(unc);
	if (!share || strlen(share) >= CIFSD_NAME_MAX)
		goto fail;
	t->share_name = kstrdup(share, GFP_KERNEL);
	if (!t->share_name) {
		status = STATUS_NO_MEMORY;
		goto fail;
	}
	status = cifsd_tree_setup(w, t, share);
	if (status != STATUS_SUCCESS)
		goto fail;

	refcount_set(&t->refs, 2);	/* the tree table's and ours */
	t->sess = w->sess;
	t->maximal_access = t->readonly ? FILE_GENERIC_READ | FILE_GENERIC_EXECUTE :
					  FILE_ALL_ACCESS;
	err = cifsd_tree_insert(w->sess, t);
	if (err) {
		if (!t->is_pipe)
			path_put(&t->root);
		if (err == -ESHUTDOWN)
			status = STATUS_USER_SESSION_DELETED;
		else
			status = STATUS_INSUFFICIENT_RESOURCES;
		if (err == -EUSERS)
			cifsd_stat_inc(CIFSD_STAT_LIMIT_ERRORS);
		goto fail;
	}
	smb2_tree_rsp(w, t);
	cifsd_dbg(SMB2, "%s: tree connect to '%s': tree id %u%s\n",
		  w->conn->peer_str, t->share_name, t->id,
		  t->readonly ? " (read only)" : "");
	cifsd_tree_put(t);	/* ours */
	kfree(unc);
	return 0;
fail:
	cifsd_dbg(SMB2, "%s: tree connect to '%s' failed (0x%08x)\n",
		  w->conn->peer_str, t && t->share_name ? t->share_name : "?",
		  le32_to_cpu(status));
	if (t)
		kfree(t->share_name);
	kfree(t);
	kfree(unc);
	smb2_set_error(w, status);
	return 0;
}

int smb2_tree_disconnect(struct cifsd_work *w)
{
	struct smb2_simple_rsp *rsp;

	cifsd_tree_destroy(w->sess, w->tree);
	rsp = smb2_rsp_fixed(w, sizeof(*rsp));
	if (rsp)
		rsp->StructureSize = cpu_to_le16(4);
	return 0;
}
