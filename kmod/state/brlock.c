// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Byte-range locks (brlock.h).
 */
#include <linux/fs.h>
#include <linux/slab.h>

#include "compat.h"
#include "brlock.h"
#include "inode.h"
#include "file.h"
#include "tree.h"
#include "server.h"
#include "stats.h"
#include "uapi/cifsd_netlink.h"
#include "wire/ntstatus.h"

/*
 * Do [s1, s1 + l1) and [s2, s2 + l2) overlap?  A zero-length range at X
 * overlaps a range that holds X past its first byte (MS-FSA; smbtorture
 * lock.zerobytelength), two zero-length ranges never do.  Ends are
 * computed as last bytes: no overflow, ranges are checked on entry.
 */
static bool overlap(u64 s1, u64 l1, u64 s2, u64 l2)
{
	if (!l1 && !l2)
		return false;
	if (!l1)
		return s1 > s2 && s1 <= s2 + (l2 - 1);
	if (!l2)
		return s2 > s1 && s2 <= s1 + (l1 - 1);
	return s1 <= s2 + (l2 - 1) && s2 <= s1 + (l1 - 1);
}

static bool posix_locking(struct cifsd_file *f)
{
	return !f->no_posix_locks && f->filp &&
	       !(f->filp->f_mode & FMODE_PATH);
}

/* The POSIX part of [start, start + len): false if there is none. */
static bool posix_range(u64 start, u64 len, loff_t *s, loff_t *e)
{
	u64 last;

	if (!len || start > OFFSET_MAX)
		return false;
	last = start + (len - 1);
	*s = start;
	*e = last > OFFSET_MAX ? OFFSET_MAX : last;
	return true;
}

static int posix_set(struct cifsd_file *f, u64 start, u64 len,
		     unsigned char type)
{
	loff_t s, e;

	if (!posix_locking(f) || !posix_range(start, len, &s, &e))
		return 0;
	return cifsd_posix_setlk(f->filp, f, type, s, e);
}

/*
 * Under ci->lock: after an unlock of [start, start + len), put back what
 * the open's remaining locks cover there (shared first, exclusive over
 * them), so its POSIX locks equal the union of its SMB locks.
 */
static void posix_restore(struct cifsd_inode *ci, struct cifsd_file *f,
			  u64 start, u64 len)
{
	struct cifsd_brl *b;
	int pass;

	posix_set(f, start, len, F_UNLCK);
	for (pass = 0; pass < 2; pass++) {
		list_for_each_entry(b, &ci->locks, node) {
			u64 s, e;

			if (b->f != f || b->excl != (pass == 1) ||
			    !overlap(b->start, b->len, start, len))
				continue;
			s = max(b->start, start);
			e = min(b->start + (b->len - 1), start + (len - 1));
			posix_set(f, s, e - s + 1, b->excl ? F_WRLCK : F_RDLCK);
		}
	}
}

/* Under ci->lock: does a new lock of @f conflict with an existing one? */
static bool lock_conflicts(struct cifsd_inode *ci, struct cifsd_file *f,
			   u64 start, u64 len, bool excl)
{
	struct cifsd_brl *b;

	list_for_each_entry(b, &ci->locks, node) {
		if (!overlap(b->start, b->len, start, len))
			continue;
		if (b->f != f) {
			if (excl || b->excl)
				return true;
		} else if (excl) {
			/* an open's exclusive lock excludes its own locks */
			return true;
		}
	}
	return false;
}

static u32 open_lock_count(struct cifsd_inode *ci, struct cifsd_file *f)
{
	struct cifsd_brl *b;
	u32 n = 0;

	list_for_each_entry(b, &ci->locks, node)
		n += b->f == f;
	return n;
}

__le32 cifsd_brl_lock(struct cifsd_file *f, u64 start, u64 len, bool excl,
		      bool *may_wait, u32 *seq)
{
	struct cifsd_inode *ci = f->ci;
	u32 max = cifsd_limit(max_locks);
	struct cifsd_brl *b;
	__le32 status = STATUS_SUCCESS;
	int err;

	*may_wait = false;
	/* MS-FSA 2.1.5.7: the range may not wrap around 2^64 */
	if (len && start > U64_MAX - (len - 1))
		return STATUS_INVALID_LOCK_RANGE;
	if (!ci)
		return STATUS_INVALID_HANDLE;
	b = kzalloc(sizeof(*b), GFP_KERNEL);
	if (!b)
		return STATUS_INSUFFICIENT_RESOURCES;
	b->f = f;
	b->start = start;
	b->len = len;
	b->excl = excl;

	mutex_lock(&ci->lock);
	if (max && open_lock_count(ci, f) >= max) {
		cifsd_stat_inc(CIFSD_STAT_LIMIT_ERRORS);
		status = STATUS_INSUFFICIENT_RESOURCES;
	} else if (lock_conflicts(ci, f, start, len, excl)) {
		status = STATUS_LOCK_NOT_GRANTED;
		*may_wait = true;
		*seq = ci->wait_seq[CIFSD_WAIT_LOCK];
	} else {
		/* local processes and nfsd: their locks block ours */
		err = posix_set(f, start, len, excl ? F_WRLCK : F_RDLCK);
		if (err)
			status = STATUS_LOCK_NOT_GRANTED;
	}
	if (status == STATUS_SUCCESS) {
		list_add_tail(&b->node, &ci->locks);
		ci->nr_locks++;
		b = NULL;
	}
	mutex_unlock(&ci->lock);
	kfree(b);
	return status;
}

__le32 cifsd_brl_unlock(struct cifsd_file *f, u64 start, u64 len)
{
	struct cifsd_inode *ci = f->ci;
	struct cifsd_brl *b, *found = NULL;
	LIST_HEAD(wake);

	if (!ci)
		return STATUS_RANGE_NOT_LOCKED;
	mutex_lock(&ci->lock);
	/* the oldest matching lock goes (MS-FSA 2.1.5.8) */
	list_for_each_entry(b, &ci->locks, node) {
		if (b->f == f && b->start == start && b->len == len) {
			found = b;
			break;
		}
	}
	if (found) {
		list_del(&found->node);
		ci->nr_locks--;
		posix_restore(ci, f, start, len);
		cifsd_inode_wake_locked(ci, CIFSD_WAIT_LOCK, &wake);
	}
	mutex_unlock(&ci->lock);
	cifsd_inode_wake_flush(&wake);
	if (!found)
		return STATUS_RANGE_NOT_LOCKED;
	kfree(found);
	return STATUS_SUCCESS;
}

void cifsd_brl_release(struct cifsd_file *f)
{
	struct cifsd_inode *ci = f->ci;
	struct cifsd_brl *b, *tmp;
	LIST_HEAD(wake);
	LIST_HEAD(gone);

	if (!ci || !READ_ONCE(ci->nr_locks))
		goto posix;
	mutex_lock(&ci->lock);
	list_for_each_entry_safe(b, tmp, &ci->locks, node) {
		if (b->f != f)
			continue;
		list_move(&b->node, &gone);
		ci->nr_locks--;
	}
	if (!list_empty(&gone))
		cifsd_inode_wake_locked(ci, CIFSD_WAIT_LOCK, &wake);
	mutex_unlock(&ci->lock);
	cifsd_inode_wake_flush(&wake);
	list_for_each_entry_safe(b, tmp, &gone, node)
		kfree(b);
posix:
	if (f->filp && !(f->filp->f_mode & FMODE_PATH))
		locks_remove_posix(f->filp, f);
}

bool cifsd_brl_conflicts_io(struct cifsd_file *f, u64 start, u64 len,
			    bool write)
{
	struct cifsd_inode *ci = f->ci;
	struct cifsd_brl *b;
	bool conflict = false;

	if (!ci || !READ_ONCE(ci->nr_locks) || !len)
		return false;
	mutex_lock(&ci->lock);
	list_for_each_entry(b, &ci->locks, node) {
		if (!overlap(b->start, b->len, start, len))
			continue;
		if ((b->excl && b->f != f) || (write && !b->excl)) {
			conflict = true;
			break;
		}
	}
	mutex_unlock(&ci->lock);
	return conflict;
}

void cifsd_brl_park(struct cifsd_work *w, struct cifsd_file *f, u32 seq,
		    const struct cifsd_async_ops *ops)
{
	cifsd_inode_hold(f->ci);
	cifsd_inode_park(w, f->ci, CIFSD_WAIT_LOCK, seq, ops, f);
}
