// SPDX-License-Identifier: GPL-2.0-only
/* Lookup, printing and freeing of a loaded configuration. */
#include "config.h"
#include "util.h"

#include <cifsd_netlink.h>
#include <stdlib.h>
#include <string.h>

const char *dialect_name(uint16_t dialect)
{
	switch (dialect) {
	case 0x0202: return "SMB2_02";
	case 0x0210: return "SMB2_10";
	case 0x0300: return "SMB3_00";
	case 0x0302: return "SMB3_02";
	case 0x0311: return "SMB3_11";
	default: return "unknown";
	}
}

const char *signing_name(uint32_t signing)
{
	switch (signing) {
	case CIFSD_SIGNING_DISABLED: return "disabled";
	case CIFSD_SIGNING_MANDATORY: return "mandatory";
	default: return "auto";
	}
}

const char *encrypt_name(uint32_t encrypt)
{
	switch (encrypt) {
	case CIFSD_ENCRYPT_OFF: return "off";
	case CIFSD_ENCRYPT_DESIRED: return "desired";
	case CIFSD_ENCRYPT_REQUIRED: return "required";
	default: return "if_required";
	}
}

uint32_t share_encrypt(const struct config *cfg, const struct share *s)
{
	return s && s->encrypt_given ? s->encrypt : cfg->encrypt;
}

static const char *yn(bool b)
{
	return b ? "yes" : "no";
}

/* Unset lists are printed empty: no restriction. */
static void print_hosts(FILE *out, const char *key, const struct host_list *l)
{
	fprintf(out, "\t%s =%s%s\n", key, l->text ? " " : "",
		l->text ? l->text : "");
}

void config_print(const struct config *c, FILE *out)
{
	fprintf(out, "# effective configuration of %s\n", c->file);
	fprintf(out, "[global]\n");
	fprintf(out, "\tnetbios name = %s\n", c->netbios_name);
	fprintf(out, "\tserver string = %s\n", c->server_string);
	fprintf(out, "\tworkgroup = %s\n", c->workgroup);
	fprintf(out, "\tport = %u\n", c->port);
	fprintf(out, "\tserver min protocol = %s\n", dialect_name(c->min_dialect));
	fprintf(out, "\tserver max protocol = %s\n", dialect_name(c->max_dialect));
	fprintf(out, "\tserver signing = %s\n", signing_name(c->signing));
	fprintf(out, "\tserver smb encrypt = %s\n", encrypt_name(c->encrypt));
	fprintf(out, "\tguest account = %s\n", c->guest_account);
	fprintf(out, "\tmap to guest = %s\n",
		c->map_to_guest == CIFSD_MAP_GUEST_BAD_USER ? "bad user" : "never");
	fprintf(out, "\trestrict anonymous = %u\n", c->restrict_anonymous);
	fprintf(out, "\tsmb2 leases = %s\n", yn(c->smb2_leases));
	fprintf(out, "\tsmb3 directory leases = %s\n", yn(c->dir_leases));
	print_hosts(out, "hosts allow", &c->hosts_allow);
	print_hosts(out, "hosts deny", &c->hosts_deny);
	for (size_t i = 0; i < NLIMITS; i++) {
		const struct limit_key *k = &limit_keys[i];
		char v[32];

		limit_format(k, c->limits[k->id], v, sizeof(v));
		fprintf(out, "\t%s = %s\n", k->name, v);
	}
	for (size_t i = 0; i < c->nshares; i++) {
		fputc('\n', out);
		config_print_share(&c->shares[i], out);
	}
}

void config_print_share(const struct share *s, FILE *out)
{
	fprintf(out, "[%s]\n", s->name);
	fprintf(out, "\tpath = %s\n", s->path);
	fprintf(out, "\tcomment = %s\n", s->comment);
	fprintf(out, "\tread only = %s\n", yn(s->read_only));
	fprintf(out, "\tguest ok = %s\n", yn(s->guest_ok));
	fprintf(out, "\tbrowseable = %s\n", yn(s->browseable));
	if (s->case_sensitive != SHARE_CASE_AUTO)
		fprintf(out, "\tcase sensitive = %s\n",
			yn(s->case_sensitive == SHARE_CASE_YES));
	fprintf(out, "\toplocks = %s\n", yn(s->oplocks));
	fprintf(out, "\tlevel2 oplocks = %s\n", yn(s->level2_oplocks));
	fprintf(out, "\tdurable handles = %s\n", yn(s->durable_handles));
	fprintf(out, "\tkernel oplocks = %s\n", yn(s->kernel_oplocks));
	fprintf(out, "\tposix locking = %s\n", yn(s->posix_locking));
	fprintf(out, "\tcontinuous availability = %s\n",
		yn(s->continuous_availability));
	if (s->valid_users)
		fprintf(out, "\tvalid users = %s\n", s->valid_users);
	if (s->allow_given)
		print_hosts(out, "hosts allow", &s->hosts_allow);
	if (s->deny_given)
		print_hosts(out, "hosts deny", &s->hosts_deny);
	if (s->encrypt_given)
		fprintf(out, "\tsmb encrypt = %s\n", encrypt_name(s->encrypt));
}

const struct share *config_find_share(const struct config *cfg,
				      const char *name)
{
	for (size_t i = 0; i < cfg->nshares; i++)
		if (str_ieq(cfg->shares[i].name, name))
			return &cfg->shares[i];
	return NULL;
}

void config_free(struct config *c)
{
	for (size_t i = 0; i < c->nshares; i++) {
		free(c->shares[i].name);
		free(c->shares[i].path);
		free(c->shares[i].comment);
		free(c->shares[i].valid_users);
		hosts_free(&c->shares[i].hosts_allow);
		hosts_free(&c->shares[i].hosts_deny);
	}
	free(c->shares);
	free(c->file);
	free(c->netbios_name);
	free(c->server_string);
	free(c->workgroup);
	free(c->guest_account);
	hosts_free(&c->hosts_allow);
	hosts_free(&c->hosts_deny);
	memset(c, 0, sizeof(*c));
}
