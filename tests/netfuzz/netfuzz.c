// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * netfuzz: sends mutated SMB2/3 requests to a live server.
 *   netfuzz -p PORT -U user%pass -s share [--seed S] [--pdus N]
 *           [--time SECONDS] [--corpus DIR] [--dialect D]
 * Logs in (dialects in rotation), creates files in the share, then sends
 * batches of generated, mutated requests and compounds, pipelined, and
 * drains the replies.  A closed connection is fine: it logs in again.
 * Exit 1 only when logging in keeps failing for the hang window, or a
 * periodic fresh login does (the server died or hangs).
 */
#include "netfuzz.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <sys/socket.h>
#include <unistd.h>

struct nf_stats nf_stats;

static struct nf_opts opts;
static uint64_t t_start, ms_settle, ms_login;

static bool budget_done(void)
{
	if (opts.max_pdus && nf_stats.pdus >= opts.max_pdus)
		return true;
	return opts.max_secs &&
	       smbc_now_ms() - t_start >= (uint64_t)opts.max_secs * 1000;
}

static void summary(void)
{
	printf("netfuzz: %llu PDUs, %llu connections, %llu reconnects, "
	       "%llu seconds\n", (unsigned long long)nf_stats.pdus,
	       (unsigned long long)nf_stats.connections,
	       (unsigned long long)nf_stats.reconnects,
	       (unsigned long long)((smbc_now_ms() - t_start) / 1000));
	if (opts.verbose) {
		int i;

		printf("netfuzz: %llu frames, %llu replies (%llu errors), "
		       "%llu reply timeouts, %llu probes, %llu from corpus, "
		       "%llu new sessions on a connection\n",
		       (unsigned long long)nf_stats.frames,
		       (unsigned long long)nf_stats.replies,
		       (unsigned long long)nf_stats.status_errors,
		       (unsigned long long)nf_stats.timeouts,
		       (unsigned long long)nf_stats.probes,
		       (unsigned long long)nf_stats.corpus_used,
		       (unsigned long long)nf_stats.relogins);
		printf("netfuzz: %llu ms logging in, %llu ms waiting for "
		       "replies\n", (unsigned long long)ms_login,
		       (unsigned long long)ms_settle);
		for (i = 0; i <= SMBC_NR_COMMANDS; i++)
			if (nf_stats.per_cmd[i])
				printf("  %-16s %llu\n",
				       smbc_command_name((uint16_t)i),
				       (unsigned long long)nf_stats.per_cmd[i]);
	}
	fflush(stdout);
}

/* A reply we could not parse: show its start (-vv). */
static void dump_reply(const struct fz *f)
{
	size_t i, n = f->rsp.len < 192 ? f->rsp.len : 192;
	const uint8_t *p = f->rsp.buf + f->rsp.len - n;

	if (!f->rsp.len) {
		uint8_t peek[64];
		ssize_t k = recv(f->c.fd, peek, sizeof(peek),
				 MSG_PEEK | MSG_DONTWAIT);

		printf("netfuzz: bad transport header %02x %02x %02x %02x, "
		       "then:", f->c.bad_nb[0], f->c.bad_nb[1],
		       f->c.bad_nb[2], f->c.bad_nb[3]);
		for (i = 0; k > 0 && i < (size_t)k; i++)
			printf(" %02x", peek[i]);
		printf("\nnetfuzz: the frame before it (%zu bytes):",
		       f->c.last_frame_len);
		for (i = 0; i < f->c.last_frame_len; ) {
			const uint8_t *h = f->c.rbuf + i;
			uint32_t next = smbc_get32(h + 20);

			printf(" %s %s len %u;", smbc_command_name(
			       smbc_get16(h + 12)), smbc_status_name(
			       smbc_get32(h + 8)), smbc_get16(h + 12) == 8 ?
			       smbc_get32(h + 68) : 0);
			if (!next || i + next + 64 > f->c.last_frame_len)
				break;
			i += next;
		}
		printf("\n");
		return;
	}
	printf("netfuzz: unparsable reply frame, last %zu bytes:", n);
	for (i = 0; i < n; i++)
		printf("%s%02x", i % 32 ? " " : "\n  ", p[i]);
	printf("\n");
}

/* Read replies for up to @ms (0: only what is there); -errno if the
 * connection is gone. */
static int drain(struct fz *f, int ms)
{
	uint64_t end = smbc_now_ms() + (uint64_t)ms;
	unsigned int i;
	int rc;

	for (;;) {
		uint64_t now = smbc_now_ms();

		smbc_rsp_reset(&f->rsp);
		rc = smbc_recv(&f->c, &f->rsp, now >= end ? 0 :
			       (int)(end - now));
		if (rc == -ETIMEDOUT)
			return 0;
		if (rc == -EPROTO && opts.verbose > 1)
			dump_reply(f);
		if (rc && rc != -E2BIG)
			return rc;
		for (i = 0; i < f->rsp.n; i++) {
			const struct smbc_pdu *p = &f->rsp.pdu[i];

			if (smbc_pdu_is_interim(p)) {
				f->async_ids[f->nasync++ % 8] =
					smbc_get64(p->hdr + SMBC_HO_ASYNCID);
				if (f->nasync > 8)
					f->nasync = 8;
				if (f->outstanding > 0)
					f->outstanding--;
				continue;
			}
			nf_stats.replies++;
			if (p->status & 0xC0000000u)
				nf_stats.status_errors++;
			if (f->outstanding > 0)
				f->outstanding--;
		}
	}
}

/* Wait until fewer than @low requests are outstanding and credits are
 * back, giving up after 150 ms without any reply (pending requests may
 * never be answered). */
static int settle(struct fz *f, long low)
{
	uint64_t last = smbc_now_ms(), t0 = last;
	uint64_t replies;
	int rc;

	while (f->outstanding >= low || f->c.credits < 80) {
		replies = nf_stats.replies;
		rc = drain(f, 100);
		if (rc)
			return rc;
		if (nf_stats.replies != replies)
			last = smbc_now_ms();
		else if (smbc_now_ms() - last >= 150)
			break;
	}
	if (f->outstanding >= low || f->c.credits < 80) {
		if (opts.verbose > 2)
			printf("netfuzz: %ld requests unanswered, %lld "
			       "credits\n", f->outstanding,
			       (long long)f->c.credits);
		nf_stats.timeouts++;
		f->outstanding = 0;
		if (f->c.credits < 80)
			f->c.credits = 80;	/* the server may drop some */
	}
	ms_settle += smbc_now_ms() - t0;
	return 0;
}

/* The commands of the last frames sent, for -vv reports. */
static char last_frames[4][256];
static unsigned int last_k;

static void remember_frame(const struct smbc_msg *m)
{
	char *s = last_frames[last_k++ % 4];
	size_t pos = 0;
	unsigned int i;

	s[0] = 0;
	for (i = 0; i < m->n && pos < 200; i++) {
		const uint8_t *h = m->buf + m->off[i];

		pos += (size_t)snprintf(s + pos, 256 - pos, "%s%s%s", i ? "," : "",
					smbc_command_name(smbc_get16(h + 12)),
					smbc_get32(h + 16) & 4 ? "(r)" : "");
	}
}

static void print_last_frames(void)
{
	unsigned int i;

	for (i = 0; i < 4; i++)
		printf("netfuzz:   frame -%u: %s\n", 4 - i,
		       last_frames[(last_k + i) % 4]);
}

/* One frame: 1 request or a compound, maybe mutated, maybe signed. */
static int send_frame(struct fz *f)
{
	unsigned int n = 1, i, sent = 0;
	int cmd;

	smbc_msg_reset(&f->m);
	if (chance(&f->r, 1, 4))
		n = 2 + rnd(&f->r, chance(&f->r, 1, 16) ? 62 : 5);
	for (i = 0; i < n; i++) {
		cmd = gen_member(f, i > 0 && chance(&f->r, 1, 2));
		if (cmd < 0)
			continue;
		nf_stats.per_cmd[cmd < SMBC_NR_COMMANDS ? cmd :
				 SMBC_NR_COMMANDS]++;
		sent += cmd != SMBC_CANCEL;
	}
	if (!f->m.n)
		return 0;
	if (rnd(&f->r, 100) < (uint32_t)opts.mutate_pct)
		for (i = 0; i < f->m.n; i++)
			if (chance(&f->r, 1, 2))
				mutate_member(&f->r, &f->m, i);
	if (opts.mutate_pct && chance(&f->r, 1, 60))
		mutate_frame(&f->r, &f->m);
	f->m.no_sign = !chance(&f->r, 1, 3);
	f->m.bad_sign = opts.mutate_pct && chance(&f->r, 1, 30);
	nf_stats.pdus += f->m.n;
	nf_stats.frames++;
	if (opts.verbose > 1)
		remember_frame(&f->m);
	f->outstanding += sent;
	return smbc_send(&f->c, &f->m);
}

/* A separate, fresh login must work: otherwise the server hangs. */
static int probe(const char **why)
{
	struct smbc c;
	int rc;

	nf_stats.probes++;
	rc = smbc_connect_login(&c, &opts.o);
	if (!rc)
		rc = smbc_logoff(&c);
	smbc_close(&c);
	*why = rc ? strerror(-rc) : NULL;
	return rc;
}

/* Retry @op until it works or the hang window is over. */
static void must_login(const char *what, int (*op)(void *), void *arg)
{
	uint64_t first = smbc_now_ms();
	int rc;

	while ((rc = op(arg))) {
		if (smbc_now_ms() - first >= (uint64_t)opts.hang_ms) {
			summary();
			printf("netfuzz: FAIL: %s has failed for %ld ms (last "
			       "error: %s): the server died or hangs; seed "
			       "%llu\n", what, opts.hang_ms, strerror(-rc),
			       (unsigned long long)opts.seed);
			exit(1);
		}
		usleep(200000);
	}
}

static int probe_op(void *arg)
{
	const char *why;

	(void)arg;
	return probe(&why);
}

struct login_arg {
	struct fz *f;
	uint16_t dialect;
	bool raw;
	bool make_tree;
};

static int login_op(void *arg)
{
	struct login_arg *a = arg;

	return fz_login(a->f, a->dialect, a->raw, a->make_tree);
}

/* Fuzz on one logged-in connection until it breaks or its share of the
 * budget is used; returns true when the server closed it. */
static bool run_connection(struct fz *f, uint64_t *next_probe)
{
	uint64_t limit = 2000 + rnd(&f->r, 50000), start = nf_stats.pdus;
	uint64_t t0 = smbc_now_ms();
	unsigned int k, frames = 0;
	int rc = 0;

	while (!budget_done() && nf_stats.pdus - start < limit && !rc) {
		if (f->lost_session) {
			rc = settle(f, 1);
			if (rc || fz_relogin(f))
				break;
			nf_stats.relogins++;
		}
		for (k = 1 + rnd(&f->r, 8); k && !rc; k--) {
			if (f->c.credits < 80)
				rc = settle(f, 64);
			if (!rc)
				rc = send_frame(f);
			frames++;
		}
		if (!rc)
			rc = drain(f, 0);
		if (!rc && f->outstanding > 128)
			rc = settle(f, 16);
		if (!rc && frames % 512 == 0 && !f->lost_session) {
			rc = settle(f, 1);
			if (!rc)
				fz_refresh_handles(f);
		}
		if (smbc_now_ms() >= *next_probe) {
			must_login("a fresh login", probe_op, NULL);
			*next_probe = smbc_now_ms() + 10000;
		}
	}
	if (!rc && !f->lost_session)
		rc = drain(f, 50);
	if (opts.verbose > 1)
		printf("netfuzz: connection (%s): %llu PDUs in %llu ms, %s\n",
		       smbc_dialect_name(f->c.dialect),
		       (unsigned long long)(nf_stats.pdus - start),
		       (unsigned long long)(smbc_now_ms() - t0),
		       rc ? strerror(-rc) : f->lost_session ?
		       "session fuzzed away" : "budget");
	if (opts.verbose > 1 && rc)
		print_last_frames();
	return rc != 0 && rc != -ENOMEM;
}

static void usage(void)
{
	fprintf(stderr, "usage: netfuzz [-H HOST] -p PORT -U USER%%PASS -s SHARE "
		"[--seed S] [--pdus N]\n"
		"               [--time SECONDS] [--corpus DIR] [--dialect D] "
		"[--hang-ms MS] [--mutate PCT]\n"
		"               [--commands CMD,CMD...] [-v]\n"
		"       netfuzz --write-corpus DIR [--seed S]\n");
	exit(2);
}

/* "READ,WRITE,ioctl" -> bit mask of commands. */
static uint32_t parse_commands(const char *list)
{
	char buf[512], *tok, *save = NULL;
	uint32_t mask = 0;
	uint16_t c;

	snprintf(buf, sizeof(buf), "%s", list);
	for (tok = strtok_r(buf, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		for (c = 0; c < SMBC_NR_COMMANDS; c++)
			if (!strcasecmp(tok, smbc_command_name(c)))
				break;
		if (c == SMBC_NR_COMMANDS) {
			fprintf(stderr, "netfuzz: unknown command %s\n", tok);
			exit(2);
		}
		mask |= 1u << c;
	}
	return mask;
}

static const char *parse_opts(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "seed", required_argument, NULL, 'S' },
		{ "pdus", required_argument, NULL, 'n' },
		{ "time", required_argument, NULL, 'T' },
		{ "corpus", required_argument, NULL, 'c' },
		{ "dialect", required_argument, NULL, 'd' },
		{ "hang-ms", required_argument, NULL, 'h' },
		{ "write-corpus", required_argument, NULL, 'W' },
		{ "mutate", required_argument, NULL, 'M' },
		{ "commands", required_argument, NULL, 'C' },
		{ NULL, 0, NULL, 0 },
	};
	const char *write_dir = NULL;
	int ch;

	opts.o.host = "127.0.0.1";
	opts.o.port = 445;
	opts.o.share = "share";
	opts.o.timeout_ms = 10000;
	opts.o.credit_request = 256;
	opts.hang_ms = 10000;
	opts.mutate_pct = 67;
	opts.seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 20);
	while ((ch = getopt_long(argc, argv, "H:p:U:s:v", lo, NULL)) != -1) {
		switch (ch) {
		case 'H': opts.o.host = optarg; break;
		case 'p': opts.o.port = (uint16_t)atoi(optarg); break;
		case 'U':
			smbc_parse_userpass(optarg, &opts.o.user, &opts.o.pass);
			break;
		case 's': opts.o.share = optarg; break;
		case 'v': opts.verbose++; break;
		case 'S': opts.seed = strtoull(optarg, NULL, 0); break;
		case 'n': opts.max_pdus = strtoull(optarg, NULL, 0); break;
		case 'T': opts.max_secs = atol(optarg); break;
		case 'c': opts.corpus = optarg; break;
		case 'h': opts.hang_ms = atol(optarg); break;
		case 'W': write_dir = optarg; break;
		case 'M': opts.mutate_pct = atoi(optarg); break;
		case 'C': opts.cmd_mask = parse_commands(optarg); break;
		case 'd':
			opts.o.dialect = smbc_parse_dialect(optarg);
			opts.fixed_dialect = true;
			if (!opts.o.dialect)
				usage();
			break;
		default:
			usage();
		}
	}
	if (!write_dir && !opts.o.user)
		usage();
	if (!opts.max_pdus && !opts.max_secs)
		opts.max_pdus = 10000;
	return write_dir;
}

int main(int argc, char **argv)
{
	static const uint16_t dialects[] = { SMBC_D311, SMBC_D202, SMBC_D210,
					     SMBC_D300, SMBC_D302 };
	const char *write_dir = parse_opts(argc, argv);
	static struct fz f;
	uint64_t next_probe, conn = 0;
	struct login_arg la = { &f, 0, false, true };
	int rc;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (write_dir) {
		rc = corpus_write(write_dir, &opts);
		printf("netfuzz: %d templates written to %s\n", rc, write_dir);
		return rc < 0;
	}
	if (opts.corpus && (rc = corpus_load(opts.corpus)))
		fprintf(stderr, "netfuzz: corpus %s: %s\n", opts.corpus,
			strerror(-rc));
	printf("netfuzz: seed %llu, %zu corpus templates (same seed, same "
	       "budget: same requests)\n", (unsigned long long)opts.seed,
	       corpus_count());
	t_start = smbc_now_ms();
	next_probe = t_start + 10000;
	f.opts = &opts;
	smbc_msg_init(&f.m);
	smbc_rsp_init(&f.rsp);
	while (!budget_done()) {
		{	/* an independent stream per connection */
			struct rng mix = { opts.seed ^ (conn << 32 | conn) };

			f.r.s = rnd64(&mix) ^ rnd64(&mix);
		}
		la.dialect = opts.fixed_dialect ? opts.o.dialect :
			     dialects[conn % 5];
		la.raw = opts.o.raw_ntlmssp || (conn % 7 == 3);
		la.make_tree = conn % 16 == 0;
		{
			uint64_t t0 = smbc_now_ms();

			must_login("logging in", login_op, &la);
			ms_login += smbc_now_ms() - t0;
		}
		nf_stats.connections++;
		conn++;
		if (run_connection(&f, &next_probe))
			nf_stats.reconnects++;
		smbc_close(&f.c);
	}
	must_login("a fresh login", probe_op, NULL);
	summary();
	return 0;
}
