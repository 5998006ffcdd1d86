/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Open files (SMB2 "Opens") and the per-session table that owns them.
 *
 * Owner: the session's file table.  A request that uses an open takes a
 * reference with cifsd_file_lookup() and drops it with cifsd_file_put().
 * CLOSE removes the open from the table (so no new request finds it) and
 * drops the table's reference; the struct file is released by the last
 * put, after any request still using it has finished.
 */
#ifndef CIFSD_FILE_H
#define CIFSD_FILE_H

#include <linux/xarray.h>
#include <linux/refcount.h>
#include <linux/fs.h>

struct cifsd_session;
struct cifsd_tree;
struct cifsd_work;

struct cifsd_file_table {
	struct xarray xa;	/* volatile id -> struct cifsd_file */
};

struct cifsd_file {
	refcount_t refs;
	u64 volatile_id;
	u64 persistent_id;
	struct file *filp;
	struct cifsd_tree *tree;	/* counted reference */
	/* the rest is private to the file operations (smb2_create.c etc.) */
	void *priv;
};

void cifsd_files_init(struct cifsd_file_table *ft);
/* Close every open of the table (session teardown). */
void cifsd_files_close_all(struct cifsd_file_table *ft);
/* Close every open made through @tree (tree disconnect). */
void cifsd_files_close_tree(struct cifsd_file_table *ft,
			    struct cifsd_tree *tree);

#endif /* CIFSD_FILE_H */
