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
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/scatterlist.h>
#include <crypto/hash.h>
#include <crypto/aead.h>
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

/* Pages that [p, p + len) touches. */
static unsigned int span_pages(const void *p, size_t len)
{
	unsigned long a = (unsigned long)p;

	if (!len)
		return 0;
	return ((a + len - 1) >> PAGE_SHIFT) - (a >> PAGE_SHIFT) + 1;
}

/* Append [p, p + len) to @sg at *@i, one entry per page it touches. */
static void sg_add(struct scatterlist *sg, unsigned int *i, const u8 *p,
		   size_t len)
{
	while (len) {
		size_t off = offset_in_page(p);
		size_t n = min_t(size_t, len, PAGE_SIZE - off);
		struct page *pg = virt_addr_valid(p) ? virt_to_page(p) :
			vmalloc_to_page(p);

		sg_set_page(&sg[(*i)++], pg, n, off);
		p += n;
		len -= n;
	}
}

#define AEAD_TAG	16
#define AEAD_IV		16

/*
 * The request's small pieces: IV, tag, and copies of the AAD pieces of
 * at most CIFSD_AEAD_SMALL bytes (they may be on the stack or in module
 * data, which a scatterlist cannot point at).
 */
struct aead_scratch {
	u8 iv[AEAD_IV];
	u8 tag[AEAD_TAG];
	u8 bounce[];
};

static int aead_run(struct crypto_aead *tfm, bool encrypt,
		    struct scatterlist *sg, size_t aad_len, size_t len, u8 *iv)
{
	DECLARE_CRYPTO_WAIT(wait);
	struct aead_request *req;
	int rc;

	req = aead_request_alloc(tfm, GFP_KERNEL);
	if (!req)
		return -ENOMEM;
	aead_request_set_callback(req, CRYPTO_TFM_REQ_MAY_SLEEP |
				  CRYPTO_TFM_REQ_MAY_BACKLOG,
				  crypto_req_done, &wait);
	aead_request_set_ad(req, aad_len);
	aead_request_set_crypt(req, sg, sg, encrypt ? len : len + AEAD_TAG,
			       iv);
	rc = crypto_wait_req(encrypt ? crypto_aead_encrypt(req) :
			     crypto_aead_decrypt(req), &wait);
	aead_request_free(req);
	return rc;
}

int cifsd_aead(u16 cipher, bool encrypt, const u8 *key,
	       const u8 *nonce, const struct cifsd_vec *aad, int naad,
	       u8 *data, size_t len, u8 tag[16])
{
	size_t klen = cifsd_cipher_key_len(cipher), aad_len = 0, small = 0;
	bool ccm = cifsd_cipher_nonce_len(cipher) == 11;
	struct aead_scratch *sc = NULL;
	struct scatterlist *sg = NULL;
	struct crypto_aead *tfm;
	unsigned int nsg, i = 0;
	u8 *b;
	int k, rc;

	if (!klen || naad < 0)
		return -EINVAL;
	nsg = 2 + span_pages(data, len);	/* the tag may straddle a page */
	for (k = 0; k < naad; k++) {
		aad_len += aad[k].len;
		if (aad[k].len <= CIFSD_AEAD_SMALL) {
			small += aad[k].len;
			nsg += 2;
		} else {
			nsg += span_pages(aad[k].base, aad[k].len);
		}
	}
	if (aad_len > UINT_MAX || len > UINT_MAX - AEAD_TAG)
		return -EINVAL;
	tfm = crypto_alloc_aead(ccm ? "ccm(aes)" : "gcm(aes)", 0, 0);
	if (IS_ERR(tfm))
		return PTR_ERR(tfm);
	rc = crypto_aead_setkey(tfm, key, klen);
	if (!rc)
		rc = crypto_aead_setauthsize(tfm, AEAD_TAG);
	if (rc)
		goto out;
	rc = -ENOMEM;
	sc = kzalloc(sizeof(*sc) + small, GFP_KERNEL);
	sg = kvmalloc_array(nsg, sizeof(*sg), GFP_KERNEL);
	if (!sc || !sg)
		goto out;
	sg_init_table(sg, nsg);
	b = sc->bounce;
	for (k = 0; k < naad; k++) {
		if (aad[k].len <= CIFSD_AEAD_SMALL) {
			memcpy(b, aad[k].base, aad[k].len);
			sg_add(sg, &i, b, aad[k].len);
			b += aad[k].len;
		} else {
			sg_add(sg, &i, aad[k].base, aad[k].len);
		}
	}
	sg_add(sg, &i, data, len);
	if (!encrypt)
		memcpy(sc->tag, tag, AEAD_TAG);
	sg_add(sg, &i, sc->tag, AEAD_TAG);
	sg_mark_end(&sg[i - 1]);
	if (ccm) {
		/* RFC 3610 flags byte: L' = 15 - 11 - 1 */
		sc->iv[0] = 3;
		memcpy(sc->iv + 1, nonce, 11);
	} else {
		memcpy(sc->iv, nonce, 12);
	}
	rc = aead_run(tfm, encrypt, sg, aad_len, len, sc->iv);
	if (!rc && encrypt)
		memcpy(tag, sc->tag, AEAD_TAG);
out:
	kvfree(sg);
	kfree_sensitive(sc);
	crypto_free_aead(tfm);
	return rc;
}

MODULE_SOFTDEP("pre: hmac md5 sha256 sha512 cmac aes gcm ccm ctr ghash");
