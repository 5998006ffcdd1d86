// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz the EA list parsers (FILE_FULL_EA_INFORMATION and
 * FILE_GET_EA_INFORMATION) and the 8.3 name generator.
 */
#include "ealist.h"
#include "shortname.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	u8 sn[SHORTNAME_MAX_BYTES], out[EA_NAME_MAX + 8 + 1 + 64];
	struct ea_entry e;
	const char *name;
	u32 pos = 0;
	u8 nlen;
	int n, count = 0;

	n = ea_full_list_check(data, size, NULL);
	if (n > 0) {
		while (ea_full_list_next(data, size, &pos, &e)) {
			if (!ea_name_valid(e.name, e.name_len))
				__builtin_trap();
			(void)ea_full_put(out, sizeof(out), e.name, e.name_len,
					  e.value, e.value_len);
			count++;
		}
		if (count != n)
			__builtin_trap();
	}
	pos = 0;
	if (ea_get_list_check(data, size) > 0)
		while (ea_get_list_next(data, size, &pos, &name, &nlen))
			;
	if (shortname_make(data, size & ~(size_t)1, sn) > SHORTNAME_MAX_BYTES)
		__builtin_trap();
	return 0;
}
