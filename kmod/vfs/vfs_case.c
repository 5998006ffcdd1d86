// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Case-insensitive name lookup ("case sensitive = auto|no").
 *
 * A name is first looked up as given (cifsd_lookup_unlocked).  Only when
 * that finds nothing is the directory searched for a name that differs
 * in case, with this cost bound:
 *   - a casefolded directory (ext4 or tmpfs with casefold) already did a
 *     case-insensitive lookup: nothing more is done;
 *   - a scan reads at most case_scan_max entries (module parameter, also
 *     in /sys/fs/cifsd/limits); a larger directory is not searched past
 *     that, and a client of such a directory sees exact-case names only;
 *   - a scan that finds nothing leaves a 4096-bit Bloom filter of the
 *     folded names of the directory in a fixed 64-slot cache (32 KiB),
 *     keyed by the directory and its change cookie (ctime, mtime, size,
 *     i_version).  While the directory does not change, a name whose bits
 *     are not all set is known to be absent without a scan.  This is the
 *     common case: Windows and macOS clients probe for names that do not
 *     exist (desktop.ini, .DS_Store, ._*, autorun.inf) in every directory
 *     they show.  Every change to a directory changes its cookie on the
 *     file systems shares live on (size on tmpfs, i_version on ext4, xfs
 *     and btrfs, and the times everywhere), so a stale filter is never
 *     used for more than one timestamp tick on the others.
 * Counted in /sys/fs/cifsd/stats: case_scans, case_scan_cache_hits,
 * case_scans_truncated.
 *
 * Case folding is Windows' simple per-code-unit upcasing (utf16_toupper:
 * ASCII, Latin-1, Latin Extended-A, Greek, Cyrillic).
 */
#include <linux/fs.h>
#include <linux/namei.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/moduleparam.h>
#include <linux/iversion.h>
#include <linux/file.h>
#include <linux/hash.h>
#include "compat.h"
#include "vfs.h"
#include "stats.h"
#include "wire/utf16.h"

unsigned int cifsd_case_scan_max = 100000;
module_param_named(case_scan_max, cifsd_case_scan_max, uint, 0644);
MODULE_PARM_DESC(case_scan_max,
		 "most directory entries read to find a name ignoring case");

#define CASE_SLOTS	64
#define BLOOM_BITS	4096

struct case_key {
	const void *inode;
	unsigned long ino;
	struct timespec64 ctime, mtime;
	loff_t size;
	u64 iversion;
};

struct case_slot {
	struct case_key key;
	bool valid;
	DECLARE_BITMAP(bloom, BLOOM_BITS);
};

static struct case_slot case_cache[CASE_SLOTS];
static DEFINE_SPINLOCK(case_lock);

/* Next code point of a UTF-8 string; invalid bytes stand for themselves. */
static u32 next_cp(const u8 **p, const u8 *end)
{
	const u8 *s = *p;
	u32 c = s[0];
	int n = 0, i;

	if (c < 0x80) {
		*p = s + 1;
		return c;
	}
	if (c >= 0xF0 && c < 0xF8)
		n = 3, c &= 0x07;
	else if (c >= 0xE0 && c < 0xF0)
		n = 2, c &= 0x0F;
	else if (c >= 0xC0 && c < 0xE0)
		n = 1, c &= 0x1F;
	/* a lead byte and its n continuation bytes, all inside */
	if (n && end - s > n) {
		for (i = 1; i <= n; i++) {
			if ((s[i] & 0xC0) != 0x80)
				break;
			c = (c << 6) | (s[i] & 0x3F);
		}
		if (i > n) {
			*p = s + n + 1;
			return c;
		}
	}
	*p = s + 1;
	return 0x80000000u | s[0];	/* never equal to a real code point */
}

static u32 fold_cp(u32 c)
{
	return c <= 0xFFFF ? utf16_toupper(c) : c;
}

static u32 fold_hash(const char *name, int len)
{
	const u8 *p = (const u8 *)name, *end = p + len;
	u32 h = 2166136261u;

	while (p < end) {
		h ^= fold_cp(next_cp(&p, end));
		h *= 16777619u;
	}
	return h;
}

static bool fold_equal(const char *a, int alen, const char *b, int blen)
{
	const u8 *p = (const u8 *)a, *pe = p + alen;
	const u8 *q = (const u8 *)b, *qe = q + blen;

	while (p < pe && q < qe)
		if (fold_cp(next_cp(&p, pe)) != fold_cp(next_cp(&q, qe)))
			return false;
	return p == pe && q == qe;
}

static void bloom_add(unsigned long *bits, u32 h)
{
	__set_bit(h % BLOOM_BITS, bits);
	__set_bit((h * 0x9E3779B1u >> 7) % BLOOM_BITS, bits);
}

static bool bloom_has(const unsigned long *bits, u32 h)
{
	return test_bit(h % BLOOM_BITS, bits) &&
	       test_bit((h * 0x9E3779B1u >> 7) % BLOOM_BITS, bits);
}

static void dir_key(struct inode *inode, struct case_key *k)
{
	memset(k, 0, sizeof(*k));
	k->inode = inode;
	k->ino = inode->i_ino;
	k->ctime = inode_get_ctime(inode);
	k->mtime = cifsd_inode_mtime(inode);
	k->size = i_size_read(inode);
	k->iversion = inode_peek_iversion_raw(inode);
}

static struct case_slot *slot_of(const struct inode *inode)
{
	return &case_cache[hash_ptr((void *)inode, 6) % CASE_SLOTS];
}

/* Known absent from the unchanged directory? */
static bool cache_says_absent(struct inode *inode, u32 h)
{
	struct case_slot *s = slot_of(inode);
	struct case_key k;
	bool absent;

	dir_key(inode, &k);
	spin_lock(&case_lock);
	absent = s->valid && !memcmp(&s->key, &k, sizeof(k)) &&
		 !bloom_has(s->bloom, h);
	spin_unlock(&case_lock);
	return absent;
}

static void cache_store(struct inode *inode, const struct case_key *k,
			const unsigned long *bloom)
{
	struct case_slot *s = slot_of(inode);

	spin_lock(&case_lock);
	s->key = *k;
	bitmap_copy(s->bloom, bloom, BLOOM_BITS);
	s->valid = true;
	spin_unlock(&case_lock);
}

struct case_scan {
	struct dir_context ctx;
	const char *name;
	int len;
	unsigned int seen;
	bool truncated;
	char *found;
	int found_len;
	unsigned long *bloom;
};

static bool case_actor(struct dir_context *ctx, const char *name, int len,
		       loff_t off, u64 ino, unsigned int type)
{
	struct case_scan *cs = container_of(ctx, struct case_scan, ctx);

	if ((len == 1 && name[0] == '.') ||
	    (len == 2 && name[0] == '.' && name[1] == '.'))
		return true;
	if (++cs->seen > READ_ONCE(cifsd_case_scan_max)) {
		cs->truncated = true;
		return false;
	}
	if (fold_equal(name, len, cs->name, cs->len)) {
		cs->found = kmemdup_nul(name, len, GFP_KERNEL);
		cs->found_len = len;
		return false;
	}
	bloom_add(cs->bloom, fold_hash(name, len));
	return true;
}

struct dentry *cifsd_lookup_nocase(const struct path *dir, const char *name,
				   int len, char **real)
{
	struct inode *inode = d_inode(dir->dentry);
	struct case_scan cs = { .ctx.actor = case_actor, .name = name,
				.len = len };
	struct case_key key;
	struct dentry *d;
	struct file *f;
	u32 h = fold_hash(name, len);
	int err;

	*real = NULL;
	if (IS_CASEFOLDED(inode))
		return NULL;
	if (cache_says_absent(inode, h)) {
		cifsd_stat_inc(CIFSD_STAT_CASE_CACHE_HITS);
		return NULL;
	}
	cs.bloom = bitmap_zalloc(BLOOM_BITS, GFP_KERNEL);
	if (!cs.bloom)
		return ERR_PTR(-ENOMEM);
	dir_key(inode, &key);	/* before the scan: a change during it shows */
	f = dentry_open(dir, O_RDONLY | O_DIRECTORY | O_LARGEFILE,
			current_cred());
	if (IS_ERR(f)) {
		/* not readable by this user: only exact names then */
		bitmap_free(cs.bloom);
		return NULL;
	}
	cifsd_stat_inc(CIFSD_STAT_CASE_SCANS);
	err = iterate_dir(f, &cs.ctx);
	fput(f);
	if (cs.truncated)
		cifsd_stat_inc(CIFSD_STAT_CASE_SCANS_TRUNCATED);
	else if (!err && !cs.found)
		cache_store(inode, &key, cs.bloom);
	bitmap_free(cs.bloom);
	if (!cs.found)
		return err ? ERR_PTR(err) : NULL;
	d = cifsd_lookup_unlocked(dir, cs.found, cs.found_len);
	if (IS_ERR(d) || d_is_negative(d)) {
		/* renamed or removed since: as if not there */
		if (!IS_ERR(d))
			dput(d);
		kfree(cs.found);
		return IS_ERR(d) ? d : NULL;
	}
	*real = cs.found;
	return d;
}
