// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Receive buffers kept for reuse (rxpool.h).
 */

#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/shrinker.h>

#include "compat.h"
#include "conn.h"
#include "server.h"
#include "rxpool.h"

static atomic_long_t rxpool_bytes = ATOMIC_LONG_INIT(0);

long cifsd_rxpool_bytes(void)
{
	return atomic_long_read(&rxpool_bytes);
}

/* Take the spare out under the lock; the caller frees or uses it. */
static void *spare_take(struct cifsd_conn *conn, size_t *size)
{
	void *buf = conn->rx_spare;

	*size = conn->rx_spare_size;
	conn->rx_spare = NULL;
	conn->rx_spare_size = 0;
	if (buf)
		atomic_long_sub(*size, &rxpool_bytes);
	return buf;
}

void *cifsd_rxbuf_get(struct cifsd_conn *conn, size_t len, size_t *size)
{
	void *buf = NULL;
	size_t want = ALIGN(len, CIFSD_RXPOOL_MIN);

	if (len < CIFSD_RXPOOL_MIN) {
		*size = 0;
		return kvmalloc(len, GFP_KERNEL);
	}
	spin_lock(&conn->rx_spare_lock);
	/* the same size class, or one step above it */
	if (conn->rx_spare && conn->rx_spare_size >= want &&
	    conn->rx_spare_size <= want + CIFSD_RXPOOL_MIN)
		buf = spare_take(conn, size);
	spin_unlock(&conn->rx_spare_lock);
	if (buf)
		return buf;
	*size = want;
	return kvmalloc(want, GFP_KERNEL);
}

void cifsd_rxbuf_put(struct cifsd_conn *conn, void *buf, size_t size)
{
	long cap = (long)(READ_ONCE(cifsd_srv.mem_limit) / 16);
	void *old = NULL;
	size_t old_size = 0;

	if (!buf)
		return;
	if (!size || READ_ONCE(conn->state) == CIFSD_CONN_EXITING) {
		kvfree(buf);
		return;
	}
	spin_lock(&conn->rx_spare_lock);
	/* the newest buffer replaces an older one (sizes follow the client) */
	if (conn->rx_spare)
		old = spare_take(conn, &old_size);
	if (atomic_long_read(&rxpool_bytes) + (long)size <= cap) {
		conn->rx_spare = buf;
		conn->rx_spare_size = size;
		conn->rx_spare_since = jiffies;
		atomic_long_add(size, &rxpool_bytes);
		buf = NULL;
	}
	spin_unlock(&conn->rx_spare_lock);
	kvfree(old);
	kvfree(buf);
}

void cifsd_rxpool_idle(struct cifsd_conn *conn, unsigned long *next)
{
	unsigned long at;
	size_t size;
	void *buf = NULL;

	spin_lock(&conn->rx_spare_lock);
	if (conn->rx_spare) {
		at = conn->rx_spare_since + CIFSD_RXPOOL_IDLE_SECS * HZ;
		if (time_after_eq(jiffies, at))
			buf = spare_take(conn, &size);
		else if (time_before(at, *next))
			*next = at;
	}
	spin_unlock(&conn->rx_spare_lock);
	kvfree(buf);
}

void cifsd_rxpool_drain(struct cifsd_conn *conn)
{
	size_t size;
	void *buf;

	spin_lock(&conn->rx_spare_lock);
	buf = spare_take(conn, &size);
	spin_unlock(&conn->rx_spare_lock);
	kvfree(buf);
}

static unsigned long rxpool_count(struct shrinker *s,
				  struct shrink_control *sc)
{
	return atomic_long_read(&rxpool_bytes) >> PAGE_SHIFT;
}

static unsigned long rxpool_scan(struct shrinker *s,
				 struct shrink_control *sc)
{
	long before = atomic_long_read(&rxpool_bytes);
	struct cifsd_conn *conn;

	if (!mutex_trylock(&cifsd_srv.conns_lock))
		return SHRINK_STOP;
	list_for_each_entry(conn, &cifsd_srv.conns, node)
		cifsd_rxpool_drain(conn);
	mutex_unlock(&cifsd_srv.conns_lock);
	return max(before - atomic_long_read(&rxpool_bytes), 0L) >> PAGE_SHIFT;
}

static struct shrinker *rxpool_shrinker;

int cifsd_rxpool_init(void)
{
	rxpool_shrinker = cifsd_shrinker_new("cifsd-rxpool", rxpool_count,
					     rxpool_scan);
	return rxpool_shrinker ? 0 : -ENOMEM;
}

void cifsd_rxpool_exit(void)
{
	cifsd_shrinker_free(rxpool_shrinker);
	rxpool_shrinker = NULL;
}
