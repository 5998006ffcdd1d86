/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR LGPL-2.1 */
/*
 * CIFSD kernel <-> cifsctl ABI: one generic netlink family.
 *
 * This is the only definition of the ABI.  kmod/ and cifsctl/ both include
 * this file; nothing is copied.  Every attribute is validated by an
 * nla_policy on the kernel side and by libnl policies in cifsctl.
 *
 * Flow:
 *   cifsctl -> kernel  CIFSD_CMD_START_SERVER   global settings; the sender
 *                                                becomes the daemon
 *   cifsctl -> kernel  CIFSD_CMD_STOP_SERVER
 *   kernel  -> cifsctl CIFSD_CMD_LOGIN           account lookup   (unicast)
 *   kernel  -> cifsctl CIFSD_CMD_SHARE_CONFIG    share lookup     (unicast)
 *   kernel  -> cifsctl CIFSD_CMD_TREE_CONNECT    authorization    (unicast)
 *   cifsctl -> kernel  same command, same CIFSD_A_HANDLE: the reply
 *
 * New attributes and commands are only ever appended.
 */
#ifndef _UAPI_CIFSD_NETLINK_H
#define _UAPI_CIFSD_NETLINK_H

#define CIFSD_GENL_NAME		"cifsd"
#define CIFSD_GENL_VERSION	1

/* String limits (bytes, including the terminating NUL). */
#define CIFSD_NAME_MAX		256	/* account, domain, share names */
#define CIFSD_PATH_MAX		4096
#define CIFSD_COMMENT_MAX	256
#define CIFSD_NT_HASH_LEN	16

enum cifsd_cmd {
	CIFSD_CMD_UNSPEC,
	CIFSD_CMD_START_SERVER,
	CIFSD_CMD_STOP_SERVER,
	CIFSD_CMD_LOGIN,
	CIFSD_CMD_SHARE_CONFIG,
	CIFSD_CMD_TREE_CONNECT,
	__CIFSD_CMD_MAX
};
#define CIFSD_CMD_MAX (__CIFSD_CMD_MAX - 1)

enum cifsd_attr {
	CIFSD_A_UNSPEC,
	CIFSD_A_HANDLE,		/* u32: pairs a kernel request with its reply */
	CIFSD_A_STATUS,		/* u32: enum cifsd_status */

	/* START_SERVER */
	CIFSD_A_PORT,		/* u16, host order */
	CIFSD_A_NETBIOS_NAME,	/* string */
	CIFSD_A_SERVER_STRING,	/* string */
	CIFSD_A_WORKGROUP,	/* string */
	CIFSD_A_MIN_DIALECT,	/* u16: SMB2 dialect revision, e.g. 0x0202 */
	CIFSD_A_MAX_DIALECT,	/* u16: e.g. 0x0311 */
	CIFSD_A_SIGNING,	/* u32: enum cifsd_signing */
	CIFSD_A_MAP_TO_GUEST,	/* u32: enum cifsd_map_guest */
	CIFSD_A_GUEST_ACCOUNT,	/* string */
	CIFSD_A_MAX_CONNECTIONS,	/* u32, 0 = unlimited */

	/* LOGIN */
	CIFSD_A_ACCOUNT,	/* string */
	CIFSD_A_DOMAIN,		/* string */
	CIFSD_A_NT_HASH,	/* binary, CIFSD_NT_HASH_LEN */
	CIFSD_A_UID,		/* u32 */
	CIFSD_A_GID,		/* u32 */
	CIFSD_A_LOGIN_FLAGS,	/* u32: CIFSD_LOGIN_F_* */

	/* SHARE_CONFIG / TREE_CONNECT */
	CIFSD_A_SHARE_NAME,	/* string */
	CIFSD_A_SHARE_PATH,	/* string, absolute */
	CIFSD_A_SHARE_COMMENT,	/* string */
	CIFSD_A_SHARE_FLAGS,	/* u32: CIFSD_SHARE_F_* */
	CIFSD_A_CLIENT_ADDR,	/* string, printable address */
	CIFSD_A_SESSION_ID,	/* u64 */
	CIFSD_A_TREE_FLAGS,	/* u32: CIFSD_TREE_F_* */

	__CIFSD_A_MAX
};
#define CIFSD_A_MAX (__CIFSD_A_MAX - 1)

enum cifsd_status {
	CIFSD_STATUS_OK,
	CIFSD_STATUS_NO_SUCH_USER,
	CIFSD_STATUS_NO_SUCH_SHARE,
	CIFSD_STATUS_ACCESS_DENIED,
	CIFSD_STATUS_ERROR,
};

enum cifsd_signing {
	CIFSD_SIGNING_DISABLED,	/* offered only when the client requires it */
	CIFSD_SIGNING_AUTO,	/* enabled, not required (default) */
	CIFSD_SIGNING_MANDATORY,
};

enum cifsd_map_guest {
	CIFSD_MAP_GUEST_NEVER,
	CIFSD_MAP_GUEST_BAD_USER,	/* unknown account -> guest */
};

#define CIFSD_LOGIN_F_GUEST	(1U << 0)	/* the guest account */
#define CIFSD_LOGIN_F_DISABLED	(1U << 1)	/* account exists, disabled */

#define CIFSD_SHARE_F_READONLY	(1U << 0)
#define CIFSD_SHARE_F_GUEST_OK	(1U << 1)
#define CIFSD_SHARE_F_BROWSEABLE (1U << 2)
#define CIFSD_SHARE_F_PIPE	(1U << 3)	/* IPC$ */

#define CIFSD_TREE_F_READONLY	(1U << 0)	/* this user may only read */

#endif /* _UAPI_CIFSD_NETLINK_H */
