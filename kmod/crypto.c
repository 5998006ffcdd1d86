// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Kernel implementation of the primitives in wire/cifsd_crypto.h.
 *
 * A transform is allocated per call: a keyed shash tfm holds its key, so
 * sharing one between threads would need a lock.  The per-request state
 * lives in the on-stack descriptor.  May sleep.
 */
#include <linux/module.h>
#include <linux/random.h>
#include <crypto/hash.h>
#include "wire/cifsd_crypto.h"

static int cifsd_shash(const char *alg, const u8 *key, size_t klen,
		       const struct cifsd_vec *v, int n, u8 *out,
		       unsigned int outsz)
{
	struct crypto_shash *tfm;
	int i, rc;

	tfm = crypto_alloc_shash(alg, 0, 0);
	if (IS_ERR(tfm))
		return PTR_ERR(tfm);
	if (crypto_shash_digestsize(tfm) != outsz) {
		rc = -EINVAL;
		goto out_free;
	}
	if (key) {
		rc = crypto_shash_setkey(tfm, key, klen);
		if (rc)
			goto out_free;
	}
	{
		SHASH_DESC_ON_STACK(desc, tfm);

		desc->tfm = tfm;
		rc = crypto_shash_init(desc);
		for (i = 0; !rc && i < n; i++)
			if (v[i].len)
				rc = crypto_shash_update(desc, v[i].base,
							 v[i].len);
		if (!rc)
			rc = crypto_shash_final(desc, out);
		shash_desc_zero(desc);
	}
out_free:
	crypto_free_shash(tfm);
	return rc;
}

int cifsd_hmac_md5(const u8 *key, size_t klen, const struct cifsd_vec *v,
		   int n, u8 out[16])
{
	return cifsd_shash("hmac(md5)", key, klen, v, n, out, 16);
}

int cifsd_hmac_sha256(const u8 *key, size_t klen, const struct cifsd_vec *v,
		      int n, u8 out[32])
{
	return cifsd_shash("hmac(sha256)", key, klen, v, n, out, 32);
}

int cifsd_aes_cmac(const u8 key[16], const struct cifsd_vec *v, int n,
		   u8 out[16])
{
	return cifsd_shash("cmac(aes)", key, 16, v, n, out, 16);
}

int cifsd_md5(const struct cifsd_vec *v, int n, u8 out[16])
{
	return cifsd_shash("md5", NULL, 0, v, n, out, 16);
}

int cifsd_sha512(const struct cifsd_vec *v, int n, u8 out[64])
{
	return cifsd_shash("sha512", NULL, 0, v, n, out, 64);
}

void cifsd_random_bytes(void *buf, size_t n)
{
	get_random_bytes(buf, n);
}

MODULE_SOFTDEP("pre: hmac md5 sha256 sha512 cmac aes");
