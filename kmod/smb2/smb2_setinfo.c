// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SMB2 SET_INFO (MS-SMB2 3.3.5.21) for files.
 */
#include <linux/fs.h>
#include <linux/slab.h>
#include "work.h"
#include "async.h"
#include "inode.h"
#include "debug.h"
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
#include "oplock.h"
#include "meta.h"
#include "smb2_security.h"
#include "wire/posix.h"


struct si_in {
	const u8 *buf;
	u32 len;
};

static bool is_share_root(struct cifsd_file *f)
{
	return f->filp->f_path.dentry == f->tree->root.dentry;
}

/*
 * Time fields (MS-FSA 2.1.5.14.2): 0 leaves the time alone, -1 and -2
 * (do not / again update it automatically on this handle) are taken as
 * "leave it" too; any other negative value is invalid.
 */
static int pick_nt(__le64 v, u64 *out)
{
	s64 t = (s64)le64_to_cpu(v);

	if (t < -2)
		return -EINVAL;
	if (t <= 0)
		return 0;
	*out = t;
	return 1;
}

static __le32 set_basic(struct cifsd_file *f, const struct si_in *in)
{
	const struct file_basic_info *b = (const void *)in->buf;
	struct timespec64 at, mt;
	u64 c_nt, a_nt, w_nt, ch_nt;
	int hc, ha, hw, hch;
	const struct cred *old;
	u32 attrs;
	int err;

	if (in->len < sizeof(*b))
		return STATUS_INFO_LENGTH_MISMATCH;
	if (!(f->access & FILE_WRITE_ATTRIBUTES))
		return STATUS_ACCESS_DENIED;
	attrs = le32_to_cpu(b->FileAttributes);
	if (attrs & ~FILE_ATTRIBUTE_MASK)
		return STATUS_INVALID_PARAMETER;
	if ((attrs & FILE_ATTRIBUTE_DIRECTORY) && !f->is_dir)
		return STATUS_INVALID_PARAMETER;
	if ((attrs & FILE_ATTRIBUTE_TEMPORARY) && f->is_dir)
		return STATUS_INVALID_PARAMETER;
	hc = pick_nt(b->CreationTime, &c_nt);
	ha = pick_nt(b->LastAccessTime, &a_nt);
	hw = pick_nt(b->LastWriteTime, &w_nt);
	hch = pick_nt(b->ChangeTime, &ch_nt);
	if (hc < 0 || ha < 0 || hw < 0 || hch < 0)
		return STATUS_INVALID_PARAMETER;
	if (ha)
		at = cifsd_nt_to_ts(a_nt);
	if (hw)
		mt = cifsd_nt_to_ts(w_nt);

	/*
	 * FILE_WRITE_ATTRIBUTES was checked on the open: what Linux asks
	 * for on top (owner for explicit times) must not stop it.
	 */
	old = cifsd_meta_creds_begin();
	err = 0;
	if (ha || hw)
		err = cifsd_vfs_set_basic(f->filp, ha ? &at : NULL,
					  hw ? &mt : NULL, NULL, -1);
	/* an explicit ChangeTime or -1 stops updates through this handle */
	if (hch || le64_to_cpu(b->ChangeTime) == (u64)-1)
		WRITE_ONCE(f->keep_change_time, true);
	else if (le64_to_cpu(b->ChangeTime) == (u64)-2)
		WRITE_ONCE(f->keep_change_time, false);
	if (!err && (attrs || hc || hch || ha || hw))
		err = cifsd_vfs_set_dos_keep(&f->filp->f_path,
					     attrs ? &attrs : NULL,
					     hc ? &c_nt : NULL,
					     hch ? &ch_nt : NULL,
					     READ_ONCE(f->keep_change_time));
	cifsd_meta_creds_end(old);
	return cifsd_errno_to_status(err);
}

/*
 * A rename changes the source and the target directory: it must be
 * compatible with their opens as if it opened them to add an entry
 * (FILE_ADD_FILE) sharing read and write, so an open of one of them that
 * has DELETE access, or that shares nothing, makes it fail.  A directory
 * with an open file somewhere below it cannot be renamed.
 */
static __le32 rename_share_check(struct cifsd_file *f,
				 struct cifsd_vpath *to)
{
	const u32 access = FILE_WRITE_DATA;
	const u32 share = FILE_SHARE_READ | FILE_SHARE_WRITE;
	struct dentry *dir = dget_parent(f->filp->f_path.dentry);
	__le32 st;

	st = cifsd_share_check(d_inode(dir), access, share);
	if (st == STATUS_SUCCESS && to->parent.dentry != dir)
		st = cifsd_share_check(d_inode(to->parent.dentry), access,
				       share);
	dput(dir);
	if (st == STATUS_SUCCESS && f->is_dir &&
	    cifsd_share_open_below(f->filp->f_path.dentry))
		st = STATUS_ACCESS_DENIED;
	return st;
}

/*
 * The target name of FileRenameInformation / FileLinkInformation
 * (MS-FSCC 2.4.42.2, 2.4.27.2), share-relative: one leading separator
 * is tolerated.
 */
static __le32 rename_info_name(const struct si_in *in, const u8 **name,
			       u32 *nlen)
{
	const struct file_rename_info *r = (const void *)in->buf;
	u32 n;

	if (in->len < sizeof(*r))
		return STATUS_INFO_LENGTH_MISMATCH;
	n = le32_to_cpu(r->FileNameLength);
	if (n > in->len - sizeof(*r) || !n || (n & 1))
		return STATUS_INVALID_PARAMETER;
	if (r->RootDirectory)
		return STATUS_INVALID_PARAMETER;
	*name = r->FileName;
	if (n >= 2 && get_unaligned_le16(*name) == '\\') {
		*name += 2;
		n -= 2;
	}
	*nlen = n;
	return STATUS_SUCCESS;
}

/* Does the UTF-16 name have a ':' (a stream part)? */
static bool rename_names_stream(const u8 *name, u32 nlen)
{
	u32 i;

	for (i = 0; i + 1 < nlen; i += 2)
		if (get_unaligned_le16(name + i) == ':')
			return true;
	return false;
}

static __le32 set_rename(struct cifsd_work *w, struct cifsd_file *f,
			 const struct si_in *in)
{
	const struct file_rename_info *r = (const void *)in->buf;
	const u8 *name;
	u32 nlen;
	struct cifsd_vpath vp;
	__le32 st;
	char *newname;
	int err;

	st = rename_info_name(in, &name, &nlen);
	if (st != STATUS_SUCCESS)
		return st;
	if (!(f->access & DELETE) || is_share_root(f))
		return STATUS_ACCESS_DENIED;
	if (f->stream || (nlen >= 2 && get_unaligned_le16(name) == ':')) {
		/* "file:stream" as the new name: what Windows answers */
		if (f->stream && (nlen < 2 || get_unaligned_le16(name) != ':'))
			return rename_names_stream(name, nlen) ?
				STATUS_SHARING_VIOLATION :
				STATUS_INVALID_PARAMETER;
		/* a stream is renamed within its file only */
		if (!f->stream)
			return STATUS_INVALID_PARAMETER;
		return smb2_stream_rename(f, name, nlen, r->ReplaceIfExists);
	}
	st = cifsd_vfs_resolve_flags(w->tree, name, nlen,
				     f->posix ? CIFSD_RESOLVE_POSIX : 0, &vp);
	/*
	 * Ignoring case, the new name may be the file itself: a rename that
	 * only changes case ("a" to "A") takes the name as given.
	 */
	if (st == STATUS_SUCCESS && d_is_positive(vp.dentry) &&
	    d_inode(vp.dentry) == file_inode(f->filp) &&
	    vp.dentry != f->filp->f_path.dentry) {
		cifsd_vpath_put(&vp);
		st = cifsd_vfs_resolve_flags(w->tree, name, nlen,
					     CIFSD_RESOLVE_EXACT_LAST, &vp);
	}
	if (st != STATUS_SUCCESS)
		return st;
	if (vp.is_root) {
		cifsd_vpath_put(&vp);
		return STATUS_ACCESS_DENIED;
	}
	st = rename_share_check(f, &vp);
	if (st != STATUS_SUCCESS) {
		cifsd_vpath_put(&vp);
		return st;
	}
	newname = kstrdup(vp.name, GFP_KERNEL);
	if (!newname) {
		cifsd_vpath_put(&vp);
		return STATUS_NO_MEMORY;
	}
	err = cifsd_vfs_rename(f->filp, &vp, r->ReplaceIfExists);
	cifsd_vpath_put(&vp);
	if (err) {
		kfree(newname);
		return cifsd_errno_to_status(err);
	}
	mutex_lock(&f->lock);
	swap(f->name, newname);
	mutex_unlock(&f->lock);
	kfree(newname);
	return STATUS_SUCCESS;
}

/* FileLinkInformation (MS-FSCC 2.4.27.2): a hard link to the open file. */
static __le32 set_link(struct cifsd_work *w, struct cifsd_file *f,
		       const struct si_in *in)
{
	const struct file_rename_info *r = (const void *)in->buf;
	const u8 *name;
	u32 nlen;
	struct cifsd_vpath vp;
	__le32 st;
	int err;

	st = rename_info_name(in, &name, &nlen);
	if (st != STATUS_SUCCESS)
		return st;
	if (f->is_dir)
		return STATUS_FILE_IS_A_DIRECTORY;
	if (f->stream)
		return STATUS_INVALID_PARAMETER;
	st = cifsd_vfs_resolve_flags(w->tree, name, nlen,
				     f->posix ? CIFSD_RESOLVE_POSIX : 0, &vp);
	if (st != STATUS_SUCCESS)
		return st;
	err = cifsd_vfs_link(&f->filp->f_path, &vp, r->ReplaceIfExists);
	cifsd_vpath_put(&vp);
	if (err == -EEXIST)
		return STATUS_OBJECT_NAME_COLLISION;
	return cifsd_errno_to_status(err);
}

/*
 * A security descriptor from a client using the POSIX extensions: the
 * Unix owner, group and mode it carries (posix_parse_sd).  Other
 * descriptors are not stored yet.
 */
static __le32 set_posix_security(struct cifsd_work *w, struct cifsd_file *f,
				 u32 secinfo, const struct si_in *in)
{
	struct posix_sd sd;
	int err;

	if (w->tree->readonly)
		return STATUS_ACCESS_DENIED;
	if (((secinfo & (SECINFO_OWNER_BIT | SECINFO_GROUP_BIT)) &&
	     !(f->access & WRITE_OWNER)) ||
	    ((secinfo & SECINFO_DACL_BIT) && !(f->access & WRITE_DAC)))
		return STATUS_ACCESS_DENIED;
	err = posix_parse_sd(in->buf, in->len, secinfo, &sd);
	cifsd_dbg(VFS, "POSIX security 0x%x: parse %d uid %d/%u gid %d/%u mode %d/%o\n",
		  secinfo, err, sd.has_uid, sd.uid, sd.has_gid, sd.gid,
		  sd.has_mode, sd.mode);
	if (err == -EOPNOTSUPP)
		return STATUS_INVALID_OWNER;
	if (err)
		return STATUS_INVALID_SECURITY_DESCR;
	err = cifsd_vfs_set_owner_mode(&f->filp->f_path,
				       sd.has_uid ? (int)sd.uid : -1,
				       sd.has_gid ? (int)sd.gid : -1,
				       sd.has_mode ? (int)sd.mode : -1);
	return cifsd_errno_to_status(err);
}

static __le32 set_delete(struct cifsd_file *f, bool del)
{
	int err;

	if (!(f->access & DELETE) || is_share_root(f))
		return STATUS_ACCESS_DENIED;
	if (del && f->is_dir) {
		err = cifsd_vfs_dir_empty(&f->filp->f_path);
		if (err)
			return cifsd_errno_to_status(err);
	}
	WRITE_ONCE(f->delete_on_close, del);
	/* new opens of the file now get STATUS_DELETE_PENDING */
	cifsd_share_set_delete_pending(f, del);
	return STATUS_SUCCESS;
}

static __le32 set_size(struct cifsd_file *f, const struct si_in *in,
		       bool alloc)
{
	u64 size;
	int err;

	if (in->len < sizeof(__le64))
		return STATUS_INFO_LENGTH_MISMATCH;
	if (!(f->access & FILE_WRITE_DATA))
		return STATUS_ACCESS_DENIED;
	if (f->is_dir)
		return STATUS_INVALID_PARAMETER;
	size = get_unaligned_le64(in->buf);
	if (size > LLONG_MAX)
		return STATUS_INVALID_PARAMETER;
	if (f->stream)
		return smb2_stream_set_size(f, size, alloc);
	cifsd_break_readers(f);
	err = alloc ? cifsd_vfs_allocate(f->filp, size) :
		      cifsd_vfs_truncate(f->filp, size);
	return cifsd_errno_to_status(err);
}

static __le32 set_file_info(struct cifsd_work *w, struct cifsd_file *f,
			    u8 cls, const struct si_in *in)
{
	u32 v;

	switch (cls) {
	case FILE_POSITION_INFORMATION:
		if (in->len < sizeof(struct file_position_info))
			return STATUS_INFO_LENGTH_MISMATCH;
		if (get_unaligned_le64(in->buf) > LLONG_MAX)
			return STATUS_INVALID_PARAMETER;
		WRITE_ONCE(f->pos, get_unaligned_le64(in->buf));
		return STATUS_SUCCESS;
	case FILE_MODE_INFORMATION:
		if (in->len < sizeof(struct file_mode_info))
			return STATUS_INFO_LENGTH_MISMATCH;
		v = get_unaligned_le32(in->buf);
		if (v & ~FILE_MODE_SETTABLE)
			return STATUS_INVALID_PARAMETER;
		WRITE_ONCE(f->mode, v);
		return STATUS_SUCCESS;
	}

	/* everything below modifies the file system */
	if (w->tree->readonly)
		return STATUS_ACCESS_DENIED;
	switch (cls) {
	case FILE_BASIC_INFORMATION:
		return set_basic(f, in);
	case FILE_RENAME_INFORMATION:
		return set_rename(w, f, in);
	case FILE_LINK_INFORMATION:
		return set_link(w, f, in);
	case FILE_DISPOSITION_INFORMATION:
		if (in->len < sizeof(struct file_disposition_info))
			return STATUS_INFO_LENGTH_MISMATCH;
		return set_delete(f, in->buf[0] != 0);
	case FILE_DISPOSITION_INFORMATION_EX:
		if (in->len < sizeof(struct file_disposition_info_ex))
			return STATUS_INFO_LENGTH_MISMATCH;
		v = get_unaligned_le32(in->buf);
		return set_delete(f, v & FILE_DISPOSITION_DELETE);
	case FILE_ALLOCATION_INFORMATION:
		return set_size(f, in, true);
	case FILE_END_OF_FILE_INFORMATION:
		return set_size(f, in, false);
	case FILE_FULL_EA_INFORMATION:
		if (!(f->access & FILE_WRITE_EA))
			return STATUS_ACCESS_DENIED;
		return smb2_apply_ea_list(&f->filp->f_path, in->buf, in->len);
	}
	return STATUS_INVALID_INFO_CLASS;
}

static const struct cifsd_async_ops setinfo_wait_ops = {
	.complete = smb2_set_info,
	.cancel = cifsd_inode_waiter_cancel,
	.release = cifsd_inode_waiter_release,
};

/* Does this SET_INFO rename or delete the file (and so break H)? */
static bool renames_or_deletes(const struct smb2_set_info_req *req,
			       const struct si_in *in)
{
	if (req->InfoType != SMB2_O_INFO_FILE)
		return false;
	switch (req->FileInfoClass) {
	case FILE_RENAME_INFORMATION:
		return true;
	case FILE_DISPOSITION_INFORMATION:
		return in->len >= 1 && in->buf[0];
	case FILE_DISPOSITION_INFORMATION_EX:
		return in->len >= 4 &&
		       (get_unaligned_le32(in->buf) & FILE_DISPOSITION_DELETE);
	}
	return false;
}

int smb2_set_info(struct cifsd_work *w)
{
	struct smb2_set_info_req *req = smb2_req_body(w);
	struct smb2_set_info_rsp *rsp;
	u16 boff = le16_to_cpu(req->BufferOffset);
	u32 blen = le32_to_cpu(req->BufferLength);
	struct cifsd_file *f;
	struct si_in in;
	__le32 status;

	if (w->tree->is_pipe)
		return smb2_pipe_set_info(w);
	f = smb2_get_open(w, req->PersistentFileId, req->VolatileFileId);
	if (!f)
		return 0;
	if (!wire_range_ok(w->pdu_len, boff, blen) ||
	    (blen && boff < SMB2_HDR_SIZE +
		     offsetof(struct smb2_set_info_req, Buffer))) {
		status = STATUS_INVALID_PARAMETER;
		goto out;
	}
	in.buf = (const u8 *)smb2_req_hdr(w) + boff;
	in.len = blen;
	/*
	 * MS-FSA 2.1.4.12: other clients caching the handle must close it
	 * first; wait for their acknowledgments without a worker, then run
	 * again.
	 */
	if ((f->access & DELETE) && !w->tree->readonly &&
	    renames_or_deletes(req, &in)) {
		struct cifsd_inode *ci;
		u32 seq;

		if (cifsd_break_handles(f, &ci, &seq) == STATUS_PENDING) {
			cifsd_file_put(f);
			cifsd_inode_park(w, ci, CIFSD_WAIT_BREAK, seq,
					 &setinfo_wait_ops, NULL);
			return 0;
		}
	}

	switch (req->InfoType) {
	case SMB2_O_INFO_FILE:
		status = set_file_info(w, f, req->FileInfoClass, &in);
		break;
	case SMB2_O_INFO_SECURITY:
		if (w->tree->readonly)
			status = STATUS_ACCESS_DENIED;
		else if (f->posix)
			/* a POSIX client's owner, group and mode */
			status = set_posix_security(w, f,
					le32_to_cpu(req->AdditionalInformation),
					&in);
		else
			status = smb2_set_security(f,
				le32_to_cpu(req->AdditionalInformation),
				in.buf, in.len);
		break;
	case SMB2_O_INFO_FILESYSTEM:
	case SMB2_O_INFO_QUOTA:
		status = STATUS_NOT_SUPPORTED;
		break;
	default:
		status = STATUS_INVALID_PARAMETER;
	}
out:
	cifsd_file_put(f);
	if (status != STATUS_SUCCESS) {
		smb2_set_error(w, status);
		return 0;
	}
	rsp = smb2_rsp_fixed(w, sizeof(*rsp));
	if (rsp)
		rsp->StructureSize = cpu_to_le16(2);
	return 0;
}
