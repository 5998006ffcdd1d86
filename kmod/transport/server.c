// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Server start/stop and the listener thread.
 */

#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/mm.h>
#include <linux/net.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/random.h>
#include <linux/timekeeping.h>
#include <net/sock.h>
#include <net/tcp.h>

#include "rxpool.h"
#include "server.h"
#include "klease.h"
#include "durable.h"
#include "inode.h"
#include "conn.h"

struct cifsd_server cifsd_srv = {
	.limits = CIFSD_DEFAULT_LIMITS,
};

/*
 * Server-wide ceiling on the bytes all connections may hold for requests
 * and replies; 0 = a quarter of RAM.  Connections stop receiving above
 * it (they are never dropped for it).
 */
static unsigned int max_memory_mib;
module_param(max_memory_mib, uint, 0644);
MODULE_PARM_DESC(max_memory_mib,
		 "MiB all connections may hold for requests and replies (0: a quarter of RAM)");

static void cifsd_update_mem_limit(void)
{
	unsigned long bytes = (unsigned long)READ_ONCE(max_memory_mib) << 20;

	if (!bytes)
		bytes = (totalram_pages() << PAGE_SHIFT) / 4;
	WRITE_ONCE(cifsd_srv.mem_limit, max(bytes, 16UL << 20));
}

void cifsd_server_set_limits(const struct cifsd_limits *l)
{
	struct cifsd_limits *d = &cifsd_srv.limits;

	WRITE_ONCE(d->max_connections, l->max_connections);
	WRITE_ONCE(d->max_connections_per_ip, l->max_connections_per_ip);
	WRITE_ONCE(d->max_requests, l->max_requests);
	WRITE_ONCE(d->max_conn_memory_kib, l->max_conn_memory_kib);
	WRITE_ONCE(d->handshake_timeout, l->handshake_timeout);
	WRITE_ONCE(d->send_timeout, l->send_timeout);
	WRITE_ONCE(d->idle_timeout, l->idle_timeout);
	WRITE_ONCE(d->max_sessions, l->max_sessions);
	WRITE_ONCE(d->max_pending_sessions, l->max_pending_sessions);
	WRITE_ONCE(d->max_trees, l->max_trees);
	WRITE_ONCE(d->max_opens, l->max_opens);
	WRITE_ONCE(d->max_credits, l->max_credits);
	WRITE_ONCE(d->max_async, l->max_async);
	WRITE_ONCE(d->break_timeout, l->break_timeout);
	WRITE_ONCE(d->smb2_leases, l->smb2_leases);
	WRITE_ONCE(d->dir_leases, l->dir_leases);
	WRITE_ONCE(d->max_locks, l->max_locks);
	WRITE_ONCE(d->copy_max_chunks, l->copy_max_chunks);
	WRITE_ONCE(d->copy_max_chunk_kib, l->copy_max_chunk_kib);
	WRITE_ONCE(d->copy_max_kib, l->copy_max_kib);
	WRITE_ONCE(d->max_durable, l->max_durable);
	cifsd_update_mem_limit();
}

/* Current time as an NT FILETIME: 100 ns units since 1601-01-01. */
u64 cifsd_nt_time_now(void)
{
	struct timespec64 ts;

	ktime_get_real_ts64(&ts);
	return (u64)(ts.tv_sec + 11644473600LL) * 10000000ULL +
	       ts.tv_nsec / 100;
}


static int cifsd_listener_fn(void *arg)
{
	struct socket *lsock = arg;

	while (!kthread_should_stop()) {
		struct socket *sock;
		int err;

		err = kernel_accept(lsock, &sock, 0);
		if (err) {
			if (kthread_should_stop())
				break;
			if (err == -EAGAIN || err == -EINTR ||
			    err == -ECONNABORTED)
				continue;
			/* listening socket shut down or out of memory */
			msleep(100);
			continue;
		}
		if (cifsd_conn_create(sock))
			sock_release(sock);
	}
	return 0;
}

static int cifsd_listen(u16 port, struct socket **out)
{
	struct sockaddr_in6 sin6 = {
		.sin6_family = AF_INET6,
		.sin6_addr = IN6ADDR_ANY_INIT,
		.sin6_port = htons(port),
	};
	struct sockaddr_in sin = {
		.sin_family = AF_INET,
		.sin_addr.s_addr = htonl(INADDR_ANY),
		.sin_port = htons(port),
	};
	struct socket *sock;
	int err;

	/* Prefer a dual-stack IPv6 socket; fall back to IPv4 only. */
	err = sock_create_kern(&init_net, PF_INET6, SOCK_STREAM, IPPROTO_TCP,
			       &sock);
	if (!err) {
		sock->sk->sk_ipv6only = false;
		sock_set_reuseaddr(sock->sk);
		err = kernel_bind(sock, (struct sockaddr *)&sin6, sizeof(sin6));
		if (err) {
			sock_release(sock);
			if (err == -EADDRINUSE)
				return err;
		}
	}
	if (err) {
		err = sock_create_kern(&init_net, PF_INET, SOCK_STREAM,
				       IPPROTO_TCP, &sock);
		if (err)
			return err;
		sock_set_reuseaddr(sock->sk);
		err = kernel_bind(sock, (struct sockaddr *)&sin, sizeof(sin));
		if (err)
			goto fail;
	}
	tcp_sock_set_nodelay(sock->sk);
	err = kernel_listen(sock, 512);
	if (err)
		goto fail;
	*out = sock;
	return 0;
fail:
	sock_release(sock);
	return err;
}

int cifsd_server_start(const struct cifsd_server_config *cfg,
		       const struct cifsd_limits *limits)
{
	struct task_struct *t;
	int err;

	mutex_lock(&cifsd_srv.lock);
	if (cifsd_srv.running) {
		err = -EBUSY;
		goto out;
	}
	cifsd_srv.cfg = *cfg;
	cifsd_server_set_limits(limits);
	get_random_bytes(cifsd_srv.guid, sizeof(cifsd_srv.guid));
	cifsd_srv.start_time = cifsd_nt_time_now();
	cifsd_srv.start_boottime = ktime_get_boottime_seconds();

	err = cifsd_listen(cfg->port, &cifsd_srv.listen_sock);
	if (err)
		goto out;
	t = kthread_run(cifsd_listener_fn, cifsd_srv.listen_sock,
			"cifsd-listen/%u", cfg->port);
	if (IS_ERR(t)) {
		err = PTR_ERR(t);
		sock_release(cifsd_srv.listen_sock);
		cifsd_srv.listen_sock = NULL;
		goto out;
	}
	cifsd_srv.listener = t;
	cifsd_srv.running = true;
	pr_info("cifsd: listening on port %u\n", cfg->port);
out:
	mutex_unlock(&cifsd_srv.lock);
	return err;
}

int cifsd_server_stop(void)
{
	mutex_lock(&cifsd_srv.lock);
	if (!cifsd_srv.running) {
		mutex_unlock(&cifsd_srv.lock);
		return -ENOENT;
	}
	cifsd_srv.running = false;

	/* 1. No new connections: wake the listener out of accept, stop it. */
	kernel_sock_shutdown(cifsd_srv.listen_sock, SHUT_RDWR);
	kthread_stop(cifsd_srv.listener);
	cifsd_srv.listener = NULL;
	sock_release(cifsd_srv.listen_sock);
	cifsd_srv.listen_sock = NULL;

	/*
	 * 2. Ask every connection to go; each receive thread tears its own
	 * connection down (waiting for its workers) and unlinks it last.
	 */
	cifsd_conn_shutdown_all();
	wait_event(cifsd_srv.conns_wq, !atomic_read(&cifsd_srv.nr_conns));
	/* 3. Durable handles kept for clients that will not come back. */
	cifsd_server_task_begin();
	cifsd_durable_close_all();
	cifsd_server_task_end();
	/* 4. Break timers still armed for acknowledgments that cannot come. */
	cifsd_inode_flush_timers();
	mutex_unlock(&cifsd_srv.lock);
	pr_info("cifsd: stopped\n");
	return 0;
}

void cifsd_server_conn_gone(void)
{
	wake_up_all(&cifsd_srv.conns_wq);
}

int cifsd_server_init(void)
{
	mutex_init(&cifsd_srv.lock);
	mutex_init(&cifsd_srv.conns_lock);
	INIT_LIST_HEAD(&cifsd_srv.conns);
	init_waitqueue_head(&cifsd_srv.conns_wq);
	/*
	 * Workers that wait (the daemon, the file system) must not starve
	 * the others: as many as the workqueue code allows, and each
	 * connection is held to max_requests of them.
	 */
	cifsd_srv.wq = alloc_workqueue("cifsd-wq", WQ_UNBOUND | WQ_MEM_RECLAIM,
				       WQ_MAX_ACTIVE);
	if (!cifsd_srv.wq)
		return -ENOMEM;
	if (cifsd_rxpool_init()) {
		destroy_workqueue(cifsd_srv.wq);
		return -ENOMEM;
	}
	return 0;
}

void cifsd_server_exit(void)
{
	cifsd_server_stop();
	cifsd_inode_flush_timers();
	destroy_workqueue(cifsd_srv.wq);
	/* after the connections: no spare is left to free */
	cifsd_rxpool_exit();
}
