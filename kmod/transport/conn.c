// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Connections: creation after accept, references and teardown (the order
 * is documented in conn.h).  The I/O of a connection is in conn_io.c.
 */

#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <net/sock.h>
#include <net/tcp.h>

#include "conn.h"
#include "admit.h"
#include "debug.h"
#include "server.h"
#include "session.h"
#include "stats.h"
#include "async.h"

static atomic_t cifsd_conn_ids = ATOMIC_INIT(0);

static void cifsd_conn_release(struct kref *ref)
{
	struct cifsd_conn *conn = container_of(ref, struct cifsd_conn, ref);

	WARN_ON_ONCE(atomic_long_read(&conn->mem));
	WARN_ON_ONCE(atomic_long_read(&conn->state_mem));
	cifsd_credits_free(&conn->credits);
	xa_destroy(&conn->sessions);
	xa_destroy(&conn->async);
	if (conn->sock)
		sock_release(conn->sock);
	kfree(conn);
}

struct cifsd_conn *cifsd_conn_get(struct cifsd_conn *conn)
{
	kref_get(&conn->ref);
	return conn;
}

void cifsd_conn_put(struct cifsd_conn *conn)
{
	kref_put(&conn->ref, cifsd_conn_release);
}

void cifsd_conn_charge(struct cifsd_conn *conn, long bytes)
{
	atomic_long_add(bytes, &conn->mem);
	atomic_long_add(bytes, &cifsd_srv.mem);
}

void cifsd_conn_uncharge(struct cifsd_conn *conn, long bytes)
{
	atomic_long_sub(bytes, &conn->mem);
	atomic_long_sub(bytes, &cifsd_srv.mem);
}

bool cifsd_conn_state_charge(struct cifsd_conn *conn, long bytes)
{
	long limit = (long)cifsd_limit(max_conn_memory_kib) * 1024;

	if (atomic_long_add_return(bytes, &conn->state_mem) > limit && limit)
		goto undo_conn;
	if (atomic_long_add_return(bytes, &cifsd_srv.state_mem) >
	    (long)READ_ONCE(cifsd_srv.mem_limit))
		goto undo_all;
	return true;
undo_all:
	atomic_long_sub(bytes, &cifsd_srv.state_mem);
undo_conn:
	atomic_long_sub(bytes, &conn->state_mem);
	cifsd_stat_inc(CIFSD_STAT_LIMIT_ERRORS);
	return false;
}

void cifsd_conn_state_uncharge(struct cifsd_conn *conn, long bytes)
{
	atomic_long_sub(bytes, &conn->state_mem);
	atomic_long_sub(bytes, &cifsd_srv.state_mem);
}

void cifsd_conn_kick(struct cifsd_conn *conn)
{
	set_bit(CIFSD_EV_CHECK, &conn->events);
	wake_up(&conn->io_wq);
}

void cifsd_conn_shutdown(struct cifsd_conn *conn)
{
	WRITE_ONCE(conn->state, CIFSD_CONN_EXITING);
	/* pairs with the barrier in cifsd_conn_work_done() */
	smp_mb();
	kernel_sock_shutdown(conn->sock, SHUT_RDWR);
	cifsd_conn_kick(conn);
}

void cifsd_conn_shutdown_all(void)
{
	struct cifsd_conn *conn;

	mutex_lock(&cifsd_srv.conns_lock);
	list_for_each_entry(conn, &cifsd_srv.conns, node)
		cifsd_conn_shutdown(conn);
	mutex_unlock(&cifsd_srv.conns_lock);
}

struct cifsd_conn *cifsd_conn_find_client(const u8 *guid)
{
	struct cifsd_conn *conn, *found = NULL;

	mutex_lock(&cifsd_srv.conns_lock);
	list_for_each_entry(conn, &cifsd_srv.conns, node) {
		if (READ_ONCE(conn->state) == CIFSD_CONN_NEGOTIATED &&
		    atomic_read(&conn->nr_valid_sessions) &&
		    !memcmp(conn->client_guid, guid, SMB2_CLIENT_GUID_SIZE)) {
			found = cifsd_conn_get(conn);
			break;
		}
	}
	mutex_unlock(&cifsd_srv.conns_lock);
	return found;
}

void cifsd_conn_work_done(struct cifsd_conn *conn)
{
	atomic_dec(&cifsd_srv.in_flight);
	atomic_dec(&conn->in_flight);
	/* a full barrier: the thread sets EXITING or rx_throttled first */
	smp_mb__after_atomic();
	if (READ_ONCE(conn->state) == CIFSD_CONN_EXITING ||
	    READ_ONCE(conn->rx_throttled))
		cifsd_conn_kick(conn);
}

static void cifsd_conn_tune_socket(struct socket *sock)
{
	/* Find dead peers: keepalive after 2 min idle, 3 probes, 30 s apart. */
	sock_set_keepalive(sock->sk);
	tcp_sock_set_keepidle(sock->sk, 120);
	tcp_sock_set_keepintvl(sock->sk, 30);
	tcp_sock_set_keepcnt(sock->sk, 3);
	tcp_sock_set_nodelay(sock->sk);
}

static struct cifsd_conn *cifsd_conn_alloc(struct socket *sock)
{
	struct cifsd_conn *conn;

	conn = kzalloc(sizeof(*conn), GFP_KERNEL);
	if (!conn)
		return NULL;
	if (cifsd_credits_init(&conn->credits, cifsd_limit(max_credits))) {
		kfree(conn);
		return NULL;
	}
	kref_init(&conn->ref);		/* the connection thread's */
	conn->state = CIFSD_CONN_NEW;
	init_waitqueue_head(&conn->io_wq);
	mutex_init(&conn->tx_lock);
	spin_lock_init(&conn->rx_spare_lock);
	INIT_LIST_HEAD(&conn->tx_queue);
	INIT_LIST_HEAD(&conn->node);
	xa_init_flags(&conn->sessions, XA_FLAGS_ALLOC1);
	cifsd_async_table_init(conn);
	conn->max_trans_size = CIFSD_SMALL_IO_SIZE;
	conn->max_read_size = CIFSD_SMALL_IO_SIZE;
	conn->max_write_size = CIFSD_SMALL_IO_SIZE;
	conn->created = jiffies;
	conn->last_rx = conn->created;
	conn->unauth_since = conn->created;
	if (kernel_getpeername(sock, (struct sockaddr *)&conn->peer) > 0) {
		cifsd_addr_normalize(&conn->peer);
		snprintf(conn->peer_str, sizeof(conn->peer_str), "%pISc",
			 &conn->peer);
	} else {
		strscpy(conn->peer_str, "?", sizeof(conn->peer_str));
	}
	return conn;
}

/* Undo cifsd_conn_alloc for a connection that never ran (no socket). */
static void cifsd_conn_discard(struct cifsd_conn *conn)
{
	cifsd_credits_free(&conn->credits);
	xa_destroy(&conn->sessions);
	xa_destroy(&conn->async);
	kfree(conn);
}

/*
 * The listener's part.  Everything the connection thread and the socket
 * callbacks use is set before either can run; after wake_up_process()
 * the listener does not touch the connection again.  On failure the
 * caller still owns @sock.
 */
int cifsd_conn_create(struct socket *sock)
{
	struct cifsd_conn *conn;
	struct task_struct *t;
	int err;

	conn = cifsd_conn_alloc(sock);
	if (!conn)
		return -ENOMEM;
	err = cifsd_admit(conn);
	if (err) {
		cifsd_dbg(CONN, "%s: connection refused (%d)\n",
			  conn->peer_str, err);
		cifsd_conn_discard(conn);
		return err;
	}
	t = kthread_create(cifsd_conn_thread, conn, "cifsd-conn/%d",
			   atomic_inc_return(&cifsd_conn_ids));
	if (IS_ERR(t)) {
		cifsd_admit_release(conn);
		cifsd_conn_discard(conn);
		return PTR_ERR(t);
	}
	conn->sock = sock;
	cifsd_conn_tune_socket(sock);
	cifsd_conn_install_callbacks(conn);

	mutex_lock(&cifsd_srv.conns_lock);
	list_add_tail(&conn->node, &cifsd_srv.conns);
	atomic_inc(&cifsd_srv.nr_conns);
	mutex_unlock(&cifsd_srv.conns_lock);
	cifsd_stat_inc(CIFSD_STAT_CONNS_TOTAL);
	cifsd_dbg(CONN, "%s: connection accepted\n", conn->peer_str);

	/* The thread runs module code until its very last instruction. */
	__module_get(THIS_MODULE);
	wake_up_process(t);
	return 0;
}
