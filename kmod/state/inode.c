// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The per-inode state table (inode.h).
 */
#include <linux/fs.h>
#include <linux/hash.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#include "inode.h"
#include "oplock.h"
#include "async.h"
#include "work.h"
#include "file.h"

#define INODE_HASH_BITS		10
#define INODE_HASH_SIZE		(1U << INODE_HASH_BITS)

struct inode_bucket {
	spinlock_t lock;
	struct hlist_head head;
};

static struct inode_bucket inode_table[INODE_HASH_SIZE] = {
	[0 ... INODE_HASH_SIZE - 1] = {
		.lock = __SPIN_LOCK_UNLOCKED(inode_table.lock),
		.head = HLIST_HEAD_INIT,
	},
};

static struct inode_bucket *bucket_of(const struct inode *inode)
{
	return &inode_table[hash_ptr(inode, INODE_HASH_BITS)];
}

static bool same_stream(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

/* Under the bucket lock: a live entry for @inode, referenced. */
static struct cifsd_inode *lookup_locked(struct inode_bucket *b,
					 const struct inode *inode,
					 const char *stream)
{
	struct cifsd_inode *ci;

	hlist_for_each_entry(ci, &b->head, node)
		if (ci->inode == inode && same_stream(ci->stream, stream) &&
		    refcount_inc_not_zero(&ci->refs))
			return ci;
	return NULL;
}

struct cifsd_inode *cifsd_inode_find_stream(struct inode *inode,
					    const char *stream)
{
	struct inode_bucket *b = bucket_of(inode);
	struct cifsd_inode *ci;

	spin_lock(&b->lock);
	ci = lookup_locked(b, inode, stream);
	spin_unlock(&b->lock);
	return ci;
}

struct cifsd_inode *cifsd_inode_find(struct inode *inode)
{
	return cifsd_inode_find_stream(inode, NULL);
}

struct cifsd_inode *cifsd_inode_get_stream(struct inode *inode,
					   const char *stream)
{
	struct inode_bucket *b = bucket_of(inode);
	struct cifsd_inode *ci, *fresh;
	int i;

	ci = cifsd_inode_find_stream(inode, stream);
	if (ci)
		return ci;
	/* allocated outside the bucket lock, which is a spinlock */
	fresh = kzalloc(sizeof(*fresh), GFP_KERNEL);
	if (!fresh)
		return NULL;
	if (stream) {
		fresh->stream = kstrdup(stream, GFP_KERNEL);
		if (!fresh->stream) {
			kfree(fresh);
			return NULL;
		}
	}
	fresh->inode = inode;
	refcount_set(&fresh->refs, 1);
	mutex_init(&fresh->lock);
	spin_lock_init(&fresh->opens_lock);
	INIT_LIST_HEAD(&fresh->opens);
	INIT_LIST_HEAD(&fresh->leases);
	INIT_LIST_HEAD(&fresh->locks);
	for (i = 0; i < CIFSD_WAIT_NR; i++)
		INIT_LIST_HEAD(&fresh->waiters[i]);
	INIT_DELAYED_WORK(&fresh->break_timer, cifsd_break_timer_fn);
	cifsd_klease_init(fresh);
	/* no local process opens a stream: no kernel lease to hold */
	if (stream)
		fresh->kl.disabled = true;

	spin_lock(&b->lock);
	ci = lookup_locked(b, inode, stream);	/* someone may have been quicker */
	if (!ci) {
		hlist_add_head(&fresh->node, &b->head);
		ci = fresh;
		fresh = NULL;
	}
	spin_unlock(&b->lock);
	if (fresh)
		kfree(fresh->stream);
	kfree(fresh);
	return ci;
}

struct cifsd_inode *cifsd_inode_get(struct inode *inode)
{
	return cifsd_inode_get_stream(inode, NULL);
}

void cifsd_inode_scan_streams(struct inode *inode,
			      const struct cifsd_file *skip,
			      struct cifsd_stream_scan *s)
{
	struct inode_bucket *b = bucket_of(inode);
	struct cifsd_file *e;
	struct cifsd_inode *ci;

	memset(s, 0, sizeof(*s));
	spin_lock(&b->lock);
	hlist_for_each_entry(ci, &b->head, node) {
		if (ci->inode != inode || !ci->stream)
			continue;
		spin_lock(&ci->opens_lock);
		if (ci->unlink_pending)
			s->unlink_pending = true;
		list_for_each_entry(e, &ci->opens, ci_node) {
			if (e == skip)
				continue;
			s->opens++;
			if (!(e->share_access & FILE_SHARE_DELETE))
				s->deny_delete = true;
		}
		spin_unlock(&ci->opens_lock);
	}
	spin_unlock(&b->lock);
}

bool cifsd_inode_defer_unlink(struct inode *inode)
{
	struct inode_bucket *b = bucket_of(inode);
	struct cifsd_inode *ci;
	bool any = false;

	spin_lock(&b->lock);
	hlist_for_each_entry(ci, &b->head, node) {
		if (ci->inode != inode || !ci->stream)
			continue;
		spin_lock(&ci->opens_lock);
		if (!list_empty(&ci->opens)) {
			ci->unlink_pending = true;
			any = true;
		}
		spin_unlock(&ci->opens_lock);
	}
	spin_unlock(&b->lock);
	return any;
}

void cifsd_inode_hold(struct cifsd_inode *ci)
{
	refcount_inc(&ci->refs);
}

void cifsd_inode_put(struct cifsd_inode *ci)
{
	struct inode_bucket *b = bucket_of(ci->inode);

	if (!refcount_dec_and_lock(&ci->refs, &b->lock))
		return;
	hlist_del(&ci->node);
	spin_unlock(&b->lock);
	WARN_ON_ONCE(!list_empty(&ci->opens) || !list_empty(&ci->leases) ||
		     !list_empty(&ci->locks) ||
		     !list_empty(&ci->waiters[CIFSD_WAIT_BREAK]) ||
		     !list_empty(&ci->waiters[CIFSD_WAIT_LOCK]) ||
		     ci->kl.filp);
	kfree(ci->stream);
	kfree(ci);
}

/* Under no lock: a referenced entry of bucket @b with an armed timer. */
static struct cifsd_inode *next_armed(struct inode_bucket *b)
{
	struct cifsd_inode *ci;

	spin_lock(&b->lock);
	hlist_for_each_entry(ci, &b->head, node)
		if (delayed_work_pending(&ci->break_timer) &&
		    refcount_inc_not_zero(&ci->refs))
			break;
	spin_unlock(&b->lock);
	return ci;
}

void cifsd_inode_flush_timers(void)
{
	struct cifsd_inode *ci;
	unsigned int i;

	for (i = 0; i < INODE_HASH_SIZE; i++) {
		while ((ci = next_armed(&inode_table[i]))) {
			flush_delayed_work(&ci->break_timer);
			cifsd_inode_put(ci);
		}
	}
}

bool cifsd_inode_for_each(bool (*fn)(struct cifsd_inode *ci, void *arg),
			  void *arg)
{
	struct cifsd_inode *ci;
	unsigned int i;
	bool done = false;

	for (i = 0; i < INODE_HASH_SIZE && !done; i++) {
		struct inode_bucket *b = &inode_table[i];

		if (hlist_empty(&b->head))
			continue;
		spin_lock(&b->lock);
		hlist_for_each_entry(ci, &b->head, node) {
			spin_lock(&ci->opens_lock);
			done = fn(ci, arg);
			spin_unlock(&ci->opens_lock);
			if (done)
				break;
		}
		spin_unlock(&b->lock);
	}
	return done;
}

/* ---- parked requests ---- */

struct ci_waiter {
	struct list_head node;		/* ci->waiters[kind] or a wake list */
	struct cifsd_inode *ci;		/* counted */
	struct cifsd_async *a;
	bool listed;			/* on ci->waiters, under ci->lock */
};

void cifsd_inode_park(struct cifsd_work *w, struct cifsd_inode *ci,
		      enum cifsd_wait_kind kind, u32 seq,
		      const struct cifsd_async_ops *ops, void *owner)
{
	struct ci_waiter *cw;
	struct cifsd_async *a;

	cw = kzalloc(sizeof(*cw), GFP_KERNEL);
	if (!cw) {
		cifsd_inode_put(ci);
		smb2_set_error(w, STATUS_INSUFFICIENT_RESOURCES);
		return;
	}
	cw->ci = ci;
	INIT_LIST_HEAD(&cw->node);
	a = smb2_go_async(w, ops, cw, owner);
	if (!a) {
		cifsd_inode_put(ci);
		kfree(cw);
		return;
	}
	cw->a = a;	/* our reference goes to the waiters list */
	mutex_lock(&ci->lock);
	if (ci->wait_seq[kind] == seq) {
		list_add_tail(&cw->node, &ci->waiters[kind]);
		cw->listed = true;
		a = NULL;
	}
	mutex_unlock(&ci->lock);
	if (a) {
		/* woken while we were parking: try again now */
		cifsd_async_complete(a, STATUS_SUCCESS);
		cifsd_async_put(a);
	}
}

void cifsd_inode_wake_locked(struct cifsd_inode *ci,
			     enum cifsd_wait_kind kind,
			     struct list_head *wake)
{
	struct ci_waiter *cw;

	ci->wait_seq[kind]++;
	list_for_each_entry(cw, &ci->waiters[kind], node)
		cw->listed = false;
	list_splice_tail_init(&ci->waiters[kind], wake);
}

void cifsd_inode_wake_flush(struct list_head *wake)
{
	struct ci_waiter *cw, *tmp;

	list_for_each_entry_safe(cw, tmp, wake, node) {
		/*
		 * Once completed, the request may rerun and park again
		 * (async_repark), which frees @cw: it is not read after.
		 */
		struct cifsd_async *a = cw->a;

		list_del_init(&cw->node);
		cifsd_async_complete(a, STATUS_SUCCESS);
		cifsd_async_put(a);		/* the list's */
	}
}

void cifsd_inode_waiter_cancel(struct cifsd_async *a)
{
	struct ci_waiter *cw = a->priv;
	bool listed;

	mutex_lock(&cw->ci->lock);
	listed = cw->listed;
	if (listed) {
		list_del_init(&cw->node);
		cw->listed = false;
	}
	mutex_unlock(&cw->ci->lock);
	if (listed)
		cifsd_async_put(a);	/* the list's */
}

void cifsd_inode_waiter_release(struct cifsd_async *a)
{
	struct ci_waiter *cw = a->priv;

	cifsd_inode_put(cw->ci);
	kfree(cw);
}
