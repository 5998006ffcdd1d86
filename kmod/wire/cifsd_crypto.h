/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Cryptographic primitives used by the wire code.  Declarations only:
 * the kernel implementation is kmod/crypto.c (crypto API), the userspace
 * one for tests and fuzzers is tests/unit/crypto_user.c (OpenSSL 3).
 *
 * All functions are safe to call concurrently from any number of
 * threads and may sleep.  They return 0 or a negative errno.
 */
#ifndef CIFSD_CRYPTO_H
#define CIFSD_CRYPTO_H

#include "wire.h"

/* One piece of a message processed as a concatenation of pieces. */
struct cifsd_vec {
	const void *base;
	size_t len;
};

int cifsd_hmac_md5(const u8 *key, size_t klen, const struct cifsd_vec *v,
		   int n, u8 out[16]);
int cifsd_hmac_sha256(const u8 *key, size_t klen, const struct cifsd_vec *v,
		      int n, u8 out[32]);
int cifsd_aes_cmac(const u8 key[16], const struct cifsd_vec *v, int n,
		   u8 out[16]);
int cifsd_md5(const struct cifsd_vec *v, int n, u8 out[16]);
int cifsd_sha512(const struct cifsd_vec *v, int n, u8 out[64]);
void cifsd_random_bytes(void *buf, size_t n);

#endif /* CIFSD_CRYPTO_H */
