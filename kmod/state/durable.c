// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Durable handles: the global table, parking, the scavenger (durable.h).
 */
#include <linux/jiffies.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>

#include "durable.h"
#include "file.h"
#include "inode.h"
#include "oplock.h"
#include "notify.h"
#include "server.h"
#include "stats.h"
#include "tree.h"
#include "session.h"

/* The largest timeout a client gets (MS-SMB2 3.3.5.9.10 allows a cap). */
#define DURABLE_MAX_MS		300000

/* persistent id (low 32 bits) -> durable open; entries hold no reference */
static DEFINE_XARRAY_ALLOC1(durable_xa);
static u32 durable_next = 1;

static DEFINE_SPINLOCK(dh_lock);	/* parked, nr_parked, dh.* flags */
static LIST_HEAD(parked);		/* cifsd_file.dh.node */
static u32 nr_parked;
static bool durable_dead;		/* module going: park nothing */

static void scavenge_fn(struct work_struct *work);
static DECLARE_DELAYED_WORK(scavenger, scavenge_fn);

bool cifsd_is_durable_work(work_func_t fn)
{
	return fn == scavenge_fn;
}

u32 cifsd_durable_timeout(u32 ms)
{
	if (!ms)
		return CIFSD_DURABLE_DEFAULT_MS;
	return min_t(u32, ms, DURABLE_MAX_MS);
}

int cifsd_durable_grant(struct cifsd_file *f, u8 version, bool persistent,
			u32 timeout_ms, const u8 *create_guid,
			const u8 *client_guid, const char *share)
{
	u32 id;
	int err;

	f->dh.share = kstrdup(share, GFP_KERNEL);
	if (!f->dh.share)
		return -ENOMEM;
	/* the high half makes a stale or guessed id name nothing */
	f->persistent_id = (u64)(get_random_u32() | 1) << 32;
	err = xa_alloc_cyclic(&durable_xa, &id, f, xa_limit_32b,
			      &durable_next, GFP_KERNEL);
	if (err < 0) {
		kfree(f->dh.share);
		f->dh.share = NULL;
		f->persistent_id = 0;
		return err == -EBUSY ? -ENFILE : err;
	}
	f->persistent_id |= id;
	f->dh.version = version;
	f->dh.persistent = persistent;
	f->dh.timeout_ms = timeout_ms;
	if (create_guid)
		memcpy(f->dh.create_guid, create_guid, 16);
	memcpy(f->dh.client_guid, client_guid, 16);
	INIT_LIST_HEAD(&f->dh.node);
	return 0;
}

void cifsd_durable_forget(struct cifsd_file *f)
{
	if (!f->dh.version)
		return;
	xa_cmpxchg(&durable_xa, (u32)f->persistent_id, f, NULL, 0);
	kfree(f->dh.share);
	f->dh.share = NULL;
}

/* Schedule the scavenger for @when (jiffies) if that is sooner. */
static void scavenger_at(unsigned long when)
{
	long delay = (long)(when - jiffies);

	if (delay < 1)
		delay = 1;
	mod_delayed_work(system_long_wq, &scavenger, delay);
}

/* Under ci->lock: does something wait for @f to acknowledge a break? */
static bool break_pending(struct cifsd_file *f)
{
	return f->oplock_breaking || (f->lease && f->lease->breaking);
}

bool cifsd_durable_park(struct cifsd_file *f)
{
	struct cifsd_inode *ci = f->ci;
	u32 max = cifsd_limit(max_durable);
	bool purge;

	if (!f->dh.version || !f->dh.preserve || !ci)
		return false;
	spin_lock(&dh_lock);
	if (durable_dead || (max && nr_parked >= max)) {
		spin_unlock(&dh_lock);
		cifsd_stat_inc(CIFSD_STAT_LIMIT_ERRORS);
		return false;
	}
	nr_parked++;
	spin_unlock(&dh_lock);

	/* nobody else holds @f: it leaves its connection's world */
	cifsd_notify_release(f);
	cifsd_tree_put(f->tree);
	f->tree = NULL;
	mutex_lock(&ci->lock);
	/* the parked reference; visible to the break code from now on */
	refcount_set(&f->refs, 1);
	f->sess = NULL;
	f->dh.disconnected = true;
	purge = break_pending(f);
	mutex_unlock(&ci->lock);

	spin_lock(&dh_lock);
	f->dh.expires = jiffies + msecs_to_jiffies(f->dh.timeout_ms);
	list_add_tail(&f->dh.node, &parked);
	scavenger_at(f->dh.expires);
	spin_unlock(&dh_lock);
	cifsd_stat_inc(CIFSD_STAT_DURABLE_PARKED);
	if (purge) {
		/* a break went to the old connection: it will never be acked */
		cifsd_file_get(f);
		cifsd_durable_purge(f);
	}
	return true;
}

/* Under dh_lock: off the parked list; the parked reference is the caller's. */
static void unpark_locked(struct cifsd_file *f)
{
	list_del_init(&f->dh.node);
	nr_parked--;
}

struct cifsd_file *cifsd_durable_unpark(u64 persistent_id)
{
	struct cifsd_file *f;

	if (persistent_id >> 32 == 0)
		return NULL;
	spin_lock(&dh_lock);
	f = xa_load(&durable_xa, (u32)persistent_id);
	if (f && (f->persistent_id != persistent_id || !f->dh.disconnected ||
		  list_empty(&f->dh.node)))
		f = NULL;
	if (f)
		unpark_locked(f);
	spin_unlock(&dh_lock);
	return f;
}

void cifsd_durable_unpark_fail(struct cifsd_file *f)
{
	spin_lock(&dh_lock);
	if (!durable_dead) {
		list_add_tail(&f->dh.node, &parked);
		nr_parked++;
		scavenger_at(f->dh.expires);
		f = NULL;
	}
	spin_unlock(&dh_lock);
	if (f) {
		f->dh.preserve = false;
		cifsd_file_put(f);
	}
}

int cifsd_durable_reattach(struct cifsd_file *f, struct cifsd_session *sess,
			   struct cifsd_tree *tree, const u8 *client_guid)
{
	int err;

	f->tree = cifsd_tree_get(tree);
	mutex_lock(&f->ci->lock);
	f->sess = sess;
	f->dh.disconnected = false;
	f->dh.preserve = false;
	memcpy(f->dh.client_guid, client_guid, 16);
	mutex_unlock(&f->ci->lock);
	err = cifsd_file_insert(&sess->files, f);
	if (err) {
		cifsd_file_put(f);
		return err;
	}
	cifsd_stat_inc(CIFSD_STAT_DURABLE_RECLAIMED);
	return 0;
}

struct cifsd_file *cifsd_durable_find_replay(const u8 *create_guid,
					     const u8 *client_guid,
					     const struct cifsd_session *sess)
{
	struct cifsd_file *f, *found = NULL;
	unsigned long id;

	/*
	 * Replays are rare (a client retrying after a lost reply), so a
	 * walk of the durable opens is enough; their memory is freed after
	 * an RCU grace period, and a dying one is not taken.
	 */
	rcu_read_lock();
	xa_for_each(&durable_xa, id, f) {
		if (READ_ONCE(f->dh.version) != 2 ||
		    READ_ONCE(f->dh.disconnected) ||
		    READ_ONCE(f->sess) != sess ||
		    memcmp(f->dh.create_guid, create_guid, 16) ||
		    memcmp(f->dh.client_guid, client_guid, 16))
			continue;
		if (refcount_inc_not_zero(&f->refs))
			found = f;
		break;
	}
	rcu_read_unlock();
	return found;
}

bool cifsd_durable_is_connected(u64 persistent_id)
{
	struct cifsd_file *f;
	bool ret;

	spin_lock(&dh_lock);
	f = xa_load(&durable_xa, (u32)persistent_id);
	ret = f && f->persistent_id == persistent_id && !f->dh.disconnected;
	spin_unlock(&dh_lock);
	return ret;
}

void cifsd_durable_purge(struct cifsd_file *f)
{
	bool mine = false;

	spin_lock(&dh_lock);
	if (f->dh.disconnected && !list_empty(&f->dh.node)) {
		unpark_locked(f);
		f->dh.preserve = false;
		mine = true;
	}
	spin_unlock(&dh_lock);
	if (mine) {
		cifsd_stat_inc(CIFSD_STAT_DURABLE_PURGED);
		cifsd_file_put(f);	/* the parked reference: closes it */
	}
	cifsd_file_put(f);		/* the caller's */
}

/* Close the opens on @list (taken off the parked list). */
static void close_list(struct list_head *list)
{
	struct cifsd_file *f, *tmp;

	list_for_each_entry_safe(f, tmp, list, dh.node) {
		list_del_init(&f->dh.node);
		cifsd_file_put(f);
		cond_resched();
	}
}

static void scavenge_fn(struct work_struct *work)
{
	struct cifsd_file *f, *tmp;
	unsigned long next = 0;
	bool any = false;
	LIST_HEAD(expired);

	spin_lock(&dh_lock);
	list_for_each_entry_safe(f, tmp, &parked, dh.node) {
		if (time_after_eq(jiffies, f->dh.expires)) {
			unpark_locked(f);
			f->dh.preserve = false;
			list_add_tail(&f->dh.node, &expired);
			cifsd_stat_inc(CIFSD_STAT_DURABLE_EXPIRED);
		} else if (!any || time_before(f->dh.expires, next)) {
			next = f->dh.expires;
			any = true;
		}
	}
	if (any && !durable_dead)
		scavenger_at(next);
	spin_unlock(&dh_lock);
	close_list(&expired);
}

u32 cifsd_durable_parked(void)
{
	return READ_ONCE(nr_parked);
}

struct cifsd_file *cifsd_durable_next_parked(unsigned long *idx)
{
	struct cifsd_file *f;

	spin_lock(&dh_lock);
	xa_for_each_start(&durable_xa, *idx, f, *idx) {
		if (f->dh.disconnected && !list_empty(&f->dh.node) &&
		    refcount_inc_not_zero(&f->refs)) {
			spin_unlock(&dh_lock);
			return f;
		}
	}
	spin_unlock(&dh_lock);
	return NULL;
}

void cifsd_durable_close_all(void)
{
	struct cifsd_file *f, *tmp;
	LIST_HEAD(all);

	spin_lock(&dh_lock);
	list_for_each_entry_safe(f, tmp, &parked, dh.node) {
		unpark_locked(f);
		f->dh.preserve = false;
		list_add_tail(&f->dh.node, &all);
	}
	spin_unlock(&dh_lock);
	close_list(&all);
}

void cifsd_durable_exit(void)
{
	spin_lock(&dh_lock);
	durable_dead = true;
	spin_unlock(&dh_lock);
	cancel_delayed_work_sync(&scavenger);
	cifsd_durable_close_all();
	WARN_ON_ONCE(!xa_empty(&durable_xa));
	xa_destroy(&durable_xa);
}
