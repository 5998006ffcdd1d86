/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The server: its configuration, the listening socket and the list of
 * connections.  There is one server per module instance.
 *
 * Start and stop are serialised by srv.lock.  Stop order: mark stopping
 * so the listener accepts nothing more; shut the listening socket down and
 * stop the listener thread; shut every connection down; wait for the
 * connection list to drain (each receive thread unlinks its connection as
 * its last step); release the listening socket.
 */
#ifndef CIFSD_SERVER_H
#define CIFSD_SERVER_H

#include <linux/mutex.h>
#include <linux/list.h>
#include <linux/atomic.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

#define CIFSD_DEFAULT_PORT	445
#define CIFSD_MAX_IO_SIZE	(8 * 1024 * 1024)
#define CIFSD_SMALL_IO_SIZE	(64 * 1024)
#define CIFSD_PRE_NEGOTIATE_MAX	(64 * 1024)	/* largest message before NEGOTIATE */
#define CIFSD_MSG_OVERHEAD	(64 * 1024)	/* headers around READ/WRITE data */

/*
 * Limits on what a peer can make the server hold.  Set at start and on
 * every reload (CIFSD_CMD_SET_CONFIG): readers use READ_ONCE() on single
 * fields and never need two fields to agree.  Counts: 0 = no limit;
 * timeouts in seconds, 0 = never.  Visible in /sys/fs/cifsd/limits.
 */
struct cifsd_limits {
	u32 max_connections;
	u32 max_connections_per_ip;
	u32 max_requests;		/* per connection, queued or running */
	u32 max_conn_memory_kib;	/* request + reply bytes per connection */
	u32 handshake_timeout;		/* no valid session yet / any more */
	u32 send_timeout;		/* peer does not read its replies */
	u32 idle_timeout;		/* nothing open, nothing received */
	u32 max_sessions;		/* per connection */
	u32 max_pending_sessions;	/* of them in SESSION_SETUP */
	u32 max_trees;			/* per session */
	u32 max_opens;			/* per connection ("max open files") */
	u32 max_credits;		/* per connection */
	u32 max_async;			/* parked requests per connection */
	u32 break_timeout;		/* s an oplock/lease break may take */
	u32 smb2_leases;		/* 0: offer no leases */
	u32 dir_leases;			/* 0: none on directories */
	u32 max_locks;			/* byte-range locks per open */
	/* server-side copy (MS-SMB2 ServerSideCopyMax*), per request */
	u32 copy_max_chunks;
	u32 copy_max_chunk_kib;
	u32 copy_max_kib;
	u32 max_durable;		/* disconnected durable handles kept */
};

#define CIFSD_DEFAULT_LIMITS {				\
	.max_connections = 1024,			\
	.max_connections_per_ip = 64,			\
	.max_requests = 64,				\
	.max_conn_memory_kib = 64 * 1024,		\
	.handshake_timeout = 20,			\
	.send_timeout = 60,				\
	.idle_timeout = 0,				\
	.max_sessions = 64,				\
	.max_pending_sessions = 8,			\
	.max_trees = 256,				\
	.max_opens = 16384,				\
	.max_credits = 8192,				\
	.max_async = 512,				\
	.break_timeout = 35,				\
	.smb2_leases = 1,				\
	.dir_leases = 1,				\
	.max_locks = 4096,				\
	.copy_max_chunks = 256,				\
	.max_durable = 16384,				\
	.copy_max_chunk_kib = 1024,			\
	.copy_max_kib = 16 * 1024,			\
}

/* Hard ceilings whatever the configuration says. */
#define CIFSD_OPEN_ID_MAX	65535	/* volatile FileIds are 16-bit */
#define CIFSD_CREDITS_CEILING	65535

struct cifsd_server_config {
	u16 port;
	u16 min_dialect;
	u16 max_dialect;
	u32 signing;		/* enum cifsd_signing */
	u32 map_to_guest;	/* enum cifsd_map_guest */
	u32 encrypt;		/* enum cifsd_encrypt */
	char netbios_name[16];
	char workgroup[64];
	char server_string[128];
	char guest_account[64];
};

struct cifsd_server {
	struct mutex lock;		/* start/stop */
	bool running;
	struct cifsd_server_config cfg;
	struct cifsd_limits limits;	/* READ_ONCE per field */

	struct socket *listen_sock;
	struct task_struct *listener;

	struct mutex conns_lock;
	struct list_head conns;
	atomic_t nr_conns;		/* in the list, admitted or not */
	wait_queue_head_t conns_wq;	/* woken when a connection goes */

	/* what all connections hold now (gauges for /sys/fs/cifsd/stats) */
	atomic_t in_flight;		/* requests queued or running */
	atomic_long_t mem;		/* request, reply and queued bytes */
	unsigned long mem_limit;	/* bytes; module parameter max_memory_mib */
	atomic_long_t state_mem;	/* kept between requests, same limit */

	struct workqueue_struct *wq;	/* request workers */
	u8 guid[16];
	u64 start_time;			/* NT time */
	time64_t start_boottime;	/* for /sys/fs/cifsd/uptime */
};

extern struct cifsd_server cifsd_srv;

int cifsd_server_init(void);
void cifsd_server_exit(void);
int cifsd_server_start(const struct cifsd_server_config *cfg,
		       const struct cifsd_limits *limits);
/* Replace the limits of the running (or next) server. */
void cifsd_server_set_limits(const struct cifsd_limits *limits);
int cifsd_server_stop(void);

u64 cifsd_nt_time_now(void);

/* The current value of one limit: cifsd_limit(max_requests). */
#define cifsd_limit(field)	READ_ONCE(cifsd_srv.limits.field)

/* Called by a connection's thread as its last step. */
void cifsd_server_conn_gone(void);

#endif /* CIFSD_SERVER_H */
