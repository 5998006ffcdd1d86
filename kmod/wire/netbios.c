// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * RFC 1002 framing for direct-TCP SMB2 (MS-SMB2 2.1).
 */
#include "netbios.h"

int nb_parse_hdr(const u8 hdr[4], u32 *len)
{
	switch (hdr[0]) {
	case NB_SESSION_MESSAGE:
		*len = ((u32)hdr[1] << 16) | ((u32)hdr[2] << 8) | hdr[3];
		return NB_SESSION_MESSAGE;
	case NB_KEEPALIVE:
		*len = 0;
		return NB_KEEPALIVE;
	default:
		*len = 0;
		return -EPROTO;
	}
}

void nb_put_hdr(u8 hdr[4], u32 len)
{
	hdr[0] = NB_SESSION_MESSAGE;
	hdr[1] = (len >> 16) & 0xff;
	hdr[2] = (len >> 8) & 0xff;
	hdr[3] = len & 0xff;
}
