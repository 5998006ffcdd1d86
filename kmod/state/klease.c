// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Kernel delegations behind SMB caching (klease.h).
 */
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/workqueue.h>

#include "compat.h"
#include "klease.h"
#include "inode.h"
#include "oplock.h"
#include "file.h"
#include "server.h"
#include "stats.h"
#include "conn.h"
#include "work.h"
#include "async.h"
#include "durable.h"
#include "meta.h"

/* ---- who is the server ---- */

#define OWN_SLOTS	8
static struct task_struct *own_tasks[OWN_SLOTS];

void cifsd_server_task_begin(void)
{
	int i;

	for (i = 0; i < OWN_SLOTS; i++)
		if (!cmpxchg(&own_tasks[i], NULL, current))
			return;
}

void cifsd_server_task_end(void)
{
	int i;

	for (i = 0; i < OWN_SLOTS; i++)
		if (READ_ONCE(own_tasks[i]) == current)
			WRITE_ONCE(own_tasks[i], NULL);
}

bool cifsd_current_is_server(void)
{
	struct work_struct *w = current_work();
	int i;

	if (w && (cifsd_is_request_work(w->func) ||
		  cifsd_is_async_work(w->func) ||
		  cifsd_is_durable_work(w->func) ||
		  cifsd_is_klease_work(w->func) ||
		  w->func == cifsd_break_timer_fn))
		return true;
	if ((current->flags & PF_KTHREAD) &&
	    kthread_func(current) == cifsd_conn_thread)
		return true;
	for (i = 0; i < OWN_SLOTS; i++)
		if (READ_ONCE(own_tasks[i]) == current)
			return true;
	return false;
}

/* ---- the kernel's callbacks ---- */

static bool klease_breaker_owns(cifsd_klease_lock_t *fl)
{
	return cifsd_current_is_server();
}

/*
 * Under the inode's flc_lock, atomic: a local process (or nfsd) wants
 * the file.  The SMB side runs in a worker; the lease stays until then.
 */
static bool klease_lm_break(cifsd_klease_lock_t *fl)
{
	struct cifsd_inode *ci = cifsd_klease_owner(fl);
	u32 to = (cifsd_klease_flags(fl) & FL_UNLOCK_PENDING) ? 0 :
		 (CIFSD_CACHE_R | CIFSD_CACHE_H);

	/* the lowest of what several breakers leave */
	for (;;) {
		u32 old = READ_ONCE(ci->kl.pending_to);

		if (cmpxchg(&ci->kl.pending_to, old, old & to) == old)
			break;
	}
	cifsd_inode_hold(ci);
	/* never the last reference: the delegation holds one */
	if (!queue_work(cifsd_srv.wq, &ci->kl.work))
		cifsd_inode_put(ci);
	return false;
}

static const struct lease_manager_operations klease_ops = {
	.lm_break = klease_lm_break,
	.lm_change = lease_modify,
	.lm_breaker_owns_lease = klease_breaker_owns,
};

static void klease_work_fn(struct work_struct *work)
{
	struct cifsd_inode *ci = container_of(work, struct cifsd_inode,
					      kl.work);
	u32 to = xchg(&ci->kl.pending_to, CIFSD_CACHE_ALL);

	cifsd_stat_inc(CIFSD_STAT_KLEASE_BREAKS);
	cifsd_break_all_to(ci, to);
	cifsd_inode_put(ci);	/* lm_break's */
}

bool cifsd_is_klease_work(work_func_t fn)
{
	return fn == klease_work_fn;
}

void cifsd_klease_init(struct cifsd_inode *ci)
{
	ci->kl.type = F_UNLCK;
	ci->kl.pending_to = CIFSD_CACHE_ALL;
	INIT_WORK(&ci->kl.work, klease_work_fn);
}

/* ---- taking and dropping the delegation, under ci->lock ---- */

static int klease_type_for(u32 cache)
{
	if (cache & CIFSD_CACHE_W)
		return CIFSD_HAVE_WRITE_DELEG ? F_WRLCK : F_RDLCK;
	if (cache & (CIFSD_CACHE_R | CIFSD_CACHE_H))
		return F_RDLCK;
	return F_UNLCK;
}

/*
 * A read-only struct file of our own to hang the delegation on (it must
 * not count as a writer, and outlives any one SMB open).  O_NONBLOCK:
 * never wait here for somebody else's lease.
 */
static struct file *klease_file(struct cifsd_inode *ci)
{
	struct cifsd_file *f;

	list_for_each_entry(f, &ci->opens, ci_node)
		if (f->filp && !(f->filp->f_mode & FMODE_PATH) &&
		    S_ISREG(file_inode(f->filp)->i_mode))
			return dentry_open(&f->filp->f_path,
					   O_RDONLY | O_LARGEFILE | O_NONBLOCK,
					   f->filp->f_cred);
	return NULL;
}

static void klease_drop(struct cifsd_inode *ci)
{
	void *owner = ci;

	if (ci->kl.type == F_UNLCK)
		return;
	/* gone already if the kernel timed it out: then nothing happens */
	vfs_setlease(ci->kl.filp, F_UNLCK, NULL, &owner);
	fput(ci->kl.filp);
	ci->kl.filp = NULL;
	ci->kl.type = F_UNLCK;
	cifsd_inode_put(ci);	/* the delegation's */
}

static int klease_set(struct cifsd_inode *ci, struct file *filp, int type)
{
	cifsd_klease_lock_t *fl = cifsd_klease_alloc(filp, type, ci,
						      &klease_ops);
	int err;

	const struct cred *old;

	if (!fl)
		return -ENOMEM;
	/* leases are the file owner's (or CAP_LEASE): ours, not the user's */
	old = cifsd_meta_creds_begin();
	err = vfs_setlease(filp, type, &fl, NULL);
	cifsd_meta_creds_end(old);
	if (fl)
		cifsd_klease_free(fl);
	return err;
}

void cifsd_klease_sync(struct cifsd_inode *ci)
{
	u32 cache = cifsd_inode_cached(ci);
	int want = ci->kl.disabled ? F_UNLCK : klease_type_for(cache);
	struct file *filp;

	if (ci->kl.breaking && !(cache & ~ci->kl.break_to))
		ci->kl.breaking = false;
	if (want == ci->kl.type)
		return;
	if (want == F_UNLCK) {
		klease_drop(ci);
		return;
	}
	if (ci->kl.type != F_UNLCK) {
		/* a downgrade (or an upgrade) of the one we hold */
		if (!klease_set(ci, ci->kl.filp, want))
			ci->kl.type = want;
		else if (want == F_RDLCK)
			klease_drop(ci);	/* cannot keep a write one */
		return;
	}
	filp = klease_file(ci);
	if (IS_ERR_OR_NULL(filp)) {
		if (filp)
			cifsd_stat_inc(CIFSD_STAT_KLEASE_FAILED);
		return;
	}
	if (klease_set(ci, filp, want)) {
		/* busy inode, or another lease: SMB caching goes unguarded */
		fput(filp);
		cifsd_stat_inc(CIFSD_STAT_KLEASE_FAILED);
		return;
	}
	cifsd_inode_hold(ci);	/* the delegation's */
	ci->kl.filp = filp;
	ci->kl.type = want;
}

u32 cifsd_klease_allowed(struct cifsd_inode *ci, int smb_writers,
			 int smb_readers)
{
	struct inode *inode = ci->inode;
	int readers = smb_readers + (ci->kl.filp ? 1 : 0);

	if (ci->kl.breaking)
		return ci->kl.break_to;
	if (atomic_read(&inode->i_writecount) > smb_writers ||
	    atomic_read(&inode->i_readcount) > readers) {
		/*
		 * Our own closes are deferred in kernel threads (fput):
		 * a file an SMB client closed a moment ago still counts.
		 */
		flush_delayed_fput();
	}
	/* someone else writes: SMB clients may not cache anything */
	if (atomic_read(&inode->i_writecount) > smb_writers)
		return 0;
	/*
	 * Someone else has it open for reading: reads through that open
	 * break nothing, so no client may cache writes.
	 */
	if (atomic_read(&inode->i_readcount) > readers)
		return CIFSD_CACHE_R | CIFSD_CACHE_H;
	return CIFSD_CACHE_ALL;
}
