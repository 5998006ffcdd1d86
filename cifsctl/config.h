/* SPDX-License-Identifier: GPL-2.0-only */
/* smb.conf-style configuration: parsing, validation, defaults. */
#ifndef CIFSCTL_CONFIG_H
#define CIFSCTL_CONFIG_H

#include "config_limits.h"
#include "hosts.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define CONFIG_DEFAULT_PATH "/etc/cifsd/smb.conf"
#define SHARE_NAME_MAX 80
#define NETBIOS_NAME_MAX 15

struct share {
	char *name;		/* as written in the file */
	char *path;
	char *comment;
	char *valid_users;	/* NULL: everyone */
	struct host_list hosts_allow, hosts_deny;
	bool allow_given, deny_given;	/* else [global]'s lists apply */
	bool read_only;
	bool guest_ok;
	bool browseable;
	uint32_t encrypt;	/* enum cifsd_encrypt, when encrypt_given */
	bool encrypt_given;	/* else [global]'s "server smb encrypt" */
	int case_sensitive;	/* enum share_case */
	/* open state (cifsd.conf(5), OPLOCKS, LEASES AND DURABLE HANDLES) */
	bool oplocks;
	bool level2_oplocks;
	bool durable_handles;
	bool kernel_oplocks;
	bool posix_locking;
	bool continuous_availability;
};

/* "case sensitive" (Samba's meaning) */
enum share_case {
	SHARE_CASE_AUTO,	/* ignore case unless the client asks POSIX */
	SHARE_CASE_YES,		/* names match exactly */
	SHARE_CASE_NO,		/* ignore case (POSIX opens still exact) */
};

struct config {
	char *file;
	char *netbios_name;
	char *server_string;
	char *workgroup;
	char *guest_account;
	uint16_t port;
	uint16_t min_dialect;
	uint16_t max_dialect;
	uint32_t signing;	/* enum cifsd_signing */
	uint32_t encrypt;	/* enum cifsd_encrypt */
	uint32_t map_to_guest;	/* enum cifsd_map_guest */
	uint32_t limits[NLIMITS];	/* enum cfg_limit, in each key's unit */
	uint32_t restrict_anonymous;	/* 0, 1 or 2 */
	bool smb2_leases;
	bool dir_leases;	/* smb3 directory leases */
	struct host_list hosts_allow, hosts_deny;
	struct share *shares;
	size_t nshares;
};

/*
 * Read and validate file.  Errors and warnings go to stderr as
 * "FILE:LINE: ...".  Returns 0, or -1 if there was any error (cfg is
 * then freed already).
 */
int config_load(struct config *cfg, const char *file);
/* The same, naming the file "shown" in messages (e.g. for a temp copy). */
int config_load_as(struct config *cfg, const char *file, const char *shown);
/*
 * The spelling written to files for a share key given without blanks
 * ("readonly" -> "read only"), or NULL if no share has such a key.
 */
const char *config_share_key_name(const char *canon);
void config_free(struct config *cfg);

const struct share *config_find_share(const struct config *cfg,
				      const char *name);
/* Print the effective configuration in smb.conf syntax. */
void config_print(const struct config *cfg, FILE *out);
/* Print one share section (effective values) in smb.conf syntax. */
void config_print_share(const struct share *s, FILE *out);

const char *dialect_name(uint16_t dialect);
const char *signing_name(uint32_t signing);
const char *encrypt_name(uint32_t encrypt);
/* A share's "server smb encrypt": its own, else the [global] one. */
uint32_t share_encrypt(const struct config *cfg, const struct share *s);

#endif
