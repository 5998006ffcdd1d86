// SPDX-License-Identifier: GPL-2.0-or-later
/* smbc-tool helpers shared by the scenarios, and serve-check. */
#include "tool.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int login(const struct tool *t, struct smbc *c)
{
	int rc = smbc_connect_login(c, &t->o);

	if (rc)
		say("login to %s:%u as %s failed: %s", t->o.host, t->o.port,
		    t->o.user ? t->o.user : "(anonymous)", strerror(-rc));
	else if (t->verbose)
		say("logged in: dialect %s, session 0x%llx, tree %u, "
		    "signing %s", smbc_dialect_name(c->dialect),
		    (unsigned long long)c->session_id, c->tree_id,
		    c->signing ? "on" : "off");
	return rc;
}

uint8_t pattern_byte(uint64_t off)
{
	return (uint8_t)(off * 7 + (off >> 12));
}

int prepare_file(struct smbc *c, const char *name, uint64_t len)
{
	struct smbc_create_args a = smbc_file_args(name);
	struct smbc_fid f;
	uint8_t *buf;
	uint64_t i;
	long n;
	int rc;

	rc = smbc_open(c, &a, &f, NULL);
	if (rc)
		return rc;
	buf = malloc(len ? len : 1);
	if (!buf) {
		smbc_close_fid(c, f);
		return -ENOMEM;
	}
	for (i = 0; i < len; i++)
		buf[i] = pattern_byte(i);
	n = len ? smbc_write_all(c, f, 0, buf, len) : 0;
	free(buf);
	rc = smbc_close_fid(c, f);
	if (n < 0)
		return (int)n;
	return rc;
}

void grow_credits(struct smbc *c, int64_t want)
{
	struct smbc_msg m;
	struct smbc_rsp r;
	int64_t before;
	int i;

	if (want > 8000)
		want = 8000;
	smbc_msg_init(&m);
	smbc_rsp_init(&r);
	for (i = 0; i < 64 && c->credits < want; i++) {
		uint16_t save = c->credit_request;

		before = c->credits;
		smbc_msg_reset(&m);
		smbc_rsp_reset(&r);
		c->credit_request = (uint16_t)(want - c->credits + 1 > 8192 ?
					       8192 : want - c->credits + 1);
		if (smbc_add_echo(c, &m) || smbc_call(c, &m, &r)) {
			c->credit_request = save;
			break;
		}
		c->credit_request = save;
		if (c->credits <= before)
			break;
	}
	smbc_msg_free(&m);
	smbc_rsp_free(&r);
}

void print_statuses(const char *what, const struct smbc_rsp *r)
{
	struct stcount {
		uint32_t st;
		unsigned int n;
	} cnt[16];
	unsigned int i, j, k = 0;
	char line[1024];
	size_t pos = 0;

	for (i = 0; i < r->n; i++) {
		if (smbc_pdu_is_interim(&r->pdu[i]))
			continue;
		for (j = 0; j < k && cnt[j].st != r->pdu[i].status; j++)
			;
		if (j == k && k < 16)
			cnt[k++] = (struct stcount){ r->pdu[i].status, 0 };
		if (j < k)
			cnt[j].n++;
	}
	line[0] = 0;
	for (j = 0; j < k && pos < sizeof(line) - 64; j++)
		pos += (size_t)snprintf(line + pos, sizeof(line) - pos,
					"%s%u %s", j ? ", " : "", cnt[j].n,
					smbc_status_name(cnt[j].st));
	say("%s: %s", what, k ? line : "no responses");
}

void print_sequence(const char *what, const struct smbc_rsp *r)
{
	char line[2048];
	size_t pos = 0;
	unsigned int i;

	line[0] = 0;
	for (i = 0; i < r->n && pos < sizeof(line) - 80; i++)
		pos += (size_t)snprintf(line + pos, sizeof(line) - pos,
					"%s%s %s", i ? ", " : "",
					smbc_command_name(r->pdu[i].command),
					smbc_status_name(r->pdu[i].status));
	say("%s: %s", what, r->n ? line : "no responses");
}

/* Write, read back and compare 64 KiB; delete the file on close. */
static int check_io(struct smbc *c, const char *name)
{
	struct smbc_create_args a = smbc_file_args(name);
	enum { LEN = 65536 };
	static uint8_t w[LEN], rd[LEN];
	struct smbc_fid f;
	uint32_t st = 0;
	long n;
	int i, rc;

	a.disposition = 5;			/* OVERWRITE_IF */
	a.options |= 0x1000;			/* DELETE_ON_CLOSE */
	a.access |= 0x10000;			/* DELETE */
	rc = smbc_open(c, &a, &f, &st);
	if (rc)
		return say("CREATE %s: %s", name, rc == -EIO ?
			   smbc_status_name(st) : strerror(-rc)), -1;
	for (i = 0; i < LEN; i++)
		w[i] = pattern_byte((uint64_t)i + 3);
	n = smbc_write_all(c, f, 0, w, LEN);
	if (n != LEN)
		return say("WRITE: %ld", n), -1;
	n = smbc_read_all(c, f, 0, rd, LEN);
	if (n != LEN || memcmp(w, rd, LEN))
		return say("READ back: %ld bytes, %s", n,
			   n == LEN ? "data differs" : "short"), -1;
	if (smbc_close_fid(c, f))
		return say("CLOSE failed"), -1;
	return 0;
}

int serve_check(const struct tool *t, const char *tag, long *ms)
{
	uint64_t t0 = smbc_now_ms();
	struct smbc c;
	char name[64];
	int rc;

	snprintf(name, sizeof(name), "serve-check-%d-%s.tmp", (int)getpid(),
		 tag);
	if (login(t, &c))
		return -1;
	rc = check_io(&c, name);
	if (!rc && c.bad_signatures) {
		say("%llu replies with a bad signature",
		    (unsigned long long)c.bad_signatures);
		rc = -1;
	}
	if (!rc && smbc_logoff(&c)) {
		say("LOGOFF failed");
		rc = -1;
	}
	smbc_close(&c);
	*ms = (long)(smbc_now_ms() - t0);
	if (!rc && t->max_ms > 0 && *ms > t->max_ms) {
		say("the fresh client (%s) needed %ld ms, more than %ld", tag,
		    *ms, t->max_ms);
		rc = -1;
	}
	return rc;
}

int sc_serve_check(struct tool *t)
{
	long ms = 0;

	if (serve_check(t, "main", &ms))
		return fail("a fresh client could not log in, write and "
			    "read (%ld ms)", ms);
	say("ok %ld ms", ms);
	return 0;
}
