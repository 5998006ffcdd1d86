// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz every FSCTL input parser (kmod/wire/fsctl.c) with the same bytes:
 * a parser that accepts a buffer must only ever describe bytes inside
 * it, and what it accepts must satisfy the invariants callers rely on.
 */
#include "fsctl.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

#define S64_MAX_U ((u64)0x7fffffffffffffffULL)

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct fsctl_copychunk cc;
	struct fsctl_chunk c;
	struct fsctl_trim t;
	struct fsctl_dup_extents d;
	u64 off, len, end, sum = 0;
	u16 fmt;
	u32 i;

	if (!fsctl_parse_copychunk(data, size, &cc)) {
		if (cc.chunks + (size_t)cc.count * FSCTL_COPYCHUNK_ENTRY_SIZE >
		    data + size)
			__builtin_trap();
		for (i = 0; i < cc.count; i++) {
			fsctl_copychunk_get(&cc, i, &c);
			sum += c.len;
		}
		if (!fsctl_copychunk_check(&cc, 256, 1 << 20, 16 << 20) &&
		    (cc.count > 256 || sum > (16 << 20)))
			__builtin_trap();
	}
	if (!fsctl_parse_zero_data(data, size, &off, &end) &&
	    (off > end || end > S64_MAX_U))
		__builtin_trap();
	if (!fsctl_parse_range(data, size, &off, &len) &&
	    (off > S64_MAX_U || len > S64_MAX_U - off))
		__builtin_trap();
	if (!fsctl_parse_trim(data, size, &t)) {
		if (t.ranges + (size_t)t.count * FSCTL_RANGE_SIZE > data + size)
			__builtin_trap();
		for (i = 0; i < t.count; i++)
			if (!fsctl_trim_get(&t, i, &off, &len) &&
			    len > S64_MAX_U - off)
				__builtin_trap();
	}
	if (!fsctl_parse_dup_extents(data, size, &d) &&
	    (d.len > S64_MAX_U - d.src || d.len > S64_MAX_U - d.dst))
		__builtin_trap();
	(void)fsctl_parse_set_sparse(data, size);
	(void)fsctl_parse_compression(data, size, &fmt);
	return 0;
}
