// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Server-side copy (MS-SMB2 3.3.5.15.5, 3.3.5.15.6) and
 * FSCTL_DUPLICATE_EXTENTS_TO_FILE (MS-FSA 2.1.5.10.7).
 *
 * The resume key names an open of the same session (any of its tree
 * connects): the open's FileId and a keyed hash of it, so a stale or
 * forged key finds nothing.  A copy request is bounded before anything
 * is copied: at most "server side copy max chunks" chunks, each at most
 * "server side copy max chunk size" bytes and all together at most
 * "server side copy max size" bytes (MS-SMB2's ServerSideCopyMax*), so
 * one request cannot keep a worker busy for long.  Chunks go through
 * copy_file_range(), which shares extents where the file system can
 * (reflink) and copies in the kernel otherwise; what it cannot do
 * (overlapping ranges of one file, different file systems) is copied
 * through a bounce buffer of at most CIFSD_COPY_BOUNCE bytes.
 */
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/siphash.h>
#include <linux/once.h>
#include <linux/random.h>
#include "work.h"
#include "conn.h"
#include "server.h"
#include "session.h"
#include "tree.h"
#include "file.h"
#include "vfs.h"
#include "meta.h"
#include "smb2_fileops.h"
#include "stats.h"
#include "oplock.h"
#include "brlock.h"
#include "fsctl.h"

#define CIFSD_COPY_BOUNCE	(1024 * 1024)
/* Largest file size an SMB client may address (as smb2_rw.c). */
#define CIFSD_COPY_MAX_END	0xfffffff0000ULL

static siphash_key_t resume_secret __read_mostly;

static u64 resume_check(const struct cifsd_file *f)
{
	get_random_once(&resume_secret, sizeof(resume_secret));
	return siphash_3u64(f->volatile_id, f->persistent_id,
			    (u64)(unsigned long)f, &resume_secret);
}

/* SRV_REQUEST_RESUME_KEY response: key, ContextLength, 4 bytes context */
#define RESUME_RSP_SIZE		32
#define RESUME_RSP_MIN		28

int smb2_fsctl_resume_key(struct smb2_fsctl *x)
{
	size_t room, len;
	u8 *out;

	if (x->max_out < RESUME_RSP_MIN) {
		smb2_set_error(x->w, STATUS_INVALID_PARAMETER);
		return 0;
	}
	out = smb2_fsctl_out(x, &room);
	if (!out)
		return 0;
	len = min_t(size_t, room, RESUME_RSP_SIZE);
	if (len < RESUME_RSP_MIN) {
		smb2_set_error(x->w, STATUS_INSUFFICIENT_RESOURCES);
		return 0;
	}
	memset(out, 0, len);
	put_unaligned_le64(x->f->volatile_id, out);
	put_unaligned_le64(x->f->persistent_id, out + 8);
	put_unaligned_le64(resume_check(x->f), out + 16);
	/* ContextLength 0; Windows sends 4 zero bytes of context */
	smb2_fsctl_done(x, len, STATUS_SUCCESS);
	return 0;
}

/* The open a resume key names, referenced, or NULL. */
static struct cifsd_file *resume_lookup(struct cifsd_work *w, const u8 *key)
{
	struct cifsd_file *f;

	f = cifsd_file_lookup_sess(w->sess, get_unaligned_le64(key + 8),
				   get_unaligned_le64(key));
	if (f && get_unaligned_le64(key + 16) != resume_check(f)) {
		cifsd_file_put(f);
		f = NULL;
	}
	return f;
}

static void put_copy_rsp(struct smb2_fsctl *x, u32 chunks, u32 chunk_bytes,
			 u32 total, __le32 status)
{
	size_t room;
	u8 *out = smb2_fsctl_out(x, &room);

	if (!out)
		return;
	if (room < FSCTL_COPYCHUNK_RSP_SIZE) {
		smb2_set_error(x->w, STATUS_INSUFFICIENT_RESOURCES);
		return;
	}
	put_unaligned_le32(chunks, out);
	put_unaligned_le32(chunk_bytes, out + 4);
	put_unaligned_le32(total, out + 8);
	smb2_fsctl_done(x, FSCTL_COPYCHUNK_RSP_SIZE, status);
}

/*
 * Copy through a kernel buffer, in pieces of at most CIFSD_COPY_BOUNCE,
 * from the end when the target overlaps the source ahead of it (so each
 * piece is read before it is overwritten, as memmove does).
 */
static ssize_t bounce_copy(struct file *src, u64 soff, struct file *dst,
			   u64 doff, size_t len)
{
	bool backward = file_inode(src) == file_inode(dst) && doff > soff &&
			doff < soff + len;
	size_t piece = min_t(size_t, len, CIFSD_COPY_BOUNCE);
	size_t done = 0;
	ssize_t n = 0;
	void *buf;

	buf = kvmalloc(piece, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	while (done < len) {
		size_t step = min(piece, len - done);
		u64 at = backward ? len - done - step : done;
		loff_t rpos = soff + at, wpos = doff + at;
		size_t got = 0;

		while (got < step) {
			n = kernel_read(src, buf + got, step - got, &rpos);
			if (n <= 0)
				break;
			got += n;
		}
		if (n < 0 || got < step)
			break;	/* the source shrank or failed */
		n = kernel_write(dst, buf, step, &wpos);
		if (n != step) {
			if (n >= 0)
				n = -EIO;
			break;
		}
		done += step;
		cond_resched();
	}
	kvfree(buf);
	/* backward pieces are not a prefix: all or nothing */
	if (done < len && (backward || !done))
		return n < 0 ? n : -EIO;
	return done;
}

static ssize_t copy_range(struct file *src, u64 soff, struct file *dst,
			  u64 doff, size_t len)
{
	size_t done = 0;
	ssize_t n;

	if (file_inode(src) == file_inode(dst) && soff < doff + len &&
	    doff < soff + len)
		return bounce_copy(src, soff, dst, doff, len);
	while (done < len) {
		n = vfs_copy_file_range(src, soff + done, dst, doff + done,
					len - done, 0);
		if (n == -EXDEV || n == -EOPNOTSUPP || n == -EINVAL) {
			n = bounce_copy(src, soff + done, dst, doff + done,
					len - done);
			if (n > 0)
				done += n;
			return done ? done : n;
		}
		if (n <= 0)
			return done ? done : (n ? n : -EIO);
		done += n;
	}
	return done;
}

/* 3.3.5.15.6: the access each side needs. */
static __le32 copy_access(struct smb2_fsctl *x, struct cifsd_file *src)
{
	struct cifsd_file *dst = x->f;

	if (src->is_dir || dst->is_dir)
		return STATUS_INVALID_DEVICE_REQUEST;
	if (x->w->tree->readonly || dst->tree->readonly ||
	    !(dst->access & (FILE_WRITE_DATA | FILE_APPEND_DATA)) ||
	    (!dst->stream && !(dst->filp->f_mode & FMODE_WRITE)))
		return STATUS_ACCESS_DENIED;
	/* FSCTL_SRV_COPYCHUNK also needs read access on the target */
	if (x->ctl == FSCTL_SRV_COPYCHUNK &&
	    !(dst->access & FILE_READ_DATA))
		return STATUS_ACCESS_DENIED;
	if (!(src->access & (FILE_READ_DATA | FILE_EXECUTE)) ||
	    (!src->stream && !(src->filp->f_mode & FMODE_READ)))
		return STATUS_ACCESS_DENIED;
	return STATUS_SUCCESS;
}

/* Copy the chunks in order; stop at the first that fails. */
static void copy_chunks(struct smb2_fsctl *x, struct cifsd_file *src,
			const struct fsctl_copychunk *cc)
{
	struct file *in = src->filp, *out = x->f->filp;
	__le32 status = STATUS_SUCCESS;
	struct fsctl_chunk c;
	u32 i, total = 0;
	ssize_t n;
	u64 size;

	for (i = 0; i < cc->count; i++) {
		fsctl_copychunk_get(cc, i, &c);
		/* Windows: a chunk reaching past the source's end */
		size = src->stream ? smb2_stream_open_size(src) :
				     i_size_read(file_inode(in));
		if (c.src > size || c.len > size - c.src) {
			status = STATUS_INVALID_VIEW_SIZE;
			break;
		}
		if (c.dst >= CIFSD_COPY_MAX_END ||
		    c.len > CIFSD_COPY_MAX_END - c.dst) {
			status = STATUS_DISK_FULL;
			break;
		}
		/* reads and writes as READ and WRITE would (Windows 2012+) */
		if (cifsd_brl_conflicts_io(src, c.src, c.len, false) ||
		    cifsd_brl_conflicts_io(x->f, c.dst, c.len, true)) {
			status = STATUS_FILE_LOCK_CONFLICT;
			break;
		}
		if (src->stream || x->f->stream)
			n = smb2_stream_copy(src, c.src, x->f, c.dst, c.len);
		else
			n = copy_range(in, c.src, out, c.dst, c.len);
		if (n < 0) {
			status = cifsd_errno_to_status(n);
			break;
		}
		total += n;
		if (n < c.len) {
			status = STATUS_INVALID_VIEW_SIZE;
			break;
		}
	}
	cifsd_stat_add(CIFSD_STAT_BYTES_WRITTEN, total);
	put_copy_rsp(x, i, 0, total, status);
}

int smb2_fsctl_copychunk(struct smb2_fsctl *x)
{
	/* the netlink policy keeps these within 16 MiB and 1 GiB */
	u32 max_chunks = cifsd_limit(copy_max_chunks);
	u32 max_chunk = cifsd_limit(copy_max_chunk_kib) * 1024;
	u32 max_total = cifsd_limit(copy_max_kib) * 1024;
	struct fsctl_copychunk cc;
	struct cifsd_file *src;
	bool parsed;
	__le32 status;

	parsed = !fsctl_parse_copychunk(x->in, x->in_len, &cc);
	src = x->in_len >= FSCTL_RESUME_KEY_SIZE ?
	      resume_lookup(x->w, x->in) : NULL;
	if (!src) {
		smb2_set_error(x->w, STATUS_OBJECT_NAME_NOT_FOUND);
		return 0;
	}
	if (x->max_out < FSCTL_COPYCHUNK_RSP_SIZE) {
		status = STATUS_INVALID_PARAMETER;
		goto err;
	}
	/* 3.3.5.15.6.2: out of bounds: answer with the server's limits */
	if (!parsed ||
	    fsctl_copychunk_check(&cc, max_chunks, max_chunk, max_total)) {
		put_copy_rsp(x, max_chunks, max_chunk, max_total,
			     STATUS_INVALID_PARAMETER);
		goto out;
	}
	status = copy_access(x, src);
	if (status != STATUS_SUCCESS)
		goto err;
	/* nobody else may go on caching reads of the target */
	cifsd_break_readers(x->f);
	copy_chunks(x, src, &cc);
out:
	cifsd_file_put(src);
	return 0;
err:
	cifsd_file_put(src);
	smb2_set_error(x->w, status);
	return 0;
}

/*
 * MS-FSCC 2.3.8 and what Windows answers (smbtorture dup_extents_*): the
 * source range inside the source, not overlapping the target in one
 * file, and a sparse source only into a sparse target, else
 * STATUS_NOT_SUPPORTED.  The target never grows: what lies past its end
 * is left out (d->len is clipped).  Byte-range locks do not apply
 * (unlike server-side copy).
 */
static __le32 dup_check(struct cifsd_file *src, struct cifsd_file *dst,
			struct fsctl_dup_extents *d)
{
	struct inode *si = file_inode(src->filp), *di = file_inode(dst->filp);
	u64 dsize = i_size_read(di);

	if (d->src + d->len > (u64)i_size_read(si))
		return STATUS_NOT_SUPPORTED;
	if (si == di && d->src < d->dst + d->len && d->dst < d->src + d->len)
		return STATUS_NOT_SUPPORTED;
	if (cifsd_vfs_is_sparse(src->filp->f_path.dentry) &&
	    !cifsd_vfs_is_sparse(dst->filp->f_path.dentry))
		return STATUS_NOT_SUPPORTED;
	d->len = d->dst < dsize ? min(d->len, dsize - d->dst) : 0;
	return STATUS_SUCCESS;
}

int smb2_fsctl_dup_extents(struct smb2_fsctl *x)
{
	struct cifsd_file *src, *dst = x->f;
	struct fsctl_dup_extents d;
	__le32 status = STATUS_SUCCESS;
	loff_t n;

	if (fsctl_parse_dup_extents(x->in, x->in_len, &d)) {
		smb2_set_error(x->w, STATUS_INVALID_PARAMETER);
		return 0;
	}
	src = cifsd_file_lookup_sess(x->w->sess, d.pfid, d.vfid);
	if (!src) {
		smb2_set_error(x->w, STATUS_INVALID_HANDLE);
		return 0;
	}
	if (src->is_dir || dst->is_dir) {
		status = STATUS_INVALID_PARAMETER;
	} else if (x->w->tree->readonly ||
		   !(src->access & FILE_READ_DATA) ||
		   !(src->filp->f_mode & FMODE_READ) ||
		   !(dst->access & FILE_WRITE_DATA) ||
		   !(dst->filp->f_mode & FMODE_WRITE)) {
		status = STATUS_ACCESS_DENIED;
	} else if (d.len) {
		status = dup_check(src, dst, &d);
	}
	if (status == STATUS_SUCCESS && d.len) {
		cifsd_break_readers(dst);
		/* parse checked both ranges against S64_MAX */
		n = vfs_clone_file_range(src->filp, d.src, dst->filp, d.dst,
					 d.len, 0);
		if (n == -EOPNOTSUPP || n == -EXDEV)
			status = STATUS_NOT_SUPPORTED;
		else if (n < 0)	/* -EINVAL: not aligned to the block size */
			status = cifsd_errno_to_status(n);
		else if (n != d.len)
			status = STATUS_INVALID_VIEW_SIZE;	/* not expected */
	}
	cifsd_file_put(src);
	if (status != STATUS_SUCCESS)
		smb2_set_error(x->w, status);
	else
		smb2_fsctl_ok(x);
	return 0;
}
