// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Pages of file data attached to a reply (pages.h).
 */

#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/fs.h>
#include <linux/pipe_fs_i.h>
#include <linux/splice.h>

#include "conn.h"
#include "pages.h"

struct cifsd_pages *cifsd_pages_alloc(struct cifsd_conn *conn, size_t cap)
{
	unsigned int nr = DIV_ROUND_UP(cap, PAGE_SIZE), got = 0, i;
	struct cifsd_pages *p;
	struct page **pages;

	if (!cap)
		return NULL;
	/* the page pointers sit behind the bvecs until they are filled in */
	p = kvzalloc(struct_size(p, bv, nr) + nr * sizeof(*pages), GFP_KERNEL);
	if (!p)
		return NULL;
	pages = (struct page **)&p->bv[nr];
	while (got < nr) {
		unsigned int n = alloc_pages_bulk_array(GFP_KERNEL, nr, pages);

		if (n == got)
			break;		/* no progress: out of memory */
		got = n;
	}
	if (got < nr) {
		for (i = 0; i < nr; i++)
			if (pages[i])
				put_page(pages[i]);
		kvfree(p);
		return NULL;
	}
	/* bv[i] and pages[i] do not overlap: the pointers are behind bv[nr] */
	for (i = 0; i < nr; i++)
		bvec_set_page(&p->bv[i], pages[i], PAGE_SIZE, 0);
	p->nr = nr;
	p->max = nr;
	p->cap = cap;
	p->len = 0;
	p->charge = (size_t)nr * PAGE_SIZE;
	cifsd_conn_charge(conn, p->charge);
	return p;
}

void cifsd_pages_trim(struct cifsd_conn *conn, struct cifsd_pages *p,
		      size_t len)
{
	size_t have = 0;
	unsigned int keep = 0;

	if (WARN_ON_ONCE(len > p->cap))
		len = p->cap;
	while (keep < p->nr && have < len)
		have += p->bv[keep++].bv_len;
	while (p->nr > keep) {
		p->nr--;
		p->cap -= p->bv[p->nr].bv_len;
		put_page(p->bv[p->nr].bv_page);
		p->bv[p->nr].bv_page = NULL;
		cifsd_conn_uncharge(conn, PAGE_SIZE);
		p->charge -= PAGE_SIZE;
	}
	p->len = len;
}

/* One pipe buffer of page cache data: reference its pages. */
static int pages_splice_actor(struct pipe_inode_info *pipe,
			      struct pipe_buffer *buf, struct splice_desc *sd)
{
	struct cifsd_pages *p = sd->u.data;
	struct page *page = buf->page + buf->offset / PAGE_SIZE;
	unsigned int off = offset_in_page(buf->offset);
	size_t left = sd->len;

	while (left) {
		unsigned int n = min_t(size_t, left, PAGE_SIZE - off);

		if (p->nr == p->max)
			return -EFBIG;	/* smaller pieces than planned */
		get_page(page);
		bvec_set_page(&p->bv[p->nr++], page, n, off);
		p->cap += n;
		left -= n;
		page++;
		off = 0;
	}
	return sd->len;
}

static int pages_direct_actor(struct pipe_inode_info *pipe,
			      struct splice_desc *sd)
{
	return __splice_from_pipe(pipe, sd, pages_splice_actor);
}

struct cifsd_pages *cifsd_pages_splice(struct cifsd_conn *conn,
				       struct file *filp, loff_t *pos,
				       size_t len, int *err)
{
	/* each page cache page once, plus a partial one at each end */
	unsigned int max = DIV_ROUND_UP(len, PAGE_SIZE) + 2;
	struct splice_desc sd = { .total_len = len, .pos = *pos };
	struct cifsd_pages *p;
	ssize_t ret;

	*err = -EOPNOTSUPP;
	if (!len || !S_ISREG(file_inode(filp)->i_mode) ||
	    !filp->f_op->splice_read)
		return NULL;
	*err = -ENOMEM;
	p = kvzalloc(struct_size(p, bv, max), GFP_KERNEL);
	if (!p)
		return NULL;
	p->max = max;
	sd.u.data = p;
	ret = splice_direct_to_actor(filp, &sd, pages_direct_actor);
	p->charge = (size_t)p->nr * PAGE_SIZE;
	cifsd_conn_charge(conn, p->charge);
	if (ret <= 0 || (size_t)ret > p->cap) {
		/* -EFBIG: the file's pieces did not fit, read it the other way */
		*err = ret == -EFBIG || ret > 0 ? -EOPNOTSUPP : (int)ret;
		cifsd_pages_free(conn, p);
		return NULL;
	}
	/* a short read that is not at the end: read it the other way */
	if ((size_t)ret < len && *pos + ret < i_size_read(file_inode(filp))) {
		*err = -EOPNOTSUPP;
		cifsd_pages_free(conn, p);
		return NULL;
	}
	cifsd_pages_trim(conn, p, ret);
	*pos += ret;
	*err = 0;
	return p;
}

void cifsd_pages_iter(struct cifsd_pages *p, struct iov_iter *it, size_t len)
{
	iov_iter_bvec(it, ITER_DEST, p->bv, p->nr, min(len, p->cap));
}

void cifsd_pages_copy_out(const struct cifsd_pages *p, void *dst)
{
	size_t left = p->len;
	unsigned int i;

	for (i = 0; i < p->nr && left; i++) {
		size_t n = min_t(size_t, left, p->bv[i].bv_len);

		memcpy_from_page(dst, p->bv[i].bv_page, p->bv[i].bv_offset, n);
		dst += n;
		left -= n;
	}
}

void cifsd_pages_free(struct cifsd_conn *conn, struct cifsd_pages *p)
{
	unsigned int i;

	if (!p)
		return;
	/* TCP holds its own references on pages it still has to send */
	for (i = 0; i < p->nr; i++)
		put_page(p->bv[i].bv_page);
	cifsd_conn_uncharge(conn, p->charge);
	kvfree(p);
}
