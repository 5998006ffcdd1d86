// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * netfuzz connection setup: log in, connect the share and IPC$, create
 * the fuzzer's files and directories and keep a pool of open handles
 * (files, directories, named pipes) for the generated requests.
 */
#include "netfuzz.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static const char *const names[] = {
	"nf", "nf\\a.txt", "nf\\b.bin", "nf\\d1", "nf\\d1\\c.txt",
	"nf\\d2", "nf\\d1\\d3", "nf\\e.dat", "nf\\long-name-with-spaces .txt",
	"nf\\s.txt:stream1", "nf\\s.txt", "nf\\x", "nf\\d2\\y",
};

const char *fz_name(struct rng *r)
{
	return PICK(r, names);
}

static const char *const pipe_names[] = { "srvsvc", "lsarpc", "samr",
					   "wkssvc", "winreg" };

static int open_one(struct fz *f, const char *name, bool dir,
		    struct smbc_fid *out)
{
	struct smbc_create_args a = smbc_file_args(name);

	if (dir) {
		a.options = 0x1;		/* DIRECTORY_FILE */
		a.attrs = 0x10;
		a.access = 0x001F01FF;
	}
	a.access |= 0x00010000;			/* DELETE */
	return smbc_open(&f->c, &a, out, NULL);
}

static void open_pool(struct fz *f)
{
	static const char *const files[] = { "nf\\a.txt", "nf\\b.bin",
					     "nf\\d1\\c.txt", "nf\\e.dat" };
	static const char *const dirs[] = { "nf", "nf\\d1", "nf\\d2", "" };
	struct smbc_create_args a;
	size_t i;

	f->nfiles = f->ndirs = f->npipes = 0;
	f->c.tree_id = f->tid_share;
	for (i = 0; i < 4; i++)
		if (!open_one(f, files[i], false, &f->files[f->nfiles]))
			f->nfiles++;
	for (i = 0; i < 4; i++)
		if (!open_one(f, dirs[i], true, &f->dirs[f->ndirs]))
			f->ndirs++;
	if (!f->tid_ipc)
		return;
	f->c.tree_id = f->tid_ipc;
	for (i = 0; i < sizeof(pipe_names) / sizeof(pipe_names[0]); i++) {
		a = smbc_file_args(pipe_names[i]);
		a.options = 0;
		a.attrs = 0;
		a.access = 0x0012019F;
		a.disposition = 1;
		if (!smbc_open(&f->c, &a, &f->pipes[f->npipes], NULL))
			f->npipes++;
	}
	f->c.tree_id = f->tid_share;
}

void fz_refresh_handles(struct fz *f)
{
	int i;

	for (i = 0; i < f->nfiles; i++)
		smbc_close_fid(&f->c, f->files[i]);
	for (i = 0; i < f->ndirs; i++)
		smbc_close_fid(&f->c, f->dirs[i]);
	if (f->tid_ipc) {
		f->c.tree_id = f->tid_ipc;
		for (i = 0; i < f->npipes; i++)
			smbc_close_fid(&f->c, f->pipes[i]);
	}
	open_pool(f);
}

/* The directories and files every run works on. */
static void create_tree(struct fz *f)
{
	static const char *const dirs[] = { "nf", "nf\\d1", "nf\\d2",
					    "nf\\d1\\d3" };
	static const char *const files[] = { "nf\\a.txt", "nf\\b.bin",
					     "nf\\d1\\c.txt", "nf\\e.dat",
					     "nf\\s.txt" };
	uint8_t data[4096];
	struct smbc_fid fid;
	size_t i;

	for (i = 0; i < sizeof(data); i++)
		data[i] = (uint8_t)(i * 13);
	for (i = 0; i < 4; i++)
		if (!open_one(f, dirs[i], true, &fid))
			smbc_close_fid(&f->c, fid);
	for (i = 0; i < 5; i++) {
		if (open_one(f, files[i], false, &fid))
			continue;
		smbc_write_all(&f->c, fid, 0, data, sizeof(data));
		smbc_close_fid(&f->c, fid);
	}
}

static void reset_state(struct fz *f)
{
	f->outstanding = 0;
	f->nrecent = 0;
	f->nasync = 0;
	f->lost_session = false;
}

int fz_relogin(struct fz *f)
{
	struct smbc_opts o = f->opts->o;
	uint32_t st;
	int rc;

	o.dialect = f->c.dialect;
	o.share = NULL;
	f->c.tree_id = 0;
	rc = smbc_session_setup(&f->c, &o, &st);
	if (!rc)
		rc = smbc_tree_connect(&f->c, f->opts->o.share, &st);
	if (rc)
		return rc;
	f->tid_share = f->c.tree_id;
	f->tid_ipc = 0;
	if (!smbc_tree_connect(&f->c, "IPC$", &st))
		f->tid_ipc = f->c.tree_id;
	f->c.tree_id = f->tid_share;
	open_pool(f);
	reset_state(f);
	return 0;
}

int fz_login(struct fz *f, uint16_t dialect, bool raw_ntlmssp,
	     bool make_tree)
{
	struct smbc_opts o = f->opts->o;
	uint32_t st;
	int rc;

	o.dialect = dialect;
	o.raw_ntlmssp = raw_ntlmssp;
	o.share = NULL;
	rc = smbc_connect_login(&f->c, &o);
	if (rc)
		return rc;
	rc = smbc_tree_connect(&f->c, f->opts->o.share, &st);
	if (rc) {
		smbc_close(&f->c);
		return rc;
	}
	f->tid_share = f->c.tree_id;
	f->tid_ipc = 0;
	if (!smbc_tree_connect(&f->c, "IPC$", &st))
		f->tid_ipc = f->c.tree_id;
	f->c.tree_id = f->tid_share;
	if (make_tree)
		create_tree(f);
	open_pool(f);
	reset_state(f);
	return 0;
}
