// SPDX-License-Identifier: GPL-2.0-only
#include "config_limits.h"
#include "util.h"

#include <cifsd_netlink.h>
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KIB_PER_MIB 1024u
#define KIB_PER_GIB (1024u * 1024u)
#define DEADTIME_MAX 525600u	/* a year of minutes */
#define TIMEOUT_MAX 86400u	/* a day of seconds */
#define BREAK_TIMEOUT_MAX 3600u	/* the kernel's ceiling for a break */

/*
 * Indexed by enum cfg_limit.  Keep cifsd.conf(5) in step (the docs test
 * reads the first string of every line that starts with a tab and '{').
 */
const struct limit_key limit_keys[NLIMITS] = {
	{ "maxconnections", "max connections", LIM_MAX_CONNECTIONS,
	  UNIT_COUNT, 0, 1000000, 1024, CIFSD_A_MAX_CONNECTIONS,
	  "a number 0-1000000, 0 = unlimited" },
	{ "maxconnectionsperip", "max connections per ip",
	  LIM_MAX_CONNECTIONS_PER_IP, UNIT_COUNT, 0, 1000000, 64,
	  CIFSD_A_MAX_CONNECTIONS_PER_IP, "a number 0-1000000, 0 = unlimited" },
	{ "maxrequestsperconnection", "max requests per connection",
	  LIM_MAX_REQUESTS, UNIT_COUNT, 1, 8192, 64, CIFSD_A_MAX_REQUESTS,
	  "a number 1-8192" },
	{ "maxconnectionmemory", "max connection memory", LIM_MAX_CONN_MEMORY,
	  UNIT_KIB, KIB_PER_MIB, 4 * KIB_PER_GIB, 64 * KIB_PER_MIB,
	  CIFSD_A_MAX_CONN_MEMORY,
	  "a size 1M-4G such as 64M, 65536K or 1G; a plain number is bytes, a multiple of 1024" },
	{ "handshaketimeout", "handshake timeout", LIM_HANDSHAKE_TIMEOUT,
	  UNIT_SECONDS, 0, TIMEOUT_MAX, 20, CIFSD_A_HANDSHAKE_TIMEOUT,
	  "seconds 0-86400, 0 = never" },
	{ "sendtimeout", "send timeout", LIM_SEND_TIMEOUT, UNIT_SECONDS, 0,
	  TIMEOUT_MAX, 60, CIFSD_A_SEND_TIMEOUT, "seconds 0-86400, 0 = never" },
	{ "deadtime", "deadtime", LIM_DEADTIME, UNIT_MINUTES, 0, DEADTIME_MAX,
	  0, CIFSD_A_IDLE_TIMEOUT, "minutes 0-525600, 0 = never" },
	{ "maxsessionsperconnection", "max sessions per connection",
	  LIM_MAX_SESSIONS, UNIT_COUNT, 0, 65535, 64, CIFSD_A_MAX_SESSIONS,
	  "a number 0-65535, 0 = unlimited" },
	{ "maxpendingsessionsperconnection",
	  "max pending sessions per connection", LIM_MAX_PENDING_SESSIONS,
	  UNIT_COUNT, 0, 65535, 8, CIFSD_A_MAX_PENDING_SESSIONS,
	  "a number 0-65535, 0 = unlimited" },
	{ "maxtreeconnectspersession", "max tree connects per session",
	  LIM_MAX_TREES, UNIT_COUNT, 0, 65535, 256, CIFSD_A_MAX_TREES,
	  "a number 0-65535, 0 = unlimited" },
	{ "maxopenfiles", "max open files", LIM_MAX_OPENS, UNIT_COUNT, 1,
	  65535, 16384, CIFSD_A_MAX_OPENS, "a number 1-65535" },
	{ "smb2maxcredits", "smb2 max credits", LIM_MAX_CREDITS, UNIT_COUNT,
	  128, 65535, 8192, CIFSD_A_MAX_CREDITS, "a number 128-65535" },
	{ "maxasyncrequestsperconnection", "max async requests per connection",
	  LIM_MAX_ASYNC, UNIT_COUNT, 1, 65535, 512, CIFSD_A_MAX_ASYNC,
	  "a number 1-65535" },
	{ "oplockbreaktimeout", "oplock break timeout", LIM_BREAK_TIMEOUT,
	  UNIT_SECONDS, 1, BREAK_TIMEOUT_MAX, 35, CIFSD_A_BREAK_TIMEOUT,
	  "seconds 1-3600" },
	{ "maxlocksperopen", "max locks per open", LIM_MAX_LOCKS, UNIT_COUNT,
	  1, 65535, 4096, CIFSD_A_MAX_LOCKS, "a number 1-65535" },
	{ "maxdisconnecteddurablehandles", "max disconnected durable handles",
	  LIM_MAX_DURABLE, UNIT_COUNT, 1, 1000000, 16384, CIFSD_A_MAX_DURABLE,
	  "a number 1-1000000" },
	{ "serversidecopymaxchunks", "server side copy max chunks",
	  LIM_COPY_MAX_CHUNKS, UNIT_COUNT, 1, 65535, 256,
	  CIFSD_A_COPY_MAX_CHUNKS, "a number 1-65535" },
	{ "serversidecopymaxchunksize", "server side copy max chunk size",
	  LIM_COPY_MAX_CHUNK, UNIT_KIB, 1, 16 * KIB_PER_MIB, KIB_PER_MIB,
	  CIFSD_A_COPY_MAX_CHUNK_KIB,
	  "a size 1K-16M such as 1M or 256K; a plain number is bytes, a multiple of 1024" },
	{ "serversidecopymaxsize", "server side copy max size", LIM_COPY_MAX,
	  UNIT_KIB, 1, KIB_PER_GIB, 16 * KIB_PER_MIB, CIFSD_A_COPY_MAX_KIB,
	  "a size 1K-1G such as 16M; a plain number is bytes, a multiple of 1024" },
};

const struct limit_key *limit_key_find(const char *canon)
{
	for (size_t i = 0; i < NLIMITS; i++)
		if (!strcmp(limit_keys[i].canon, canon))
			return &limit_keys[i];
	return NULL;
}

/* "64M", "65536K", "1G", "1048576" (bytes): KiB, or false. */
static bool parse_size_kib(const char *v, uint64_t *kib)
{
	uint64_t n, mult = 0;
	char *end;

	if (!isdigit((unsigned char)*v) || strspn(v, "0123456789") > 12)
		return false;
	errno = 0;
	n = strtoull(v, &end, 10);
	if (errno)
		return false;
	switch (*end) {
	case '\0': mult = 0; break;
	case 'k': case 'K': mult = 1; break;
	case 'm': case 'M': mult = KIB_PER_MIB; break;
	case 'g': case 'G': mult = KIB_PER_GIB; break;
	default: return false;
	}
	if (mult && end[1])
		return false;
	if (!mult) {
		if (n % 1024)
			return false;
		*kib = n / 1024;
	} else {
		*kib = n * mult;
	}
	return true;
}

bool limit_parse(const struct limit_key *k, const char *v, uint32_t *out)
{
	unsigned long n;
	uint64_t kib;

	if (k->unit == UNIT_KIB) {
		if (!parse_size_kib(v, &kib) || kib < k->min || kib > k->max)
			return false;
		*out = (uint32_t)kib;
		return true;
	}
	if (!parse_ulong(v, k->min, k->max, &n))
		return false;
	*out = (uint32_t)n;
	return true;
}

void limit_format(const struct limit_key *k, uint32_t v, char *buf, size_t n)
{
	if (k->unit != UNIT_KIB)
		snprintf(buf, n, "%u", v);
	else if (v && v % KIB_PER_GIB == 0)
		snprintf(buf, n, "%uG", v / KIB_PER_GIB);
	else if (v && v % KIB_PER_MIB == 0)
		snprintf(buf, n, "%uM", v / KIB_PER_MIB);
	else
		snprintf(buf, n, "%uK", v);
}

uint32_t limit_wire(const struct limit_key *k, uint32_t v)
{
	return k->unit == UNIT_MINUTES ? v * 60 : v;
}

void limit_defaults(uint32_t limits[NLIMITS])
{
	for (size_t i = 0; i < NLIMITS; i++)
		limits[limit_keys[i].id] = limit_keys[i].def;
}
