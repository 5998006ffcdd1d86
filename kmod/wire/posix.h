/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SMB 3.1.1 POSIX extensions (Samba's published "SMB3 POSIX extensions"
 * text, as the Linux cifs client implements them):
 *   - negotiate context SMB2_POSIX_EXTENSIONS_AVAILABLE (0x100), data the
 *     16-byte POSIX GUID below;
 *   - create context named by the same GUID: the request carries the
 *     mode of a new object (4 bytes), the response HardLinks, ReparseTag,
 *     Mode, owner SID and group SID;
 *   - information level 100 (SMB2_FIND_POSIX_INFORMATION) for QUERY_INFO
 *     and QUERY_DIRECTORY.
 * Mode on the wire: the permission bits (07777) plus the file type in
 * bits 12-14 as an index (0 regular, 1 directory, 2 symlink, 3 char
 * device, 4 block device, 5 FIFO, 6 socket), not Linux's S_IFMT values.
 * Owner and group are the Unix SIDs S-1-22-1-uid and S-1-22-2-gid.
 */
#ifndef CIFSD_POSIX_H
#define CIFSD_POSIX_H

#include "wire.h"

#define SMB2_POSIX_GUID_SIZE	16
extern const u8 smb2_posix_guid[SMB2_POSIX_GUID_SIZE];

#define SMB2_FIND_POSIX_INFORMATION	100

/* The POSIX attributes of one object, filled from a kstat. */
struct posix_attrs {
	u64 ctime_nt, atime_nt, mtime_nt, chtime_nt;	/* NT times */
	u64 size, alloc;
	u32 attributes;		/* FILE_ATTRIBUTE_* */
	u64 ino;
	u32 dev;
	u32 nlink;
	u32 reparse_tag;
	u32 mode;		/* Linux st_mode */
	u32 uid, gid;
};

/* Fixed part of the QUERY_INFO result (before the SIDs) */
#define POSIX_INFO_FIXED	80
/* Fixed part of a directory entry: NextEntryOffset, FileIndex + above */
#define POSIX_DIRENT_FIXED	(8 + POSIX_INFO_FIXED)
/* Each Unix SID: S-1-22-x-id */
#define POSIX_SID_SIZE		16
/* The create context response data: links, tag, mode, two SIDs */
#define POSIX_CC_RSP_SIZE	(12 + 2 * POSIX_SID_SIZE)

/* Linux mode -> wire mode (type index in bits 12-14). */
u32 posix_mode_to_wire(u32 st_mode);

/*
 * The request data of the POSIX create context (@len bytes).  Returns 0
 * with *@mode the permission bits the client asked for, or U32_MAX when
 * it gave none (bits outside 07777, as the cifs client's "no mode"), or
 * -EINVAL when shorter than 4 bytes.
 */
int posix_parse_create_ctx(const u8 *data, size_t len, u32 *mode);

/* Create context response data; returns POSIX_CC_RSP_SIZE or -ENOSPC. */
int posix_build_cc_rsp(u8 *out, size_t room, const struct posix_attrs *a);

/* QUERY_INFO level 100; returns the size or -ENOSPC. */
int posix_build_info(u8 *out, size_t room, const struct posix_attrs *a);

/*
 * A QUERY_DIRECTORY level 100 entry with @name (UTF-16LE, @nbytes bytes);
 * NextEntryOffset is left 0.  Returns the size or -ENOSPC.
 */
int posix_build_dirent(u8 *out, size_t room, const struct posix_attrs *a,
		       const u8 *name, size_t nbytes);

/*
 * What a security descriptor set by a POSIX client means (the cifs
 * client's chmod/chown on a "posix" mount): the owner S-1-22-1-uid or
 * S-1-5-88-1-uid, the group S-1-22-2-gid or S-1-5-88-2-gid, and the mode
 * in the last sub-authority of an ACE for S-1-5-88-3-mode in the DACL.
 */
struct posix_sd {
	bool has_uid, has_gid, has_mode;
	u32 uid, gid, mode;
};

#define SECINFO_OWNER_BIT	0x1
#define SECINFO_GROUP_BIT	0x2
#define SECINFO_DACL_BIT	0x4

/*
 * Parse the self-relative security descriptor @sd of @len bytes (MS-DTYP
 * 2.4.6) for the parts @secinfo names.  Returns 0; -EINVAL when an offset,
 * SID or ACL lies outside the buffer or is malformed; -EOPNOTSUPP for an
 * owner or group that is not a Unix SID.  A DACL without a mode ACE
 * leaves has_mode false.
 */
int posix_parse_sd(const u8 *sd, size_t len, u32 secinfo,
		   struct posix_sd *out);

#endif /* CIFSD_POSIX_H */
