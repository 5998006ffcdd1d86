// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Named streams kept in chunked user xattrs (streams.h).
 */
#include <linux/fs.h>
#include <linux/xattr.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/hash.h>
#include <linux/mutex.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include "compat.h"
#include "vfs.h"
#include "meta.h"
#include "streams.h"
#include "stats.h"
#include "wire/streamname.h"

unsigned int cifsd_stream_max_size = 8 << 20;
module_param_named(stream_max_size, cifsd_stream_max_size, uint, 0644);
MODULE_PARM_DESC(stream_max_size, "largest named stream in bytes");
unsigned int cifsd_streams_max = 64;
module_param_named(streams_max, cifsd_streams_max, uint, 0644);
MODULE_PARM_DESC(streams_max, "most named streams per file");

#define PFX_LEN		(sizeof(CIFSD_XATTR_STREAM) - 1)
#define XNAME_SIZE	(XATTR_NAME_MAX + 1)
#define LOCK_BITS	6

static struct mutex stream_locks[1 << LOCK_BITS];

void cifsd_streams_init(void)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(stream_locks); i++)
		mutex_init(&stream_locks[i]);
}

static struct mutex *lock_of(struct dentry *d)
{
	return &stream_locks[hash_ptr(d_inode(d), LOCK_BITS)];
}

/* Chunks a stream may have: one more than the size limit needs. */
static u32 max_chunks(void)
{
	return READ_ONCE(cifsd_stream_max_size) / CIFSD_STREAM_CHUNK + 2;
}

static int xname(char *buf, const char *name, u32 idx)
{
	int n;

	if (idx)
		n = snprintf(buf, XNAME_SIZE, "%s%s:%u", CIFSD_XATTR_STREAM,
			     name, idx);
	else
		n = snprintf(buf, XNAME_SIZE, "%s%s", CIFSD_XATTR_STREAM, name);
	return n >= XNAME_SIZE ? -ENAMETOOLONG : 0;
}

static ssize_t chunk_get(struct dentry *d, const char *name, u32 idx,
			 void *buf, size_t size)
{
	char x[XNAME_SIZE];
	int err = xname(x, name, idx);

	if (err)
		return err;
	return cifsd_xattr_get(d, x, buf, size);
}

static int chunk_set(const struct path *p, const char *name, u32 idx,
		     const void *buf, size_t size)
{
	static const u8 empty;
	char x[XNAME_SIZE];
	int err = xname(x, name, idx);

	if (err)
		return err;
	/* a NULL value would remove the xattr on some file systems */
	return cifsd_xattr_set(p, x, size ? buf : &empty, size, 0);
}

static int chunk_remove(const struct path *p, const char *name, u32 idx)
{
	char x[XNAME_SIZE];
	int err = xname(x, name, idx);

	if (err)
		return err;
	return cifsd_xattr_remove(p, x);
}

static int size_locked(struct dentry *d, const char *name, u64 *size)
{
	u32 i, max = max_chunks();
	ssize_t r;

	*size = 0;
	for (i = 0; i < max; i++) {
		r = chunk_get(d, name, i, NULL, 0);
		if (r == -ENODATA)
			return i ? 0 : -ENOENT;
		if (r < 0)
			return r;
		*size += r;
		if (r < CIFSD_STREAM_CHUNK)
			return 0;
	}
	return 0;
}

int cifsd_stream_size(struct dentry *d, const char *name, u64 *size)
{
	struct mutex *m = lock_of(d);
	int err;

	mutex_lock(m);
	err = size_locked(d, name, size);
	mutex_unlock(m);
	return err;
}

/* A stream's chunk-0 xattr name: the stream name, or NULL. */
static const char *stream_of_xattr(const char *x)
{
	if (strncmp(x, CIFSD_XATTR_STREAM, PFX_LEN) || !x[PFX_LEN] ||
	    strchr(x + PFX_LEN, ':'))
		return NULL;
	return x + PFX_LEN;
}

int cifsd_stream_find(struct dentry *d, const char *name, size_t len,
		      char **real)
{
	char *want, *list, *x;
	const char *s;
	ssize_t n;
	int err = -ENOENT;

	*real = NULL;
	want = kstrndup(name, len, GFP_KERNEL);
	if (!want)
		return -ENOMEM;
	n = chunk_get(d, want, 0, NULL, 0);
	if (n >= 0) {
		*real = want;
		return 0;
	}
	if (n != -ENODATA) {
		kfree(want);
		return n == -EOPNOTSUPP ? -ENOENT : n;
	}
	kfree(want);
	n = cifsd_xattr_list(d, &list);
	if (n <= 0)
		return n < 0 ? n : -ENOENT;
	for (x = list; x < list + n; x += strlen(x) + 1) {
		s = stream_of_xattr(x);
		if (s && strlen(s) == len && !strncasecmp(s, name, len)) {
			*real = kstrdup(s, GFP_KERNEL);
			err = *real ? 0 : -ENOMEM;
			break;
		}
	}
	kvfree(list);
	return err;
}

static int count_fn(void *arg, const char *name, u64 size)
{
	(*(u32 *)arg)++;
	return 0;
}

int cifsd_stream_create(const struct path *p, const char *name)
{
	struct mutex *m = lock_of(p->dentry);
	static const u8 empty;
	char x[XNAME_SIZE];
	u32 count = 0;
	int err;

	err = xname(x, name, 0);
	if (err)
		return err;
	err = cifsd_stream_for_each(p->dentry, count_fn, &count);
	if (err)
		return err;
	if (count >= READ_ONCE(cifsd_streams_max)) {
		cifsd_stat_inc(CIFSD_STAT_STREAMS_REFUSED);
		return -ENOSPC;
	}
	mutex_lock(m);
	err = cifsd_xattr_set(p, x, &empty, 0, XATTR_CREATE);
	mutex_unlock(m);
	return err;
}

ssize_t cifsd_stream_read(struct dentry *d, const char *name, void *buf,
			  size_t len, u64 off)
{
	struct mutex *m = lock_of(d);
	size_t done = 0, coff, n;
	u8 *tmp = NULL;
	ssize_t r = 0;
	u64 size;
	u32 idx;
	int err;

	mutex_lock(m);
	err = size_locked(d, name, &size);
	if (err || off >= size)
		goto out;
	len = min_t(u64, len, size - off);
	while (done < len) {
		idx = (off + done) / CIFSD_STREAM_CHUNK;
		coff = (off + done) % CIFSD_STREAM_CHUNK;
		n = min_t(size_t, len - done, CIFSD_STREAM_CHUNK - coff);
		if (!coff && n == CIFSD_STREAM_CHUNK) {
			r = chunk_get(d, name, idx, (u8 *)buf + done, n);
		} else {
			if (!tmp)
				tmp = kvmalloc(CIFSD_STREAM_CHUNK, GFP_KERNEL);
			if (!tmp) {
				err = -ENOMEM;
				break;
			}
			r = chunk_get(d, name, idx, tmp, CIFSD_STREAM_CHUNK);
			if (r >= 0 && r < coff + n)
				r = -EIO;	/* changed under us */
			if (r >= 0)
				memcpy((u8 *)buf + done, tmp + coff, n);
		}
		if (r < 0) {
			err = r;
			break;
		}
		done += n;
	}
out:
	mutex_unlock(m);
	kvfree(tmp);
	return done ? done : err;
}

/*
 * Grow or shrink from @cur to @size bytes (zeros added); @tmp is a
 * CIFSD_STREAM_CHUNK buffer.
 */
static int resize_locked(const struct path *p, const char *name, u64 cur,
			 u64 size, u8 *tmp)
{
	u32 idx, last;
	u64 cstart;
	size_t ol, nl;
	ssize_t r;
	int err;

	if (size > cur) {
		for (idx = cur / CIFSD_STREAM_CHUNK;
		     (u64)idx * CIFSD_STREAM_CHUNK < size; idx++) {
			cstart = (u64)idx * CIFSD_STREAM_CHUNK;
			ol = cur > cstart ? cur - cstart : 0;
			nl = min_t(u64, size - cstart, CIFSD_STREAM_CHUNK);
			if (nl <= ol)
				continue;
			memset(tmp, 0, nl);
			if (ol) {
				r = chunk_get(p->dentry, name, idx, tmp, ol);
				if (r < 0)
					return r;
			}
			err = chunk_set(p, name, idx, tmp, nl);
			if (err)
				return err;
		}
		return 0;
	}
	last = size ? (size - 1) / CIFSD_STREAM_CHUNK : 0;
	for (idx = cur ? (cur - 1) / CIFSD_STREAM_CHUNK : 0; idx > last;
	     idx--) {
		err = chunk_remove(p, name, idx);
		if (err && err != -ENODATA)
			return err;
	}
	nl = size - (u64)last * CIFSD_STREAM_CHUNK;
	r = chunk_get(p->dentry, name, last, tmp, CIFSD_STREAM_CHUNK);
	if (r < 0)
		return r;
	if (nl >= r)
		return 0;
	return chunk_set(p, name, last, tmp, nl);
}

int cifsd_stream_truncate(const struct path *p, const char *name, u64 size)
{
	struct mutex *m = lock_of(p->dentry);
	u8 *tmp;
	u64 cur;
	int err;

	if (size > READ_ONCE(cifsd_stream_max_size)) {
		cifsd_stat_inc(CIFSD_STAT_STREAMS_REFUSED);
		return -EFBIG;
	}
	tmp = kvmalloc(CIFSD_STREAM_CHUNK, GFP_KERNEL);
	if (!tmp)
		return -ENOMEM;
	mutex_lock(m);
	err = size_locked(p->dentry, name, &cur);
	if (!err && cur != size)
		err = resize_locked(p, name, cur, size, tmp);
	mutex_unlock(m);
	kvfree(tmp);
	return err;
}

ssize_t cifsd_stream_write(const struct path *p, const char *name,
			   const void *buf, size_t len, u64 off)
{
	struct mutex *m = lock_of(p->dentry);
	u64 cur, end = off + len, cstart;
	size_t a, b, ol, nl;
	u8 *tmp;
	ssize_t r;
	u32 idx;
	int err;

	if (!len)
		return 0;
	if (off > READ_ONCE(cifsd_stream_max_size) ||
	    len > READ_ONCE(cifsd_stream_max_size) - off) {
		cifsd_stat_inc(CIFSD_STAT_STREAMS_REFUSED);
		return -EFBIG;
	}
	tmp = kvmalloc(CIFSD_STREAM_CHUNK, GFP_KERNEL);
	if (!tmp)
		return -ENOMEM;
	mutex_lock(m);
	err = size_locked(p->dentry, name, &cur);
	if (!err && off > cur) {
		err = resize_locked(p, name, cur, off, tmp);
		cur = off;
	}
	for (idx = off / CIFSD_STREAM_CHUNK;
	     !err && (u64)idx * CIFSD_STREAM_CHUNK < end; idx++) {
		cstart = (u64)idx * CIFSD_STREAM_CHUNK;
		a = max(off, cstart) - cstart;
		b = min_t(u64, end - cstart, CIFSD_STREAM_CHUNK);
		ol = cur > cstart ? min_t(u64, cur - cstart,
					  CIFSD_STREAM_CHUNK) : 0;
		nl = max(ol, b);
		if (a == 0 && b >= ol) {
			/* the whole chunk comes from the request */
			err = chunk_set(p, name, idx,
					(const u8 *)buf + (cstart - off), nl);
			continue;
		}
		if (ol) {
			r = chunk_get(p->dentry, name, idx, tmp, ol);
			if (r != ol) {
				err = r < 0 ? r : -EIO;
				break;
			}
		}
		memset(tmp + ol, 0, nl - ol);
		memcpy(tmp + a, (const u8 *)buf + (cstart + a - off), b - a);
		err = chunk_set(p, name, idx, tmp, nl);
	}
	mutex_unlock(m);
	kvfree(tmp);
	return err ? err : len;
}

int cifsd_stream_remove(const struct path *p, const char *name)
{
	struct mutex *m = lock_of(p->dentry);
	u32 i, max = max_chunks();
	int err = 0;

	mutex_lock(m);
	for (i = 1; i < max; i++) {
		err = chunk_remove(p, name, i);
		if (err)
			break;
	}
	err = chunk_remove(p, name, 0);
	mutex_unlock(m);
	return err == -ENODATA ? -ENOENT : err;
}

int cifsd_stream_rename(const struct path *p, const char *from,
			const char *to, bool replace)
{
	struct mutex *m = lock_of(p->dentry);
	u32 i, max = max_chunks();
	ssize_t r;
	u8 *tmp;
	int err;

	r = chunk_get(p->dentry, to, 0, NULL, 0);
	if (r >= 0 && !replace)
		return -EEXIST;
	if (r >= 0) {
		err = cifsd_stream_remove(p, to);
		if (err)
			return err;
	}
	tmp = kvmalloc(CIFSD_STREAM_CHUNK, GFP_KERNEL);
	if (!tmp)
		return -ENOMEM;
	mutex_lock(m);
	for (i = 0, err = 0; i < max && !err; i++) {
		r = chunk_get(p->dentry, from, i, tmp, CIFSD_STREAM_CHUNK);
		if (r == -ENODATA && i)
			break;
		if (r < 0) {
			err = r;
			break;
		}
		err = chunk_set(p, to, i, tmp, r);
	}
	mutex_unlock(m);
	kvfree(tmp);
	if (err)
		return err;
	return cifsd_stream_remove(p, from);
}

int cifsd_stream_remove_all(const struct path *p)
{
	char *list, *x;
	const char *s;
	ssize_t n;
	int err = 0;

	n = cifsd_xattr_list(p->dentry, &list);
	if (n <= 0)
		return n;
	for (x = list; x < list + n && !err; x += strlen(x) + 1) {
		s = stream_of_xattr(x);
		if (s)
			err = cifsd_stream_remove(p, s);
		if (err == -ENOENT)
			err = 0;
	}
	kvfree(list);
	return err;
}

int cifsd_stream_for_each(struct dentry *d,
			  int (*fn)(void *arg, const char *name, u64 size),
			  void *arg)
{
	char *list, *x;
	const char *s;
	ssize_t n;
	u64 size;
	int err = 0;

	n = cifsd_xattr_list(d, &list);
	if (n <= 0)
		return n;
	for (x = list; x < list + n && !err; x += strlen(x) + 1) {
		s = stream_of_xattr(x);
		if (!s || cifsd_stream_size(d, s, &size))
			continue;
		err = fn(arg, s, size);
	}
	kvfree(list);
	return err;
}
