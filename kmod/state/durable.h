/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Durable handles (MS-SMB2 3.3.5.9.6, .7, .10, .12): an open granted a
 * durable (v1, v2) or persistent handle survives the loss of its
 * connection for its timeout, and the same user reclaims it from another
 * connection with its FileId.
 *
 * Objects: the durable state lives in the open (struct cifsd_file.dh).
 * A global table maps persistent FileIds to the durable opens, connected
 * or not; an open is in it from its grant to its last put.
 *
 * Lifetime of a durable open:
 *   connected     owned by its session's file table, like any open;
 *   disconnected  its session went (connection lost, LOGOFF, or
 *                 replaced through PreviousSessionId): the last put of
 *                 the session table's reference does not close it but
 *                 parks it here (cifsd_durable_park): the table's "parked"
 *                 reference owns it, it has no session and no tree, and
 *                 it expires at dh.expires;
 *   reconnected   DHnC/DH2C moves it into the new session's table;
 *   closed        on expiry (the scavenger), when something must break
 *                 its oplock or lease (it cannot acknowledge), on
 *                 `cifsctl stop` or module unload: the parked reference
 *                 is dropped and the open closes as any other.
 * The disconnected flag changes under dh_lock and, for the open's file
 * state, under ci->lock too (the break code reads it there).
 */
#ifndef CIFSD_DURABLE_H
#define CIFSD_DURABLE_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/workqueue.h>

struct cifsd_file;
struct cifsd_work;
struct cifsd_session;
struct cifsd_tree;

struct cifsd_durable {
	u8 version;		/* 0: not durable, 1 (DHnQ) or 2 (DH2Q) */
	bool persistent;	/* DH2Q with PERSISTENT on a CA share */
	bool preserve;		/* park at the last put instead of closing */
	bool disconnected;	/* parked: no session, no tree */
	u32 timeout_ms;
	u32 create_action;	/* the CREATE's answer, for its replays */
	u8 create_guid[16];	/* v2 */
	u8 client_guid[16];	/* of the connection that opened it */
	char *share;		/* a reconnect must come to the same share */
	unsigned long expires;	/* jiffies, while disconnected */
	struct list_head node;	/* parked list, under dh_lock */
};

/* Default and largest handle timeouts (ms); v1 handles get the default. */
#define CIFSD_DURABLE_DEFAULT_MS	60000

/*
 * Make @f durable (persistent FileId from the global table, @share
 * copied): 0, or -ENOMEM / -ENFILE (then it stays an ordinary open).
 */
int cifsd_durable_grant(struct cifsd_file *f, u8 version, bool persistent,
			u32 timeout_ms, const u8 *create_guid,
			const u8 *client_guid, const char *share);
/* Timeout a DH2Q asking for @ms gets (0: the default). */
u32 cifsd_durable_timeout(u32 ms);

/*
 * The last reference of @f went while dh.preserve is set: keep it
 * disconnected.  True if parked (the caller must not free it).
 */
bool cifsd_durable_park(struct cifsd_file *f);
/* The open is gone: out of the global table. */
void cifsd_durable_forget(struct cifsd_file *f);

/*
 * The disconnected durable open with @persistent_id, taken out of the
 * parked state for a reconnect (the parked reference passes to the
 * caller), or NULL.  The caller checks that it may have it and either
 * attaches it to its session or gives it back with
 * cifsd_durable_unpark_fail().
 */
struct cifsd_file *cifsd_durable_unpark(u64 persistent_id);
void cifsd_durable_unpark_fail(struct cifsd_file *f);
/*
 * Give unparked @f to @sess and @tree (now from the connection with
 * @client_guid) and publish it in the session's table: 0 with the
 * caller's reference kept, or an error of cifsd_file_insert() (then @f
 * is closed and the reference gone).
 */
int cifsd_durable_reattach(struct cifsd_file *f, struct cifsd_session *sess,
			   struct cifsd_tree *tree, const u8 *client_guid);
/*
 * A replayed DH2Q CREATE (SMB2_FLAGS_REPLAY_OPERATION): the connected v2
 * durable open of @sess that the CREATE with @create_guid from the client
 * with @client_guid made, referenced, or NULL.
 */
struct cifsd_file *cifsd_durable_find_replay(const u8 *create_guid,
					     const u8 *client_guid,
					     const struct cifsd_session *sess);

/* Is there an open with this id that is still connected? */
bool cifsd_durable_is_connected(u64 persistent_id);

/*
 * A break must reach disconnected @f: it cannot, so close it now
 * (MS-SMB2 3.3.4.6/3.3.4.7: nobody is there to acknowledge).  Called
 * without ci->lock; holds a reference of the caller.
 */
void cifsd_durable_purge(struct cifsd_file *f);

/* /sys/fs/cifsd: count and walk of the parked opens. */
u32 cifsd_durable_parked(void);
struct cifsd_file *cifsd_durable_next_parked(unsigned long *idx);

/* Is @fn the scavenger's (klease.h)? */
bool cifsd_is_durable_work(work_func_t fn);

/* Close every parked open (server stop, module unload). */
void cifsd_durable_close_all(void);
void cifsd_durable_exit(void);

#endif /* CIFSD_DURABLE_H */
