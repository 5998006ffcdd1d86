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
#include "server.h"

/* A change of the directory's entries or of the directory itself. */
#define DIRLEASE_MASK	(FS_CREATE | FS_DELETE | FS_MOVED_FROM | \
			 FS_MOVED_TO | FS_ATTRIB | FS_DELETE_SELF | \
			 FS_MOVE_SELF)

struct cifsd_dirlease_mark {
	struct fsnotify_mark fsn;
	/* fsnotify's (dropped by free_mark) and one per queued work */
	refcount_t refs;
	struct cifsd_inode *ci;		/* not counted; NULL once detached */
	struct work_struct work;	/* breaks the leases */
};

static struct fsnotify_group *dl_group;
static DEFINE_SPINLOCK(dl_lock);	/* every mark's ci */

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

	spin_lock(&dl_lock);
	ci = dm->ci;
	/* attached: the inode state lives at least until the detach */
	if (ci)
		cifsd_inode_hold(ci);
	spin_unlock(&dl_lock);
	if (ci) {
		cifsd_break_dir_leases(ci);
		cifsd_inode_put(ci);
	}
	dl_put(dm);			/* the queued work's */
}

static int dirlease_event(struct fsnotify_group *group, u32 mask,
			  const void *data, int data_type, struct inode *dir,
			  const struct qstr *name, u32 cookie,
			  struct fsnotify_iter_info *iter_info)
{
	struct fsnotify_mark *fm = fsnotify_iter_inode_mark(iter_info);
	struct cifsd_dirlease_mark *dm;

	if (!fm || !(mask & DIRLEASE_MASK))
		return 0;
	dm = container_of(fm, struct cifsd_dirlease_mark, fsn);
	spin_lock(&dl_lock);
	if (dm->ci) {
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
