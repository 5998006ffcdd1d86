// SPDX-License-Identifier: GPL-2.0-or-later
/* Names, UTF-16, dialect strings and small helpers. */
#include "smbc_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const struct {
	uint32_t v;
	const char *s;
} status_names[] = {
	{ 0x00000000, "SUCCESS" },
	{ 0x00000103, "PENDING" },
	{ 0x0000010C, "NOTIFY_ENUM_DIR" },
	{ 0x80000005, "BUFFER_OVERFLOW" },
	{ 0x80000006, "NO_MORE_FILES" },
	{ 0xC0000001, "UNSUCCESSFUL" },
	{ 0xC0000002, "NOT_IMPLEMENTED" },
	{ 0xC0000003, "INVALID_INFO_CLASS" },
	{ 0xC0000004, "INFO_LENGTH_MISMATCH" },
	{ 0xC0000008, "INVALID_HANDLE" },
	{ 0xC000000D, "INVALID_PARAMETER" },
	{ 0xC000000F, "NO_SUCH_FILE" },
	{ 0xC0000010, "INVALID_DEVICE_REQUEST" },
	{ 0xC0000011, "END_OF_FILE" },
	{ 0xC0000016, "MORE_PROCESSING_REQUIRED" },
	{ 0xC0000022, "ACCESS_DENIED" },
	{ 0xC0000023, "BUFFER_TOO_SMALL" },
	{ 0xC0000033, "OBJECT_NAME_INVALID" },
	{ 0xC0000034, "OBJECT_NAME_NOT_FOUND" },
	{ 0xC0000035, "OBJECT_NAME_COLLISION" },
	{ 0xC000003A, "OBJECT_PATH_NOT_FOUND" },
	{ 0xC0000043, "SHARING_VIOLATION" },
	{ 0xC0000056, "DELETE_PENDING" },
	{ 0xC000006D, "LOGON_FAILURE" },
	{ 0xC00000BA, "FILE_IS_A_DIRECTORY" },
	{ 0xC00000BB, "NOT_SUPPORTED" },
	{ 0xC00000C9, "NETWORK_NAME_DELETED" },
	{ 0xC00000CC, "BAD_NETWORK_NAME" },
	{ 0xC00000D0, "REQUEST_NOT_ACCEPTED" },
	{ 0xC0000101, "DIRECTORY_NOT_EMPTY" },
	{ 0xC0000103, "NOT_A_DIRECTORY" },
	{ 0xC0000120, "CANCELLED" },
	{ 0xC0000128, "FILE_CLOSED" },
	{ 0xC0000148, "INVALID_LEVEL" },
	{ 0xC000014B, "PIPE_BROKEN" },
	{ 0xC0000203, "USER_SESSION_DELETED" },
	{ 0xC000035C, "NETWORK_SESSION_EXPIRED" },
};

const char *smbc_status_name(uint32_t status)
{
	static char buf[4][24];
	static unsigned int k;
	size_t i;

	for (i = 0; i < sizeof(status_names) / sizeof(status_names[0]); i++)
		if (status_names[i].v == status)
			return status_names[i].s;
	k = (k + 1) % 4;
	snprintf(buf[k], sizeof(buf[k]), "0x%08X", status);
	return buf[k];
}

const char *smbc_command_name(uint16_t cmd)
{
	static const char *const n[SMBC_NR_COMMANDS] = {
		"NEGOTIATE", "SESSION_SETUP", "LOGOFF", "TREE_CONNECT",
		"TREE_DISCONNECT", "CREATE", "CLOSE", "FLUSH", "READ",
		"WRITE", "LOCK", "IOCTL", "CANCEL", "ECHO",
		"QUERY_DIRECTORY", "CHANGE_NOTIFY", "QUERY_INFO", "SET_INFO",
		"OPLOCK_BREAK",
	};

	return cmd < SMBC_NR_COMMANDS ? n[cmd] : "UNKNOWN";
}

/* One code point from UTF-8; -1 when malformed. */
static long utf8_next(const unsigned char **ps)
{
	const unsigned char *s = *ps;
	long cp;
	int n, i;

	if (s[0] < 0x80) {
		*ps = s + 1;
		return s[0];
	}
	if ((s[0] & 0xE0) == 0xC0) {
		n = 1;
		cp = s[0] & 0x1F;
	} else if ((s[0] & 0xF0) == 0xE0) {
		n = 2;
		cp = s[0] & 0x0F;
	} else if ((s[0] & 0xF8) == 0xF0) {
		n = 3;
		cp = s[0] & 0x07;
	} else {
		return -1;
	}
	for (i = 1; i <= n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return -1;
		cp = cp << 6 | (s[i] & 0x3F);
	}
	*ps = s + n + 1;
	return cp;
}

long smbc_utf16(const char *s, uint8_t *out, size_t room)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0;

	while (*p) {
		long cp = utf8_next(&p);

		if (cp < 0)
			return -1;
		if (cp == '/')
			cp = '\\';
		if (cp >= 0x10000) {
			if (n + 4 > room)
				return -1;
			cp -= 0x10000;
			smbc_put16(out + n, (uint16_t)(0xD800 | (cp >> 10)));
			smbc_put16(out + n + 2, (uint16_t)(0xDC00 | (cp & 0x3FF)));
			n += 4;
			continue;
		}
		if (n + 2 > room)
			return -1;
		smbc_put16(out + n, (uint16_t)cp);
		n += 2;
	}
	return (long)n;
}

long smbc_append_utf16(struct smbc_msg *m, const char *s)
{
	size_t room = strlen(s) * 2 + 2;
	long n;

	if (smbc_reserve(m, room))
		return -ENOMEM;
	n = smbc_utf16(s, m->buf + m->len, room);
	if (n < 0)
		return -EINVAL;
	m->len += (size_t)n;
	return n;
}

void smbc_set_off16(struct smbc_msg *m, size_t body_at)
{
	uint8_t *h = m->buf + m->off[m->n - 1];

	smbc_put16(h + SMBC_HDR_SIZE + body_at, (uint16_t)smbc_member_pos(m));
}

static const struct {
	uint16_t d;
	const char *s;
} dialects[] = {
	{ SMBC_D202, "2.0.2" }, { SMBC_D210, "2.1" }, { SMBC_D300, "3.0" },
	{ SMBC_D302, "3.0.2" }, { SMBC_D311, "3.1.1" },
};

uint16_t smbc_parse_dialect(const char *s)
{
	size_t i;

	for (i = 0; i < sizeof(dialects) / sizeof(dialects[0]); i++)
		if (!strcmp(s, dialects[i].s))
			return dialects[i].d;
	if (!strcmp(s, "2.02") || !strcmp(s, "2.002"))
		return SMBC_D202;
	if (!strcmp(s, "2.10"))
		return SMBC_D210;
	if (!strcmp(s, "3.00"))
		return SMBC_D300;
	if (!strcmp(s, "3.02"))
		return SMBC_D302;
	if (!strcmp(s, "3.11"))
		return SMBC_D311;
	return 0;
}

const char *smbc_dialect_name(uint16_t d)
{
	size_t i;

	for (i = 0; i < sizeof(dialects) / sizeof(dialects[0]); i++)
		if (dialects[i].d == d)
			return dialects[i].s;
	return "?";
}

uint64_t smbc_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

void smbc_parse_userpass(const char *s, const char **user, const char **pass)
{
	static char buf[512];
	char *pc;

	snprintf(buf, sizeof(buf), "%s", s);
	pc = strchr(buf, '%');
	if (pc)
		*pc++ = 0;
	*user = buf;
	*pass = pc ? pc : "";
}
