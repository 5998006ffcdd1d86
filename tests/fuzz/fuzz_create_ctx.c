// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz the CREATE context chain walk and the parsers of the contexts the
 * server reads (lease requests, durable handle requests and reconnects),
 * and the oplock/lease break acknowledgment parser.  Every context found
 * must lie inside the input.
 */
#include "create_ctx.h"
#include "break_ack.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

static void check_inside(const struct smb2_ctx_data *d, const u8 *data,
			 size_t size)
{
	if (!d->present || !d->len)
		return;
	if (d->p < data || d->p + d->len > data + size)
		__builtin_trap();
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct smb2_create_ctxs c;
	struct smb2_lease_req l;
	struct smb2_durable_req dr;
	struct smb2_break_ack a;
	const struct smb2_ctx_data *all[] = {
		&c.mxac, &c.qfid, &c.rqls, &c.dhnq, &c.dhnc, &c.dh2q,
		&c.dh2c, &c.exta, &c.secd, &c.alsi, &c.twrp, &c.posix,
		&c.appid,
	};
	size_t i;

	if (size > UINT32_MAX)
		return 0;
	if (!smb2_parse_break_ack(data, size, &a) && !a.lease &&
	    size < 24)
		__builtin_trap();
	if (smb2_parse_create_contexts(data, size, &c))
		return 0;
	for (i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		check_inside(all[i], data, size);
	if (c.rqls.present && !smb2_parse_lease_ctx(&c.rqls, &l) &&
	    l.version != 1 && l.version != 2)
		__builtin_trap();
	if (c.dh2q.present)
		(void)smb2_parse_dh2q(&c.dh2q, &dr);
	if (c.dhnc.present)
		(void)smb2_parse_dhnc(&c.dhnc, &dr);
	if (c.dh2c.present)
		(void)smb2_parse_dh2c(&c.dh2c, &dr);
	return 0;
}
