// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Session objects: creation, lookup, teardown (order in session.h).
 */

#include <linux/slab.h>
#include <linux/random.h>

#include "session.h"
#include "conn.h"
#include "tree.h"

struct cifsd_session *cifsd_session_new(struct cifsd_conn *conn)
{
	struct cifsd_session *s;
	u32 idx;
	int err;

	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return NULL;
	/* One reference for the session table, one for the caller. */
	refcount_set(&s->refs, 2);
	s->conn = conn;
	s->state = CIFSD_SESS_IN_PROGRESS;
	mutex_init(&s->setup_lock);
	xa_init_flags(&s->trees, XA_FLAGS_ALLOC1);
	cifsd_files_init(&s->files);
	memcpy(s->preauth_hash, conn->preauth_hash, sizeof(s->preauth_hash));

	err = xa_alloc(&conn->sessions, &idx, s, xa_limit_32b, GFP_KERNEL);
	if (err) {
		xa_destroy(&s->trees);
		kfree(s);
		return NULL;
	}
	/* The low half indexes the table; the high half is unguessable. */
	s->id = ((u64)(get_random_u32() | 1) << 32) | idx;
	return s;
}

static void cifsd_session_free(struct cifsd_session *s)
{
	if (s->cred)
		put_cred(s->cred);
	kfree(s->ntlmssp);
	kfree(s->account);
	kfree(s->domain);
	xa_destroy(&s->trees);
	kfree_sensitive(s);
}

void cifsd_session_put(struct cifsd_session *s)
{
	if (refcount_dec_and_test(&s->refs))
		cifsd_session_free(s);
}

struct cifsd_session *cifsd_session_lookup(struct cifsd_conn *conn, u64 id)
{
	struct cifsd_session *s;

	xa_lock(&conn->sessions);
	s = xa_load(&conn->sessions, (u32)id);
	/* The table's reference keeps @s alive while we hold the lock. */
	if (s && s->id == id)
		refcount_inc(&s->refs);
	else
		s = NULL;
	xa_unlock(&conn->sessions);
	return s;
}

/*
 * Take @s out of service.  Requests that already hold a reference finish
 * with it; nobody can find it any more, and its trees and opens are closed
 * now.  The caller holds its own reference across the call.
 */
void cifsd_session_destroy(struct cifsd_session *s)
{
	if (xa_cmpxchg(&s->conn->sessions, (u32)s->id, s, NULL, 0) != s)
		return;		/* someone else is destroying it */
	WRITE_ONCE(s->state, CIFSD_SESS_EXPIRED);
	cifsd_files_close_all(&s->files);
	cifsd_tree_destroy_all(s);
	cifsd_session_put(s);	/* the table's reference */
}

void cifsd_sessions_destroy_all(struct cifsd_conn *conn)
{
	struct cifsd_session *s;
	unsigned long idx;

	xa_for_each(&conn->sessions, idx, s) {
		cifsd_session_get(s);
		cifsd_session_destroy(s);
		cifsd_session_put(s);
	}
}
