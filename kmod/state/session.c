// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Session objects: creation, lookup, teardown (order in session.h).
 */

#include <linux/slab.h>
#include <linux/random.h>
#include <linux/hash.h>
#include <linux/spinlock.h>

#include "session.h"
#include "conn.h"
#include "server.h"
#include "stats.h"
#include "tree.h"
#include "async.h"
#include "uapi/cifsd_netlink.h"

/* Count one more in @v unless that goes over @max (0: no limit). */
static bool count_within(atomic_t *v, u32 max)
{
	if (atomic_inc_return(v) <= max || !max)
		return true;
	atomic_dec(v);
	return false;
}

/* Count a new session against the limits; false when over one. */
static bool session_count(struct cifsd_conn *conn)
{
	if (!count_within(&conn->nr_sessions, cifsd_limit(max_sessions)))
		goto refused;
	if (count_within(&conn->nr_pending_sessions,
			 cifsd_limit(max_pending_sessions)))
		return true;
	atomic_dec(&conn->nr_sessions);
refused:
	cifsd_stat_inc(CIFSD_STAT_SESSIONS_REFUSED);
	return false;
}

/* ---- the server-wide index of valid sessions (PreviousSessionId) ---- */

#define SESS_HASH_BITS	8
static struct hlist_head sess_hash[1 << SESS_HASH_BITS];
static DEFINE_SPINLOCK(sess_hash_lock);

static struct hlist_head *sess_bucket(u64 id)
{
	return &sess_hash[hash_64(id, SESS_HASH_BITS)];
}

/* After VALID; a teardown that set EXPIRED meanwhile wins. */
static void sess_index_add(struct cifsd_session *s)
{
	spin_lock(&sess_hash_lock);
	if (READ_ONCE(s->state) == CIFSD_SESS_VALID) {
		hlist_add_head(&s->gnode, sess_bucket(s->id));
		s->indexed = true;
	}
	spin_unlock(&sess_hash_lock);
}

static void sess_index_del(struct cifsd_session *s)
{
	spin_lock(&sess_hash_lock);
	if (s->indexed) {
		hlist_del(&s->gnode);
		s->indexed = false;
	}
	spin_unlock(&sess_hash_lock);
}

struct cifsd_session *cifsd_session_new(struct cifsd_conn *conn)
{
	struct cifsd_session *s;
	u32 idx;
	int err;

	if (!session_count(conn))
		return ERR_PTR(-EUSERS);
	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s) {
		err = -ENOMEM;
		goto uncount;
	}
	/* One reference for the session table, one for the caller. */
	refcount_set(&s->refs, 2);
	s->conn = conn;
	s->state = CIFSD_SESS_IN_PROGRESS;
	mutex_init(&s->setup_lock);
	xa_init_flags(&s->trees, XA_FLAGS_ALLOC1);
	cifsd_files_init(&s->files);
	memcpy(s->preauth_hash, conn->preauth_hash, sizeof(s->preauth_hash));
	/* The low half indexes the table; the high half is unguessable. */
	s->id = (u64)(get_random_u32() | 1) << 32;

	xa_lock(&conn->sessions);
	err = conn->sessions_dead ? -ESHUTDOWN :
	      __xa_alloc(&conn->sessions, &idx, s, xa_limit_32b, GFP_KERNEL);
	/* __xa_alloc may drop the lock to allocate: look again */
	if (!err && conn->sessions_dead) {
		__xa_erase(&conn->sessions, idx);
		err = -ESHUTDOWN;
	}
	if (!err)
		s->id |= idx;
	xa_unlock(&conn->sessions);
	if (err) {
		xa_destroy(&s->trees);
		kfree(s);
		goto uncount;
	}
	return s;
uncount:
	atomic_dec(&conn->nr_pending_sessions);
	atomic_dec(&conn->nr_sessions);
	return ERR_PTR(err);
}

u32 cifsd_session_login_flags(const struct cifsd_session *s)
{
	if (s->anonymous)
		return CIFSD_LOGIN_F_GUEST | CIFSD_LOGIN_F_ANONYMOUS;
	return s->guest ? CIFSD_LOGIN_F_GUEST : 0;
}

bool cifsd_session_set_valid(struct cifsd_session *s)
{
	struct cifsd_conn *conn = s->conn;

	if (cmpxchg(&s->state, CIFSD_SESS_IN_PROGRESS, CIFSD_SESS_VALID) !=
	    CIFSD_SESS_IN_PROGRESS)
		return false;
	atomic_dec(&conn->nr_pending_sessions);
	atomic_inc(&conn->nr_valid_sessions);
	sess_index_add(s);
	return true;
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

static void cifsd_session_teardown(struct cifsd_session *s,
				   bool keep_durable);

void cifsd_session_replace(struct cifsd_session *s, u64 prev_id)
{
	struct cifsd_session *p, *found = NULL;
	struct cifsd_conn *pconn = NULL;

	if (!prev_id || prev_id == s->id)
		return;
	spin_lock(&sess_hash_lock);
	hlist_for_each_entry(p, sess_bucket(prev_id), gnode) {
		if (p->id != prev_id)
			continue;
		/* 3.3.5.5.3: only the same user's */
		if (p->cred && s->cred && !p->anonymous && !s->anonymous &&
		    uid_eq(p->cred->fsuid, s->cred->fsuid)) {
			/* indexed: not torn down yet, so its conn is alive */
			found = cifsd_session_get(p);
			pconn = cifsd_conn_get(p->conn);
		}
		break;
	}
	spin_unlock(&sess_hash_lock);
	if (!found)
		return;
	if (xa_cmpxchg(&pconn->sessions, (u32)found->id, found, NULL, 0) ==
	    found)
		cifsd_session_teardown(found, true);
	cifsd_session_put(found);
	cifsd_conn_put(pconn);
}

/* Steps 2-5 of the teardown; the caller took @s out of the table. */
static void cifsd_session_teardown(struct cifsd_session *s, bool keep_durable)
{
	struct cifsd_conn *conn = s->conn;
	enum cifsd_session_state old;

	old = xchg(&s->state, CIFSD_SESS_EXPIRED);
	sess_index_del(s);
	if (old == CIFSD_SESS_IN_PROGRESS)
		atomic_dec(&conn->nr_pending_sessions);
	if (old == CIFSD_SESS_VALID &&
	    atomic_dec_and_test(&conn->nr_valid_sessions))
		cifsd_conn_kick(conn);	/* the handshake deadline runs again */
	atomic_dec(&conn->nr_sessions);
	cifsd_async_cancel_matching(conn, s, NULL, NULL, STATUS_SUCCESS);
	cifsd_files_close_all(&s->files, keep_durable);
	cifsd_tree_destroy_all(s);
	cifsd_session_put(s);	/* the table's reference */
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
	/* durable opens wait for their client after a LOGOFF too */
	cifsd_session_teardown(s, true);
}

/* Connection end: no session can be added any more, all go. */
void cifsd_sessions_destroy_all(struct cifsd_conn *conn)
{
	struct cifsd_session *s;
	unsigned long idx = 0;

	xa_lock(&conn->sessions);
	conn->sessions_dead = true;
	while ((s = xa_find(&conn->sessions, &idx, ULONG_MAX, XA_PRESENT))) {
		/* the table's reference passes to us with the entry */
		__xa_erase(&conn->sessions, idx);
		xa_unlock(&conn->sessions);
		cifsd_session_teardown(s, true);
		cond_resched();
		xa_lock(&conn->sessions);
	}
	xa_unlock(&conn->sessions);
}
