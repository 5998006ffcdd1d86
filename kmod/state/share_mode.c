// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Share modes: the server-wide table of opens per inode (share_mode.h).
 */
#include <linux/fs.h>
#include <linux/dcache.h>
#include <linux/hash.h>
#include <linux/list.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include "wire/smb2pdu.h"
#include "wire/ntstatus.h"
#include "file.h"
#include "share_mode.h"

#define SHARE_HASH_BITS		10
#define SHARE_HASH_SIZE		(1U << SHARE_HASH_BITS)

/* The access bits that take part in share mode checks. */
#define SHARE_READ_BITS		(FILE_READ_DATA | FILE_EXECUTE)
#define SHARE_WRITE_BITS	(FILE_WRITE_DATA | FILE_APPEND_DATA)
#define SHARE_DATA_BITS		(SHARE_READ_BITS | SHARE_WRITE_BITS | DELETE)

struct cifsd_share_state {
	struct hlist_node node;		/* in its bucket */
	struct inode *inode;		/* key; pinned by the opens' files */
	struct list_head opens;		/* cifsd_file.share_node; not empty */
	bool delete_pending;
};

struct share_bucket {
	spinlock_t lock;
	struct hlist_head head;
};

static struct share_bucket share_table[SHARE_HASH_SIZE] = {
	[0 ... SHARE_HASH_SIZE - 1] = {
		.lock = __SPIN_LOCK_UNLOCKED(share_table.lock),
		.head = HLIST_HEAD_INIT,
	},
};

static struct share_bucket *bucket_of(const struct inode *inode)
{
	return &share_table[hash_ptr(inode, SHARE_HASH_BITS)];
}

static struct cifsd_share_state *find_state(struct share_bucket *b,
					    const struct inode *inode)
{
	struct cifsd_share_state *s;

	hlist_for_each_entry(s, &b->head, node)
		if (s->inode == inode)
			return s;
	return NULL;
}

/* Does @share (FILE_SHARE_*) let another open have @access? */
static bool share_allows(u32 share, u32 access)
{
	if ((access & SHARE_READ_BITS) && !(share & FILE_SHARE_READ))
		return false;
	if ((access & SHARE_WRITE_BITS) && !(share & FILE_SHARE_WRITE))
		return false;
	if ((access & DELETE) && !(share & FILE_SHARE_DELETE))
		return false;
	return true;
}

/* Opens without data access (attributes, sync, ACL) never conflict. */
static bool state_conflicts(const struct cifsd_share_state *s, u32 access,
			    u32 share)
{
	const struct cifsd_file *o;

	if (!(access & SHARE_DATA_BITS))
		return false;
	list_for_each_entry(o, &s->opens, share_node) {
		if (!(o->access & SHARE_DATA_BITS))
			continue;
		if (!share_allows(o->share_access, access) ||
		    !share_allows(share, o->access))
			return true;
	}
	return false;
}

__le32 cifsd_share_add(struct cifsd_file *f)
{
	struct inode *inode = file_inode(f->filp);
	struct share_bucket *b = bucket_of(inode);
	struct cifsd_share_state *s, *fresh;
	__le32 status = STATUS_SUCCESS;

	/* allocated up front: the bucket lock is a spinlock */
	fresh = kzalloc(sizeof(*fresh), GFP_KERNEL);
	if (!fresh)
		return STATUS_NO_MEMORY;
	spin_lock(&b->lock);
	s = find_state(b, inode);
	if (s) {
		if (s->delete_pending)
			status = STATUS_DELETE_PENDING;
		else if (state_conflicts(s, f->access, f->share_access))
			status = STATUS_SHARING_VIOLATION;
	} else {
		s = fresh;
		fresh = NULL;
		s->inode = inode;
		INIT_LIST_HEAD(&s->opens);
		hlist_add_head(&s->node, &b->head);
	}
	if (status == STATUS_SUCCESS) {
		list_add_tail(&f->share_node, &s->opens);
		f->share = s;
	}
	spin_unlock(&b->lock);
	kfree(fresh);
	return status;
}

void cifsd_share_remove(struct cifsd_file *f)
{
	struct cifsd_share_state *s = f->share;
	struct share_bucket *b;

	if (!s)
		return;
	b = bucket_of(s->inode);
	spin_lock(&b->lock);
	list_del(&f->share_node);
	if (list_empty(&s->opens))
		hlist_del(&s->node);
	else
		s = NULL;
	spin_unlock(&b->lock);
	f->share = NULL;
	kfree(s);
}

void cifsd_share_set_delete_pending(struct cifsd_file *f, bool pending)
{
	struct cifsd_share_state *s = f->share;
	struct share_bucket *b;

	if (!s)
		return;
	b = bucket_of(s->inode);
	spin_lock(&b->lock);
	s->delete_pending = pending;
	spin_unlock(&b->lock);
}

__le32 cifsd_share_check(struct inode *inode, u32 access, u32 share)
{
	struct share_bucket *b = bucket_of(inode);
	struct cifsd_share_state *s;
	bool conflict = false;

	spin_lock(&b->lock);
	s = find_state(b, inode);
	if (s)
		conflict = state_conflicts(s, access, share);
	spin_unlock(&b->lock);
	return conflict ? STATUS_SHARING_VIOLATION : STATUS_SUCCESS;
}

bool cifsd_share_open_below(struct dentry *dir)
{
	struct cifsd_share_state *s;
	struct cifsd_file *o;
	struct dentry *d;
	unsigned int i;
	bool found = false;

	for (i = 0; i < SHARE_HASH_SIZE && !found; i++) {
		struct share_bucket *b = &share_table[i];

		if (hlist_empty(&b->head))
			continue;
		spin_lock(&b->lock);
		hlist_for_each_entry(s, &b->head, node) {
			list_for_each_entry(o, &s->opens, share_node) {
				d = o->filp->f_path.dentry;
				if (d != dir && is_subdir(d, dir)) {
					found = true;
					break;
				}
			}
			if (found)
				break;
		}
		spin_unlock(&b->lock);
	}
	return found;
}
