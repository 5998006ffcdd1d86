/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Kernel leases behind SMB caching: what an in-kernel server can do that
 * a user-space one cannot.  While SMB clients cache a file (oplocks or
 * leases, state/oplock.h), CIFSD holds a kernel delegation on it (a
 * lease of the kind nfsd uses, FL_DELEG): read while clients cache reads
 * or handles, write (6.6 and later) while one caches writes.  A local
 * process or nfsd that opens the file in a conflicting way, truncates,
 * renames, unlinks or changes its attributes waits in the kernel until
 * the SMB clients were told to flush and close what they cache
 * (MS-SMB2 breaks), then proceeds and sees their data.
 *
 * Object: struct cifsd_klease in each struct cifsd_inode, under ci->lock.
 * The delegation is held on one of the file's SMB opens' struct file
 * (referenced by us while the delegation exists); its owner is the
 * cifsd_inode, which it keeps referenced.
 *
 * Flow: the kernel calls lm_break (atomic context) -> klease work ->
 * SMB breaks to what the breaker leaves (nothing for a writer or a
 * rename, read and handle caching for a reader) -> acknowledgments or
 * the break timeout -> cifsd_klease_sync() drops or downgrades the
 * delegation -> the local process goes on.  Requests of CIFSD itself
 * never break it (lm_breaker_owns_lease).
 */
#ifndef CIFSD_KLEASE_H
#define CIFSD_KLEASE_H

#include <linux/types.h>
#include <linux/workqueue.h>

struct file;
struct cifsd_inode;

struct cifsd_klease {
	struct file *filp;	/* counted while we hold a delegation */
	int type;		/* F_RDLCK, F_WRLCK, or F_UNLCK for none */
	bool breaking;		/* the kernel wants it: grant no more */
	bool disabled;		/* a share with "kernel oplocks = no" */
	u32 break_to;		/* caching the breaker leaves SMB clients */
	u32 pending_to;		/* from lm_break, for the work (atomic) */
	struct work_struct work;
};

void cifsd_klease_init(struct cifsd_inode *ci);

/*
 * Under ci->lock, after the SMB caching of @ci changed: take, change or
 * drop the delegation to match; ends a kernel break once the clients
 * gave up what conflicts.
 */
void cifsd_klease_sync(struct cifsd_inode *ci);

/*
 * Under ci->lock, for a new grant: the caching (CIFSD_CACHE_*) the
 * kernel side allows.  Nothing while a local process or nfsd has the
 * file open for writing (@smb_writers: how many of i_writecount are SMB
 * opens), no write caching while one has it open for reading only
 * (@smb_readers: the SMB share of i_readcount), less while a kernel break
 * is in progress.
 */
u32 cifsd_klease_allowed(struct cifsd_inode *ci, int smb_writers,
			 int smb_readers);

/* Is @fn the function of the kernel-break work? */
bool cifsd_is_klease_work(work_func_t fn);

/* Is the current task CIFSD itself (a worker, a connection thread)? */
bool cifsd_current_is_server(void);
/* Rare paths outside workers (server stop) mark themselves. */
void cifsd_server_task_begin(void);
void cifsd_server_task_end(void);

#endif /* CIFSD_KLEASE_H */
