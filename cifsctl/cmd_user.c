// SPDX-License-Identifier: GPL-2.0-only
/* cifsctl user add|del|passwd|list */
#include "commands.h"
#include "password.h"
#include "userdb.h"
#include "util.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void help_user(void)
{
	fputs("Usage: cifsctl user add NAME [--db PATH]\n"
	      "       cifsctl user del NAME [--db PATH]\n"
	      "       cifsctl user passwd NAME [--db PATH]\n"
	      "       cifsctl user list [--db PATH]\n"
	      "\n"
	      "Manage the SMB accounts in the user database.  The password is\n"
	      "read twice from the terminal, or as one line from standard\n"
	      "input when it is not a terminal.\n"
	      "\n"
	      "Options:\n"
	      "  --db PATH    user database (default " USERDB_DEFAULT_PATH ")\n"
	      "  -h, --help   show this help\n", stdout);
}

static int set_password(struct userdb *db, const char *name, bool add)
{
	uint8_t hash[CIFSD_NT_HASH_LEN];
	struct cifs_user *u = userdb_find(db, name);
	char *pw;
	int ret;

	if (add && u) {
		err_msg("user %s already exists", u->name);
		return EXIT_FAIL;
	}
	if (!add && !u) {
		err_msg("no such user %s", name);
		return EXIT_FAIL;
	}
	pw = read_new_password(name);
	if (!pw)
		return EXIT_FAIL;
	ret = nt_hash(pw, hash);
	memset(pw, 0, strlen(pw));
	free(pw);
	if (ret < 0) {
		err_msg("password is not valid UTF-8");
		return EXIT_FAIL;
	}
	if (add)
		userdb_add(db, name, hash);
	else
		memcpy(u->hash, hash, sizeof(hash));
	memset(hash, 0, sizeof(hash));
	return userdb_save(db) ? EXIT_FAIL : EXIT_OK;
}

static int user_del(struct userdb *db, const char *name)
{
	struct cifs_user *u = userdb_find(db, name);

	if (!u) {
		err_msg("no such user %s", name);
		return EXIT_FAIL;
	}
	userdb_del(db, u);
	return userdb_save(db) ? EXIT_FAIL : EXIT_OK;
}

static int user_list(const struct userdb *db)
{
	for (size_t i = 0; i < db->n; i++) {
		const struct cifs_user *u = &db->users[i];

		printf("%s%s\n", u->name,
		       user_is_disabled(u) ? " (disabled)" : "");
	}
	return EXIT_OK;
}

static int run_action(const char *action, const char *name,
		      const char *dbpath)
{
	struct userdb db;
	int ret;

	if (name && user_name_problem(name)) {
		err_msg("invalid user name: it %s", user_name_problem(name));
		return EXIT_FAIL;
	}
	if (userdb_load(&db, dbpath) < 0) {
		userdb_free(&db);
		return EXIT_FAIL;
	}
	if (strcmp(action, "add") == 0)
		ret = set_password(&db, name, true);
	else if (strcmp(action, "passwd") == 0)
		ret = set_password(&db, name, false);
	else if (strcmp(action, "del") == 0)
		ret = user_del(&db, name);
	else
		ret = user_list(&db);
	userdb_free(&db);
	return ret;
}

int cmd_user(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *dbpath = USERDB_DEFAULT_PATH, *action;
	int c, nargs;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			dbpath = optarg;
			break;
		case 'h':
			help_user();
			return EXIT_OK;
		case ':':
			return usage_error("option '%s' needs an argument",
					   argv[optind - 1]);
		default:
			return usage_error("unknown option '%s' for 'user'",
					   argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return usage_error("'user' needs an action: add, del, passwd or list");
	action = argv[optind];
	nargs = argc - optind - 1;
	if (strcmp(action, "list") == 0) {
		if (nargs != 0)
			return usage_error("'user list' takes no arguments");
		return run_action(action, NULL, dbpath);
	}
	if (strcmp(action, "add") && strcmp(action, "del") &&
	    strcmp(action, "passwd"))
		return usage_error("unknown user action '%s'", action);
	if (nargs != 1)
		return usage_error("'user %s' needs exactly one NAME", action);
	return run_action(action, argv[optind + 1], dbpath);
}
