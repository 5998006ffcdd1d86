// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Pages of file data attached to a reply (pages.h).
 */

#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>

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
	p->cap = cap;
	p->len = 0;
	p->charge = (size_t)nr * PAGE_SIZE;
	cifsd_conn_charge(conn, p->charge);
	return p;
}

void cifsd_pages_trim(struct cifsd_conn *conn, struct cifsd_pages *p,
		      size_t len)
{
	unsigned int keep = DIV_ROUND_UP(len, PAGE_SIZE);

	if (WARN_ON_ONCE(len > p->cap))
		len = p->cap;
	while (p->nr > keep) {
		p->nr--;
		put_page(p->bv[p->nr].bv_page);
		p->bv[p->nr].bv_page = NULL;
		cifsd_conn_uncharge(conn, PAGE_SIZE);
		p->charge -= PAGE_SIZE;
	}
	p->cap = min_t(size_t, p->cap, (size_t)p->nr * PAGE_SIZE);
	p->len = len;
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
		size_t n = min_t(size_t, left, PAGE_SIZE);

		memcpy(dst, page_address(p->bv[i].bv_page), n);
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
