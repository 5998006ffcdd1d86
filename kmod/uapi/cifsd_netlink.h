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
 *   cifsctl -> kernel  CIFSD_CMD_SET_CONFIG     the settings that change on
 *                                                reload (limits, hosts lists)
 *
 * New attributes and commands are only ever appended.
 */
#ifndef _UAPI_CIFSD_NETLINK_H
#define _UAPI_CIFSD_NETLINK_H

#include <linux/types.h>

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
	CIFSD_CMD_SET_CONFIG,	/* runtime settings (limits, hosts allow/deny) */
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
	CIFSD_A_RPC_MORE,	/* u32: bytes of the message left unread;
				 * in a WRITE reply: of the next message */

	/*
	 * Limits and access by address.  Sent with START_SERVER and again with
	 * SET_CONFIG on every reload.  An absent attribute keeps the kernel's
	 * current value (its default at start); for the counts 0 = no limit,
	 * for the timeouts 0 = never.
	 */
	CIFSD_A_MAX_CONNECTIONS_PER_IP,	/* u32, default 64 */
	CIFSD_A_MAX_REQUESTS,		/* u32: requests one connection may have
					 * queued or running, default 64 */
	CIFSD_A_MAX_CONN_MEMORY,	/* u32 KiB: request and reply bytes one
					 * connection may hold, default 65536 */
	CIFSD_A_HANDSHAKE_TIMEOUT,	/* u32 s: NEGOTIATE + first login, 20 */
	CIFSD_A_SEND_TIMEOUT,		/* u32 s: peer not reading replies, 60 */
	CIFSD_A_MAX_SESSIONS,		/* u32: sessions per connection, 64 */
	CIFSD_A_MAX_PENDING_SESSIONS,	/* u32: of them still in SESSION_SETUP, 8 */
	CIFSD_A_MAX_TREES,		/* u32: tree connects per session, 256 */
	CIFSD_A_MAX_OPENS,		/* u32: opens per connection, 16384 */
	CIFSD_A_MAX_CREDITS,		/* u32: "smb2 max credits", 8192 */
	CIFSD_A_HOSTS_ALLOW,		/* binary: struct cifsd_host_rule[] */
	CIFSD_A_HOSTS_DENY,		/* binary: struct cifsd_host_rule[] */
	CIFSD_A_IDLE_TIMEOUT,		/* u32 s: "deadtime": a connection with no
					 * open file that received nothing for
					 * this long is closed; 0 = never */
	CIFSD_A_MAX_ASYNC,		/* u32: requests one connection may have
					 * waiting (STATUS_PENDING), 512 */
	CIFSD_A_BREAK_TIMEOUT,		/* u32 s: an oplock or lease break not
					 * acknowledged by then is forced, 35 */
	CIFSD_A_SMB2_LEASES,		/* u32: 0 = "smb2 leases = no"; default 1 */
	CIFSD_A_MAX_LOCKS,		/* u32: byte-range locks per open, 4096 */
	/* server-side copy: per request, like MS-SMB2 ServerSideCopyMax* */
	CIFSD_A_COPY_MAX_CHUNKS,	/* u32: chunks, 1-65535, default 256 */
	CIFSD_A_COPY_MAX_CHUNK_KIB,	/* u32 KiB: one chunk, 1-16384, 1024 */
	CIFSD_A_COPY_MAX_KIB,		/* u32 KiB: in all, 1-1048576, 16384 */
	CIFSD_A_MAX_DURABLE,		/* u32: disconnected durable handles the
					 * server keeps for their clients, 16384 */

	/*
	 * SMB3 encryption, Samba's "server smb encrypt" (also "smb
	 * encrypt"): enum cifsd_encrypt.  SERVER_ENCRYPT with START_SERVER
	 * (the [global] value), SHARE_ENCRYPT in a SHARE_CONFIG reply (the
	 * share's own value).  Absent: CIFSD_ENCRYPT_IF_REQUIRED.
	 */
	CIFSD_A_SERVER_ENCRYPT,		/* u32 */
	CIFSD_A_SHARE_ENCRYPT,		/* u32 */
	CIFSD_A_DIR_LEASES,		/* u32: 0 = "smb3 directory leases = no";
					 * default 1 (with smb2 leases) */

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

/*
 * SMB3 encryption settings, Samba's meanings.  Global: OFF never
 * negotiates a cipher; IF_REQUIRED (the default) negotiates one but
 * encrypts only what the client or a share asks for; DESIRED encrypts
 * every session of a client that can; REQUIRED also refuses sessions of
 * clients that cannot (ACCESS_DENIED).  Per share: DESIRED and REQUIRED
 * encrypt the share's tree connects, REQUIRED refuses clients that
 * cannot; OFF and IF_REQUIRED change nothing.
 */
enum cifsd_encrypt {
	CIFSD_ENCRYPT_IF_REQUIRED,
	CIFSD_ENCRYPT_OFF,
	CIFSD_ENCRYPT_DESIRED,
	CIFSD_ENCRYPT_REQUIRED,
};

enum cifsd_map_guest {
	CIFSD_MAP_GUEST_NEVER,
	CIFSD_MAP_GUEST_BAD_USER,	/* unknown account -> guest */
};

#define CIFSD_LOGIN_F_GUEST	(1U << 0)	/* the guest account */
#define CIFSD_LOGIN_F_DISABLED	(1U << 1)	/* account exists, disabled */
#define CIFSD_LOGIN_F_ANONYMOUS	(1U << 2)	/* null session (with GUEST) */

#define CIFSD_SHARE_F_READONLY	(1U << 0)
#define CIFSD_SHARE_F_GUEST_OK	(1U << 1)
#define CIFSD_SHARE_F_BROWSEABLE (1U << 2)
#define CIFSD_SHARE_F_PIPE	(1U << 3)	/* IPC$ */
#define CIFSD_SHARE_F_NO_OPLOCKS (1U << 4)	/* oplocks = no (no leases either) */
#define CIFSD_SHARE_F_NO_LEVEL2	(1U << 5)	/* level2 oplocks = no */
#define CIFSD_SHARE_F_NO_DURABLE (1U << 6)	/* durable handles = no */
#define CIFSD_SHARE_F_NO_KERNEL_OPLOCKS (1U << 7) /* kernel oplocks = no */
#define CIFSD_SHARE_F_CA	(1U << 8)	/* continuous availability = yes */
#define CIFSD_SHARE_F_NO_POSIX_LOCKING (1U << 9) /* posix locking = no */
/* "case sensitive": neither bit = auto, the default (see cifsd.conf(5)) */
#define CIFSD_SHARE_F_CASE_SENSITIVE	(1U << 10)	/* yes */
#define CIFSD_SHARE_F_CASE_INSENSITIVE	(1U << 11)	/* no */

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

/*
 * hosts allow / hosts deny, global (checked by the kernel when a connection
 * is accepted, before any protocol work).  A list is a sequence of rules;
 * a client matches the list when it matches a rule without
 * CIFSD_HOST_F_EXCEPT and none of the CIFSD_HOST_F_EXCEPT rules that
 * follow that rule up to the next rule without the flag (Samba's
 * "A B EXCEPT C" is A, C|EXCEPT, B, C|EXCEPT).  family 0 matches every address
 * ("ALL").  IPv4 addresses are in addr[0..3]; an IPv4-mapped IPv6 client
 * address is matched as IPv4.  Precedence is Samba's: see cifsd.conf(5).
 */
struct cifsd_host_rule {
	__u8 family;		/* 0 (any), AF_INET (2) or AF_INET6 (10) */
	__u8 prefix;		/* leading bits of addr that must match */
	__u8 flags;		/* CIFSD_HOST_F_* */
	__u8 reserved;		/* 0 */
	__u8 addr[16];		/* network byte order */
};
#define CIFSD_HOST_F_EXCEPT	(1U << 0)
#define CIFSD_HOST_RULES_MAX	256	/* per list */

#define CIFSD_RPC_DATA_MAX	65528	/* fits one nlattr (16-bit nla_len) */
#define CIFSD_PIPE_NAME_MAX	32

#endif /* _UAPI_CIFSD_NETLINK_H */
