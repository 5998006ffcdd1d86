// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SMB2 QUERY_INFO (MS-SMB2 3.3.5.20) for files, file systems and security.
 */
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/nls.h>
#include <linux/statfs.h>
#include <linux/magic.h>
#include <linux/uidgid.h>
#include "work.h"
#include "conn.h"
#include "session.h"
#include "tree.h"
#include "file.h"
#include "vfs.h"
#include "ntime.h"
#include "fscc.h"
#include "smb2_fileops.h"
#include "smb2_pipe.h"
#include "meta.h"
#include "smb2_security.h"
#include "wire/shortname.h"
#include "wire/posix.h"

/* What a query produced: bytes written and the status to answer with. */
struct qi_out {
	u8 *buf;
	size_t cap;		/* min(OutputBufferLength, room) */
	size_t len;
	size_t need;		/* required size, for STATUS_BUFFER_TOO_SMALL */
	__le32 status;
};

__le16 *smb2_open_name_utf16(struct cifsd_file *f, size_t *bytes)
{
	size_t n;
	char *s;
	__le16 *u;
	int i, units;

	/* a named stream's open: "\\file:stream" */
	mutex_lock(&f->lock);
	if (f->stream)
		s = kasprintf(GFP_KERNEL, "\\%s:%s", f->name, f->stream);
	else
		s = kasprintf(GFP_KERNEL, "\\%s", f->name);
	mutex_unlock(&f->lock);
	n = s ? strlen(s) - 1 : 0;
	if (!s)
		return NULL;
	for (i = 0; s[i]; i++)
		if (s[i] == '/')
			s[i] = '\\';
	u = kmalloc_array(n + 1, sizeof(__le16), GFP_KERNEL);
	if (!u) {
		kfree(s);
		return NULL;
	}
	units = utf8s_to_utf16s(s, n + 1, UTF16_LITTLE_ENDIAN, (wchar_t *)u,
				n + 1);
	kfree(s);
	if (units < 0) {
		kfree(u);
		return NULL;
	}
	*bytes = units * 2;
	return u;
}

static void fill_basic(struct file_basic_info *b, const struct cifsd_finfo *fi)
{
	b->CreationTime = cpu_to_le64(fi->create_nt);
	b->LastAccessTime = cpu_to_le64(fi->access_nt);
	b->LastWriteTime = cpu_to_le64(fi->write_nt);
	b->ChangeTime = cpu_to_le64(fi->change_nt);
	b->FileAttributes = cpu_to_le32(fi->attrs);
	b->Reserved = 0;
}

static void fill_standard(struct file_standard_info *s, struct cifsd_file *f,
			  const struct cifsd_finfo *fi)
{
	bool del = READ_ONCE(f->delete_on_close);

	s->AllocationSize = cpu_to_le64(fi->alloc);
	s->EndOfFile = cpu_to_le64(fi->eof);

	/* a link about to go is not counted (as Windows and Samba do) */
	s->NumberOfLinks = cpu_to_le32(fi->st.nlink - (del && fi->st.nlink));
	s->DeletePending = del;
	s->Directory = S_ISDIR(fi->st.mode);
	s->Reserved = 0;
}

/* FileIdInformation (2.4.21): volume serial number and 128-bit id. */
struct file_id_info {
	__le64 VolumeSerialNumber;
	__le64 FileId[2];
} __packed;

static u64 volume_serial(struct cifsd_file *f)
{
	struct kstatfs sf;

	if (cifsd_vfs_statfs(&f->filp->f_path, &sf))
		return 0;
	return sf.f_fsid.val[0] ^ sf.f_fsid.val[1];
}

/* Fixed-size file classes; returns false if @cls is not one of them. */
static bool query_file_fixed(struct cifsd_file *f, u8 cls,
			     const struct cifsd_finfo *fi, struct qi_out *o)
{
	union {
		struct file_basic_info basic;
		struct file_standard_info std;
		struct file_internal_info internal;
		struct file_ea_info ea;
		struct file_access_info access;
		struct file_position_info pos;
		struct file_mode_info mode;
		struct file_alignment_info align;
		struct file_network_open_info nopen;
		struct file_attribute_tag_info tag;
		struct file_compression_info comp;
		struct file_id_info id;
	} u;
	size_t size;

	memset(&u, 0, sizeof(u));
	switch (cls) {
	case FILE_BASIC_INFORMATION:
		fill_basic(&u.basic, fi);
		size = sizeof(u.basic);
		break;
	case FILE_STANDARD_INFORMATION:
		fill_standard(&u.std, f, fi);
		size = sizeof(u.std);
		break;
	case FILE_INTERNAL_INFORMATION:
		u.internal.IndexNumber = cpu_to_le64(fi->st.ino);
		size = sizeof(u.internal);
		break;
	case FILE_EA_INFORMATION:
		u.ea.EaSize = cpu_to_le32(fi->ea_size);
		size = sizeof(u.ea);
		break;
	case FILE_ACCESS_INFORMATION:
		u.access.AccessFlags = cpu_to_le32(f->access);
		size = sizeof(u.access);
		break;
	case FILE_POSITION_INFORMATION:
		u.pos.CurrentByteOffset = cpu_to_le64(READ_ONCE(f->pos));
		size = sizeof(u.pos);
		break;
	case FILE_MODE_INFORMATION:
		u.mode.Mode = cpu_to_le32(READ_ONCE(f->mode));
		size = sizeof(u.mode);
		break;
	case FILE_ALIGNMENT_INFORMATION:
		size = sizeof(u.align);
		break;
	case FILE_NETWORK_OPEN_INFORMATION:
		fill_basic(&u.basic, fi);
		/* same leading times; then sizes and attributes */
		u.nopen.AllocationSize = cpu_to_le64(fi->alloc);
		u.nopen.EndOfFile = cpu_to_le64(fi->eof);
		u.nopen.FileAttributes = cpu_to_le32(fi->attrs);
		u.nopen.Reserved = 0;
		size = sizeof(u.nopen);
		break;
	case FILE_ATTRIBUTE_TAG_INFORMATION:
		u.tag.FileAttributes = cpu_to_le32(fi->attrs);
		u.tag.ReparseTag =
			cpu_to_le32(cifsd_mode_reparse_tag(fi->st.mode));
		size = sizeof(u.tag);
		break;
	case FILE_COMPRESSION_INFORMATION:
		u.comp.CompressedFileSize = cpu_to_le64(fi->eof);
		size = sizeof(u.comp);
		break;
	case FILE_ID_INFORMATION:
		u.id.VolumeSerialNumber = cpu_to_le64(volume_serial(f));
		u.id.FileId[0] = cpu_to_le64(fi->st.ino);
		size = sizeof(u.id);
		break;
	default:
		return false;
	}
	if (o->cap < size) {
		o->status = STATUS_INFO_LENGTH_MISMATCH;
		return true;
	}
	memcpy(o->buf, &u, size);
	o->len = size;
	return true;
}

/*
 * Copy a variable-size result, truncating with STATUS_BUFFER_OVERFLOW.
 * Below @min bytes (the fixed part and a little of the name, as Windows
 * counts it) the answer is STATUS_INFO_LENGTH_MISMATCH.
 */
static void put_variable_min(struct qi_out *o, const void *fixed, size_t flen,
			     const void *var, size_t vlen, size_t minlen)
{
	size_t n;

	if (o->cap < max(flen, min(minlen, flen + vlen))) {
		o->status = STATUS_INFO_LENGTH_MISMATCH;
		return;
	}
	memcpy(o->buf, fixed, flen);
	n = min(vlen, o->cap - flen);
	memcpy(o->buf + flen, var, n);
	o->len = flen + n;
	if (n < vlen)
		o->status = STATUS_BUFFER_OVERFLOW;
}

static void put_variable(struct qi_out *o, const void *fixed, size_t flen,
			 const void *var, size_t vlen)
{
	/* the fixed part rounded up to 8 bytes */
	put_variable_min(o, fixed, flen, var, vlen, ALIGN(flen + 1, 8));
}

static void query_file_all(struct cifsd_file *f, const struct cifsd_finfo *fi,
			   struct qi_out *o)
{
	struct file_all_info a;
	size_t nbytes;
	__le16 *name;

	name = smb2_open_name_utf16(f, &nbytes);
	if (!name) {
		o->status = STATUS_NO_MEMORY;
		return;
	}
	memset(&a, 0, sizeof(a));
	fill_basic(&a.Basic, fi);
	fill_standard(&a.Standard, f, fi);
	a.Internal.IndexNumber = cpu_to_le64(fi->st.ino);
	a.Ea.EaSize = cpu_to_le32(fi->ea_size);
	a.Access.AccessFlags = cpu_to_le32(f->access);
	a.Position.CurrentByteOffset = cpu_to_le64(READ_ONCE(f->pos));
	a.Mode.Mode = cpu_to_le32(READ_ONCE(f->mode));
	a.FileNameLength = cpu_to_le32(nbytes);
	put_variable(o, &a, sizeof(a), name, nbytes);
	kfree(name);
}

/* FileAlternateNameInformation (2.4.5): the 8.3 name of the last part. */
static void query_file_altname(struct cifsd_file *f, struct qi_out *o)
{
	struct file_name_info n;
	size_t nbytes, i, start = 0;
	u8 sname[SHORTNAME_MAX_BYTES];
	__le16 *name;
	int slen;

	name = smb2_open_name_utf16(f, &nbytes);
	if (!name) {
		o->status = STATUS_NO_MEMORY;
		return;
	}
	for (i = 0; i < nbytes / 2; i++)
		if (le16_to_cpu(name[i]) == '\\')
			start = i + 1;
	slen = shortname_make((const u8 *)(name + start),
			      nbytes - 2 * start, sname);
	if (!slen && start * 2 < nbytes) {
		/* already an 8.3 name: it is its own short name */
		slen = min_t(size_t, nbytes - 2 * start, sizeof(sname));
		memcpy(sname, name + start, slen);
	}
	kfree(name);
	if (!slen) {
		o->status = STATUS_OBJECT_NAME_NOT_FOUND;	/* the root */
		return;
	}
	n.FileNameLength = cpu_to_le32(slen);
	put_variable(o, &n, sizeof(n), sname, slen);
}

/* FileNormalizedNameInformation (2.4.28.1): the name without "\". */
static void query_file_normalized(struct cifsd_work *w, struct cifsd_file *f,
				  struct qi_out *o)
{
	struct file_name_info n;
	size_t nbytes;
	__le16 *name;

	if (w->conn->dialect < SMB311_PROT_ID) {
		o->status = STATUS_NOT_SUPPORTED;
		return;
	}
	name = smb2_open_name_utf16(f, &nbytes);
	if (!name) {
		o->status = STATUS_NO_MEMORY;
		return;
	}
	n.FileNameLength = cpu_to_le32(nbytes - 2);
	put_variable(o, &n, sizeof(n), name + 1, nbytes - 2);
	kfree(name);
}

void smb2_posix_attrs(const struct cifsd_finfo *fi, struct posix_attrs *a)
{
	const struct kstat *st = &fi->st;

	*a = (struct posix_attrs) {
		.ctime_nt = fi->create_nt,
		.atime_nt = fi->access_nt,
		.mtime_nt = fi->write_nt,
		.chtime_nt = fi->change_nt,
		.size = fi->eof,
		.alloc = fi->alloc,
		.attributes = fi->attrs,
		.ino = st->ino,
		.dev = new_encode_dev(st->rdev),
		.nlink = st->nlink,
		.reparse_tag = cifsd_mode_reparse_tag(st->mode),
		.mode = st->mode,
		.uid = from_kuid_munged(&init_user_ns, st->uid),
		.gid = from_kgid_munged(&init_user_ns, st->gid),
	};
}

/* SMB 3.1.1 POSIX information (level 100) of an open made with POSIX. */
static void query_file_posix(struct cifsd_file *f,
			     const struct cifsd_finfo *fi, struct qi_out *o)
{
	struct posix_attrs a;
	int n;

	if (!f->posix) {
		o->status = STATUS_INVALID_LEVEL;
		return;
	}
	smb2_posix_attrs(fi, &a);
	n = posix_build_info(o->buf, o->cap, &a);
	if (n < 0)
		o->status = STATUS_INFO_LENGTH_MISMATCH;
	else
		o->len = n;
}

static bool needs_read_attributes(u8 cls)
{
	return cls == FILE_BASIC_INFORMATION || cls == FILE_ALL_INFORMATION ||
	       cls == FILE_NETWORK_OPEN_INFORMATION ||
	       cls == FILE_ATTRIBUTE_TAG_INFORMATION ||
	       cls == SMB2_FIND_POSIX_INFORMATION;
}

static void query_file(struct cifsd_work *w, struct cifsd_file *f, u8 cls,
		       struct qi_out *o)
{
	struct cifsd_finfo *fi;
	int err;

	if (needs_read_attributes(cls) && !(f->access & FILE_READ_ATTRIBUTES)) {
		o->status = STATUS_ACCESS_DENIED;
		return;
	}
	if (cls == FILE_FULL_EA_INFORMATION) {
		smb2_query_ea(w, f, o->buf, o->cap, &o->len, &o->status);
		return;
	}
	fi = kmalloc(sizeof(*fi), GFP_KERNEL);
	if (!fi) {
		o->status = STATUS_NO_MEMORY;
		return;
	}
	err = smb2_file_finfo(f, fi);
	if (err) {
		o->status = cifsd_errno_to_status(err);
		goto out;
	}
	if (query_file_fixed(f, cls, fi, o))
		goto out;
	switch (cls) {
	case FILE_ALL_INFORMATION:
		query_file_all(f, fi, o);
		break;
	case FILE_STREAM_INFORMATION:
		smb2_stream_info(f, fi, o->buf, o->cap, &o->len, &o->status);
		break;
	case FILE_NORMALIZED_NAME_INFORMATION:
		query_file_normalized(w, f, o);
		break;
	case SMB2_FIND_POSIX_INFORMATION:
		query_file_posix(f, fi, o);
		break;
	case FILE_ALTERNATE_NAME_INFORMATION:
		query_file_altname(f, o);
		break;
	default:
		o->status = STATUS_INVALID_INFO_CLASS;
	}
out:
	kfree(fi);
}

static void fs_units(const struct kstatfs *sf, u32 *spu, u32 *bps)
{
	*bps = 512;
	*spu = sf->f_bsize >= 512 ? sf->f_bsize / 512 : 1;
}

/* FileFsVolumeInformation: the label is the share name. */
static void query_fs_volume(struct cifsd_work *w, const struct kstatfs *sf,
			    struct qi_out *o)
{
	const char *label = w->tree->share_name ? w->tree->share_name : "";
	size_t n = strlen(label);
	struct fs_volume_info v;
	__le16 *u;
	int units;

	u = kmalloc_array(n + 1, sizeof(__le16), GFP_KERNEL);
	if (!u) {
		o->status = STATUS_NO_MEMORY;
		return;
	}
	units = utf8s_to_utf16s(label, n, UTF16_LITTLE_ENDIAN, (wchar_t *)u,
				n + 1);
	if (units < 0)
		units = 0;
	memset(&v, 0, sizeof(v));
	v.VolumeSerialNumber = cpu_to_le32(sf->f_fsid.val[0] ^
					   sf->f_fsid.val[1]);
	v.VolumeLabelLength = cpu_to_le32(units * 2);
	put_variable(o, &v, sizeof(v), u, units * 2);
	kfree(u);
}

/*
 * FILE_SUPPORTS_BLOCK_REFCOUNTING (FSCTL_DUPLICATE_EXTENTS_TO_FILE) only
 * where the file system can share extents (reflink): its files have
 * remap_file_range.  Clients ask on the share root, a directory, so for
 * a directory the file systems known to clone are named.
 */
static bool fs_can_reflink(struct file *filp)
{
	struct inode *inode = file_inode(filp);

	if (S_ISREG(inode->i_mode))
		return filp->f_op->remap_file_range;
	switch (inode->i_sb->s_magic) {
	case BTRFS_SUPER_MAGIC:
	case XFS_SUPER_MAGIC:
	case OCFS2_SUPER_MAGIC:
		return true;
	default:
		return false;
	}
}

static void query_fs_attribute(struct cifsd_work *w, const struct kstatfs *sf,
			       bool refcount,
			       struct qi_out *o)
{
	u32 attrs = FILE_CASE_PRESERVED_NAMES | FILE_UNICODE_ON_DISK |
		    FILE_SUPPORTS_SPARSE_FILES | FILE_SUPPORTS_REPARSE_POINTS;
	static const char fsname[] = "NTFS";
	__le16 u[sizeof(fsname) - 1];
	struct fs_attribute_info a;
	int i;

	for (i = 0; i < sizeof(fsname) - 1; i++)
		u[i] = cpu_to_le16(fsname[i]);
	if (!cifsd_tree_case_insensitive(w->tree))
		attrs |= FILE_CASE_SENSITIVE_SEARCH;
	if (refcount)
		attrs |= FILE_SUPPORTS_BLOCK_REFCOUNTING;
	a.FileSystemAttributes = cpu_to_le32(attrs);
	a.MaximumComponentNameLength =
		cpu_to_le32(min_t(long, sf->f_namelen ? sf->f_namelen : 255,
				  255));
	a.FileSystemNameLength = cpu_to_le32(sizeof(u));
	put_variable(o, &a, sizeof(a), u, sizeof(u));
}

static void query_fs(struct cifsd_work *w, struct cifsd_file *f, u8 cls,
		     struct qi_out *o)
{
	union {
		struct fs_size_info size;
		struct fs_device_info dev;
		struct fs_full_size_info full;
		struct fs_sector_size_info sect;
		u8 control[48];		/* 2.5.2 FileFsControlInformation */
		u8 objid[64];		/* 2.5.6 FileFsObjectIdInformation */
	} u;
	struct kstatfs sf;
	u32 spu, bps;
	size_t size;
	int err;

	err = cifsd_vfs_statfs(&f->filp->f_path, &sf);
	if (err) {
		o->status = cifsd_errno_to_status(err);
		return;
	}
	fs_units(&sf, &spu, &bps);
	memset(&u, 0, sizeof(u));
	switch (cls) {
	case FS_VOLUME_INFORMATION:
		query_fs_volume(w, &sf, o);
		return;
	case FS_ATTRIBUTE_INFORMATION:
		query_fs_attribute(w, &sf, fs_can_reflink(f->filp), o);
		return;
	case FS_SIZE_INFORMATION:
		u.size.TotalAllocationUnits = cpu_to_le64(sf.f_blocks);
		u.size.AvailableAllocationUnits = cpu_to_le64(sf.f_bavail);
		u.size.SectorsPerAllocationUnit = cpu_to_le32(spu);
		u.size.BytesPerSector = cpu_to_le32(bps);
		size = sizeof(u.size);
		break;
	case FS_DEVICE_INFORMATION:
		u.dev.DeviceType = cpu_to_le32(FILE_DEVICE_DISK);
		u.dev.Characteristics = cpu_to_le32(FILE_DEVICE_IS_MOUNTED);
		size = sizeof(u.dev);
		break;
	case FS_FULL_SIZE_INFORMATION:
		u.full.TotalAllocationUnits = cpu_to_le64(sf.f_blocks);
		u.full.CallerAvailableAllocationUnits =
			cpu_to_le64(sf.f_bavail);
		u.full.ActualAvailableAllocationUnits =
			cpu_to_le64(sf.f_bfree);
		u.full.SectorsPerAllocationUnit = cpu_to_le32(spu);
		u.full.BytesPerSector = cpu_to_le32(bps);
		size = sizeof(u.full);
		break;
	case FS_SECTOR_SIZE_INFORMATION:
		u.sect.LogicalBytesPerSector = cpu_to_le32(bps);
		u.sect.PhysicalBytesPerSectorForAtomicity = cpu_to_le32(bps);
		u.sect.PhysicalBytesPerSectorForPerformance = cpu_to_le32(bps);
		u.sect.FileSystemEffectivePhysicalBytesPerSectorForAtomicity =
			cpu_to_le32(bps);
		/* FSCTL_FILE_LEVEL_TRIM is served (fsctl_sparse.c) */
		u.sect.Flags = cpu_to_le32(SSINFO_FLAGS_ALIGNED_DEVICE |
				SSINFO_FLAGS_PARTITION_ALIGNED_ON_DEVICE |
				SSINFO_FLAGS_TRIM_ENABLED);
		size = sizeof(u.sect);
		break;
	case FS_CONTROL_INFORMATION:
		/* no quotas: default threshold and limit "none" */
		put_unaligned_le64(~0ULL, u.control + 24);
		put_unaligned_le64(~0ULL, u.control + 32);
		size = sizeof(u.control);
		break;
	case FS_OBJECT_ID_INFORMATION:
		/* the volume's id: its fsid, as a GUID */
		put_unaligned_le32(sf.f_fsid.val[0], u.objid);
		put_unaligned_le32(sf.f_fsid.val[1], u.objid + 4);
		size = sizeof(u.objid);
		break;
	default:
		o->status = STATUS_INVALID_INFO_CLASS;
		return;
	}
	if (o->cap < size) {
		o->status = STATUS_INFO_LENGTH_MISMATCH;
		return;
	}
	memcpy(o->buf, &u, size);
	o->len = size;
}

/* 2.2.2: STATUS_BUFFER_TOO_SMALL carries the size needed in ErrorData. */
static void buffer_too_small(struct cifsd_work *w, u32 need)
{
	__le32 d = cpu_to_le32(need);

	smb2_set_error_data(w, STATUS_BUFFER_TOO_SMALL, &d, sizeof(d));
}

int smb2_query_info(struct cifsd_work *w)
{
	struct smb2_query_info_req *req = smb2_req_body(w);
	struct smb2_query_info_rsp *rsp;
	u32 olen = le32_to_cpu(req->OutputBufferLength);
	struct cifsd_file *f;
	struct qi_out o = {};

	if (w->tree->is_pipe)
		return smb2_pipe_query_info(w);
	f = smb2_get_open(w, req->PersistentFileId, req->VolatileFileId);
	if (!f)
		return 0;
	if (olen > w->conn->max_trans_size) {
		cifsd_file_put(f);
		smb2_set_error(w, STATUS_INVALID_PARAMETER);
		return 0;
	}
	rsp = smb2_rsp_begin(w, sizeof(*rsp));
	if (!rsp) {
		cifsd_file_put(f);
		return 0;
	}
	o.buf = smb2_rsp_buf(w);
	o.cap = min_t(size_t, olen, smb2_rsp_room(w));
	o.status = STATUS_SUCCESS;

	switch (req->InfoType) {
	case SMB2_O_INFO_FILE:
		query_file(w, f, req->FileInfoClass, &o);
		break;
	case SMB2_O_INFO_FILESYSTEM:
		query_fs(w, f, req->FileInfoClass, &o);
		break;
	case SMB2_O_INFO_SECURITY:
		smb2_query_security(f, le32_to_cpu(req->AdditionalInformation),
				    o.buf, o.cap, &o.len, &o.need, &o.status);
		break;
	case SMB2_O_INFO_QUOTA:
		o.status = STATUS_NOT_SUPPORTED;
		break;
	default:
		o.status = STATUS_INVALID_PARAMETER;
	}
	cifsd_file_put(f);
	if (o.status == STATUS_BUFFER_TOO_SMALL) {
		buffer_too_small(w, o.need);
		return 0;
	}
	if (o.status != STATUS_SUCCESS && o.status != STATUS_BUFFER_OVERFLOW) {
		smb2_set_error(w, o.status);
		return 0;
	}
	if (o.status == STATUS_BUFFER_OVERFLOW)
		smb2_set_warning(w, o.status);
	rsp->StructureSize = cpu_to_le16(9);
	rsp->OutputBufferOffset = cpu_to_le16(o.len ? SMB2_HDR_SIZE +
					      sizeof(*rsp) : 0);
	rsp->OutputBufferLength = cpu_to_le32(o.len);
	smb2_rsp_end(w, o.len);
	return 0;
}
