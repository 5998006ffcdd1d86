// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Reparse points (MS-FSCC 2.1.2, MS-FSA 2.1.5.10.5/.22/.37, MS-SMB2
 * 2.2.2.2.1): how the share's symbolic links, FIFOs, sockets and device
 * nodes look to a client, and how a client makes them.
 *
 * A symbolic link is reported as an IO_REPARSE_TAG_SYMLINK reparse point
 * (what Windows and cifs.ko expect), the other special files as
 * IO_REPARSE_TAG_NFS.  A client creates one the way Windows and cifs.ko
 * do: CREATE an empty file (or directory, for a directory symlink), then
 * FSCTL_SET_REPARSE_POINT on it with a SYMLINK, NFS or WSL (LX_*)
 * buffer; the server then replaces the empty object by a real symlink,
 * FIFO, socket or device node (vfs_special.c).  The target of a link is
 * stored as the client gave it ('\' turned into '/' unless the open uses
 * POSIX names) and never followed by the server.
 */
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/stat.h>
#include <linux/kdev_t.h>
#include "compat.h"
#include "work.h"
#include "conn.h"
#include "tree.h"
#include "file.h"
#include "vfs.h"
#include "smb2_cmds.h"
#include "smb2_fileops.h"
#include "smb2_reparse.h"
#include "wire/reparse.h"
#include "wire/utf16.h"

/* A Linux link target as UTF-16LE, '/' turned into '\' unless POSIX. */
static u8 *target_to_wire(const char *t, bool posix, size_t *bytes)
{
	size_t n = strlen(t), i;
	u8 *u;
	int len;

	u = kmalloc(2 * n + 2, GFP_KERNEL);
	if (!u)
		return ERR_PTR(-ENOMEM);
	len = utf8_to_utf16le(t, n, u, 2 * n + 2);
	if (len <= 0) {
		kfree(u);
		return ERR_PTR(-EINVAL);
	}
	for (i = 0; !posix && i < (size_t)len; i += 2)
		if (u[i] == '/' && u[i + 1] == 0)
			u[i] = '\\';
	*bytes = len;
	return u;
}

/* The link target a client sent, as the NUL-terminated Linux target. */
static char *target_from_wire(const struct reparse_data *rd, bool posix)
{
	char *t;
	int len, i;

	if (rd->target_len >= PATH_MAX)
		return ERR_PTR(-ENAMETOOLONG);
	t = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!t)
		return ERR_PTR(-ENOMEM);
	if (rd->target_utf8) {
		if (memchr(rd->target, 0, rd->target_len)) {
			kfree(t);
			return ERR_PTR(-EINVAL);
		}
		memcpy(t, rd->target, rd->target_len);
		t[rd->target_len] = '\0';
		return t;
	}
	/* one byte kept for a leading '/' */
	len = utf16le_to_utf8(rd->target, rd->target_len, t + 1, PATH_MAX - 1);
	if (len <= 0) {
		kfree(t);
		return ERR_PTR(len == -ENOSPC ? -ENAMETOOLONG : -EINVAL);
	}
	if (!posix && !rd->posix_target)
		for (i = 1; i <= len; i++)
			if (t[i] == '\\')
				t[i] = '/';
	/*
	 * An absolute target without its leading separator is how cifs.ko
	 * sends "/usr/lib" (it strips the first '\' or '/' of every path).
	 */
	if (!rd->posix_target && !rd->relative && t[1] != '/') {
		t[0] = '/';
		return t;
	}
	memmove(t, t + 1, len + 1);
	return t;
}

void smb2_stopped_on_symlink(struct cifsd_work *w, struct dentry *link,
			     u16 unparsed, bool posix)
{
	bool ctx311 = w->conn->dialect == SMB311_PROT_ID;
	size_t room = smb2_rsp_error_room(w), wlen;
	char *t;
	u8 *wire, *buf;
	int n = -ENOMEM;

	t = cifsd_vfs_readlink(link);
	if (IS_ERR(t)) {
		smb2_set_error(w, cifsd_errno_to_status(PTR_ERR(t)));
		return;
	}
	wire = target_to_wire(t, posix, &wlen);
	buf = kmalloc(room, GFP_KERNEL);
	if (!IS_ERR(wire) && buf)
		n = smb2_build_symlink_error(buf, room, wire, wlen, unparsed,
					     t[0] != '/', ctx311);
	if (n > 0) {
		smb2_set_error_data(w, STATUS_STOPPED_ON_SYMLINK, buf, n);
		if (ctx311)
			((struct smb2_err_rsp *)smb2_rsp_body(w))->
				ErrorContextCount = 1;
	} else {
		/* a target longer than the reply can carry: no data */
		smb2_set_error(w, n == -ENOMEM ? STATUS_NO_MEMORY :
			       STATUS_STOPPED_ON_SYMLINK);
	}
	kfree(buf);
	if (!IS_ERR(wire))
		kfree(wire);
	kfree(t);
}

static const u8 *ioctl_input(struct cifsd_work *w, u32 *len)
{
	struct smb2_ioctl_req *req = smb2_req_body(w);
	u32 off = le32_to_cpu(req->InputOffset);

	*len = le32_to_cpu(req->InputCount);
	if (!*len)
		return (const u8 *)"";
	if (!wire_range_ok(w->pdu_len, off, *len))
		return NULL;
	return (const u8 *)smb2_req_hdr(w) + off;
}

static struct cifsd_file *ioctl_open(struct cifsd_work *w)
{
	struct smb2_ioctl_req *req = smb2_req_body(w);

	return smb2_get_open(w, req->PersistentFileId, req->VolatileFileId);
}

/*
 * The open's object was replaced: later requests on the open (the
 * QUERY_INFO a client sends after FSCTL_SET_REPARSE_POINT in the same
 * compound) see the new one.  A failure leaves the old view, no more.
 */
static void follow_replacement(struct cifsd_file *f, bool reparse)
{
	struct file *nf = cifsd_vfs_reopen_path(&f->filp->f_path);

	if (IS_ERR(nf) || cifsd_file_set_filp(f, nf))
		return;
	WRITE_ONCE(f->is_reparse, reparse);
	WRITE_ONCE(f->is_dir, false);
}

/* Fill @sp from a parsed buffer; the open gives mode, WSL device. */
static __le32 special_from(struct cifsd_file *f, const struct reparse_data *rd,
			   struct cifsd_special *sp, char **target)
{
	umode_t perm = f->wsl_has_mode ? f->wsl_mode & 07777 :
		       file_inode(f->filp)->i_mode & 07777;
	u32 major = rd->major, minor = rd->minor;

	memset(sp, 0, sizeof(*sp));
	switch (rd->kind) {
	case REPARSE_KIND_SYMLINK:
		*target = target_from_wire(rd, f->posix);
		if (IS_ERR(*target)) {
			__le32 st = PTR_ERR(*target) == -ENOMEM ?
				    STATUS_NO_MEMORY :
				    PTR_ERR(*target) == -ENAMETOOLONG ?
				    STATUS_NAME_TOO_LONG :
				    STATUS_IO_REPARSE_DATA_INVALID;

			*target = NULL;
			return st;
		}
		sp->mode = S_IFLNK | 0777;
		sp->target = *target;
		return STATUS_SUCCESS;
	case REPARSE_KIND_FIFO:
		sp->mode = S_IFIFO | perm;
		return STATUS_SUCCESS;
	case REPARSE_KIND_SOCK:
		sp->mode = S_IFSOCK | perm;
		return STATUS_SUCCESS;
	case REPARSE_KIND_CHR:
	case REPARSE_KIND_BLK:
		if (!rd->has_dev) {
			/* WSL: the device came with the CREATE as $LXDEV */
			if (!f->wsl_has_dev)
				return STATUS_IO_REPARSE_DATA_INVALID;
			major = f->wsl_major;
			minor = f->wsl_minor;
		}
		if (major > MAJOR(~0U) || minor > MINOR(~0U))
			return STATUS_INVALID_PARAMETER;
		sp->mode = (rd->kind == REPARSE_KIND_CHR ? S_IFCHR : S_IFBLK) |
			   perm;
		sp->dev = MKDEV(major, minor);
		return STATUS_SUCCESS;
	}
	return STATUS_IO_REPARSE_DATA_INVALID;
}

static __le32 set_reparse(struct cifsd_work *w, struct cifsd_file *f)
{
	struct reparse_data rd;
	struct cifsd_special sp;
	char *target = NULL;
	const u8 *in;
	umode_t old;
	u32 len;
	__le32 st;
	int err;

	if (w->tree->readonly)
		return STATUS_ACCESS_DENIED;
	if (!(f->access & (FILE_WRITE_DATA | FILE_WRITE_ATTRIBUTES)))
		return STATUS_ACCESS_DENIED;
	in = ioctl_input(w, &len);
	if (!in)
		return STATUS_INVALID_PARAMETER;
	err = reparse_parse(in, len, &rd);
	if (err == -EOPNOTSUPP)
		return STATUS_NOT_SUPPORTED;	/* no POSIX counterpart */
	if (err)
		return STATUS_IO_REPARSE_DATA_INVALID;
	st = special_from(f, &rd, &sp, &target);
	old = file_inode(f->filp)->i_mode;
	/* MS-FSA 2.1.5.10.37: a reparse point keeps its tag */
	if (st == STATUS_SUCCESS && cifsd_mode_is_reparse(old) &&
	    cifsd_mode_reparse_tag(old) != cifsd_mode_reparse_tag(sp.mode))
		st = STATUS_IO_REPARSE_TAG_MISMATCH;
	if (st == STATUS_SUCCESS) {
		err = cifsd_vfs_make_special(&f->filp->f_path, &sp);
		if (err == -ENOTEMPTY)
			st = f->is_dir ? STATUS_DIRECTORY_NOT_EMPTY :
					 STATUS_IO_REPARSE_DATA_INVALID;
		else
			st = cifsd_errno_to_status(err);
	}
	if (st == STATUS_SUCCESS)
		follow_replacement(f, true);
	kfree(target);
	return st;
}

int smb2_fsctl_set_reparse(struct cifsd_work *w)
{
	struct cifsd_file *f = ioctl_open(w);
	__le32 st;

	if (!f)
		return 0;
	st = set_reparse(w, f);
	cifsd_file_put(f);
	if (st != STATUS_SUCCESS) {
		smb2_set_error(w, st);
		return 0;
	}
	if (smb2_ioctl_begin(w))
		smb2_ioctl_end(w, FSCTL_SET_REPARSE_POINT, 0);
	return 0;
}

/* The reparse buffer describing @f's object into @buf; size or status. */
static int get_reparse(struct cifsd_file *f, u8 *buf, size_t room,
		       __le32 *st)
{
	struct dentry *d = f->filp->f_path.dentry;
	umode_t mode = d_inode(d)->i_mode;
	dev_t rdev = d_inode(d)->i_rdev;
	size_t wlen;
	char *t;
	u8 *wire;
	int n;

	*st = STATUS_SUCCESS;
	if (!cifsd_mode_is_reparse(mode)) {
		*st = STATUS_NOT_A_REPARSE_POINT;
		return -EINVAL;
	}
	if (!S_ISLNK(mode)) {
		enum reparse_kind k = S_ISFIFO(mode) ? REPARSE_KIND_FIFO :
				      S_ISSOCK(mode) ? REPARSE_KIND_SOCK :
				      S_ISCHR(mode) ? REPARSE_KIND_CHR :
						      REPARSE_KIND_BLK;

		return reparse_build_nfs(buf, room, k, MAJOR(rdev),
					 MINOR(rdev));
	}
	t = cifsd_vfs_readlink(d);
	if (IS_ERR(t)) {
		*st = cifsd_errno_to_status(PTR_ERR(t));
		return -EINVAL;
	}
	wire = target_to_wire(t, f->posix, &wlen);
	if (IS_ERR(wire)) {
		kfree(t);
		*st = STATUS_IO_REPARSE_DATA_INVALID;
		return -EINVAL;
	}
	n = reparse_build_symlink(buf, room, wire, wlen, t[0] != '/');
	kfree(wire);
	kfree(t);
	if (n < 0)
		*st = STATUS_IO_REPARSE_DATA_INVALID;
	return n;
}

int smb2_fsctl_get_reparse(struct cifsd_work *w)
{
	struct smb2_ioctl_req *req = smb2_req_body(w);
	u32 max_out = le32_to_cpu(req->MaxOutputResponse);
	struct cifsd_file *f = ioctl_open(w);
	__le32 st;
	size_t n;
	u8 *buf;
	int len;

	if (!f)
		return 0;
	buf = kmalloc(REPARSE_MAX_SIZE, GFP_KERNEL);
	if (!buf) {
		cifsd_file_put(f);
		smb2_set_error(w, STATUS_NO_MEMORY);
		return 0;
	}
	len = get_reparse(f, buf, REPARSE_MAX_SIZE, &st);
	cifsd_file_put(f);
	if (len < 0 || max_out < REPARSE_HDR_SIZE) {
		kfree(buf);
		smb2_set_error(w, len < 0 ? st : STATUS_BUFFER_TOO_SMALL);
		return 0;
	}
	if (!smb2_ioctl_begin(w)) {
		kfree(buf);
		return 0;
	}
	n = min_t(size_t, len, min_t(size_t, max_out, smb2_rsp_room(w)));
	memcpy(smb2_rsp_buf(w), buf, n);
	kfree(buf);
	smb2_ioctl_end(w, FSCTL_GET_REPARSE_POINT, n);
	if (n < (size_t)len)
		smb2_set_warning(w, STATUS_BUFFER_OVERFLOW);
	return 0;
}

/* Remove the reparse point: the object becomes an empty regular file. */
static __le32 delete_reparse(struct cifsd_work *w, struct cifsd_file *f)
{
	struct dentry *d = f->filp->f_path.dentry;
	struct cifsd_special sp = { .mode = S_IFREG | 0644 };
	const u8 *in;
	u32 len;
	int err;

	if (w->tree->readonly)
		return STATUS_ACCESS_DENIED;
	if (!(f->access & (FILE_WRITE_DATA | FILE_WRITE_ATTRIBUTES)))
		return STATUS_ACCESS_DENIED;
	in = ioctl_input(w, &len);
	if (!in)
		return STATUS_INVALID_PARAMETER;
	/* MS-FSA 2.1.5.10.5: the header only, with no data */
	if (len != REPARSE_HDR_SIZE || get_unaligned_le16(in + 4))
		return STATUS_IO_REPARSE_DATA_INVALID;
	if (!cifsd_mode_is_reparse(d_inode(d)->i_mode))
		return STATUS_NOT_A_REPARSE_POINT;
	if (reparse_buf_tag(in, len) !=
	    cifsd_mode_reparse_tag(d_inode(d)->i_mode))
		return STATUS_IO_REPARSE_TAG_MISMATCH;
	err = cifsd_vfs_make_special(&f->filp->f_path, &sp);
	if (!err)
		follow_replacement(f, false);
	return cifsd_errno_to_status(err);
}

int smb2_fsctl_delete_reparse(struct cifsd_work *w)
{
	struct cifsd_file *f = ioctl_open(w);
	__le32 st;

	if (!f)
		return 0;
	st = delete_reparse(w, f);
	cifsd_file_put(f);
	if (st != STATUS_SUCCESS) {
		smb2_set_error(w, st);
		return 0;
	}
	if (smb2_ioctl_begin(w))
		smb2_ioctl_end(w, FSCTL_DELETE_REPARSE_POINT, 0);
	return 0;
}
