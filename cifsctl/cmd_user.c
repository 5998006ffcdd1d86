// SPDX-License-Identifier: GPL-2.0-only
/* cifsctl user add|del|passwd|enable|disable|list */
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
	      "       cifsctl user enable NAME [--db PATH]\n"
	      "       cifsctl user disable NAME [--db PATH]\n"
	      "       cifsctl user list [--json] [--db PATH]\n"
	      "\n"
	      "Manage the SMB accounts in the user database.  The password is\n"
	      "read twice from the terminal, or as one line from standard\n"
	      "input when it is not a terminal.  A disabled account keeps its\n"
	      "password but cannot log in.  Run 'cifsctl reload' to apply\n"
	      "changes to a running server.\n"
	      "\n"
	      "Options:\n"
	      "  --db PATH    user database (default " USERDB_DEFAULT_PATH ")\n"
	      "  --json       list as a JSON array of {\"name\", \"disabled\", \"flags\"}\n"
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

/* Add or remove the "disabled" flag, keeping any other flags. */
static int user_enable(struct userdb *db, const char *name, bool enable)
{
	struct cifs_user *u = userdb_find(db, name);
	char *out, *o;
	const char *p;

	if (!u) {
		err_msg("no such user %s", name);
		return EXIT_FAIL;
	}
	if (user_is_disabled(u) == !enable)
		return EXIT_OK;
	out = xmalloc((u->flags ? strlen(u->flags) : 0) + sizeof(",disabled"));
	o = out;
	for (p = u->flags; p && *p;) {
		size_t len = strcspn(p, ",");

		if (len && !(len == 8 && !strncmp(p, "disabled", 8))) {
			if (o != out)
				*o++ = ',';
			memcpy(o, p, len);
			o += len;
		}
		p += len;
		if (*p == ',')
			p++;
	}
	*o = '\0';
	if (!enable)
		strcpy(o, o == out ? "disabled" : ",disabled");
	free(u->flags);
	u->flags = *out ? out : NULL;
	if (!*out)
		free(out);
	return userdb_save(db) ? EXIT_FAIL : EXIT_OK;
}

static void json_string(const char *s, size_t len)
{
	putchar('"');
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch == '"' || ch == '\\')
			printf("\\%c", ch);
		else if (ch < 0x20 || ch == 0x7f)
			printf("\\u%04x", ch);
		else
			putchar(ch);
	}
	putchar('"');
}

static int user_list_json(const struct userdb *db)
{
	putchar('[');
	for (size_t i = 0; i < db->n; i++) {
		const struct cifs_user *u = &db->users[i];
		const char *p = u->flags;
		bool first = true;

		fputs(i ? ",\n {\"name\": " : "\n {\"name\": ", stdout);
		json_string(u->name, strlen(u->name));
		printf(", \"disabled\": %s, \"flags\": [",
		       user_is_disabled(u) ? "true" : "false");
		while (p && *p) {
			size_t len = strcspn(p, ",");

			if (len) {
				if (!first)
					fputs(", ", stdout);
				json_string(p, len);
				first = false;
			}
			p += len;
			if (*p == ',')
				p++;
		}
		fputs("]}", stdout);
	}
	puts(db->n ? "\n]" : "]");
	return EXIT_OK;
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
		      const char *dbpath, bool json)
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
	else if (strcmp(action, "enable") == 0 || strcmp(action, "disable") == 0)
		ret = user_enable(&db, name, strcmp(action, "enable") == 0);
	else if (json)
		ret = user_list_json(&db);
	else
		ret = user_list(&db);
	userdb_free(&db);
	return ret;
}

int cmd_user(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *dbpath = USERDB_DEFAULT_PATH, *action;
	bool json = false;
	int c, nargs;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			dbpath = optarg;
			break;
		case 'j':
			json = true;
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
		return usage_error("'user' needs an action: add, del, passwd, enable, disable or list");
	action = argv[optind];
	nargs = argc - optind - 1;
	if (strcmp(action, "list") == 0) {
		if (nargs != 0)
			return usage_error("'user list' takes no arguments");
		return run_action(action, NULL, dbpath, json);
	}
	if (strcmp(action, "add") && strcmp(action, "del") &&
	    strcmp(action, "passwd") && strcmp(action, "enable") &&
	    strcmp(action, "disable"))
		return usage_error("unknown user action '%s'", action);
	if (json)
		return usage_error("--json is only for 'user list'");
	if (nargs != 1)
		return usage_error("'user %s' needs exactly one NAME", action);
	return run_action(action, argv[optind + 1], dbpath, false);
}
