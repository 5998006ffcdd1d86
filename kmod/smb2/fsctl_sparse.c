// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Sparse files and allocation (MS-FSA 2.1.5.10): FSCTL_SET_SPARSE,
 * FSCTL_SET_ZERO_DATA, FSCTL_QUERY_ALLOCATED_RANGES, FSCTL_FILE_LEVEL_TRIM,
 * and FSCTL_GET/SET_COMPRESSION (no compression: NONE only).
 *
 * Linux has no "sparse" flag, so the one Windows sets is kept with the
 * DOS attributes (vfs/meta.h, cifsd_vfs_set_sparse()).  It decides what
 * FSCTL_QUERY_ALLOCATED_RANGES reports, as on NTFS: a sparse file is allocated where it has data (SEEK_DATA/SEEK_HOLE),
 * a file that is not sparse is reported allocated up to its end.  Zeroing
 * (FSCTL_SET_ZERO_DATA, trim) always punches a hole, sparse or not: NTFS
 * keeps a non-sparse file allocated, but allocating on Linux would let a
 * zeroing request consume space (a file that is not sparse for Windows
 * may have holes here), and nothing Windows can see differs.  Every range
 * is clipped to the end of file: none of these controls changes a size.
 */
#include <linux/fs.h>
#include <linux/falloc.h>
#include "compat.h"
#include "work.h"
#include "tree.h"
#include "file.h"
#include "vfs.h"
#include "meta.h"
#include "smb2_fileops.h"
#include "oplock.h"
#include "brlock.h"
#include "fsctl.h"

static bool file_is_sparse(struct cifsd_file *f)
{
	return cifsd_vfs_is_sparse(f->filp->f_path.dentry);
}

/* MS-FSA 2.1.5.10.29 */
int smb2_fsctl_set_sparse(struct smb2_fsctl *x)
{
	struct cifsd_file *f = x->f;
	bool on = fsctl_parse_set_sparse(x->in, x->in_len);
	int err;

	if (f->is_dir) {
		smb2_set_error(x->w, STATUS_INVALID_PARAMETER);
		return 0;
	}
	if (x->w->tree->readonly ||
	    !(f->access & (FILE_WRITE_DATA | FILE_WRITE_ATTRIBUTES |
			   FILE_APPEND_DATA))) {
		smb2_set_error(x->w, STATUS_ACCESS_DENIED);
		return 0;
	}
	if (on != file_is_sparse(f)) {
		err = cifsd_vfs_set_sparse(&f->filp->f_path, on);
		if (err) {
			smb2_set_error(x->w, cifsd_errno_to_status(err));
			return 0;
		}
	}
	smb2_fsctl_ok(x);
	return 0;
}

/*
 * Zero [off, end) of @f, clipped to its size: a hole; where the file
 * system cannot punch holes, zeroed in place (FALLOC_FL_ZERO_RANGE).
 */
static int zero_range(struct cifsd_file *f, u64 off, u64 end)
{
	struct file *filp = f->filp;
	u64 size = i_size_read(file_inode(filp));
	int err;

	end = min(end, size);
	if (off >= end)
		return 0;
	err = vfs_fallocate(filp, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
			    off, end - off);
	if (err != -EOPNOTSUPP)
		return err;
	return vfs_fallocate(filp, FALLOC_FL_ZERO_RANGE | FALLOC_FL_KEEP_SIZE,
			     off, end - off);
}

static bool can_write_data(struct smb2_fsctl *x)
{
	return !x->w->tree->readonly && (x->f->access & FILE_WRITE_DATA) &&
	       (x->f->filp->f_mode & FMODE_WRITE);
}

/* MS-FSA 2.1.5.10.33 */
int smb2_fsctl_zero_data(struct smb2_fsctl *x)
{
	u64 off, end;
	int err;

	if (x->f->is_dir) {
		smb2_set_error(x->w, STATUS_INVALID_PARAMETER);
		return 0;
	}
	if (!can_write_data(x)) {
		smb2_set_error(x->w, STATUS_ACCESS_DENIED);
		return 0;
	}
	if (fsctl_parse_zero_data(x->in, x->in_len, &off, &end)) {
		smb2_set_error(x->w, STATUS_INVALID_PARAMETER);
		return 0;
	}
	/* zeroing writes: as a WRITE of the range would */
	if (off < end && cifsd_brl_conflicts_io(x->f, off, end - off, true)) {
		smb2_set_error(x->w, STATUS_FILE_LOCK_CONFLICT);
		return 0;
	}
	cifsd_break_readers(x->f);
	err = zero_range(x->f, off, end);
	if (err) {
		smb2_set_error(x->w, cifsd_errno_to_status(err));
		return 0;
	}
	smb2_fsctl_ok(x);
	return 0;
}

struct qar_out {
	u8 *buf;
	size_t room;
	size_t len;
	bool overflow;
};

static void qar_put(struct qar_out *o, u64 off, u64 len)
{
	if (o->len + FSCTL_RANGE_SIZE > o->room) {
		o->overflow = true;
		return;
	}
	fsctl_put_range(o->buf + o->len, off, len);
	o->len += FSCTL_RANGE_SIZE;
}

/* The data ranges of [off, end) as SEEK_DATA/SEEK_HOLE see them. */
static int qar_walk(struct file *filp, u64 off, u64 end, struct qar_out *o)
{
	loff_t data, hole;

	while (off < end && !o->overflow) {
		data = vfs_llseek(filp, off, SEEK_DATA);
		if (data == -ENXIO)
			return 0;	/* no data after @off */
		if (data < 0)
			return data;
		if (data >= end)
			return 0;
		hole = vfs_llseek(filp, data, SEEK_HOLE);
		if (hole < 0)
			return hole;
		hole = min_t(u64, hole, end);
		qar_put(o, data, hole - data);
		off = hole;
		cond_resched();
	}
	return 0;
}

/* MS-FSA 2.1.5.10.22 */
int smb2_fsctl_query_ranges(struct smb2_fsctl *x)
{
	struct cifsd_file *f = x->f;
	struct qar_out o = {};
	u64 off, len, end, size;
	int err = 0;

	if (f->is_dir) {
		smb2_set_error(x->w, STATUS_INVALID_PARAMETER);
		return 0;
	}
	if (!(f->access & FILE_READ_DATA) ||
	    !(f->filp->f_mode & FMODE_READ)) {
		smb2_set_error(x->w, STATUS_ACCESS_DENIED);
		return 0;
	}
	if (fsctl_parse_range(x->in, x->in_len, &off, &len)) {
		smb2_set_error(x->w, STATUS_INVALID_PARAMETER);
		return 0;
	}
	o.buf = smb2_fsctl_out(x, &o.room);
	if (!o.buf)
		return 0;
	size = i_size_read(file_inode(f->filp));
	end = min(off + len, size);	/* no wrap: parse checked it */
	if (off < end) {
		if (file_is_sparse(f))
			err = qar_walk(f->filp, off, end, &o);
		else
			qar_put(&o, off, end - off);
	}
	if (err) {
		smb2_set_error(x->w, cifsd_errno_to_status(err));
		return 0;
	}
	/* not even one range fits: an error; some fit: a warning */
	if (o.overflow && !o.len) {
		smb2_set_error(x->w, STATUS_BUFFER_TOO_SMALL);
		return 0;
	}
	smb2_fsctl_done(x, o.len, o.overflow ? STATUS_BUFFER_OVERFLOW :
					       STATUS_SUCCESS);
	return 0;
}

/*
 * MS-FSA 2.1.5.10.36: the client no longer needs these ranges.  They are
 * zeroed as FSCTL_SET_ZERO_DATA would.  One request trims at most
 * CIFSD_TRIM_MAX ranges; the reply says how many (NumRangesProcessed),
 * so a client sends the rest again, and no request runs for long.
 */
#define CIFSD_TRIM_MAX		256

int smb2_fsctl_trim(struct smb2_fsctl *x)
{
	struct fsctl_trim t;
	size_t room;
	u64 off, len;
	u32 i, count;
	u8 *out;
	int err;

	if (x->f->is_dir) {
		smb2_set_error(x->w, STATUS_INVALID_PARAMETER);
		return 0;
	}
	if (!can_write_data(x)) {
		smb2_set_error(x->w, STATUS_ACCESS_DENIED);
		return 0;
	}
	if (fsctl_parse_trim(x->in, x->in_len, &t)) {
		smb2_set_error(x->w, STATUS_INVALID_PARAMETER);
		return 0;
	}
	for (i = 0; i < t.count; i++) {
		if (fsctl_trim_get(&t, i, &off, &len)) {
			smb2_set_error(x->w, STATUS_INVALID_PARAMETER);
			return 0;
		}
		if (i < CIFSD_TRIM_MAX && len &&
		    cifsd_brl_conflicts_io(x->f, off, len, true)) {
			smb2_set_error(x->w, STATUS_FILE_LOCK_CONFLICT);
			return 0;
		}
	}
	count = min_t(u32, t.count, CIFSD_TRIM_MAX);
	if (count)
		cifsd_break_readers(x->f);
	for (i = 0; i < count; i++) {
		fsctl_trim_get(&t, i, &off, &len);
		err = zero_range(x->f, off, off + len);
		if (err == -EOPNOTSUPP)
			continue;	/* trimming is advisory */
		if (err) {
			smb2_set_error(x->w, cifsd_errno_to_status(err));
			return 0;
		}
		cond_resched();
	}
	out = smb2_fsctl_out(x, &room);
	if (!out)
		return 0;
	if (room < FSCTL_TRIM_RSP_SIZE) {
		smb2_fsctl_done(x, 0, STATUS_SUCCESS);
		return 0;
	}
	put_unaligned_le32(count, out);		/* NumRangesProcessed */
	smb2_fsctl_done(x, FSCTL_TRIM_RSP_SIZE, STATUS_SUCCESS);
	return 0;
}

/* MS-FSA 2.1.5.10.12: nothing is ever compressed. */
int smb2_fsctl_get_compression(struct smb2_fsctl *x)
{
	size_t room;
	u8 *out;

	if (x->max_out < 2) {
		smb2_set_error(x->w, STATUS_INVALID_PARAMETER);
		return 0;
	}
	out = smb2_fsctl_out(x, &room);
	if (!out)
		return 0;
	if (room < 2) {
		smb2_set_error(x->w, STATUS_INSUFFICIENT_RESOURCES);
		return 0;
	}
	put_unaligned_le16(COMPRESSION_FORMAT_NONE, out);
	smb2_fsctl_done(x, 2, STATUS_SUCCESS);
	return 0;
}

/* MS-FSA 2.1.5.10.37: NONE is accepted (it is the state), others not. */
int smb2_fsctl_set_compression(struct smb2_fsctl *x)
{
	u16 format;

	if (fsctl_parse_compression(x->in, x->in_len, &format)) {
		smb2_set_error(x->w, STATUS_INVALID_PARAMETER);
		return 0;
	}
	if (!(x->f->access & (FILE_WRITE_DATA | FILE_WRITE_ATTRIBUTES))) {
		smb2_set_error(x->w, STATUS_ACCESS_DENIED);
		return 0;
	}
	if (format > 2) {	/* NONE, DEFAULT, LZNT1 */
		smb2_set_error(x->w, STATUS_INVALID_PARAMETER);
		return 0;
	}
	if (format != COMPRESSION_FORMAT_NONE) {
		smb2_set_error(x->w, STATUS_NOT_SUPPORTED);
		return 0;
	}
	smb2_fsctl_ok(x);
	return 0;
}
