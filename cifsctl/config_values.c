// SPDX-License-Identifier: GPL-2.0-only
#include "config_values.h"
#include "config.h"
#include "util.h"

#include <cifsd_netlink.h>
#include <stdlib.h>
#include <string.h>

/* Compare ignoring case, blanks and '_' (Samba spells "bad user"). */
static bool word_eq(const char *v, const char *want)
{
	for (;;) {
		while (*v == ' ' || *v == '\t' || *v == '_')
			v++;
		if (!*v || !*want)
			return !*v && !*want;
		if ((*v | 0x20) != *want)
			return false;
		v++;
		want++;
	}
}

bool parse_bool(const char *v, bool *out)
{
	static const char *const yes[] = { "yes", "true", "1", "on" };
	static const char *const no[] = { "no", "false", "0", "off" };

	for (size_t i = 0; i < 4; i++) {
		if (str_ieq(v, yes[i])) {
			*out = true;
			return true;
		}
		if (str_ieq(v, no[i])) {
			*out = false;
			return true;
		}
	}
	return false;
}

bool parse_protocol(const char *v, bool is_max, uint16_t *out)
{
	static const struct {
		const char *name;
		uint16_t min, max;
	} tab[] = {
		{ "SMB2", 0x0202, 0x0210 },
		{ "SMB2_02", 0x0202, 0x0202 },
		{ "SMB2_10", 0x0210, 0x0210 },
		{ "SMB3", 0x0300, 0x0311 },
		{ "SMB3_00", 0x0300, 0x0300 },
		{ "SMB3_02", 0x0302, 0x0302 },
		{ "SMB3_11", 0x0311, 0x0311 },
	};

	if (!is_max && str_ieq(v, "NT1")) {
		*out = 0x0202;	/* SMB1 negotiate is upgraded to SMB2 */
		return true;
	}
	for (size_t i = 0; i < sizeof(tab) / sizeof(tab[0]); i++) {
		if (str_ieq(v, tab[i].name)) {
			*out = is_max ? tab[i].max : tab[i].min;
			return true;
		}
	}
	return false;
}

bool parse_signing(const char *v, uint32_t *out)
{
	static const struct {
		const char *name;
		uint32_t val;
	} tab[] = {
		{ "auto", CIFSD_SIGNING_AUTO },
		{ "default", CIFSD_SIGNING_AUTO },
		{ "yes", CIFSD_SIGNING_AUTO },
		{ "mandatory", CIFSD_SIGNING_MANDATORY },
		{ "required", CIFSD_SIGNING_MANDATORY },
		{ "disabled", CIFSD_SIGNING_DISABLED },
		{ "no", CIFSD_SIGNING_DISABLED },
	};

	for (size_t i = 0; i < sizeof(tab) / sizeof(tab[0]); i++) {
		if (str_ieq(v, tab[i].name)) {
			*out = tab[i].val;
			return true;
		}
	}
	return false;
}

bool parse_encrypt(const char *v, uint32_t *out)
{
	static const struct {
		const char *name;
		uint32_t val;
	} tab[] = {
		{ "default", CIFSD_ENCRYPT_IF_REQUIRED },
		{ "if_required", CIFSD_ENCRYPT_IF_REQUIRED },
		{ "yes", CIFSD_ENCRYPT_IF_REQUIRED },
		{ "true", CIFSD_ENCRYPT_IF_REQUIRED },
		{ "1", CIFSD_ENCRYPT_IF_REQUIRED },
		{ "on", CIFSD_ENCRYPT_IF_REQUIRED },
		{ "enabled", CIFSD_ENCRYPT_IF_REQUIRED },
		{ "auto", CIFSD_ENCRYPT_IF_REQUIRED },
		{ "off", CIFSD_ENCRYPT_OFF },
		{ "no", CIFSD_ENCRYPT_OFF },
		{ "false", CIFSD_ENCRYPT_OFF },
		{ "0", CIFSD_ENCRYPT_OFF },
		{ "disabled", CIFSD_ENCRYPT_OFF },
		{ "desired", CIFSD_ENCRYPT_DESIRED },
		{ "required", CIFSD_ENCRYPT_REQUIRED },
		{ "mandatory", CIFSD_ENCRYPT_REQUIRED },
		{ "force", CIFSD_ENCRYPT_REQUIRED },
		{ "forced", CIFSD_ENCRYPT_REQUIRED },
		{ "enforced", CIFSD_ENCRYPT_REQUIRED },
	};

	for (size_t i = 0; i < sizeof(tab) / sizeof(tab[0]); i++) {
		if (str_ieq(v, tab[i].name)) {
			*out = tab[i].val;
			return true;
		}
	}
	return false;
}

bool parse_map_to_guest(const char *v, uint32_t *out)
{
	if (word_eq(v, "never"))
		*out = CIFSD_MAP_GUEST_NEVER;
	else if (word_eq(v, "baduser"))
		*out = CIFSD_MAP_GUEST_BAD_USER;
	else
		return false;
	return true;
}

bool parse_port_list(const char *v, uint16_t *out)
{
	char *copy = xstrdup(v), *first;
	unsigned long port;
	bool ok;

	first = strtok(copy, " \t,");
	ok = first && parse_ulong(first, 1, 65535, &port);
	if (ok)
		*out = (uint16_t)port;
	free(copy);
	return ok;
}

const char *netbios_name_problem(const char *v)
{
	if (!*v)
		return "is empty";
	if (strlen(v) > NETBIOS_NAME_MAX)
		return "is longer than 15 characters";
	for (const unsigned char *p = (const unsigned char *)v; *p; p++)
		if (*p < 0x21 || *p >= 0x7f || strchr("\\/:*?\"<>|.,;=+[]", *p))
			return "contains a character that is not allowed";
	return NULL;
}

const char *share_name_problem(const char *v)
{
	if (strlen(v) > SHARE_NAME_MAX)
		return "is longer than 80 characters";
	for (const unsigned char *p = (const unsigned char *)v; *p; p++)
		if (*p < 0x20 || *p == 0x7f || strchr("\\/:*?\"<>|,;=+[]", *p))
			return "contains a character that is not allowed";
	if (!utf8_valid(v))
		return "is not valid UTF-8";
	return NULL;
}
