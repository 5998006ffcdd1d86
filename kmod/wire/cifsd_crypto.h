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

/*
 * AES-CCM or AES-GCM (SMB2_ENCRYPTION_AES128_CCM ... AES256_GCM), in
 * place: [@data, @data + @len) is encrypted (@encrypt) or decrypted, with
 * the @naad pieces of @aad as additional authenticated data and a 16-byte
 * @tag (written when encrypting, checked when decrypting: -EBADMSG on a
 * mismatch, and @data is then garbage).  @key is 16 or 32 bytes as the
 * cipher needs; @nonce is 11 bytes for CCM, 12 for GCM.  With @len 0 and
 * AES-128-GCM this is GMAC over @aad.  @data and any piece longer than
 * CIFSD_AEAD_SMALL bytes must be heap memory (kmalloc or vmalloc);
 * smaller pieces may live anywhere.
 */
#define CIFSD_AEAD_SMALL	128
int cifsd_aead(u16 cipher, bool encrypt, const u8 *key,
	       const u8 *nonce, const struct cifsd_vec *aad, int naad,
	       u8 *data, size_t len, u8 tag[16]);

/* Key length of an SMB2_ENCRYPTION_* cipher (16 or 32), 0 if unknown. */
static inline size_t cifsd_cipher_key_len(u16 cipher)
{
	switch (cipher) {
	case 0x0001:	/* AES-128-CCM */
	case 0x0002:	/* AES-128-GCM */
		return 16;
	case 0x0003:	/* AES-256-CCM */
	case 0x0004:	/* AES-256-GCM */
		return 32;
	default:
		return 0;
	}
}

/* Nonce length of a cipher: 11 for CCM, 12 for GCM. */
static inline size_t cifsd_cipher_nonce_len(u16 cipher)
{
	return (cipher == 0x0001 || cipher == 0x0003) ? 11 : 12;
}
void cifsd_random_bytes(void *buf, size_t n);

#endif /* CIFSD_CRYPTO_H */
