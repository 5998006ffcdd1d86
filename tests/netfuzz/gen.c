// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * netfuzz request generation: one valid-looking request of any command
 * with live ids (tree, file handles) and randomized parameters; the
 * mutators then break it.
 */
#include "netfuzz.h"

#include <stdio.h>
#include <string.h>

uint64_t interesting(struct rng *r, int width)
{
	static const uint64_t v[] = {
		0, 1, 2, 3, 4, 7, 8, 15, 16, 17, 24, 31, 32, 48, 63, 64, 65,
		100, 127, 128, 255, 256, 511, 512, 1000, 1023, 1024, 4095,
		4096, 4097, 8192, 32767, 32768, 65535, 65536, 65537, 0x7FFFF,
		0x80000, 0x100000, 0x100001, 0x7FFFFF, 0x800000, 0x800001,
		0xFFFFFF, 0x1000000, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFE,
		0xFFFFFFFF, 0x100000000ull, 0x7FFFFFFFFFFFFFFFull,
		0x8000000000000000ull, 0xFFFFFFFFFFFFFFFEull, UINT64_MAX,
	};
	uint64_t x = chance(r, 1, 8) ? rnd64(r) : PICK(r, v);

	if (chance(r, 1, 16))
		x = ~x;
	if (width < 8)
		x &= (1ull << (width * 8)) - 1;
	return x;
}

void rnd_bytes(struct rng *r, uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (uint8_t)rnd64(r);
}

struct smbc_fid fz_any_fid(struct fz *f)
{
	struct smbc_fid x;

	switch (rnd(&f->r, 10)) {
	case 0:
		x.persistent = rnd64(&f->r);
		x.volatile_ = rnd64(&f->r);
		return x;
	case 1:
		return SMBC_FID_RELATED;
	case 2: case 3:
		if (f->ndirs)
			return f->dirs[rnd(&f->r, (uint32_t)f->ndirs)];
		break;
	case 4:
		if (f->npipes)
			return f->pipes[rnd(&f->r, (uint32_t)f->npipes)];
		break;
	default:
		break;
	}
	if (f->nfiles)
		return f->files[rnd(&f->r, (uint32_t)f->nfiles)];
	x.persistent = 0;
	x.volatile_ = 0;
	return x;
}

static const char *weird_name(struct rng *r)
{
	static const char *const n[] = {
		"", ".", "..", "nf\\..\\..\\etc\\passwd", "nf\\.", "nf\\\\a.txt",
		"\\nf\\a.txt", "nf\\a.txt\\", "nf\\a.txt:$DATA",
		"nf\\a.txt::$DATA", "nf\\a.txt:x:$DATA", "nf\\*", "nf\\?",
		"nf\\a<b", "nf\\con", "NF\\A.TXT", "nf\\d1\\..\\a.txt",
		"nf\\\xc3\xa9t\xc3\xa9", "nf\\\xf0\x9f\x98\x80",
		"nf\\new1", "nf\\new2.txt", "nf\\d2\\new3", "srvsvc",
		"nf\\aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	};

	return chance(r, 1, 2) ? fz_name(r) : PICK(r, n);
}

static int gen_create(struct fz *f)
{
	static const uint32_t access[] = { 0x0012019F, 0x00120089, 0x001F01FF,
					   0x02000000, 0x80000000, 0x00010000,
					   0x00000080, 0, 0xFFFFFFFF };
	static const uint8_t oplocks[] = { 0, 1, 8, 9, 0xFF };
	struct smbc_create_args a;
	struct smbc_cc cc;
	int rc;

	memset(&a, 0, sizeof(a));
	a.name = weird_name(&f->r);
	a.access = chance(&f->r, 1, 8) ? (uint32_t)rnd64(&f->r) :
					 PICK(&f->r, access);
	a.attrs = chance(&f->r, 3, 4) ? PICK(&f->r, ((const uint32_t[]){
			0x80, 0x10, 0x20, 0x1, 0x2, 0x4, 0x100 })) :
		  (uint32_t)rnd64(&f->r);
	a.share = rnd(&f->r, 8);
	a.disposition = rnd(&f->r, chance(&f->r, 1, 10) ? 256 : 6);
	a.options = chance(&f->r, 1, 2) ? PICK(&f->r, ((const uint32_t[]){
			0, 1, 0x40, 0x1000, 0x1040, 0x20, 0x200000, 0x2000,
			0x4000, 0x800000 })) : (uint32_t)rnd64(&f->r);
	a.oplock = chance(&f->r, 7, 8) ? PICK(&f->r, oplocks) :
		   (uint8_t)rnd64(&f->r);
	a.impersonation = rnd(&f->r, 5);
	smbc_cc_init(&cc);
	if (chance(&f->r, 1, 2)) {
		gen_create_contexts(&f->r, &cc, f);
		a.contexts = &cc;
	}
	if (f->npipes && chance(&f->r, 1, 6)) {
		f->c.tree_id = f->tid_ipc;
		a.name = PICK(&f->r, ((const char *const[]){ "srvsvc", "lsarpc",
			"samr", "wkssvc", "winreg", "netlogon", "spoolss",
			"\\PIPE\\srvsvc", "nope" }));
	}
	rc = smbc_add_create(&f->c, &f->m, &a);
	smbc_cc_free(&cc);
	return rc;
}

static int gen_rw(struct fz *f, struct smbc_fid fid, bool write)
{
	static uint8_t data[1 << 20];
	static const uint64_t offs[] = { 0, 1, 4095, 4096, 65536, 1 << 20,
					 0x7FFFFFFFFFFFFFFFull,
					 0x7FFFFFFFFFFF0000ull,
					 0xFFFFFFFFFFFFFFFFull, 1ull << 40 };
	uint32_t len = chance(&f->r, 7, 8) ? rnd(&f->r, 8192) :
		       (uint32_t)interesting(&f->r, 4);
	uint64_t off = chance(&f->r, 1, 2) ? rnd(&f->r, 65536) :
		       PICK(&f->r, offs);
	uint8_t *b;

	if (write) {
		if (len > sizeof(data))
			len = rnd(&f->r, sizeof(data));
		if (!data[1])
			memset(data, 'w', sizeof(data));
		if (f->tid_ipc && f->c.tree_id == f->tid_ipc &&
		    chance(&f->r, 3, 4)) {
			static uint8_t pdu[8192];

			len = (uint32_t)gen_rpc_pdu(&f->r, pdu, sizeof(pdu));
			return smbc_add_write(&f->c, &f->m, fid, 0, pdu, len);
		}
		return smbc_add_write(&f->c, &f->m, fid, off, data, len);
	}
	if (len > (16u << 20) && chance(&f->r, 3, 4))
		len = rnd(&f->r, 16u << 20);
	if (smbc_add_read(&f->c, &f->m, fid, off, len))
		return -1;
	b = smbc_msg_hdr(&f->m, f->m.n - 1) + SMBC_HDR_SIZE;
	if (chance(&f->r, 1, 4)) {
		b[3] = (uint8_t)rnd64(&f->r);			/* Flags */
		smbc_put32(b + 32, (uint32_t)interesting(&f->r, 4)); /* Min */
		smbc_put32(b + 36, rnd(&f->r, 4));		/* Channel */
	}
	return 0;
}

static int gen_lock(struct fz *f, struct smbc_fid fid)
{
	static const uint32_t flags[] = { 1, 2, 4, 0x11, 0x12, 0x14, 0, 3,
					  0x10, 0x17 };
	struct smbc_lock l[64];
	unsigned int n = chance(&f->r, 7, 8) ? 1 + rnd(&f->r, 4) :
			 rnd(&f->r, 64), i;

	for (i = 0; i < n; i++) {
		l[i].off = chance(&f->r, 2, 3) ? rnd(&f->r, 200) :
			   interesting(&f->r, 8);
		l[i].len = chance(&f->r, 2, 3) ? rnd(&f->r, 100) :
			   interesting(&f->r, 8);
		l[i].flags = chance(&f->r, 7, 8) ? PICK(&f->r, flags) :
			     (uint32_t)rnd64(&f->r);
	}
	return smbc_add_lock(&f->c, &f->m, fid, l, n);
}

static int gen_session_cmd(struct fz *f, int cmd)
{
	uint8_t tok[512];
	size_t n = rnd(&f->r, sizeof(tok));
	char unc[600];

	switch (cmd) {
	case SMBC_SESSION_SETUP:
		f->lost_session = true;
		rnd_bytes(&f->r, tok, n);
		if (chance(&f->r, 1, 2))
			memcpy(tok, "NTLMSSP\0\x03\0\0\0", n > 12 ? 12 : n);
		if (smbc_add_session_setup(&f->c, &f->m, tok, n,
					   chance(&f->r, 1, 4) ?
					   f->c.session_id : 0))
			return -1;
		if (chance(&f->r, 1, 2))
			(smbc_msg_hdr(&f->m, f->m.n - 1) + 64)[2] =
				(uint8_t)rnd(&f->r, 4);	/* BINDING */
		return 0;
	case SMBC_TREE_CONNECT:
		snprintf(unc, sizeof(unc), "\\\\%s\\%s",
			 chance(&f->r, 1, 2) ? "127.0.0.1" : "x",
			 PICK(&f->r, ((const char *const[]){ "share", "IPC$",
			      "ro", "public", "hidden", "nope", "",
			      "share\\nf", "SHARE", "c$" })));
		if (smbc_add_tree_connect(&f->c, &f->m, unc))
			return -1;
		if (chance(&f->r, 1, 4))
			smbc_put16(smbc_msg_hdr(&f->m, f->m.n - 1) + 66,
				   (uint16_t)rnd(&f->r, 8));	/* Flags */
		return 0;
	case SMBC_TREE_DISCONNECT:
		f->lost_session = true;
		return smbc_add_tree_disconnect(&f->c, &f->m);
	case SMBC_LOGOFF:
		f->lost_session = true;
		return smbc_add_logoff(&f->c, &f->m);
	default: {
		uint16_t d[] = { 0x0202, 0x0210, 0x0300, 0x0302, 0x0311,
				 0x02FF, (uint16_t)rnd64(&f->r) };

		f->lost_session = true;
		return smbc_add_negotiate(&f->c, &f->m, d, 1 + rnd(&f->r, 7));
	}
	}
}

/* A command, weighted towards the file operations. */
static int pick_command_any(struct rng *r)
{
	static const uint8_t w[] = {
		SMBC_CREATE, SMBC_CREATE, SMBC_CREATE, SMBC_CLOSE, SMBC_READ,
		SMBC_READ, SMBC_WRITE, SMBC_WRITE, SMBC_FLUSH, SMBC_LOCK,
		SMBC_LOCK, SMBC_IOCTL, SMBC_IOCTL, SMBC_IOCTL, SMBC_ECHO,
		SMBC_CANCEL, SMBC_QUERY_DIRECTORY, SMBC_QUERY_DIRECTORY,
		SMBC_CHANGE_NOTIFY, SMBC_QUERY_INFO, SMBC_QUERY_INFO,
		SMBC_QUERY_INFO, SMBC_SET_INFO, SMBC_SET_INFO, SMBC_SET_INFO,
		SMBC_OPLOCK_BREAK, SMBC_TREE_CONNECT,
	};

	if (chance(r, 1, 500))
		return PICK(r, ((const uint8_t[]){ SMBC_NEGOTIATE,
			SMBC_SESSION_SETUP, SMBC_LOGOFF,
			SMBC_TREE_DISCONNECT }));
	return PICK(r, w);
}

/* A command allowed by --commands (all when no mask is set). */
static int pick_command(struct fz *f)
{
	int cmd = pick_command_any(&f->r), tries;

	for (tries = 0; f->opts->cmd_mask && tries < 1000 &&
	     !(f->opts->cmd_mask & (1u << cmd)); tries++)
		cmd = (int)rnd(&f->r, SMBC_NR_COMMANDS);
	return cmd;
}

int gen_command(struct fz *f, int cmd, struct smbc_fid fid)
{
	uint64_t mid;

	switch (cmd) {
	case SMBC_CREATE: return gen_create(f);
	case SMBC_CLOSE:
		return smbc_add_close(&f->c, &f->m, fid, rnd(&f->r, 3));
	case SMBC_READ: return gen_rw(f, fid, false);
	case SMBC_WRITE: return gen_rw(f, fid, true);
	case SMBC_FLUSH: return smbc_add_flush(&f->c, &f->m, fid);
	case SMBC_LOCK: return gen_lock(f, fid);
	case SMBC_IOCTL: return gen_ioctl(f, fid);
	case SMBC_ECHO: return smbc_add_echo(&f->c, &f->m);
	case SMBC_CANCEL:
		mid = f->nrecent ? f->recent_mid[rnd(&f->r, f->nrecent)] :
		      rnd64(&f->r);
		return smbc_add_cancel(&f->c, &f->m, mid, f->nasync &&
				       chance(&f->r, 1, 2) ?
				       f->async_ids[rnd(&f->r, f->nasync)] : 0);
	case SMBC_QUERY_DIRECTORY: return gen_query_directory(f, fid);
	case SMBC_CHANGE_NOTIFY:
		return smbc_add_change_notify(&f->c, &f->m, fid,
					      (uint16_t)rnd(&f->r, 3),
					      (uint32_t)interesting(&f->r, 4),
					      (uint32_t)interesting(&f->r, 4));
	case SMBC_QUERY_INFO: return gen_query_info(f, fid, false);
	case SMBC_SET_INFO: return gen_set_info(f, fid);
	case SMBC_OPLOCK_BREAK:
		if (smbc_add_oplock_break(&f->c, &f->m, fid,
					  (uint8_t)PICK(&f->r, ((const uint8_t[])
					  { 0, 1, 8, 9, 0xFF, 3 }))))
			return -1;
		if (chance(&f->r, 1, 3)) {	/* lease break ack, 36 bytes */
			uint8_t *b = smbc_msg_hdr(&f->m, f->m.n - 1) + 64;

			smbc_put16(b, 36);
			rnd_bytes(&f->r, b + 8, 16);
			return smbc_append(&f->m, NULL, 12) ? 0 : -1;
		}
		return 0;
	default: return gen_session_cmd(f, cmd);
	}
}

/*
 * A huge length asks for a CreditCharge of thousands and moves the
 * MessageIds that far; keep the sequence usable: charge a few credits
 * (the server must reject the request on its own) and continue the
 * MessageIds right after this one.
 */
static void keep_mids_contiguous(struct fz *f)
{
	uint8_t *h = smbc_msg_hdr(&f->m, f->m.n - 1);
	uint16_t charge = smbc_get16(h + SMBC_HO_CHARGE);

	if (charge <= 64)
		return;
	charge = (uint16_t)(1 + rnd(&f->r, 64));
	smbc_put16(h + SMBC_HO_CHARGE, charge);
	f->c.next_mid = smbc_get64(h + SMBC_HO_MID) + charge;
}

int gen_member(struct fz *f, bool related)
{
	int cmd = pick_command(f);
	struct smbc_fid fid;
	int rc;

	if (corpus_count() && chance(&f->r, 1, 8) && !f->opts->cmd_mask) {
		nf_stats.corpus_used++;
		return corpus_add(f, rnd(&f->r, (uint32_t)corpus_count()));
	}
	fid = related && chance(&f->r, 2, 3) ? SMBC_FID_RELATED :
	      fz_any_fid(f);
	f->c.tree_id = f->tid_share;
	if (f->npipes && chance(&f->r, 1, 6)) {
		f->c.tree_id = f->tid_ipc;
		if (!related)
			fid = f->pipes[rnd(&f->r, (uint32_t)f->npipes)];
	}
	rc = gen_command(f, cmd, fid);
	f->c.tree_id = f->tid_share;
	if (rc)
		return -1;
	keep_mids_contiguous(f);
	if (related)
		smbc_msg_relate(&f->m);
	if (cmd != SMBC_CANCEL) {
		uint64_t mid = smbc_msg_mid(&f->m, f->m.n - 1);

		f->recent_mid[mid % 16] = mid;
		if (f->nrecent < 16)
			f->nrecent++;
	}
	return cmd;
}
