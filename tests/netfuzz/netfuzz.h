/* SPDX-License-Identifier: GPL-2.0-or-later */
/* netfuzz: a network fuzzer for SMB2/3 servers, built on libsmbc. */
#ifndef NETFUZZ_H
#define NETFUZZ_H

#include "smbc.h"

/* ---- deterministic random numbers (splitmix64) ---- */
struct rng {
	uint64_t s;
};

static inline uint64_t rnd64(struct rng *r)
{
	uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

/* 0 .. n-1 (n > 0) */
static inline uint32_t rnd(struct rng *r, uint32_t n)
{
	return n ? (uint32_t)(rnd64(r) % n) : 0;
}

/* true with probability num/den */
static inline int chance(struct rng *r, uint32_t num, uint32_t den)
{
	return rnd(r, den) < num;
}

#define PICK(r, arr) ((arr)[rnd((r), sizeof(arr) / sizeof((arr)[0]))])

/* An "interesting" integer of @width bytes (boundaries, sizes). */
uint64_t interesting(struct rng *r, int width);
void rnd_bytes(struct rng *r, uint8_t *p, size_t n);

/* ---- options and state ---- */
struct nf_opts {
	struct smbc_opts o;
	uint64_t seed;
	uint64_t max_pdus;
	long max_secs;
	const char *corpus;
	bool fixed_dialect;
	int verbose;
	long hang_ms;
	int mutate_pct;		/* frames mutated, percent */
	uint32_t cmd_mask;	/* --commands: bit per command, 0 all */		/* a fresh login failing this long: hang */
};

#define NF_HANDLES 8

/* One fuzzing connection with its session, trees and open handles. */
struct fz {
	struct smbc c;
	struct rng r;
	const struct nf_opts *opts;
	uint32_t tid_share, tid_ipc;
	struct smbc_fid files[NF_HANDLES];
	struct smbc_fid dirs[NF_HANDLES];
	struct smbc_fid pipes[NF_HANDLES];
	int nfiles, ndirs, npipes;
	uint64_t recent_mid[16];
	unsigned int nrecent;
	uint64_t async_ids[8];
	unsigned int nasync;
	long outstanding;	/* requests sent without a final reply */
	bool lost_session;	/* LOGOFF or SESSION_SETUP fuzzed: relogin */
	struct smbc_msg m;
	struct smbc_rsp rsp;
};

/* Global counters (netfuzz.c). */
struct nf_stats {
	uint64_t pdus, frames, connections, reconnects, replies;
	uint64_t per_cmd[SMBC_NR_COMMANDS + 1];
	uint64_t status_errors, timeouts, probes, corpus_used, relogins;
};
extern struct nf_stats nf_stats;

/* ---- connection setup (setup.c) ---- */
/* Connect, log in with dialect @dialect, tree-connect share and IPC$,
 * create the fixed files and open the handle pool.  0 or -errno. */
int fz_login(struct fz *f, uint16_t dialect, bool raw_ntlmssp,
	     bool make_tree);
/* A new session (and trees, handles) on the same connection. */
int fz_relogin(struct fz *f);
/* Reopen the handle pool on the current session. */
void fz_refresh_handles(struct fz *f);
/* Names of files and directories the fuzzer creates in the share. */
const char *fz_name(struct rng *r);

/* ---- request generation (gen.c, gen_info.c, ctx.c, rpc.c) ---- */
/* Append one generated request to f->m; returns its command. */
int gen_member(struct fz *f, bool related);
/* Append one request of command @cmd on @fid (no mutation). */
int gen_command(struct fz *f, int cmd, struct smbc_fid fid);
struct smbc_fid fz_any_fid(struct fz *f);
void gen_create_contexts(struct rng *r, struct smbc_cc *cc,
			 const struct fz *f);
int gen_query_info(struct fz *f, struct smbc_fid fid, bool related);
int gen_set_info(struct fz *f, struct smbc_fid fid);
int gen_query_directory(struct fz *f, struct smbc_fid fid);
int gen_ioctl(struct fz *f, struct smbc_fid fid);
/* A DCE/RPC PDU (bind, alter context or request) into @buf. */
size_t gen_rpc_pdu(struct rng *r, uint8_t *buf, size_t room);
/* A self-relative security descriptor; returns its length. */
size_t gen_security_descriptor(struct rng *r, uint8_t *buf, size_t room);
/* A FILE_FULL_EA_INFORMATION list; returns its length. */
size_t gen_ea_list(struct rng *r, uint8_t *buf, size_t room);

/* ---- mutation (mutate.c) ---- */
/* Mutate member @i of @m (header, body fields or bytes). */
void mutate_member(struct rng *r, struct smbc_msg *m, unsigned int i);
/* Frame-level changes after linking: NextCommand, truncation. */
void mutate_frame(struct rng *r, struct smbc_msg *m);
/* Link NextCommand of all members (as smbc_send would). */
void link_frame(struct smbc_msg *m);

/* ---- corpus (corpus.c) ---- */
int corpus_load(const char *dir);
size_t corpus_count(void);
/* Append corpus PDU number @k (ids patched to @f's) as a member. */
int corpus_add(struct fz *f, size_t k);
/* Write one valid template per command into @dir. */
int corpus_write(const char *dir, const struct nf_opts *o);

#endif /* NETFUZZ_H */
