// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SMB2 READ, WRITE and FLUSH (MS-SMB2 3.3.5.11, 3.3.5.12, 3.3.5.13).
 */
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/limits.h>
#include "work.h"
#include "conn.h"
#include "session.h"
#include "tree.h"
#include "file.h"
#include "vfs.h"
#include "smb2_fileops.h"
#include "stats.h"
#include "smb2_pipe.h"
#include "oplock.h"
#include "brlock.h"

#define SMB2_READ_DATA_OFFSET	(SMB2_HDR_SIZE + 16)	/* 0x50 */
#define SMB2_WRITE_DATA_MIN	(SMB2_HDR_SIZE + \
				 offsetof(struct smb2_write_req, Buffer))

/* Largest file size an SMB client may address (MS-FSA: 16 TiB - 64 KiB). */
#define CIFSD_MAX_FILE_SIZE	0xfffffff0000ULL

static bool range_ok(u64 off, u64 len)
{
	return off <= LLONG_MAX && len <= (u64)LLONG_MAX - off;
}

int smb2_read(struct cifsd_work *w)
{
	struct smb2_read_req *req = smb2_req_body(w);
	struct smb2_read_rsp *rsp;
	u32 len = le32_to_cpu(req->Length);
	u32 minc = le32_to_cpu(req->MinimumCount);
	u64 off = le64_to_cpu(req->Offset);
	struct cifsd_file *f;
	size_t done = 0;
	loff_t pos = off;
	ssize_t n = 0;
	__le32 status;

	if (w->tree->is_pipe)
		return smb2_pipe_read(w);
	f = smb2_get_open(w, req->PersistentFileId, req->VolatileFileId);
	if (!f)
		return 0;
	if (f->stream) {
		smb2_stream_read(w, f, len, minc, off);
		goto out;
	}
	if (f->is_dir) {
		status = STATUS_INVALID_DEVICE_REQUEST;
		goto err;
	}
	if (!(f->access & (FILE_READ_DATA | FILE_EXECUTE)) ||
	    !(f->filp->f_mode & FMODE_READ)) {
		status = STATUS_ACCESS_DENIED;
		goto err;
	}
	if (len > w->conn->max_read_size || !range_ok(off, len)) {
		status = STATUS_INVALID_PARAMETER;
		goto err;
	}
	if (cifsd_brl_conflicts_io(f, off, len, false)) {
		status = STATUS_FILE_LOCK_CONFLICT;
		goto err;
	}
	/* the writer checks len against the member's room and reads */
	rsp = smb2_rsp_begin_file(w, sizeof(*rsp), f->filp, &pos, len, &n);
	if (!rsp)
		goto out;
	if (n < 0) {
		status = cifsd_errno_to_status(n);
		goto err;
	}
	done = n;
	if ((len && !done) || done < minc) {
		status = STATUS_END_OF_FILE;
		goto err;
	}
	WRITE_ONCE(f->pos, off + done);
	rsp->StructureSize = cpu_to_le16(17);
	rsp->DataOffset = SMB2_READ_DATA_OFFSET;
	rsp->Reserved = 0;
	rsp->DataLength = cpu_to_le32(done);
	rsp->DataRemaining = 0;
	rsp->Flags = 0;
	smb2_rsp_end(w, done);
	cifsd_stat_add(CIFSD_STAT_BYTES_READ, done);
out:
	cifsd_file_put(f);
	return 0;
err:
	cifsd_file_put(f);
	smb2_set_error(w, status);
	return 0;
}

int smb2_write(struct cifsd_work *w)
{
	struct smb2_write_req *req = smb2_req_body(w);
	struct smb2_write_rsp *rsp;
	u16 doff = le16_to_cpu(req->DataOffset);
	u32 len = le32_to_cpu(req->Length);
	u64 off = le64_to_cpu(req->Offset);
	const u8 *data = (const u8 *)smb2_req_hdr(w) + doff;
	struct cifsd_file *f;
	bool append;
	size_t done = 0;
	loff_t pos, start;
	ssize_t n = 0;
	__le32 status;
	int err;

	if (w->tree->is_pipe)
		return smb2_pipe_write(w);
	f = smb2_get_open(w, req->PersistentFileId, req->VolatileFileId);
	if (!f)
		return 0;
	if (w->tree->readonly) {
		status = STATUS_ACCESS_DENIED;
		goto err;
	}
	if (f->is_dir) {
		status = STATUS_INVALID_DEVICE_REQUEST;
		goto err;
	}
	if (len && (doff < SMB2_WRITE_DATA_MIN ||
		    !wire_range_ok(w->pdu_len, doff, len))) {
		status = STATUS_INVALID_PARAMETER;
		goto err;
	}
	if (len > w->conn->max_write_size) {
		status = STATUS_INVALID_PARAMETER;
		goto err;
	}
	if (f->stream) {
		smb2_stream_write(w, f, data, len, off);
		cifsd_file_put(f);
		return 0;
	}
	if (!(f->access & (FILE_WRITE_DATA | FILE_APPEND_DATA)) ||
	    !(f->filp->f_mode & FMODE_WRITE)) {
		status = STATUS_ACCESS_DENIED;
		goto err;
	}
	/* An append-only handle writes at the end, whatever the offset. */
	append = !(f->access & FILE_WRITE_DATA);
	if (append) {
		/* not atomic against a concurrent appender */
		pos = i_size_read(file_inode(f->filp));
	} else if (!range_ok(off, len) ||
		   (len && off >= CIFSD_MAX_FILE_SIZE)) {
		status = STATUS_INVALID_PARAMETER;
		goto err;
	} else if (len && off + len >= CIFSD_MAX_FILE_SIZE) {
		status = STATUS_DISK_FULL;
		goto err;
	} else {
		pos = off;
	}
	start = pos;
	if (cifsd_brl_conflicts_io(f, start, len, true)) {
		status = STATUS_FILE_LOCK_CONFLICT;
		goto err;
	}
	/* nobody else may go on caching reads of what changes now */
	cifsd_break_readers(f);

	while (done < len) {
		n = kernel_write(f->filp, data + done, len - done, &pos);
		if (n <= 0)
			break;
		done += n;
	}
	if (n < 0 && !done) {
		status = cifsd_errno_to_status(n);
		goto err;
	}
	if (done && ((le32_to_cpu(req->Flags) & SMB2_WRITEFLAG_WRITE_THROUGH) ||
		     (f->mode & FILE_WRITE_THROUGH))) {
		err = vfs_fsync_range(f->filp, start, start + done - 1, 1);
		if (err) {
			status = cifsd_errno_to_status(err);
			goto err;
		}
	}
	WRITE_ONCE(f->pos, start + done);
	rsp = smb2_rsp_begin(w, sizeof(*rsp));
	if (rsp) {
		rsp->StructureSize = cpu_to_le16(17);
		rsp->DataLength = cpu_to_le32(done);
		smb2_rsp_end(w, 0);
	}
	cifsd_stat_add(CIFSD_STAT_BYTES_WRITTEN, done);
	cifsd_file_put(f);
	return 0;
err:
	cifsd_file_put(f);
	smb2_set_error(w, status);
	return 0;
}

int smb2_flush(struct cifsd_work *w)
{
	struct smb2_flush_req *req = smb2_req_body(w);
	struct smb2_simple_rsp *rsp;
	struct cifsd_file *f;
	int err = 0;

	f = smb2_get_open(w, req->PersistentFileId, req->VolatileFileId);
	if (!f)
		return 0;
	if (!(f->access & (FILE_WRITE_DATA | FILE_APPEND_DATA))) {
		cifsd_file_put(f);
		smb2_set_error(w, STATUS_ACCESS_DENIED);
		return 0;
	}
	if (!(f->filp->f_mode & FMODE_PATH))
		err = vfs_fsync(f->filp, 0);
	cifsd_file_put(f);
	if (err) {
		smb2_set_error(w, cifsd_errno_to_status(err));
		return 0;
	}
	rsp = smb2_rsp_fixed(w, sizeof(*rsp));
	if (rsp)
		rsp->StructureSize = cpu_to_le16(4);
	return 0;
}
