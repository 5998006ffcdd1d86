// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SMB2 CREATE and CLOSE (MS-SMB2 3.3.5.9, 3.3.5.10).
 *
 * Share modes are checked against the opens of the same inode across the
 * server (share_mode.h) before an open is published.
 *
 * Not done yet: oplocks/leases (OplockLevel is always NONE),
 * durable handles, EA/security-descriptor/allocation create contexts
 * (ignored), named streams.
 */
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/file.h>
#include <linux/stat.h>
#include "compat.h"
#include "work.h"
#include "conn.h"
#include "session.h"
#include "tree.h"
#include "file.h"
#include "vfs.h"
#include "ntime.h"
#include "fscc.h"
#include "smb2_fileops.h"
#include "smb2_pipe.h"
#include "share_mode.h"
#include "async.h"
#include "smb2_reparse.h"
#include "wire/posix.h"
#include "wire/reparse.h"

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

/* Create contexts we answer (2.2.13.2). */
struct create_ctx_req {
	bool mxac;
	bool qfid;
	bool posix;		/* SMB 3.1.1 POSIX create context */
	u32 posix_mode;		/* its mode, U32_MAX: none given */
	struct wsl_eas wsl;	/* WSL attributes in an EA buffer (ExtA) */
};

static bool ctx_name_is(const u8 *ctx, u16 noff, u16 nlen, const char *tag)
{
	return nlen == 4 && !memcmp(ctx + noff, tag, 4);
}

/* The contexts of symbolic links, special files and POSIX opens. */
static __le32 parse_link_ctx(struct cifsd_work *w, const u8 *c, u16 noff,
			     u16 nlen, u32 doff, u32 dlen,
			     struct create_ctx_req *out)
{
	if (nlen == SMB2_POSIX_GUID_SIZE &&
	    !memcmp(c + noff, smb2_posix_guid, SMB2_POSIX_GUID_SIZE)) {
		/* POSIX extensions are an SMB 3.1.1 feature */
		if (w->conn->dialect != SMB311_PROT_ID)
			return STATUS_SUCCESS;
		if (posix_parse_create_ctx(c + doff, dlen, &out->posix_mode))
			return STATUS_INVALID_PARAMETER;
		out->posix = true;
	} else if (ctx_name_is(c, noff, nlen, "ExtA") && dlen) {
		/* only the WSL attributes here; a bad list fails the open */
		if (wsl_parse_eas(c + doff, dlen, &out->wsl))
			return STATUS_INVALID_PARAMETER;
	}
	return STATUS_SUCCESS;
}

/*
 * Walk the create context chain: every context must lie inside the area,
 * start 8-byte aligned and have its name and data inside itself.
 */
static __le32 parse_create_contexts(struct cifsd_work *w,
				    struct smb2_create_req *req,
				    struct create_ctx_req *out)
{
	u32 off = le32_to_cpu(req->CreateContextsOffset);
	u32 len = le32_to_cpu(req->CreateContextsLength);
	const u8 *base = (const u8 *)smb2_req_hdr(w);
	u32 pos = 0;

	memset(out, 0, sizeof(*out));
	out->posix_mode = U32_MAX;
	if (!len)
		return STATUS_SUCCESS;
	if (!wire_range_ok(w->pdu_len, off, len))
		return STATUS_INVALID_PARAMETER;
	base += off;
	for (;;) {
		const struct smb2_create_context *c;
		u32 next, size, doff, dlen;
		u16 noff, nlen;

		if (len - pos < sizeof(*c))
			return STATUS_INVALID_PARAMETER;
		c = (const void *)(base + pos);
		next = le32_to_cpu(c->Next);
		noff = le16_to_cpu(c->NameOffset);
		nlen = le16_to_cpu(c->NameLength);
		doff = le16_to_cpu(c->DataOffset);
		dlen = le32_to_cpu(c->DataLength);
		if (next && ((next & 7) || next < sizeof(*c) ||
			     next > len - pos))
			return STATUS_INVALID_PARAMETER;
		size = next ? next : len - pos;
		if (nlen < 4 || !wire_range_ok(size, noff, nlen))
			return STATUS_INVALID_PARAMETER;
		if (dlen && !wire_range_ok(size, doff, dlen))
			return STATUS_INVALID_PARAMETER;
		if (ctx_name_is((const u8 *)c, noff, nlen, "MxAc"))
			out->mxac = true;
		else if (ctx_name_is((const u8 *)c, noff, nlen, "QFid"))
			out->qfid = true;
		else if (parse_link_ctx(w, (const u8 *)c, noff, nlen, doff,
					dlen, out) != STATUS_SUCCESS)
			return STATUS_INVALID_PARAMETER;
		if (!next)
			break;
		pos += next;
	}
	return STATUS_SUCCESS;
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
	bool max_allowed;
	bool reparse;		/* the object is a symlink or special file */
	const struct create_ctx_req *cc;
};

static __le32 check_create_args(struct smb2_create_req *req,
				struct create_args *a)
{
	u32 raw = le32_to_cpu(req->DesiredAccess);

	a->disposition = le32_to_cpu(req->CreateDisposition);
	a->options = le32_to_cpu(req->CreateOptions);
	a->share_access = le32_to_cpu(req->ShareAccess);
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

/* The object exists: apply the disposition and access checks. */
static __le32 check_existing(struct cifsd_work *w, struct cifsd_vpath *vp,
			     struct create_args *a, u32 *action)
{
	struct path p = { .mnt = vp->parent.mnt, .dentry = vp->dentry };
	bool is_dir = d_is_dir(vp->dentry);
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

	max = cifsd_vfs_max_access(&p, vp->is_root ? NULL :
				   vp->parent.dentry);
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
			 struct create_args *a, u32 *action)
{
	bool dir = a->options & FILE_DIRECTORY_FILE;
	umode_t mode;
	int err;

	if (a->disposition == FILE_OPEN || a->disposition == FILE_OVERWRITE)
		return STATUS_OBJECT_NAME_NOT_FOUND;
	if (w->tree->readonly)
		return STATUS_ACCESS_DENIED;
	if (a->cc->posix_mode != U32_MAX)
		mode = a->cc->posix_mode;
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
	*action = FILE_CREATED;
	/* the creator gets what it asked for */
	if (a->max_allowed)
		a->access |= FILE_ALL_ACCESS;
	return STATUS_SUCCESS;
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

/* Chain one more response context at ctx + *clen. */
static void chain_ctx(u8 *ctx, size_t *clen, size_t *last, size_t len)
{
	if (*clen)
		put_unaligned_le32(*clen - *last, ctx + *last);
	*last = *clen;
	*clen += len;
}

static void fill_create_rsp(struct cifsd_work *w, struct cifsd_file *f,
			    u32 action, const struct kstat *st,
			    const struct create_ctx_req *cc, u32 max)
{
	size_t len = offsetof(struct smb2_create_rsp, Buffer);
	struct smb2_create_rsp *rsp = smb2_rsp_begin(w, len);
	size_t clen = 0, last = 0, room;
	u8 *ctx;

	if (!rsp)
		return;
	room = smb2_rsp_room(w);
	ctx = smb2_rsp_buf(w);
	rsp->StructureSize = cpu_to_le16(89);
	rsp->OplockLevel = SMB2_OPLOCK_LEVEL_NONE;
	if (f->is_reparse && w->conn->dialect == SMB311_PROT_ID)
		rsp->Flags = SMB2_CREATE_FLAG_REPARSEPOINT;
	rsp->CreateAction = cpu_to_le32(action);
	rsp->CreationTime = cpu_to_le64(cifsd_ts_to_nt(st->btime.tv_sec ?
						       st->btime : st->ctime));
	rsp->LastAccessTime = cpu_to_le64(cifsd_ts_to_nt(st->atime));
	rsp->LastWriteTime = cpu_to_le64(cifsd_ts_to_nt(st->mtime));
	rsp->ChangeTime = cpu_to_le64(cifsd_ts_to_nt(st->ctime));
	if (!f->is_dir) {
		rsp->AllocationSize = cpu_to_le64(smb2_alloc_size(st));
		rsp->EndofFile = cpu_to_le64(st->size);
	}
	rsp->FileAttributes = cpu_to_le32(cifsd_stat_attrs(st));
	rsp->PersistentFileId = cpu_to_le64(f->persistent_id);
	rsp->VolatileFileId = cpu_to_le64(f->volatile_id);

	if (cc->mxac && room >= clen + 32) {
		__le32 d[2] = { STATUS_SUCCESS, cpu_to_le32(max) };

		chain_ctx(ctx, &clen, &last,
			  put_rsp_ctx(ctx + clen, "MxAc", d, sizeof(d)));
	}
	if (cc->qfid && room >= clen + 56) {
		u8 d[32] = {};

		put_unaligned_le64(st->ino, d);
		put_unaligned_le64(new_encode_dev(st->dev), d + 8);
		chain_ctx(ctx, &clen, &last,
			  put_rsp_ctx(ctx + clen, "QFid", d, sizeof(d)));
	}
	if (cc->posix && room >= clen + ALIGN(32 + POSIX_CC_RSP_SIZE, 8))
		chain_ctx(ctx, &clen, &last, put_posix_ctx(ctx + clen, st));
	if (clen) {
		rsp->CreateContextsOffset = cpu_to_le32(SMB2_HDR_SIZE + len);
		rsp->CreateContextsLength = cpu_to_le32(clen);
	}
	smb2_rsp_end(w, clen);
}

/* Open the resolved object and publish it; returns the open (+1 ref). */
static __le32 open_and_publish(struct cifsd_work *w, struct cifsd_vpath *vp,
			       struct create_args *a, u32 action,
			       struct cifsd_file **out)
{
	struct path p = { .mnt = vp->parent.mnt, .dentry = vp->dentry };
	bool is_dir = d_is_dir(vp->dentry);
	const struct wsl_eas *wsl = &a->cc->wsl;
	struct cifsd_file *f;
	struct file *filp;
	__le32 status;
	int err;

	filp = cifsd_vfs_open(&p, open_flags(a->access, is_dir, a->reparse));
	if (IS_ERR(filp))
		return cifsd_errno_to_status(PTR_ERR(filp));
	f = cifsd_file_alloc(w, filp);
	if (!f) {
		fput(filp);
		return STATUS_NO_MEMORY;
	}
	f->access = a->access;
	f->share_access = a->share_access;
	f->is_dir = is_dir;
	f->is_reparse = a->reparse;
	f->posix = a->cc->posix;
	f->wsl_has_mode = wsl->has_mode;
	f->wsl_mode = wsl->mode;
	f->wsl_has_dev = wsl->has_dev;
	f->wsl_major = wsl->major;
	f->wsl_minor = wsl->minor;
	f->create_options = a->options;
	f->mode = a->options & FILE_MODE_SETTABLE;
	f->name = kstrdup(vp->name, GFP_KERNEL);
	if (!f->name) {
		cifsd_file_put(f);
		return STATUS_NO_MEMORY;
	}
	/* share modes before anything changes the file; the put undoes it */
	status = cifsd_share_add(f);
	if (status != STATUS_SUCCESS) {
		cifsd_file_put(f);
		return status;
	}
	if (action == FILE_SUPERSEDED || action == FILE_OVERWRITTEN) {
		err = cifsd_vfs_truncate(filp, 0);
		if (err) {
			cifsd_file_put(f);
			return cifsd_errno_to_status(err);
		}
	}
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
 * otherwise a link is the client's to follow, and a special file is a
 * reparse point this server does not handle.  STATUS_PENDING here means
 * the reply is already built.
 */
static __le32 open_reparse(struct cifsd_work *w, struct cifsd_vpath *vp,
			   struct create_args *a)
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
	if (d_is_symlink(vp->dentry)) {
		smb2_stopped_on_symlink(w, vp->dentry, 0, a->cc->posix);
		return STATUS_PENDING;
	}
	return STATUS_IO_REPARSE_TAG_NOT_HANDLED;
}

/* Resolve, then open or create; on success *f is the new open. */
static __le32 do_create(struct cifsd_work *w, const u8 *name, u16 nlen,
			struct create_args *a, u32 *action,
			struct cifsd_file **f, u32 *max)
{
	struct cifsd_vpath vp;
	struct path p;
	__le32 status;

	status = cifsd_vfs_resolve_flags(w->tree, name, nlen,
					 CIFSD_RESOLVE_KEEP_LINK |
					 (a->cc->posix ? CIFSD_RESOLVE_POSIX : 0),
					 &vp);
	if (status == STATUS_STOPPED_ON_SYMLINK) {
		/* a directory on the way is a link: the client follows it */
		smb2_stopped_on_symlink(w, vp.dentry, vp.unparsed,
					a->cc->posix);
		cifsd_vpath_put(&vp);
		return STATUS_PENDING;
	}
	if (status != STATUS_SUCCESS)
		return status;
	if (d_is_positive(vp.dentry) &&
	    cifsd_mode_is_reparse(d_inode(vp.dentry)->i_mode))
		status = open_reparse(w, &vp, a);
	if (status == STATUS_SUCCESS && d_is_positive(vp.dentry))
		status = check_existing(w, &vp, a, action);
	else if (status == STATUS_SUCCESS)
		status = create_new(w, &vp, a, action);
	if (status == STATUS_SUCCESS) {
		status = open_and_publish(w, &vp, a, *action, f);
		if (status != STATUS_SUCCESS && *action == FILE_CREATED &&
		    status != STATUS_SHARING_VIOLATION &&
		    status != STATUS_DELETE_PENDING) {
			/*
			 * Do not leave behind what we could not open (unless
			 * another open of it already exists).
			 */
			p.mnt = vp.parent.mnt;
			p.dentry = vp.dentry;
			cifsd_vfs_remove(&p);
		}
	}
	if (status == STATUS_SUCCESS) {
		p.mnt = vp.parent.mnt;
		p.dentry = vp.dentry;
		*max = cifsd_vfs_max_access(&p, vp.is_root ? NULL :
					    vp.parent.dentry);
		if (w->tree->readonly)
			*max &= ~SMB2_WRITE_ACCESS_MASK;
	}
	cifsd_vpath_put(&vp);
	return status;
}

int smb2_create(struct cifsd_work *w)
{
	struct smb2_create_req *req = smb2_req_body(w);
	u16 noff = le16_to_cpu(req->NameOffset);
	u16 nlen = le16_to_cpu(req->NameLength);
	struct create_ctx_req cc;
	struct create_args a = { .cc = &cc };
	struct cifsd_file *f = NULL;
	struct kstat st;
	u32 action = FILE_OPENED, max = 0;
	__le32 status;

	if (w->tree->is_pipe)
		return smb2_pipe_create(w);
	status = check_create_args(req, &a);
	if (status != STATUS_SUCCESS)
		goto err;
	if ((nlen & 1) || (nlen && noff < SMB2_HDR_SIZE +
			   offsetof(struct smb2_create_req, Buffer)) ||
	    !wire_range_ok(w->pdu_len, noff, nlen)) {
		status = STATUS_INVALID_PARAMETER;
		goto err;
	}
	status = parse_create_contexts(w, req, &cc);
	if (status != STATUS_SUCCESS)
		goto err;

	status = do_create(w, (const u8 *)smb2_req_hdr(w) + noff, nlen, &a,
			   &action, &f, &max);
	if (status == STATUS_PENDING)
		return 0;	/* the symlink error response is built */
	if (status != STATUS_SUCCESS)
		goto err;
	if (cifsd_vfs_getattr(&f->filp->f_path, &st))
		memset(&st, 0, sizeof(st));
	fill_create_rsp(w, f, action, &st, &cc, max);
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
	struct kstat st;

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
	if ((req->Flags & SMB2_CLOSE_FLAG_POSTQUERY_ATTRIB) &&
	    !cifsd_vfs_getattr(&f->filp->f_path, &st)) {
		rsp->Flags = SMB2_CLOSE_FLAG_POSTQUERY_ATTRIB;
		rsp->CreationTime = cpu_to_le64(cifsd_ts_to_nt(st.btime.tv_sec ?
							       st.btime :
							       st.ctime));
		rsp->LastAccessTime = cpu_to_le64(cifsd_ts_to_nt(st.atime));
		rsp->LastWriteTime = cpu_to_le64(cifsd_ts_to_nt(st.mtime));
		rsp->ChangeTime = cpu_to_le64(cifsd_ts_to_nt(st.ctime));
		if (!f->is_dir) {
			rsp->AllocationSize =
				cpu_to_le64(smb2_alloc_size(&st));
			rsp->EndOfFile = cpu_to_le64(st.size);
		}
		rsp->Attributes = cpu_to_le32(cifsd_stat_attrs(&st));
	}
	if (!cifsd_file_remove(&w->sess->files, f)) {
		/* a concurrent CLOSE won */
		cifsd_file_put(f);
		smb2_set_error(w, STATUS_FILE_CLOSED);
		return 0;
	}
	/* requests parked on the open end with it */
	cifsd_async_cancel_matching(w->conn, NULL, NULL, f, STATUS_CANCELLED);
	cifsd_file_put(f);	/* the table's reference */
	cifsd_file_put(f);	/* ours */
	return 0;
}
