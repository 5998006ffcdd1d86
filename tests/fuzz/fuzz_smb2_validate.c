// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz the SMB2 header/compound walk, per-command validation and the
 * create-context iterator, as the dispatcher uses them.
 */
#include "smb2_validate.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

static void walk_ctx(const u8 *pdu, size_t len)
{
	struct smb2_ctx_view v;
	size_t off = get_unaligned_le32(pdu + 64 + 48);
	size_t end = off + get_unaligned_le32(pdu + 64 + 52);
	volatile u8 sink = 0;
	int rc, n = 0;

	if (!get_unaligned_le32(pdu + 64 + 52))
		return;
	while ((rc = smb2_create_ctx_next(pdu, len, &off, end, &v)) == 1) {
		sink ^= v.name[v.name_len - 1];
		if (v.data_len)
			sink ^= v.data[v.data_len - 1];
		if (++n > 100000)
			__builtin_trap();	/* must terminate */
	}
	(void)sink;
	(void)rc;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	size_t off = 0, pdu_len;
	int n = 0;

	while (off < size && !smb2_check_hdr(data, size, off, &pdu_len)) {
		const u8 *pdu = data + off;

		if (!smb2_validate_req(pdu, pdu_len) &&
		    get_unaligned_le16(pdu + 12) == SMB2_CREATE)
			walk_ctx(pdu, pdu_len);
		off += pdu_len;
		if (++n > 100000)
			__builtin_trap();
	}
	return 0;
}
