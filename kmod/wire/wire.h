/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Types and helpers for the wire-format code in kmod/wire/.
 *
 * Everything under kmod/wire/ decodes or encodes bytes only: it never
 * touches kernel objects, so the same files also build in userspace for
 * unit tests and libFuzzer targets (tests/unit, tests/fuzz).  This header
 * is the only place that differs between the two builds.
 */
#ifndef CIFSD_WIRE_H
#define CIFSD_WIRE_H

#ifdef __KERNEL__

#include <linux/types.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/compiler.h>
#include <linux/crypto.h>
#include <crypto/algapi.h>	/* crypto_memneq */
#include "../compat.h"		/* get_unaligned_*() moved in 6.12 */

#else /* userspace build for tests and fuzzers */

#include "wire_user.h"

#endif /* __KERNEL__ */

/*
 * A bounds-checked cursor over a received buffer.  Readers never step
 * outside [p, p + len); a failed read leaves the cursor unchanged.
 */
struct wire_buf {
	const u8 *p;
	size_t len;
};

/* True when [off, off + n) lies within a buffer of @len bytes. */
static inline bool wire_range_ok(size_t len, size_t off, size_t n)
{
	return off <= len && n <= len - off;
}

#endif /* CIFSD_WIRE_H */
