/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Named streams ("file:name:$DATA") stored in user xattrs of the file or
 * directory they belong to (meta.h lists every xattr the server uses).
 *
 * One xattr value holds at most 64 KiB (XATTR_SIZE_MAX), so a stream is
 * split in chunks of CIFSD_STREAM_CHUNK bytes:
 *
 *   user.cifsd.stream.NAME       bytes [0, 64 KiB)
 *   user.cifsd.stream.NAME:N     bytes [N * 64 KiB, (N + 1) * 64 KiB)
 *
 * Every chunk but the last is full, and chunk 0 always exists (a stream
 * of size 0 is an empty chunk 0), so the size is that of the chunks.
 * NAME is the stream name as the client created it (it cannot contain
 * ':'); lookups ignore ASCII case.  The limits are module parameters
 * (/sys/module/cifsd/parameters): stream_max_size bytes per stream and
 * streams_max named streams per file; a write past the first is
 * STATUS_DISK_FULL, a create past the second STATUS_INSUFFICIENT_RESOURCES.
 *
 * Data is read and written with the server's credentials, after the SMB
 * access check of the open.  Writers of one file's streams are serialised
 * by a hashed mutex (each write is a read-modify-write of its chunks).
 */
#ifndef CIFSD_STREAMS_H
#define CIFSD_STREAMS_H

#include <linux/fs.h>
#include <linux/path.h>

#define CIFSD_XATTR_STREAM	"user.cifsd.stream."
#define CIFSD_STREAM_CHUNK	65536

extern unsigned int cifsd_stream_max_size;	/* parameter stream_max_size */
extern unsigned int cifsd_streams_max;		/* parameter streams_max */

void cifsd_streams_init(void);

/*
 * Find the stream @name (@len bytes) of @d ignoring ASCII case: 0 with
 * *@real the stored name (kmalloc'ed), -ENOENT, or an error.
 */
int cifsd_stream_find(struct dentry *d, const char *name, size_t len,
		      char **real);
/* Create an empty stream; -EEXIST, -ENOSPC over streams_max. */
int cifsd_stream_create(const struct path *p, const char *name);
int cifsd_stream_size(struct dentry *d, const char *name, u64 *size);
/* Read up to @len bytes at @off: bytes read (0 at or past the end). */
ssize_t cifsd_stream_read(struct dentry *d, const char *name, void *buf,
			  size_t len, u64 off);
/* Write @len bytes at @off: @len, or -EFBIG past stream_max_size. */
ssize_t cifsd_stream_write(const struct path *p, const char *name,
			   const void *buf, size_t len, u64 off);
int cifsd_stream_truncate(const struct path *p, const char *name, u64 size);
int cifsd_stream_remove(const struct path *p, const char *name);
/* Rename stream @from to @to (stored name); -EEXIST unless @replace. */
int cifsd_stream_rename(const struct path *p, const char *from,
			const char *to, bool replace);
/* Remove every named stream (a file overwritten or superseded). */
int cifsd_stream_remove_all(const struct path *p);
/*
 * Call @fn for each named stream of @d with its name and size, until it
 * returns non-zero (which is returned).
 */
int cifsd_stream_for_each(struct dentry *d,
			  int (*fn)(void *arg, const char *name, u64 size),
			  void *arg);

#endif /* CIFSD_STREAMS_H */
