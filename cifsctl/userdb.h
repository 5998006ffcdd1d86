/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The user database, /etc/cifsd/cifspwd.db: one account per line,
 *     name:base64(nt-hash)[:flags]
 * flags is an optional comma separated list (currently "disabled");
 * unknown flags are kept verbatim so newer files survive a rewrite.
 */
#ifndef CIFSCTL_USERDB_H
#define CIFSCTL_USERDB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cifsd_netlink.h>

#define USERDB_DEFAULT_PATH "/etc/cifsd/cifspwd.db"

struct cifs_user {
	char *name;
	uint8_t hash[CIFSD_NT_HASH_LEN];
	char *flags;		/* third field, NULL when absent */
};

struct userdb {
	char *path;
	struct cifs_user *users;
	size_t n, cap;
};

/*
 * Load path into db.  A missing file is an empty database.  Malformed
 * lines are reported as "PATH:LINE: ..." and make the load fail (-1).
 */
int userdb_load(struct userdb *db, const char *path);
/* Atomically rewrite the file (mode 0600).  0 or -1 (reported). */
int userdb_save(const struct userdb *db);
void userdb_free(struct userdb *db);

struct cifs_user *userdb_find(const struct userdb *db, const char *name);
void userdb_add(struct userdb *db, const char *name,
		const uint8_t hash[CIFSD_NT_HASH_LEN]);
void userdb_del(struct userdb *db, struct cifs_user *u);
bool user_is_disabled(const struct cifs_user *u);

/* NULL when name is acceptable, else a short reason. */
const char *user_name_problem(const char *name);
/* MD4(UTF-16LE(password)); -1 if password is not valid UTF-8. */
int nt_hash(const char *password, uint8_t out[CIFSD_NT_HASH_LEN]);

#endif
