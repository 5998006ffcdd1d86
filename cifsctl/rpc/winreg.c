// SPDX-License-Identifier: GPL-2.0-only
/*
 * winreg (MS-RRP): there is no registry.  The predefined keys open and
 * close (so clients that probe them get a clean answer), BaseRegOpenKey
 * and BaseRegQueryValue answer ERROR_FILE_NOT_FOUND, BaseRegGetVersion
 * answers 5; every other call faults with nca_s_op_rng_error.
 */
#include "rpc_int.h"

#include <string.h>

#define OP_OPEN_HKCR	0
#define OP_OPEN_HKCU	1
#define OP_OPEN_HKLM	2
#define OP_OPEN_HKPD	3
#define OP_OPEN_HKU	4
#define OP_CLOSE_KEY	5
#define OP_OPEN_KEY	15
#define OP_QUERY_VALUE	17
#define OP_GET_VERSION	26
#define OP_OPEN_HKCC	27
#define OP_OPEN_HKPT	32
#define OP_OPEN_HKPN	33

static uint32_t open_predefined(struct rpc_call *c)
{
	uint8_t h[POLICY_HANDLE_LEN] = { 0 };
	uint32_t st = WERR_OK;

	/* ServerName and samDesired are not needed */
	if (!rpc_handle_new(c->pipe, h))
		st = WERR_NOT_SUPPORTED;
	ndr_push_bytes(c->out, h, sizeof(h));
	ndr_push_u32(c->out, st);
	return 0;
}

static uint32_t close_key(struct rpc_call *c)
{
	return rpc_close_handle(c, WERR_OK, WERR_INVALID_HANDLE);
}

static uint32_t winreg_call(struct rpc_call *c)
{
	static const uint8_t zero[POLICY_HANDLE_LEN];
	uint8_t h[POLICY_HANDLE_LEN];

	switch (c->opnum) {
	case OP_OPEN_HKCR: case OP_OPEN_HKCU: case OP_OPEN_HKLM:
	case OP_OPEN_HKPD: case OP_OPEN_HKU: case OP_OPEN_HKCC:
	case OP_OPEN_HKPT: case OP_OPEN_HKPN:
		return open_predefined(c);
	case OP_CLOSE_KEY:
		return close_key(c);
	case OP_OPEN_KEY:
		ndr_push_bytes(c->out, zero, sizeof(zero));
		ndr_push_u32(c->out, WERR_FILE_NOT_FOUND);
		return 0;
	case OP_QUERY_VALUE:
		/* lpType, lpData, lpcbData, lpcbLen: all NULL */
		for (int i = 0; i < 4; i++)
			ndr_push_ptr(c->out, false);
		ndr_push_u32(c->out, WERR_FILE_NOT_FOUND);
		return 0;
	case OP_GET_VERSION:
		ndr_pull_handle(c->in, h);
		if (!ndr_pull_ok(c->in))
			return NCA_S_FAULT_NDR;
		ndr_push_u32(c->out, 5);
		ndr_push_u32(c->out, rpc_handle_ok(c->pipe, h) ?
				     WERR_OK : WERR_INVALID_HANDLE);
		return 0;
	default:
		return NCA_S_OP_RNG_ERROR;
	}
}

const struct rpc_iface rpc_winreg = {
	.pipe = "winreg",
	.uuid = { 0x338cd001, 0x2244, 0x31f1,
		  { 0xaa, 0xaa, 0x90, 0x00, 0x38, 0x00, 0x10, 0x03 } },
	.vers_major = 1,
	.vers_minor = 0,
	.call = winreg_call,
};
