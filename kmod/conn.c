// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Connections: accept, the per-connection receive thread, sending, and
 * teardown (see conn.h for the order and why it is safe).
 */

#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <net/sock.h>
#include <net/tcp.h>

#include "conn.h"
#include "debug.h"
#include "server.h"
#include "work.h"
#include "session.h"
#include "stats.h"
#include "wire/netbios.h"

/* Requests one connection may have queued or running at once. */
#define CIFSD_MAX_IN_FLIGHT	256

static atomic_t cifsd_conn_ids = ATOMIC_INIT(0);

static void cifsd_conn_release(struct kref *ref)
{
	struct cifsd_conn *conn = container_of(ref, struct cifsd_conn, ref);

	xa_destroy(&conn->sessions);
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

void cifsd_conn_shutdown(struct cifsd_conn *conn)
{
	WRITE_ONCE(conn->state, CIFSD_CONN_EXITING);
	kernel_sock_shutdown(conn->sock, SHUT_RDWR);
}

void cifsd_conn_shutdown_all(void)
{
	struct cifsd_conn *conn;

	mutex_lock(&cifsd_srv.conns_lock);
	list_for_each_entry(conn, &cifsd_srv.conns, node)
		cifsd_conn_shutdown(conn);
	mutex_unlock(&cifsd_srv.conns_lock);
}

int cifsd_conn_send(struct cifsd_conn *conn, const void *buf, size_t len)
{
	struct kvec iov = { .iov_base = (void *)buf, .iov_len = len };
	struct msghdr msg = { .msg_flags = MSG_NOSIGNAL };
	int ret = 0;

	mutex_lock(&conn->send_lock);
	while (iov.iov_len) {
		ret = kernel_sendmsg(conn->sock, &msg, &iov, 1, iov.iov_len);
		if (ret <= 0) {
			if (ret == -EINTR || ret == -EAGAIN)
				continue;
			ret = ret ? ret : -EPIPE;
			break;
		}
		iov.iov_base += ret;
		iov.iov_len -= ret;
		ret = 0;
	}
	mutex_unlock(&conn->send_lock);
	if (ret)
		cifsd_conn_shutdown(conn);
	return ret;
}

/* Receive exactly @len bytes; 0 on success, negative on error or EOF. */
static int cifsd_recv_full(struct cifsd_conn *conn, void *buf, size_t len)
{
	struct kvec iov = { .iov_base = buf, .iov_len = len };
	struct msghdr msg = {};
	int ret;

	while (iov.iov_len) {
		if (READ_ONCE(conn->state) == CIFSD_CONN_EXITING)
			return -ESHUTDOWN;
		ret = kernel_recvmsg(conn->sock, &msg, &iov, 1, iov.iov_len,
				     MSG_WAITALL);
		if (ret == -EINTR || ret == -EAGAIN)
			continue;
		if (ret <= 0)
			return ret ? ret : -ECONNRESET;
		iov.iov_base += ret;
		iov.iov_len -= ret;
	}
	return 0;
}

/* Largest message the client may send in the connection's state. */
static u32 cifsd_conn_max_msg(struct cifsd_conn *conn)
{
	if (READ_ONCE(conn->state) != CIFSD_CONN_NEGOTIATED)
		return CIFSD_PRE_NEGOTIATE_MAX;
	return max3(conn->max_write_size, conn->max_trans_size,
		    conn->max_read_size) + CIFSD_MSG_OVERHEAD;
}

/* Read one message and queue it.  Returns 0 to go on, <0 to close. */
static int cifsd_conn_rx_one(struct cifsd_conn *conn)
{
	struct cifsd_work *work;
	u8 hdr[NB_HDR_SIZE];
	u32 len;
	u8 *buf;
	int err;

	err = cifsd_recv_full(conn, hdr, sizeof(hdr));
	if (err)
		return err;
	err = nb_parse_hdr(hdr, &len);
	if (err == NB_KEEPALIVE)
		return 0;
	if (err != NB_SESSION_MESSAGE)
		return -EPROTO;
	/* Bounds first: nothing is allocated for an oversized frame. */
	if (len < 4 || len > cifsd_conn_max_msg(conn))
		return -EMSGSIZE;

	buf = kvmalloc(len, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	err = cifsd_recv_full(conn, buf, len);
	if (err) {
		kvfree(buf);
		return err;
	}
	work = cifsd_work_alloc(conn, buf, len);
	if (!work) {
		kvfree(buf);
		return -ENOMEM;
	}
	atomic_inc(&conn->in_flight);
	queue_work(cifsd_srv.wq, &work->entry);

	/* Back-pressure: do not read ahead of our workers without bound. */
	wait_event_interruptible(conn->drain_wq,
				 atomic_read(&conn->in_flight) <
					CIFSD_MAX_IN_FLIGHT ||
				 READ_ONCE(conn->state) == CIFSD_CONN_EXITING);
	return 0;
}

void cifsd_conn_work_done(struct cifsd_conn *conn)
{
	if (atomic_dec_return(&conn->in_flight) < CIFSD_MAX_IN_FLIGHT)
		wake_up_all(&conn->drain_wq);
}

static int cifsd_conn_rx_fn(void *arg)
{
	struct cifsd_conn *conn = arg;

	while (!cifsd_conn_rx_one(conn))
		;

	/* Teardown, in the order documented in conn.h. */
	cifsd_dbg(CONN, "%s: connection closed\n", conn->peer_str);
	cifsd_conn_shutdown(conn);
	wait_event(conn->drain_wq, !atomic_read(&conn->in_flight));
	cifsd_sessions_destroy_all(conn);

	mutex_lock(&cifsd_srv.conns_lock);
	list_del(&conn->node);
	mutex_unlock(&cifsd_srv.conns_lock);
	atomic_dec(&cifsd_srv.nr_conns);
	cifsd_server_conn_gone();
	cifsd_conn_put(conn);
	module_put_and_kthread_exit(0);
	return 0;
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

int cifsd_conn_create(struct socket *sock)
{
	u32 max = cifsd_srv.cfg.max_connections;
	struct cifsd_conn *conn;
	struct task_struct *t;

	if (max && atomic_read(&cifsd_srv.nr_conns) >= max)
		return -EMFILE;

	conn = kzalloc(sizeof(*conn), GFP_KERNEL);
	if (!conn)
		return -ENOMEM;
	kref_init(&conn->ref);		/* the server list's reference */
	conn->sock = sock;
	conn->state = CIFSD_CONN_NEW;
	mutex_init(&conn->send_lock);
	atomic_set(&conn->in_flight, 0);
	init_waitqueue_head(&conn->drain_wq);
	spin_lock_init(&conn->credits_lock);
	conn->credits_granted = 1;
	xa_init_flags(&conn->sessions, XA_FLAGS_ALLOC1);
	conn->max_trans_size = CIFSD_SMALL_IO_SIZE;
	conn->max_read_size = CIFSD_SMALL_IO_SIZE;
	conn->max_write_size = CIFSD_SMALL_IO_SIZE;
	if (kernel_getpeername(sock, (struct sockaddr *)&conn->peer) > 0)
		snprintf(conn->peer_str, sizeof(conn->peer_str), "%pISc",
			 &conn->peer);
	cifsd_conn_tune_socket(sock);

	mutex_lock(&cifsd_srv.conns_lock);
	list_add_tail(&conn->node, &cifsd_srv.conns);
	mutex_unlock(&cifsd_srv.conns_lock);
	atomic_inc(&cifsd_srv.nr_conns);
	cifsd_stat_inc(CIFSD_STAT_CONNS_TOTAL);

	/* The thread runs module code until its very last instruction. */
	__module_get(THIS_MODULE);
	t = kthread_run(cifsd_conn_rx_fn, conn, "cifsd-conn/%d",
			atomic_inc_return(&cifsd_conn_ids));
	if (IS_ERR(t)) {
		module_put(THIS_MODULE);
		mutex_lock(&cifsd_srv.conns_lock);
		list_del(&conn->node);
		mutex_unlock(&cifsd_srv.conns_lock);
		atomic_dec(&cifsd_srv.nr_conns);
		conn->sock = NULL;	/* the caller releases it */
		xa_destroy(&conn->sessions);
		kfree(conn);
		cifsd_server_conn_gone();
		return PTR_ERR(t);
	}
	conn->rx_thread = t;
	cifsd_dbg(CONN, "%s: connection accepted\n", conn->peer_str);
	return 0;
}
