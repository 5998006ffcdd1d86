/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Extended attribute lists (MS-FSCC 2.4.15 FILE_FULL_EA_INFORMATION and
 * 2.4.15.1 FILE_GET_EA_INFORMATION): SET_INFO, QUERY_INFO and the ExtA
 * create context carry them.
 */
#ifndef CIFSD_EALIST_H
#define CIFSD_EALIST_H

#include "wire.h"

#define EA_NAME_MAX		255
#define FILE_NEED_EA		0x80	/* the only defined EA flag */

struct ea_entry {
	const char *name;	/* NUL-terminated inside the buffer */
	u8 name_len;
	u8 flags;
	const u8 *value;
	u16 value_len;
};

/*
 * Check a whole FILE_FULL_EA_INFORMATION list of @len bytes: every entry
 * inside the buffer, NextEntryOffset 4-byte aligned and moving forward,
 * the name NUL-terminated where EaNameLength says and a valid EA name,
 * Flags 0 or FILE_NEED_EA.  Returns the number of entries, -EINVAL for a
 * malformed list or -EILSEQ for an invalid name, with the offset of the
 * first bad entry in *bad_off (may be NULL).
 */
int ea_full_list_check(const u8 *buf, u32 len, u32 *bad_off);

/*
 * Iterate a list that ea_full_list_check() accepted: *pos starts at 0;
 * returns 1 with @e filled, 0 at the end.
 */
int ea_full_list_next(const u8 *buf, u32 len, u32 *pos, struct ea_entry *e);

/*
 * The same for FILE_GET_EA_INFORMATION (names only): check returns the
 * count or -EINVAL; next returns 1 with the name, 0 at the end.
 */
int ea_get_list_check(const u8 *buf, u32 len);
int ea_get_list_next(const u8 *buf, u32 len, u32 *pos, const char **name,
		     u8 *name_len);

/* An EA name as NTFS accepts it: 1-255 ASCII characters, no specials. */
bool ea_name_valid(const char *name, u32 len);

/*
 * Encode one FILE_FULL_EA_INFORMATION entry at @out (NextEntryOffset 0).
 * Returns its length without padding, or -ENOSPC.
 */
int ea_full_put(u8 *out, size_t room, const char *name, u8 name_len,
		const u8 *value, u16 value_len);

#endif /* CIFSD_EALIST_H */
