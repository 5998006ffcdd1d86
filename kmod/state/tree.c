// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Tree connect objects: insertion, lookup and teardown (order in tree.h).
 */

#include <linux/slab.h>
#include <linux/path.h>

#include "tree.h"
#include "server.h"
#include "session.h"
#include "file.h"
#include "async.h"
#include "conn.h"

void cifsd_tree_put(struct cifsd_tree *t)
{
	if (!refcount_dec_and_test(&t->refs))
		return;
	if (!t->is_pipe)
		path_put(&t->root);
	kfree(t->share_name);
	kfree(t);
}

int cifsd_tree_insert(struct cifsd_session *sess, struct cifsd_tree *t)
{
	u32 max = cifsd_limit(max_trees);
	int err = 0;

	xa_lock(&sess->trees);
	if (sess->trees_dead)
		err = -ESHUTDOWN;
	else if (max && sess->nr_trees >= max)
		err = -EUSERS;
	else
		err = __xa_alloc(&sess->trees, &t->id, t,
				 XA_LIMIT(1, U32_MAX - 1), GFP_KERNEL);
	/* __xa_alloc may drop the lock to allocate: look again */
	if (!err && sess->trees_dead) {
		__xa_erase(&sess->trees, t->id);
		err = -ESHUTDOWN;
	}
	if (!err)
		sess->nr_trees++;
	xa_unlock(&sess->trees);
	return err;
}

struct cifsd_tree *cifsd_tree_lookup(struct cifsd_session *sess, u32 id)
{
	struct cifsd_tree *t;

	xa_lock(&sess->trees);
	t = xa_load(&sess->trees, id);
	if (t && !READ_ONCE(t->dead))
		refcount_inc(&t->refs);
	else
		t = NULL;
	xa_unlock(&sess->trees);
	return t;
}

/* Steps 2-4 of the teardown; the caller took @t out of the table. */
static void cifsd_tree_teardown(struct cifsd_session *sess,
				struct cifsd_tree *t)
{
	cifsd_files_kill_tree(&sess->files, t);
	cifsd_async_cancel_matching(sess->conn, NULL, t, NULL,
				    STATUS_SUCCESS);
	cifsd_files_close_tree(&sess->files, t);
	cifsd_tree_put(t);	/* the table's reference */
}

/* Take @t out of service; the caller holds its own reference. */
void cifsd_tree_destroy(struct cifsd_session *sess, struct cifsd_tree *t)
{
	bool mine = false;

	xa_lock(&sess->trees);
	if (__xa_cmpxchg(&sess->trees, t->id, t, NULL, 0) == t) {
		sess->nr_trees--;
		mine = true;
	}
	xa_unlock(&sess->trees);
	if (mine)
		cifsd_tree_teardown(sess, t);
}

/* Logoff or connection end: no tree can be added any more, all go. */
void cifsd_tree_destroy_all(struct cifsd_session *sess)
{
	struct cifsd_tree *t;
	unsigned long idx = 0;

	xa_lock(&sess->trees);
	sess->trees_dead = true;
	while ((t = xa_find(&sess->trees, &idx, ULONG_MAX, XA_PRESENT))) {
		/* the table's reference passes to us with the entry */
		__xa_erase(&sess->trees, idx);
		sess->nr_trees--;
		xa_unlock(&sess->trees);
		cifsd_tree_teardown(sess, t);
		xa_lock(&sess->trees);
	}
	xa_unlock(&sess->trees);
}
