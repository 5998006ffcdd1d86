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

/* Under the bucket lock: a live entry for @inode, referenced. */
static struct cifsd_inode *lookup_locked(struct inode_bucket *b,
					 const struct inode *inode)
{
	struct cifsd_inode *ci;

	hlist_for_each_entry(ci, &b->head, node)
		if (ci->inode == inode && refcount_inc_not_zero(&ci->refs))
			return ci;
	return NULL;
}

struct cifsd_inode *cifsd_inode_find(struct inode *inode)
{
	struct inode_bucket *b = bucket_of(inode);
	struct cifsd_inode *ci;

	spin_lock(&b->lock);
	ci = lookup_locked(b, inode);
	spin_unlock(&b->lock);
	return ci;
}

struct cifsd_inode *cifsd_inode_get(struct inode *inode)
{
	struct inode_bucket *b = bucket_of(inode);
	struct cifsd_inode *ci, *fresh;

	ci = cifsd_inode_find(inode);
	if (ci)
		return ci;
	/* allocated outside the bucket lock, which is a spinlock */
	fresh = kzalloc(sizeof(*fresh), GFP_KERNEL);
	if (!fresh)
		return NULL;
	fresh->inode = inode;
	refcount_set(&fresh->refs, 1);
	mutex_init(&fresh->lock);
	spin_lock_init(&fresh->opens_lock);
	INIT_LIST_HEAD(&fresh->opens);
	INIT_LIST_HEAD(&fresh->leases);
	INIT_LIST_HEAD(&fresh->waiters);
	INIT_DELAYED_WORK(&fresh->break_timer, cifsd_break_timer_fn);

	spin_lock(&b->lock);
	ci = lookup_locked(b, inode);	/* someone may have been quicker */
	if (!ci) {
		hlist_add_head(&fresh->node, &b->head);
		ci = fresh;
		fresh = NULL;
	}
	spin_unlock(&b->lock);
	kfree(fresh);
	return ci;
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
	WARN_ON_ONCE(!list_empty(&ci->opens) || !list_empty(&ci->waiters) ||
		     !list_empty(&ci->leases));
	kfree(ci);
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
