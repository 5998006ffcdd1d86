// SPDX-License-Identifier: GPL-2.0-or-later
/* Fuzz the RFC 1002 framing as a stream of frames. */
#include "netbios.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	size_t pos = 0;
	u8 h[4];
	u32 len;
	int rc;

	while (wire_range_ok(size, pos, NB_HDR_SIZE)) {
		rc = nb_parse_hdr(data + pos, &len);
		if (rc < 0)
			break;
		pos += NB_HDR_SIZE;
		if (rc == NB_SESSION_MESSAGE) {
			nb_put_hdr(h, len);
			if (h[0] != 0 || ((u32)h[1] << 16 | h[2] << 8 | h[3]) !=
			    len)
				__builtin_trap();
			if (!wire_range_ok(size, pos, len))
				break;
			pos += len;
		}
	}
	return 0;
}
