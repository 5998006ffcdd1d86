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
	CIFSD_CMD_RPC,		/* named pipe traffic for IPC$ (DCE/RPC) */
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

	/* RPC (named pipes on IPC$); ACCOUNT and SESSION_ID also sent */
	CIFSD_A_PIPE_NAME,	/* string: "srvsvc", ... (OPEN only) */
	CIFSD_A_PIPE_ID,	/* u64: unique per pipe open, never 0 */
	CIFSD_A_RPC_OP,		/* u32: enum cifsd_rpc_op */
	CIFSD_A_RPC_DATA,	/* binary, <= CIFSD_RPC_DATA_MAX */
	CIFSD_A_RPC_MAX_OUT,	/* u32: bytes the kernel can return */
	CIFSD_A_RPC_MORE,	/* u32: bytes of the message left unread */

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

/*
 * CIFSD_CMD_RPC operations.  The daemon keeps the pipe's state (keyed by
 * CIFSD_A_PIPE_ID); the kernel stores no RPC data.  Requests carry at most
 * CIFSD_RPC_DATA_MAX bytes of data; READ and TRANSACT replies carry at most
 * CIFSD_A_RPC_MAX_OUT bytes of the next pending message and say in
 * CIFSD_A_RPC_MORE how much of that message is left (message mode).
 * Status NO_SUCH_SHARE to OPEN: unknown pipe name.
 */
enum cifsd_rpc_op {
	CIFSD_RPC_OPEN,
	CIFSD_RPC_CLOSE,
	CIFSD_RPC_WRITE,
	CIFSD_RPC_READ,
	CIFSD_RPC_TRANSACT,	/* WRITE then READ (FSCTL_PIPE_TRANSCEIVE) */
};

#define CIFSD_RPC_DATA_MAX	65528	/* fits one nlattr (16-bit nla_len) */
#define CIFSD_PIPE_NAME_MAX	32

#endif /* _UAPI_CIFSD_NETLINK_H */
