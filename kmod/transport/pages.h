/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * File data that travels with a reply without being copied into the
 * reply buffer (MS-SMB2 READ payloads), handed to the socket after the
 * reply (with MSG_SPLICE_PAGES where the kernel has it, so TCP takes its
 * own page references and nothing is copied again).  Either pages the
 * server owns, filled through an ITER_BVEC iterator
 * (cifsd_pages_alloc), or references to the file's page cache pages
 * taken by splice (cifsd_pages_splice): no copy at all, but the bytes
 * sent are what the pages hold when TCP sends them, so a reply that is
 * signed uses its own pages.
 *
 * Lifetime: allocated by the response writer for one reply, owned by the
 * work until the reply is handed to the connection, then by the
 * connection's send queue; cifsd_pages_free() is the one release, on
 * every path (sent, error reply, encryption fallback, teardown).  The
 * pages' bytes are counted in conn->mem while held.
 */
#ifndef CIFSD_PAGES_H
#define CIFSD_PAGES_H

#include <linux/bvec.h>
#include <linux/uio.h>

struct cifsd_conn;

struct cifsd_pages {
	size_t len;		/* bytes of data to send, <= cap */
	size_t cap;		/* bytes bv[] covers */
	size_t charge;		/* bytes counted in conn->mem */
	unsigned int nr;	/* entries in bv[], one page reference each */
	unsigned int max;	/* room in bv[] */
	struct bio_vec bv[];	/* each within one page */
};

/* Pages for @cap bytes, counted in @conn's memory; NULL without memory. */
struct cifsd_pages *cifsd_pages_alloc(struct cifsd_conn *conn, size_t cap);
/* Keep the first @len bytes (<= cap), release the pages after them. */
void cifsd_pages_trim(struct cifsd_conn *conn, struct cifsd_pages *p,
		      size_t len);
/*
 * Up to @len bytes of @filp at *@pos as references to its page cache
 * pages (splice); *@pos advances.  NULL with *@err: -EOPNOTSUPP when
 * the file cannot be spliced (read it into cifsd_pages_alloc pages), or
 * the read's error; NULL with *@err 0 at end of file.
 */
struct file;
struct cifsd_pages *cifsd_pages_splice(struct cifsd_conn *conn,
				       struct file *filp, loff_t *pos,
				       size_t len, int *err);
/* An iterator for the handler to fill the first @len bytes. */
void cifsd_pages_iter(struct cifsd_pages *p, struct iov_iter *it, size_t len);
/* Copy the first p->len bytes to @dst. */
void cifsd_pages_copy_out(const struct cifsd_pages *p, void *dst);
void cifsd_pages_free(struct cifsd_conn *conn, struct cifsd_pages *p);

#endif /* CIFSD_PAGES_H */
