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
