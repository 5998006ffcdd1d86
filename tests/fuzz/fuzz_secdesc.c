// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz the security descriptor parser, the ACE walk, the access check
 * and the rebuild of a parsed descriptor.
 */
#include "secdesc.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	static u8 out[SD_MAX_SIZE + SD_HDR_SIZE];
	u32 sub[2] = { 1, 1000 }, ev[1] = { 0 };
	struct sd_view v, w;
	struct sid tok[2];
	struct ace_view a;
	u32 pos = ACL_HDR_SIZE, left;
	int n;

	/* a bare ACL too */
	if (acl_check(data, size) > 0) {
		left = get_unaligned_le16(data + 4);
		while (acl_next_ace(data, get_unaligned_le16(data + 2), &pos,
				    &left, &a))
			;
	}
	if (sd_parse(data, size, &v))
		return 0;
	sid_make(&tok[0], 22, sub, 2);
	sid_make(&tok[1], 1, ev, 1);
	(void)sd_access_granted(&v, tok, 2);
	n = sd_build(out, sizeof(out), &v, 0xf);
	if (n < 0 || sd_parse(out, n, &w))
		__builtin_trap();	/* what we build must parse again */
	if (w.dacl_len != v.dacl_len || w.owner_len != v.owner_len)
		__builtin_trap();
	return 0;
}
