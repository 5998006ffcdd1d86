// SPDX-License-Identifier: GPL-2.0-only
/*
 * samr (MS-SAMR), the part a client uses to name domains and aliases:
 * SamrConnect (0), SamrConnect2 (57), SamrConnect4 (62) and SamrConnect5
 * (64) hand out a server handle, SamrCloseHandle (1) drops any handle.
 * With a server handle: SamrLookupDomainInSamServer (5) and
 * SamrEnumerateDomainsInSamServer (6) know two domains, this machine (its
 * NetBIOS name, the machine SID of rpc_machine_sid()) and "Builtin"
 * (S-1-5-32); SamrOpenDomain (7) opens either.  With a domain handle:
 * SamrLookupIdsInDomain (18) names RIDs 544/545 of Builtin
 * (Administrators, Users); the machine domain has no accounts of its own
 * (users and groups are S-1-22-1/2, named by lsarpc).
 * Every other call faults with nca_s_op_rng_error (there is no way to
 * enumerate users, groups or aliases).  The [in] parameters of the
 * connects are not needed and not decoded.
 *
 * Access (rpc_int.h): with restrict anonymous >= 1 the connects refuse
 * guests and null sessions (Samba); a null session never gets names for
 * RIDs.  Refusals are STATUS_ACCESS_DENIED.
 */
#include "rpc_int.h"

#include <string.h>

#define OP_CONNECT		0
#define OP_CLOSE		1
#define OP_LOOKUP_DOMAIN	5
#define OP_ENUM_DOMAINS		6
#define OP_OPEN_DOMAIN		7
#define OP_LOOKUP_IDS		18
#define OP_CONNECT2		57
#define OP_CONNECT4		62
#define OP_CONNECT5		64

#define MAX_LOOKUP_IDS		1000

/* handle kinds (first byte of the handle) */
#define H_SERVER	1
#define H_DOMAIN	2	/* the machine domain */
#define H_BUILTIN	3

#define SID_ALIAS	4
#define SID_UNKNOWN	8

static uint32_t samr_connect(struct rpc_call *c)
{
	uint8_t h[POLICY_HANDLE_LEN] = { 0 };
	bool ok = !rpc_restricted(c) && rpc_handle_new_kind(c->pipe, h, H_SERVER);

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
	return rpc_close_handle(c, NT_STATUS_OK, NT_STATUS_INVALID_HANDLE);
}

/* A known handle of that kind. */
static bool handle_is(struct rpc_call *c, const uint8_t *h, uint8_t kind)
{
	return h[0] == kind && rpc_handle_ok(c->pipe, h);
}

static void builtin_sid(struct dom_sid *sid)
{
	*sid = (struct dom_sid){ 1, 1, { 0, 0, 0, 0, 0, 5 }, { 32 } };
}

/* SamrLookupDomainInSamServer: [in] RPC_UNICODE_STRING *Name. */
static uint32_t lookup_domain(struct rpc_call *c)
{
	uint8_t h[POLICY_HANDLE_LEN];
	struct ndr_ustr u;
	struct dom_sid sid;
	uint32_t st = NT_STATUS_OK;
	char *name;

	ndr_pull_handle(c->in, h);
	ndr_pull_ustr_hdr(c->in, &u);
	name = ndr_pull_ustr_body(c->in, &u);
	if (!ndr_pull_ok(c->in)) {
		g_free(name);
		return NCA_S_FAULT_NDR;
	}
	if (!handle_is(c, h, H_SERVER))
		st = NT_STATUS_INVALID_HANDLE;
	else if (!g_ascii_strcasecmp(name, rpc_server_name(c->cfg)))
		rpc_machine_sid(c->cfg, &sid);
	else if (!g_ascii_strcasecmp(name, "Builtin"))
		builtin_sid(&sid);
	else
		st = NT_STATUS_NO_SUCH_DOMAIN;
	g_free(name);
	ndr_push_ptr(c->out, st == NT_STATUS_OK);
	if (st == NT_STATUS_OK)
		ndr_push_sid(c->out, &sid);
	ndr_push_u32(c->out, st);
	return 0;
}

/* SamrEnumerateDomainsInSamServer: both domains in one go. */
static uint32_t enum_domains(struct rpc_call *c)
{
	struct ndr_push *o = c->out;
	const char *names[2] = { rpc_server_name(c->cfg), "Builtin" };
	uint8_t h[POLICY_HANDLE_LEN];
	uint32_t ctx, first, n;

	ndr_pull_handle(c->in, h);
	ctx = ndr_pull_u32(c->in);		/* EnumerationContext */
	ndr_pull_u32(c->in);			/* PreferedMaximumLength */
	if (!ndr_pull_ok(c->in))
		return NCA_S_FAULT_NDR;
	if (!handle_is(c, h, H_SERVER)) {
		ndr_push_u32(o, ctx);
		ndr_push_ptr(o, false);
		ndr_push_u32(o, 0);
		ndr_push_u32(o, NT_STATUS_INVALID_HANDLE);
		return 0;
	}
	first = ctx < 2 ? ctx : 2;
	n = 2 - first;
	ndr_push_u32(o, 2);			/* EnumerationContext */
	ndr_push_ptr(o, true);
	ndr_push_u32(o, n);			/* EntriesRead */
	ndr_push_ptr(o, n > 0);
	if (n) {
		ndr_push_u32(o, n);
		for (uint32_t i = first; i < 2; i++) {
			ndr_push_u32(o, 0);	/* RelativeId */
			ndr_push_ustr_hdr(o, names[i]);
		}
		for (uint32_t i = first; i < 2; i++)
			ndr_push_ustr_body(o, names[i]);
	}
	ndr_push_u32(o, n);			/* CountReturned */
	ndr_push_u32(o, NT_STATUS_OK);
	return 0;
}

/* SamrOpenDomain: [in] DesiredAccess, [in] RPC_SID *DomainId. */
static uint32_t open_domain(struct rpc_call *c)
{
	uint8_t h[POLICY_HANDLE_LEN], out[POLICY_HANDLE_LEN] = { 0 };
	struct dom_sid sid, machine, builtin;
	uint32_t st = NT_STATUS_OK;
	uint8_t kind = 0;

	ndr_pull_handle(c->in, h);
	ndr_pull_u32(c->in);			/* DesiredAccess */
	if (!ndr_pull_sid(c->in, &sid) || !ndr_pull_ok(c->in))
		return NCA_S_FAULT_NDR;
	rpc_machine_sid(c->cfg, &machine);
	builtin_sid(&builtin);
	if (rpc_sid_equal(&sid, &machine))
		kind = H_DOMAIN;
	else if (rpc_sid_equal(&sid, &builtin))
		kind = H_BUILTIN;
	if (!handle_is(c, h, H_SERVER))
		st = NT_STATUS_INVALID_HANDLE;
	else if (!kind)
		st = NT_STATUS_NO_SUCH_DOMAIN;
	else if (!rpc_handle_new_kind(c->pipe, out, kind))
		st = NT_STATUS_ACCESS_DENIED;
	ndr_push_bytes(c->out, out, sizeof(out));
	ndr_push_u32(c->out, st);
	return 0;
}

/*
 * SamrLookupIdsInDomain: [in] Count, [in, size_is(1000), length_is(Count)]
 * RelativeIds; out the Names and Use arrays.
 */
static uint32_t lookup_ids(struct rpc_call *c)
{
	struct ndr_pull *in = c->in;
	struct ndr_push *o = c->out;
	uint8_t h[POLICY_HANDLE_LEN];
	uint32_t n, max, ofs, len, *rids, mapped = 0;
	const char **names;
	bool builtin;

	ndr_pull_handle(in, h);
	n = ndr_pull_u32(in);
	max = ndr_pull_u32(in);
	ofs = ndr_pull_u32(in);
	len = ndr_pull_u32(in);
	if (!ndr_pull_ok(in) || n > MAX_LOOKUP_IDS || ofs != 0 || len != n ||
	    len > max || (size_t)n * 4 > in->len - in->off)
		return NCA_S_FAULT_NDR;
	rids = g_new(uint32_t, n ? n : 1);
	for (uint32_t i = 0; i < n; i++)
		rids[i] = ndr_pull_u32(in);
	if (!ndr_pull_ok(in)) {
		g_free(rids);
		return NCA_S_FAULT_NDR;
	}
	if (rpc_anonymous(c) ||
	    (!handle_is(c, h, H_DOMAIN) && !handle_is(c, h, H_BUILTIN))) {
		g_free(rids);
		for (int i = 0; i < 2; i++) {
			ndr_push_u32(o, 0);
			ndr_push_ptr(o, false);
		}
		ndr_push_u32(o, rpc_anonymous(c) ? NT_STATUS_ACCESS_DENIED :
						   NT_STATUS_INVALID_HANDLE);
		return 0;
	}
	builtin = h[0] == H_BUILTIN;
	names = g_new0(const char *, n ? n : 1);
	for (uint32_t i = 0; i < n; i++) {
		if (builtin && rids[i] == 544)
			names[i] = "Administrators";
		else if (builtin && rids[i] == 545)
			names[i] = "Users";
		mapped += names[i] != NULL;
	}
	ndr_push_u32(o, n);			/* Names */
	ndr_push_ptr(o, n > 0);
	if (n) {
		ndr_push_u32(o, n);
		for (uint32_t i = 0; i < n; i++)
			ndr_push_ustr_hdr(o, names[i] ? names[i] : "");
		for (uint32_t i = 0; i < n; i++)
			ndr_push_ustr_body(o, names[i] ? names[i] : "");
	}
	ndr_push_u32(o, n);			/* Use */
	ndr_push_ptr(o, n > 0);
	if (n) {
		ndr_push_u32(o, n);
		for (uint32_t i = 0; i < n; i++)
			ndr_push_u32(o, names[i] ? SID_ALIAS : SID_UNKNOWN);
	}
	ndr_push_u32(o, mapped == n ? NT_STATUS_OK :
		     mapped ? NT_STATUS_SOME_NOT_MAPPED : NT_STATUS_NONE_MAPPED);
	g_free(names);
	g_free(rids);
	return 0;
}

static uint32_t samr_call(struct rpc_call *c)
{
	switch (c->opnum) {
	case OP_CONNECT: case OP_CONNECT2: case OP_CONNECT4: case OP_CONNECT5:
		return samr_connect(c);
	case OP_CLOSE:
		return close_handle(c);
	case OP_LOOKUP_DOMAIN:
		return lookup_domain(c);
	case OP_ENUM_DOMAINS:
		return enum_domains(c);
	case OP_OPEN_DOMAIN:
		return open_domain(c);
	case OP_LOOKUP_IDS:
		return lookup_ids(c);
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
