// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The per-session table of opens.
 */
#include <linux/slab.h>
#include <linux/file.h>
#include <linux/cred.h>
#include "compat.h"
#include "work.h"
#include "session.h"
#include "tree.h"
#include "file.h"
#include "klease.h"
#include "vfs.h"
#include "smb2_fileops.h"
#include "smb2_pipe.h"
#include "share_mode.h"
#include "oplock.h"
#include "brlock.h"
#include "notify.h"
#include "conn.h"
#include "server.h"
#include "uapi/cifsd_netlink.h"
#include "streams.h"
#include "meta.h"
#include "inode.h"

void cifsd_files_init(struct cifsd_file_table *ft)
{
	/* id 0 is never handed out; ids are 32-bit */
	xa_init_flags(&ft->xa, XA_FLAGS_ALLOC1);
	ft->next_id = 1;
}

struct cifsd_file *cifsd_file_alloc(struct cifsd_work *w, struct file *filp)
{
	struct cifsd_file *f;

	f = kzalloc(sizeof(*f), GFP_KERNEL);
	if (!f)
		return NULL;
	refcount_set(&f->refs, 1);
	f->filp = filp;
	f->sess = w->sess;
	f->tree = cifsd_tree_get(w->tree);
	f->cred = get_cred(w->sess->cred);
	f->no_posix_locks = w->tree->share_flags &
			    CIFSD_SHARE_F_NO_POSIX_LOCKING;
	mutex_init(&f->lock);
	INIT_LIST_HEAD(&f->waiters);
	return f;
}

static struct cifsd_conn *table_conn(struct cifsd_file_table *ft)
{
	return container_of(ft, struct cifsd_session, files)->conn;
}

int cifsd_file_insert(struct cifsd_file_table *ft, struct cifsd_file *f)
{
	u32 max = min_t(u32, cifsd_limit(max_opens) ?: CIFSD_OPEN_ID_MAX,
			CIFSD_OPEN_ID_MAX);
	u32 id;
	int err;

	/* the table's reference; published by the store below */
	refcount_inc(&f->refs);
	xa_lock(&ft->xa);
	if (ft->dead || READ_ONCE(f->tree->dead))
		err = -ESHUTDOWN;
	else if (atomic_read(&table_conn(ft)->nr_opens) >= max)
		err = -ENFILE;	/* "max open files" is per connection */
	else	/* cyclic: a stale FileId does not name the next open at once */
		err = __xa_alloc_cyclic(&ft->xa, &id, NULL,
					XA_LIMIT(1, CIFSD_OPEN_ID_MAX),
					&ft->next_id, GFP_KERNEL);
	if (err == -EBUSY)
		err = -ENFILE;
	/* __xa_alloc_cyclic may drop the lock to allocate: look again */
	if (err >= 0 && (ft->dead || READ_ONCE(f->tree->dead))) {
		__xa_erase(&ft->xa, id);
		err = -ESHUTDOWN;
	}
	if (err >= 0) {
		/* ids are set before the entry becomes visible */
		f->volatile_id = id;
		/* a durable open has its id from the global table */
		if (!f->dh.version)
			f->persistent_id = id;
		__xa_store(&ft->xa, id, f, 0);
		ft->count++;
		atomic_inc(&table_conn(ft)->nr_opens);
		err = 0;
	}
	xa_unlock(&ft->xa);
	if (err)
		refcount_dec(&f->refs);
	return err;
}

struct cifsd_file *cifsd_file_get(struct cifsd_file *f)
{
	refcount_inc(&f->refs);
	return f;
}

int cifsd_file_set_filp(struct cifsd_file *f, struct file *filp)
{
	int err = 0;

	mutex_lock(&f->lock);
	if (f->old_filp) {
		err = -EBUSY;
	} else {
		f->old_filp = f->filp;
		WRITE_ONCE(f->filp, filp);
	}
	mutex_unlock(&f->lock);
	if (err)
		fput(filp);
	return err;
}

struct cifsd_file *cifsd_file_lookup_sess(struct cifsd_session *sess,
					  u64 pfid, u64 vfid)
{
	struct cifsd_file *f;

	if (vfid == 0 || vfid > U32_MAX)
		return NULL;
	rcu_read_lock();
	f = xa_load(&sess->files.xa, (unsigned long)vfid);
	if (f && !refcount_inc_not_zero(&f->refs))
		f = NULL;
	rcu_read_unlock();
	if (!f)
		return NULL;
	if (f->persistent_id != pfid || f->sess != sess) {
		cifsd_file_put(f);
		return NULL;
	}
	return f;
}

struct cifsd_file *cifsd_file_lookup(struct cifsd_work *w, u64 pfid,
				     u64 vfid)
{
	struct cifsd_file *f = cifsd_file_lookup_sess(w->sess, pfid, vfid);

	if (f && f->tree != w->tree) {
		cifsd_file_put(f);
		return NULL;
	}
	return f;
}

/* Under the xa lock: @f left the table (the caller owns its reference). */
static void table_gone(struct cifsd_file_table *ft)
{
	ft->count--;
	atomic_dec(&table_conn(ft)->nr_opens);
}

bool cifsd_file_remove(struct cifsd_file_table *ft, struct cifsd_file *f)
{
	bool mine;

	xa_lock(&ft->xa);
	mine = __xa_cmpxchg(&ft->xa, (unsigned long)f->volatile_id, f, NULL,
			    0) == f;
	if (mine)
		table_gone(ft);
	xa_unlock(&ft->xa);
	return mine;
}

/*
 * Delete-on-close at the last put of @f: a stream open removes its
 * stream; a file with streams still open stays (delete pending) until
 * the last of them closes (cifsd_inode_defer_unlink), which unlinks it.
 */
static void file_delete_on_close(struct cifsd_file *f)
{
	struct cifsd_stream_scan s;
	const struct cred *old;
	bool unlink = false;

	if (f->stream) {
		cifsd_inode_scan_streams(file_inode(f->filp), f, &s);
		unlink = s.unlink_pending && !s.opens;
		if (!f->delete_on_close && !unlink)
			return;
	} else {
		if (cifsd_inode_defer_unlink(file_inode(f->filp)))
			return;
		unlink = true;
	}
	old = cifsd_override_creds(f->cred);
	/* the last put may come from anywhere: it is still us */
	cifsd_server_task_begin();
	if (f->stream && f->delete_on_close)
		cifsd_stream_remove(&f->filp->f_path, f->stream);
	if (unlink && f->stream) {
		/* the file's deletion was allowed when it was asked for */
		const struct cred *meta = cifsd_meta_creds_begin();

		cifsd_vfs_unlink(f->filp);
		cifsd_meta_creds_end(meta);
	} else if (unlink) {
		cifsd_vfs_unlink(f->filp);
	}
	cifsd_server_task_end();
	cifsd_revert_creds(old);
}

void cifsd_file_put(struct cifsd_file *f)
{
	if (!refcount_dec_and_test(&f->refs))
		return;
	/* a durable open whose connection went waits for its client */
	if (f->dh.preserve && cifsd_durable_park(f))
		return;
	if (f->pipe_id)
		smb2_pipe_release(f);
	cifsd_brl_release(f);
	cifsd_notify_release(f);
	if (f->filp && (f->delete_on_close || f->stream))
		file_delete_on_close(f);
	/* after the unlink: new opens see the delete pending until then */
	cifsd_open_detach(f);
	smb2_dir_state_free(f);
	if (f->filp)
		fput(f->filp);
	if (f->old_filp)
		fput(f->old_filp);
	put_cred(f->cred);
	kfree(f->lock_seq);
	kfree(f->name);
	kfree(f->stream);
	cifsd_durable_forget(f);
	if (f->tree)
		cifsd_tree_put(f->tree);
	kfree_rcu(f, rcu);
}

static void close_matching(struct cifsd_file_table *ft,
			   struct cifsd_tree *tree, bool keep_durable)
{
	struct cifsd_file *f;
	unsigned long id;

	/*
	 * An entry still in the table holds the table's reference, so it
	 * cannot go away while we look at it under the xarray lock.
	 */
	xa_lock(&ft->xa);
	xa_for_each(&ft->xa, id, f) {
		if (xa_is_zero(f) || (tree && f->tree != tree))
			continue;
		__xa_erase(&ft->xa, id);
		table_gone(ft);
		/* parked at its last put, which may be a request's */
		if (keep_durable && f->dh.version)
			f->dh.preserve = true;
		xa_unlock(&ft->xa);
		cifsd_file_put(f);
		cond_resched();
		xa_lock(&ft->xa);
	}
	xa_unlock(&ft->xa);
}

void cifsd_files_close_all(struct cifsd_file_table *ft, bool keep_durable)
{
	xa_lock(&ft->xa);
	ft->dead = true;
	xa_unlock(&ft->xa);
	close_matching(ft, NULL, keep_durable);
	xa_destroy(&ft->xa);
}

void cifsd_files_kill_tree(struct cifsd_file_table *ft,
			   struct cifsd_tree *tree)
{
	xa_lock(&ft->xa);
	WRITE_ONCE(tree->dead, true);
	xa_unlock(&ft->xa);
}

void cifsd_files_close_tree(struct cifsd_file_table *ft,
			    struct cifsd_tree *tree)
{
	close_matching(ft, tree, false);
}
