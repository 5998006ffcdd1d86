/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * An SMB2 session: one authenticated user on one connection.
 *
 * Owner: the connection's session table (conn->sessions).  Each request
 * that uses a session holds a reference for its duration.  A session is
 * added only while the table is not dead (conn->sessions_dead, set under
 * the table's lock when the connection goes).
 *
 * Teardown (LOGOFF, failed setup, connection end), in this order:
 *   1. remove from the connection's table: no new request finds it;
 *   2. state EXPIRED (requests that hold it already see that);
 *   3. opens: the file table is marked dead under its lock, so an open
 *      being created concurrently is refused instead of added, then every
 *      open is closed;
 *   4. trees: the tree table is marked dead under its lock (no tree
 *      connect can add one after), then each tree is taken out and torn
 *      down;
 *   5. the table's reference is dropped; the memory goes with the last
 *      cifsd_session_put(), when no request still uses the session.
 */
#ifndef CIFSD_SESSION_H
#define CIFSD_SESSION_H

#include <linux/refcount.h>
#include <linux/mutex.h>
#include <linux/xarray.h>
#include <linux/cred.h>
#include "wire/smb2pdu.h"
#include "file.h"

struct cifsd_conn;
struct ntlmssp_server_state;

enum cifsd_session_state {
	CIFSD_SESS_IN_PROGRESS,
	CIFSD_SESS_VALID,
	CIFSD_SESS_EXPIRED,
};

struct cifsd_session {
	refcount_t refs;
	u64 id;
	struct cifsd_conn *conn;	/* not counted: conn outlives sessions */
	enum cifsd_session_state state;	/* changed with cmpxchg/xchg */
	struct mutex setup_lock;	/* serialises SESSION_SETUP legs */

	/* authentication */
	struct ntlmssp_server_state *ntlmssp;	/* during setup only */
	char *account;
	char *domain;
	bool guest;
	bool anonymous;
	bool raw_ntlmssp;		/* client sent NTLMSSP without SPNEGO */
	const struct cred *cred;	/* fsuid/fsgid used for VFS access */
	u8 session_key[16];
	u8 signing_key[16];
	bool signing_required;		/* sign every response */
	u8 preauth_hash[SMB2_PREAUTH_HASH_SIZE];	/* 3.1.1 */

	struct hlist_node gnode;	/* server-wide index, once VALID */
	bool indexed;			/* under the index lock */

	struct xarray trees;		/* tree id -> struct cifsd_tree */
	bool trees_dead;		/* under the trees lock: no more */
	u32 nr_trees;			/* under the trees lock */
	struct cifsd_file_table files;
};

static inline struct cifsd_session *cifsd_session_get(struct cifsd_session *s)
{
	refcount_inc(&s->refs);
	return s;
}

void cifsd_session_put(struct cifsd_session *s);

/* CIFSD_LOGIN_F_* of a session, for the daemon. */
u32 cifsd_session_login_flags(const struct cifsd_session *s);

/*
 * A new session in @conn's table; the caller gets a reference.
 * ERR_PTR(-EUSERS) over a session limit, -ESHUTDOWN when the connection
 * is going away, -ENOMEM.
 */
struct cifsd_session *cifsd_session_new(struct cifsd_conn *conn);

/* IN_PROGRESS -> VALID; false if the session was destroyed meanwhile. */
bool cifsd_session_set_valid(struct cifsd_session *s);

/* Take a session out of service (LOGOFF, failed setup). */
void cifsd_session_destroy(struct cifsd_session *s);

/*
 * Session reconnect (MS-SMB2 3.3.5.5.3): the valid session @prev_id of
 * the same user, on any connection, is torn down as if its connection
 * had gone (its durable opens wait for a reconnect).
 */
void cifsd_session_replace(struct cifsd_session *s, u64 prev_id);

/* Find a session of @conn by id; returns a reference or NULL. */
struct cifsd_session *cifsd_session_lookup(struct cifsd_conn *conn, u64 id);

/* Tear down every session of a connection (connection end). */
void cifsd_sessions_destroy_all(struct cifsd_conn *conn);

#endif /* CIFSD_SESSION_H */
