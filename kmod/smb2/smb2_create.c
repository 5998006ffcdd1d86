// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SMB2 CREATE and CLOSE (MS-SMB2 3.3.5.9, 3.3.5.10).
 *
 * Share modes are checked against the opens of the same inode across the
 * server (share_mode.h) before an open is published.  A named stream
 * ("file:name[:$DATA]", vfs/streams.h) is opened through its file
 * (stream_prepare) and is an open of its own for share modes and
 * oplocks.
 */
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/file.h>
#include <linux/stat.h>
#include "compat.h"
#include "work.h"
#include "session.h"
#include "tree.h"
#include "file.h"
#include "vfs.h"
#include "ntime.h"
#include "fscc.h"
#include "smb2_fileops.h"
#include "smb2_pipe.h"
#include "share_mode.h"
#include "oplock.h"
#include "dirlease.h"
#include "inode.h"
#include "conn.h"
#include "server.h"
#include "wire/create_ctx.h"
#include "uapi/cifsd_netlink.h"
#include "async.h"
#include "meta.h"
#include "smb2_security.h"
#include "notify.h"
#include "smb2_durable.h"
#include "smb2_reparse.h"
#include "wire/posix.h"
#include "wire/reparse.h"
#include "streams.h"

#ifndef STATUS_BAD_IMPERSONATION_LEVEL
#define STATUS_BAD_IMPERSONATION_LEVEL	NT(0xC00000A5)
#endif

/* What cifs.ko asks to change a link's or special file's metadata */
#define LINUX_META_ACCESS	(FILE_WRITE_ATTRIBUTES | READ_CONTROL | \
				 WRITE_DAC | WRITE_OWNER)

#define CREATE_MODE_FILE	0644
#define CREATE_MODE_DIR		0755
#define IMPERSONATION_MAX	3	/* Delegate */

#define KNOWN_ACCESS	(FILE_ALL_ACCESS | ACCESS_SYSTEM_SECURITY | \
			 MAXIMUM_ALLOWED | GENERIC_ALL | GENERIC_EXECUTE | \
			 GENERIC_WRITE | GENERIC_READ)

u32 smb2_map_generic(u32 a)
{
	if (a & GENERIC_READ)
		a |= FILE_GENERIC_READ;
	if (a & GENERIC_WRITE)
		a |= FILE_GENERIC_WRITE;
	if (a & GENERIC_EXECUTE)
		a |= FILE_GENERIC_EXECUTE;
	if (a & GENERIC_ALL)
		a |= FILE_ALL_ACCESS;
	return a & ~(GENERIC_READ | GENERIC_WRITE | GENERIC_EXECUTE |
		     GENERIC_ALL);
}

u64 smb2_alloc_size(const struct kstat *st)
{
	return (u64)st->blocks << 9;
}

struct cifsd_file *smb2_get_open(struct cifsd_work *w, __le64 pfid,
				 __le64 vfid)
{
	struct cifsd_file *f;
	u64 p = le64_to_cpu(pfid), v = le64_to_cpu(vfid);

	if (w->tree->is_pipe) {
		smb2_set_error(w, STATUS_INVALID_HANDLE);
		return NULL;
	}
	if (!smb2_resolve_fid(w, &p, &v))
		return NULL;
	f = cifsd_file_lookup(w, p, v);
	if (!f) {
		smb2_set_error(w, STATUS_FILE_CLOSED);
		return NULL;
	}
	smb2_set_compound_fid(w, p, v);
	return f;
}

/* What the create contexts of a request ask for (2.2.13.2). */
struct create_ctx_req {
	struct smb2_create_ctxs ctx;
	bool lease;			/* a lease request to honour */
	struct cifsd_lease_req lr;
	const u8 *exta;		/* FILE_FULL_EA_INFORMATION list */
	u32 exta_len;
	const u8 *secd;		/* self-relative security descriptor */
	u32 secd_len;
	bool alsi;
	u64 alsi_size;		/* AllocationSize */
	struct smb2_dh dh;	/* durable handle request or reconnect */
	bool posix;		/* SMB 3.1.1 POSIX create context */
	u32 posix_mode;		/* its mode, U32_MAX: none given */
	struct wsl_eas wsl;	/* WSL attributes in the EA buffer */
};

static __le32 parse_create_contexts(struct cifsd_work *w,
				    struct smb2_create_req *req,
				    struct create_ctx_req *out)
{
	u32 off = le32_to_cpu(req->CreateContextsOffset);
	u32 len = le32_to_cpu(req->CreateContextsLength);
	struct smb2_lease_req lr;

	memset(out, 0, sizeof(*out));
	out->posix_mode = U32_MAX;
	if (!len)
		return STATUS_SUCCESS;
	if (off < SMB2_HDR_SIZE + offsetof(struct smb2_create_req, Buffer) ||
	    !wire_range_ok(w->pdu_len, off, len) ||
	    smb2_parse_create_contexts((const u8 *)smb2_req_hdr(w) + off, len,
				       &out->ctx))
		return STATUS_INVALID_PARAMETER;
	/* leases exist from SMB 2.1 on, when they are enabled */
	if (out->ctx.rqls.present && w->conn->dialect >= SMB21_PROT_ID &&
	    req->RequestedOplockLevel == SMB2_OPLOCK_LEVEL_LEASE &&
	    cifsd_limit(smb2_leases)) {
		if (smb2_parse_lease_ctx(&out->ctx.rqls, &lr))
			return STATUS_INVALID_PARAMETER;
		/* a v2 lease on a 2.1 connection is treated as v1 */
		if (lr.version == 2 && w->conn->dialect < SMB30_PROT_ID)
			lr.version = 1;
		memcpy(out->lr.key, lr.key, sizeof(lr.key));
		memcpy(out->lr.parent_key, lr.parent_key, sizeof(lr.key));
		out->lr.state = lr.state;
		out->lr.flags = lr.version == 2 ? lr.flags : 0;
		out->lr.epoch = lr.epoch;
		out->lr.version = lr.version;
		out->lease = true;
	}
	if (out->ctx.exta.present) {
		out->exta = out->ctx.exta.p;
		out->exta_len = out->ctx.exta.len;
		/* WSL special files: $LXMOD, $LXDEV (a bad list fails later) */
		if (wsl_parse_eas(out->exta, out->exta_len, &out->wsl))
			memset(&out->wsl, 0, sizeof(out->wsl));
	}
	/* POSIX extensions are an SMB 3.1.1 feature */
	if (out->ctx.posix.present && w->conn->dialect == SMB311_PROT_ID) {
		if (posix_parse_create_ctx(out->ctx.posix.p, out->ctx.posix.len,
					   &out->posix_mode))
			return STATUS_INVALID_PARAMETER;
		out->posix = true;
	}
	if (out->ctx.secd.present) {
		out->secd = out->ctx.secd.p;
		out->secd_len = out->ctx.secd.len;
	}
	if (out->ctx.alsi.present) {
		if (out->ctx.alsi.len != 8)
			return STATUS_INVALID_PARAMETER;
		out->alsi = true;
		out->alsi_size = get_unaligned_le64(out->ctx.alsi.p);
	}
	/* previous versions: there are none (no snapshots are exposed) */
	if (out->ctx.twrp.present)
		return out->ctx.twrp.len == 8 ? STATUS_OBJECT_NAME_NOT_FOUND :
						STATUS_INVALID_PARAMETER;
	return smb2_dh_parse(w, &out->ctx, &out->dh);
}

/* One response context with a 4-byte name at 16 and data at 24. */
static size_t put_rsp_ctx(u8 *p, const char *tag, const void *data,
			  u32 dlen)
{
	struct smb2_create_context *c = (void *)p;

	memset(p, 0, 24);
	c->NameOffset = cpu_to_le16(16);
	c->NameLength = cpu_to_le16(4);
	c->DataOffset = cpu_to_le16(24);
	c->DataLength = cpu_to_le32(dlen);
	memcpy(p + 16, tag, 4);
	memcpy(p + 24, data, dlen);
	return ALIGN(24 + dlen, 8);
}

struct create_args {
	u32 disposition;
	u32 options;
	u32 access;		/* after generic mapping */
	u32 share_access;	/* FILE_SHARE_* as asked */
	u32 attrs;		/* FileAttributes as asked */
	bool max_allowed;
	bool by_acl;		/* an NT ACL granted it: open as the server */
	bool reparse;		/* the object is a symlink or special file */
	char *stream;		/* a named stream: its stored name */
};

static __le32 check_create_args(struct smb2_create_req *req,
				struct create_args *a)
{
	u32 raw = le32_to_cpu(req->DesiredAccess);

	a->disposition = le32_to_cpu(req->CreateDisposition);
	a->options = le32_to_cpu(req->CreateOptions);
	a->share_access = le32_to_cpu(req->ShareAccess);
	a->attrs = le32_to_cpu(req->FileAttributes);
	if (le32_to_cpu(req->ImpersonationLevel) > IMPERSONATION_MAX)
		return STATUS_BAD_IMPERSONATION_LEVEL;
	if (a->disposition > FILE_OVERWRITE_IF)
		return STATUS_INVALID_PARAMETER;
	if (a->options & ~CREATE_OPTIONS_MASK)
		return STATUS_INVALID_PARAMETER;
	if ((a->options & FILE_DIRECTORY_FILE) &&
	    (a->options & FILE_NON_DIRECTORY_FILE))
		return STATUS_INVALID_PARAMETER;
	if ((a->options & FILE_DIRECTORY_FILE) &&
	    a->disposition != FILE_OPEN && a->disposition != FILE_CREATE &&
	    a->disposition != FILE_OPEN_IF)
		return STATUS_INVALID_PARAMETER;
	if (le32_to_cpu(req->FileAttributes) & ~FILE_ATTRIBUTE_MASK)
		return STATUS_INVALID_PARAMETER;
	if (a->options & FILE_OPEN_BY_FILE_ID)
		return STATUS_NOT_SUPPORTED;
	if (raw & ~KNOWN_ACCESS)
		return STATUS_ACCESS_DENIED;
	if (raw & ACCESS_SYSTEM_SECURITY)
		return STATUS_PRIVILEGE_NOT_HELD;
	a->max_allowed = raw & MAXIMUM_ALLOWED;
	a->access = smb2_map_generic(raw & ~MAXIMUM_ALLOWED);
	if ((a->options & FILE_DELETE_ON_CLOSE) && !(a->access & DELETE) &&
	    !a->max_allowed)
		return STATUS_ACCESS_DENIED;
	return STATUS_SUCCESS;
}

static int open_flags(u32 access, bool is_dir, bool reparse)
{
	bool r = access & (FILE_READ_DATA | FILE_EXECUTE);
	bool wr = access & (FILE_WRITE_DATA | FILE_APPEND_DATA);

	/* a link or special file is never opened for I/O (nor followed) */
	if (reparse)
		return O_PATH;
	if (is_dir)
		return (access & FILE_LIST_DIRECTORY) ?
			O_RDONLY | O_DIRECTORY : O_PATH;
	if (r && wr)
		return O_RDWR;
	if (wr)
		return O_WRONLY;
	if (r)
		return O_RDONLY;
	return O_PATH;
}

/*
 * What the DOS attributes of an existing object forbid (MS-FSA
 * 2.1.5.1.2.1): overwriting a hidden or system file without asking for
 * the same attribute, deleting or writing a read-only file.
 */
static __le32 check_dos_attrs(const struct path *p, struct create_args *a,
			      u32 action, bool is_dir)
{
	struct cifsd_finfo *fi;
	__le32 st = STATUS_SUCCESS;
	u32 have;

	fi = kmalloc(sizeof(*fi), GFP_KERNEL);
	if (!fi)
		return STATUS_NO_MEMORY;
	if (cifsd_vfs_finfo(p, fi)) {
		kfree(fi);
		return STATUS_SUCCESS;	/* the open itself will tell */
	}
	have = fi->attrs;
	kfree(fi);
	if (action != FILE_OPENED &&
	    (((have & FILE_ATTRIBUTE_HIDDEN) &&
	      !(a->attrs & FILE_ATTRIBUTE_HIDDEN)) ||
	     ((have & FILE_ATTRIBUTE_SYSTEM) &&
	      !(a->attrs & FILE_ATTRIBUTE_SYSTEM))))
		return STATUS_ACCESS_DENIED;
	if (!(have & FILE_ATTRIBUTE_READONLY))
		return st;
	if (a->options & FILE_DELETE_ON_CLOSE)
		return STATUS_CANNOT_DELETE;
	if (!is_dir && ((a->access & (FILE_WRITE_DATA | FILE_APPEND_DATA)) ||
			action != FILE_OPENED))
		return STATUS_ACCESS_DENIED;
	return st;
}

/* The object exists: apply the disposition and access checks. */
static __le32 check_existing(struct cifsd_work *w, struct cifsd_vpath *vp,
			     struct create_args *a, u32 *action)
{
	struct path p = { .mnt = vp->parent.mnt, .dentry = vp->dentry };
	bool is_dir = d_is_dir(vp->dentry);
	__le32 status;
	u32 max;
	int err;

	if (a->disposition == FILE_CREATE)
		return STATUS_OBJECT_NAME_COLLISION;
	if ((a->options & FILE_NON_DIRECTORY_FILE) && is_dir)
		return STATUS_FILE_IS_A_DIRECTORY;
	/* a directory symlink may be opened as a directory */
	if ((a->options & FILE_DIRECTORY_FILE) && !is_dir && !a->reparse)
		return STATUS_NOT_A_DIRECTORY;
	switch (a->disposition) {
	case FILE_SUPERSEDE:
		*action = FILE_SUPERSEDED;
		break;
	case FILE_OVERWRITE:
	case FILE_OVERWRITE_IF:
		*action = FILE_OVERWRITTEN;
		break;
	default:
		*action = FILE_OPENED;
	}
	if (*action != FILE_OPENED) {
		if (is_dir)
			return STATUS_FILE_IS_A_DIRECTORY;
		if (a->reparse)
			return STATUS_ACCESS_DENIED;
		if (w->tree->readonly)
			return STATUS_ACCESS_DENIED;
	}
	status = check_dos_attrs(&p, a, *action, is_dir);
	if (status != STATUS_SUCCESS)
		return status;

	a->by_acl = smb2_ntacl_access(&p, &max);
	if (a->by_acl) {
		/* the parent decides about DELETE too, as on Windows */
		if (!vp->is_root &&
		    !cifsd_vfs_check_access(&p, vp->parent.dentry, DELETE))
			max |= DELETE;
		max |= FILE_READ_ATTRIBUTES | SYNCHRONIZE;
	} else {
		max = cifsd_vfs_max_access(&p, vp->is_root ? NULL :
					   vp->parent.dentry);
	}
	if (w->tree->readonly)
		max &= ~SMB2_WRITE_ACCESS_MASK;
	if (a->max_allowed) {
		if (a->access & ~max)
			return STATUS_ACCESS_DENIED;
		a->access |= max;
	}
	if (w->tree->readonly && (a->access & SMB2_WRITE_ACCESS_MASK))
		return STATUS_ACCESS_DENIED;
	if ((a->options & FILE_DELETE_ON_CLOSE) && !(a->access & DELETE))
		return STATUS_ACCESS_DENIED;
	if (a->by_acl)
		err = (a->access & ~max) ? -EACCES : 0;
	else
		err = cifsd_vfs_check_access(&p, vp->is_root ? NULL :
					     vp->parent.dentry, a->access);
	if (err)
		return STATUS_ACCESS_DENIED;
	if ((a->access & DELETE) && vp->is_root)
		return STATUS_ACCESS_DENIED;
	if ((a->options & FILE_DELETE_ON_CLOSE) && is_dir) {
		err = cifsd_vfs_dir_empty(&p);
		if (err)
			return cifsd_errno_to_status(err);
	}
	return STATUS_SUCCESS;
}

/* The object does not exist: create it if the disposition says so. */
static __le32 create_new(struct cifsd_work *w, struct cifsd_vpath *vp,
			 struct create_args *a, const struct create_ctx_req *cc,
			 u32 *action)
{
	struct path p;
	__le32 st;
	bool dir = a->options & FILE_DIRECTORY_FILE;
	umode_t mode;
	int err;

	if (a->disposition == FILE_OPEN || a->disposition == FILE_OVERWRITE)
		return STATUS_OBJECT_NAME_NOT_FOUND;
	if (w->tree->readonly)
		return STATUS_ACCESS_DENIED;
	if (dir && (a->attrs & FILE_ATTRIBUTE_TEMPORARY))
		return STATUS_INVALID_PARAMETER;
	if (cc->secd) {
		st = smb2_secd_check(cc->secd, cc->secd_len);
		if (st != STATUS_SUCCESS)
			return st;
	}
	if (cc->posix_mode != U32_MAX)
		mode = cc->posix_mode;
	else
		mode = dir ? CREATE_MODE_DIR : CREATE_MODE_FILE;
	err = cifsd_vfs_create(vp, dir, mode);
	if (err == -EEXIST && cifsd_mode_is_reparse(d_inode(vp->dentry)->
						    i_mode))
		return STATUS_OBJECT_NAME_COLLISION;
	if (err == -EEXIST) {
		/* lost a race with another creator: treat as existing */
		return check_existing(w, vp, a, action);
	}
	if (err)
		return cifsd_errno_to_status(err);
	/* the SecD context, or what the parent's NT ACL passes on */
	p.mnt = vp->parent.mnt;
	p.dentry = vp->dentry;
	st = smb2_new_object_security(&p, &vp->parent, cc->secd,
				      cc->secd_len);
	if (st != STATUS_SUCCESS) {
		cifsd_vfs_remove(&p);
		return st;
	}
	*action = FILE_CREATED;
	/* the creator gets what it asked for */
	if (a->max_allowed)
		a->access |= FILE_ALL_ACCESS;
	return STATUS_SUCCESS;
}

/*
 * "file:stream": the file (or directory) is created as a file if needed
 * and checked like an open of it; then the stream is looked up and, if
 * the disposition says so, created or overwritten (MS-FSA 2.1.5.1.2).
 * On success a->stream is the stream's stored name (kmalloc'ed).
 */
static __le32 stream_prepare(struct cifsd_work *w, struct cifsd_vpath *vp,
			     struct create_args *a,
			     const struct create_ctx_req *cc, u32 *action)
{
	struct path p = { .mnt = vp->parent.mnt };
	struct create_args base = *a;
	u32 base_action;
	char *real;
	__le32 st;
	int err;

	if (a->reparse)
		return STATUS_OBJECT_NAME_INVALID;
	/* the file itself is opened (or created) as for FILE_OPEN(_IF) */
	base.options &= ~(FILE_DELETE_ON_CLOSE | FILE_NON_DIRECTORY_FILE);
	base.disposition = FILE_OPEN;
	if (d_is_negative(vp->dentry)) {
		if (a->disposition == FILE_OPEN ||
		    a->disposition == FILE_OVERWRITE)
			return STATUS_OBJECT_NAME_NOT_FOUND;
		base.disposition = FILE_CREATE;
		st = create_new(w, vp, &base, cc, &base_action);
	} else {
		st = check_existing(w, vp, &base, &base_action);
	}
	if (st != STATUS_SUCCESS)
		return st;
	a->access = base.access;
	a->by_acl = base.by_acl;
	p.dentry = vp->dentry;
	err = cifsd_stream_find(vp->dentry, vp->stream, strlen(vp->stream),
				&real);
	if (err && err != -ENOENT)
		return cifsd_errno_to_status(err);
	if (!err) {
		if (a->disposition == FILE_CREATE) {
			kfree(real);
			return STATUS_OBJECT_NAME_COLLISION;
		}
		if ((a->disposition == FILE_SUPERSEDE ||
		     a->disposition == FILE_OVERWRITE ||
		     a->disposition == FILE_OVERWRITE_IF) && w->tree->readonly) {
			kfree(real);
			return STATUS_ACCESS_DENIED;
		}
		*action = a->disposition == FILE_SUPERSEDE ? FILE_SUPERSEDED :
			  (a->disposition == FILE_OVERWRITE ||
			   a->disposition == FILE_OVERWRITE_IF) ?
			  FILE_OVERWRITTEN : FILE_OPENED;
		a->stream = real;
		return STATUS_SUCCESS;
	}
	if (a->disposition == FILE_OPEN || a->disposition == FILE_OVERWRITE)
		return STATUS_OBJECT_NAME_NOT_FOUND;
	if (w->tree->readonly)
		return STATUS_ACCESS_DENIED;
	err = cifsd_stream_create(&p, vp->stream);
	if (err == -ENOSPC)
		return STATUS_INSUFFICIENT_RESOURCES;
	if (err == -EEXIST)
		return STATUS_OBJECT_NAME_COLLISION;
	if (err)
		return cifsd_errno_to_status(err);
	a->stream = kstrdup(vp->stream, GFP_KERNEL);
	if (!a->stream) {
		cifsd_stream_remove(&p, vp->stream);
		return STATUS_NO_MEMORY;
	}
	*action = FILE_CREATED;
	if (a->max_allowed)
		a->access |= FILE_ALL_ACCESS;
	return STATUS_SUCCESS;
}

/* The lease response context (2.2.14.2.10 / .11): v1 32, v2 52 bytes. */
static size_t put_lease_ctx(u8 *p, const struct create_ctx_req *cc,
			    const struct cifsd_grant *g)
{
	u8 d[52] = {};
	u32 flags = g->lease_flags;

	memcpy(d, cc->lr.key, 16);
	put_unaligned_le32(g->lease_state, d + 16);
	if (g->lease_version == 2) {
		if (cc->lr.flags & SMB2_LEASE_FLAG_PARENT_LEASE_KEY_SET) {
			flags |= SMB2_LEASE_FLAG_PARENT_LEASE_KEY_SET;
			memcpy(d + 32, cc->lr.parent_key, 16);
		}
		put_unaligned_le16(g->lease_epoch, d + 48);
	}
	put_unaligned_le32(flags, d + 20);
	return put_rsp_ctx(p, "RqLs", d, g->lease_version == 2 ? 52 : 32);
}

/* Room a response context of @dlen data bytes takes (header, name, pad). */
static size_t rsp_ctx_size(u32 dlen)
{
	return ALIGN(24 + dlen, 8);
}

/* The POSIX create context response (16-byte name at 16, data at 32). */
static size_t put_posix_ctx(u8 *p, const struct kstat *st)
{
	struct smb2_create_context *c = (void *)p;
	struct posix_attrs a = {
		.nlink = st->nlink,
		.reparse_tag = cifsd_mode_reparse_tag(st->mode),
		.mode = st->mode,
		.uid = from_kuid_munged(&init_user_ns, st->uid),
		.gid = from_kgid_munged(&init_user_ns, st->gid),
	};

	memset(p, 0, 32);
	c->NameOffset = cpu_to_le16(16);
	c->NameLength = cpu_to_le16(SMB2_POSIX_GUID_SIZE);
	c->DataOffset = cpu_to_le16(32);
	c->DataLength = cpu_to_le32(POSIX_CC_RSP_SIZE);
	memcpy(p + 16, smb2_posix_guid, SMB2_POSIX_GUID_SIZE);
	posix_build_cc_rsp(p + 32, POSIX_CC_RSP_SIZE, &a);
	return ALIGN(32 + POSIX_CC_RSP_SIZE, 8);
}

static void fill_create_rsp(struct cifsd_work *w, struct cifsd_file *f,
			    u32 action, const struct cifsd_finfo *fi,
			    const struct create_ctx_req *cc, u32 max,
			    const struct cifsd_grant *g)
{

	size_t len = offsetof(struct smb2_create_rsp, Buffer);
	struct smb2_create_rsp *rsp = smb2_rsp_begin(w, len);
	const struct kstat *st = &fi->st;
	size_t clen = 0, last = 0, room;
	u8 *ctx;

	if (!rsp)
		return;
	room = smb2_rsp_room(w);
	ctx = smb2_rsp_buf(w);
	rsp->StructureSize = cpu_to_le16(89);
	rsp->OplockLevel = g->oplock;
	if (f->is_reparse && w->conn->dialect == SMB311_PROT_ID)
		rsp->Flags = SMB2_CREATE_FLAG_REPARSEPOINT;
	rsp->CreateAction = cpu_to_le32(action);
	rsp->CreationTime = cpu_to_le64(fi->create_nt);
	rsp->LastAccessTime = cpu_to_le64(fi->access_nt);
	rsp->LastWriteTime = cpu_to_le64(fi->write_nt);
	rsp->ChangeTime = cpu_to_le64(fi->change_nt);
	rsp->AllocationSize = cpu_to_le64(fi->alloc);
	rsp->EndofFile = cpu_to_le64(fi->eof);
	rsp->FileAttributes = cpu_to_le32(fi->attrs);
	rsp->PersistentFileId = cpu_to_le64(f->persistent_id);
	rsp->VolatileFileId = cpu_to_le64(f->volatile_id);

	if (cc->ctx.mxac.present && room >= clen + rsp_ctx_size(8)) {
		__le32 d[2] = { STATUS_SUCCESS, cpu_to_le32(max) };

		last = clen;
		clen += put_rsp_ctx(ctx + clen, "MxAc", d, sizeof(d));
	}
	if (cc->ctx.qfid.present && room >= clen + rsp_ctx_size(32)) {
		u8 d[32] = {};

		put_unaligned_le64(st->ino, d);
		put_unaligned_le64(new_encode_dev(st->dev), d + 8);
		if (clen)
			put_unaligned_le32(clen - last, ctx + last);
		last = clen;
		clen += put_rsp_ctx(ctx + clen, "QFid", d, sizeof(d));
	}
	if (g->oplock == SMB2_OPLOCK_LEVEL_LEASE &&
	    room >= clen + rsp_ctx_size(52)) {
		if (clen)
			put_unaligned_le32(clen - last, ctx + last);
		last = clen;
		clen += put_lease_ctx(ctx + clen, cc, g);
	}
	if (cc->dh.granted && room >= clen + rsp_ctx_size(8)) {
		/* 2.2.14.2.3: 8 reserved; 2.2.14.2.12: Timeout, Flags */
		__le32 d[2] = {};

		if (cc->dh.granted == 2) {
			d[0] = cpu_to_le32(cc->dh.timeout_ms);
			d[1] = cpu_to_le32(cc->dh.persistent ?
					   SMB2_DHANDLE_FLAG_PERSISTENT : 0);
		}
		if (clen)
			put_unaligned_le32(clen - last, ctx + last);
		last = clen;
		clen += put_rsp_ctx(ctx + clen,
				    cc->dh.granted == 2 ? "DH2Q" : "DHnQ", d,
				    sizeof(d));
	}
	if (cc->posix && room >= clen + ALIGN(32 + POSIX_CC_RSP_SIZE, 8)) {
		if (clen)
			put_unaligned_le32(clen - last, ctx + last);
		last = clen;
		clen += put_posix_ctx(ctx + clen, st);
	}
	if (clen) {
		rsp->CreateContextsOffset = cpu_to_le32(SMB2_HDR_SIZE + len);
		rsp->CreateContextsLength = cpu_to_le32(clen);
	}
	smb2_rsp_end(w, clen);
}

/* The oplock/lease side of a CREATE, for cifsd_open_attach(). */
static void open_req_init(struct cifsd_work *w, struct smb2_create_req *req,
			  const struct create_args *a,
			  const struct create_ctx_req *cc, u32 action,
			  struct cifsd_open_req *r)
{
	u32 sflags = w->tree->share_flags;

	memset(r, 0, sizeof(*r));
	r->access = a->access;
	r->share = a->share_access;
	r->oplock = req->RequestedOplockLevel;
	r->lease = cc->lease ? &cc->lr : NULL;
	r->leases = cc->lease;
	r->dir_leases = w->conn->capabilities &
			SMB2_GLOBAL_CAP_DIRECTORY_LEASING;
	r->overwrite = action == FILE_SUPERSEDED || action == FILE_OVERWRITTEN;
	r->delete_on_close = a->options & FILE_DELETE_ON_CLOSE;
	r->first_attempt = !w->async;
	r->created = action == FILE_CREATED;
	r->no_oplocks = sflags & CIFSD_SHARE_F_NO_OPLOCKS;
	r->no_level2 = sflags & CIFSD_SHARE_F_NO_LEVEL2;
	r->no_kernel_oplocks = sflags & CIFSD_SHARE_F_NO_KERNEL_OPLOCKS;
}

/*
 * A new or overwritten object gets the attributes, EAs and allocation
 * the request asked for (MS-FSA 2.1.5.1.2.1: ARCHIVE is added for files).
 */
static __le32 apply_new_metadata(struct cifsd_file *f, struct create_args *a,
				 u32 action, const struct create_ctx_req *cc)
{
	const struct path *p = &f->filp->f_path;
	u32 attrs = a->attrs & CIFSD_DOS_SETTABLE;
	__le32 st;
	int err;

	if (action == FILE_OPENED)
		return STATUS_SUCCESS;
	if (!f->is_dir)
		attrs |= FILE_ATTRIBUTE_ARCHIVE;
	/* the default needs no xattr */
	if (action != FILE_CREATED ||
	    attrs != (f->is_dir ? 0 : FILE_ATTRIBUTE_ARCHIVE)) {
		err = cifsd_vfs_set_dos(p, &attrs, NULL, NULL);
		if (err)
			return cifsd_errno_to_status(err);
	}
	if (cc->exta) {
		st = smb2_apply_ea_list(p, cc->exta, cc->exta_len);
		if (st != STATUS_SUCCESS)
			return st;
	}
	if (cc->alsi && !f->is_dir && cc->alsi_size <= LLONG_MAX) {
		err = cifsd_vfs_allocate(f->filp, cc->alsi_size);
		if (err)
			return cifsd_errno_to_status(err);
	}
	return STATUS_SUCCESS;
}

/*
 * Open the resolved object and publish it; returns the open (+1 ref).
 * STATUS_PENDING: breaks were sent, @r says where to wait.
 */
static __le32 open_and_publish(struct cifsd_work *w, struct cifsd_vpath *vp,
			       struct create_args *a, u32 action,
			       struct create_ctx_req *cc,
			       struct cifsd_open_req *r, struct cifsd_grant *g,
			       struct cifsd_file **out)
{
	struct path p = { .mnt = vp->parent.mnt, .dentry = vp->dentry };
	bool is_dir = d_is_dir(vp->dentry);
	struct cifsd_file *f;
	struct file *filp;
	__le32 status;
	int err, quiet;

	if (a->stream) {
		/* the stream's data is in xattrs: the file is not opened */
		filp = cifsd_vfs_open(&p, O_PATH);
	} else if (a->by_acl) {
		const struct cred *old = cifsd_meta_creds_begin();

		filp = cifsd_vfs_open(&p, open_flags(a->access, is_dir,
						     a->reparse));
		cifsd_meta_creds_end(old);
	} else {
		filp = cifsd_vfs_open(&p, open_flags(a->access, is_dir,
						     a->reparse));
	}
	if (IS_ERR(filp))
		return cifsd_errno_to_status(PTR_ERR(filp));
	f = cifsd_file_alloc(w, filp);
	if (!f) {
		fput(filp);
		return STATUS_NO_MEMORY;
	}
	f->access = a->access;
	f->share_access = a->share_access;
	f->is_dir = is_dir && !a->stream;
	f->is_reparse = a->reparse;
	f->posix = cc->posix;
	f->wsl_has_mode = cc->wsl.has_mode;
	f->wsl_mode = cc->wsl.mode;
	f->wsl_has_dev = cc->wsl.has_dev;
	f->wsl_major = cc->wsl.major;
	f->wsl_minor = cc->wsl.minor;
	f->create_options = a->options;
	f->mode = a->options & FILE_MODE_SETTABLE;
	f->name = kstrdup(vp->name, GFP_KERNEL);
	if (a->stream)
		f->stream = kstrdup(a->stream, GFP_KERNEL);
	if (!f->name || (a->stream && !f->stream)) {
		cifsd_file_put(f);
		return STATUS_NO_MEMORY;
	}
	/*
	 * Share modes and breaks before anything changes the file; the put
	 * undoes it.
	 */
	status = cifsd_open_attach(f, r, g);
	if (status != STATUS_SUCCESS) {
		cifsd_file_put(f);
		return status;
	}
	if (action == FILE_SUPERSEDED || action == FILE_OVERWRITTEN) {
		/* overwriting a file replaces its streams too (MS-FSA) */
		err = f->stream ? cifsd_stream_truncate(&filp->f_path,
							f->stream, 0) :
				  cifsd_vfs_truncate(filp, 0);
		if (!err && !f->stream && !f->is_dir)
			err = cifsd_stream_remove_all(&filp->f_path);
		if (err) {
			cifsd_file_put(f);
			return cifsd_errno_to_status(err);
		}
	}
	quiet = action == FILE_CREATED ? cifsd_notify_quiet_begin() : -1;
	status = f->stream ? STATUS_SUCCESS :
			     apply_new_metadata(f, a, action, cc);
	cifsd_notify_quiet_end(quiet);
	if (status != STATUS_SUCCESS) {
		cifsd_file_put(f);
		return status;
	}
	smb2_dh_grant(w, f, g, &cc->dh);
	/* what a replay of this CREATE is told (3.3.5.9.10) */
	f->dh.create_action = action;
	err = cifsd_file_insert(&w->sess->files, f);
	if (err) {
		cifsd_file_put(f);
		return err == -ENFILE ? STATUS_TOO_MANY_OPENED_FILES :
					STATUS_NETWORK_NAME_DELETED;
	}
	/* only now: a failed open must not delete anything */
	f->delete_on_close = a->options & FILE_DELETE_ON_CLOSE;
	*out = f;
	return STATUS_SUCCESS;
}

/*
 * The name is a symbolic link or a special file (MS-SMB2 3.3.5.9,
 * MS-FSA 2.1.5.1): FILE_OPEN_REPARSE_POINT opens the object itself;
 * otherwise a link is the client's to follow (STATUS_STOPPED_ON_SYMLINK:
 * the caller sends the symlink error response), and a special file is a
 * reparse point this server does not handle.
 */
static __le32 open_reparse(struct cifsd_vpath *vp, struct create_args *a)
{
	a->reparse = true;
	if (a->disposition == FILE_CREATE)
		return STATUS_OBJECT_NAME_COLLISION;
	if (a->options & FILE_OPEN_REPARSE_POINT)
		return STATUS_SUCCESS;
	/*
	 * cifs.ko sets the times, mode and owner of a symbolic link or
	 * special file (utimensat with AT_SYMLINK_NOFOLLOW, chmod of a FIFO,
	 * as cp -a does) with an open asking only for these rights and
	 * without FILE_OPEN_REPARSE_POINT; it has resolved any link itself,
	 * so it means the object.  Windows always adds SYNCHRONIZE and
	 * FILE_READ_ATTRIBUTES and gets what MS-FSA says.
	 */
	if (a->access && !(a->access & ~LINUX_META_ACCESS) &&
	    !a->max_allowed && a->disposition == FILE_OPEN)
		return STATUS_SUCCESS;
	if (d_is_symlink(vp->dentry))
		return STATUS_STOPPED_ON_SYMLINK;
	return STATUS_IO_REPARSE_TAG_NOT_HANDLED;
}

/*
 * Answer the CREATE with the existing open @f (a reconnect or a replay),
 * as a CREATE that made it with @action; drops the caller's reference.
 */
static void answer_with_open(struct cifsd_work *w, struct cifsd_file *f,
			     u32 action, const struct create_ctx_req *cc,
			     const struct cifsd_grant *g)
{
	struct cifsd_finfo fi;

	if (smb2_file_finfo(f, &fi))
		memset(&fi, 0, sizeof(fi));
	fill_create_rsp(w, f, action, &fi, cc, f->access, g);
	smb2_set_compound_fid(w, f->persistent_id, f->volatile_id);
	cifsd_file_put(f);
}

/*
 * DHnC / DH2C: the CREATE gives back a disconnected durable open; its
 * name, disposition, access and share mode are ignored (3.3.5.9.7).
 */
static void create_reconnect(struct cifsd_work *w, struct create_ctx_req *cc,
			     const u8 *uname, u16 nlen)
{
	struct smb2_lease_req lr;
	char *name;
	struct cifsd_file *f;
	struct cifsd_grant g;
	__le32 status;

	/* the lease context counts whatever RequestedOplockLevel says */
	cc->lease = false;
	if (cc->ctx.rqls.present && w->conn->dialect >= SMB21_PROT_ID) {
		if (smb2_parse_lease_ctx(&cc->ctx.rqls, &lr)) {
			smb2_set_error(w, STATUS_INVALID_PARAMETER);
			return;
		}
		memcpy(cc->lr.key, lr.key, sizeof(lr.key));
		memcpy(cc->lr.parent_key, lr.parent_key, sizeof(lr.key));
		cc->lr.flags = lr.version == 2 ? lr.flags : 0;
		cc->lr.version = lr.version;
		cc->lease = true;
	}
	name = cifsd_vfs_wire_name(uname, nlen, &status);
	status = smb2_dh_reconnect(w, &cc->dh, cc->lease ? &cc->lr : NULL,
				   name, &f, &g);
	kfree(name);
	if (status != STATUS_SUCCESS) {
		smb2_set_error(w, status);
		return;
	}
	/* a reconnect answers no durable context (the open keeps its own) */
	cc->dh.granted = 0;
	answer_with_open(w, f, FILE_OPENED, cc, &g);
}

/*
 * A DH2Q CREATE replayed (SMB2_FLAGS_REPLAY_OPERATION, 3.3.5.9.10) whose
 * first execution made an open of this session: answer with that open,
 * as the first time, and do nothing else.  False: nothing to replay, run
 * the CREATE.
 */
static bool create_replay(struct cifsd_work *w, struct create_ctx_req *cc)
{
	struct cifsd_lease_id cur;
	struct cifsd_file *f;
	struct cifsd_grant g;

	f = cifsd_durable_find_replay(cc->dh.req.create_guid,
				      w->conn->client_guid, w->sess);
	if (!f)
		return false;
	/* a replay names the lease of the first execution, or none */
	cifsd_open_lease_of(f, &cur);
	if (cur.has_lease != cc->lease ||
	    (cc->lease && memcmp(cur.key, cc->lr.key, sizeof(cur.key)))) {
		cifsd_file_put(f);
		smb2_set_error(w, STATUS_ACCESS_DENIED);
		return true;
	}
	cifsd_open_grant_now(f, &g);
	cc->dh.granted = f->dh.version;
	cc->dh.timeout_ms = f->dh.timeout_ms;
	cc->dh.persistent = f->dh.persistent;
	answer_with_open(w, f, f->dh.create_action, cc, &g);
	return true;
}

static const struct cifsd_async_ops create_wait_ops = {
	.complete = smb2_create,
	.cancel = cifsd_inode_waiter_cancel,
	.release = cifsd_inode_waiter_release,
};

int smb2_create(struct cifsd_work *w)
{
	struct smb2_create_req *req = smb2_req_body(w);
	u16 noff = le16_to_cpu(req->NameOffset);
	u16 nlen = le16_to_cpu(req->NameLength);
	struct create_ctx_req cc;
	struct create_args a;
	struct cifsd_vpath vp;
	struct cifsd_file *f = NULL;
	struct cifsd_open_req r;
	struct cifsd_grant g;
	struct cifsd_finfo fi;
	u32 action = FILE_OPENED, max;
	__le32 status;
	int exempt;

	if (w->tree->is_pipe)
		return smb2_pipe_create(w);
	if ((nlen & 1) || (nlen && noff < SMB2_HDR_SIZE +
			   offsetof(struct smb2_create_req, Buffer)) ||
	    !wire_range_ok(w->pdu_len, noff, nlen)) {
		status = STATUS_INVALID_PARAMETER;
		goto err;
	}
	status = parse_create_contexts(w, req, &cc);
	if (status != STATUS_SUCCESS)
		goto err;
	if (cc.dh.kind == SMB2_DH_RECONNECT_V1 ||
	    cc.dh.kind == SMB2_DH_RECONNECT_V2) {
		create_reconnect(w, &cc, (const u8 *)smb2_req_hdr(w) + noff,
				 nlen);
		return 0;
	}
	if (cc.dh.kind == SMB2_DH_REQ_V2 &&
	    (smb2_req_hdr(w)->Flags & SMB2_FLAGS_REPLAY_OPERATION) &&
	    create_replay(w, &cc))
		return 0;
	status = check_create_args(req, &a);
	if (status != STATUS_SUCCESS)
		goto err;

	status = cifsd_vfs_resolve_flags(w->tree,
					 (const u8 *)smb2_req_hdr(w) + noff,
					 nlen, CIFSD_RESOLVE_KEEP_LINK |
					 CIFSD_RESOLVE_STREAM |
					 (cc.posix ? CIFSD_RESOLVE_POSIX : 0),
					 &vp);
	if (status == STATUS_SUCCESS && (vp.stream || vp.data_default)) {
		/* "f::$DATA" is a file; no stream is a directory */
		if (a.options & FILE_DIRECTORY_FILE)
			status = STATUS_NOT_A_DIRECTORY;
		a.options |= FILE_NON_DIRECTORY_FILE;
	}
	if (status == STATUS_SUCCESS && d_is_positive(vp.dentry) &&
	    cifsd_mode_is_reparse(d_inode(vp.dentry)->i_mode))
		status = open_reparse(&vp, &a);
	if (status == STATUS_STOPPED_ON_SYMLINK) {
		/* a link in the path or at its end: the client follows it */
		smb2_stopped_on_symlink(w, vp.dentry, vp.unparsed, cc.posix);
		cifsd_vpath_put(&vp);
		return 0;
	}
	if (status != STATUS_SUCCESS) {
		cifsd_vpath_put(&vp);
		goto err;
	}
	/* a change by an open naming its parent's lease keeps that lease */
	exempt = cc.lease && (cc.lr.flags & SMB2_LEASE_FLAG_PARENT_LEASE_KEY_SET) ?
		 cifsd_dirlease_exempt_begin(w->conn->client_guid,
					     cc.lr.parent_key) : -1;
	if (vp.stream)
		status = stream_prepare(w, &vp, &a, &cc, &action);
	else if (d_is_positive(vp.dentry))
		status = check_existing(w, &vp, &a, &action);
	else
		status = create_new(w, &vp, &a, &cc, &action);
	if (status == STATUS_SUCCESS) {
		open_req_init(w, req, &a, &cc, action, &r);
		status = open_and_publish(w, &vp, &a, action, &cc, &r, &g, &f);
		if (status == STATUS_PENDING) {
			/* wait for the breaks without a worker; rerun then */
			cifsd_dirlease_exempt_end(exempt);
			cifsd_vpath_put(&vp);
			kfree(a.stream);
			cifsd_inode_park(w, r.wait_ci, CIFSD_WAIT_BREAK,
					 r.wait_seq, &create_wait_ops, NULL);
			return 0;
		}
		if (status != STATUS_SUCCESS && action == FILE_CREATED &&
		    status != STATUS_SHARING_VIOLATION &&
		    status != STATUS_DELETE_PENDING) {
			/*
			 * Do not leave behind what we could not open (unless
			 * another open of it already exists).
			 */
			struct path p = { .mnt = vp.parent.mnt,
					  .dentry = vp.dentry };

			if (a.stream)
				cifsd_stream_remove(&p, a.stream);
			else
				cifsd_vfs_remove(&p);
		}
	}
	cifsd_dirlease_exempt_end(exempt);
	kfree(a.stream);
	if (status != STATUS_SUCCESS) {
		cifsd_vpath_put(&vp);
		goto err;
	}
	{
		struct path p = { .mnt = vp.parent.mnt, .dentry = vp.dentry };

		if (smb2_ntacl_access(&p, &max))
			max |= FILE_READ_ATTRIBUTES | SYNCHRONIZE |
			       (f->access & DELETE);
		else
			max = cifsd_vfs_max_access(&p, vp.is_root ? NULL :
						   vp.parent.dentry);
		if (w->tree->readonly)
			max &= ~SMB2_WRITE_ACCESS_MASK;
	}
	cifsd_vpath_put(&vp);
	if (smb2_file_finfo(f, &fi))
		memset(&fi, 0, sizeof(fi));
	fill_create_rsp(w, f, action, &fi, &cc, max, &g);
	smb2_set_compound_fid(w, f->persistent_id, f->volatile_id);
	cifsd_file_put(f);
	return 0;
err:
	smb2_set_error(w, status);
	return 0;
}

int smb2_close(struct cifsd_work *w)
{
	struct smb2_close_req *req = smb2_req_body(w);
	struct smb2_close_rsp *rsp;
	struct cifsd_file *f;
	struct cifsd_finfo *fi;

	if (w->tree->is_pipe)
		return smb2_pipe_close(w);
	f = smb2_get_open(w, req->PersistentFileId, req->VolatileFileId);
	if (!f)
		return 0;
	rsp = smb2_rsp_fixed(w, sizeof(*rsp));
	if (!rsp) {
		cifsd_file_put(f);
		return 0;
	}
	rsp->StructureSize = cpu_to_le16(60);
	fi = (req->Flags & SMB2_CLOSE_FLAG_POSTQUERY_ATTRIB) ?
		kmalloc(sizeof(*fi), GFP_KERNEL) : NULL;
	if (fi && !smb2_file_finfo(f, fi)) {
		rsp->Flags = SMB2_CLOSE_FLAG_POSTQUERY_ATTRIB;
		rsp->CreationTime = cpu_to_le64(fi->create_nt);
		rsp->LastAccessTime = cpu_to_le64(fi->access_nt);
		rsp->LastWriteTime = cpu_to_le64(fi->write_nt);
		rsp->ChangeTime = cpu_to_le64(fi->change_nt);
		rsp->AllocationSize = cpu_to_le64(fi->alloc);
		rsp->EndOfFile = cpu_to_le64(fi->eof);
		rsp->Attributes = cpu_to_le32(fi->attrs);
	}
	kfree(fi);
	if (!cifsd_file_remove(&w->sess->files, f)) {
		/* a concurrent CLOSE won */
		cifsd_file_put(f);
		smb2_set_error(w, STATUS_FILE_CLOSED);
		return 0;
	}
	/* requests parked on the open end with it */
	cifsd_async_cancel_matching(w->conn, NULL, NULL, f, STATUS_SUCCESS);
	cifsd_file_put(f);	/* the table's reference */
	cifsd_file_put(f);	/* ours */
	return 0;
}
