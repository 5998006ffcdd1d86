/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SMB2 file operation handlers (CREATE, CLOSE, FLUSH, READ, WRITE,
 * QUERY_DIRECTORY, QUERY_INFO, SET_INFO).
 *
 * Each handler runs with w->sess and w->tree valid and referenced, the
 * fixed request body validated by the dispatcher and the session user's
 * credentials installed.  It fills the response body and sets its length,
 * or calls smb2_set_error(); it returns a negative errno only to ask for
 * the connection to be dropped.
 */
#ifndef CIFSD_SMB2_FILEOPS_H
#define CIFSD_SMB2_FILEOPS_H

#include "work.h"

struct cifsd_file;
struct kstat;

int smb2_create(struct cifsd_work *w);
int smb2_close(struct cifsd_work *w);
int smb2_flush(struct cifsd_work *w);
int smb2_read(struct cifsd_work *w);
int smb2_write(struct cifsd_work *w);
int smb2_query_directory(struct cifsd_work *w);
int smb2_query_info(struct cifsd_work *w);
int smb2_set_info(struct cifsd_work *w);

/* Shared by the handlers (smb2_create.c). */

/*
 * Resolve a request's FileId (related compounds included), find the open
 * and remember the FileId for later related members.  Returns a reference,
 * or NULL after setting the error response.
 */
struct cifsd_file *smb2_get_open(struct cifsd_work *w, __le64 pfid,
				 __le64 vfid);
/* Expand GENERIC_* bits to the file-specific rights (MS-SMB2 2.2.13.1). */
u32 smb2_map_generic(u32 access);
/* Access bits that modify the object or its parent. */
#define SMB2_WRITE_ACCESS_MASK	(FILE_WRITE_DATA | FILE_APPEND_DATA | \
				 FILE_WRITE_EA | FILE_WRITE_ATTRIBUTES | \
				 FILE_DELETE_CHILD | DELETE | WRITE_DAC | \
				 WRITE_OWNER)
/* Allocation size reported for @st (bytes, from blocks). */
u64 smb2_alloc_size(const struct kstat *st);

/*
 * A successful response that carries a warning status (e.g.
 * STATUS_BUFFER_OVERFLOW with partial data): the dispatcher must keep a
 * Status the handler put in the response header.
 */
static inline void smb2_set_warning(struct cifsd_work *w, __le32 status)
{
	smb2_rsp_hdr(w)->Status = status;
}

/* UTF-16LE "\dir\file" of an open's share-relative name; kfree it. */
__le16 *smb2_open_name_utf16(struct cifsd_file *f, size_t *bytes);

/* QUERY_INFO FileFullEaInformation (smb2_ea.c). */
void smb2_query_ea(struct cifsd_work *w, struct cifsd_file *f, u8 *buf,
		   size_t cap, size_t *len, __le32 *status);
/* Apply a FILE_FULL_EA_INFORMATION list (SET_INFO, ExtA). */
struct path;
__le32 smb2_apply_ea_list(const struct path *p, const u8 *buf, u32 len);

struct cifsd_finfo;
struct posix_attrs;
/* The SMB 3.1.1 POSIX attributes of a stat result (smb2_query.c). */
void smb2_posix_attrs(const struct cifsd_finfo *fi, struct posix_attrs *a);

/*
 * Named streams (smb2_streams.c).  smb2_file_finfo() is cifsd_vfs_finfo()
 * of the open's file with a stream open's own sizes.
 */
int smb2_file_finfo(struct cifsd_file *f, struct cifsd_finfo *fi);
void smb2_stream_read(struct cifsd_work *w, struct cifsd_file *f,
		      u32 len, u32 minc, u64 off);
void smb2_stream_write(struct cifsd_work *w, struct cifsd_file *f,
		       const u8 *data, u32 len, u64 off);
__le32 smb2_stream_set_size(struct cifsd_file *f, u64 size, bool alloc);
__le32 smb2_stream_rename(struct cifsd_file *f, const u8 *uname, u32 nlen,
			  bool replace);
/* Server-side copy where either side is a stream open. */
ssize_t smb2_stream_copy(struct cifsd_file *src, u64 soff,
			 struct cifsd_file *dst, u64 doff, size_t len);
/* A stream open's size (0 when it is gone). */
u64 smb2_stream_open_size(struct cifsd_file *f);
/* FileStreamInformation into @buf (@cap bytes). */
void smb2_stream_info(struct cifsd_file *f, const struct cifsd_finfo *fi,
		      u8 *buf, size_t cap, size_t *len, __le32 *status);

/* Release the QUERY_DIRECTORY state of an open (smb2_dir.c). */
void smb2_dir_state_free(struct cifsd_file *f);

#endif /* CIFSD_SMB2_FILEOPS_H */
