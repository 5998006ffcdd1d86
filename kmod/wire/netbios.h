/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * RFC 1002 session-service framing as used by SMB2 over TCP port 445
 * (MS-SMB2 2.1): a 1-byte type followed by a 3-byte big-endian length.
 */
#ifndef CIFSD_NETBIOS_H
#define CIFSD_NETBIOS_H

#include "wire.h"

#define NB_HDR_SIZE		4
#define NB_SESSION_MESSAGE	0x00
#define NB_KEEPALIVE		0x85
#define NB_MAX_LEN		0x00FFFFFF

/*
 * Parse a 4-byte header.  Returns NB_SESSION_MESSAGE (with *len set to
 * the payload length that follows), NB_KEEPALIVE (*len is 0; any length
 * bytes are ignored) or -EPROTO for any other type.
 */
int nb_parse_hdr(const u8 hdr[4], u32 *len);

/* Write a session-message header; @len is truncated to 24 bits. */
void nb_put_hdr(u8 hdr[4], u32 len);

#endif /* CIFSD_NETBIOS_H */
