/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Oplocks and leases: who may cache what of a file, and the breaks that
 * take caching away (MS-SMB2 3.3.5.9.8, 3.3.5.9.11, 3.3.4.6, 3.3.4.7,
 * 3.3.5.22; MS-FSA 2.1.5.17).
 *
 * One model for both.  A "holder" caches a file: an open with an oplock,
 * or a lease (shared by the opens of one client with one lease key).  What
 * it caches is a set of bits: R (reads), W (writes), H (handles: it may
 * keep the file open after the application closed it).  An oplock maps
 * onto the same bits: level II = R, exclusive = RW, batch = RWH.
 *
 * A CREATE that conflicts with a holder breaks it: W goes when another
 * client opens the file, H goes when the open would otherwise fail with a
 * sharing violation (so the client can close its cached handle), R goes
 * when the file is written or truncated by someone else.  A break that
 * takes W or H away must be acknowledged: the CREATE that caused it waits
 * (asynchronously: STATUS_PENDING, no worker held) until the holder
 * acknowledges, closes its open, or does not answer within the break
 * timeout, after which the server takes the caching away on its own.
 * Breaks that only take R away are sent and forgotten.
 *
 * All of this is under the file's cifsd_inode lock (inode.h).  Holders:
 * an open (struct cifsd_file) is one while it has an oplock; a lease is
 * owned by the opens that use it (nr_opens) and lives in the server-wide
 * lease table, keyed by client GUID and lease key, until the last of them
 * goes.
 */
#ifndef CIFSD_OPLOCK_H
#define CIFSD_OPLOCK_H

#include <linux/list.h>
#include <linux/refcount.h>
#include <linux/types.h>
#include <linux/workqueue.h>

struct cifsd_file;
struct cifsd_inode;
struct cifsd_work;
struct cifsd_conn;
struct cifsd_async_ops;
struct cifsd_async;

/* Caching bits: SMB2_LEASE_*_CACHING (MS-SMB2 2.2.13.2.8). */
#define CIFSD_CACHE_R	0x1
#define CIFSD_CACHE_H	0x2
#define CIFSD_CACHE_W	0x4
#define CIFSD_CACHE_ALL	(CIFSD_CACHE_R | CIFSD_CACHE_H | CIFSD_CACHE_W)

#define CIFSD_LEASE_KEY_SIZE	16

struct cifsd_lease {
	refcount_t refs;		/* the table's + transient users */
	struct hlist_node hnode;	/* the lease table */
	struct list_head ci_node;	/* ci->leases, under ci->lock */
	struct cifsd_inode *ci;		/* counted */
	u8 client_guid[16];
	u8 key[CIFSD_LEASE_KEY_SIZE];
	u8 parent_key[CIFSD_LEASE_KEY_SIZE];
	bool has_parent;
	u8 version;			/* 1 or 2 */
	u16 epoch;			/* v2: changes with every state change */
	/* under ci->lock */
	u32 state;			/* CIFSD_CACHE_* granted */
	u32 breaking_to;		/* what the client was told to keep */
	u32 breaking_to_required;	/* what it may keep after all breaks */
	bool breaking;
	unsigned long break_deadline;	/* jiffies */
	u32 nr_opens;
	bool dead;			/* out of the table */
};

/* A lease request from a CREATE (RqLs context). */
struct cifsd_lease_req {
	u8 key[CIFSD_LEASE_KEY_SIZE];
	u8 parent_key[CIFSD_LEASE_KEY_SIZE];
	u32 state;
	u32 flags;			/* v2 Flags */
	u16 epoch;
	u8 version;			/* 1 or 2 */
};

/* What a CREATE asks and is about to do. */
struct cifsd_open_req {
	u32 access;			/* after generic mapping */
	u32 share;			/* FILE_SHARE_* */
	u8 oplock;			/* RequestedOplockLevel */
	const struct cifsd_lease_req *lease;	/* or NULL */
	bool overwrite;			/* supersede / overwrite dispositions */
	bool delete_on_close;		/* FILE_DELETE_ON_CLOSE: breaks H */
	bool no_kernel_oplocks;		/* share: kernel oplocks = no */
	bool first_attempt;		/* false when rerun after a wait */
	bool created;			/* this CREATE made the file */
	bool no_level2;			/* share: level2 oplocks = no */
	bool no_oplocks;		/* share: oplocks = no */
	bool leases;			/* leases allowed on this connection */
	bool dir_leases;		/* ... and on directories (dirlease.h) */
	/* out, when STATUS_PENDING: where to wait */
	struct cifsd_inode *wait_ci;	/* counted */
	u32 wait_seq;
};

/* What was granted. */
struct cifsd_grant {
	u8 oplock;			/* SMB2_OPLOCK_LEVEL_*, LEASE for a lease */
	u32 lease_state;
	u32 lease_flags;		/* SMB2_LEASE_FLAG_BREAK_IN_PROGRESS */
	u16 lease_epoch;
	u8 lease_version;
};

/*
 * Attach the new open @f (f->filp set) to its file: share modes, breaks,
 * oplock or lease.  Returns STATUS_SUCCESS with @g filled and @f in the
 * file's opens; STATUS_PENDING when breaks were sent that must be
 * acknowledged first (r->wait_ci/wait_seq say where to wait; @f is not
 * attached); or STATUS_SHARING_VIOLATION, STATUS_DELETE_PENDING,
 * STATUS_INVALID_PARAMETER (a lease key in use on another file),
 * STATUS_NO_MEMORY.
 */
__le32 cifsd_open_attach(struct cifsd_file *f, struct cifsd_open_req *r,
			 struct cifsd_grant *g);
/* The last put of an open: out of its file's state (no-op if never in). */
void cifsd_open_detach(struct cifsd_file *f);

/*
 * @f is about to change the file's data (WRITE, truncate, byte-range
 * lock): break read caching held by anyone else.  Never waits.
 */
void cifsd_break_readers(struct cifsd_file *f);

/*
 * Directory @ci changed (an entry added, removed or renamed, or its own
 * attributes): its leases lose read caching.  Never waits.
 */
void cifsd_break_dir_leases(struct cifsd_inode *ci);

/* What /sys/fs/cifsd/opens shows of an open's caching. */
struct cifsd_cache_desc {
	const char *oplock;		/* none, II, exclusive, batch, lease */
	char lease_key[2 * CIFSD_LEASE_KEY_SIZE + 1];	/* hex, or "-" */
	char lease_state[8];		/* R, H, W letters, "-" for none */
	bool breaking;
};

void cifsd_open_cache_desc(struct cifsd_file *f, struct cifsd_cache_desc *d);

/* Whose lease an open uses, if any. */
struct cifsd_lease_id {
	bool has_lease;
	u8 key[CIFSD_LEASE_KEY_SIZE];
	u8 client_guid[16];
};

void cifsd_open_lease_of(struct cifsd_file *f, struct cifsd_lease_id *id);
/* What an attached open caches now, as a CREATE reply tells it. */
void cifsd_open_grant_now(struct cifsd_file *f, struct cifsd_grant *g);

/*
 * @f is about to rename or delete its file (MS-FSA 2.1.4.12: handle
 * caching goes): break H of every other lease and batch oplocks to
 * level II.  STATUS_SUCCESS when nothing is left to wait for;
 * STATUS_PENDING when acknowledgments are awaited (*wait_ci, counted,
 * and *wait_seq say where to wait, as for a CREATE).
 */
__le32 cifsd_break_handles(struct cifsd_file *f, struct cifsd_inode **wait_ci,
			   u32 *wait_seq);

/* Under ci->lock: the union of what SMB clients cache of @ci. */
u32 cifsd_inode_cached(struct cifsd_inode *ci);
/*
 * A kernel break (klease.h): break every SMB holder of @ci down to @to
 * and grant nothing more until it is done.
 */
void cifsd_break_all_to(struct cifsd_inode *ci, u32 to);

/* OPLOCK_BREAK acknowledgments (smb2_oplock.c does the wire part). */
__le32 cifsd_oplock_ack(struct cifsd_file *f, u8 level, u8 *granted);
__le32 cifsd_lease_ack(struct cifsd_conn *conn, const u8 *key, u32 state,
		       u32 *granted);

/* The break timer of a cifsd_inode (inode.c sets it up). */
void cifsd_break_timer_fn(struct work_struct *work);

/* Configuration: seconds a break may stay unacknowledged. */
extern unsigned int cifsd_break_timeout;

#endif /* CIFSD_OPLOCK_H */
