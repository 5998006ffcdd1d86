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
#define CIFSD_MAX_CREDITS	8192
#define CIFSD_MAX_IO_SIZE	(8 * 1024 * 1024)
#define CIFSD_SMALL_IO_SIZE	(64 * 1024)
#define CIFSD_PRE_NEGOTIATE_MAX	(64 * 1024)	/* largest message before NEGOTIATE */
#define CIFSD_MSG_OVERHEAD	(64 * 1024)	/* headers around READ/WRITE data */

struct cifsd_server_config {
	u16 port;
	u16 min_dialect;
	u16 max_dialect;
	u32 signing;		/* enum cifsd_signing */
	u32 map_to_guest;	/* enum cifsd_map_guest */
	u32 max_connections;
	char netbios_name[16];
	char workgroup[64];
	char server_string[128];
	char guest_account[64];
};

struct cifsd_server {
	struct mutex lock;		/* start/stop */
	bool running;
	struct cifsd_server_config cfg;

	struct socket *listen_sock;
	struct task_struct *listener;

	struct mutex conns_lock;
	struct list_head conns;
	atomic_t nr_conns;
	wait_queue_head_t conns_wq;	/* woken when a connection goes */

	struct workqueue_struct *wq;	/* request workers */
	u8 guid[16];
	u64 start_time;			/* NT time */
	time64_t start_boottime;	/* for /sys/fs/cifsd/uptime */
};

extern struct cifsd_server cifsd_srv;

int cifsd_server_init(void);
void cifsd_server_exit(void);
int cifsd_server_start(const struct cifsd_server_config *cfg);
int cifsd_server_stop(void);

u64 cifsd_nt_time_now(void);

/* Called by a connection's receive thread as its last step. */
void cifsd_server_conn_gone(void);

#endif /* CIFSD_SERVER_H */
