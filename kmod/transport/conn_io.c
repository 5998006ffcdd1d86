// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The connection thread: non-blocking receive and send, the limits on
 * what one connection may hold, its deadlines, and its teardown (see
 * conn.h).
 *
 * The thread sleeps on conn->io_wq.  Socket callbacks (softirq) set
 * CIFSD_EV_RX when data or EOF arrives and CIFSD_EV_TX when the socket has
 * room again; workers set CIFSD_EV_CHECK when something the thread decides
 * on changed.  Each bit is cleared before the thread acts on it, so no
 * event between the action and the next sleep is lost.
 */

#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/sched/signal.h>
#include <net/sock.h>
#include <net/tcp.h>

#include "conn.h"
#include "admit.h"
#include "debug.h"
#include "server.h"
#include "session.h"
#include "stats.h"
#include "work.h"
#include "async.h"
#include "wire/netbios.h"
#include "pages.h"
#include "rxpool.h"

/* 6.5+: TCP takes references on the pages instead of copying them. */
#ifdef MSG_SPLICE_PAGES
#define CIFSD_MSG_SPLICE	MSG_SPLICE_PAGES
#else
#define CIFSD_MSG_SPLICE	0
#endif

/* Messages received in one go before the send side gets a turn. */
#define RX_BATCH	16

/*
 * Sending counts as progress for the send timeout only in steps of this
 * many bytes (or when the queue empties): a peer that reads a trickle
 * cannot keep a full queue alive forever.
 */
#define TX_PROGRESS_STEP	(64 * 1024)

/* A reply, or what is left of it, waiting for room in the socket. */
struct cifsd_tx {
	struct list_head node;
	void *buf;		/* kvmalloc'ed */
	size_t len;
	size_t off;		/* bytes already sent, of buf and then data */
	size_t charge;		/* bytes of buf counted in conn->mem */
	struct cifsd_pages *data;	/* sent after buf, or NULL */
};

/* ---- socket callbacks (softirq) ---- */

static void conn_data_ready(struct sock *sk)
{
	struct cifsd_conn *conn;

	read_lock_bh(&sk->sk_callback_lock);
	conn = sk->sk_user_data;
	if (conn) {
		set_bit(CIFSD_EV_RX, &conn->events);
		wake_up(&conn->io_wq);
	}
	read_unlock_bh(&sk->sk_callback_lock);
}

static void conn_write_space(struct sock *sk)
{
	struct cifsd_conn *conn;

	read_lock_bh(&sk->sk_callback_lock);
	conn = sk->sk_user_data;
	if (conn && sk_stream_is_writeable(sk)) {
		clear_bit(SOCK_NOSPACE, &sk->sk_socket->flags);
		set_bit(CIFSD_EV_TX, &conn->events);
		wake_up(&conn->io_wq);
	}
	read_unlock_bh(&sk->sk_callback_lock);
}

static void conn_state_change(struct sock *sk)
{
	struct cifsd_conn *conn;

	read_lock_bh(&sk->sk_callback_lock);
	conn = sk->sk_user_data;
	if (conn) {
		/* a receive will see the EOF or the error */
		set_bit(CIFSD_EV_RX, &conn->events);
		set_bit(CIFSD_EV_TX, &conn->events);
		wake_up(&conn->io_wq);
	}
	read_unlock_bh(&sk->sk_callback_lock);
}

void cifsd_conn_install_callbacks(struct cifsd_conn *conn)
{
	struct sock *sk = conn->sock->sk;

	write_lock_bh(&sk->sk_callback_lock);
	conn->saved_data_ready = sk->sk_data_ready;
	conn->saved_write_space = sk->sk_write_space;
	conn->saved_state_change = sk->sk_state_change;
	sk->sk_user_data = conn;
	sk->sk_data_ready = conn_data_ready;
	sk->sk_write_space = conn_write_space;
	sk->sk_state_change = conn_state_change;
	write_unlock_bh(&sk->sk_callback_lock);
	/* anything that arrived before the callbacks were in place */
	set_bit(CIFSD_EV_RX, &conn->events);
}

/* After this no callback looks at @conn any more. */
void cifsd_conn_restore_callbacks(struct cifsd_conn *conn)
{
	struct sock *sk = conn->sock->sk;

	write_lock_bh(&sk->sk_callback_lock);
	if (sk->sk_user_data == conn) {
		sk->sk_user_data = NULL;
		sk->sk_data_ready = conn->saved_data_ready;
		sk->sk_write_space = conn->saved_write_space;
		sk->sk_state_change = conn->saved_state_change;
	}
	write_unlock_bh(&sk->sk_callback_lock);
}

/* ---- sending ---- */

/*
 * Send what the socket takes now of the reply @buf (@len bytes) followed
 * by @data, from byte @off of the two: bytes sent, -EAGAIN, or an error.
 */
static int conn_send_some(struct cifsd_conn *conn, const void *buf,
			  size_t len, struct cifsd_pages *data, size_t off,
			  bool more)
{
	struct kvec iov;
	struct msghdr msg = {
		.msg_flags = MSG_DONTWAIT | MSG_NOSIGNAL | (more ? MSG_MORE : 0),
	};
	int ret;

	if (off < len) {
		iov.iov_base = (void *)buf + off;
		iov.iov_len = len - off;
		if (data && data->len)
			msg.msg_flags |= MSG_MORE;
		iov_iter_kvec(&msg.msg_iter, ITER_SOURCE, &iov, 1, iov.iov_len);
	} else {
		iov_iter_bvec(&msg.msg_iter, ITER_SOURCE, data->bv, data->nr,
			      data->len);
		iov_iter_advance(&msg.msg_iter, off - len);
		msg.msg_flags |= CIFSD_MSG_SPLICE;
	}
	ret = sock_sendmsg(conn->sock, &msg);
	if (ret == 0)
		return -EAGAIN;
	return ret;
}

static size_t tx_total(size_t len, const struct cifsd_pages *data)
{
	return len + (data ? data->len : 0);
}

/* Under tx_lock: @n bytes went into the socket. */
static void tx_sent(struct cifsd_conn *conn, size_t n)
{
	conn->tx_since += n;
	if (conn->tx_since >= TX_PROGRESS_STEP) {
		conn->tx_progress = jiffies;
		conn->tx_since = 0;
	}
}

static void tx_free(struct cifsd_conn *conn, struct cifsd_tx *tx)
{
	cifsd_conn_uncharge(conn, tx->charge);
	kvfree(tx->buf);
	cifsd_pages_free(conn, tx->data);
	kfree(tx);
}

/* Under tx_lock: send from the queue until it is empty or the socket full. */
static int conn_tx_flush_locked(struct cifsd_conn *conn)
{
	struct cifsd_tx *tx;
	int ret;

	while ((tx = list_first_entry_or_null(&conn->tx_queue,
					      struct cifsd_tx, node))) {
		ret = conn_send_some(conn, tx->buf, tx->len, tx->data, tx->off,
				     !list_is_last(&tx->node, &conn->tx_queue));
		if (ret == -EAGAIN || ret == -EINTR)
			return 0;
		if (ret < 0)
			return ret;
		tx->off += ret;
		conn->tx_queued -= ret;
		tx_sent(conn, ret);
		if (tx->off < tx_total(tx->len, tx->data))
			continue;
		list_del(&tx->node);
		tx_free(conn, tx);
	}
	return 0;
}

void cifsd_conn_send_msg(struct cifsd_conn *conn, void *buf, size_t len,
			 size_t charge, struct cifsd_pages *data)
{
	size_t total = tx_total(len, data);
	struct cifsd_tx *tx;
	size_t off = 0;
	bool queued = false;
	int ret = 0;

	if (READ_ONCE(conn->state) == CIFSD_CONN_EXITING)
		goto drop;
	mutex_lock(&conn->tx_lock);
	/* Fast path: nothing queued, the socket takes it all. */
	while (list_empty(&conn->tx_queue) && off < total) {
		ret = conn_send_some(conn, buf, len, data, off, false);
		if (ret == -EAGAIN || ret == -EINTR) {
			ret = 0;
			break;
		}
		if (ret < 0)
			break;
		off += ret;
		tx_sent(conn, ret);
		ret = 0;
	}
	if (!ret && off < total) {
		tx = kmalloc(sizeof(*tx), GFP_KERNEL);
		if (tx) {
			if (list_empty(&conn->tx_queue)) {
				/* the send timeout starts now */
				conn->tx_progress = jiffies;
				conn->tx_since = 0;
			}
			tx->buf = buf;
			tx->len = len;
			tx->off = off;
			tx->charge = charge;
			tx->data = data;
			list_add_tail(&tx->node, &conn->tx_queue);
			conn->tx_queued += total - off;
			queued = true;
		} else {
			ret = -ENOMEM;
		}
	}
	mutex_unlock(&conn->tx_lock);
	if (queued) {
		/* the thread now watches for room and for the send timeout */
		cifsd_conn_kick(conn);
		return;
	}
	if (ret)
		cifsd_conn_shutdown(conn);
drop:
	cifsd_conn_uncharge(conn, charge);
	kvfree(buf);
	cifsd_pages_free(conn, data);
}

void cifsd_conn_send_buf(struct cifsd_conn *conn, void *buf, size_t len,
			 size_t charge)
{
	cifsd_conn_send_msg(conn, buf, len, charge, NULL);
}

void cifsd_conn_tx_purge(struct cifsd_conn *conn)
{
	struct cifsd_tx *tx, *tmp;

	mutex_lock(&conn->tx_lock);
	list_for_each_entry_safe(tx, tmp, &conn->tx_queue, node) {
		list_del(&tx->node);
		tx_free(conn, tx);
	}
	conn->tx_queued = 0;
	mutex_unlock(&conn->tx_lock);
}

static bool tx_pending(struct cifsd_conn *conn)
{
	return !list_empty_careful(&conn->tx_queue);
}

/* ---- receiving ---- */

/* Largest message the client may send in the connection's state. */
static u32 conn_max_msg(struct cifsd_conn *conn)
{
	if (READ_ONCE(conn->state) != CIFSD_CONN_NEGOTIATED)
		return CIFSD_PRE_NEGOTIATE_MAX;
	return max3(conn->max_write_size, conn->max_trans_size,
		    conn->max_read_size) + CIFSD_MSG_OVERHEAD;
}

static long conn_mem_limit(void)
{
	return (long)cifsd_limit(max_conn_memory_kib) * 1024;
}

/*
 * May the thread take in more?  Below the request limit, and below the
 * memory limits counting the message whose header is already in (a
 * connection that holds nothing may always take one message, however
 * large, so that every legal message fits).
 */
static bool rx_allowed(struct cifsd_conn *conn)
{
	u32 max_req = cifsd_limit(max_requests);
	long held = atomic_long_read(&conn->mem);
	long next = (conn->rx_hdr_got == NB_HDR_SIZE && !conn->rx_buf) ?
		    conn->rx_len : 0;
	long limit = conn_mem_limit();

	if (READ_ONCE(conn->state) == CIFSD_CONN_EXITING)
		return false;
	if (max_req && atomic_read(&conn->in_flight) >= max_req)
		return false;
	if (limit && held && held + next > limit)
		return false;
	if (held && atomic_long_read(&cifsd_srv.mem) + next >
	    (long)cifsd_srv.mem_limit)
		return false;
	return true;
}

/* Receive into @buf: bytes received, -EAGAIN, 0 at EOF, or an error. */
static int conn_recv_some(struct cifsd_conn *conn, void *buf, size_t len)
{
	struct kvec iov = { .iov_base = buf, .iov_len = len };
	struct msghdr msg = { .msg_flags = MSG_DONTWAIT };

	return kernel_recvmsg(conn->sock, &msg, &iov, 1, len, MSG_DONTWAIT);
}

/* A whole message is in: hand it to a worker. */
static int conn_queue_message(struct cifsd_conn *conn)
{
	struct cifsd_work *work;

	work = cifsd_work_alloc(conn, conn->rx_buf, conn->rx_len);
	if (!work)
		return -ENOMEM;
	work->req_size = conn->rx_size;
	conn->rx_buf = NULL;
	conn->rx_hdr_got = 0;
	atomic_inc(&conn->in_flight);
	atomic_inc(&cifsd_srv.in_flight);
	queue_work(cifsd_srv.wq, &work->entry);
	return 0;
}

/* The 4-byte RFC1002 header is complete: check it, size the message. */
static int conn_rx_header(struct cifsd_conn *conn)
{
	u32 len;
	int kind = nb_parse_hdr(conn->rx_hdr, &len);

	if (kind == NB_KEEPALIVE) {
		conn->rx_hdr_got = 0;
		return 0;
	}
	/* Bounds first: nothing is allocated for an oversized frame. */
	if (kind != NB_SESSION_MESSAGE || len < 4 || len > conn_max_msg(conn)) {
		cifsd_stat_inc(CIFSD_STAT_PROTOCOL_ERRORS);
		return -EPROTO;
	}
	conn->rx_len = len;
	conn->rx_got = 0;
	return 0;
}

/*
 * Receive what the socket has, up to RX_BATCH messages, while the limits
 * allow.  0 when the socket is drained or a limit stops us, <0 to close.
 */
static int conn_rx(struct cifsd_conn *conn)
{
	int n = 0, ret;

	while (n < RX_BATCH && rx_allowed(conn)) {
		if (conn->rx_hdr_got < NB_HDR_SIZE) {
			ret = conn_recv_some(conn, conn->rx_hdr + conn->rx_hdr_got,
					     NB_HDR_SIZE - conn->rx_hdr_got);
		} else {
			if (!conn->rx_buf) {
				conn->rx_buf = cifsd_rxbuf_get(conn, conn->rx_len,
							       &conn->rx_size);
				if (!conn->rx_buf)
					return -ENOMEM;
				cifsd_conn_charge(conn, conn->rx_len);
			}
			ret = conn_recv_some(conn, conn->rx_buf + conn->rx_got,
					     conn->rx_len - conn->rx_got);
		}
		if (ret == -EAGAIN || ret == -EINTR)
			return 0;
		if (ret <= 0)
			return ret ? ret : -ECONNRESET;
		conn->last_rx = jiffies;
		if (conn->rx_hdr_got < NB_HDR_SIZE) {
			conn->rx_hdr_got += ret;
			if (conn->rx_hdr_got == NB_HDR_SIZE) {
				ret = conn_rx_header(conn);
				if (ret)
					return ret;
			}
			continue;
		}
		conn->rx_got += ret;
		if (conn->rx_got < conn->rx_len)
			continue;
		ret = conn_queue_message(conn);
		if (ret)
			return ret;
		n++;
	}
	if (n == RX_BATCH)
		set_bit(CIFSD_EV_RX, &conn->events);	/* more may be there */
	return 0;
}

/* ---- deadlines ---- */

/* Has @secs seconds passed since @since?  Sets *next to the deadline. */
static bool expired(unsigned long since, u32 secs, unsigned long *next)
{
	unsigned long at = since + (unsigned long)secs * HZ;

	if (!secs)
		return false;
	if (time_after_eq(jiffies, at))
		return true;
	if (time_before(at, *next))
		*next = at;
	return false;
}

/*
 * Check the send, handshake and idle deadlines: 0 and the time to sleep
 * in *timeout, or -ETIMEDOUT to close.
 */
static int conn_deadlines(struct cifsd_conn *conn, long *timeout)
{
	unsigned long now = jiffies, next = now + MAX_SCHEDULE_TIMEOUT / 2;

	if (tx_pending(conn) &&
	    expired(READ_ONCE(conn->tx_progress), cifsd_limit(send_timeout),
		    &next)) {
		cifsd_stat_inc(CIFSD_STAT_SEND_TIMEOUTS);
		cifsd_dbg(CONN, "%s: peer does not read its replies, closing\n",
			  conn->peer_str);
		return -ETIMEDOUT;
	}
	if (atomic_read(&conn->nr_valid_sessions)) {
		conn->unauth_since = 0;
	} else {
		if (!conn->unauth_since)
			conn->unauth_since = now ? now : 1;
		if (expired(conn->unauth_since, cifsd_limit(handshake_timeout),
			    &next)) {
			cifsd_stat_inc(CIFSD_STAT_HANDSHAKE_TIMEOUTS);
			cifsd_dbg(CONN, "%s: no valid session in time, closing\n",
				  conn->peer_str);
			return -ETIMEDOUT;
		}
	}
	if (!atomic_read(&conn->nr_opens) && !atomic_read(&conn->in_flight) &&
	    !tx_pending(conn) &&
	    expired(conn->last_rx, cifsd_limit(idle_timeout), &next)) {
		cifsd_stat_inc(CIFSD_STAT_IDLE_TIMEOUTS);
		cifsd_dbg(CONN, "%s: idle, closing\n", conn->peer_str);
		return -ETIMEDOUT;
	}
	cifsd_rxpool_idle(conn, &next);
	/* over the server-wide memory limit: look again soon */
	if (conn->rx_throttled && atomic_long_read(&conn->mem) == 0)
		next = min(next, now + HZ / 10);
	*timeout = (long)(next - now) > 0 ? (long)(next - now) : 1;
	return 0;
}

static bool conn_should_wake(struct cifsd_conn *conn)
{
	if (READ_ONCE(conn->state) == CIFSD_CONN_EXITING ||
	    test_bit(CIFSD_EV_CHECK, &conn->events))
		return true;
	if (test_bit(CIFSD_EV_TX, &conn->events) && tx_pending(conn))
		return true;
	if (READ_ONCE(conn->rx_throttled))
		return rx_allowed(conn);
	return test_bit(CIFSD_EV_RX, &conn->events);
}

/* One round of the thread: 0 to go on, <0 to close. */
static int conn_step(struct cifsd_conn *conn)
{
	long timeout;
	int err;

	if (READ_ONCE(conn->state) == CIFSD_CONN_EXITING)
		return -ESHUTDOWN;
	clear_bit(CIFSD_EV_CHECK, &conn->events);
	if (tx_pending(conn)) {
		clear_bit(CIFSD_EV_TX, &conn->events);
		mutex_lock(&conn->tx_lock);
		err = conn_tx_flush_locked(conn);
		mutex_unlock(&conn->tx_lock);
		if (err)
			return err;
	}
	if (test_and_clear_bit(CIFSD_EV_RX, &conn->events)) {
		err = conn_rx(conn);
		if (err)
			return err;
	}
	WRITE_ONCE(conn->rx_throttled, !rx_allowed(conn));
	/* pairs with the barrier in cifsd_conn_work_done() */
	smp_mb();
	if (READ_ONCE(conn->rx_throttled) && rx_allowed(conn)) {
		/* a worker finished in between: receive again */
		WRITE_ONCE(conn->rx_throttled, false);
		set_bit(CIFSD_EV_RX, &conn->events);
	}
	err = conn_deadlines(conn, &timeout);
	if (err)
		return err;
	wait_event_interruptible_timeout(conn->io_wq, conn_should_wake(conn),
					 timeout);
	if (READ_ONCE(conn->rx_throttled) && rx_allowed(conn)) {
		WRITE_ONCE(conn->rx_throttled, false);
		set_bit(CIFSD_EV_RX, &conn->events);
	}
	return 0;
}

/* Teardown, in the order documented in conn.h. */
static void conn_teardown(struct cifsd_conn *conn, int why)
{
	cifsd_dbg(CONN, "%s: connection closed (%d)\n", conn->peer_str, why);
	WRITE_ONCE(conn->state, CIFSD_CONN_EXITING);
	smp_mb();	/* pairs with cifsd_conn_work_done() */
	kernel_sock_shutdown(conn->sock, SHUT_RDWR);
	cifsd_conn_restore_callbacks(conn);
	wait_event_idle(conn->io_wq, !atomic_read(&conn->in_flight));
	cifsd_async_table_kill(conn);
	wait_event_idle(conn->io_wq, !atomic_read(&conn->in_flight));
	cifsd_sessions_destroy_all(conn);
	cifsd_conn_tx_purge(conn);
	if (conn->rx_buf) {
		cifsd_conn_uncharge(conn, conn->rx_len);
		kvfree(conn->rx_buf);
		conn->rx_buf = NULL;
	}
	cifsd_rxpool_drain(conn);

	mutex_lock(&cifsd_srv.conns_lock);
	list_del(&conn->node);
	atomic_dec(&cifsd_srv.nr_conns);
	mutex_unlock(&cifsd_srv.conns_lock);
	cifsd_admit_release(conn);
	cifsd_server_conn_gone();
	cifsd_conn_put(conn);	/* the thread's reference */
}

int cifsd_conn_thread(void *arg)
{
	struct cifsd_conn *conn = arg;
	int err;

	do {
		err = conn_step(conn);
	} while (!err);
	if (err == -EPROTO || err == -EMSGSIZE)
		cifsd_dbg(CONN, "%s: malformed transport frame, closing\n",
			  conn->peer_str);
	conn_teardown(conn, err);
	module_put_and_kthread_exit(0);
	return 0;
}
