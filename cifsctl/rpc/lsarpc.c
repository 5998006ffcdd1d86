// SPDX-License-Identifier: GPL-2.0-only
/*
 * lsarpc (MS-LSAT/MS-LSAD), what Windows needs to show owners and ACL
 * entries: LsarOpenPolicy (6) and LsarOpenPolicy2 (44) hand out a policy
 * handle, LsarClose (0) drops it, LsarLookupSids (15), LsarLookupSids2
 * (57) and LsarLookupSids3 (76) translate the SIDs this server uses:
 *   S-1-22-1-<uid>  Unix User\<name>     (SidTypeUser)
 *   S-1-22-2-<gid>  Unix Group\<name>    (SidTypeGroup)
 *   S-1-1-0         \Everyone            (SidTypeWellKnownGroup)
 *   S-1-5-18        NT AUTHORITY\SYSTEM, S-1-5-11 Authenticated Users
 *   S-1-5-32-544/545 BUILTIN\Administrators, Users (SidTypeAlias)
 * Unknown uids/gids are named by their number.  Other SIDs are unmapped.
 * Every other call faults with nca_s_op_rng_error.
 */
#include "rpc_int.h"

#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>

#define OP_CLOSE		0
#define OP_OPEN_POLICY		6
#define OP_LOOKUP_SIDS		15
#define OP_OPEN_POLICY2		44
#define OP_LOOKUP_SIDS2		57
#define OP_LOOKUP_SIDS3		76

#define MAX_LOOKUP_SIDS		1000
#define MAX_DOMAINS		8

enum sid_use {
	SID_USER = 1, SID_GROUP = 2, SID_ALIAS = 4, SID_WKG = 5,
	SID_UNKNOWN = 8,
};

struct domain {
	const char *name;
	struct dom_sid sid;
};

struct translated {
	uint16_t use;
	char *name;		/* g_malloc'd; NULL when unmapped */
	uint32_t dom;		/* index into the domain list, or ~0 */
};

static bool sid_prefix(const struct dom_sid *s, uint8_t auth, uint8_t num,
		       uint32_t first, uint32_t second)
{
	static const uint8_t zero5[5];

	if (memcmp(s->auth, zero5, 5) || s->auth[5] != auth || s->num != num)
		return false;
	return num < 1 || (s->sub[0] == first && (num < 2 ||
						    s->sub[1] == second ||
						    second == ~0u));
}

static uint32_t add_domain(struct domain *d, uint32_t *nd, const char *name,
			   uint8_t auth, int nsub, uint32_t s0, uint32_t s1)
{
	struct dom_sid sid = { 1, (uint8_t)nsub, { 0, 0, 0, 0, 0, auth },
			       { s0, s1 } };

	for (uint32_t i = 0; i < *nd; i++)
		if (!strcmp(d[i].name, name))
			return i;
	d[*nd].name = name;
	d[*nd].sid = sid;
	return (*nd)++;
}

static void translate(const struct dom_sid *s, struct domain *d,
		      uint32_t *nd, struct translated *t)
{
	t->use = SID_UNKNOWN;
	t->name = NULL;
	t->dom = ~0u;
	if (sid_prefix(s, 22, 2, 1, ~0u) || sid_prefix(s, 22, 2, 2, ~0u)) {
		bool user = s->sub[0] == 1;
		uint32_t id = s->sub[1];
		struct passwd *pw = user ? getpwuid(id) : NULL;
		struct group *gr = user ? NULL : getgrgid(id);
		const char *n = pw ? pw->pw_name : gr ? gr->gr_name : NULL;

		t->name = n ? g_strdup(n) : g_strdup_printf("%u", id);
		t->use = user ? SID_USER : SID_GROUP;
		t->dom = add_domain(d, nd, user ? "Unix User" : "Unix Group",
				    22, 1, s->sub[0], 0);
	} else if (sid_prefix(s, 1, 1, 0, 0)) {
		t->name = g_strdup("Everyone");
		t->use = SID_WKG;
		t->dom = add_domain(d, nd, "", 1, 0, 0, 0);
	} else if (sid_prefix(s, 5, 1, 18, 0) || sid_prefix(s, 5, 1, 11, 0)) {
		t->name = g_strdup(s->sub[0] == 18 ? "SYSTEM" :
				   "Authenticated Users");
		t->use = SID_WKG;
		t->dom = add_domain(d, nd, "NT AUTHORITY", 5, 0, 0, 0);
	} else if (sid_prefix(s, 5, 2, 32, 544) || sid_prefix(s, 5, 2, 32, 545)) {
		t->name = g_strdup(s->sub[1] == 544 ? "Administrators" :
				   "Users");
		t->use = SID_ALIAS;
		t->dom = add_domain(d, nd, "BUILTIN", 5, 1, 32, 0);
	}
}

static uint32_t open_policy(struct rpc_call *c)
{
	uint8_t h[POLICY_HANDLE_LEN] = { 0 };
	bool ok = rpc_handle_new(c->pipe, h);

	/* SystemName, ObjectAttributes, DesiredAccess: not needed */
	ndr_push_bytes(c->out, h, sizeof(h));
	ndr_push_u32(c->out, ok ? NT_STATUS_OK : NT_STATUS_ACCESS_DENIED);
	return 0;
}

static uint32_t lsa_close(struct rpc_call *c)
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

/* LSAPR_SID_ENUM_BUFFER; returns the count or -1 on malformed input. */
static int pull_sids(struct ndr_pull *in, struct dom_sid **out)
{
	uint32_t n = ndr_pull_u32(in), conf, *refs;
	struct dom_sid *sids;

	*out = NULL;
	if (!ndr_pull_ptr(in))
		return ndr_pull_ok(in) && n == 0 ? 0 : -1;
	conf = ndr_pull_u32(in);
	if (!ndr_pull_ok(in) || conf != n || n > MAX_LOOKUP_SIDS ||
	    (size_t)n * 4 > in->len - in->off)
		return -1;
	refs = g_new(uint32_t, n ? n : 1);
	sids = g_new0(struct dom_sid, n ? n : 1);
	for (uint32_t i = 0; i < n; i++)
		refs[i] = ndr_pull_ptr(in);
	for (uint32_t i = 0; i < n && ndr_pull_ok(in); i++)
		if (!refs[i] || !ndr_pull_sid(in, &sids[i]))
			in->err = true;	/* a NULL SID is not acceptable */
	g_free(refs);
	if (!ndr_pull_ok(in)) {
		g_free(sids);
		return -1;
	}
	*out = sids;
	return (int)n;
}

static void push_domains(struct ndr_push *o, const struct domain *d,
			 uint32_t nd)
{
	ndr_push_ptr(o, true);
	ndr_push_u32(o, nd);
	ndr_push_ptr(o, nd > 0);
	ndr_push_u32(o, 32);			/* MaxEntries (ignored) */
	if (!nd)
		return;
	ndr_push_u32(o, nd);
	for (uint32_t i = 0; i < nd; i++) {
		ndr_push_ustr_hdr(o, d[i].name);
		ndr_push_ptr(o, true);
	}
	for (uint32_t i = 0; i < nd; i++) {
		ndr_push_ustr_body(o, d[i].name);
		ndr_push_sid(o, &d[i].sid);
	}
}

static void push_names(struct ndr_push *o, const struct translated *t,
		       uint32_t n, bool ex)
{
	ndr_push_u32(o, n);
	ndr_push_ptr(o, n > 0);
	if (!n)
		return;
	ndr_push_u32(o, n);
	for (uint32_t i = 0; i < n; i++) {
		ndr_push_u16(o, t[i].use);
		ndr_push_ustr_hdr(o, t[i].name);
		ndr_push_u32(o, t[i].dom);
		if (ex)
			ndr_push_u32(o, 0);	/* Flags */
	}
	for (uint32_t i = 0; i < n; i++)
		ndr_push_ustr_body(o, t[i].name);
}

static uint32_t lookup_sids(struct rpc_call *c)
{
	struct ndr_pull *in = c->in;
	bool ex = c->opnum != OP_LOOKUP_SIDS;
	struct domain doms[MAX_DOMAINS];
	struct translated *t;
	struct dom_sid *sids;
	uint32_t nd = 0, mapped = 0;
	uint8_t h[POLICY_HANDLE_LEN];
	int n;

	if (c->opnum != OP_LOOKUP_SIDS3)
		ndr_pull_handle(in, h);
	n = pull_sids(in, &sids);
	if (n < 0)
		return NCA_S_FAULT_NDR;
	ndr_pull_u32(in);			/* TranslatedNames.Entries */
	if (ndr_pull_ptr(in)) {			/* names on input: refuse */
		g_free(sids);
		return NCA_S_FAULT_NDR;
	}
	ndr_pull_u16(in);			/* LookupLevel */
	ndr_pull_u32(in);			/* MappedCount / LookupOptions */
	if (ex)
		ndr_pull_u32(in);		/* ClientRevision */
	if (!ndr_pull_ok(in)) {
		g_free(sids);
		return NCA_S_FAULT_NDR;
	}
	t = g_new0(struct translated, n ? n : 1);
	for (int i = 0; i < n; i++) {
		translate(&sids[i], doms, &nd, &t[i]);
		mapped += t[i].name != NULL;
	}
	push_domains(c->out, doms, nd);
	push_names(c->out, t, (uint32_t)n, ex);
	ndr_push_u32(c->out, mapped);
	if (c->opnum != OP_LOOKUP_SIDS3 && !rpc_handle_ok(c->pipe, h))
		ndr_push_u32(c->out, NT_STATUS_INVALID_HANDLE);
	else
		ndr_push_u32(c->out, mapped == (uint32_t)n ? NT_STATUS_OK :
				     mapped ? NT_STATUS_SOME_NOT_MAPPED :
					      NT_STATUS_NONE_MAPPED);
	for (int i = 0; i < n; i++)
		g_free(t[i].name);
	g_free(t);
	g_free(sids);
	return 0;
}

static uint32_t lsarpc_call(struct rpc_call *c)
{
	switch (c->opnum) {
	case OP_CLOSE:
		return lsa_close(c);
	case OP_OPEN_POLICY:
	case OP_OPEN_POLICY2:
		return open_policy(c);
	case OP_LOOKUP_SIDS:
	case OP_LOOKUP_SIDS2:
	case OP_LOOKUP_SIDS3:
		return lookup_sids(c);
	default:
		return NCA_S_OP_RNG_ERROR;
	}
}

const struct rpc_iface rpc_lsarpc = {
	.pipe = "lsarpc",
	.uuid = { 0x12345778, 0x1234, 0xabcd,
		  { 0xef, 0x00, 0x01, 0x23, 0x45, 0x67, 0x89, 0xab } },
	.vers_major = 0,
	.vers_minor = 0,
	.call = lsarpc_call,
};
