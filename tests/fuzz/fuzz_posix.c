// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz the SMB 3.1.1 POSIX parsers: the create context data and the
 * security descriptor a POSIX client sets (owner, group, mode ACE).
 */
#include "posix.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct posix_sd sd;
	u32 mode;

	if (!posix_parse_create_ctx(data, size, &mode) &&
	    mode != 0xFFFFFFFFu && (mode & ~07777u))
		__builtin_trap();
	if (!posix_parse_sd(data, size, size ? data[0] & 7 : 7, &sd) &&
	    sd.has_mode && (sd.mode & ~07777u))
		__builtin_trap();
	posix_parse_sd(data, size, 7, &sd);
	return 0;
}
