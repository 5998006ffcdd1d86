// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The MessageId window of a connection (credits.h).
 */
#include <linux/bitops.h>
#include <linux/log2.h>
#include <linux/slab.h>
#include <linux/minmax.h>

#include "credits.h"
#include "server.h"

int cifsd_credits_init(struct cifsd_credits *c, u32 max)
{
	u32 size = roundup_pow_of_two(clamp_t(u32, max, 64,
					      CIFSD_CREDITS_CEILING));

	spin_lock_init(&c->lock);
	c->low = 0;
	c->high = 1;
	c->used = 0;
	c->map = bitmap_zalloc(size, GFP_KERNEL);
	if (!c->map)
		return -ENOMEM;
	c->size = size;
	return 0;
}

void cifsd_credits_free(struct cifsd_credits *c)
{
	bitmap_free(c->map);
	c->map = NULL;
}

static unsigned int bit_of(const struct cifsd_credits *c, u64 id)
{
	return id & (c->size - 1);
}

bool cifsd_credits_consume(struct cifsd_credits *c, u64 mid, u32 charge)
{
	bool ok = false;
	u64 id;

	if (!charge)
		charge = 1;
	spin_lock(&c->lock);
	/* the window never spans more than c->size ids */
	if (mid < c->low || mid >= c->high || charge > c->high - mid)
		goto out;
	for (id = mid; id < mid + charge; id++)
		if (test_bit(bit_of(c, id), c->map))
			goto out;
	for (id = mid; id < mid + charge; id++)
		__set_bit(bit_of(c, id), c->map);
	c->used += charge;
	/* slide the bottom of the window past what was used */
	while (c->low < c->high && test_bit(bit_of(c, c->low), c->map)) {
		__clear_bit(bit_of(c, c->low), c->map);
		c->low++;
		c->used--;
	}
	ok = true;
out:
	spin_unlock(&c->lock);
	return ok;
}

u16 cifsd_credits_grant(struct cifsd_credits *c, u32 ask, u32 max)
{
	u64 span, avail;
	u32 grant;

	max = min_t(u32, max ? max : CIFSD_CREDITS_CEILING, c->size);
	spin_lock(&c->lock);
	span = c->high - c->low;
	avail = span - c->used;
	grant = span < max ? min_t(u64, min_t(u32, ask, U16_MAX), max - span) :
			     0;
	if (!grant && !avail && span < max)
		grant = 1;	/* never leave the client without a credit */
	/* 3.3.1.1: the 64-bit sequence must not wrap */
	if (c->high > U64_MAX - grant)
		grant = 0;
	c->high += grant;
	spin_unlock(&c->lock);
	return grant;
}

u32 cifsd_credits_outstanding(struct cifsd_credits *c)
{
	u32 n;

	spin_lock(&c->lock);
	n = c->high - c->low - c->used;
	spin_unlock(&c->lock);
	return n;
}
