// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The SMB2 side of named streams (vfs/streams.h): READ, WRITE, the end
 * of file, rename of a stream open, and FileStreamInformation.
 */
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/nls.h>
#include "work.h"
#include "conn.h"
#include "tree.h"
#include "file.h"
#include "vfs.h"
#include "meta.h"
#include "fscc.h"
#include "smb2_fileops.h"
#include "stats.h"
#include "oplock.h"
#include "inode.h"
#include "streams.h"
#include "wire/streamname.h"

#define STREAM_ALLOC_UNIT	4096
#define STREAM_INFO_MIN		32	/* FileStreamInformation's minimum */

static u64 stream_alloc(u64 size)
{
	return round_up(size, STREAM_ALLOC_UNIT);
}

/* Stream errors as a client sees them: the limits are a full disk. */
static __le32 stream_status(int err)
{
	if (err == -EFBIG || err == -ENOSPC || err == -E2BIG ||
	    err == -EDQUOT)
		return STATUS_DISK_FULL;
	if (err == -ENOENT || err == -ENODATA)
		return STATUS_FILE_DELETED;
	return cifsd_errno_to_status(err);
}

/* The stream's stored name, copied under f->lock (a rename changes it). */
static char *stream_name(struct cifsd_file *f)
{
	char *s;

	mutex_lock(&f->lock);
	s = kstrdup(f->stream, GFP_KERNEL);
	mutex_unlock(&f->lock);
	return s;
}

int smb2_file_finfo(struct cifsd_file *f, struct cifsd_finfo *fi)
{
	char *s;
	u64 size;
	int err;

	err = cifsd_vfs_finfo(&f->filp->f_path, fi);
	if (err || !f->stream)
		return err;
	s = stream_name(f);
	if (!s)
		return -ENOMEM;
	err = cifsd_stream_size(f->filp->f_path.dentry, s, &size);
	kfree(s);
	if (err == -ENOENT) {
		size = 0;
		err = 0;
	}
	fi->eof = size;
	fi->alloc = stream_alloc(size);
	return err;
}

void smb2_stream_read(struct cifsd_work *w, struct cifsd_file *f,
		      u32 len, u32 minc, u64 off)
{
	struct smb2_read_rsp *rsp;
	ssize_t n = 0;
	char *s;

	if (!(f->access & (FILE_READ_DATA | FILE_EXECUTE))) {
		smb2_set_error(w, STATUS_ACCESS_DENIED);
		return;
	}
	if (len > w->conn->max_read_size || off > LLONG_MAX) {
		smb2_set_error(w, STATUS_INVALID_PARAMETER);
		return;
	}
	rsp = smb2_rsp_begin(w, sizeof(*rsp));
	if (!rsp)
		return;
	if (len > smb2_rsp_room(w)) {
		smb2_set_error(w, STATUS_INSUFFICIENT_RESOURCES);
		return;
	}
	s = stream_name(f);
	if (!s) {
		smb2_set_error(w, STATUS_NO_MEMORY);
		return;
	}
	if (len)
		n = cifsd_stream_read(f->filp->f_path.dentry, s,
				      smb2_rsp_buf(w), len, off);
	kfree(s);
	if (n < 0) {
		smb2_set_error(w, stream_status(n));
		return;
	}
	if ((len && !n) || n < minc) {
		smb2_set_error(w, STATUS_END_OF_FILE);
		return;
	}
	WRITE_ONCE(f->pos, off + n);
	rsp->StructureSize = cpu_to_le16(17);
	rsp->DataOffset = SMB2_HDR_SIZE + 16;
	rsp->Reserved = 0;
	rsp->DataLength = cpu_to_le32(n);
	rsp->DataRemaining = 0;
	rsp->Flags = 0;
	smb2_rsp_end(w, n);
	cifsd_stat_add(CIFSD_STAT_BYTES_READ, n);
}

void smb2_stream_write(struct cifsd_work *w, struct cifsd_file *f,
		       const u8 *data, u32 len, u64 off)
{
	struct smb2_write_rsp *rsp;
	ssize_t n;
	u64 size;
	char *s;
	int err;

	if (!(f->access & (FILE_WRITE_DATA | FILE_APPEND_DATA))) {
		smb2_set_error(w, STATUS_ACCESS_DENIED);
		return;
	}
	if (off > LLONG_MAX) {
		smb2_set_error(w, STATUS_INVALID_PARAMETER);
		return;
	}
	s = stream_name(f);
	if (!s) {
		smb2_set_error(w, STATUS_NO_MEMORY);
		return;
	}
	/* an append-only handle writes at the end, whatever the offset */
	if (!(f->access & FILE_WRITE_DATA)) {
		err = cifsd_stream_size(f->filp->f_path.dentry, s, &size);
		if (err) {
			kfree(s);
			smb2_set_error(w, stream_status(err));
			return;
		}
		off = size;
	}
	cifsd_break_readers(f);
	n = cifsd_stream_write(&f->filp->f_path, s, data, len, off);
	kfree(s);
	if (n < 0) {
		smb2_set_error(w, stream_status(n));
		return;
	}
	WRITE_ONCE(f->pos, off + n);
	rsp = smb2_rsp_begin(w, sizeof(*rsp));
	if (rsp) {
		rsp->StructureSize = cpu_to_le16(17);
		rsp->DataLength = cpu_to_le32(n);
		smb2_rsp_end(w, 0);
	}
	cifsd_stat_add(CIFSD_STAT_BYTES_WRITTEN, n);
}

__le32 smb2_stream_set_size(struct cifsd_file *f, u64 size, bool alloc)
{
	char *s;
	u64 cur;
	int err;

	s = stream_name(f);
	if (!s)
		return STATUS_NO_MEMORY;
	if (alloc) {
		/* an allocation below the end of file truncates (MS-FSA) */
		err = cifsd_stream_size(f->filp->f_path.dentry, s, &cur);
		if (!err && size < cur)
			err = cifsd_stream_truncate(&f->filp->f_path, s, size);
	} else {
		cifsd_break_readers(f);
		err = cifsd_stream_truncate(&f->filp->f_path, s, size);
	}
	kfree(s);
	return err ? stream_status(err) : STATUS_SUCCESS;
}

static bool stream_is_open(struct inode *inode, const char *name)
{
	struct cifsd_inode *ci = cifsd_inode_find_stream(inode, name);
	bool open;

	if (!ci)
		return false;
	spin_lock(&ci->opens_lock);
	open = !list_empty(&ci->opens);
	spin_unlock(&ci->opens_lock);
	cifsd_inode_put(ci);
	return open;
}

/*
 * A stream renamed to "::$DATA" becomes the file's data, if the file has
 * none or @replace (MS-FSA 2.1.5.14.11.1).  The open keeps its (now
 * removed) stream name: it does not turn into an open of the file.
 */
static __le32 stream_to_default(struct cifsd_file *f, bool replace)
{
	struct inode *inode = file_inode(f->filp);
	struct file *base;
	loff_t pos = 0;
	ssize_t n, w;
	char *s;
	u8 *buf;
	int err = 0;

	if (!S_ISREG(inode->i_mode))
		return STATUS_INVALID_PARAMETER;
	if (i_size_read(inode) && !replace)
		return STATUS_OBJECT_NAME_COLLISION;
	s = stream_name(f);
	buf = kvmalloc(CIFSD_STREAM_CHUNK, GFP_KERNEL);
	if (!s || !buf) {
		err = -ENOMEM;
		goto out;
	}
	base = cifsd_vfs_open(&f->filp->f_path, O_WRONLY | O_LARGEFILE);
	if (IS_ERR(base)) {
		err = PTR_ERR(base);
		goto out;
	}
	err = cifsd_vfs_truncate(base, 0);
	while (!err) {
		n = cifsd_stream_read(f->filp->f_path.dentry, s, buf,
				      CIFSD_STREAM_CHUNK, pos);
		if (n <= 0) {
			err = n;
			break;
		}
		w = kernel_write(base, buf, n, &pos);
		if (w != n)
			err = w < 0 ? w : -EIO;
	}
	fput(base);
	if (!err)
		err = cifsd_stream_remove(&f->filp->f_path, s);
out:
	kvfree(buf);
	kfree(s);
	return err ? stream_status(err) : STATUS_SUCCESS;
}

/*
 * FileRenameInformation on a stream open: the new name is ":name" or
 * ":name:$DATA" (MS-FSA 2.1.5.14.11.1), another stream of the same file.
 */
__le32 smb2_stream_rename(struct cifsd_file *f, const u8 *uname, u32 nlen,
			  bool replace)
{
	struct stream_name sn;
	char *u8name, *to, *from, *real;
	u16 *tmp;
	int n, i, err;
	__le32 st = STATUS_SUCCESS;

	if (nlen < 4 || get_unaligned_le16(uname) != ':' ||
	    nlen / 2 > STREAM_NAME_MAX + 8)
		return STATUS_INVALID_PARAMETER;
	tmp = kmalloc_array(nlen / 2, sizeof(u16), GFP_KERNEL);
	u8name = kmalloc(nlen / 2 * 3 + 1, GFP_KERNEL);
	if (!tmp || !u8name) {
		st = STATUS_NO_MEMORY;
		goto out;
	}
	for (i = 0; i < nlen / 2; i++)
		tmp[i] = get_unaligned_le16(uname + 2 * i);
	n = utf16s_to_utf8s(tmp + 1, nlen / 2 - 1, UTF16_HOST_ENDIAN, u8name,
			    nlen / 2 * 3);
	if (n <= 0 || memchr(u8name, 0, n) ||
	    stream_name_parse(u8name, n, &sn)) {
		st = STATUS_OBJECT_NAME_INVALID;
		goto out;
	}
	if (sn.kind != STREAM_NAMED) {
		st = stream_to_default(f, replace);
		goto out;
	}
	to = kstrndup(sn.name, sn.len, GFP_KERNEL);
	from = stream_name(f);
	if (!to || !from) {
		kfree(to);
		kfree(from);
		st = STATUS_NO_MEMORY;
		goto out;
	}
	/* an existing stream of another case is that stream */
	if (!cifsd_stream_find(f->filp->f_path.dentry, to, strlen(to),
			       &real)) {
		if (!strcmp(real, from)) {
			kfree(real);	/* itself */
			goto done;
		}
		kfree(to);
		to = real;
		if (!replace) {
			st = STATUS_OBJECT_NAME_COLLISION;
			goto done;
		}
		/* an open stream cannot be replaced */
		if (stream_is_open(file_inode(f->filp), to)) {
			st = STATUS_ACCESS_DENIED;
			goto done;
		}
	}
	err = cifsd_stream_rename(&f->filp->f_path, from, to, replace);
	if (err) {
		st = err == -EEXIST ? STATUS_OBJECT_NAME_COLLISION :
				      stream_status(err);
		goto done;
	}
	mutex_lock(&f->lock);
	swap(f->stream, to);
	mutex_unlock(&f->lock);
done:
	kfree(to);
	kfree(from);
out:
	kfree(tmp);
	kfree(u8name);
	return st;
}

u64 smb2_stream_open_size(struct cifsd_file *f)
{
	char *s = stream_name(f);
	u64 size = 0;

	if (s && cifsd_stream_size(f->filp->f_path.dentry, s, &size))
		size = 0;
	kfree(s);
	return size;
}

/* Read from / write to an open's data, stream or file. */
static ssize_t open_read(struct cifsd_file *f, const char *s, void *buf,
			 size_t len, u64 off)
{
	loff_t pos = off;

	if (s)
		return cifsd_stream_read(f->filp->f_path.dentry, s, buf, len,
					 off);
	return kernel_read(f->filp, buf, len, &pos);
}

static ssize_t open_write(struct cifsd_file *f, const char *s,
			  const void *buf, size_t len, u64 off)
{
	loff_t pos = off;

	if (s)
		return cifsd_stream_write(&f->filp->f_path, s, buf, len, off);
	return kernel_write(f->filp, buf, len, &pos);
}

ssize_t smb2_stream_copy(struct cifsd_file *src, u64 soff,
			 struct cifsd_file *dst, u64 doff, size_t len)
{
	char *ss = NULL, *ds = NULL;
	size_t done = 0, step;
	ssize_t n = 0;
	u8 *buf;

	buf = kvmalloc(CIFSD_STREAM_CHUNK, GFP_KERNEL);
	if (src->stream)
		ss = stream_name(src);
	if (dst->stream)
		ds = stream_name(dst);
	if (!buf || (src->stream && !ss) || (dst->stream && !ds)) {
		n = -ENOMEM;
		goto out;
	}
	/* a copy within one stream goes through one buffer: no overlap */
	while (done < len) {
		step = min_t(size_t, len - done, CIFSD_STREAM_CHUNK);
		n = open_read(src, ss, buf, step, soff + done);
		if (n <= 0)
			break;
		step = n;
		n = open_write(dst, ds, buf, step, doff + done);
		if (n != step) {
			if (n >= 0)
				n = -EIO;
			break;
		}
		done += step;
		cond_resched();
	}
out:
	kvfree(buf);
	kfree(ss);
	kfree(ds);
	return done ? done : (n < 0 ? n : 0);
}

struct stream_list {
	u8 *buf;
	size_t cap, len, last;
	bool overflow;
	bool short_first;	/* the first entry cut short */
	u16 *u16;	/* scratch: STREAM_NAME_MAX + 8 units */
};

static int put_entry(struct stream_list *l, const char *name, u64 size)
{
	struct file_stream_info e = {};
	size_t start = ALIGN(l->len, 8);
	size_t nbytes;
	char *full;
	int units;

	full = kasprintf(GFP_KERNEL, ":%s:$DATA", name);
	if (!full)
		return -ENOMEM;
	units = utf8s_to_utf16s(full, strlen(full), UTF16_LITTLE_ENDIAN,
				(wchar_t *)l->u16, STREAM_NAME_MAX + 8);
	kfree(full);
	if (units < 0)
		return 0;	/* not a name a client could have made */
	nbytes = units * 2;
	if (start + sizeof(e) + nbytes > l->cap) {
		l->overflow = true;
		/*
		 * Windows gives what fits of a first entry, from 32 bytes
		 * (the fixed part and a little of the name) on
		 */
		if (l->len || l->cap < STREAM_INFO_MIN)
			return 1;
		nbytes = l->cap - sizeof(e);
		l->short_first = true;
	}
	if (l->len)
		put_unaligned_le32(start - l->last, l->buf + l->last);
	e.StreamNameLength = cpu_to_le32(nbytes);
	e.StreamSize = cpu_to_le64(size);
	e.StreamAllocationSize = cpu_to_le64(stream_alloc(size));
	memset(l->buf + l->len, 0, start - l->len);
	memcpy(l->buf + start, &e, sizeof(e));
	memcpy(l->buf + start + sizeof(e), l->u16, nbytes);
	l->last = start;
	l->len = start + sizeof(e) + nbytes;
	return l->short_first;
}

static int put_named(void *arg, const char *name, u64 size)
{
	return put_entry(arg, name, size);
}

void smb2_stream_info(struct cifsd_file *f, const struct cifsd_finfo *fi,
		      u8 *buf, size_t cap, size_t *len, __le32 *status)
{
	struct stream_list l = { .buf = buf, .cap = cap };
	int err = 0;

	*len = 0;
	l.u16 = kmalloc_array(STREAM_NAME_MAX + 8, sizeof(u16), GFP_KERNEL);
	if (!l.u16) {
		*status = STATUS_NO_MEMORY;
		return;
	}
	/* the unnamed stream first; a directory has none */
	if (!S_ISDIR(fi->st.mode)) {
		struct cifsd_finfo base;

		if (!cifsd_vfs_finfo(&f->filp->f_path, &base))
			err = put_entry(&l, "", base.eof);
		if (err >= 0 && l.len)
			put_unaligned_le64(smb2_alloc_size(&base.st),
					   l.buf + l.last + 16);
	}
	if (!err)
		err = cifsd_stream_for_each(f->filp->f_path.dentry, put_named,
					    &l);
	kfree(l.u16);
	if (err < 0) {
		*status = cifsd_errno_to_status(err);
		return;
	}
	*len = l.len;
	if (l.overflow)
		*status = l.len ? STATUS_BUFFER_OVERFLOW :
				  STATUS_INFO_LENGTH_MISMATCH;
}
