/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Server-wide counters, published in /sys/fs/cifsd/stats.
 *
 * Per-CPU and lock-free: the request path only does a this_cpu_add() on
 * its own CPU's copy; a reader sums the copies of all possible CPUs.  The
 * counters start at zero when the module is loaded and never go back.
 */
#ifndef CIFSD_STATS_H
#define CIFSD_STATS_H

#include <linux/percpu.h>
#include <linux/types.h>

enum cifsd_stat {
	CIFSD_STAT_CONNS_TOTAL,		/* connections accepted */
	CIFSD_STAT_SESSIONS_TOTAL,	/* sessions that became valid */
	CIFSD_STAT_REQUESTS,		/* SMB2 PDUs processed */
	CIFSD_STAT_BYTES_READ,		/* data returned by READ */
	CIFSD_STAT_BYTES_WRITTEN,	/* data stored by WRITE */
	CIFSD_STAT_REFUSED_HOSTS,	/* refused by hosts allow/deny */
	CIFSD_STAT_REFUSED_MAX_CONNS,	/* refused: max connections */
	CIFSD_STAT_REFUSED_PER_IP,	/* refused: max connections per ip */
	CIFSD_STAT_HANDSHAKE_TIMEOUTS,	/* dropped: no valid session in time */
	CIFSD_STAT_SEND_TIMEOUTS,	/* dropped: peer did not read replies */
	CIFSD_STAT_IDLE_TIMEOUTS,	/* dropped: deadtime */
	CIFSD_STAT_SESSIONS_REFUSED,	/* SESSION_SETUP over a session limit */
	CIFSD_STAT_PROTOCOL_ERRORS,	/* dropped: malformed or abusive input */
	CIFSD_STAT_CREDIT_ERRORS,	/* dropped: MessageId outside window */
	CIFSD_STAT_LIMIT_ERRORS,	/* requests refused by a per-session limit */
	CIFSD_STAT_BREAKS_SENT,		/* oplock and lease break notifications */
	CIFSD_STAT_BREAKS_ACKED,	/* ... acknowledged */
	CIFSD_STAT_BREAKS_TIMED_OUT,	/* ... that were never acknowledged */
	CIFSD_STAT_DURABLE_PARKED,	/* durable opens kept after a disconnect */
	CIFSD_STAT_DURABLE_RECLAIMED,	/* ... reclaimed by a reconnect */
	CIFSD_STAT_DURABLE_EXPIRED,	/* ... closed when their timeout ran out */
	CIFSD_STAT_DURABLE_PURGED,	/* ... closed for another open's break */
	CIFSD_STAT_KLEASE_BREAKS,	/* breaks asked by local processes / nfsd */
	CIFSD_STAT_KLEASE_FAILED,	/* delegations the kernel did not give */
	CIFSD_STAT_CASE_SCANS,		/* directory scans for a name's case */
	CIFSD_STAT_CASE_CACHE_HITS,	/* ... avoided: known absent */
	CIFSD_STAT_CASE_SCANS_TRUNCATED, /* ... stopped at case_scan_max */
	CIFSD_STAT_STREAMS_REFUSED,	/* stream writes/creates over a limit */
	CIFSD_STAT_NR
};

struct cifsd_stats {
	u64 v[CIFSD_STAT_NR];
};

DECLARE_PER_CPU(struct cifsd_stats, cifsd_stats);

static inline void cifsd_stat_add(enum cifsd_stat s, u64 n)
{
	this_cpu_add(cifsd_stats.v[s], n);
}

static inline void cifsd_stat_inc(enum cifsd_stat s)
{
	this_cpu_inc(cifsd_stats.v[s]);
}

u64 cifsd_stat_read(enum cifsd_stat s);

/* /sys/fs/cifsd: created at module load, removed at unload. */
int cifsd_sysfs_init(void);
void cifsd_sysfs_exit(void);

#endif /* CIFSD_STATS_H */
