// SPDX-License-Identifier: GPL-2.0-only
/*
 * samr (MS-SAMR), minimal: SamrConnect (0), SamrConnect2 (57),
 * SamrConnect4 (62) and SamrConnect5 (64) hand out a server handle,
 * SamrCloseHandle (1) drops it.  Every other call faults with
 * nca_s_op_rng_error.  The [in] parameters of the connects are not needed
 * and not decoded.
 */
#include "rpc_int.h"

#include <string.h>

#define OP_CONNECT	0
#define OP_CLOSE	1
#define OP_CONNECT2	57
#define OP_CONNECT4	62
#define OP_CONNECT5	64

static uint32_t samr_connect(struct rpc_call *c)
{
	uint8_t h[POLICY_HANDLE_LEN] = { 0 };
	bool ok = rpc_handle_new(c->pipe, h);

	if (c->opnum == OP_CONNECT5) {
		ndr_push_u32(c->out, 1);	/* OutVersion */
		ndr_push_u32(c->out, 1);	/* union discriminant */
		ndr_push_u32(c->out, 3);	/* Revision */
		ndr_push_u32(c->out, 0);	/* SupportedFeatures */
	}
	ndr_push_bytes(c->out, h, sizeof(h));
	ndr_push_u32(c->out, ok ? NT_STATUS_OK : NT_STATUS_ACCESS_DENIED);
	return 0;
}

static uint32_t close_handle(struct rpc_call *c)
{
	uint8_t h[POLICY_HANDLE_LEN];
	bool ok;

	ndr_pull_handle(c->in, h);
	if (!ndr_pull_ok(c->in))
		return NCA_S_FAULT_NDR;
	ok = rpc_handle_drop(c->pipe, h);
	if (ok)
		memset(h, 0, sizeof(h));
	ndr_push_bytes(c->out, h, sizeof(h));
	ndr_push_u32(c->out, ok ? NT_STATUS_OK : NT_STATUS_INVALID_HANDLE);
	return 0;
}

static uint32_t samr_call(struct rpc_call *c)
{
	switch (c->opnum) {
	case OP_CONNECT: case OP_CONNECT2: case OP_CONNECT4: case OP_CONNECT5:
		return samr_connect(c);
	case OP_CLOSE:
		return close_handle(c);
	default:
		return NCA_S_OP_RNG_ERROR;
	}
}

const struct rpc_iface rpc_samr = {
	.pipe = "samr",
	.uuid = { 0x12345778, 0x1234, 0xabcd,
		  { 0xef, 0x00, 0x01, 0x23, 0x45, 0x67, 0x89, 0xac } },
	.vers_major = 1,
	.vers_minor = 0,
	.call = samr_call,
};
