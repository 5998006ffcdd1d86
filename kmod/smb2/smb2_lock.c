// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SMB2 LOCK (MS-SMB2 3.3.5.14): byte-range locks and unlocks.  The lock
 * table is state/brlock.c; a lock that has to wait goes asynchronous and
 * is rerun from the start whenever a lock of the file goes away.
 */
#include <linux/slab.h>
#include "work.h"
#include "conn.h"
#include "file.h"
#include "brlock.h"
#include "oplock.h"
#include "async.h"
#include "inode.h"
#include "smb2_cmds.h"
#include "smb2_fileops.h"

#define LOCK_REQ_FIXED	offsetof(struct smb2_lock_req, locks)

static bool lock_flags_ok(u32 flags)
{
	switch (flags) {
	case SMB2_LOCKFLAG_SHARED:
	case SMB2_LOCKFLAG_EXCLUSIVE:
	case SMB2_LOCKFLAG_SHARED | SMB2_LOCKFLAG_FAIL_IMMEDIATELY:
	case SMB2_LOCKFLAG_EXCLUSIVE | SMB2_LOCKFLAG_FAIL_IMMEDIATELY:
		return true;
	default:
		return false;
	}
}

/* 3.3.5.14.1: unlocks; what succeeded is not undone */
static __le32 do_unlocks(struct cifsd_file *f,
			 const struct smb2_lock_element *el, u16 n)
{
	__le32 status;
	u16 i;

	for (i = 0; i < n; i++) {
		u32 flags = le32_to_cpu(el[i].Flags);

		/* Windows refuses UNLOCK|FAIL_IMMEDIATELY, as 3.3.5.14 allows */
		if (flags != SMB2_LOCKFLAG_UNLOCK)
			return STATUS_INVALID_PARAMETER;
		status = cifsd_brl_unlock(f, le64_to_cpu(el[i].Offset),
					  le64_to_cpu(el[i].Length));
		if (status != STATUS_SUCCESS)
			return status;
	}
	return STATUS_SUCCESS;
}

/* Undo the first @n locks of a request that failed later on. */
static void undo_locks(struct cifsd_file *f,
		       const struct smb2_lock_element *el, u16 n)
{
	while (n--)
		cifsd_brl_unlock(f, le64_to_cpu(el[n].Offset),
				 le64_to_cpu(el[n].Length));
}

static const struct cifsd_async_ops lock_wait_ops = {
	.complete = smb2_lock,
	/* its handle, tree or session went: the lock was never taken */
	.gone_status = STATUS_RANGE_NOT_LOCKED,
	.cancel = cifsd_inode_waiter_cancel,
	.release = cifsd_inode_waiter_release,
};

/*
 * 3.3.5.14.2: locks.  All or nothing: a failure undoes the locks this
 * request took.  Returns STATUS_PENDING when the request was parked.
 */
static __le32 do_locks(struct cifsd_work *w, struct cifsd_file *f,
		       const struct smb2_lock_element *el, u16 n)
{
	bool may_wait;
	__le32 status;
	u32 seq = 0;
	u16 i;

	for (i = 0; i < n; i++) {
		u32 flags = le32_to_cpu(el[i].Flags);

		/* several locks in one request must all fail immediately */
		if (!lock_flags_ok(flags) ||
		    (n > 1 && !(flags & SMB2_LOCKFLAG_FAIL_IMMEDIATELY))) {
			undo_locks(f, el, i);
			return STATUS_INVALID_PARAMETER;
		}
		status = cifsd_brl_lock(f, le64_to_cpu(el[i].Offset),
					le64_to_cpu(el[i].Length),
					flags & SMB2_LOCKFLAG_EXCLUSIVE,
					&may_wait, &seq);
		if (status == STATUS_LOCK_NOT_GRANTED && may_wait &&
		    !(flags & SMB2_LOCKFLAG_FAIL_IMMEDIATELY)) {
			/* n == 1 here: wait for a lock to go, then rerun */
			cifsd_brl_park(w, f, seq, &lock_wait_ops);
			return STATUS_PENDING;
		}
		if (status != STATUS_SUCCESS) {
			undo_locks(f, el, i);
			return status;
		}
	}
	/* MS-FSA: a byte-range lock breaks level II oplocks */
	cifsd_break_readers(f);
	return STATUS_SUCCESS;
}

/* Entries of f->lock_seq: the sequence number, with this bit when valid. */
#define LOCK_SEQ_VALID	0x10
#define LOCK_SEQ_BUCKETS	64

/*
 * 3.3.5.14: the bucket (1..64) a LOCK's LockSequence names on an open
 * whose locks are replay-checked (resilient on 2.1; also durable and
 * persistent on 3.x), or 0.
 */
static u32 lock_seq_bucket(struct cifsd_work *w, struct cifsd_file *f,
			   u32 seq)
{
	u32 idx = (seq >> 4) & 0x0FFFFFFF;
	bool checked = READ_ONCE(f->resilient) ||
		       (w->conn->dialect >= SMB30_PROT_ID && f->dh.version);

	if (!checked || w->conn->dialect < SMB21_PROT_ID || !idx ||
	    idx > LOCK_SEQ_BUCKETS)
		return 0;
	return idx;
}

/*
 * A replay of a LOCK that already succeeded: true (reply success, do
 * nothing).  Otherwise the bucket is invalidated until this one succeeds.
 */
static bool lock_seq_replayed(struct cifsd_file *f, u32 idx, u8 num)
{
	bool replay;

	mutex_lock(&f->lock);
	if (!f->lock_seq)
		f->lock_seq = kzalloc(LOCK_SEQ_BUCKETS, GFP_KERNEL);
	replay = f->lock_seq && f->lock_seq[idx - 1] == (LOCK_SEQ_VALID | num);
	if (f->lock_seq && !replay)
		f->lock_seq[idx - 1] = 0;
	mutex_unlock(&f->lock);
	return replay;
}

static void lock_seq_store(struct cifsd_file *f, u32 idx, u8 num)
{
	mutex_lock(&f->lock);
	if (f->lock_seq)
		f->lock_seq[idx - 1] = LOCK_SEQ_VALID | num;
	mutex_unlock(&f->lock);
}

int smb2_lock(struct cifsd_work *w)
{
	struct smb2_lock_req *req = smb2_req_body(w);
	u16 n = le16_to_cpu(req->LockCount);
	struct smb2_simple_rsp *rsp;
	struct cifsd_file *f;
	u32 seq, bucket;
	__le32 status;

	if (!n || smb2_req_body_len(w) < LOCK_REQ_FIXED ||
	    (smb2_req_body_len(w) - LOCK_REQ_FIXED) / sizeof(req->locks[0]) <
	    n) {
		smb2_set_error(w, STATUS_INVALID_PARAMETER);
		return 0;
	}
	f = smb2_get_open(w, req->PersistentFileId, req->VolatileFileId);
	if (!f)
		return 0;
	seq = le32_to_cpu(req->LockSequenceNumber);
	bucket = lock_seq_bucket(w, f, seq);
	if (bucket && lock_seq_replayed(f, bucket, seq & 0xF)) {
		status = STATUS_SUCCESS;
	} else {
		if (le32_to_cpu(req->locks[0].Flags) & SMB2_LOCKFLAG_UNLOCK)
			status = do_unlocks(f, req->locks, n);
		else
			status = do_locks(w, f, req->locks, n);
		if (bucket && status == STATUS_SUCCESS)
			lock_seq_store(f, bucket, seq & 0xF);
	}
	cifsd_file_put(f);
	if (status == STATUS_PENDING)
		return 0;	/* parked: the interim reply is in place */
	if (status != STATUS_SUCCESS) {
		smb2_set_error(w, status);
		return 0;
	}
	rsp = smb2_rsp_fixed(w, sizeof(*rsp));
	if (rsp)
		rsp->StructureSize = cpu_to_le16(4);
	return 0;
}
