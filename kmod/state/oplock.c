// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Oplocks and leases: granting, breaking, acknowledgments, timeouts
 * (oplock.h).
 */
#include <linux/jhash.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/jiffies.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#include "oplock.h"
#include "durable.h"
#include "klease.h"
#include "dirlease.h"
#include "inode.h"
#include "file.h"
#include "share_mode.h"
#include "session.h"
#include "conn.h"
#include "server.h"
#include "stats.h"
#include "async.h"
#include "smb2_oplock.h"
#include "work.h"
#include "wire/smb2pdu.h"
#include "wire/ntstatus.h"

/*
 * Access that makes an open a "stat open" for oplocks (and, with
 * READ_CONTROL, for leases): it neither breaks nor blocks caching.
 */
#define STAT_ACCESS	(SYNCHRONIZE | FILE_READ_ATTRIBUTES | \
			 FILE_WRITE_ATTRIBUTES)

static bool stat_open(u32 access, bool lease)
{
	u32 bits = STAT_ACCESS | (lease ? READ_CONTROL : 0);

	return (access & bits) && !(access & ~bits);
}

static u32 oplock_to_cache(u8 level)
{
	switch (level) {
	case SMB2_OPLOCK_LEVEL_II:
		return CIFSD_CACHE_R;
	case SMB2_OPLOCK_LEVEL_EXCLUSIVE:
		return CIFSD_CACHE_R | CIFSD_CACHE_W;
	case SMB2_OPLOCK_LEVEL_BATCH:
		return CIFSD_CACHE_ALL;
	default:
		return 0;
	}
}

static u8 cache_to_oplock(u32 c)
{
	if (c == CIFSD_CACHE_ALL)
		return SMB2_OPLOCK_LEVEL_BATCH;
	if (c == (CIFSD_CACHE_R | CIFSD_CACHE_W))
		return SMB2_OPLOCK_LEVEL_EXCLUSIVE;
	if (c & CIFSD_CACHE_R)
		return SMB2_OPLOCK_LEVEL_II;
	return SMB2_OPLOCK_LEVEL_NONE;
}

/* ---- the lease table ---- */

#define LEASE_HASH_BITS		10

static struct hlist_head lease_table[1 << LEASE_HASH_BITS];
static DEFINE_SPINLOCK(lease_lock);

static struct hlist_head *lease_bucket(const u8 *guid, const u8 *key)
{
	u32 h = jhash(key, CIFSD_LEASE_KEY_SIZE,
		      jhash(guid, 16, 0x6c656173));

	return &lease_table[h & ((1 << LEASE_HASH_BITS) - 1)];
}

/* A live lease of @guid with @key, referenced; NULL if none. */
static struct cifsd_lease *lease_find(const u8 *guid, const u8 *key)
{
	struct cifsd_lease *l;

	spin_lock(&lease_lock);
	hlist_for_each_entry(l, lease_bucket(guid, key), hnode) {
		if (!memcmp(l->key, key, CIFSD_LEASE_KEY_SIZE) &&
		    !memcmp(l->client_guid, guid, 16)) {
			refcount_inc(&l->refs);
			spin_unlock(&lease_lock);
			return l;
		}
	}
	spin_unlock(&lease_lock);
	return NULL;
}

static void lease_put(struct cifsd_lease *l)
{
	if (!refcount_dec_and_test(&l->refs))
		return;
	cifsd_inode_put(l->ci);
	kfree(l);
}

/* Under ci->lock: the last open of @l went; take it out of service. */
static void lease_retire(struct cifsd_inode *ci, struct cifsd_lease *l)
{
	list_del(&l->ci_node);
	if (list_empty(&ci->leases))
		cifsd_dirlease_detach(ci);
	l->dead = true;
	spin_lock(&lease_lock);
	hlist_del(&l->hnode);
	spin_unlock(&lease_lock);
	lease_put(l);		/* the table's */
}

/* ---- sending breaks (after ci->lock is dropped) ---- */

struct outbox {
	struct list_head msgs;		/* struct cifsd_break_msg */
	struct list_head wake;		/* parked CREATEs to wake */
	struct list_head purge;		/* struct purge_item */
};

/* A disconnected durable open a break must reach: it is closed instead. */
struct purge_item {
	struct list_head node;
	struct cifsd_file *f;		/* counted */
};

static void outbox_init(struct outbox *o)
{
	INIT_LIST_HEAD(&o->msgs);
	INIT_LIST_HEAD(&o->wake);
	INIT_LIST_HEAD(&o->purge);
}

/*
 * Under ci->lock: @f is disconnected and would have to acknowledge a
 * break; it will be closed once the lock is dropped.  Without memory the
 * break ends by its timeout instead.
 */
static void purge_later(struct cifsd_file *f, struct outbox *o)
{
	struct purge_item *p;

	if (!refcount_inc_not_zero(&f->refs))
		return;
	p = kmalloc(sizeof(*p), GFP_KERNEL);
	if (!p) {
		/* ours cannot be the last reference: it is parked */
		refcount_dec(&f->refs);
		return;
	}
	p->f = f;
	list_add_tail(&p->node, &o->purge);
}

/* Under ci->lock: @l's breaks cannot reach anyone; purge its opens. */
static void lease_purge_later(struct cifsd_inode *ci, struct cifsd_lease *l,
			      struct outbox *o)
{
	struct cifsd_file *f;

	list_for_each_entry(f, &ci->opens, ci_node)
		if (f->lease == l && f->dh.disconnected)
			purge_later(f, o);
}

/* Under ci->lock: has @l an open on a live connection? */
static bool lease_reachable(struct cifsd_inode *ci, struct cifsd_lease *l)
{
	struct cifsd_file *f;

	list_for_each_entry(f, &ci->opens, ci_node)
		if (f->lease == l && !f->dh.disconnected)
			return true;
	return false;
}

/* Under ci->lock: something waiting CREATEs wait for changed. */
static void wake_waiters(struct cifsd_inode *ci, struct outbox *o)
{
	cifsd_inode_wake_locked(ci, CIFSD_WAIT_BREAK, &o->wake);
}

static void outbox_flush(struct outbox *o)
{
	struct purge_item *p, *tmp;

	cifsd_break_msgs_send(&o->msgs);
	cifsd_inode_wake_flush(&o->wake);
	list_for_each_entry_safe(p, tmp, &o->purge, node) {
		list_del(&p->node);
		cifsd_durable_purge(p->f);	/* takes our reference */
		kfree(p);
	}
}

/* Unlock @ci after its caching may have changed: the kernel side follows. */
static void ci_unlock(struct cifsd_inode *ci)
{
	cifsd_klease_sync(ci);
	mutex_unlock(&ci->lock);
}

/* ---- break bookkeeping, under ci->lock ---- */

static void arm_timer(struct cifsd_inode *ci, unsigned long deadline)
{
	long delay = (long)(deadline - jiffies);

	if (delay < 1)
		delay = 1;
	if (!ci->timer_armed) {
		ci->timer_armed = true;
		cifsd_inode_hold(ci);	/* the armed timer's */
		queue_delayed_work(cifsd_srv.wq, &ci->break_timer, delay);
	}
}

static unsigned long break_deadline(void)
{
	return jiffies + (unsigned long)cifsd_limit(break_timeout) * HZ;
}

static void count_reader(struct cifsd_inode *ci, u32 before, u32 after)
{
	if ((before & CIFSD_CACHE_R) && !(after & CIFSD_CACHE_R))
		ci->nr_readers--;
	else if (!(before & CIFSD_CACHE_R) && (after & CIFSD_CACHE_R))
		ci->nr_readers++;
}

/* An oplock holder: break @f to the bits @to (R or nothing). */
static void oplock_break(struct cifsd_inode *ci, struct cifsd_file *f,
			 u32 to, struct outbox *o)
{
	u32 cur = oplock_to_cache(f->oplock);
	u8 level = (to & CIFSD_CACHE_R) ? SMB2_OPLOCK_LEVEL_II :
					   SMB2_OPLOCK_LEVEL_NONE;

	if (f->oplock_breaking) {
		/* already breaking: the ack may only go lower now */
		if (level < f->oplock_breaking_to)
			f->oplock_breaking_to = level;
		return;
	}
	if (f->oplock == SMB2_OPLOCK_LEVEL_II) {
		/* 2.2.24.1: a break from level II is not acknowledged */
		f->oplock = SMB2_OPLOCK_LEVEL_NONE;
		count_reader(ci, cur, 0);
		if (!f->dh.disconnected) {
			cifsd_stat_inc(CIFSD_STAT_BREAKS_SENT);
			cifsd_break_msg_oplock(f, SMB2_OPLOCK_LEVEL_NONE,
					       &o->msgs);
		}
		return;
	}
	f->oplock_breaking = true;
	f->oplock_breaking_to = level;
	f->break_deadline = break_deadline();
	ci->nr_breaking++;
	arm_timer(ci, f->break_deadline);
	if (f->dh.disconnected) {
		purge_later(f, o);
		return;
	}
	cifsd_stat_inc(CIFSD_STAT_BREAKS_SENT);
	cifsd_break_msg_oplock(f, level, &o->msgs);
}

/* The oplock break of @f is over: at @level now. */
static void oplock_break_done(struct cifsd_inode *ci, struct cifsd_file *f,
			      u8 level, struct outbox *o)
{
	count_reader(ci, oplock_to_cache(f->oplock), oplock_to_cache(level));
	f->oplock = level;
	if (f->oplock_breaking) {
		f->oplock_breaking = false;
		ci->nr_breaking--;
	}
	wake_waiters(ci, o);
}

/*
 * A lease holder: tell @l to keep only @to, and that in the end it may
 * keep @required (a subset).  While a break waits for its acknowledgment,
 * a further one only lowers @required; the client hears about it once it
 * acknowledged the first (MS-SMB2 3.3.5.22.2: an ack is checked against
 * what it was told).
 */
static void lease_break_to(struct cifsd_inode *ci, struct cifsd_lease *l,
			   u32 to, u32 required, bool bump, struct outbox *o)
{
	bool reachable;

	/* H without R is not a lease state */
	if (!(to & CIFSD_CACHE_R))
		to = 0;
	if (!(required & CIFSD_CACHE_R))
		required = 0;
	if (l->breaking) {
		l->breaking_to_required &= required;
		return;
	}
	if (!(l->state & ~to))
		return;
	l->breaking_to_required = required & to;
	reachable = lease_reachable(ci, l);
	if (reachable)
		cifsd_stat_inc(CIFSD_STAT_BREAKS_SENT);
	if (bump)
		l->epoch++;
	if (!(l->state & (CIFSD_CACHE_W | CIFSD_CACHE_H))) {
		/* 3.3.4.7: from R alone, no acknowledgment */
		count_reader(ci, l->state, to);
		if (reachable)
			cifsd_break_msg_lease(l, l->state, to, false, &o->msgs);
		l->state = to;
		return;
	}
	l->breaking = true;
	l->breaking_to = to;
	l->break_deadline = break_deadline();
	ci->nr_breaking++;
	arm_timer(ci, l->break_deadline);
	if (!reachable) {
		/* only disconnected durable opens hold it */
		lease_purge_later(ci, l, o);
		return;
	}
	cifsd_break_msg_lease(l, l->state, to, true, &o->msgs);
}

static void lease_break(struct cifsd_inode *ci, struct cifsd_lease *l,
			u32 to, struct outbox *o)
{
	lease_break_to(ci, l, to, to, true, o);
}

static void lease_break_done(struct cifsd_inode *ci, struct cifsd_lease *l,
			     u32 state, struct outbox *o)
{
	u32 required = l->breaking_to_required;

	count_reader(ci, l->state, state);
	l->state = state;
	if (l->breaking) {
		l->breaking = false;
		l->breaking_to = 0;
		ci->nr_breaking--;
		/*
		 * Breaks that came meanwhile: the next one goes out now, in
		 * steps as Windows does (W or H go first, R stays), with the
		 * same epoch.
		 */
		if (l->state & ~required)
			lease_break_to(ci, l, required |
				       ((l->state & (CIFSD_CACHE_W |
						     CIFSD_CACHE_H)) ?
					CIFSD_CACHE_R : 0),
				       required, false, o);
	}
	wake_waiters(ci, o);
}

/* ---- CREATE ---- */

struct attach_scan {
	u32 delay_mask;		/* W, or H when a sharing violation waits */
	bool sharing;		/* a sharing violation unless H goes */
	bool delay;
	bool got_oplock;	/* another open holds an oplock */
	bool got_handle;	/* another lease caches handles */
	bool no_write;		/* something prevents a W grant */
	bool has_locks;		/* the file has byte-range locks */
};

/*
 * What a holder caching @cur keeps after this CREATE: without the bits
 * that conflict (W, or H when a sharing violation waits for it), and
 * nothing at all when the CREATE overwrites the file.
 */
static u32 break_to_for(const struct cifsd_open_req *r,
			const struct attach_scan *s, u32 cur)
{
	u32 to = cur & ~s->delay_mask;

	if (r->overwrite && !s->sharing)
		to = 0;
	return to;
}

static bool same_lease(const struct cifsd_lease *l, const u8 *guid,
		       const struct cifsd_open_req *r)
{
	return r->lease && !memcmp(l->key, r->lease->key,
				   CIFSD_LEASE_KEY_SIZE) &&
	       !memcmp(l->client_guid, guid, 16);
}

/* Look at every holder of @ci; break what conflicts with @r. */
static void attach_scan(struct cifsd_inode *ci, struct cifsd_file *f,
			struct cifsd_open_req *r, struct attach_scan *s,
			struct outbox *o)
{
	const u8 *guid = f->sess->conn->client_guid;
	struct cifsd_lease *l;
	struct cifsd_file *e;
	/* an open that only looks at attributes breaks nothing... */
	bool is_stat = stat_open(r->access, false) && !r->overwrite;
	bool is_lease_stat = stat_open(r->access, true) && !r->overwrite;
	u32 to;

	list_for_each_entry(e, &ci->opens, ci_node) {
		if (e->lease && same_lease(e->lease, guid, r))
			continue;
		if (e->oplock || e->lease || !stat_open(e->access, false))
			s->no_write = true;
		if (e->lease || !e->oplock)
			continue;
		s->got_oplock = true;
		if (is_stat)
			continue;
		to = break_to_for(r, s, oplock_to_cache(e->oplock));
		if (!(oplock_to_cache(e->oplock) & ~to)) {
			if (e->oplock_breaking)
				s->delay = true;
			continue;
		}
		if (oplock_to_cache(e->oplock) & s->delay_mask)
			s->delay = true;
		/* oplocks only break to level II or none */
		oplock_break(ci, e, to & CIFSD_CACHE_R, o);
	}
	list_for_each_entry(l, &ci->leases, ci_node) {
		if (same_lease(l, guid, r))
			continue;
		if (l->state & CIFSD_CACHE_H)
			s->got_handle = true;
		if (is_lease_stat)
			continue;
		to = break_to_for(r, s, l->state);
		if (!(l->state & ~to)) {
			if (l->breaking)
				s->delay = true;
			continue;
		}
		if (l->state & s->delay_mask)
			s->delay = true;
		if (l->breaking && !r->first_attempt)
			s->delay = true;
		lease_break(ci, l, to, o);
	}
}

static void count_open_mode(const struct cifsd_file *f, int *w, int *r)
{
	fmode_t m;

	if (!f->filp || (f->filp->f_mode & FMODE_PATH))
		return;
	m = f->filp->f_mode & (FMODE_READ | FMODE_WRITE);
	if (m & FMODE_WRITE)
		(*w)++;
	else if (m == FMODE_READ)
		(*r)++;
}

/*
 * What the kernel side lets the new open @f cache: SMB opens of @ci (and
 * @f, not in yet) that count in i_writecount and i_readcount are ours.
 */
static u32 klease_allowed(struct cifsd_inode *ci, struct cifsd_file *f)
{
	struct cifsd_file *e;
	int w = 0, r = 0;

	/* a named stream is not the file's data: local opens do not see it */
	if (ci->stream)
		return CIFSD_CACHE_ALL;
	count_open_mode(f, &w, &r);
	list_for_each_entry(e, &ci->opens, ci_node)
		count_open_mode(e, &w, &r);
	return cifsd_klease_allowed(ci, w, r);
}

/* What the new open gets, given what the others hold. */
static u32 attach_grant(struct cifsd_inode *ci, struct cifsd_file *f,
			struct cifsd_open_req *r, const struct attach_scan *s)
{
	u32 want;

	if (r->lease) {
		want = r->lease->state & CIFSD_CACHE_ALL;
		/* no lease state without R (MS-SMB2 2.2.13.2.8) */
		if (!(want & CIFSD_CACHE_R))
			want = 0;
	} else {
		want = oplock_to_cache(r->oplock);
	}
	if (r->no_oplocks)
		return 0;
	/* local writers, nfsd, a kernel break in progress */
	if (!r->no_kernel_oplocks)
		want &= klease_allowed(ci, f);
	/* ...and, on a file that existed, gets no oplock (leases it may) */
	if (!r->lease && !r->created && stat_open(r->access, false) &&
	    !r->overwrite)
		return 0;
	if (f->is_dir)
		want &= ~CIFSD_CACHE_W;
	if (s->no_write)
		want &= ~CIFSD_CACHE_W;
	/* a file with byte-range locks is not cached for reads or handles */
	if (s->has_locks && !r->overwrite)
		want &= ~(CIFSD_CACHE_R | CIFSD_CACHE_H);
	if ((want & CIFSD_CACHE_R) && !(want & CIFSD_CACHE_W) && r->no_level2)
		want = 0;
	if (r->lease) {
		if (s->got_oplock)
			want &= ~CIFSD_CACHE_H;
	} else {
		if (s->got_handle)
			want = 0;
		want = oplock_to_cache(cache_to_oplock(want));
	}
	return want;
}

/* Is the lease key of @lr in use by this client on another file? */
static bool lease_key_elsewhere(struct cifsd_inode *ci, struct cifsd_file *f,
				const struct cifsd_lease_req *lr)
{
	struct cifsd_lease *l = lease_find(f->sess->conn->client_guid,
					   lr->key);
	bool other = l && l->ci != ci;

	if (l)
		lease_put(l);
	return other;
}

/* A new lease, or the existing one of this client and key, for @f. */
static __le32 attach_lease(struct cifsd_inode *ci, struct cifsd_file *f,
			   const struct cifsd_lease_req *lr, u32 granted,
			   struct cifsd_grant *g)
{
	const u8 *guid = f->sess->conn->client_guid;
	struct cifsd_lease *l;

	l = lease_find(guid, lr->key);
	if (l && l->ci != ci) {
		lease_put(l);
		return STATUS_INVALID_PARAMETER;
	}
	if (l) {
		/*
		 * Upgrade only to a strict superset nobody else prevents (W
		 * is never asked of a directory: it cannot have it).
		 */
		u32 asked = lr->state & CIFSD_CACHE_ALL &
			    (f->is_dir ? ~CIFSD_CACHE_W : CIFSD_CACHE_ALL);

		if ((l->state & lr->state) == l->state && granted != l->state &&
		    granted == asked && !l->breaking) {
			count_reader(ci, l->state, granted);
			l->state = granted;
			l->epoch++;
		}
		lease_put(l);	/* the table keeps it while we are in it */
	} else {
		l = kzalloc(sizeof(*l), GFP_KERNEL);
		if (!l)
			return STATUS_NO_MEMORY;
		refcount_set(&l->refs, 1);	/* the table's */
		cifsd_inode_hold(ci);
		l->ci = ci;
		memcpy(l->client_guid, guid, 16);
		memcpy(l->key, lr->key, CIFSD_LEASE_KEY_SIZE);
		memcpy(l->parent_key, lr->parent_key, CIFSD_LEASE_KEY_SIZE);
		l->has_parent = lr->flags & SMB2_LEASE_FLAG_PARENT_LEASE_KEY_SET;
		l->version = lr->version;
		l->epoch = lr->epoch + (granted ? 1 : 0);
		l->state = granted;
		count_reader(ci, 0, granted);
		list_add_tail(&l->ci_node, &ci->leases);
		spin_lock(&lease_lock);
		hlist_add_head(&l->hnode, lease_bucket(guid, lr->key));
		spin_unlock(&lease_lock);
	}
	l->nr_opens++;
	f->lease = l;
	g->oplock = SMB2_OPLOCK_LEVEL_LEASE;
	g->lease_state = l->state;
	g->lease_epoch = l->epoch;
	g->lease_version = l->version;
	g->lease_flags = l->breaking ? SMB2_LEASE_FLAG_BREAK_IN_PROGRESS : 0;
	return STATUS_SUCCESS;
}

/* Under ci->lock: into the file's opens. */
static void attach_open(struct cifsd_inode *ci, struct cifsd_file *f)
{
	cifsd_inode_hold(ci);	/* the opens list's */
	f->ci = ci;
	spin_lock(&ci->opens_lock);
	list_add_tail(&f->ci_node, &ci->opens);
	spin_unlock(&ci->opens_lock);
}

/*
 * The file and its named streams (MS-FSA 2.1.5.1.2): an open with DELETE
 * of the file needs every open stream to share DELETE, and a file
 * deleted (delete pending) is so for its streams too, and one that is
 * overwritten loses its streams, which must not be open then.
 */
static __le32 stream_checks(struct cifsd_inode *ci, struct cifsd_file *f,
			    const struct cifsd_open_req *r)
{
	struct cifsd_stream_scan s;
	struct cifsd_inode *base;
	bool pending = false;

	cifsd_inode_scan_streams(ci->inode, f, &s);
	if (s.unlink_pending)
		return STATUS_DELETE_PENDING;
	if (f->stream) {
		base = cifsd_inode_find(ci->inode);
		if (base) {
			pending = READ_ONCE(base->delete_pending);
			cifsd_inode_put(base);
		}
		return pending ? STATUS_DELETE_PENDING : STATUS_SUCCESS;
	}
	if ((f->access & DELETE) && s.deny_delete)
		return STATUS_SHARING_VIOLATION;
	/* an overwrite removes the streams: none may be open */
	if (r->overwrite && s.opens)
		return STATUS_SHARING_VIOLATION;
	return STATUS_SUCCESS;
}

__le32 cifsd_open_attach(struct cifsd_file *f, struct cifsd_open_req *r,
			 struct cifsd_grant *g)
{
	struct attach_scan s = {};
	struct cifsd_inode *ci;
	struct outbox o;
	bool sharing;
	__le32 status = STATUS_SUCCESS;
	u32 granted;

	memset(g, 0, sizeof(*g));
	ci = cifsd_inode_get_stream(file_inode(f->filp), f->stream);
	if (!ci)
		return STATUS_NO_MEMORY;
	outbox_init(&o);
	mutex_lock(&ci->lock);
	if (ci->delete_pending) {
		status = STATUS_DELETE_PENDING;
		goto out;
	}
	status = stream_checks(ci, f, r);
	if (status != STATUS_SUCCESS)
		goto out;
	if (r->lease) {
		/* 3.3.5.9.11: one lease key, one file */
		if (lease_key_elsewhere(ci, f, r->lease)) {
			status = STATUS_INVALID_PARAMETER;
			goto out;
		}
		/* directory leases only where negotiated (dirlease.h) */
		if (f->is_dir && !r->dir_leases) {
			r->lease = NULL;
			r->leases = false;
		}
	}
	if (r->no_kernel_oplocks)
		ci->kl.disabled = true;
	sharing = cifsd_share_conflicts(ci, f->access, f->share_access);
	s.delay_mask = sharing ? CIFSD_CACHE_H : CIFSD_CACHE_W;
	s.sharing = sharing;
	/* a delete-on-close open is about to delete: handles go too */
	if (r->delete_on_close)
		s.delay_mask |= CIFSD_CACHE_H;
	s.has_locks = ci->nr_locks;
	attach_scan(ci, f, r, &s, &o);
	if (s.delay) {
		/* wait for the acknowledgments, then start over */
		cifsd_inode_hold(ci);
		r->wait_ci = ci;
		r->wait_seq = ci->wait_seq[CIFSD_WAIT_BREAK];
		status = STATUS_PENDING;
		goto out;
	}
	if (sharing) {
		status = STATUS_SHARING_VIOLATION;
		goto out;
	}
	granted = attach_grant(ci, f, r, &s);
	/* a directory is cached only while its changes reach us */
	if (granted && f->is_dir && r->lease &&
	    cifsd_dirlease_attach(ci, file_inode(f->filp)))
		granted = 0;
	if (r->lease && r->leases) {
		status = attach_lease(ci, f, r->lease, granted, g);
		if (status != STATUS_SUCCESS)
			goto out;
	} else {
		f->oplock = cache_to_oplock(granted);
		g->oplock = f->oplock;
		count_reader(ci, 0, granted);
	}
	attach_open(ci, f);
out:
	ci_unlock(ci);
	outbox_flush(&o);
	cifsd_inode_put(ci);
	return status;
}

void cifsd_open_detach(struct cifsd_file *f)
{
	struct cifsd_inode *ci = f->ci;
	struct cifsd_lease *l = f->lease;
	struct outbox o;

	if (!ci)
		return;
	outbox_init(&o);
	mutex_lock(&ci->lock);
	spin_lock(&ci->opens_lock);
	list_del(&f->ci_node);
	spin_unlock(&ci->opens_lock);
	if (l) {
		f->lease = NULL;
		if (!--l->nr_opens) {
			if (l->breaking)
				lease_break_done(ci, l, 0, &o);
			count_reader(ci, l->state, 0);
			lease_retire(ci, l);
		}
	} else if (f->oplock || f->oplock_breaking) {
		oplock_break_done(ci, f, SMB2_OPLOCK_LEVEL_NONE, &o);
	}
	if (list_empty(&ci->opens)) {
		ci->delete_pending = false;
		wake_waiters(ci, &o);	/* a share mode may be free now */
	} else if (f->access & SHARE_DATA_ACCESS) {
		wake_waiters(ci, &o);
	}
	ci_unlock(ci);
	outbox_flush(&o);
	f->ci = NULL;
	cifsd_inode_put(ci);	/* the opens list's */
}

/* ---- data changes ---- */

static void cache_letters(char *out, u32 state)
{
	char *p = out;

	if (state & CIFSD_CACHE_R)
		*p++ = 'R';
	if (state & CIFSD_CACHE_H)
		*p++ = 'H';
	if (state & CIFSD_CACHE_W)
		*p++ = 'W';
	if (p == out)
		*p++ = '-';
	*p = '\0';
}

void cifsd_open_cache_desc(struct cifsd_file *f, struct cifsd_cache_desc *d)
{
	struct cifsd_inode *ci = f->ci;

	d->oplock = "none";
	strscpy(d->lease_key, "-", sizeof(d->lease_key));
	strscpy(d->lease_state, "-", sizeof(d->lease_state));
	d->breaking = false;
	if (!ci)
		return;
	mutex_lock(&ci->lock);
	if (f->lease) {
		d->oplock = "lease";
		bin2hex(d->lease_key, f->lease->key, CIFSD_LEASE_KEY_SIZE);
		d->lease_key[2 * CIFSD_LEASE_KEY_SIZE] = '\0';
		cache_letters(d->lease_state, f->lease->state);
		d->breaking = f->lease->breaking;
	} else {
		switch (f->oplock) {
		case SMB2_OPLOCK_LEVEL_II:
			d->oplock = "II";
			break;
		case SMB2_OPLOCK_LEVEL_EXCLUSIVE:
			d->oplock = "exclusive";
			break;
		case SMB2_OPLOCK_LEVEL_BATCH:
			d->oplock = "batch";
			break;
		}
		d->breaking = f->oplock_breaking;
	}
	mutex_unlock(&ci->lock);
}

u32 cifsd_inode_cached(struct cifsd_inode *ci)
{
	struct cifsd_lease *l;
	struct cifsd_file *f;
	u32 c = 0;

	list_for_each_entry(l, &ci->leases, ci_node)
		c |= l->state;
	list_for_each_entry(f, &ci->opens, ci_node)
		if (!f->lease)
			c |= oplock_to_cache(f->oplock);
	return c;
}

void cifsd_break_all_to(struct cifsd_inode *ci, u32 to)
{
	struct cifsd_lease *l;
	struct cifsd_file *e;
	struct outbox o;

	outbox_init(&o);
	mutex_lock(&ci->lock);
	ci->kl.break_to = ci->kl.breaking ? ci->kl.break_to & to : to;
	ci->kl.breaking = true;
	to = ci->kl.break_to;
	list_for_each_entry(l, &ci->leases, ci_node)
		if (l->state & ~to)
			lease_break(ci, l, l->state & to, &o);
	list_for_each_entry(e, &ci->opens, ci_node)
		if (!e->lease && (oplock_to_cache(e->oplock) & ~to))
			oplock_break(ci, e, to & CIFSD_CACHE_R, &o);
	ci_unlock(ci);
	outbox_flush(&o);
}

void cifsd_open_lease_of(struct cifsd_file *f, struct cifsd_lease_id *id)
{
	memset(id, 0, sizeof(*id));
	if (!f->ci)
		return;
	mutex_lock(&f->ci->lock);
	if (f->lease) {
		id->has_lease = true;
		memcpy(id->key, f->lease->key, CIFSD_LEASE_KEY_SIZE);
		memcpy(id->client_guid, f->lease->client_guid, 16);
	}
	mutex_unlock(&f->ci->lock);
}

void cifsd_open_grant_now(struct cifsd_file *f, struct cifsd_grant *g)
{
	struct cifsd_lease *l;

	memset(g, 0, sizeof(*g));
	if (!f->ci)
		return;
	mutex_lock(&f->ci->lock);
	l = f->lease;
	if (l) {
		g->oplock = SMB2_OPLOCK_LEVEL_LEASE;
		g->lease_state = l->state;
		g->lease_epoch = l->epoch;
		g->lease_version = l->version;
		g->lease_flags = l->breaking ?
				 SMB2_LEASE_FLAG_BREAK_IN_PROGRESS : 0;
	} else {
		g->oplock = f->oplock;
	}
	mutex_unlock(&f->ci->lock);
}

void cifsd_break_dir_leases(struct cifsd_inode *ci, const u8 *skip_guid,
			    const u8 *skip_key)
{
	struct cifsd_lease *l;
	struct outbox o;

	outbox_init(&o);
	mutex_lock(&ci->lock);
	/* RH without R is no lease state: both go (H acknowledged) */
	list_for_each_entry(l, &ci->leases, ci_node) {
		if (!(l->state & CIFSD_CACHE_R))
			continue;
		if (skip_key && !memcmp(l->key, skip_key, CIFSD_LEASE_KEY_SIZE) &&
		    !memcmp(l->client_guid, skip_guid, 16))
			continue;
		lease_break(ci, l, 0, &o);
	}
	ci_unlock(ci);
	outbox_flush(&o);
}

void cifsd_break_readers(struct cifsd_file *f)
{
	struct cifsd_inode *ci = f->ci;
	struct cifsd_lease *l;
	struct cifsd_file *e;
	struct outbox o;

	/*
	 * Level II oplocks go, the writer's own too (MS-FSA: a write breaks
	 * every level II oplock); leases other than the writer's go to none.
	 */
	if (!ci || !READ_ONCE(ci->nr_readers) ||
	    (f->lease && READ_ONCE(ci->nr_readers) == 1 &&
	     (f->lease->state & CIFSD_CACHE_R)))
		return;
	outbox_init(&o);
	mutex_lock(&ci->lock);
	list_for_each_entry(e, &ci->opens, ci_node) {
		if (!e->lease && e->oplock == SMB2_OPLOCK_LEVEL_II)
			oplock_break(ci, e, 0, &o);
	}
	list_for_each_entry(l, &ci->leases, ci_node) {
		if (l != f->lease && (l->state & CIFSD_CACHE_R))
			lease_break(ci, l, 0, &o);
	}
	ci_unlock(ci);
	outbox_flush(&o);
}

__le32 cifsd_break_handles(struct cifsd_file *f, struct cifsd_inode **wait_ci,
			   u32 *wait_seq)
{
	struct cifsd_inode *ci = f->ci;
	struct cifsd_lease *l;
	struct cifsd_file *e;
	struct outbox o;
	bool wait = false;

	if (!ci)
		return STATUS_SUCCESS;
	outbox_init(&o);
	mutex_lock(&ci->lock);
	list_for_each_entry(l, &ci->leases, ci_node) {
		if (l == f->lease)
			continue;
		if (l->state & CIFSD_CACHE_H)
			lease_break(ci, l, l->state & ~CIFSD_CACHE_H, &o);
		if (l->breaking)
			wait = true;
	}
	list_for_each_entry(e, &ci->opens, ci_node) {
		if (e == f || e->lease)
			continue;
		if (e->oplock == SMB2_OPLOCK_LEVEL_BATCH)
			oplock_break(ci, e, CIFSD_CACHE_R, &o);
		if (e->oplock_breaking)
			wait = true;
	}
	if (wait) {
		cifsd_inode_hold(ci);
		*wait_ci = ci;
		*wait_seq = ci->wait_seq[CIFSD_WAIT_BREAK];
	}
	ci_unlock(ci);
	outbox_flush(&o);
	return wait ? STATUS_PENDING : STATUS_SUCCESS;
}

/* Directories below a directory with leases (a few at a time). */
struct below_scan {
	struct dentry *dir;
	struct cifsd_inode *ci[16];	/* counted */
	int n;
};

/* Under ci->opens_lock (cifsd_inode_for_each): may not sleep. */
static bool leased_dir_below(struct cifsd_inode *ci, void *arg)
{
	struct below_scan *s = arg;
	struct cifsd_file *e;
	struct dentry *d;

	list_for_each_entry(e, &ci->opens, ci_node) {
		if (!e->is_dir || !e->lease || !e->filp)
			continue;
		d = e->filp->f_path.dentry;
		if (d == s->dir || !is_subdir(d, s->dir))
			continue;
		/* its opens hold references: not on its way out */
		if (refcount_inc_not_zero(&ci->refs))
			s->ci[s->n++] = ci;
		break;
	}
	return s->n == ARRAY_SIZE(s->ci);
}

void cifsd_break_dir_leases_below(struct dentry *dir)
{
	struct below_scan s = { .dir = dir };
	int i;

	cifsd_inode_for_each(leased_dir_below, &s);
	for (i = 0; i < s.n; i++) {
		/* every lease state has R: all of them go to none */
		cifsd_break_dir_leases(s.ci[i], NULL, NULL);
		cifsd_inode_put(s.ci[i]);
	}
}

/* ---- acknowledgments ---- */

__le32 cifsd_oplock_ack(struct cifsd_file *f, u8 level, u8 *granted)
{
	struct cifsd_inode *ci = f->ci;
	__le32 status = STATUS_SUCCESS;
	struct outbox o;

	if (!ci || f->lease)
		return STATUS_INVALID_OPLOCK_PROTOCOL;
	outbox_init(&o);
	mutex_lock(&ci->lock);
	if (!f->oplock_breaking) {
		/* e.g. an ack of a break from level II, which needs none */
		status = STATUS_INVALID_OPLOCK_PROTOCOL;
	} else if (level != SMB2_OPLOCK_LEVEL_NONE &&
		   level != SMB2_OPLOCK_LEVEL_II) {
		/* 3.3.5.22.1: anything else is refused, the oplock is gone */
		oplock_break_done(ci, f, SMB2_OPLOCK_LEVEL_NONE, &o);
		status = STATUS_INVALID_OPLOCK_PROTOCOL;
	} else {
		if (level > f->oplock_breaking_to)
			level = f->oplock_breaking_to;
		oplock_break_done(ci, f, level, &o);
		*granted = level;
		cifsd_stat_inc(CIFSD_STAT_BREAKS_ACKED);
	}
	ci_unlock(ci);
	outbox_flush(&o);
	return status;
}

__le32 cifsd_lease_ack(struct cifsd_conn *conn, const u8 *key, u32 state,
		       u32 *granted)
{
	struct cifsd_lease *l = lease_find(conn->client_guid, key);
	struct cifsd_inode *ci;
	__le32 status = STATUS_SUCCESS;
	struct outbox o;

	if (!l)
		return STATUS_OBJECT_NAME_NOT_FOUND;
	ci = l->ci;
	outbox_init(&o);
	mutex_lock(&ci->lock);
	if (l->dead || !l->breaking) {
		status = STATUS_UNSUCCESSFUL;
	} else if (state & ~l->breaking_to) {
		/* 3.3.5.22.2: more than the break allows */
		status = STATUS_REQUEST_NOT_ACCEPTED;
	} else {
		lease_break_done(ci, l, state, &o);
		*granted = state;
		cifsd_stat_inc(CIFSD_STAT_BREAKS_ACKED);
	}
	ci_unlock(ci);
	outbox_flush(&o);
	lease_put(l);
	return status;
}

/* ---- acknowledgments that never come ---- */

void cifsd_break_timer_fn(struct work_struct *work)
{
	struct cifsd_inode *ci = container_of(to_delayed_work(work),
					      struct cifsd_inode, break_timer);
	unsigned long now = jiffies, next = 0;
	struct cifsd_lease *l;
	struct cifsd_file *f;
	struct outbox o;

	outbox_init(&o);
	mutex_lock(&ci->lock);
	ci->timer_armed = false;
	list_for_each_entry(f, &ci->opens, ci_node) {
		if (!f->oplock_breaking)
			continue;
		if (time_after_eq(now, f->break_deadline)) {
			cifsd_stat_inc(CIFSD_STAT_BREAKS_TIMED_OUT);
			oplock_break_done(ci, f, SMB2_OPLOCK_LEVEL_NONE, &o);
		} else if (!next || time_before(f->break_deadline, next)) {
			next = f->break_deadline;
		}
	}
	list_for_each_entry(l, &ci->leases, ci_node) {
		if (!l->breaking)
			continue;
		if (time_after_eq(now, l->break_deadline)) {
			cifsd_stat_inc(CIFSD_STAT_BREAKS_TIMED_OUT);
			lease_break_done(ci, l, 0, &o);
		} else if (!next || time_before(l->break_deadline, next)) {
			next = l->break_deadline;
		}
	}
	if (next)
		arm_timer(ci, next);
	ci_unlock(ci);
	outbox_flush(&o);
	cifsd_inode_put(ci);	/* the armed timer's */
}
