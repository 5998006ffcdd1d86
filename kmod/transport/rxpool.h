/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Receive buffers for large messages (WRITE payloads), kept for reuse.
 *
 * A message of at least CIFSD_RXPOOL_MIN bytes is received into a buffer
 * rounded up to 64 KiB.  When its work is done the buffer goes back to
 * its connection's one spare slot instead of being freed, so a client
 * streaming WRITEs of one size reuses the same buffer and the server
 * does not vmalloc and vfree a megabyte per request.
 *
 * Bounds: one spare per connection; all spares together at most 1/16 of
 * the server's memory limit (max_memory_mib), shown as rx_pool_bytes in
 * /sys/fs/cifsd/stats.  A spare unused for CIFSD_RXPOOL_IDLE_SECS is
 * freed by its connection thread, all of them under memory pressure (a
 * shrinker) and at teardown.  A spare is not counted in conn->mem (it
 * is nobody's request); in use it is counted as the message's length.
 */
#ifndef CIFSD_RXPOOL_H
#define CIFSD_RXPOOL_H

#include <linux/types.h>

struct cifsd_conn;

#define CIFSD_RXPOOL_MIN	(64 * 1024)
#define CIFSD_RXPOOL_IDLE_SECS	2

/* A buffer for a message of @len bytes; its size in *@size. */
void *cifsd_rxbuf_get(struct cifsd_conn *conn, size_t len, size_t *size);
/* Done with @buf of @size bytes (0: not from cifsd_rxbuf_get). */
void cifsd_rxbuf_put(struct cifsd_conn *conn, void *buf, size_t size);
/* Connection thread: free an idle spare; sets *next to its deadline. */
void cifsd_rxpool_idle(struct cifsd_conn *conn, unsigned long *next);
/* Free the connection's spare (teardown). */
void cifsd_rxpool_drain(struct cifsd_conn *conn);
/* Bytes in all spares. */
long cifsd_rxpool_bytes(void);

int cifsd_rxpool_init(void);
void cifsd_rxpool_exit(void);

#endif /* CIFSD_RXPOOL_H */
