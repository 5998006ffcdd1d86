/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The numeric [global] limits (connections, requests, memory, timeouts,
 * sessions, trees, opens, credits, waiting requests, oplock breaks,
 * byte-range locks, disconnected durable handles, server-side copy): one
 * table gives each key its range, default, unit, printed form and netlink
 * attribute.
 */
#ifndef CIFSCTL_CONFIG_LIMITS_H
#define CIFSCTL_CONFIG_LIMITS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum cfg_limit {
	LIM_MAX_CONNECTIONS,
	LIM_MAX_CONNECTIONS_PER_IP,
	LIM_MAX_REQUESTS,
	LIM_MAX_CONN_MEMORY,	/* KiB */
	LIM_HANDSHAKE_TIMEOUT,	/* s */
	LIM_SEND_TIMEOUT,	/* s */
	LIM_DEADTIME,		/* minutes */
	LIM_MAX_SESSIONS,
	LIM_MAX_PENDING_SESSIONS,
	LIM_MAX_TREES,
	LIM_MAX_OPENS,
	LIM_MAX_CREDITS,
	LIM_MAX_ASYNC,
	LIM_BREAK_TIMEOUT,	/* s */
	LIM_MAX_LOCKS,
	LIM_MAX_DURABLE,
	LIM_COPY_MAX_CHUNKS,
	LIM_COPY_MAX_CHUNK,	/* KiB */
	LIM_COPY_MAX,		/* KiB */
	NLIMITS
};

enum limit_unit {
	UNIT_COUNT,
	UNIT_SECONDS,
	UNIT_MINUTES,
	UNIT_KIB,		/* written as a size: 64M, 65536K, 1G */
};

struct limit_key {
	const char *canon;	/* key without blanks, lower case */
	const char *name;	/* as printed */
	enum cfg_limit id;
	enum limit_unit unit;
	uint32_t min, max, def;	/* in the unit */
	int attr;		/* CIFSD_A_*: the value is sent in it */
	const char *expected;	/* for "bad value" messages */
};

extern const struct limit_key limit_keys[NLIMITS];

/* The key with that blank-less name, or NULL. */
const struct limit_key *limit_key_find(const char *canon);
/* Parse a value strictly into the key's unit; false if bad or out of range. */
bool limit_parse(const struct limit_key *k, const char *v, uint32_t *out);
/* The value as written back to a config file (sizes as 64M, ...). */
void limit_format(const struct limit_key *k, uint32_t v, char *buf, size_t n);
/* The value the kernel gets (minutes become seconds). */
uint32_t limit_wire(const struct limit_key *k, uint32_t v);
void limit_defaults(uint32_t limits[NLIMITS]);

#endif
