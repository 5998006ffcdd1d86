// SPDX-License-Identifier: GPL-2.0-only
/* wkssvc (MS-WKST): NetrWkstaGetInfo (0), levels 100, 101 and 102. */
#include "rpc_int.h"

#define OP_WKSTA_GET_INFO	0
#define PLATFORM_ID_NT		500

static uint32_t wksta_get_info(struct rpc_call *c)
{
	struct ndr_pull *in = c->in;
	struct ndr_push *o = c->out;
	const char *wg = c->cfg->workgroup ? c->cfg->workgroup : "WORKGROUP";
	char *server;
	uint32_t level;

	server = ndr_pull_unique_string(in, NULL);
	g_free(server);
	level = ndr_pull_u32(in);
	if (!ndr_pull_ok(in))
		return NCA_S_FAULT_NDR;
	ndr_push_u32(o, level);
	if (level != 100 && level != 101 && level != 102) {
		ndr_push_ptr(o, false);
		ndr_push_u32(o, WERR_INVALID_LEVEL);
		return 0;
	}
	ndr_push_ptr(o, true);
	ndr_push_u32(o, PLATFORM_ID_NT);
	ndr_push_ptr(o, true);		/* computername */
	ndr_push_ptr(o, true);		/* langroup */
	ndr_push_u32(o, 10);		/* ver_major */
	ndr_push_u32(o, 0);		/* ver_minor */
	if (level >= 101)
		ndr_push_ptr(o, true);	/* lanroot */
	if (level == 102)
		ndr_push_u32(o, 0);	/* logged_on_users */
	ndr_push_string(o, rpc_server_name(c->cfg));
	ndr_push_string(o, wg);
	if (level >= 101)
		ndr_push_string(o, "C:\\");
	ndr_push_u32(o, WERR_OK);
	return 0;
}

static uint32_t wkssvc_call(struct rpc_call *c)
{
	if (c->opnum == OP_WKSTA_GET_INFO)
		return wksta_get_info(c);
	return NCA_S_OP_RNG_ERROR;
}

const struct rpc_iface rpc_wkssvc = {
	.pipe = "wkssvc",
	.uuid = { 0x6bffd098, 0xa112, 0x3610,
		  { 0x98, 0x33, 0x46, 0xc3, 0xf8, 0x7e, 0x34, 0x5a } },
	.vers_major = 1,
	.vers_minor = 0,
	.call = wkssvc_call,
};
