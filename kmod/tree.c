// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Tree connect objects: lookup and teardown (order in tree.h).
 */

#include <linux/slab.h>
#include <linux/path.h>

#include "tree.h"
#include "session.h"
#include "file.h"

void cifsd_tree_put(struct cifsd_tree *t)
{
	if (!refcount_dec_and_test(&t->refs))
		return;
	if (!t->is_pipe)
		path_put(&t->root);
	kfree(t->share_name);
	kfree(t);
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

/* Take @t out of service; the caller holds its own reference. */
void cifsd_tree_destroy(struct cifsd_session *sess, struct cifsd_tree *t)
{
	if (xa_cmpxchg(&sess->trees, t->id, t, NULL, 0) != t)
		return;
	WRITE_ONCE(t->dead, true);
	cifsd_files_close_tree(&sess->files, t);
	cifsd_tree_put(t);	/* the table's reference */
}

void cifsd_tree_destroy_all(struct cifsd_session *sess)
{
	struct cifsd_tree *t;
	unsigned long idx;

	xa_for_each(&sess->trees, idx, t) {
		cifsd_tree_get(t);
		cifsd_tree_destroy(sess, t);
		cifsd_tree_put(t);
	}
}
