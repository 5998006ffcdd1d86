// SPDX-License-Identifier: GPL-2.0-only
/*
 * srvsvc (MS-SRVS): NetrShareEnum (15), NetrShareGetInfo (16),
 * NetrShareCheck (20: no device is ever shared), NetrServerGetInfo (21)
 * and NetrShareEnumSticky (36: the same list as NetrShareEnum).
 *
 * Access (rpc_int.h): levels 2 and 502 (local paths) and NetrShareCheck (a
 * path oracle) need an authenticated user that is not a guest, as on
 * Windows; with restrict anonymous >= 1 guests and null sessions may not
 * enumerate shares nor call NetrServerGetInfo (Samba).  The refusal is
 * WERR_ACCESS_DENIED.
 *
 * Share types: STYPE_DISKTREE for disk shares,
 * STYPE_IPC | STYPE_SPECIAL for IPC$.  Shares with browseable = no are
 * left out of the enumeration but found by NetrShareGetInfo.
 */
#include "rpc_int.h"

#include <string.h>

#define OP_SHARE_ENUM		15
#define OP_SHARE_GET_INFO	16
#define OP_SHARE_CHECK		20
#define OP_SERVER_GET_INFO	21
#define OP_SHARE_ENUM_STICKY	36
#define NERR_DEVICENOTSHARED	2311u

#define STYPE_DISKTREE		0x00000000u
#define STYPE_IPC		0x00000003u
#define STYPE_SPECIAL		0x80000000u
#define SHI_USES_UNLIMITED	0xFFFFFFFFu
#define PLATFORM_ID_NT		500
#define SRV_VERSION_MAJOR	10
#define SRV_VERSION_MINOR	0
#define SV_TYPE_WORKSTATION	0x00000001u
#define SV_TYPE_SERVER		0x00000002u
#define SV_TYPE_NT		0x00001000u
#define SV_TYPE_SERVER_NT	0x00008000u
#define SRV_TYPE		(SV_TYPE_WORKSTATION | SV_TYPE_SERVER | \
				 SV_TYPE_NT | SV_TYPE_SERVER_NT)

struct share_view {
	const char *name;
	const char *comment;
	const char *path;	/* unix path, NULL for IPC$ */
	uint32_t type;
	bool browseable;
};

static const struct share_view ipc_share = {
	"IPC$", "IPC Service", NULL, STYPE_IPC | STYPE_SPECIAL, true,
};

/* Share i of the server's list: IPC$ first, then the configured ones. */
static bool share_at(const struct config *cfg, size_t i,
		     struct share_view *v)
{
	const struct share *s;

	if (i == 0) {
		*v = ipc_share;
		return true;
	}
	if (i - 1 >= cfg->nshares)
		return false;
	s = &cfg->shares[i - 1];
	v->name = s->name;
	v->comment = s->comment ? s->comment : "";
	v->path = s->path;
	v->type = STYPE_DISKTREE;
	v->browseable = s->browseable;
	return true;
}

/* Levels 2, 502 and 503 carry local paths: not for guests. */
static bool level_denied(const struct rpc_call *c, uint32_t level)
{
	return (level == 2 || level == 502 || level == 503) && rpc_guest(c);
}

static bool known_level(uint32_t level, bool get_info)
{
	switch (level) {
	case 0: case 1: case 2: case 501: case 502:
		return true;
	case 1005:
		return get_info;
	default:
		return false;
	}
}

/* "C:\srv\share" for a unix path, as Windows clients expect. */
static char *win_path(const char *path)
{
	char *w = g_strconcat("C:", path ? path : "\\", NULL);

	for (char *c = w; *c; c++)
		if (*c == '/')
			*c = '\\';
	return w;
}

/* The fixed part of SHARE_INFO_<level> (embedded pointers referenced). */
static void push_share_fixed(struct ndr_push *o, uint32_t level,
			     const struct share_view *s)
{
	if (level == 1005) {
		ndr_push_u32(o, 0);		/* shi1005_flags */
		return;
	}
	ndr_push_ptr(o, true);			/* netname */
	if (level == 0)
		return;
	ndr_push_u32(o, s->type);
	ndr_push_ptr(o, true);			/* remark */
	if (level == 501) {
		ndr_push_u32(o, 0);		/* shi501_flags */
		return;
	}
	if (level == 1)
		return;
	ndr_push_u32(o, 0);			/* permissions */
	ndr_push_u32(o, SHI_USES_UNLIMITED);	/* max_uses */
	ndr_push_u32(o, 0);			/* current_uses */
	ndr_push_ptr(o, true);			/* path */
	ndr_push_ptr(o, false);			/* passwd */
	if (level == 502) {
		ndr_push_u32(o, 0);		/* reserved: SD length */
		ndr_push_ptr(o, false);		/* security_descriptor */
	}
}

/* The deferred strings of SHARE_INFO_<level>, in member order. */
static void push_share_deferred(struct ndr_push *o, uint32_t level,
				const struct share_view *s)
{
	char *path;

	if (level == 1005)
		return;
	ndr_push_string(o, s->name);
	if (level == 0)
		return;
	ndr_push_string(o, s->comment);
	if (level == 1 || level == 501)
		return;
	path = win_path(s->path);
	ndr_push_string(o, s->path ? path : "");
	g_free(path);
}

static uint32_t share_enum(struct rpc_call *c)
{
	struct ndr_pull *in = c->in;
	struct ndr_push *o = c->out;
	uint32_t level, disc, resume = 0, count = 0;
	bool has_resume;
	struct share_view v;
	char *server;

	server = ndr_pull_unique_string(in, NULL);
	g_free(server);
	level = ndr_pull_u32(in);
	disc = ndr_pull_u32(in);
	if (ndr_pull_ptr(in)) {
		ndr_pull_u32(in);		/* EntriesRead */
		if (ndr_pull_ptr(in))		/* a buffer on input: refuse */
			return NCA_S_FAULT_NDR;
	}
	ndr_pull_u32(in);			/* PreferedMaximumLength */
	has_resume = ndr_pull_ptr(in) != 0;
	if (has_resume)
		resume = ndr_pull_u32(in);
	if (!ndr_pull_ok(in) || disc != level)
		return NCA_S_FAULT_NDR;
	(void)resume;	/* everything is returned in one answer */

	ndr_push_u32(o, level);
	ndr_push_u32(o, level);
	/* 3.1.4.9: the sticky enumeration has no 501 container */
	if (!known_level(level, false) ||
	    (c->opnum == OP_SHARE_ENUM_STICKY && level == 501)) {
		ndr_push_ptr(o, false);
		ndr_push_u32(o, 0);		/* TotalEntries */
		ndr_push_ptr(o, has_resume);
		if (has_resume)
			ndr_push_u32(o, 0);
		ndr_push_u32(o, WERR_INVALID_LEVEL);
		return 0;
	}
	if (level_denied(c, level) || rpc_restricted(c)) {
		ndr_push_ptr(o, true);		/* an empty container */
		ndr_push_u32(o, 0);
		ndr_push_ptr(o, false);
		ndr_push_u32(o, 0);		/* TotalEntries */
		ndr_push_ptr(o, has_resume);
		if (has_resume)
			ndr_push_u32(o, 0);
		ndr_push_u32(o, WERR_ACCESS_DENIED);
		return 0;
	}
	for (size_t i = 0; share_at(c->cfg, i, &v); i++)
		count += v.browseable;
	ndr_push_ptr(o, true);			/* the container */
	ndr_push_u32(o, count);
	ndr_push_ptr(o, count > 0);
	if (count) {
		ndr_push_u32(o, count);		/* conformance */
		for (size_t i = 0; share_at(c->cfg, i, &v); i++)
			if (v.browseable)
				push_share_fixed(o, level, &v);
		for (size_t i = 0; share_at(c->cfg, i, &v); i++)
			if (v.browseable)
				push_share_deferred(o, level, &v);
	}
	ndr_push_u32(o, count);			/* TotalEntries */
	ndr_push_ptr(o, has_resume);
	if (has_resume)
		ndr_push_u32(o, count);
	ndr_push_u32(o, WERR_OK);
	return 0;
}

static uint32_t share_get_info(struct rpc_call *c)
{
	struct ndr_pull *in = c->in;
	struct ndr_push *o = c->out;
	struct share_view v;
	bool found = false;
	char *server, *name;
	uint32_t level;

	server = ndr_pull_unique_string(in, NULL);
	g_free(server);
	name = ndr_pull_string(in);
	level = ndr_pull_u32(in);
	if (!ndr_pull_ok(in)) {
		g_free(name);
		return NCA_S_FAULT_NDR;
	}
	for (size_t i = 0; !found && share_at(c->cfg, i, &v); i++)
		found = !g_ascii_strcasecmp(v.name, name);
	g_free(name);
	ndr_push_u32(o, level);
	if (!known_level(level, true) || !found || level_denied(c, level)) {
		ndr_push_ptr(o, false);
		ndr_push_u32(o, !found ? WERR_NERR_NETNAMENOTFOUND :
				level_denied(c, level) ? WERR_ACCESS_DENIED :
							 WERR_INVALID_LEVEL);
		return 0;
	}
	ndr_push_ptr(o, true);
	push_share_fixed(o, level, &v);
	push_share_deferred(o, level, &v);
	ndr_push_u32(o, WERR_OK);
	return 0;
}

static uint32_t server_get_info(struct rpc_call *c)
{
	struct ndr_pull *in = c->in;
	struct ndr_push *o = c->out;
	const char *comment = c->cfg->server_string ? c->cfg->server_string :
						      "";
	const char *name = rpc_server_name(c->cfg);
	char *server;
	uint32_t level;

	server = ndr_pull_unique_string(in, NULL);
	g_free(server);
	level = ndr_pull_u32(in);
	if (!ndr_pull_ok(in))
		return NCA_S_FAULT_NDR;
	ndr_push_u32(o, level);
	if (rpc_restricted(c) ||
	    (level != 100 && level != 101 && level != 102)) {
		ndr_push_ptr(o, false);
		ndr_push_u32(o, rpc_restricted(c) ? WERR_ACCESS_DENIED :
						    WERR_INVALID_LEVEL);
		return 0;
	}
	ndr_push_ptr(o, true);
	ndr_push_u32(o, PLATFORM_ID_NT);
	ndr_push_ptr(o, true);			/* name */
	if (level >= 101) {
		ndr_push_u32(o, SRV_VERSION_MAJOR);
		ndr_push_u32(o, SRV_VERSION_MINOR);
		ndr_push_u32(o, SRV_TYPE);
		ndr_push_ptr(o, true);		/* comment */
	}
	if (level == 102) {
		ndr_push_u32(o, 0);		/* users */
		ndr_push_u32(o, 0);		/* disc: autodisconnect minutes */
		ndr_push_u32(o, 0);		/* hidden: FALSE */
		ndr_push_u32(o, 240);		/* announce (s) */
		ndr_push_u32(o, 3000);		/* anndelta (ms) */
		ndr_push_u32(o, 0);		/* licenses */
		ndr_push_ptr(o, true);		/* userpath */
	}
	ndr_push_string(o, name);
	if (level >= 101)
		ndr_push_string(o, comment);
	if (level == 102)
		ndr_push_string(o, "C:\\");
	ndr_push_u32(o, WERR_OK);
	return 0;
}

/* 3.1.4.14: is Device a prefix of the local path of some share? */
static uint32_t share_check(struct rpc_call *c)
{
	char *server = ndr_pull_unique_string(c->in, NULL);
	char *device = ndr_pull_string(c->in);
	struct share_view v;
	uint32_t type = 0, st = NERR_DEVICENOTSHARED;

	g_free(server);
	if (!ndr_pull_ok(c->in)) {
		g_free(device);
		return NCA_S_FAULT_NDR;
	}
	if (rpc_guest(c))
		st = WERR_ACCESS_DENIED;
	for (size_t i = 0; st == NERR_DEVICENOTSHARED && share_at(c->cfg, i, &v);
	     i++) {
		char *path = v.path ? win_path(v.path) : g_strdup("");

		if (!g_ascii_strncasecmp(path, device, strlen(device))) {
			type = v.type;
			st = WERR_OK;
		}
		g_free(path);
	}
	g_free(device);
	ndr_push_u32(c->out, type);
	ndr_push_u32(c->out, st);
	return 0;
}

static uint32_t srvsvc_call(struct rpc_call *c)
{
	switch (c->opnum) {
	case OP_SHARE_ENUM:
	case OP_SHARE_ENUM_STICKY:
		return share_enum(c);
	case OP_SHARE_CHECK:
		return share_check(c);
	case OP_SHARE_GET_INFO:
		return share_get_info(c);
	case OP_SERVER_GET_INFO:
		return server_get_info(c);
	default:
		return NCA_S_OP_RNG_ERROR;
	}
}

const struct rpc_iface rpc_srvsvc = {
	.pipe = "srvsvc",
	.uuid = { 0x4b324fc8, 0x1670, 0x01d3,
		  { 0x12, 0x78, 0x5a, 0x47, 0xbf, 0x6e, 0xe1, 0x88 } },
	.vers_major = 3,
	.vers_minor = 0,
	.call = srvsvc_call,
};
