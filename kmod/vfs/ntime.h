/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * NT time: 100 ns intervals since 1601-01-01 UTC (MS-DTYP 2.3.3).
 */
#ifndef CIFSD_NTIME_H
#define CIFSD_NTIME_H

#include <linux/time64.h>
#include <linux/math64.h>

/* Seconds between 1601-01-01 and 1970-01-01. */
#define CIFSD_NT_EPOCH_DELTA	11644473600LL
#define CIFSD_NT_PER_SEC	10000000LL

static inline u64 cifsd_ts_to_nt(struct timespec64 ts)
{
	s64 sec = ts.tv_sec + CIFSD_NT_EPOCH_DELTA;

	if (sec < 0)
		return 0;
	return (u64)sec * CIFSD_NT_PER_SEC + ts.tv_nsec / 100;
}

static inline struct timespec64 cifsd_nt_to_ts(u64 nt)
{
	struct timespec64 ts;
	u32 rem;
	u64 sec = div_u64_rem(nt, CIFSD_NT_PER_SEC, &rem);

	ts.tv_sec = (s64)sec - CIFSD_NT_EPOCH_DELTA;
	ts.tv_nsec = rem * 100;
	return ts;
}

#endif /* CIFSD_NTIME_H */
