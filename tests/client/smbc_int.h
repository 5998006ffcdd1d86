/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libsmbc internals shared between its files; not for callers. */
#ifndef SMBC_INT_H
#define SMBC_INT_H

#include "smbc.h"

/* The wire code of the server, built for userspace (kmod/wire). */
#include "sign.h"
#include "kdf.h"

int smbc_reserve(struct smbc_msg *m, size_t extra);
uint8_t *smbc_add_hdr(struct smbc *c, struct smbc_msg *m, uint16_t cmd,
		      size_t body_len, uint32_t payload, bool take_mid);
int smbc_sign_member(struct smbc *c, uint8_t *h, size_t len, bool corrupt);
/* Append UTF-16LE of @s to the last member; bytes appended or -errno. */
long smbc_append_utf16(struct smbc_msg *m, const char *s);
/* Write the "offset from header" of the next appended byte at @at
 * (16-bit) in the last member's body. */
void smbc_set_off16(struct smbc_msg *m, size_t body_at);

#endif /* SMBC_INT_H */
