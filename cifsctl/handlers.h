/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the daemon answers to the kernel's requests.  Pure policy on top
 * of the loaded config and user database, no netlink here.
 */
#ifndef CIFSCTL_HANDLERS_H
#define CIFSCTL_HANDLERS_H

#include "config.h"
#include "userdb.h"

#include <cifsd_netlink.h>
#include <stdbool.h>
#include <stdint.h>

struct daemon_state {
	struct config cfg;
	struct userdb db;
	const char *config_path;
	const char *db_path;
};

struct login_reply {
	uint32_t status;
	uint32_t uid, gid, flags;
	bool has_hash;
	uint8_t hash[CIFSD_NT_HASH_LEN];
};

struct share_reply {
	uint32_t status;
	const char *path;	/* point into the config, valid until reload */
	const char *comment;
	uint32_t flags;
};

struct tree_reply {
	uint32_t status;
	uint32_t flags;
	const char *why;	/* a refusal's reason, for the log */
};

void handle_login(const struct daemon_state *st, const char *account,
		  struct login_reply *r);
/* The CIFSD_SHARE_F_* bits of a share's open-state keys. */
uint32_t share_state_flags(const struct share *s);
void handle_share_config(const struct daemon_state *st, const char *share,
			 struct share_reply *r);
/*
 * client_addr: the kernel's text ("a.b.c.d" or IPv6), NULL if not sent
 * (then any hosts allow / hosts deny list refuses).
 */
void handle_tree_connect(const struct daemon_state *st, const char *account,
			 const char *share, uint32_t login_flags,
			 const char *client_addr, struct tree_reply *r);
/*
 * The login flags to act on: CIFSD_LOGIN_F_* as sent, or GUEST when the
 * kernel sent none (have == false); an empty account is always an
 * anonymous guest.
 */
uint32_t effective_login_flags(bool have, uint32_t flags, const char *account);

#endif
