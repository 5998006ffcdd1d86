/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The server-wide state of one file: all its opens (from every session
 * and connection), its share modes and delete-pending flag, the oplocks
 * and leases granted on it and the breaks in progress, and the CREATE
 * requests parked until those breaks finish.
 *
 * A global hash table, keyed by the struct inode (and a named stream
 * name), holds one cifsd_inode per inode (stream) that has opens or
 * waiters.  Lifetime: a reference count; each
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

#include "klease.h"

struct inode;
struct cifsd_work;
struct cifsd_async;
struct cifsd_async_ops;
struct cifsd_dirlease_mark;
struct cifsd_file;

/* What a parked request waits for on a file. */
enum cifsd_wait_kind {
	CIFSD_WAIT_BREAK,	/* a CREATE: breaks to be acknowledged */
	CIFSD_WAIT_LOCK,	/* a LOCK: another lock to go away */
	CIFSD_WAIT_NR,
};

struct cifsd_inode {
	struct hlist_node node;		/* in its bucket */
	struct inode *inode;		/* key, not counted */
	char *stream;			/* key: a named stream, or NULL */
	/*
	 * A stream's: its file was deleted while this stream was open; the
	 * last stream open unlinks it (under @opens_lock).
	 */
	bool unlink_pending;
	refcount_t refs;
	struct mutex lock;
	/* changed under both @lock and @opens_lock; read under either */
	spinlock_t opens_lock;
	struct list_head opens;		/* cifsd_file.ci_node */
	bool delete_pending;
	/* oplock and lease state (oplock.c) */
	struct list_head leases;	/* cifsd_lease.ci_node */
	u32 nr_breaking;		/* holders with an unacknowledged break */
	/* byte-range locks (brlock.c) */
	struct list_head locks;		/* struct cifsd_brl */
	u32 nr_locks;
	/* parked requests, per what they wait for; wait_seq bumps on wake */
	struct list_head waiters[CIFSD_WAIT_NR];
	u32 wait_seq[CIFSD_WAIT_NR];
	u32 nr_readers;			/* holders caching reads (R) */
	struct delayed_work break_timer;	/* acks that never come */
	bool timer_armed;
	struct cifsd_klease kl;		/* the kernel delegation (klease.h) */
	/* a leased directory's change watch (dirlease.h), under @lock */
	struct cifsd_dirlease_mark *dl;
};

/* Find the state of @inode, creating it: a reference, or NULL (ENOMEM). */
struct cifsd_inode *cifsd_inode_get(struct inode *inode);
/*
 * The same for the named stream @stream (stored name) of @inode: a stream
 * has its own opens, share modes and oplocks (MS-FSA 2.1.5.1.2).
 */
struct cifsd_inode *cifsd_inode_get_stream(struct inode *inode,
					   const char *stream);
struct cifsd_inode *cifsd_inode_find_stream(struct inode *inode,
					    const char *stream);
/* What the open named streams of a file say about another open of it. */
struct cifsd_stream_scan {
	u32 opens;		/* stream opens, but the one skipped */
	bool deny_delete;	/* one of them does not share DELETE */
	bool unlink_pending;	/* the file was deleted while they are open */
};

void cifsd_inode_scan_streams(struct inode *inode,
			      const struct cifsd_file *skip,
			      struct cifsd_stream_scan *s);
/*
 * The file @inode is deleted (delete-on-close) while streams of it are
 * open: mark them so that the last one unlinks it, as Windows keeps a
 * file until all its streams are closed.  False when none is open.
 */
bool cifsd_inode_defer_unlink(struct inode *inode);

/* Find the state of @inode if any file has it: a reference, or NULL. */
struct cifsd_inode *cifsd_inode_find(struct inode *inode);
void cifsd_inode_hold(struct cifsd_inode *ci);
void cifsd_inode_put(struct cifsd_inode *ci);

/*
 * Park the request in @w (asynchronously, see smb2/async.h) until the
 * waiters of @kind on @ci are woken, or at once if they were woken since
 * @seq (read under ci->lock when the request found it must wait).  The
 * final reply reruns the request through @ops->complete.  @owner is
 * what a close cancels it by.  Consumes the caller's reference on @ci.
 */
void cifsd_inode_park(struct cifsd_work *w, struct cifsd_inode *ci,
		      enum cifsd_wait_kind kind, u32 seq,
		      const struct cifsd_async_ops *ops, void *owner);
/* Under ci->lock: the waiters of @kind may go on; collect them in @wake. */
void cifsd_inode_wake_locked(struct cifsd_inode *ci,
			     enum cifsd_wait_kind kind,
			     struct list_head *wake);
/* After ci->lock: complete what cifsd_inode_wake_locked() collected. */
void cifsd_inode_wake_flush(struct list_head *wake);
/* ops->cancel and ops->release of every parked request. */
void cifsd_inode_waiter_cancel(struct cifsd_async *a);
void cifsd_inode_waiter_release(struct cifsd_async *a);

/*
 * Run every armed break timer now and wait for it (server stop, module
 * unload: the timers run on cifsd_srv.wq, which must not outlive them).
 * With no open left, none arms itself again.
 */
void cifsd_inode_flush_timers(void);

/*
 * Call @fn on every cifsd_inode, under its opens_lock (a spinlock: @fn
 * must not sleep), until it returns true.
 */
bool cifsd_inode_for_each(bool (*fn)(struct cifsd_inode *ci, void *arg),
			  void *arg);

#endif /* CIFSD_INODE_H */
