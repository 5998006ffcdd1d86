// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Change notification on fsnotify (notify.h).
 */
#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/fsnotify_backend.h>
#include <linux/nls.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#include "compat.h"
#include "notify.h"
#include "file.h"
#include "session.h"
#include "conn.h"
#include "async.h"

/* FILE_ACTION_* (MS-FSCC 2.7.1) */
#define FILE_ACTION_ADDED		1
#define FILE_ACTION_REMOVED		2
#define FILE_ACTION_MODIFIED		3
#define FILE_ACTION_RENAMED_OLD_NAME	4
#define FILE_ACTION_RENAMED_NEW_NAME	5

/* The most a watch buffers; more and the client re-reads (ENUM_DIR). */
#define WATCH_BUF_MAX		(64 * 1024)
/* Components of a WATCH_TREE path we report; deeper ones give ENUM_DIR. */
#define TREE_DEPTH_MAX		32

#define CIFSD_FSN_MASK	(FS_CREATE | FS_DELETE | FS_MOVED_FROM | \
			 FS_MOVED_TO | FS_MODIFY | FS_ATTRIB | \
			 FS_EVENT_ON_CHILD)

struct cifsd_nmark {
	struct fsnotify_mark fsn;
	struct super_block *sb;
	spinlock_t lock;		/* watches */
	struct list_head watches;	/* cifsd_watch.mnode */
	struct list_head node;		/* nmarks, under nmark_mutex */
};

struct cifsd_watch {
	struct list_head mnode;		/* m->watches, under m->lock */
	struct cifsd_nmark *m;
	struct cifsd_conn *conn;	/* not counted: outlives its opens */
	struct inode *dir_inode;	/* pinned by the open */
	struct dentry *dir;
	u32 filter;
	bool tree;
	spinlock_t lock;		/* the buffer and pending */
	u8 *buf;
	u32 cap;
	u32 used;
	u32 last;			/* offset of the last entry */
	bool overflow;
	bool gone;			/* its directory was deleted */
	/*
	 * What a woken request replies with: the entries buffered when it
	 * was woken, not those that came in before its reply was built
	 * (they stay for the next request, as on Windows).
	 */
	bool sealed;
	bool seal_overflow;
	u32 seal_used;
	u32 seal_last;
	struct list_head pending;	/* struct notify_waiter */
};

struct notify_waiter {
	struct list_head node;		/* wt->pending */
	struct cifsd_async *a;		/* the list's reference */
	struct cifsd_watch *wt;
};

static struct fsnotify_group *cifsd_fsn_group;

/*
 * Tasks inside a CREATE whose follow-up changes (attributes, EAs,
 * allocation of the new file) the client sees as part of one ADDED.
 * A full table only means an extra MODIFIED entry.
 */
#define QUIET_SLOTS	32
static struct task_struct *quiet_tasks[QUIET_SLOTS];
static atomic_t quiet_count = ATOMIC_INIT(0);

int cifsd_notify_quiet_begin(void)
{
	int i;

	for (i = 0; i < QUIET_SLOTS; i++) {
		if (!cmpxchg(&quiet_tasks[i], NULL, current)) {
			atomic_inc(&quiet_count);
			return i;
		}
	}
	return -1;
}

void cifsd_notify_quiet_end(int slot)
{
	if (slot < 0)
		return;
	atomic_dec(&quiet_count);
	WRITE_ONCE(quiet_tasks[slot], NULL);
}

static bool task_is_quiet(void)
{
	int i;

	if (!atomic_read(&quiet_count))
		return false;
	for (i = 0; i < QUIET_SLOTS; i++)
		if (READ_ONCE(quiet_tasks[i]) == current)
			return true;
	return false;
}
static DEFINE_MUTEX(nmark_mutex);	/* nmarks; watch attach/detach */
static LIST_HEAD(nmarks);

/* ---- events (any process context, no sleeping) ---- */

static bool map_event(u32 mask, u32 *action, u32 *bits)
{
	u32 name = (mask & FS_ISDIR) ? FILE_NOTIFY_CHANGE_DIR_NAME :
				       FILE_NOTIFY_CHANGE_FILE_NAME;

	if (mask & FS_CREATE) {
		*action = FILE_ACTION_ADDED;
		*bits = name;
	} else if (mask & FS_DELETE) {
		*action = FILE_ACTION_REMOVED;
		*bits = name;
	} else if (mask & FS_MOVED_FROM) {
		*action = FILE_ACTION_RENAMED_OLD_NAME;
		*bits = name;
	} else if (mask & FS_MOVED_TO) {
		*action = FILE_ACTION_RENAMED_NEW_NAME;
		*bits = name;
	} else if (mask & FS_MODIFY) {
		*action = FILE_ACTION_MODIFIED;
		*bits = FILE_NOTIFY_CHANGE_LAST_WRITE |
			FILE_NOTIFY_CHANGE_SIZE;
	} else if (mask & FS_ATTRIB) {
		*action = FILE_ACTION_MODIFIED;
		*bits = FILE_NOTIFY_CHANGE_ATTRIBUTES |
			FILE_NOTIFY_CHANGE_LAST_WRITE |
			FILE_NOTIFY_CHANGE_LAST_ACCESS |
			FILE_NOTIFY_CHANGE_CREATION | FILE_NOTIFY_CHANGE_EA |
			FILE_NOTIFY_CHANGE_SECURITY;
	} else {
		return false;
	}
	return true;
}

/* A path of UTF-8 components, outermost first. */
struct npath {
	const char *name[TREE_DEPTH_MAX];
	u32 len[TREE_DEPTH_MAX];
	int n;
};

/*
 * Under rcu_read_lock: the components from @wt's directory down to
 * @parent (excluded: only those between), or false when @parent is not
 * below it (or too deep).
 */
static bool tree_prefix(struct cifsd_watch *wt, struct dentry *parent,
			struct npath *p)
{
	struct dentry *d = parent;
	int depth = 0;

	while (d != wt->dir) {
		if (IS_ROOT(d) || depth == TREE_DEPTH_MAX)
			return false;
		p->name[TREE_DEPTH_MAX - 1 - depth] = (const char *)d->d_name.name;
		p->len[TREE_DEPTH_MAX - 1 - depth] = d->d_name.len;
		depth++;
		d = READ_ONCE(d->d_parent);
	}
	/* move them to the front, outermost first */
	memmove(p->name, p->name + TREE_DEPTH_MAX - depth,
		depth * sizeof(p->name[0]));
	memmove(p->len, p->len + TREE_DEPTH_MAX - depth,
		depth * sizeof(p->len[0]));
	p->n = depth;
	return true;
}

/* UTF-16 of @s (@len bytes) at @out, at most @room bytes; -1 if no fit. */
static int put_utf16(u8 *out, u32 room, const char *s, u32 len)
{
	int units = utf8s_to_utf16s(s, len, UTF16_LITTLE_ENDIAN,
				    (wchar_t *)out, room / 2);

	return units < 0 ? -1 : units * 2;
}

/* Under wt->lock: append one FILE_NOTIFY_INFORMATION entry. */
static void watch_add(struct cifsd_watch *wt, u32 action,
		      const struct npath *p, const char *name, u32 nlen)
{
	u32 at = wt->used ? ALIGN(wt->used, 4) : 0, pos;
	int i, n;

	if (wt->overflow)
		return;
	if (at + 12 > wt->cap)
		goto overflow;
	pos = at + 12;
	for (i = 0; i < p->n; i++) {
		n = put_utf16(wt->buf + pos, wt->cap - pos, p->name[i],
			      p->len[i]);
		if (n < 0 || pos + n + 2 > wt->cap)
			goto overflow;
		pos += n;
		put_unaligned_le16('\\', wt->buf + pos);
		pos += 2;
	}
	n = put_utf16(wt->buf + pos, wt->cap - pos, name, nlen);
	if (n < 0 || (n == (int)(wt->cap - pos) && nlen))
		goto overflow;
	pos += n;
	memset(wt->buf + wt->used, 0, at - wt->used);
	put_unaligned_le32(0, wt->buf + at);
	put_unaligned_le32(action, wt->buf + at + 4);
	put_unaligned_le32(pos - at - 12, wt->buf + at + 8);
	if (wt->used)
		put_unaligned_le32(at - wt->last, wt->buf + wt->last);
	wt->last = at;
	wt->used = pos;
	return;
overflow:
	wt->overflow = true;
}

/*
 * Under wt->lock: was the watched directory deleted?  Also when that
 * happened before the watch was on its mark (a request that overtook the
 * CHANGE_NOTIFY on another worker removed it).
 */
static bool watch_dir_gone(struct cifsd_watch *wt)
{
	if (!wt->gone && d_unlinked(wt->dir))
		wt->gone = true;
	return wt->gone;
}

/* Under wt->lock: the next take replies with what is buffered now. */
static void watch_seal(struct cifsd_watch *wt)
{
	if (wt->sealed)
		return;
	wt->sealed = true;
	wt->seal_overflow = wt->overflow;
	wt->seal_used = wt->used;
	wt->seal_last = wt->last;
}

/* Under wt->lock: there is something to take; wake one waiter. */
static void watch_wake(struct cifsd_watch *wt)
{
	struct notify_waiter *nw;

	nw = list_first_entry_or_null(&wt->pending, struct notify_waiter,
				      node);
	if (!nw)
		return;
	watch_seal(wt);
	list_del_init(&nw->node);
	cifsd_async_complete(nw->a, STATUS_SUCCESS);
	cifsd_async_put(nw->a);		/* the list's */
}

/*
 * Under wt->lock: the watched directory itself was deleted.  Its waiting
 * requests end with STATUS_DELETE_PENDING, and so do later ones.
 */
static void watch_gone(struct cifsd_watch *wt)
{
	struct notify_waiter *nw, *tmp;

	wt->gone = true;
	list_for_each_entry_safe(nw, tmp, &wt->pending, node) {
		list_del_init(&nw->node);
		cifsd_async_complete(nw->a, STATUS_DELETE_PENDING);
		cifsd_async_put(nw->a);		/* the list's */
	}
}

static int cifsd_fsn_event(struct fsnotify_group *group, u32 mask,
			   const void *data, int data_type, struct inode *dir,
			   const struct qstr *name, u32 cookie,
			   struct fsnotify_iter_info *iter_info)
{
	struct fsnotify_mark *fm = fsnotify_iter_sb_mark(iter_info);
	struct dentry *child = fsnotify_data_dentry(data, data_type);
	struct inode *inode = fsnotify_data_inode(data, data_type);
	struct cifsd_nmark *m;
	struct cifsd_watch *wt;
	struct npath p;
	u32 action, bits;
	bool match;

	if (!fm || !dir || !name || !map_event(mask, &action, &bits))
		return 0;
	if (action == FILE_ACTION_MODIFIED && task_is_quiet())
		return 0;
	m = container_of(fm, struct cifsd_nmark, fsn);
	rcu_read_lock();
	spin_lock(&m->lock);
	list_for_each_entry(wt, &m->watches, mnode) {
		if ((mask & FS_DELETE) && inode && inode == wt->dir_inode) {
			spin_lock(&wt->lock);
			watch_gone(wt);
			spin_unlock(&wt->lock);
			continue;
		}
		if (!(wt->filter & bits))
			continue;
		p.n = 0;
		match = dir == wt->dir_inode;
		if (!match && wt->tree && child)
			match = tree_prefix(wt, READ_ONCE(child->d_parent), &p);
		if (!match)
			continue;
		spin_lock(&wt->lock);
		watch_add(wt, action, &p, (const char *)name->name, name->len);
		watch_wake(wt);
		spin_unlock(&wt->lock);
	}
	spin_unlock(&m->lock);
	rcu_read_unlock();
	return 0;
}

static void cifsd_fsn_free_mark(struct fsnotify_mark *fm)
{
	kfree(container_of(fm, struct cifsd_nmark, fsn));
}

static const struct fsnotify_ops cifsd_fsn_ops = {
	.handle_event = cifsd_fsn_event,
	.free_mark = cifsd_fsn_free_mark,
};

/* ---- marks and watches (process context) ---- */

/* Under nmark_mutex: the mark of @sb, created if needed. */
static struct cifsd_nmark *nmark_get(struct super_block *sb)
{
	struct cifsd_nmark *m;
	int err;

	list_for_each_entry(m, &nmarks, node)
		if (m->sb == sb)
			return m;
	m = kzalloc(sizeof(*m), GFP_KERNEL);
	if (!m)
		return ERR_PTR(-ENOMEM);
	m->sb = sb;
	spin_lock_init(&m->lock);
	INIT_LIST_HEAD(&m->watches);
	fsnotify_init_mark(&m->fsn, cifsd_fsn_group);
	m->fsn.mask = CIFSD_FSN_MASK;
	err = cifsd_fsnotify_add_sb_mark(&m->fsn, sb);
	if (err) {
		fsnotify_put_mark(&m->fsn);
		return ERR_PTR(err);
	}
	list_add(&m->node, &nmarks);
	return m;
}

/* Under nmark_mutex: @m lost a watch; it goes with its last one. */
static void nmark_maybe_put(struct cifsd_nmark *m)
{
	if (!list_empty(&m->watches))
		return;
	list_del(&m->node);
	fsnotify_destroy_mark(&m->fsn, cifsd_fsn_group);
	fsnotify_put_mark(&m->fsn);
}

int cifsd_notify_watch(struct cifsd_file *f, u32 filter, bool tree,
		       u32 size)
{
	struct cifsd_conn *conn = f->sess->conn;
	struct cifsd_watch *wt;
	struct cifsd_nmark *m;
	u32 cap = min_t(u32, size, WATCH_BUF_MAX);

	if (!f->is_dir || !f->filp)
		return -EINVAL;
	if (READ_ONCE(f->watch))
		return 0;
	wt = kzalloc(sizeof(*wt), GFP_KERNEL);
	if (!wt)
		return -ENOMEM;
	if (cap && !cifsd_conn_state_charge(conn, cap)) {
		kfree(wt);
		return -ENOBUFS;
	}
	wt->buf = cap ? kvmalloc(cap, GFP_KERNEL) : NULL;
	if (cap && !wt->buf) {
		cifsd_conn_state_uncharge(conn, cap);
		kfree(wt);
		return -ENOMEM;
	}
	wt->cap = cap;
	wt->conn = conn;
	wt->dir = f->filp->f_path.dentry;
	wt->dir_inode = d_inode(wt->dir);
	wt->filter = filter;
	wt->tree = tree;
	spin_lock_init(&wt->lock);
	INIT_LIST_HEAD(&wt->pending);

	mutex_lock(&nmark_mutex);
	if (f->watch) {			/* a concurrent CHANGE_NOTIFY won */
		mutex_unlock(&nmark_mutex);
		goto drop;
	}
	m = nmark_get(wt->dir->d_sb);
	if (IS_ERR(m)) {
		mutex_unlock(&nmark_mutex);
		goto drop;
	}
	wt->m = m;
	spin_lock(&m->lock);
	list_add_tail(&wt->mnode, &m->watches);
	spin_unlock(&m->lock);
	WRITE_ONCE(f->watch, wt);
	mutex_unlock(&nmark_mutex);
	return 0;
drop:
	if (cap)
		cifsd_conn_state_uncharge(conn, cap);
	kvfree(wt->buf);
	kfree(wt);
	return f->watch ? 0 : -ENOMEM;
}

/*
 * Under wt->lock: the first @n bytes (entries up to the one at @last)
 * were taken; move what came in after them to the front.
 */
static void watch_consume(struct cifsd_watch *wt, u32 n, u32 last)
{
	u32 start = ALIGN(n, 4);

	if (start >= wt->used) {
		wt->used = 0;
		wt->last = 0;
		return;
	}
	memmove(wt->buf, wt->buf + start, wt->used - start);
	wt->used -= start;
	wt->last -= start;
}

int cifsd_notify_take(struct cifsd_file *f, u8 *out, u32 room)
{
	struct cifsd_watch *wt = READ_ONCE(f->watch);
	u32 used, last;
	bool overflow;
	int ret;

	if (!wt)
		return -EINVAL;
	spin_lock(&wt->lock);
	used = wt->sealed ? wt->seal_used : wt->used;
	last = wt->sealed ? wt->seal_last : wt->last;
	overflow = wt->sealed ? wt->seal_overflow : wt->overflow;
	wt->sealed = false;
	if (watch_dir_gone(wt)) {
		ret = -ENOENT;
	} else if (overflow || used > room) {
		/* the client re-reads the directory: drop everything */
		wt->used = 0;
		wt->last = 0;
		wt->overflow = false;
		ret = -ENOSPC;
	} else if (used) {
		memcpy(out, wt->buf, used);
		/* later entries are not part of this reply */
		put_unaligned_le32(0, out + last);
		watch_consume(wt, used, last);
		ret = used;
	} else if (wt->overflow) {
		wt->overflow = false;
		ret = -ENOSPC;
	} else {
		ret = -EAGAIN;
	}
	spin_unlock(&wt->lock);
	return ret;
}

void *cifsd_notify_waiter_alloc(struct cifsd_file *f)
{
	struct notify_waiter *nw = kzalloc(sizeof(*nw), GFP_KERNEL);

	if (!nw)
		return NULL;
	INIT_LIST_HEAD(&nw->node);
	nw->wt = READ_ONCE(f->watch);
	return nw;
}

/*
 * @a (its priv from cifsd_notify_waiter_alloc) waits for a change.
 * True: a change is already buffered, complete it now.  A request
 * cancelled meanwhile (state no longer pending) is not listed: under
 * wt->lock either we see that, or its cancel sees it listed.
 */
bool cifsd_notify_wait(struct cifsd_async *a)
{
	struct notify_waiter *nw = a->priv;
	struct cifsd_watch *wt = nw->wt;
	bool now = false;

	spin_lock(&wt->lock);
	if (watch_dir_gone(wt) || wt->overflow || wt->used) {
		watch_seal(wt);
		now = true;
	} else if (READ_ONCE(a->state) == CIFSD_ASYNC_PENDING) {
		nw->a = a;
		cifsd_async_get(a);	/* the list's */
		list_add_tail(&nw->node, &wt->pending);
	}
	spin_unlock(&wt->lock);
	return now;
}

void cifsd_notify_cancel(struct cifsd_async *a)
{
	struct notify_waiter *nw = a->priv;
	bool listed = false;

	if (!nw)
		return;
	spin_lock(&nw->wt->lock);
	if (!list_empty(&nw->node)) {
		list_del_init(&nw->node);
		listed = true;
	}
	spin_unlock(&nw->wt->lock);
	if (listed)
		cifsd_async_put(a);	/* the list's */
}

void cifsd_notify_waiter_release(struct cifsd_async *a)
{
	kfree(a->priv);
}

void cifsd_notify_release(struct cifsd_file *f)
{
	struct cifsd_watch *wt = f->watch;
	struct notify_waiter *nw, *tmp;
	LIST_HEAD(left);

	if (!wt)
		return;
	mutex_lock(&nmark_mutex);
	spin_lock(&wt->m->lock);
	list_del(&wt->mnode);
	spin_unlock(&wt->m->lock);
	nmark_maybe_put(wt->m);
	mutex_unlock(&nmark_mutex);
	/* requests still listed were cancelled by CLOSE already; be safe */
	spin_lock(&wt->lock);
	list_splice_init(&wt->pending, &left);
	spin_unlock(&wt->lock);
	list_for_each_entry_safe(nw, tmp, &left, node) {
		list_del_init(&nw->node);
		cifsd_async_complete(nw->a, STATUS_NOTIFY_CLEANUP);
		cifsd_async_put(nw->a);
	}
	if (wt->cap)
		cifsd_conn_state_uncharge(wt->conn, wt->cap);
	kvfree(wt->buf);
	kfree(wt);
	f->watch = NULL;
}

int cifsd_notify_init(void)
{
	cifsd_fsn_group = fsnotify_alloc_group(&cifsd_fsn_ops, 0);
	return PTR_ERR_OR_ZERO(cifsd_fsn_group);
}

void cifsd_notify_exit(void)
{
	/*
	 * Every watch went with its open, every mark with its last watch;
	 * wait until fsnotify has freed them (our free_mark is module
	 * code), then drop the group.
	 */
	WARN_ON_ONCE(!list_empty(&nmarks));
	fsnotify_wait_marks_destroyed();
	fsnotify_put_group(cifsd_fsn_group);
}
