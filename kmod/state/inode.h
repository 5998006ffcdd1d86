/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The server-wide state of one file: all its opens (from every session
 * and connection), its share modes and delete-pending flag, the oplocks
 * and leases granted on it and the breaks in progress, and the CREATE
 * requests parked until those breaks finish.
 *
 * A global hash table, keyed by the struct inode, holds one cifsd_inode
 * per inode that has opens or waiters.  Lifetime: a reference count; each
 * open in @opens holds one, each parked CREATE holds one, and so does
 * the break timer while it is armed.  The last put takes it out of the
 * hash (under the bucket lock, so a lookup never revives it) and frees
 * it.  The inode pointer is only a key: the opens pin the inode through
 * their struct file.
 *
 * Locking: @lock (a mutex) protects everything inside; it is taken by
 * CREATE, by the last put of an open, by the oplock/lease break machinery
 * and by rename and delete; never on the READ/WRITE fast path when there
 * is nothing to break.  Lock order: ci->lock before a file's f->lock, and
 * never two cifsd_inode locks at once.  Break notifications are built
 * under @lock but sent after it is dropped.
 */
#ifndef CIFSD_INODE_H
#define CIFSD_INODE_H

#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/refcount.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

struct inode;

struct cifsd_inode {
	struct hlist_node node;		/* in its bucket */
	struct inode *inode;		/* key, not counted */
	refcount_t refs;
	struct mutex lock;
	/* changed under both @lock and @opens_lock; read under either */
	spinlock_t opens_lock;
	struct list_head opens;		/* cifsd_file.ci_node */
	bool delete_pending;
	/* oplock and lease state (oplock.c) */
	struct list_head leases;	/* cifsd_lease.ci_node */
	struct list_head waiters;	/* parked CREATEs (oplock.c) */
	u32 nr_breaking;		/* holders with an unacknowledged break */
	u32 break_seq;			/* bumped when a waiter may go on */
	u32 nr_readers;			/* holders caching reads (R) */
	struct delayed_work break_timer;	/* acks that never come */
	bool timer_armed;
};

/* Find the state of @inode, creating it: a reference, or NULL (ENOMEM). */
struct cifsd_inode *cifsd_inode_get(struct inode *inode);
/* Find the state of @inode if any file has it: a reference, or NULL. */
struct cifsd_inode *cifsd_inode_find(struct inode *inode);
void cifsd_inode_hold(struct cifsd_inode *ci);
void cifsd_inode_put(struct cifsd_inode *ci);

/*
 * Call @fn on every cifsd_inode, under its opens_lock (a spinlock: @fn
 * must not sleep), until it returns true.
 */
bool cifsd_inode_for_each(bool (*fn)(struct cifsd_inode *ci, void *arg),
			  void *arg);

#endif /* CIFSD_INODE_H */
