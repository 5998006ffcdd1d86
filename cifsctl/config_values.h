/* SPDX-License-Identifier: GPL-2.0-only */
/* Parsers for single smb.conf values; false means "invalid". */
#ifndef CIFSCTL_CONFIG_VALUES_H
#define CIFSCTL_CONFIG_VALUES_H

#include <stdbool.h>
#include <stdint.h>

bool parse_bool(const char *v, bool *out);
bool parse_protocol(const char *v, bool is_max, uint16_t *out);
bool parse_signing(const char *v, uint32_t *out);
/* "server smb encrypt" / "smb encrypt": Samba's spellings. */
bool parse_encrypt(const char *v, uint32_t *out);
bool parse_map_to_guest(const char *v, uint32_t *out);
bool parse_port_list(const char *v, uint16_t *out);
/* NULL if a valid NetBIOS/workgroup name, else why not. */
const char *netbios_name_problem(const char *v);
const char *share_name_problem(const char *v);

#endif
