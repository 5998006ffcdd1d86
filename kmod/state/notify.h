/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Change notification (MS-SMB2 3.3.5.19, MS-FSA 2.1.5.10) backed by
 * fsnotify, so that every change is seen: by SMB clients, local
 * processes, nfsd alike.
 *
 * The first CHANGE_NOTIFY on a directory open creates its watch (the
 * completion filter and WATCH_TREE of that request stay for the life of
 * the open, as on Windows).  From then on, changes are buffered in the
 * watch as FILE_NOTIFY_INFORMATION entries, whether a request is waiting
 * or not; a CHANGE_NOTIFY takes what is buffered, or waits
 * (asynchronously) until something is.  When the buffer would overflow,
 * the next reply is STATUS_NOTIFY_ENUM_DIR (the client re-reads the
 * directory).
 *
 * fsnotify: one mark per super block with watches, in one fsnotify group
 * of the module; the mark asks for child events with their parent and
 * name, and dispatches each to the watches of that super block (a watch
 * matches an event in its directory, or below it with WATCH_TREE).
 *
 * Lifetimes: the watch belongs to its open (f->watch) and is taken off
 * its mark before the open goes (cifsd_notify_release).  A mark lives
 * while it has watches; fsnotify frees it after its last event handler
 * has returned.  The fsnotify handler runs in the context of whoever
 * changed the file: it only takes spinlocks and never sleeps.
 */
#ifndef CIFSD_NOTIFY_H
#define CIFSD_NOTIFY_H

#include <linux/types.h>

struct cifsd_file;
struct cifsd_watch;
struct cifsd_async;

/* FILE_NOTIFY_CHANGE_* (MS-SMB2 2.2.35) */
#define FILE_NOTIFY_CHANGE_FILE_NAME	0x001
#define FILE_NOTIFY_CHANGE_DIR_NAME	0x002
#define FILE_NOTIFY_CHANGE_ATTRIBUTES	0x004
#define FILE_NOTIFY_CHANGE_SIZE		0x008
#define FILE_NOTIFY_CHANGE_LAST_WRITE	0x010
#define FILE_NOTIFY_CHANGE_LAST_ACCESS	0x020
#define FILE_NOTIFY_CHANGE_CREATION	0x040
#define FILE_NOTIFY_CHANGE_EA		0x080
#define FILE_NOTIFY_CHANGE_SECURITY	0x100
#define FILE_NOTIFY_CHANGE_STREAM_NAME	0x200
#define FILE_NOTIFY_CHANGE_STREAM_SIZE	0x400
#define FILE_NOTIFY_CHANGE_STREAM_WRITE	0x800
#define FILE_NOTIFY_CHANGE_ALL		0xfff

#define SMB2_WATCH_TREE			0x0001

/*
 * The watch of directory open @f, created with @filter, @tree and a
 * buffer of @size bytes if it has none: 0, -ENOMEM, -ENOBUFS (memory
 * limit), -EINVAL (not a directory).
 */
int cifsd_notify_watch(struct cifsd_file *f, u32 filter, bool tree,
		       u32 size);
/*
 * Take what the watch of @f buffered: copies at most @room bytes of
 * entries to @out.  Returns the bytes copied (>= 0), -ENOSPC when the
 * entries did not fit or the buffer overflowed (STATUS_NOTIFY_ENUM_DIR;
 * the buffer is emptied), or -EAGAIN when nothing is there yet.
 */
int cifsd_notify_take(struct cifsd_file *f, u8 *out, u32 room);
/* A parked request's priv, and its wait (true: reply at once). */
void *cifsd_notify_waiter_alloc(struct cifsd_file *f);
bool cifsd_notify_wait(struct cifsd_async *a);
/* ops->cancel and ops->release of a parked CHANGE_NOTIFY. */
void cifsd_notify_cancel(struct cifsd_async *a);
void cifsd_notify_waiter_release(struct cifsd_async *a);
/* The open goes: its watch too. */
void cifsd_notify_release(struct cifsd_file *f);

/*
 * Changes the current task makes between begin and end (with begin's
 * return value) report no MODIFIED entries: a new file's metadata.
 */
int cifsd_notify_quiet_begin(void);
void cifsd_notify_quiet_end(int slot);

int cifsd_notify_init(void);
void cifsd_notify_exit(void);

#endif /* CIFSD_NOTIFY_H */
