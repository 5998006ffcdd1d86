// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SMB2 QUERY_DIRECTORY (MS-SMB2 3.3.5.18) with MS-FSCC 2.1.4.4 wildcards.
 *
 * Names come from iterate_dir() into a per-open batch buffer; entries are
 * then matched, looked up and encoded outside the directory lock.  An entry
 * that does not fit in the response stays at the head of the batch and is
 * the first one of the next call, so every call continues where the last
 * one stopped (the file position of the directory is the cursor).
 */
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/nls.h>
#include <linux/namei.h>
#include "compat.h"
#include "work.h"
#include "conn.h"
#include "session.h"
#include "tree.h"
#include "file.h"
#include "vfs.h"
#include "ntime.h"
#include "fscc.h"
#include "smb2_fileops.h"
#include "meta.h"
#include "wire/shortname.h"
#include "wire/posix.h"

#define DIR_BATCH_SIZE		(64 * 1024)
#define DIR_PATTERN_MAX		1024	/* UTF-16 units */
#define DIR_NAME_MAX_UNITS	(CIFSD_MAX_COMPONENT + 1)

/* One name from iterate_dir, stored 8-byte aligned in the batch. */
struct dir_rec {
	u64 ino;
	u16 len;
	u8 type;
	char name[];
};

struct cifsd_dir_state {
	u16 *pattern;		/* host-order UTF-16, upcased ASCII */
	size_t plen;
	bool match_all;
	u8 *states;		/* 2 * (plen + 1) matcher states */

	u8 *batch;
	size_t batch_len;
	size_t batch_pos;
	bool eof;
	int dots;		/* "." and ".." emitted so far */
	bool started;
	bool first;		/* first call since the last restart */
	__le16 uname[DIR_NAME_MAX_UNITS];
};

struct fill_ctx {
	struct dir_context ctx;
	struct cifsd_dir_state *ds;
	bool full;
};

void smb2_dir_state_free(struct cifsd_file *f)
{
	struct cifsd_dir_state *ds = f->dir;

	if (!ds)
		return;
	if (ds->batch) {
		cifsd_conn_state_uncharge(f->sess->conn, DIR_BATCH_SIZE);
		kvfree(ds->batch);
	}
	kfree(ds->pattern);
	kfree(ds->states);
	kfree(ds);
	f->dir = NULL;
}

static u16 upcase(u16 c)
{
	return (c >= 'a' && c <= 'z') ? c - 'a' + 'A' : c;
}

/* Wildcard match (MS-FSCC 2.1.4.4) by simulating all pattern positions. */
static bool name_matches(struct cifsd_dir_state *ds, const __le16 *name,
			 size_t n)
{
	const u16 *p = ds->pattern;
	size_t plen = ds->plen, i, j, lastdot = n;
	u8 *cur = ds->states, *nxt = ds->states + plen + 1;

	if (ds->match_all)
		return true;
	for (i = 0; i < n; i++)
		if (le16_to_cpu(name[i]) == '.')
			lastdot = i;
	memset(cur, 0, plen + 1);
	cur[0] = 1;
	for (i = 0; ; i++) {
		u16 c = i < n ? upcase(le16_to_cpu(name[i])) : 0;

		/* zero-width moves; they only go forward */
		for (j = 0; j < plen; j++) {
			if (!cur[j])
				continue;
			if (p[j] == '*' || p[j] == '<' ||
			    (p[j] == '>' && (i == n || c == '.')) ||
			    (p[j] == '"' && i == n))
				cur[j + 1] = 1;
		}
		if (i == n)
			return cur[plen];
		memset(nxt, 0, plen + 1);
		for (j = 0; j < plen; j++) {
			if (!cur[j])
				continue;
			switch (p[j]) {
			case '*':
				nxt[j] = 1;
				break;
			case '<':
				if (!(c == '.' && i == lastdot))
					nxt[j] = 1;
				break;
			case '?':
				nxt[j + 1] = 1;
				break;
			case '>':
				if (c != '.')
					nxt[j + 1] = 1;
				break;
			case '"':
				if (c == '.')
					nxt[j + 1] = 1;
				break;
			default:
				if (p[j] == c)
					nxt[j + 1] = 1;
			}
		}
		swap(cur, nxt);
	}
}

static __le32 set_pattern(struct cifsd_dir_state *ds, const u8 *raw,
			  size_t bytes)
{
	size_t n = bytes / 2, i;

	if ((bytes & 1) || n > DIR_PATTERN_MAX)
		return STATUS_INVALID_PARAMETER;
	kfree(ds->pattern);
	kfree(ds->states);
	ds->pattern = NULL;
	ds->states = NULL;
	ds->plen = 0;
	ds->match_all = n == 0 || (n == 1 && get_unaligned_le16(raw) == '*');
	if (ds->match_all)
		return STATUS_SUCCESS;
	ds->pattern = kmalloc_array(n, sizeof(u16), GFP_KERNEL);
	ds->states = kmalloc(2 * (n + 1), GFP_KERNEL);
	if (!ds->pattern || !ds->states)
		return STATUS_NO_MEMORY;
	for (i = 0; i < n; i++)
		ds->pattern[i] = upcase(get_unaligned_le16(raw + 2 * i));
	ds->plen = n;
	return STATUS_SUCCESS;
}

static bool fill_actor(struct dir_context *ctx, const char *name, int len,
		       loff_t off, u64 ino, unsigned int type)
{
	struct fill_ctx *fc = container_of(ctx, struct fill_ctx, ctx);
	struct cifsd_dir_state *ds = fc->ds;
	size_t need = ALIGN(sizeof(struct dir_rec) + len, 8);
	struct dir_rec *r;

	if ((len == 1 && name[0] == '.') ||
	    (len == 2 && name[0] == '.' && name[1] == '.'))
		return true;
	if (len <= 0 || len > CIFSD_MAX_COMPONENT)
		return true;
	if (need > DIR_BATCH_SIZE - ds->batch_len) {
		fc->full = true;
		return false;
	}
	r = (struct dir_rec *)(ds->batch + ds->batch_len);
	r->ino = ino;
	r->len = len;
	r->type = type;
	memcpy(r->name, name, len);
	ds->batch_len += need;
	return true;
}

/*
 * The batch buffer exists only while names are waiting in it: it is
 * allocated here and dropped by batch_release() once consumed, and it
 * counts against the connection's memory while it exists.
 */
static int batch_get(struct cifsd_file *f, struct cifsd_dir_state *ds)
{
	if (ds->batch)
		return 0;
	if (!cifsd_conn_state_charge(f->sess->conn, DIR_BATCH_SIZE))
		return -ENOBUFS;
	ds->batch = kvmalloc(DIR_BATCH_SIZE, GFP_KERNEL);
	if (!ds->batch) {
		cifsd_conn_state_uncharge(f->sess->conn, DIR_BATCH_SIZE);
		return -ENOMEM;
	}
	return 0;
}

static void batch_release(struct cifsd_file *f, struct cifsd_dir_state *ds)
{
	if (!ds->batch || ds->batch_pos < ds->batch_len)
		return;
	cifsd_conn_state_uncharge(f->sess->conn, DIR_BATCH_SIZE);
	kvfree(ds->batch);
	ds->batch = NULL;
	ds->batch_len = 0;
	ds->batch_pos = 0;
}

static int refill(struct cifsd_file *f, struct cifsd_dir_state *ds)
{
	struct fill_ctx fc = { .ctx.actor = fill_actor, .ds = ds };
	int err;

	err = batch_get(f, ds);
	if (err)
		return err;

	ds->batch_len = 0;
	ds->batch_pos = 0;
	fc.ctx.pos = f->filp->f_pos;
	err = iterate_dir(f->filp, &fc.ctx);
	if (err)
		return err;
	if (!fc.full)
		ds->eof = true;
	return 0;
}

static int restart(struct cifsd_file *f, struct cifsd_dir_state *ds)
{
	loff_t r = vfs_llseek(f->filp, 0, SEEK_SET);

	ds->batch_len = 0;
	ds->batch_pos = 0;
	ds->eof = false;
	ds->dots = 0;
	ds->first = true;
	ds->started = true;
	return r < 0 ? (int)r : 0;
}

static size_t entry_fixed_size(u8 cls)
{
	switch (cls) {
	case FILE_DIRECTORY_INFORMATION:
		return sizeof(struct file_directory_info);
	case FILE_FULL_DIRECTORY_INFORMATION:
		return sizeof(struct file_full_dir_info);
	case FILE_BOTH_DIRECTORY_INFORMATION:
		return sizeof(struct file_both_dir_info);
	case FILE_NAMES_INFORMATION:
		return sizeof(struct file_names_info);
	case FILE_ID_BOTH_DIRECTORY_INFORMATION:
		return sizeof(struct file_id_both_dir_info);
	case FILE_ID_FULL_DIRECTORY_INFORMATION:
		return sizeof(struct file_id_full_dir_info);
	case SMB2_FIND_POSIX_INFORMATION:
		/* the name length is the last fixed field */
		return POSIX_DIRENT_FIXED - 12 + POSIX_CC_RSP_SIZE + 4;
	}
	return 0;
}

static void fill_dir_hdr(struct file_dir_hdr *h, const struct cifsd_finfo *fi,
			 size_t nbytes)
{
	h->NextEntryOffset = 0;
	h->FileIndex = 0;
	h->CreationTime = cpu_to_le64(fi->create_nt);
	h->LastAccessTime = cpu_to_le64(fi->access_nt);
	h->LastWriteTime = cpu_to_le64(fi->write_nt);
	h->ChangeTime = cpu_to_le64(fi->change_nt);
	h->EndOfFile = cpu_to_le64(fi->eof);
	h->AllocationSize = cpu_to_le64(fi->alloc);
	h->FileAttributes = cpu_to_le32(fi->attrs);
	h->FileNameLength = cpu_to_le32(nbytes);
}

/* A POSIX (level 100) entry; the room was checked by the caller. */
static void encode_posix(u8 *p, const struct cifsd_finfo *fi,
			 const __le16 *uname, size_t nbytes)
{
	struct posix_attrs a;

	smb2_posix_attrs(fi, &a);
	posix_build_dirent(p, entry_fixed_size(SMB2_FIND_POSIX_INFORMATION) +
			   nbytes, &a, (const u8 *)uname, nbytes);
}

/* Encode one entry at @p (zeroed, fixed + name bytes available). */
static void encode_entry(u8 cls, u8 *p, const struct cifsd_finfo *fi,
			 const __le16 *uname, size_t nbytes)
{
	size_t fixed = entry_fixed_size(cls);
	u32 tag = cifsd_mode_reparse_tag(fi->st.mode);

	if (cls == SMB2_FIND_POSIX_INFORMATION) {
		encode_posix(p, fi, uname, nbytes);
		return;
	}
	memset(p, 0, fixed);
	if (cls == FILE_NAMES_INFORMATION) {
		struct file_names_info *e = (void *)p;

		e->FileNameLength = cpu_to_le32(nbytes);
	} else {
		fill_dir_hdr((struct file_dir_hdr *)p, fi, nbytes);
	}
	/*
	 * EaSize sits at the same offset in the four classes that have it;
	 * for a reparse point it is the reparse tag (MS-FSCC 2.4.17)
	 */
	if (cls == FILE_FULL_DIRECTORY_INFORMATION ||
	    cls == FILE_BOTH_DIRECTORY_INFORMATION ||
	    cls == FILE_ID_BOTH_DIRECTORY_INFORMATION ||
	    cls == FILE_ID_FULL_DIRECTORY_INFORMATION)
		((struct file_full_dir_info *)p)->EaSize =
			cpu_to_le32(tag ? tag : fi->ea_size);
	if (cls == FILE_BOTH_DIRECTORY_INFORMATION ||
	    cls == FILE_ID_BOTH_DIRECTORY_INFORMATION) {
		struct file_both_dir_info *b = (void *)p;

		b->ShortNameLength = shortname_make((const u8 *)uname, nbytes,
						    b->ShortName);
	}
	if (cls == FILE_ID_BOTH_DIRECTORY_INFORMATION)
		((struct file_id_both_dir_info *)p)->FileId =
			cpu_to_le64(fi->st.ino);
	else if (cls == FILE_ID_FULL_DIRECTORY_INFORMATION)
		((struct file_id_full_dir_info *)p)->FileId =
			cpu_to_le64(fi->st.ino);
	memcpy(p + fixed, uname, nbytes);
}

/*
 * Stat a directory entry without following links.  Returns 1 when the
 * entry is listable, 0 to skip it, or a negative errno.
 */
static int stat_entry(struct cifsd_file *f, const char *name, int len,
		      struct cifsd_finfo *fi)
{
	struct path *dir = &f->filp->f_path;
	struct path p = { .mnt = dir->mnt };
	int err;

	if (len == 1 && name[0] == '.')
		return cifsd_vfs_finfo(dir, fi) ? 0 : 1;
	if (len == 2 && name[0] == '.' && name[1] == '.') {
		if (dir->dentry == f->tree->root.dentry)
			return cifsd_vfs_finfo(dir, fi) ? 0 : 1;
		p.dentry = dget_parent(dir->dentry);
		err = cifsd_vfs_finfo(&p, fi);
		dput(p.dentry);
		return err ? 0 : 1;
	}
	p.dentry = cifsd_lookup_unlocked(dir, name, len);
	if (IS_ERR(p.dentry))
		return PTR_ERR(p.dentry) == -ENOMEM ? -ENOMEM : 0;
	err = 0;
	/* symbolic links and special files are listed as reparse points */
	if (d_is_positive(p.dentry))
		err = cifsd_vfs_finfo(&p, fi) ? 0 : 1;
	dput(p.dentry);
	return err;
}

struct qd_out {
	u8 *buf;
	size_t cap;
	size_t used;		/* end of the last entry */
	size_t last;		/* offset of the last entry */
	unsigned int count;
};

/* The next name to consider, or false at the end of the directory. */
static int next_name(struct cifsd_file *f, struct cifsd_dir_state *ds,
		     const char **name, int *len)
{
	struct dir_rec *r;
	int err;

	if (ds->dots < 2) {
		*name = "..";
		*len = ds->dots + 1;
		return 1;
	}
	if (ds->batch_pos >= ds->batch_len) {
		if (ds->eof)
			return 0;
		err = refill(f, ds);
		if (err)
			return err;
		if (ds->batch_pos >= ds->batch_len)
			return 0;
	}
	r = (struct dir_rec *)(ds->batch + ds->batch_pos);
	*name = r->name;
	*len = r->len;
	return 1;
}

static void consume(struct cifsd_dir_state *ds)
{
	struct dir_rec *r;

	if (ds->dots < 2) {
		ds->dots++;
		return;
	}
	r = (struct dir_rec *)(ds->batch + ds->batch_pos);
	ds->batch_pos += ALIGN(sizeof(*r) + r->len, 8);
}

/* Fill the output with as many matching entries as fit. */
static __le32 enumerate(struct cifsd_file *f, struct cifsd_dir_state *ds,
			u8 cls, bool single, struct qd_out *o)
{
	size_t fixed = entry_fixed_size(cls);
	struct cifsd_finfo fi_s, *fi = &fi_s;
	const char *name;
	int len, units, ret;

	for (;;) {
		size_t at, nbytes;

		ret = next_name(f, ds, &name, &len);
		if (ret < 0)
			return cifsd_errno_to_status(ret);
		if (!ret)
			break;
		units = utf8s_to_utf16s(name, len, UTF16_LITTLE_ENDIAN,
					(wchar_t *)ds->uname,
					DIR_NAME_MAX_UNITS);
		/*
		 * A name with a backslash (a POSIX client may make one) is a
		 * path to everybody else: only POSIX opens list it.
		 */
		if (units <= 0 || (!f->posix && memchr(name, '\\', len)) ||
		    !name_matches(ds, ds->uname, units)) {
			consume(ds);
			continue;
		}
		ret = stat_entry(f, name, len, fi);
		if (ret < 0)
			return cifsd_errno_to_status(ret);
		if (!ret) {
			consume(ds);
			continue;
		}
		nbytes = units * 2;
		at = o->count ? ALIGN(o->used, 8) : 0;
		if (at > o->cap || fixed + nbytes > o->cap - at) {
			if (!o->count)
				return STATUS_INFO_LENGTH_MISMATCH;
			break;	/* stays first for the next call */
		}
		encode_entry(cls, o->buf + at, fi, ds->uname, nbytes);
		if (o->count)
			put_unaligned_le32(at - o->last, o->buf + o->last);
		memset(o->buf + o->used, 0, at - o->used);
		o->last = at;
		o->used = at + fixed + nbytes;
		o->count++;
		consume(ds);
		if (single)
			break;
		cond_resched();
	}
	return STATUS_SUCCESS;
}

static __le32 prepare_state(struct cifsd_work *w, struct cifsd_file *f,
			    struct smb2_query_directory_req *req)
{
	struct cifsd_dir_state *ds = f->dir;
	u8 flags = req->Flags;
	__le32 st;

	if (!ds) {
		ds = kzalloc(sizeof(*ds), GFP_KERNEL);
		if (!ds)
			return STATUS_NO_MEMORY;
		f->dir = ds;
	}
	if (!ds->started || (flags & (SMB2_RESTART_SCANS | SMB2_REOPEN))) {
		u16 noff = le16_to_cpu(req->FileNameOffset);
		u16 nlen = le16_to_cpu(req->FileNameLength);

		if (nlen && !wire_range_ok(w->pdu_len, noff, nlen))
			return STATUS_INVALID_PARAMETER;
		st = set_pattern(ds, (const u8 *)smb2_req_hdr(w) + noff, nlen);
		if (st != STATUS_SUCCESS)
			return st;
		if (restart(f, ds))
			return STATUS_UNSUCCESSFUL;
	}
	return STATUS_SUCCESS;
}

int smb2_query_directory(struct cifsd_work *w)
{
	struct smb2_query_directory_req *req = smb2_req_body(w);
	struct smb2_query_directory_rsp *rsp;
	u32 olen = le32_to_cpu(req->OutputBufferLength);
	u8 cls = req->FileInformationClass;
	struct qd_out o = {};
	struct cifsd_file *f;
	__le32 status;

	f = smb2_get_open(w, req->PersistentFileId, req->VolatileFileId);
	if (!f)
		return 0;
	if (!f->is_dir) {
		status = STATUS_INVALID_PARAMETER;
		goto out;
	}
	if (!entry_fixed_size(cls)) {
		status = STATUS_INVALID_INFO_CLASS;
		goto out;
	}
	/* the POSIX level belongs to opens made with the POSIX context */
	if (cls == SMB2_FIND_POSIX_INFORMATION && !f->posix) {
		status = STATUS_INVALID_LEVEL;
		goto out;
	}
	if (olen > w->conn->max_trans_size) {
		status = STATUS_INVALID_PARAMETER;
		goto out;
	}
	if (!(f->access & FILE_LIST_DIRECTORY) ||
	    !(f->filp->f_mode & FMODE_READ)) {
		status = STATUS_ACCESS_DENIED;
		goto out;
	}
	rsp = smb2_rsp_begin(w, sizeof(*rsp));
	if (!rsp) {
		cifsd_file_put(f);
		return 0;
	}
	o.buf = smb2_rsp_buf(w);
	o.cap = min_t(size_t, olen, smb2_rsp_room(w));

	mutex_lock(&f->lock);
	status = prepare_state(w, f, req);
	if (status == STATUS_SUCCESS)
		status = enumerate(f, f->dir, cls,
				   req->Flags & SMB2_RETURN_SINGLE_ENTRY, &o);
	if (status == STATUS_SUCCESS && !o.count)
		status = f->dir->first ? STATUS_NO_SUCH_FILE :
			 STATUS_NO_MORE_FILES;
	if (f->dir && status != STATUS_INFO_LENGTH_MISMATCH)
		f->dir->first = false;
	if (f->dir)
		batch_release(f, f->dir);
	mutex_unlock(&f->lock);
	if (status != STATUS_SUCCESS)
		goto out;

	rsp->StructureSize = cpu_to_le16(9);
	rsp->OutputBufferOffset = cpu_to_le16(SMB2_HDR_SIZE + sizeof(*rsp));
	rsp->OutputBufferLength = cpu_to_le32(o.used);
	smb2_rsp_end(w, o.used);
	cifsd_file_put(f);
	return 0;
out:
	cifsd_file_put(f);
	smb2_set_error(w, status);
	return 0;
}
