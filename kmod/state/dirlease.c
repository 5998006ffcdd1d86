// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Directory leases: the changes that break them (dirlease.h).
 */
#include <linux/fs.h>
#include <linux/refcount.h>
#include <linux/fsnotify_backend.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

#include "compat.h"
#include "dirlease.h"
#include "inode.h"
#include "oplock.h"
#include <linux/atomic.h>
#include <linux/sched.h>
#include "server.h"

/*
 * A change of the directory's entries or of the directory itself, and of
 * what a listing shows of an entry: its attributes, or its data once the
 * file written is closed (as Windows breaks at that close, not at every
 * write).
 */
#define DIRLEASE_MASK	(FS_CREATE | FS_DELETE | FS_MOVED_FROM | \
			 FS_MOVED_TO | FS_ATTRIB | FS_DELETE_SELF | \
			 FS_MOVE_SELF | FS_CLOSE_WRITE | FS_EVENT_ON_CHILD)

/*
 * Tasks running a CREATE with a ParentLeaseKey: the changes they make to
 * the parent do not break that lease of that client (MS-SMB2 3.3.5.9.11),
 * which updates its cached listing itself.  A full table only means a
 * break the client did not need.
 */
#define EXEMPT_SLOTS	32
struct dl_exempt {
	struct task_struct *task;
	u8 guid[16];
	u8 key[CIFSD_LEASE_KEY_SIZE];
};
static struct dl_exempt exempt[EXEMPT_SLOTS];
static atomic_t nr_exempt = ATOMIC_INIT(0);

struct cifsd_dirlease_mark {
	struct fsnotify_mark fsn;
	/* fsnotify's (dropped by free_mark) and one per queued work */
	refcount_t refs;
	struct cifsd_inode *ci;		/* not counted; NULL once detached */
	struct work_struct work;	/* breaks the leases */
	/* under dl_lock: what the queued work breaks */
	bool all;			/* every lease */
	bool skip;			/* all but the one below */
	u8 skip_guid[16];
	u8 skip_key[CIFSD_LEASE_KEY_SIZE];
};

static struct fsnotify_group *dl_group;
static DEFINE_SPINLOCK(dl_lock);	/* every mark's ci */

int cifsd_dirlease_exempt_begin(const u8 *client_guid, const u8 *key)
{
	int i;

	for (i = 0; i < EXEMPT_SLOTS; i++) {
		if (!cmpxchg(&exempt[i].task, NULL, current)) {
			/* only this task reads its slot */
			memcpy(exempt[i].guid, client_guid, 16);
			memcpy(exempt[i].key, key, CIFSD_LEASE_KEY_SIZE);
			atomic_inc(&nr_exempt);
			return i;
		}
	}
	return -1;
}

void cifsd_dirlease_exempt_end(int slot)
{
	if (slot < 0)
		return;
	atomic_dec(&nr_exempt);
	WRITE_ONCE(exempt[slot].task, NULL);
}

static const struct dl_exempt *task_exempt(void)
{
	int i;

	if (!atomic_read(&nr_exempt))
		return NULL;
	for (i = 0; i < EXEMPT_SLOTS; i++)
		if (READ_ONCE(exempt[i].task) == current)
			return &exempt[i];
	return NULL;
}

static void dl_put(struct cifsd_dirlease_mark *dm)
{
	if (refcount_dec_and_test(&dm->refs))
		kfree(dm);
}

static void dirlease_work_fn(struct work_struct *ws)
{
	struct cifsd_dirlease_mark *dm =
		container_of(ws, struct cifsd_dirlease_mark, work);
	struct cifsd_inode *ci;
	u8 guid[16], key[CIFSD_LEASE_KEY_SIZE];
	bool all;

	spin_lock(&dl_lock);
	ci = dm->ci;
	/* attached: the inode state lives at least until the detach */
	if (ci)
		cifsd_inode_hold(ci);
	all = dm->all || !dm->skip;
	memcpy(guid, dm->skip_guid, sizeof(guid));
	memcpy(key, dm->skip_key, sizeof(key));
	dm->all = false;
	dm->skip = false;
	spin_unlock(&dl_lock);
	if (ci) {
		cifsd_break_dir_leases(ci, all ? NULL : guid, all ? NULL : key);
		cifsd_inode_put(ci);
	}
	dl_put(dm);			/* the queued work's */
}

static int dirlease_event(struct fsnotify_group *group, u32 mask,
			  const void *data, int data_type, struct inode *dir,
			  const struct qstr *name, u32 cookie,
			  struct fsnotify_iter_info *iter_info)
{
	/* the directory's own events, or those of an entry (as parent) */
	struct fsnotify_mark *fm = fsnotify_iter_inode_mark(iter_info) ?:
				   fsnotify_iter_parent_mark(iter_info);
	const struct dl_exempt *x = task_exempt();
	struct cifsd_dirlease_mark *dm;

	if (!fm || !(mask & DIRLEASE_MASK & ~FS_EVENT_ON_CHILD))
		return 0;
	dm = container_of(fm, struct cifsd_dirlease_mark, fsn);
	spin_lock(&dl_lock);
	if (dm->ci) {
		if (!x) {
			dm->all = true;
		} else if (!dm->skip) {
			dm->skip = true;
			memcpy(dm->skip_guid, x->guid, 16);
			memcpy(dm->skip_key, x->key, CIFSD_LEASE_KEY_SIZE);
		} else if (memcmp(dm->skip_guid, x->guid, 16) ||
			   memcmp(dm->skip_key, x->key, CIFSD_LEASE_KEY_SIZE)) {
			dm->all = true;
		}
		refcount_inc(&dm->refs);
		if (!queue_work(cifsd_srv.wq, &dm->work))
			refcount_dec(&dm->refs);	/* queued already */
	}
	spin_unlock(&dl_lock);
	return 0;
}

static void dirlease_free_mark(struct fsnotify_mark *fm)
{
	dl_put(container_of(fm, struct cifsd_dirlease_mark, fsn));
}

static const struct fsnotify_ops dirlease_ops = {
	.handle_event = dirlease_event,
	.free_mark = dirlease_free_mark,
};

int cifsd_dirlease_attach(struct cifsd_inode *ci, struct inode *dir)
{
	struct cifsd_dirlease_mark *dm;
	int err;

	if (ci->dl)
		return 0;
	dm = kzalloc(sizeof(*dm), GFP_KERNEL);
	if (!dm)
		return -ENOMEM;
	refcount_set(&dm->refs, 1);
	INIT_WORK(&dm->work, dirlease_work_fn);
	fsnotify_init_mark(&dm->fsn, dl_group);
	dm->fsn.mask = DIRLEASE_MASK;
	dm->ci = ci;
	err = fsnotify_add_inode_mark(&dm->fsn, dir, 0);
	if (err) {
		dm->ci = NULL;
		fsnotify_put_mark(&dm->fsn);
		return err;
	}
	ci->dl = dm;
	return 0;
}

void cifsd_dirlease_detach(struct cifsd_inode *ci)
{
	struct cifsd_dirlease_mark *dm = ci->dl;

	if (!dm)
		return;
	ci->dl = NULL;
	spin_lock(&dl_lock);
	dm->ci = NULL;
	spin_unlock(&dl_lock);
	fsnotify_destroy_mark(&dm->fsn, dl_group);
	fsnotify_put_mark(&dm->fsn);	/* ours; a queued work holds its own */
}

int cifsd_dirlease_init(void)
{
	dl_group = fsnotify_alloc_group(&dirlease_ops, 0);
	return PTR_ERR_OR_ZERO(dl_group);
}

void cifsd_dirlease_exit(void)
{
	/*
	 * Every mark went with its directory's last lease and every work
	 * ran before the server's workqueue went; wait until fsnotify has
	 * freed them (our free_mark is module code), then drop the group.
	 */
	fsnotify_wait_marks_destroyed();
	fsnotify_put_group(dl_group);
}
