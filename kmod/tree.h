/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A tree connect: one session's connection to one share.
 *
 * Owner: the session's tree table (sess->trees).  Requests that use the
 * tree take a reference (cifsd_tree_get) for their duration.  Teardown
 * (TREE_DISCONNECT, LOGOFF, connection end): remove from the table so no
 * new request finds it, close the opens made through it, then drop the
 * table's reference; the last cifsd_tree_put() releases the share root.
 */
#ifndef CIFSD_TREE_H
#define CIFSD_TREE_H

#include <linux/refcount.h>
#include <linux/path.h>

struct cifsd_session;

struct cifsd_tree {
	refcount_t refs;
	u32 id;
	struct cifsd_session *sess;	/* not counted: sessions outlive trees */
	char *share_name;
	struct path root;		/* share root; empty for IPC$ */
	u32 share_flags;		/* CIFSD_SHARE_F_* */
	bool readonly;			/* share or per-user read only */
	bool is_pipe;			/* IPC$ */
	bool dead;			/* disconnected; no new opens */
	u32 maximal_access;
};

static inline struct cifsd_tree *cifsd_tree_get(struct cifsd_tree *t)
{
	refcount_inc(&t->refs);
	return t;
}

void cifsd_tree_put(struct cifsd_tree *t);

/* Find a live tree by id in @sess; returns a reference or NULL. */
struct cifsd_tree *cifsd_tree_lookup(struct cifsd_session *sess, u32 id);

/* Take one tree out of service (TREE_DISCONNECT). */
void cifsd_tree_destroy(struct cifsd_session *sess, struct cifsd_tree *t);

/* Tear down every tree of a session (logoff, connection end). */
void cifsd_tree_destroy_all(struct cifsd_session *sess);

#endif /* CIFSD_TREE_H */
