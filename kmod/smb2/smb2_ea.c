// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Extended attributes (FILE_FULL_EA_INFORMATION, MS-FSCC 2.4.15): QUERY_INFO
 * and SET_INFO FileFullEaInformation and the ExtA create context.
 *
 * EA NAME is kept in the xattr user.NAME (names compare without regard to
 * case, as on NTFS; a new value replaces the old one under the old
 * spelling).  user.cifsd.* is reserved for the server (streams) and is not
 * an EA.  At most CIFSD_EA_MAX_COUNT EAs of together CIFSD_EA_MAX_TOTAL
 * bytes (the FILE_FULL_EA_INFORMATION size, NTFS's limit) per file.
 */
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/xattr.h>
#include "work.h"
#include "file.h"
#include "vfs.h"
#include "meta.h"
#include "fscc.h"
#include "smb2_fileops.h"
#include "wire/ealist.h"

#define CIFSD_EA_MAX_COUNT	256
#define CIFSD_EA_MAX_TOTAL	65535

#define SL_RESTART_SCAN		0x01
#define SL_RETURN_SINGLE_ENTRY	0x02
#define SL_INDEX_SPECIFIED	0x04

#ifndef STATUS_NO_MORE_EAS
#define STATUS_NO_MORE_EAS		NT(0x80000012)
#endif
#ifndef STATUS_INVALID_EA_NAME
#define STATUS_INVALID_EA_NAME		NT(0x80000013)
#endif
#ifndef STATUS_EA_LIST_INCONSISTENT
#define STATUS_EA_LIST_INCONSISTENT	NT(0x80000014)
#endif

#define UPFX_LEN	(sizeof(CIFSD_XATTR_USER) - 1)
/* "cifsd.": the EA names of the reserved xattrs */
#define RESERVED_LEN	(sizeof(CIFSD_XATTR_RESERVED) - 1 - UPFX_LEN)

/* The EAs of a file: names point into @list (xattr names "user.X"). */
struct ea_set {
	char *list;
	const char *names[CIFSD_EA_MAX_COUNT + 1];
	u32 sizes[CIFSD_EA_MAX_COUNT + 1];
	int count;
	u32 total;	/* FILE_FULL_EA_INFORMATION bytes */
};

static bool is_ea_xattr(const char *n)
{
	size_t l = strlen(n);

	return l > UPFX_LEN && l - UPFX_LEN <= EA_NAME_MAX &&
	       !strncmp(n, CIFSD_XATTR_USER, UPFX_LEN) &&
	       strncmp(n, CIFSD_XATTR_RESERVED,
		       sizeof(CIFSD_XATTR_RESERVED) - 1);
}

static u32 fea_size(size_t nlen, size_t vlen)
{
	return ALIGN(8 + nlen + 1 + vlen, 4);
}

static int ea_set_load(struct dentry *d, struct ea_set *s)
{
	ssize_t len, v;
	char *n;

	memset(s, 0, sizeof(*s));
	len = cifsd_xattr_list(d, &s->list);
	if (len < 0)
		return len;
	for (n = s->list; s->list && n < s->list + len; n += strlen(n) + 1) {
		if (!is_ea_xattr(n))
			continue;
		v = cifsd_xattr_get(d, n, NULL, 0);
		if (v < 0 || v > 0xffff)
			continue;
		if (s->count >= CIFSD_EA_MAX_COUNT + 1)
			break;
		s->names[s->count] = n;
		s->sizes[s->count] = v;
		s->total += fea_size(strlen(n) - UPFX_LEN, v);
		s->count++;
	}
	return 0;
}

static void ea_set_free(struct ea_set *s)
{
	kvfree(s->list);
	s->list = NULL;
}

static int ea_find(const struct ea_set *s, const char *name, size_t nlen)
{
	int i;

	for (i = 0; i < s->count; i++) {
		const char *x = s->names[i] + UPFX_LEN;

		if (strlen(x) == nlen && !strncasecmp(x, name, nlen))
			return i;
	}
	return -1;
}

/* Append one entry to the output, chaining the previous one. */
struct ea_out {
	u8 *buf;
	size_t cap;
	size_t used;
	size_t last;
	int count;
};

static int ea_emit(struct ea_out *o, struct dentry *d, const char *xname,
		   const char *name, u8 nlen)
{
	size_t at = o->count ? ALIGN(o->used, 4) : 0;
	u8 *val = NULL;
	ssize_t vlen = 0;
	int n;

	if (xname) {
		vlen = cifsd_xattr_get_alloc(d, xname, (void **)&val, 0xffff);
		if (vlen == -ENODATA)
			vlen = 0;
		else if (vlen < 0)
			return vlen;
	}
	if (at > o->cap) {
		kvfree(val);
		return -ENOSPC;
	}
	n = ea_full_put(o->buf + at, o->cap - at, name, nlen, val, vlen);
	kvfree(val);
	if (n < 0)
		return n;
	if (o->count)
		put_unaligned_le32(at - o->last, o->buf + o->last);
	memset(o->buf + o->used, 0, at - o->used);
	o->last = at;
	o->used = at + n;
	o->count++;
	return 0;
}

/* The EAs named in a FILE_GET_EA_INFORMATION list. */
static __le32 query_named(struct dentry *d, const struct ea_set *s,
			  const u8 *in, u32 ilen, struct ea_out *o)
{
	const char *name;
	u32 pos = 0;
	u8 nlen;
	int i, err;

	if (ea_get_list_check(in, ilen) < 0)
		return STATUS_EA_LIST_INCONSISTENT;
	while (ea_get_list_next(in, ilen, &pos, &name, &nlen)) {
		i = ea_find(s, name, nlen);
		err = ea_emit(o, d, i < 0 ? NULL : s->names[i],
			      i < 0 ? name : s->names[i] + UPFX_LEN, nlen);
		if (err == -ENOSPC)
			return o->count ? STATUS_BUFFER_OVERFLOW :
					  STATUS_BUFFER_TOO_SMALL;
		if (err)
			return cifsd_errno_to_status(err);
	}
	return STATUS_SUCCESS;
}

void smb2_query_ea(struct cifsd_work *w, struct cifsd_file *f, u8 *buf,
		   size_t cap, size_t *len, __le32 *status)
{
	struct smb2_query_info_req *req = smb2_req_body(w);
	u32 flags = le32_to_cpu(req->Flags);
	u32 ioff = le16_to_cpu(req->InputBufferOffset);
	u32 ilen = le32_to_cpu(req->InputBufferLength);
	struct dentry *d = f->filp->f_path.dentry;
	struct ea_out o = { .buf = buf, .cap = cap };
	struct ea_set *s;
	u32 start;
	int i, err;

	*len = 0;
	if (!(f->access & FILE_READ_EA)) {
		*status = STATUS_ACCESS_DENIED;
		return;
	}
	if (ilen && !wire_range_ok(w->pdu_len, ioff, ilen)) {
		*status = STATUS_INVALID_PARAMETER;
		return;
	}
	s = kvmalloc(sizeof(*s), GFP_KERNEL);
	if (!s) {
		*status = STATUS_NO_MEMORY;
		return;
	}
	err = ea_set_load(d, s);
	if (err) {
		*status = cifsd_errno_to_status(err);
		goto out;
	}
	if (ilen) {
		*status = query_named(d, s, (const u8 *)smb2_req_hdr(w) + ioff,
				      ilen, &o);
		goto done;
	}
	if (!s->count) {
		*status = STATUS_NO_EAS_ON_FILE;
		goto out;
	}
	mutex_lock(&f->lock);
	if (flags & SL_RESTART_SCAN)
		start = 0;
	else if (flags & SL_INDEX_SPECIFIED)
		start = le32_to_cpu(req->AdditionalInformation) ?
			le32_to_cpu(req->AdditionalInformation) - 1 : 0;
	else
		start = f->ea_index;
	*status = STATUS_SUCCESS;
	if (start >= s->count) {
		*status = STATUS_NO_MORE_EAS;
	} else {
		for (i = start; i < s->count; i++) {
			err = ea_emit(&o, d, s->names[i],
				      s->names[i] + UPFX_LEN,
				      strlen(s->names[i]) - UPFX_LEN);
			if (err == -ENOSPC) {
				*status = o.count ? STATUS_BUFFER_OVERFLOW :
						    STATUS_BUFFER_TOO_SMALL;
				break;
			}
			if (err) {
				*status = cifsd_errno_to_status(err);
				break;
			}
			if (flags & SL_RETURN_SINGLE_ENTRY)
				break;
		}
		f->ea_index = start + o.count;
	}
	mutex_unlock(&f->lock);
done:
	/* a partial list still ends with a complete entry */
	if (*status == STATUS_SUCCESS || *status == STATUS_BUFFER_OVERFLOW)
		*len = o.used;
out:
	ea_set_free(s);
	kvfree(s);
}

__le32 smb2_apply_ea_list(const struct path *p, const u8 *buf, u32 len)
{
	struct ea_entry e;
	struct ea_set *s;
	u32 pos = 0, total;
	int n, i, count, err = 0;
	char *xname;
	__le32 st = STATUS_SUCCESS;

	n = ea_full_list_check(buf, len, NULL);
	if (n == -EILSEQ)
		return STATUS_INVALID_EA_NAME;
	if (n < 0)
		return STATUS_EA_LIST_INCONSISTENT;
	s = kvmalloc(sizeof(*s), GFP_KERNEL);
	xname = kmalloc(UPFX_LEN + EA_NAME_MAX + 1, GFP_KERNEL);
	if (!s || !xname) {
		st = STATUS_NO_MEMORY;
		goto out_free;
	}
	err = ea_set_load(p->dentry, s);
	if (err) {
		st = cifsd_errno_to_status(err);
		goto out_free;
	}
	/* the limits, on what the file would hold afterwards */
	total = s->total;
	count = s->count;
	while (ea_full_list_next(buf, len, &pos, &e)) {
		/* user.cifsd.* (named streams) is not a client's to set */
		if (e.name_len >= RESERVED_LEN &&
		    !strncasecmp(e.name, CIFSD_XATTR_RESERVED + UPFX_LEN,
				 RESERVED_LEN)) {
			st = STATUS_INVALID_EA_NAME;
			goto out_free;
		}
		i = ea_find(s, e.name, e.name_len);
		if (i >= 0 && s->sizes[i] != U32_MAX) {
			total -= fea_size(e.name_len, s->sizes[i]);
			s->sizes[i] = U32_MAX;	/* counted once */
			count--;
		}
		if (e.value_len) {
			total += fea_size(e.name_len, e.value_len);
			count++;
		}
	}
	if (count > CIFSD_EA_MAX_COUNT || total > CIFSD_EA_MAX_TOTAL) {
		st = STATUS_EA_TOO_LARGE;
		goto out_free;
	}
	pos = 0;
	while (ea_full_list_next(buf, len, &pos, &e)) {
		i = ea_find(s, e.name, e.name_len);
		if (i >= 0)
			strscpy(xname, s->names[i], UPFX_LEN + EA_NAME_MAX + 1);
		else
			snprintf(xname, UPFX_LEN + EA_NAME_MAX + 1, "%s%.*s",
				 CIFSD_XATTR_USER, e.name_len, e.name);
		if (e.value_len)
			err = cifsd_xattr_set(p, xname, e.value, e.value_len,
					      0);
		else if (i >= 0)
			err = cifsd_xattr_remove(p, xname);
		if (err == -ENODATA)
			err = 0;
		if (err)
			break;
	}
	if (err == -E2BIG || err == -ERANGE)
		st = STATUS_EA_TOO_LARGE;
	else if (err == -EOPNOTSUPP)
		st = STATUS_EAS_NOT_SUPPORTED;
	else if (err)
		st = cifsd_errno_to_status(err);
out_free:
	if (s)
		ea_set_free(s);
	kvfree(s);
	kfree(xname);
	return st;
}
