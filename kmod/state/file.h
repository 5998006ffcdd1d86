/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Open files (SMB2 "Opens") and the per-session table that owns them.
 *
 * Owner: the session's file table.  A request that uses an open takes a
 * reference with cifsd_file_lookup() and drops it with cifsd_file_put().
 * An open is published (cifsd_file_insert) only while neither the table
 * (session teardown) nor the open's tree (tree disconnect) is dead; both
 * flags are set under the table's xarray lock, so nothing is added after
 * a teardown has walked the table.
 * CLOSE removes the open from the table (so no new request finds it) and
 * drops the table's reference; the struct file is released by the last
 * put, after any request still using it has finished.  The last put also
 * performs a pending delete-on-close, takes the open out of its share
 * state (share_mode.h) and drops the tree reference.
 *
 * Lookups are lock-free (RCU + refcount_inc_not_zero); the memory of a
 * struct cifsd_file is freed after an RCU grace period.
 */
#ifndef CIFSD_FILE_H
#define CIFSD_FILE_H

#include <linux/xarray.h>
#include <linux/refcount.h>
#include <linux/fs.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>

#include "durable.h"

struct cifsd_session;
struct cifsd_tree;
struct cifsd_work;
struct cifsd_dir_state;
struct cifsd_inode;
struct cifsd_lease;

/* The largest resiliency timeout a client may ask for (ms). */
#define CIFSD_RESILIENT_MAX_MS	300000

struct cifsd_file_table {
	struct xarray xa;	/* volatile id -> struct cifsd_file */
	u32 next_id;		/* for xa_alloc_cyclic */
	u32 count;		/* opens in the table, under the xa lock */
	bool dead;		/* under the xa lock: no more inserts */
};

struct cifsd_file {
	refcount_t refs;
	u64 volatile_id;
	u64 persistent_id;
	struct file *filp;
	/* the file before cifsd_file_set_filp(), put with the open */
	struct file *old_filp;
	struct cifsd_tree *tree;	/* counted reference */
	/* the rest is private to the file operations (smb2_create.c etc.) */
	void *priv;

	/* not counted: sessions outlive opens; NULL while disconnected */
	struct cifsd_session *sess;
	const struct cred *cred;	/* counted: used for delete-on-close */
	u32 access;			/* granted access mask */
	u32 share_access;		/* FILE_SHARE_* asked at CREATE */
	u32 create_options;
	u32 mode;			/* FileModeInformation */
	bool is_dir;
	bool delete_on_close;		/* unlink at the last put */
	bool posix;			/* POSIX create context: POSIX names */
	bool is_reparse;		/* a symlink or special file (O_PATH) */
	/* WSL special file attributes sent with the CREATE (reparse.h) */
	bool wsl_has_mode, wsl_has_dev;
	u32 wsl_mode, wsl_major, wsl_minor;
	struct mutex lock;		/* name, pos, dir state */
	char *name;			/* share-relative, '/' separated, "" */
	/*
	 * A named stream open (vfs/streams.h): its stored name, kmalloc'ed,
	 * under @lock once published (a rename changes it); @filp is then
	 * the file or directory it belongs to, opened O_PATH.
	 */
	char *stream;
	u64 pos;			/* FilePositionInformation */
	u32 ea_index;			/* next EA to return, under lock */
	bool keep_change_time;		/* ChangeTime set through this open */
	struct cifsd_dir_state *dir;	/* QUERY_DIRECTORY state */
	u64 pipe_id;			/* named pipe open (smb2_pipe.c), or 0 */
	/*
	 * The file's server-wide state (state/inode.h), from a successful
	 * cifsd_open_attach() to cifsd_open_detach(); the fields below are
	 * under ci->lock.
	 */
	struct cifsd_inode *ci;		/* counted while attached */
	struct list_head ci_node;	/* ci->opens */
	struct cifsd_lease *lease;	/* the lease it uses, or NULL */
	u8 oplock;			/* SMB2_OPLOCK_LEVEL_* (no lease) */
	u8 oplock_breaking_to;
	bool oplock_breaking;
	unsigned long break_deadline;	/* jiffies */
	struct cifsd_watch *watch;	/* CHANGE_NOTIFY state (notify.h) */
	bool no_posix_locks;		/* share: posix locking = no */
	bool resilient;			/* FSCTL_LMR_REQUEST_RESILIENCY */
	/* LOCK replay detection (3.3.5.14): 64 entries, under @lock */
	u8 *lock_seq;
	struct cifsd_durable dh;	/* durable handle state (durable.h) */
	/* parked requests waiting on this open (pipe READs), under lock */
	struct list_head waiters;
	struct rcu_head rcu;
};

void cifsd_files_init(struct cifsd_file_table *ft);
/*
 * Mark the table dead and close every open (session teardown); with
 * @keep_durable (the connection went, not a LOGOFF) durable opens are
 * parked instead (durable.h).
 */
void cifsd_files_close_all(struct cifsd_file_table *ft, bool keep_durable);
/* Mark @tree dead for this table: no open is added through it after. */
void cifsd_files_kill_tree(struct cifsd_file_table *ft,
			   struct cifsd_tree *tree);
/* Close every open made through @tree (tree disconnect). */
void cifsd_files_close_tree(struct cifsd_file_table *ft,
			    struct cifsd_tree *tree);

/*
 * Allocate an open for @filp (consumed on success), owned by w->sess and
 * w->tree (a tree reference is taken).  Returns with refs == 1, not yet in
 * the table.
 */
struct cifsd_file *cifsd_file_alloc(struct cifsd_work *w, struct file *filp);
/*
 * Publish @f in the session's table: assigns the ids and takes the
 * table's reference (the caller keeps its own).  -ENFILE when over the
 * open limit, -ESHUTDOWN when the session or the tree is going away.
 */
int cifsd_file_insert(struct cifsd_file_table *ft, struct cifsd_file *f);
/*
 * Find the open with these ids belonging to w->sess and w->tree; returns
 * a reference or NULL.
 */
struct cifsd_file *cifsd_file_lookup(struct cifsd_work *w, u64 pfid,
				     u64 vfid);
/* The same through any tree of @sess (server-side copy, 3.3.5.15.6). */
struct cifsd_file *cifsd_file_lookup_sess(struct cifsd_session *sess,
					  u64 pfid, u64 vfid);
/*
 * Remove @f from its table; true when this caller removed it (and now
 * owns the table's reference, which it must put).
 */
bool cifsd_file_remove(struct cifsd_file_table *ft, struct cifsd_file *f);
struct cifsd_file *cifsd_file_get(struct cifsd_file *f);
/*
 * The object of @f was replaced by another of the same name (a reparse
 * point set or deleted): the open refers to @filp from now on (consumed).
 * The old file stays referenced until the last put, so a request still
 * using it is unaffected; its share state stays with the old inode.
 * -EBUSY when the open was already switched once (@filp is then put).
 */
int cifsd_file_set_filp(struct cifsd_file *f, struct file *filp);
void cifsd_file_put(struct cifsd_file *f);

#endif /* CIFSD_FILE_H */
