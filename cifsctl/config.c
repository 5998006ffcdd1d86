// SPDX-License-Identifier: GPL-2.0-only
#include "config.h"
#include "config_scan.h"
#include "config_values.h"
#include "util.h"

#include <cifsd_netlink.h>
#include <ctype.h>
#include <errno.h>
#include <iniparser.h>
#include <limits.h>
#include <stdarg.h>
#include <strings.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* State while one file is being loaded. */
struct loader {
	struct config *cfg;
	dictionary *dict;
	const struct conf_section *sec;
	int errors;
	unsigned min_line, max_line;
};

static void report(struct loader *ld, unsigned line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void report(struct loader *ld, unsigned line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s:%u: ", ld->cfg->file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	ld->errors++;
}

static void warn(struct loader *ld, unsigned line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void warn(struct loader *ld, unsigned line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s:%u: warning: ", ld->cfg->file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* The value iniparser holds for entry e of the current section. */
static const char *value_of(struct loader *ld, const struct conf_entry *e)
{
	size_t n = strlen(ld->sec->name) + strlen(e->key) + 2;
	char *k = xmalloc(n);
	const char *v;

	snprintf(k, n, "%s:%s", ld->sec->name, e->key);
	v = iniparser_getstring(ld->dict, k, "");
	free(k);
	return v ? v : "";
}

static void set_str(char **dst, const char *v)
{
	free(*dst);
	*dst = xstrdup(v);
}

static void bad_value(struct loader *ld, const struct conf_entry *e,
		      const char *v, const char *expected)
{
	report(ld, e->line, "bad value '%s' for '%s' (expected %s)", v, e->key,
	       expected);
}

static bool global_name(struct loader *ld, const struct conf_entry *e,
			const char *v, char **dst)
{
	const char *why = netbios_name_problem(v);

	if (why) {
		report(ld, e->line, "%s '%s' %s", e->key, v, why);
		return true;
	}
	set_str(dst, v);
	for (char *p = *dst; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	return true;
}

/* A numeric limit (config_limits.c); false if the key is not one. */
static bool limit_key(struct loader *ld, const struct conf_entry *e,
		      const char *v)
{
	const struct limit_key *k = limit_key_find(e->canon);
	uint32_t n;

	if (!k)
		return false;
	if (!limit_parse(k, v, &n))
		bad_value(ld, e, v, k->expected);
	else
		ld->cfg->limits[k->id] = n;
	return true;
}

struct hosts_ctx {
	struct loader *ld;
	unsigned line;
};

static void hosts_msg(void *ctx, bool error, const char *msg)
{
	struct hosts_ctx *h = ctx;

	if (error)
		report(h->ld, h->line, "%s", msg);
	else
		warn(h->ld, h->line, "%s", msg);
}

/* hosts allow / hosts deny, in [global] or a share; the last one wins. */
static void set_hosts(struct loader *ld, const struct conf_entry *e,
		      const char *v, struct host_list *l)
{
	struct hosts_ctx h = { ld, e->line };

	hosts_free(l);
	hosts_parse(v, e->key, l, hosts_msg, &h);
}

#define ENCRYPT_VALUES "off, if_required, desired or required"
static void set_bool(struct loader *ld, const struct conf_entry *e,
		     const char *v, bool *dst, bool invert);

/* Returns false if the key is unknown in [global]. */
static bool global_key(struct loader *ld, const struct conf_entry *e)
{
	struct config *c = ld->cfg;
	const char *k = e->canon, *v = value_of(ld, e);
	unsigned long n;

	if (!strcmp(k, "netbiosname"))
		return global_name(ld, e, v, &c->netbios_name);
	if (!strcmp(k, "workgroup"))
		return global_name(ld, e, v, &c->workgroup);
	if (!strcmp(k, "serverstring")) {
		if (strlen(v) >= CIFSD_COMMENT_MAX || !utf8_valid(v))
			bad_value(ld, e, v, "UTF-8 text of at most 255 bytes");
		else
			set_str(&c->server_string, v);
	} else if (!strcmp(k, "port") || !strcmp(k, "smbports")) {
		if (!parse_port_list(v, &c->port))
			bad_value(ld, e, v, "a port number 1-65535");
	} else if (!strcmp(k, "servermaxprotocol") ||
		   !strcmp(k, "serverminprotocol")) {
		bool is_max = !strcmp(k, "servermaxprotocol");

		if (!parse_protocol(v, is_max, is_max ? &c->max_dialect :
							  &c->min_dialect))
			bad_value(ld, e, v, is_max ?
				  "SMB2, SMB2_02, SMB2_10, SMB3, SMB3_00, SMB3_02 or SMB3_11" :
				  "NT1, SMB2, SMB2_02, SMB2_10, SMB3, SMB3_00, SMB3_02 or SMB3_11");
		*(is_max ? &ld->max_line : &ld->min_line) = e->line;
	} else if (!strcmp(k, "serversigning")) {
		if (!parse_signing(v, &c->signing))
			bad_value(ld, e, v, "auto, mandatory or disabled");
	} else if (!strcmp(k, "serversmbencrypt") || !strcmp(k, "smbencrypt")) {
		if (!parse_encrypt(v, &c->encrypt))
			bad_value(ld, e, v, ENCRYPT_VALUES);
	} else if (!strcmp(k, "guestaccount")) {
		if (!*v || strlen(v) >= CIFSD_NAME_MAX || strchr(v, ':'))
			bad_value(ld, e, v, "a user name");
		else
			set_str(&c->guest_account, v);
	} else if (!strcmp(k, "maptoguest")) {
		if (!parse_map_to_guest(v, &c->map_to_guest))
			bad_value(ld, e, v, "never or bad user");
	} else if (!strcmp(k, "restrictanonymous")) {
		if (!parse_ulong(v, 0, 2, &n))
			bad_value(ld, e, v, "0, 1 or 2");
		else
			c->restrict_anonymous = (uint32_t)n;
	} else if (!strcmp(k, "smb2leases")) {
		set_bool(ld, e, v, &c->smb2_leases, false);
	} else if (!strcmp(k, "smb3directoryleases")) {
		/* Samba's "auto" means yes unless clustered: yes here */
		if (!strcasecmp(v, "auto"))
			c->dir_leases = true;
		else
			set_bool(ld, e, v, &c->dir_leases, false);
	} else if (!strcmp(k, "hostsallow") || !strcmp(k, "allowhosts")) {
		set_hosts(ld, e, v, &c->hosts_allow);
	} else if (!strcmp(k, "hostsdeny") || !strcmp(k, "denyhosts")) {
		set_hosts(ld, e, v, &c->hosts_deny);
	} else {
		return limit_key(ld, e, v);
	}
	return true;
}

static void set_path(struct loader *ld, struct share *s,
		     const struct conf_entry *e, const char *v)
{
	char real[PATH_MAX];
	struct stat st;

	if (v[0] != '/') {
		report(ld, e->line, "share [%s]: path '%s' is not absolute",
		       s->name, v);
	} else if (stat(v, &st) < 0) {
		report(ld, e->line, "share [%s]: path %s does not exist",
		       s->name, v);
	} else if (!S_ISDIR(st.st_mode)) {
		report(ld, e->line, "share [%s]: path %s is not a directory",
		       s->name, v);
	} else if (!realpath(v, real) || strlen(real) >= CIFSD_PATH_MAX) {
		report(ld, e->line, "share [%s]: cannot resolve path %s: %s",
		       s->name, v, strerror(errno));
	} else {
		set_str(&s->path, real);
	}
}

static void set_bool(struct loader *ld, const struct conf_entry *e,
		     const char *v, bool *dst, bool invert)
{
	bool b;

	if (!parse_bool(v, &b))
		bad_value(ld, e, v, "yes or no");
	else
		*dst = invert ? !b : b;
}

static void set_case(struct loader *ld, const struct conf_entry *e,
		     const char *v, int *dst)
{
	bool b;

	if (str_ieq(v, "auto") || str_ieq(v, "default"))
		*dst = SHARE_CASE_AUTO;
	else if (parse_bool(v, &b))
		*dst = b ? SHARE_CASE_YES : SHARE_CASE_NO;
	else
		bad_value(ld, e, v, "auto, yes or no");
}

/*
 * The keys share_key() knows, by their blank-less spelling, and how
 * "cifsctl share" writes them.  Keep the two in step.
 */
static const struct {
	const char *canon, *name;
} share_keys[] = {
	{ "path", "path" },
	{ "comment", "comment" },
	{ "readonly", "read only" },
	{ "writeable", "writeable" },
	{ "writable", "writable" },
	{ "writeok", "write ok" },
	{ "guestok", "guest ok" },
	{ "public", "public" },
	{ "browseable", "browseable" },
	{ "browsable", "browsable" },
	{ "casesensitive", "case sensitive" },
	{ "casesignames", "casesignames" },
	{ "validusers", "valid users" },
	{ "hostsallow", "hosts allow" },
	{ "allowhosts", "allow hosts" },
	{ "hostsdeny", "hosts deny" },
	{ "denyhosts", "deny hosts" },
	{ "smbencrypt", "smb encrypt" },
	{ "serversmbencrypt", "server smb encrypt" },
	{ "oplocks", "oplocks" },
	{ "level2oplocks", "level2 oplocks" },
	{ "durablehandles", "durable handles" },
	{ "kerneloplocks", "kernel oplocks" },
	{ "posixlocking", "posix locking" },
	{ "continuousavailability", "continuous availability" },
};

const char *config_share_key_name(const char *canon)
{
	for (size_t i = 0; i < sizeof(share_keys) / sizeof(share_keys[0]); i++)
		if (!strcmp(share_keys[i].canon, canon))
			return share_keys[i].name;
	return NULL;
}

/* Returns false if the key is unknown in a share section. */
static bool share_key(struct loader *ld, struct share *s,
		      const struct conf_entry *e)
{
	const char *k = e->canon, *v = value_of(ld, e);

	if (!strcmp(k, "path")) {
		set_path(ld, s, e, v);
	} else if (!strcmp(k, "comment")) {
		if (strlen(v) >= CIFSD_COMMENT_MAX || !utf8_valid(v))
			bad_value(ld, e, v, "UTF-8 text of at most 255 bytes");
		else
			set_str(&s->comment, v);
	} else if (!strcmp(k, "readonly")) {
		set_bool(ld, e, v, &s->read_only, false);
	} else if (!strcmp(k, "writeable") || !strcmp(k, "writable") ||
		   !strcmp(k, "writeok")) {
		set_bool(ld, e, v, &s->read_only, true);
	} else if (!strcmp(k, "guestok") || !strcmp(k, "public")) {
		set_bool(ld, e, v, &s->guest_ok, false);
	} else if (!strcmp(k, "browseable") || !strcmp(k, "browsable")) {
		set_bool(ld, e, v, &s->browseable, false);
	} else if (!strcmp(k, "casesensitive") || !strcmp(k, "casesignames")) {
		set_case(ld, e, v, &s->case_sensitive);
	} else if (!strcmp(k, "oplocks")) {
		set_bool(ld, e, v, &s->oplocks, false);
	} else if (!strcmp(k, "level2oplocks")) {
		set_bool(ld, e, v, &s->level2_oplocks, false);
	} else if (!strcmp(k, "durablehandles")) {
		set_bool(ld, e, v, &s->durable_handles, false);
	} else if (!strcmp(k, "kerneloplocks")) {
		set_bool(ld, e, v, &s->kernel_oplocks, false);
	} else if (!strcmp(k, "posixlocking")) {
		set_bool(ld, e, v, &s->posix_locking, false);
	} else if (!strcmp(k, "continuousavailability")) {
		set_bool(ld, e, v, &s->continuous_availability, false);
	} else if (!strcmp(k, "validusers")) {
		set_str(&s->valid_users, v);
	} else if (!strcmp(k, "hostsallow") || !strcmp(k, "allowhosts")) {
		set_hosts(ld, e, v, &s->hosts_allow);
		s->allow_given = true;
	} else if (!strcmp(k, "hostsdeny") || !strcmp(k, "denyhosts")) {
		set_hosts(ld, e, v, &s->hosts_deny);
		s->deny_given = true;
	} else if (!strcmp(k, "smbencrypt") || !strcmp(k, "serversmbencrypt")) {
		if (parse_encrypt(v, &s->encrypt))
			s->encrypt_given = true;
		else
			bad_value(ld, e, v, ENCRYPT_VALUES);
	} else {
		return false;
	}
	return true;
}

static void load_share(struct loader *ld)
{
	const struct conf_section *sec = ld->sec;
	const char *why = share_name_problem(sec->name);
	struct config *c = ld->cfg;
	struct share *s;
	bool has_path = false;
	unsigned ca_line = 0;

	if (str_ieq(sec->name, "homes") || str_ieq(sec->name, "printers") ||
	    str_ieq(sec->name, "IPC$")) {
		warn(ld, sec->line, "[%s] is not supported (IPC$ is built in), section ignored",
		     sec->name);
		return;
	}
	if (why) {
		report(ld, sec->line, "share name [%s] %s", sec->name, why);
		return;
	}
	c->shares = xrealloc(c->shares, (c->nshares + 1) * sizeof(*c->shares));
	s = &c->shares[c->nshares++];
	memset(s, 0, sizeof(*s));
	s->name = xstrdup(sec->name);
	s->comment = xstrdup("");
	s->read_only = true;
	s->browseable = true;
	s->oplocks = true;
	s->level2_oplocks = true;
	s->durable_handles = true;
	s->kernel_oplocks = true;
	s->posix_locking = true;
	for (size_t i = 0; i < sec->n; i++) {
		if (!strcmp(sec->entries[i].canon, "path"))
			has_path = true;
		if (!strcmp(sec->entries[i].canon, "continuousavailability"))
			ca_line = sec->entries[i].line;
		if (!share_key(ld, s, &sec->entries[i]))
			warn(ld, sec->entries[i].line,
			     "unknown key '%s' in [%s], ignored",
			     sec->entries[i].key, sec->name);
	}
	if (!has_path)
		report(ld, sec->line, "share [%s]: no path set (add 'path = /dir')",
		       sec->name);
	/* persistent handles are durable handles that survive more */
	if (s->continuous_availability && !s->durable_handles)
		report(ld, ca_line,
		       "share [%s]: continuous availability = yes needs durable handles; remove 'durable handles = no' or set 'continuous availability = no'",
		       sec->name);
}

static void set_defaults(struct config *c, const char *file)
{
	char host[256] = "";

	memset(c, 0, sizeof(*c));
	c->file = xstrdup(file);
	if (gethostname(host, sizeof(host) - 1) < 0 || !host[0])
		strcpy(host, "CIFSD");
	host[strcspn(host, ".")] = '\0';
	host[NETBIOS_NAME_MAX] = '\0';
	for (char *p = host; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	c->netbios_name = xstrdup(host);
	c->server_string = xstrdup("CIFSD");
	c->workgroup = xstrdup("WORKGROUP");
	c->guest_account = xstrdup("nobody");
	c->port = 445;
	c->min_dialect = 0x0202;
	c->max_dialect = 0x0311;
	c->signing = CIFSD_SIGNING_AUTO;
	c->encrypt = CIFSD_ENCRYPT_IF_REQUIRED;
	c->map_to_guest = CIFSD_MAP_GUEST_NEVER;
	limit_defaults(c->limits);
	c->restrict_anonymous = 1;
	c->smb2_leases = true;
	c->dir_leases = true;
}

static void load_sections(struct loader *ld, const struct conf_file *cf)
{
	for (size_t i = 0; i < cf->n; i++) {
		ld->sec = &cf->secs[i];
		if (!str_ieq(ld->sec->name, "global")) {
			load_share(ld);
			continue;
		}
		for (size_t j = 0; j < ld->sec->n; j++) {
			const struct conf_entry *e = &ld->sec->entries[j];

			if (!global_key(ld, e))
				warn(ld, e->line, "unknown key '%s' in [global], ignored",
				     e->key);
		}
	}
	if (ld->cfg->min_dialect > ld->cfg->max_dialect)
		report(ld, ld->max_line ? ld->max_line : ld->min_line,
		       "server min protocol %s is higher than server max protocol %s",
		       dialect_name(ld->cfg->min_dialect),
		       dialect_name(ld->cfg->max_dialect));
}

int config_load(struct config *cfg, const char *file)
{
	return config_load_as(cfg, file, file);
}

int config_load_as(struct config *cfg, const char *file, const char *shown)
{
	struct conf_file cf;
	struct loader ld = { .cfg = cfg };
	int errors = conf_scan_as(file, shown, &cf);

	set_defaults(cfg, shown);
	if (errors == 0) {
		ld.dict = iniparser_load(file);
		if (!ld.dict) {
			err_msg("cannot parse config %s", shown);
			errors = -1;
		}
	}
	if (ld.dict) {
		load_sections(&ld, &cf);
		iniparser_freedict(ld.dict);
		errors = ld.errors;
	}
	conf_file_free(&cf);
	if (errors) {
		config_free(cfg);
		return -1;
	}
	return 0;
}
