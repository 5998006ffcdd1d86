/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The MessageId window and credits of a connection (MS-SMB2 3.3.1.1,
 * 3.3.1.2, 3.3.5.2.3).
 *
 * The window is the set of MessageIds the client may still use: it starts
 * as { 0 }, every credit granted in a reply appends the next id, and every
 * request removes the ids it uses (CreditCharge of them from MessageId).
 * A request outside the window, or reusing an id, ends the connection.
 *
 * Representation: ids below @low were all used; ids from @high on were
 * never granted; in between a ring bitmap says which were used.  The span
 * high - low never exceeds the connection's credit limit (grants stop
 * before it would), so the bitmap has a fixed size and a client that
 * leaves a hole at the bottom of its window only starves itself.
 */
#ifndef CIFSD_CREDITS_H
#define CIFSD_CREDITS_H

#include <linux/spinlock.h>
#include <linux/types.h>

struct cifsd_credits {
	spinlock_t lock;
	u64 low;		/* lowest id not yet used */
	u64 high;		/* one past the highest id granted */
	u32 used;		/* ids in [low, high) already used */
	u32 size;		/* bits in @map, a power of two */
	unsigned long *map;	/* bit (id & (size - 1)): id was used */
};

/* Window { 0 }; room for @max credits outstanding.  -ENOMEM. */
int cifsd_credits_init(struct cifsd_credits *c, u32 max);
void cifsd_credits_free(struct cifsd_credits *c);

/*
 * Use ids [mid, mid + charge): false (nothing changes) when one of them
 * is outside the window or was used already.
 */
bool cifsd_credits_consume(struct cifsd_credits *c, u64 mid, u32 charge);

/*
 * Grant credits in a reply: up to @ask (at least one when the client
 * would otherwise hold none), never letting the window span more than
 * @max ids.  Returns the number granted.
 */
u16 cifsd_credits_grant(struct cifsd_credits *c, u32 ask, u32 max);

/* Credits the client holds now (ids it may still use). */
u32 cifsd_credits_outstanding(struct cifsd_credits *c);

#endif /* CIFSD_CREDITS_H */
