/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A tree connect: one session's connection to one share.
 *
 * Owner: the session's tree table (sess->trees).  Requests that use the
 * tree take a reference (cifsd_tree_get) for their duration.  A tree is
 * added (cifsd_tree_insert) only while the session's table is not dead.
 *
 * Teardown (TREE_DISCONNECT, LOGOFF, connection end), in this order:
 *   1. remove from the table: no new request finds it;
 *   2. mark it dead under the session's file table lock: no open can be
 *      added through it after this (a CREATE that still holds the tree
 *      fails), and related compound members stop using it;
 *   3. close the opens made through it;
 *   4. drop the table's reference; the last cifsd_tree_put() releases the
 *      share root.
 */
#ifndef CIFSD_TREE_H
#define CIFSD_TREE_H

#include <linux/refcount.h>
#include <linux/path.h>
#include "uapi/cifsd_netlink.h"

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
	bool encrypt_data;		/* the share encrypts (SHAREFLAG_ENCRYPT_DATA) */
	bool encrypt_required;		/* ... and refuses unencrypted requests */
	u32 maximal_access;
};

/*
 * "case sensitive = auto" (the default) and "no": names from clients that
 * did not ask for POSIX semantics are looked up ignoring case.
 */
static inline bool cifsd_tree_case_insensitive(const struct cifsd_tree *t)
{
	return !(t->share_flags & CIFSD_SHARE_F_CASE_SENSITIVE);
}

static inline struct cifsd_tree *cifsd_tree_get(struct cifsd_tree *t)
{
	refcount_inc(&t->refs);
	return t;
}

void cifsd_tree_put(struct cifsd_tree *t);

/*
 * Publish @t (refs already set) in @sess's table: assigns t->id.
 * -EUSERS over max tree connects, -ESHUTDOWN when the session is going.
 */
int cifsd_tree_insert(struct cifsd_session *sess, struct cifsd_tree *t);

/* Find a live tree by id in @sess; returns a reference or NULL. */
struct cifsd_tree *cifsd_tree_lookup(struct cifsd_session *sess, u32 id);

/* Take one tree out of service (TREE_DISCONNECT). */
void cifsd_tree_destroy(struct cifsd_session *sess, struct cifsd_tree *t);

/* Tear down every tree of a session (logoff, connection end). */
void cifsd_tree_destroy_all(struct cifsd_session *sess);

#endif /* CIFSD_TREE_H */
