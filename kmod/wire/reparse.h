/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Reparse points (MS-FSCC 2.1.2): the REPARSE_DATA_BUFFER of
 * FSCTL_SET/GET_REPARSE_POINT for the tags that describe POSIX objects,
 * the symbolic link error response of STATUS_STOPPED_ON_SYMLINK
 * (MS-SMB2 2.2.2.2.1, in an error context for 3.1.1: 2.2.2.1), and the
 * WSL extended attributes ($LXMOD, $LXDEV, ...) a client sends with the
 * CREATE of a WSL-style special file.
 *
 * Tags understood:
 *   IO_REPARSE_TAG_SYMLINK    (2.1.2.4)  symbolic link, UTF-16 target
 *   IO_REPARSE_TAG_NFS        (2.1.2.6)  symlink, FIFO, socket, char/block
 *                                        device (major, minor)
 *   IO_REPARSE_TAG_LX_SYMLINK            WSL symlink, UTF-8 target
 *   IO_REPARSE_TAG_LX_FIFO/_CHR/_BLK, IO_REPARSE_TAG_AF_UNIX
 *                                        WSL special files, no data; the
 *                                        mode and device come in EAs
 */
#ifndef CIFSD_REPARSE_H
#define CIFSD_REPARSE_H

#include "wire.h"

#define FSCTL_SET_REPARSE_POINT		0x000900A4u
#define FSCTL_GET_REPARSE_POINT		0x000900A8u
#define FSCTL_DELETE_REPARSE_POINT	0x000900ACu

#define IO_REPARSE_TAG_MOUNT_POINT	0xA0000003u
#define IO_REPARSE_TAG_SYMLINK		0xA000000Cu
#define IO_REPARSE_TAG_NFS		0x80000014u
#define IO_REPARSE_TAG_LX_SYMLINK	0xA000001Du
#define IO_REPARSE_TAG_AF_UNIX		0x80000023u
#define IO_REPARSE_TAG_LX_FIFO		0x80000024u
#define IO_REPARSE_TAG_LX_CHR		0x80000025u
#define IO_REPARSE_TAG_LX_BLK		0x80000026u

/* NFS reparse point InodeType (MS-FSCC 2.1.2.6) */
#define NFS_SPECFILE_LNK	0x00000000014B4E4CULL
#define NFS_SPECFILE_CHR	0x0000000000524843ULL
#define NFS_SPECFILE_BLK	0x00000000004B4C42ULL
#define NFS_SPECFILE_FIFO	0x000000004F464946ULL
#define NFS_SPECFILE_SOCK	0x000000004B434F53ULL

#define SYMLINK_FLAG_RELATIVE	0x00000001u
#define SYMLINK_ERROR_TAG	0x4C4D5953u	/* "SYML" */

/* REPARSE_DATA_BUFFER header: tag, data length, reserved */
#define REPARSE_HDR_SIZE	8
/* The symbolic link reparse data after the header, before PathBuffer */
#define REPARSE_SYMLINK_FIXED	12
/* Symbolic link error response up to PathBuffer (2.2.2.2.1) */
#define SYMLINK_ERR_FIXED	28
/* An SMB 3.1.1 error context header (2.2.2.1) */
#define ERROR_CTX_HDR_SIZE	8

/* Largest reparse buffer accepted (MAXIMUM_REPARSE_DATA_BUFFER_SIZE). */
#define REPARSE_MAX_SIZE	(16 * 1024)

enum reparse_kind {
	REPARSE_KIND_SYMLINK = 1,
	REPARSE_KIND_FIFO,
	REPARSE_KIND_SOCK,
	REPARSE_KIND_CHR,
	REPARSE_KIND_BLK,
};

struct reparse_data {
	u32 tag;
	enum reparse_kind kind;
	bool has_dev;		/* major/minor valid (NFS devices) */
	u32 major;
	u32 minor;
	/* symbolic links: the target, pointing into the parsed buffer */
	const u8 *target;
	u32 target_len;		/* bytes */
	bool target_utf8;	/* LX_SYMLINK: UTF-8, else UTF-16LE */
	bool posix_target;	/* NFS, LX: a POSIX path ('/' separated) */
	bool relative;		/* SYMLINK tag: SYMLINK_FLAG_RELATIVE */
};

/*
 * Parse the REPARSE_DATA_BUFFER of @len bytes.  Returns 0; -EINVAL when
 * it is malformed (lengths that do not add up, names outside the buffer,
 * an empty or odd-sized UTF-16 target): STATUS_IO_REPARSE_DATA_INVALID;
 * -EOPNOTSUPP for a well-formed buffer of a tag or type that has no
 * POSIX counterpart.
 */
int reparse_parse(const u8 *buf, size_t len, struct reparse_data *out);

/* Only the tag of a buffer (0 when shorter than a tag). */
u32 reparse_buf_tag(const u8 *buf, size_t len);

/*
 * Build an IO_REPARSE_TAG_SYMLINK buffer with @target (UTF-16LE, @tlen
 * bytes) as both substitute and print name.  Returns the size or -ENOSPC.
 */
int reparse_build_symlink(u8 *out, size_t room, const u8 *target,
			  size_t tlen, bool relative);

/*
 * Build an IO_REPARSE_TAG_NFS buffer for a FIFO, socket or device.
 * Returns the size, -EINVAL for another kind, or -ENOSPC.
 */
int reparse_build_nfs(u8 *out, size_t room, enum reparse_kind kind,
		      u32 major, u32 minor);

/*
 * Build the ErrorData of a STATUS_STOPPED_ON_SYMLINK response: the
 * Symbolic Link Error Response with @target (UTF-16LE, @tlen bytes) as
 * substitute name and, when it fits, as print name; @unparsed is the
 * UnparsedPathLength in bytes.  With @ctx311 it is wrapped in one error
 * context (ErrorId SMB2_ERROR_ID_DEFAULT) as SMB 3.1.1 requires.  Returns
 * the ErrorData size, -EINVAL for an empty, odd or over-long target, or
 * -ENOSPC when not even the substitute name fits in @room.
 */
int smb2_build_symlink_error(u8 *out, size_t room, const u8 *target,
			     size_t tlen, u16 unparsed, bool relative,
			     bool ctx311);

/* The WSL attributes of a FILE_FULL_EA_INFORMATION list (MS-FSCC 2.4.15) */
struct wsl_eas {
	bool has_mode;
	bool has_dev;
	bool has_uid;
	bool has_gid;
	u32 mode;		/* $LXMOD: st_mode, type bits included */
	u32 major;		/* $LXDEV: low 32 bits */
	u32 minor;		/* $LXDEV: high 32 bits */
	u32 uid;		/* $LXUID */
	u32 gid;		/* $LXGID */
};

/*
 * Walk a FILE_FULL_EA_INFORMATION list of @len bytes and pick the WSL
 * attributes out of it; other EAs are skipped.  Returns 0 or -EINVAL
 * when an entry lies outside the list, NextEntryOffset is not 4-aligned,
 * a name is not NUL-terminated, or a $LX value has the wrong size.
 */
int wsl_parse_eas(const u8 *buf, size_t len, struct wsl_eas *out);

#endif /* CIFSD_REPARSE_H */
