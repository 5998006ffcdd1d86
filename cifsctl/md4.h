/* SPDX-License-Identifier: GPL-2.0-only */
/* MD4 message digest (RFC 1320), only used for the NT password hash. */
#ifndef CIFSCTL_MD4_H
#define CIFSCTL_MD4_H

#include <stddef.h>
#include <stdint.h>

#define MD4_DIGEST_LEN 16

void md4(const void *data, size_t len, uint8_t out[MD4_DIGEST_LEN]);

#endif
