// SPDX-License-Identifier: GPL-2.0-or-later
/* RFC 1002 framing (MS-SMB2 2.1). */
#include "tcommon.h"
#include "netbios.h"

int main(void)
{
	u8 h[4];
	u32 len = 1;

	memcpy(h, "\x00\x00\x01\x00", 4);
	CHECK_RC(nb_parse_hdr(h, &len), NB_SESSION_MESSAGE);
	CHECK(len == 256);
	memcpy(h, "\x00\xff\xff\xff", 4);
	CHECK_RC(nb_parse_hdr(h, &len), NB_SESSION_MESSAGE);
	CHECK(len == 0xffffff);
	memcpy(h, "\x85\x00\x00\x00", 4);
	CHECK_RC(nb_parse_hdr(h, &len), NB_KEEPALIVE);
	CHECK(len == 0);
	/* session request, positive response, anything else: rejected */
	memcpy(h, "\x81\x00\x00\x44", 4);
	CHECK_RC(nb_parse_hdr(h, &len), -EPROTO);
	memcpy(h, "\x82\x00\x00\x00", 4);
	CHECK_RC(nb_parse_hdr(h, &len), -EPROTO);
	memcpy(h, "\x01\x00\x00\x00", 4);
	CHECK_RC(nb_parse_hdr(h, &len), -EPROTO);

	nb_put_hdr(h, 0x123456);
	CHECK(!memcmp(h, "\x00\x12\x34\x56", 4));
	CHECK_RC(nb_parse_hdr(h, &len), NB_SESSION_MESSAGE);
	CHECK(len == 0x123456);
	nb_put_hdr(h, 0);
	CHECK(!memcmp(h, "\x00\x00\x00\x00", 4));
	return t_done("test_netbios");
}
