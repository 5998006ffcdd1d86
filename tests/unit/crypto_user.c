// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Userspace implementation of kmod/wire/cifsd_crypto.h with OpenSSL 3,
 * linked into unit tests and fuzzers.
 */
#include "cifsd_crypto.h"

#include <openssl/evp.h>
#include <openssl/core_names.h>
#include <openssl/params.h>
#include <openssl/rand.h>
#include <limits.h>
#include <stdlib.h>

static int mac(const char *alg, const char *pname, const char *pval,
	       const u8 *key, size_t klen, const struct cifsd_vec *v, int n,
	       u8 *out, size_t outsz)
{
	EVP_MAC *m = EVP_MAC_fetch(NULL, alg, NULL);
	EVP_MAC_CTX *c = NULL;
	OSSL_PARAM p[2];
	size_t olen = 0;
	int i, rc = -EIO;

	if (!m)
		return -EOPNOTSUPP;
	c = EVP_MAC_CTX_new(m);
	if (!c)
		goto out;
	p[0] = OSSL_PARAM_construct_utf8_string(pname, (char *)pval, 0);
	p[1] = OSSL_PARAM_construct_end();
	if (!EVP_MAC_init(c, key, klen, p))
		goto out;
	for (i = 0; i < n; i++)
		if (v[i].len && !EVP_MAC_update(c, v[i].base, v[i].len))
			goto out;
	if (!EVP_MAC_final(c, out, &olen, outsz) || olen != outsz)
		goto out;
	rc = 0;
out:
	EVP_MAC_CTX_free(c);
	EVP_MAC_free(m);
	return rc;
}

int cifsd_hmac_md5(const u8 *key, size_t klen, const struct cifsd_vec *v,
		   int n, u8 out[16])
{
	return mac("HMAC", OSSL_MAC_PARAM_DIGEST, "MD5", key, klen, v, n,
		   out, 16);
}

int cifsd_hmac_sha256(const u8 *key, size_t klen, const struct cifsd_vec *v,
		      int n, u8 out[32])
{
	return mac("HMAC", OSSL_MAC_PARAM_DIGEST, "SHA256", key, klen, v, n,
		   out, 32);
}

int cifsd_aes_cmac(const u8 key[16], const struct cifsd_vec *v, int n,
		   u8 out[16])
{
	return mac("CMAC", OSSL_MAC_PARAM_CIPHER, "AES-128-CBC", key, 16, v,
		   n, out, 16);
}

static int digest(const EVP_MD *md, const struct cifsd_vec *v, int n,
		  u8 *out, unsigned int outsz)
{
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	unsigned int olen = 0;
	int i, rc = -EIO;

	if (!c)
		return -ENOMEM;
	if (!EVP_DigestInit_ex(c, md, NULL))
		goto out;
	for (i = 0; i < n; i++)
		if (v[i].len && !EVP_DigestUpdate(c, v[i].base, v[i].len))
			goto out;
	if (!EVP_DigestFinal_ex(c, out, &olen) || olen != outsz)
		goto out;
	rc = 0;
out:
	EVP_MD_CTX_free(c);
	return rc;
}

int cifsd_md5(const struct cifsd_vec *v, int n, u8 out[16])
{
	return digest(EVP_md5(), v, n, out, 16);
}

int cifsd_sha512(const struct cifsd_vec *v, int n, u8 out[64])
{
	return digest(EVP_sha512(), v, n, out, 64);
}

void cifsd_random_bytes(void *buf, size_t n)
{
	if (RAND_bytes(buf, (int)n) != 1)
		memset(buf, 0x5a, n);
}

static const EVP_CIPHER *aead_cipher(u16 cipher)
{
	switch (cipher) {
	case 0x0001:
		return EVP_aes_128_ccm();
	case 0x0002:
		return EVP_aes_128_gcm();
	case 0x0003:
		return EVP_aes_256_ccm();
	case 0x0004:
		return EVP_aes_256_gcm();
	default:
		return NULL;
	}
}

/* CCM takes the AAD in one piece: join the pieces. */
static u8 *aad_join(const struct cifsd_vec *aad, int naad, size_t *len)
{
	size_t n = 0, off = 0;
	u8 *p;
	int k;

	for (k = 0; k < naad; k++)
		n += aad[k].len;
	p = malloc(n ? n : 1);
	if (!p)
		return NULL;
	for (k = 0; k < naad; k++) {
		if (aad[k].len)
			memcpy(p + off, aad[k].base, aad[k].len);
		off += aad[k].len;
	}
	*len = n;
	return p;
}

static int aead_body(EVP_CIPHER_CTX *c, bool ccm, bool encrypt,
		     const u8 *key, const u8 *nonce,
		     const struct cifsd_vec *aad, int naad, u8 *data,
		     size_t len, u8 tag[16])
{
	size_t nlen = ccm ? 11 : 12, alen = 0;
	int outl, k, ok = 1;
	u8 *joined = NULL, fin[16];

	if (!EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_SET_IVLEN, (int)nlen, NULL))
		return -EIO;
	if (ccm && !EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_SET_TAG, 16,
					encrypt ? NULL : tag))
		return -EIO;
	if (!EVP_CipherInit_ex(c, NULL, NULL, key, nonce, encrypt))
		return -EIO;
	if (ccm) {
		if (!EVP_CipherUpdate(c, NULL, &outl, NULL, (int)len))
			return -EIO;
		joined = aad_join(aad, naad, &alen);
		if (!joined)
			return -ENOMEM;
		if (alen)
			ok = EVP_CipherUpdate(c, NULL, &outl, joined, (int)alen);
		free(joined);
	} else {
		for (k = 0; ok && k < naad; k++)
			if (aad[k].len)
				ok = EVP_CipherUpdate(c, NULL, &outl, aad[k].base,
						      (int)aad[k].len);
		if (ok && !encrypt)
			ok = EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_SET_TAG, 16,
						 tag);
	}
	if (!ok)
		return -EIO;
	/* CCM checks the tag in its (one) update when decrypting */
	if ((len || ccm) &&
	    !EVP_CipherUpdate(c, data, &outl, data, (int)len))
		return encrypt ? -EIO : -EBADMSG;
	if (!ccm && !EVP_CipherFinal_ex(c, fin, &outl))
		return encrypt ? -EIO : -EBADMSG;
	if (encrypt &&
	    !EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_GET_TAG, 16, tag))
		return -EIO;
	return 0;
}

int cifsd_aead(u16 cipher, bool encrypt, const u8 *key,
	       const u8 *nonce, const struct cifsd_vec *aad, int naad,
	       u8 *data, size_t len, u8 tag[16])
{
	const EVP_CIPHER *ev = aead_cipher(cipher);
	EVP_CIPHER_CTX *c;
	int rc;

	if (!ev || naad < 0 || len > INT_MAX)
		return -EINVAL;
	c = EVP_CIPHER_CTX_new();
	if (!c)
		return -ENOMEM;
	rc = -EIO;
	if (EVP_CipherInit_ex(c, ev, NULL, NULL, NULL, encrypt))
		rc = aead_body(c, cipher == 0x0001 || cipher == 0x0003,
			       encrypt, key, nonce, aad, naad, data, len, tag);
	EVP_CIPHER_CTX_free(c);
	return rc;
}
