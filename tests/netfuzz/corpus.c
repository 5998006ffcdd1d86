// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * netfuzz seed corpus: request PDUs (64-byte header + body) stored one
 * per file.  Loaded templates are sent with the live connection's ids
 * (MessageId, SessionId, TreeId, file ids) and then mutated like
 * generated ones.  --write-corpus regenerates the valid templates.
 */
#include "netfuzz.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_CORPUS	1024
#define MAX_PDU		65536

struct tpl {
	uint8_t *p;
	size_t len;
};

static struct tpl corpus[MAX_CORPUS];
static size_t ncorpus;

size_t corpus_count(void)
{
	return ncorpus;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Load in name order so that runs are deterministic. */
int corpus_load(const char *dir)
{
	char *names[MAX_CORPUS], path[4096];
	struct dirent *e;
	size_t n = 0, i;
	DIR *d = opendir(dir);

	if (!d)
		return -errno;
	while ((e = readdir(d)) && n < MAX_CORPUS)
		if (e->d_name[0] != '.' && strstr(e->d_name, ".bin"))
			names[n++] = strdup(e->d_name);
	closedir(d);
	qsort(names, n, sizeof(names[0]), cmp_names);
	for (i = 0; i < n; i++) {
		FILE *fp;
		uint8_t *buf = malloc(MAX_PDU);
		size_t len;

		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		free(names[i]);
		fp = fopen(path, "rb");
		if (!fp || !buf) {
			free(buf);
			if (fp)
				fclose(fp);
			continue;
		}
		len = fread(buf, 1, MAX_PDU, fp);
		fclose(fp);
		if (len < SMBC_HDR_SIZE + 2 || memcmp(buf, "\xfeSMB", 4) ||
		    smbc_get16(buf + SMBC_HO_COMMAND) >= SMBC_NR_COMMANDS) {
			free(buf);
			continue;
		}
		corpus[ncorpus].p = buf;
		corpus[ncorpus++].len = len;
	}
	return 0;
}

/* Where each command's FileId sits in its body (0: none). */
static size_t fid_offset(uint16_t cmd)
{
	switch (cmd) {
	case SMBC_CLOSE: case SMBC_FLUSH: case SMBC_LOCK: case SMBC_IOCTL:
	case SMBC_QUERY_DIRECTORY: case SMBC_CHANGE_NOTIFY:
	case SMBC_OPLOCK_BREAK:
		return 8;
	case SMBC_READ: case SMBC_WRITE: case SMBC_SET_INFO:
		return 16;
	case SMBC_QUERY_INFO:
		return 24;
	default:
		return 0;
	}
}

int corpus_add(struct fz *f, size_t k)
{
	const struct tpl *t = &corpus[k % ncorpus];
	uint16_t cmd = smbc_get16(t->p + SMBC_HO_COMMAND);
	struct smbc_fid fid = fz_any_fid(f);
	size_t body, fo;
	uint8_t *b;

	/* the session-level ones end the session: send them rarely */
	while (cmd <= SMBC_LOGOFF || cmd == SMBC_TREE_DISCONNECT) {
		if (chance(&f->r, 1, 20)) {
			f->lost_session = true;
			break;
		}
		t = &corpus[rnd(&f->r, (uint32_t)ncorpus)];
		cmd = smbc_get16(t->p + SMBC_HO_COMMAND);
	}
	body = t->len - SMBC_HDR_SIZE;
	fo = fid_offset(cmd);

	f->c.tree_id = cmd == SMBC_IOCTL &&
		       smbc_get32(t->p + 68) == 0x0011C017 && f->tid_ipc ?
		       f->tid_ipc : f->tid_share;
	if (f->c.tree_id == f->tid_ipc && f->npipes)
		fid = f->pipes[rnd(&f->r, (uint32_t)f->npipes)];
	b = smbc_add(&f->c, &f->m, cmd, body,
		     cmd == SMBC_READ || cmd == SMBC_WRITE ?
		     smbc_get32(t->p + SMBC_HDR_SIZE + 4) : 0);
	f->c.tree_id = f->tid_share;
	if (!b)
		return -1;
	memcpy(b, t->p + SMBC_HDR_SIZE, body);
	if (fo && body >= fo + 16) {
		smbc_put64(b + fo, fid.persistent);
		smbc_put64(b + fo + 8, fid.volatile_);
	}
	return cmd;
}

static int write_file(const char *dir, unsigned int k, const char *what,
		      const uint8_t *p, size_t len)
{
	char path[4096];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%03u-%s.bin", dir, k, what);
	fp = fopen(path, "wb");
	if (!fp)
		return -errno;
	fwrite(p, 1, len, fp);
	return fclose(fp) ? -errno : 0;
}

/* How many templates of each command the corpus keeps. */
static unsigned int variants(unsigned int cmd)
{
	switch (cmd) {
	case SMBC_CREATE: case SMBC_IOCTL: case SMBC_QUERY_INFO:
	case SMBC_SET_INFO:
		return 12;
	case SMBC_QUERY_DIRECTORY: case SMBC_LOCK: case SMBC_READ:
	case SMBC_WRITE: case SMBC_TREE_CONNECT:
		return 4;
	default:
		return 2;
	}
}

int corpus_write(const char *dir, const struct nf_opts *o)
{
	static struct fz f;
	unsigned int k = 0, cmd, v;
	char what[64];
	int rc = 0;

	memset(&f, 0, sizeof(f));
	f.opts = o;
	f.r.s = o->seed;
	f.c.fd = -1;
	f.c.dialect = SMBC_D311;
	f.c.multi_credit = true;
	f.c.credit_request = 64;
	f.tid_share = 1;
	f.tid_ipc = 2;
	smbc_msg_init(&f.m);
	for (cmd = 0; cmd < SMBC_NR_COMMANDS && !rc; cmd++) {
		unsigned int nv = variants(cmd), tries = 0;

		for (v = 0; v < nv && !rc && tries < 100; tries++) {
			smbc_msg_reset(&f.m);
			f.c.tree_id = f.tid_share;
			if (gen_command(&f, (int)cmd, (struct smbc_fid){ 0, 0 }) ||
			    f.m.n != 1 || f.m.len > 4096)
				continue;
			v++;
			/* header ids are patched in at run time */
			smbc_put64(f.m.buf + SMBC_HO_MID, 0);
			snprintf(what, sizeof(what), "%s-%u",
				 smbc_command_name((uint16_t)cmd), v - 1);
			rc = write_file(dir, k++, what, f.m.buf, f.m.len);
		}
	}
	smbc_msg_free(&f.m);
	return rc ? rc : (int)k;
}
