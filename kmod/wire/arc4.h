/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * RC4, needed only to unwrap the NTLMSSP EncryptedRandomSessionKey
 * (MS-NLMP 3.4.5.1, 3.1.5.1.2).  Not for any other use.
 */
#ifndef CIFSD_ARC4_H
#define CIFSD_ARC4_H

#include "wire.h"

/* out[i] = in[i] XOR keystream(key); in and out may be the same buffer. */
void cifsd_arc4(const u8 *key, size_t klen, const u8 *in, u8 *out,
		size_t len);

#endif /* CIFSD_ARC4_H */
