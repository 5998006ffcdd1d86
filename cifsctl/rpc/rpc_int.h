/* SPDX-License-Identifier: GPL-2.0-only */
/* Internals shared by the DCE/RPC engine and the interfaces. */
#ifndef CIFSCTL_RPC_INT_H
#define CIFSCTL_RPC_INT_H

#include "ndr.h"
#include "rpc.h"

#include <cifsd_netlink.h>
#include <glib.h>

/* Fault status codes (C706 appendix E, MS-RPCE 2.2.2.11). */
#define NCA_S_OP_RNG_ERROR	0x1C010002u
#define NCA_S_UNK_IF		0x1C010003u
#define NCA_S_PROTO_ERROR	0x1C01000Bu
#define NCA_S_CONTEXT_MISMATCH	0x1C00001Au
#define NCA_S_FAULT_NDR		0x000006F7u	/* RPC_X_BAD_STUB_DATA */
#define NCA_S_ACCESS_DENIED	0x00000005u

/* Win32 and NT status values returned in stubs. */
#define WERR_OK			0u
#define WERR_ACCESS_DENIED	5u
#define WERR_INVALID_HANDLE	6u
#define WERR_NOT_SUPPORTED	50u
#define WERR_INVALID_PARAMETER	87u
#define WERR_INVALID_LEVEL	124u
#define WERR_FILE_NOT_FOUND	2u
#define WERR_NERR_NETNAMENOTFOUND 2310u
#define NT_STATUS_OK		0x00000000u
#define NT_STATUS_SOME_NOT_MAPPED 0x00000107u
#define NT_STATUS_INVALID_HANDLE 0xC0000008u
#define NT_STATUS_INVALID_PARAMETER 0xC000000Du
#define NT_STATUS_ACCESS_DENIED	0xC0000022u
#define NT_STATUS_NONE_MAPPED	0xC0000073u
#define NT_STATUS_NOT_SUPPORTED	0xC00000BBu
#define NT_STATUS_INVALID_INFO_CLASS 0xC0000003u
#define NT_STATUS_NO_SUCH_DOMAIN 0xC00000DFu

#define RPC_MAX_HANDLES 64

struct rpc_pipe;

struct rpc_call {
	struct rpc_pipe *pipe;
	const struct config *cfg;
	const char *account;
	uint32_t login_flags;	/* CIFSD_LOGIN_F_* of the pipe's session */
	uint16_t opnum;
	struct ndr_pull *in;
	struct ndr_push *out;
};

/*
 * An interface: answers one call, returns 0 or a fault status.  A decoder
 * that finds the stub malformed returns NCA_S_FAULT_NDR.
 */
struct rpc_uuid {
	uint32_t a;
	uint16_t b, c;
	uint8_t d[8];
};

struct rpc_iface {
	const char *pipe;		/* canonical pipe name */
	struct rpc_uuid uuid;
	uint16_t vers_major, vers_minor;
	uint32_t (*call)(struct rpc_call *c);
};

extern const struct rpc_iface rpc_srvsvc, rpc_wkssvc, rpc_winreg,
	rpc_lsarpc, rpc_samr;

/* Policy handles of a pipe: create, check, drop.  false when full/unknown. */
bool rpc_handle_new(struct rpc_pipe *p, uint8_t h[POLICY_HANDLE_LEN]);
/* ... with kind in its first byte (the caller's tag for what it opens). */
bool rpc_handle_new_kind(struct rpc_pipe *p, uint8_t h[POLICY_HANDLE_LEN],
			 uint8_t kind);
bool rpc_handle_ok(struct rpc_pipe *p, const uint8_t h[POLICY_HANDLE_LEN]);
bool rpc_handle_drop(struct rpc_pipe *p, const uint8_t h[POLICY_HANDLE_LEN]);

/* The NetBIOS name the services report. */
const char *rpc_server_name(const struct config *cfg);

/*
 * The server's machine (account domain) SID, S-1-5-21-a-b-c: a, b, c are
 * the first 12 bytes (little-endian) of SHA-256 over a fixed label and the
 * upper-cased NetBIOS name, so it is the same on every start.
 */
void rpc_machine_sid(const struct config *cfg, struct dom_sid *sid);
bool rpc_sid_equal(const struct dom_sid *a, const struct dom_sid *b);

/* Account of the pipe's session ("" for anonymous). */
const char *rpc_pipe_account(const struct rpc_pipe *p);

/*
 * Who is calling.  A null session never gets an lsarpc policy handle nor
 * translates SIDs and names (lsarpc) or RIDs (samr); guests and null sessions never see local paths
 * (srvsvc levels 2 and 502, NetrShareCheck).  With restrict anonymous >= 1
 * (Samba's meaning) neither may enumerate shares, query the server
 * (srvsvc) or connect to samr.
 */
static inline bool rpc_anonymous(const struct rpc_call *c)
{
	return c->login_flags & CIFSD_LOGIN_F_ANONYMOUS;
}

static inline bool rpc_guest(const struct rpc_call *c)
{
	return c->login_flags & (CIFSD_LOGIN_F_GUEST | CIFSD_LOGIN_F_ANONYMOUS);
}

static inline bool rpc_restricted(const struct rpc_call *c)
{
	return rpc_guest(c) && (!c->cfg || c->cfg->restrict_anonymous > 0);
}

/* Close of a context handle (lsarpc, samr, winreg), see rpc_pdu.c. */
uint32_t rpc_close_handle(struct rpc_call *c, uint32_t ok_status,
			  uint32_t bad_status);

#endif
