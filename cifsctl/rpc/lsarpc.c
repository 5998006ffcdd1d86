// SPDX-License-Identifier: GPL-2.0-only
/*
 * lsarpc (MS-LSAT/MS-LSAD), what Windows needs to show owners and ACL
 * entries: LsarOpenPolicy (6) and LsarOpenPolicy2 (44) hand out a policy
 * handle, LsarClose (0) drops it.
 *
 * LsarQueryInformationPolicy (7) and ...2 (46), classes
 * PolicyPrimaryDomainInformation (3: the workgroup, no SID),
 * PolicyAccountDomainInformation (5: the NetBIOS name and the machine SID,
 * see rpc_machine_sid()) and PolicyDnsDomainInformation (12: the
 * workgroup, no DNS names, GUID or SID); other classes get
 * STATUS_INVALID_PARAMETER.
 *
 * LsarLookupSids (15), LsarLookupSids2 (57) and LsarLookupSids3 (76)
 * translate the SIDs this server uses:
 *   S-1-22-1-<uid>  Unix User\<name>     (SidTypeUser)
 *   S-1-22-2-<gid>  Unix Group\<name>    (SidTypeGroup)
 *   S-1-1-0         \Everyone            (SidTypeWellKnownGroup)
 *   S-1-5-18        NT AUTHORITY\SYSTEM, S-1-5-11 Authenticated Users
 *   S-1-5-32-544/545 BUILTIN\Administrators, Users (SidTypeAlias)
 *   the machine SID and S-1-5-32 name their domains (SidTypeDomain)
 * Unknown uids/gids are named by their number.  Other SIDs are unmapped.
 * LookupSids3 (and LookupNames4) are meant for a Netlogon secure channel;
 * they are answered like the others, on any pipe: they reveal nothing the
 * handle-based calls do not.
 *
 * LsarLookupNames (14), 2 (58), 3 (68) and 4 (77) go the other way:
 * "Unix User\u" (getpwnam, or a number), "Unix Group\g" (getgrnam, or a
 * number), "<netbios name or workgroup>\name" and a plain "name" (a local
 * user, else a local group), and the well-known names above.
 *
 * A null session gets STATUS_ACCESS_DENIED from LsarOpenPolicy(2) (so no
 * QueryInformationPolicy either) and from every LookupSids and LookupNames
 * call, including the ones without a handle, whatever restrict anonymous
 * says: the machine SID, SIDs and names are what account enumeration
 * (RID cycling) is built on.
 *
 * LsarGetUserName (45) names the session's account; its authority is the
 * NetBIOS name (NT AUTHORITY\ANONYMOUS LOGON for an anonymous session).
 *
 * Every other call faults with nca_s_op_rng_error.
 */
#include "rpc_int.h"

#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>

#define OP_CLOSE		0
#define OP_OPEN_POLICY		6
#define OP_QUERY_INFO		7
#define OP_LOOKUP_NAMES		14
#define OP_LOOKUP_SIDS		15
#define OP_OPEN_POLICY2		44
#define OP_GET_USER_NAME	45
#define OP_QUERY_INFO2		46
#define OP_LOOKUP_SIDS2		57
#define OP_LOOKUP_NAMES2	58
#define OP_LOOKUP_NAMES3	68
#define OP_LOOKUP_SIDS3		76
#define OP_LOOKUP_NAMES4	77

#define MAX_LOOKUP_SIDS		1000
#define MAX_DOMAINS		8

/* POLICY_INFORMATION_CLASS values answered */
#define POLICY_PRIMARY_DOMAIN	3
#define POLICY_ACCOUNT_DOMAIN	5
#define POLICY_DNS_DOMAIN	12

enum sid_use {
	SID_USER = 1, SID_GROUP = 2, SID_DOMAIN = 3, SID_ALIAS = 4,
	SID_WKG = 5, SID_UNKNOWN = 8,
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

/* Well-known accounts: the domain's SID is the account's minus its RID. */
static const struct {
	const char *dom, *name;
	uint16_t use;
	uint8_t auth, num;
	uint32_t s0, s1;
} wellknown[] = {
	{ "", "Everyone", SID_WKG, 1, 1, 0, 0 },
	{ "NT AUTHORITY", "SYSTEM", SID_WKG, 5, 1, 18, 0 },
	{ "NT AUTHORITY", "Authenticated Users", SID_WKG, 5, 1, 11, 0 },
	{ "BUILTIN", "Administrators", SID_ALIAS, 5, 2, 32, 544 },
	{ "BUILTIN", "Users", SID_ALIAS, 5, 2, 32, 545 },
};

static struct dom_sid make_sid(uint8_t auth, uint8_t num, uint32_t s0,
			       uint32_t s1)
{
	struct dom_sid sid = { 1, num, { 0, 0, 0, 0, 0, auth }, { s0, s1 } };

	return sid;
}

bool rpc_sid_equal(const struct dom_sid *a, const struct dom_sid *b)
{
	if (a->rev != b->rev || a->num != b->num ||
	    memcmp(a->auth, b->auth, sizeof(a->auth)))
		return false;
	for (int i = 0; i < a->num && i < SID_SUBAUTH_MAX; i++)
		if (a->sub[i] != b->sub[i])
			return false;
	return true;
}

void rpc_machine_sid(const struct config *cfg, struct dom_sid *sid)
{
	static const char label[] = "cifsd machine SID\n";
	char *up = g_ascii_strup(rpc_server_name(cfg), -1);
	GChecksum *ck = g_checksum_new(G_CHECKSUM_SHA256);
	uint8_t dig[32];
	gsize len = sizeof(dig);

	g_checksum_update(ck, (const guchar *)label, sizeof(label) - 1);
	g_checksum_update(ck, (const guchar *)up, (gssize)strlen(up));
	g_checksum_get_digest(ck, dig, &len);
	g_checksum_free(ck);
	g_free(up);
	*sid = make_sid(5, 4, 21, 0);
	for (int i = 0; i < 3; i++)
		sid->sub[i + 1] = (uint32_t)dig[4 * i] |
				  (uint32_t)dig[4 * i + 1] << 8 |
				  (uint32_t)dig[4 * i + 2] << 16 |
				  (uint32_t)dig[4 * i + 3] << 24;
}

/* Index of the domain (added if new) in the referenced domain list. */
static uint32_t add_domain_sid(struct domain *d, uint32_t *nd,
			       const char *name, const struct dom_sid *sid)
{
	for (uint32_t i = 0; i < *nd; i++)
		if (!strcmp(d[i].name, name))
			return i;
	if (*nd >= MAX_DOMAINS)
		return ~0u;	/* cannot happen: fewer names than slots */
	d[*nd].name = name;
	d[*nd].sid = *sid;
	return (*nd)++;
}

static uint32_t add_domain(struct domain *d, uint32_t *nd, const char *name,
			   uint8_t auth, int nsub, uint32_t s0, uint32_t s1)
{
	struct dom_sid sid = make_sid(auth, (uint8_t)nsub, s0, s1);

	return add_domain_sid(d, nd, name, &sid);
}

static bool is_unix_sid(const struct dom_sid *s)
{
	struct dom_sid u = make_sid(22, 2, 1, s->sub[1]);
	struct dom_sid g = make_sid(22, 2, 2, s->sub[1]);

	return rpc_sid_equal(s, &u) || rpc_sid_equal(s, &g);
}

static void translate(const struct config *cfg, const struct dom_sid *s,
		      struct domain *d, uint32_t *nd, struct translated *t)
{
	struct dom_sid machine, builtin = make_sid(5, 1, 32, 0);

	t->use = SID_UNKNOWN;
	t->name = NULL;
	t->dom = ~0u;
	rpc_machine_sid(cfg, &machine);
	if (is_unix_sid(s)) {
		bool user = s->sub[0] == 1;
		uint32_t id = s->sub[1];
		struct passwd *pw = user ? getpwuid(id) : NULL;
		struct group *gr = user ? NULL : getgrgid(id);
		const char *n = pw ? pw->pw_name : gr ? gr->gr_name : NULL;

		t->name = n ? g_strdup(n) : g_strdup_printf("%u", id);
		t->use = user ? SID_USER : SID_GROUP;
		t->dom = add_domain(d, nd, user ? "Unix User" : "Unix Group",
				    22, 1, s->sub[0], 0);
		return;
	}
	if (rpc_sid_equal(s, &machine) || rpc_sid_equal(s, &builtin)) {
		const char *n = s->num == 1 ? "BUILTIN" : rpc_server_name(cfg);

		t->name = g_strdup(n);
		t->use = SID_DOMAIN;
		t->dom = add_domain_sid(d, nd, n, s);
		return;
	}
	for (size_t i = 0; i < G_N_ELEMENTS(wellknown); i++) {
		struct dom_sid w = make_sid(wellknown[i].auth,
					    wellknown[i].num,
					    wellknown[i].s0, wellknown[i].s1);

		if (!rpc_sid_equal(s, &w))
			continue;
		t->name = g_strdup(wellknown[i].name);
		t->use = wellknown[i].use;
		w.num--;
		t->dom = add_domain_sid(d, nd, wellknown[i].dom, &w);
		return;
	}
}

/* A decimal uid/gid as written by translate() for unnamed ids. */
static bool parse_id(const char *s, uint32_t *id)
{
	uint64_t v = 0;

	if (!*s || strlen(s) > 10)
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return false;
		v = v * 10 + (uint64_t)(*s - '0');
	}
	if (v > UINT32_MAX)
		return false;
	*id = (uint32_t)v;
	return true;
}

static bool unix_user(const char *n, bool numeric, uint32_t *uid)
{
	struct passwd *pw = getpwnam(n);

	if (pw) {
		*uid = pw->pw_uid;
		return true;
	}
	return numeric && parse_id(n, uid);
}

static bool unix_group(const char *n, bool numeric, uint32_t *gid)
{
	struct group *gr = getgrnam(n);

	if (gr) {
		*gid = gr->gr_gid;
		return true;
	}
	return numeric && parse_id(n, gid);
}

/*
 * A name to a SID: "Unix User\u", "Unix Group\g", "<netbios name or
 * workgroup>\name" and plain "name" (a local user, else a group), the
 * well-known names with or without their domain.  use = SID_UNKNOWN when
 * unmapped.
 */
static void lookup_name(const struct config *cfg, const char *full,
			struct domain *d, uint32_t *nd, uint16_t *use,
			struct dom_sid *sid)
{
	const char *bs = strchr(full, '\\'), *name = bs ? bs + 1 : full;
	char *dom = bs ? g_strndup(full, (gsize)(bs - full)) : NULL;
	const char *wg = cfg && cfg->workgroup ? cfg->workgroup : "WORKGROUP";
	bool local = dom && (!g_ascii_strcasecmp(dom, rpc_server_name(cfg)) ||
			     !g_ascii_strcasecmp(dom, wg));
	uint32_t id;

	*use = SID_UNKNOWN;
	memset(sid, 0, sizeof(*sid));
	if (!*name)
		goto out;
	for (size_t i = 0; !local && i < G_N_ELEMENTS(wellknown); i++) {
		struct dom_sid w;

		if (g_ascii_strcasecmp(name, wellknown[i].name) ||
		    (dom && g_ascii_strcasecmp(dom, wellknown[i].dom)))
			continue;
		*sid = make_sid(wellknown[i].auth, wellknown[i].num,
				wellknown[i].s0, wellknown[i].s1);
		*use = wellknown[i].use;
		w = *sid;
		w.num--;
		add_domain_sid(d, nd, wellknown[i].dom, &w);
		goto out;
	}
	if ((!dom || local || !g_ascii_strcasecmp(dom, "Unix User")) &&
	    unix_user(name, dom && !local, &id)) {
		*sid = make_sid(22, 2, 1, id);
		*use = SID_USER;
		add_domain(d, nd, "Unix User", 22, 1, 1, 0);
	} else if ((!dom || local || !g_ascii_strcasecmp(dom, "Unix Group")) &&
		   unix_group(name, dom && !local, &id)) {
		*sid = make_sid(22, 2, 2, id);
		*use = SID_GROUP;
		add_domain(d, nd, "Unix Group", 22, 1, 2, 0);
	}
out:
	g_free(dom);
}

/* Domain of a mapped SID in the list (it was added by lookup_name). */
static uint32_t domain_of(const struct domain *d, uint32_t nd,
			  const struct dom_sid *sid)
{
	struct dom_sid p = *sid;

	p.num--;
	for (uint32_t i = 0; i < nd; i++)
		if (rpc_sid_equal(&d[i].sid, &p))
			return i;
	return ~0u;
}

/* A null session gets no policy handle: nothing to query with it. */
static uint32_t open_policy(struct rpc_call *c)
{
	uint8_t h[POLICY_HANDLE_LEN] = { 0 };
	bool ok = !rpc_anonymous(c) && rpc_handle_new(c->pipe, h);

	/* SystemName, ObjectAttributes, DesiredAccess: not needed */
	ndr_push_bytes(c->out, h, sizeof(h));
	ndr_push_u32(c->out, ok ? NT_STATUS_OK : NT_STATUS_ACCESS_DENIED);
	return 0;
}

static uint32_t lsa_close(struct rpc_call *c)
{
	return rpc_close_handle(c, NT_STATUS_OK, NT_STATUS_INVALID_HANDLE);
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

/*
 * The answer of a refused lookup: no domains, no names or SIDs (both
 * TRANSLATED_* structures are a count and a pointer), none mapped.
 */
static void push_lookup_denied(struct ndr_push *o)
{
	ndr_push_ptr(o, false);			/* ReferencedDomains */
	ndr_push_u32(o, 0);			/* Entries */
	ndr_push_ptr(o, false);			/* Names / Sids */
	ndr_push_u32(o, 0);			/* MappedCount */
	ndr_push_u32(o, NT_STATUS_ACCESS_DENIED);
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
	if (rpc_anonymous(c)) {
		g_free(sids);
		push_lookup_denied(c->out);
		return 0;
	}
	t = g_new0(struct translated, n ? n : 1);
	for (int i = 0; i < n; i++) {
		translate(c->cfg, &sids[i], doms, &nd, &t[i]);
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

/*
 * LsarQueryInformationPolicy(2): the account domain is this machine (its
 * NetBIOS name and SID), the primary domain the workgroup (no SID: not a
 * domain member), and the DNS domain information the same workgroup with
 * no DNS names, GUID or SID.
 */
static uint32_t query_info(struct rpc_call *c)
{
	struct ndr_push *o = c->out;
	uint8_t h[POLICY_HANDLE_LEN];
	const char *wg = c->cfg && c->cfg->workgroup ? c->cfg->workgroup :
			 "WORKGROUP";
	struct dom_sid machine;
	uint16_t level;

	ndr_pull_handle(c->in, h);
	level = ndr_pull_u16(c->in);
	if (!ndr_pull_ok(c->in))
		return NCA_S_FAULT_NDR;
	if (!rpc_handle_ok(c->pipe, h) ||
	    (level != POLICY_PRIMARY_DOMAIN && level != POLICY_ACCOUNT_DOMAIN &&
	     level != POLICY_DNS_DOMAIN)) {
		ndr_push_ptr(o, false);
		ndr_push_u32(o, rpc_handle_ok(c->pipe, h) ?
			     NT_STATUS_INVALID_PARAMETER :
			     NT_STATUS_INVALID_HANDLE);
		return 0;
	}
	rpc_machine_sid(c->cfg, &machine);
	ndr_push_ptr(o, true);
	ndr_push_u16(o, level);			/* union discriminant */
	if (level == POLICY_ACCOUNT_DOMAIN) {
		ndr_push_ustr_hdr(o, rpc_server_name(c->cfg));
		ndr_push_ptr(o, true);
		ndr_push_ustr_body(o, rpc_server_name(c->cfg));
		ndr_push_sid(o, &machine);
	} else if (level == POLICY_PRIMARY_DOMAIN) {
		ndr_push_ustr_hdr(o, wg);
		ndr_push_ptr(o, false);
		ndr_push_ustr_body(o, wg);
	} else {
		static const uint8_t guid[16];

		ndr_push_ustr_hdr(o, wg);
		ndr_push_ustr_hdr(o, NULL);	/* DnsDomainName */
		ndr_push_ustr_hdr(o, NULL);	/* DnsForestName */
		ndr_push_bytes(o, guid, sizeof(guid));
		ndr_push_ptr(o, false);		/* Sid */
		ndr_push_ustr_body(o, wg);
	}
	ndr_push_u32(o, NT_STATUS_OK);
	return 0;
}

/* [in] Count, [in, size_is(Count)] RPC_UNICODE_STRING Names[]: -1 if bad */
static int pull_names(struct ndr_pull *in, char ***out)
{
	uint32_t n = ndr_pull_u32(in), conf = ndr_pull_u32(in);
	struct ndr_ustr *hdr;
	char **names;

	*out = NULL;
	if (!ndr_pull_ok(in) || conf != n || n > MAX_LOOKUP_SIDS ||
	    (size_t)n * 8 > in->len - in->off)
		return -1;
	hdr = g_new(struct ndr_ustr, n ? n : 1);
	names = g_new0(char *, n + 1);
	for (uint32_t i = 0; i < n; i++)
		ndr_pull_ustr_hdr(in, &hdr[i]);
	for (uint32_t i = 0; i < n && ndr_pull_ok(in); i++)
		names[i] = ndr_pull_ustr_body(in, &hdr[i]);
	g_free(hdr);
	if (!ndr_pull_ok(in)) {
		g_strfreev(names);
		return -1;
	}
	*out = names;
	return (int)n;
}

/*
 * LsarLookupNames (14), 2 (58), 3 (68), 4 (77): TranslatedSids as
 * (use, RID, domain), + flags, or (use, SID, domain, flags).
 */
static uint32_t lookup_names(struct rpc_call *c)
{
	struct ndr_pull *in = c->in;
	struct ndr_push *o = c->out;
	bool full = c->opnum == OP_LOOKUP_NAMES3 ||
		    c->opnum == OP_LOOKUP_NAMES4;
	bool ex = c->opnum != OP_LOOKUP_NAMES;
	struct domain doms[MAX_DOMAINS];
	uint8_t h[POLICY_HANDLE_LEN];
	struct dom_sid *sids;
	uint16_t *use;
	uint32_t nd = 0, mapped = 0;
	char **names;
	int n;

	if (c->opnum != OP_LOOKUP_NAMES4)
		ndr_pull_handle(in, h);
	n = pull_names(in, &names);
	if (n < 0)
		return NCA_S_FAULT_NDR;
	ndr_pull_u32(in);			/* TranslatedSids.Entries */
	if (ndr_pull_ptr(in)) {			/* SIDs on input: refuse */
		g_strfreev(names);
		return NCA_S_FAULT_NDR;
	}
	ndr_pull_u16(in);			/* LookupLevel */
	ndr_pull_u32(in);			/* MappedCount */
	if (ex) {
		ndr_pull_u32(in);		/* LookupOptions */
		ndr_pull_u32(in);		/* ClientRevision */
	}
	if (!ndr_pull_ok(in)) {
		g_strfreev(names);
		return NCA_S_FAULT_NDR;
	}
	if (rpc_anonymous(c)) {
		g_strfreev(names);
		push_lookup_denied(o);
		return 0;
	}
	sids = g_new0(struct dom_sid, n ? n : 1);
	use = g_new0(uint16_t, n ? n : 1);
	for (int i = 0; i < n; i++) {
		lookup_name(c->cfg, names[i], doms, &nd, &use[i], &sids[i]);
		mapped += use[i] != SID_UNKNOWN;
	}
	push_domains(o, doms, nd);
	ndr_push_u32(o, (uint32_t)n);
	ndr_push_ptr(o, n > 0);
	if (n > 0)
		ndr_push_u32(o, (uint32_t)n);
	for (int i = 0; i < n; i++) {
		bool ok = use[i] != SID_UNKNOWN;
		uint32_t dom = ok ? domain_of(doms, nd, &sids[i]) : ~0u;

		ndr_push_u16(o, use[i]);
		if (full)
			ndr_push_ptr(o, ok);
		else
			ndr_push_u32(o, ok ? sids[i].sub[sids[i].num - 1] : 0);
		ndr_push_u32(o, dom);
		if (ex)
			ndr_push_u32(o, 0);	/* Flags */
	}
	for (int i = 0; full && i < n; i++)
		if (use[i] != SID_UNKNOWN)
			ndr_push_sid(o, &sids[i]);
	ndr_push_u32(o, mapped);
	if (c->opnum != OP_LOOKUP_NAMES4 && !rpc_handle_ok(c->pipe, h))
		ndr_push_u32(o, NT_STATUS_INVALID_HANDLE);
	else
		ndr_push_u32(o, mapped == (uint32_t)n ? NT_STATUS_OK :
				mapped ? NT_STATUS_SOME_NOT_MAPPED :
					 NT_STATUS_NONE_MAPPED);
	g_free(use);
	g_free(sids);
	g_strfreev(names);
	return 0;
}

/* An optional [in] RPC_UNICODE_STRING behind a unique pointer: skipped. */
static void skip_unique_ustr(struct ndr_pull *in)
{
	struct ndr_ustr u;

	if (!ndr_pull_ptr(in))
		return;
	ndr_pull_ustr_hdr(in, &u);
	g_free(ndr_pull_ustr_body(in, &u));
}

/*
 * LsarGetUserName (45): the pipe's account and this machine as its
 * authority; an anonymous session is NT AUTHORITY\ANONYMOUS LOGON.
 */
static uint32_t get_user_name(struct rpc_call *c)
{
	struct ndr_pull *in = c->in;
	struct ndr_push *o = c->out;
	const char *acct = c->account && *c->account ? c->account : NULL;
	const char *user = acct ? acct : "ANONYMOUS LOGON";
	const char *dom = acct ? rpc_server_name(c->cfg) : "NT AUTHORITY";
	bool want_dom;

	g_free(ndr_pull_unique_string(in, NULL));	/* SystemName */
	skip_unique_ustr(in);				/* *UserName */
	want_dom = ndr_pull_ptr(in) != 0;		/* DomainName */
	if (want_dom)
		skip_unique_ustr(in);
	if (!ndr_pull_ok(in))
		return NCA_S_FAULT_NDR;
	ndr_push_ptr(o, true);
	ndr_push_ustr_hdr(o, user);
	ndr_push_ustr_body(o, user);
	ndr_push_ptr(o, want_dom);
	if (want_dom) {
		ndr_push_ptr(o, true);
		ndr_push_ustr_hdr(o, dom);
		ndr_push_ustr_body(o, dom);
	}
	ndr_push_u32(o, NT_STATUS_OK);
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
	case OP_GET_USER_NAME:
		return get_user_name(c);
	case OP_QUERY_INFO:
	case OP_QUERY_INFO2:
		return query_info(c);
	case OP_LOOKUP_NAMES:
	case OP_LOOKUP_NAMES2:
	case OP_LOOKUP_NAMES3:
	case OP_LOOKUP_NAMES4:
		return lookup_names(c);
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
