// SPDX-License-Identifier: GPL-2.0-only
#include "handlers.h"
#include "util.h"

#include <grp.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>

#define NOBODY_ID 65534

static bool lookup_ids(const char *name, uint32_t *uid, uint32_t *gid)
{
	struct passwd *pw = getpwnam(name);

	if (!pw)
		return false;
	*uid = pw->pw_uid;
	*gid = pw->pw_gid;
	return true;
}

static void guest_ids(const struct daemon_state *st, uint32_t *uid,
		      uint32_t *gid)
{
	if (!lookup_ids(st->cfg.guest_account, uid, gid)) {
		*uid = NOBODY_ID;
		*gid = NOBODY_ID;
	}
}

void handle_login(const struct daemon_state *st, const char *account,
		  struct login_reply *r)
{
	const struct cifs_user *u = *account ? userdb_find(&st->db, account) :
					       NULL;

	memset(r, 0, sizeof(*r));
	if (u) {
		r->status = CIFSD_STATUS_OK;
		if (!lookup_ids(u->name, &r->uid, &r->gid))
			guest_ids(st, &r->uid, &r->gid);
		if (user_is_disabled(u)) {
			r->flags = CIFSD_LOGIN_F_DISABLED;
			return;
		}
		r->has_hash = true;
		memcpy(r->hash, u->hash, sizeof(r->hash));
		return;
	}
	if (!*account || st->cfg.map_to_guest == CIFSD_MAP_GUEST_BAD_USER) {
		r->status = CIFSD_STATUS_OK;
		r->flags = CIFSD_LOGIN_F_GUEST;
		guest_ids(st, &r->uid, &r->gid);
		return;
	}
	r->status = CIFSD_STATUS_NO_SUCH_USER;
}

uint32_t share_state_flags(const struct share *s)
{
	uint32_t f = 0;

	if (!s->oplocks)
		f |= CIFSD_SHARE_F_NO_OPLOCKS;
	if (!s->level2_oplocks)
		f |= CIFSD_SHARE_F_NO_LEVEL2;
	if (!s->durable_handles)
		f |= CIFSD_SHARE_F_NO_DURABLE;
	if (!s->kernel_oplocks)
		f |= CIFSD_SHARE_F_NO_KERNEL_OPLOCKS;
	if (!s->posix_locking)
		f |= CIFSD_SHARE_F_NO_POSIX_LOCKING;
	if (s->continuous_availability)
		f |= CIFSD_SHARE_F_CA;
	return f;
}

void handle_share_config(const struct daemon_state *st, const char *name,
			 struct share_reply *r)
{
	const struct share *s;

	memset(r, 0, sizeof(*r));
	if (str_ieq(name, "IPC$")) {
		r->status = CIFSD_STATUS_OK;
		r->path = "";
		r->comment = "IPC Service";
		r->flags = CIFSD_SHARE_F_PIPE;
		r->encrypt = st->cfg.encrypt;
		return;
	}
	s = config_find_share(&st->cfg, name);
	if (!s) {
		r->status = CIFSD_STATUS_NO_SUCH_SHARE;
		return;
	}
	r->status = CIFSD_STATUS_OK;
	r->path = s->path;
	r->comment = s->comment;
	r->encrypt = share_encrypt(&st->cfg, s);
	if (s->read_only)
		r->flags |= CIFSD_SHARE_F_READONLY;
	if (s->guest_ok)
		r->flags |= CIFSD_SHARE_F_GUEST_OK;
	if (s->browseable)
		r->flags |= CIFSD_SHARE_F_BROWSEABLE;
	if (s->case_sensitive == SHARE_CASE_YES)
		r->flags |= CIFSD_SHARE_F_CASE_SENSITIVE;
	else if (s->case_sensitive == SHARE_CASE_NO)
		r->flags |= CIFSD_SHARE_F_CASE_INSENSITIVE;
	r->flags |= share_state_flags(s);
}

static bool in_unix_group(const char *account, const char *group)
{
	struct group *gr = getgrnam(group);
	struct passwd *pw;

	if (!gr)
		return false;
	for (char **m = gr->gr_mem; *m; m++)
		if (str_ieq(*m, account))
			return true;
	pw = getpwnam(account);
	return pw && pw->pw_gid == gr->gr_gid;
}

/* "valid users": names and @group / +group, comma or blank separated. */
static bool user_listed(const char *list, const char *account)
{
	char *copy = xstrdup(list), *save = NULL, *tok;
	bool found = false;

	for (tok = strtok_r(copy, ", \t", &save); tok && !found;
	     tok = strtok_r(NULL, ", \t", &save)) {
		if (*tok == '@' || *tok == '+')
			found = in_unix_group(account, tok + 1);
		else
			found = str_ieq(tok, account);
	}
	free(copy);
	return found;
}

uint32_t effective_login_flags(bool have, uint32_t flags, const char *account)
{
	if (!have)
		flags = CIFSD_LOGIN_F_GUEST;
	if (!account || !*account)
		flags |= CIFSD_LOGIN_F_GUEST | CIFSD_LOGIN_F_ANONYMOUS;
	return flags;
}

/* A share's lists, each taken from [global] when the share has none. */
static bool share_hosts_ok(const struct config *c, const struct share *s,
			   const char *addr)
{
	return hosts_allowed(s->allow_given ? &s->hosts_allow : &c->hosts_allow,
			     s->deny_given ? &s->hosts_deny : &c->hosts_deny,
			     addr);
}

static void deny(struct tree_reply *r, const char *why)
{
	r->status = CIFSD_STATUS_ACCESS_DENIED;
	r->why = why;
}

/* Checks that come before the share lookup; false when refused. */
static bool session_ok(const struct config *c, uint32_t login_flags,
		       const char *addr, bool ipc, struct tree_reply *r)
{
	if (!hosts_allowed(&c->hosts_allow, &c->hosts_deny, addr ? addr : "")) {
		deny(r, "client address not allowed by [global] hosts allow/deny");
		return false;
	}
	if (c->restrict_anonymous < 2)
		return true;
	if (login_flags & CIFSD_LOGIN_F_ANONYMOUS) {
		deny(r, "anonymous session (restrict anonymous = 2)");
		return false;
	}
	if (ipc && (login_flags & CIFSD_LOGIN_F_GUEST)) {
		deny(r, "guest session on IPC$ (restrict anonymous = 2)");
		return false;
	}
	return true;
}

void handle_tree_connect(const struct daemon_state *st, const char *account,
			 const char *share, uint32_t login_flags,
			 const char *client_addr, struct tree_reply *r)
{
	bool guest = login_flags & CIFSD_LOGIN_F_GUEST;
	bool ipc = str_ieq(share, "IPC$");
	const struct share *s;

	memset(r, 0, sizeof(*r));
	if (!session_ok(&st->cfg, login_flags, client_addr, ipc, r))
		return;
	if (ipc) {
		r->status = CIFSD_STATUS_OK;
		return;
	}
	s = config_find_share(&st->cfg, share);
	if (!s) {
		r->status = CIFSD_STATUS_NO_SUCH_SHARE;
		r->why = "no such share";
		return;
	}
	if (!share_hosts_ok(&st->cfg, s, client_addr ? client_addr : "")) {
		deny(r, "client address not allowed by the share's hosts allow/deny");
		return;
	}
	if (guest && !s->guest_ok) {
		deny(r, "guest session and guest ok = no");
		return;
	}
	if (s->valid_users && *s->valid_users &&
	    !user_listed(s->valid_users, guest ? st->cfg.guest_account : account)) {
		deny(r, "not in valid users");
		return;
	}
	r->status = CIFSD_STATUS_OK;
	if (s->read_only)
		r->flags |= CIFSD_TREE_F_READONLY;
}
