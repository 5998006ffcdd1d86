// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SMB2 header, body-size and buffer-bounds checks for requests.
 */
#include "smb2_validate.h"

#define SMB2_MAX_BUFS	2

/* Where an offset/length pair lives in a request body. */
struct smb2_buf_field {
	u8 off_pos;
	u8 off_size;		/* 0 = unused slot */
	u8 len_pos;
	u8 len_size;
	bool utf16;		/* length must be even */
};

struct smb2_req_desc {
	u16 struct_size;
	u16 alt_size;		/* a second accepted size, or 0 */
	struct smb2_buf_field bufs[SMB2_MAX_BUFS];
};

#define BUF16(o, l)	{ (o), 2, (l), 2, false }
#define BUF16N(o, l)	{ (o), 2, (l), 2, true }
#define BUF16_32(o, l)	{ (o), 2, (l), 4, false }
#define BUF32(o, l)	{ (o), 4, (l), 4, false }

static const struct smb2_req_desc smb2_req_table[SMB2_NR_COMMANDS] = {
	[SMB2_NEGOTIATE] = { SMB2_NEGOTIATE_REQ_SIZE, 0, {} },
	[SMB2_SESSION_SETUP] = { SMB2_SESSION_SETUP_REQ_SIZE, 0,
				 { BUF16(12, 14) } },
	[SMB2_LOGOFF] = { SMB2_LOGOFF_REQ_SIZE, 0, {} },
	[SMB2_TREE_CONNECT] = { SMB2_TREE_CONNECT_REQ_SIZE, 0,
				{ BUF16N(4, 6) } },
	[SMB2_TREE_DISCONNECT] = { SMB2_TREE_DISCONNECT_REQ_SIZE, 0, {} },
	[SMB2_CREATE] = { SMB2_CREATE_REQ_SIZE, 0,
			  { BUF16N(44, 46), BUF32(48, 52) } },
	[SMB2_CLOSE] = { SMB2_CLOSE_REQ_SIZE, 0, {} },
	[SMB2_FLUSH] = { SMB2_FLUSH_REQ_SIZE, 0, {} },
	[SMB2_READ] = { SMB2_READ_REQ_SIZE, 0, { BUF16(44, 46) } },
	[SMB2_WRITE] = { SMB2_WRITE_REQ_SIZE, 0,
			 { BUF16_32(2, 4), BUF16(40, 42) } },
	[SMB2_LOCK] = { SMB2_LOCK_REQ_SIZE, 0, {} },
	[SMB2_IOCTL] = { SMB2_IOCTL_REQ_SIZE, 0,
			 { BUF32(24, 28), BUF32(36, 40) } },
	[SMB2_CANCEL] = { SMB2_CANCEL_REQ_SIZE, 0, {} },
	[SMB2_ECHO] = { SMB2_ECHO_REQ_SIZE, 0, {} },
	[SMB2_QUERY_DIRECTORY] = { SMB2_QUERY_DIRECTORY_REQ_SIZE, 0,
				   { BUF16N(24, 26) } },
	[SMB2_CHANGE_NOTIFY] = { SMB2_CHANGE_NOTIFY_REQ_SIZE, 0, {} },
	[SMB2_QUERY_INFO] = { SMB2_QUERY_INFO_REQ_SIZE, 0,
			      { BUF16_32(8, 12) } },
	[SMB2_SET_INFO] = { SMB2_SET_INFO_REQ_SIZE, 0, { BUF16_32(8, 4) } },
	[SMB2_OPLOCK_BREAK] = { SMB2_OPLOCK_BREAK_REQ_SIZE, 36, {} },
};

int smb2_check_hdr(const u8 *msg, size_t msg_len, size_t off,
		   size_t *pdu_len)
{
	const u8 *h;
	u32 next;

	if (off & 7)
		return -EINVAL;
	if (!wire_range_ok(msg_len, off, SMB2_HDR_SIZE))
		return -ERANGE;
	h = msg + off;
	if (h[0] != 0xfe || h[1] != 'S' || h[2] != 'M' || h[3] != 'B')
		return -EINVAL;
	if (get_unaligned_le16(h + 4) != SMB2_HDR_SIZE)
		return -EINVAL;
	next = get_unaligned_le32(h + 20);
	if (!next) {
		*pdu_len = msg_len - off;
		return 0;
	}
	if ((next & 7) || next < SMB2_HDR_SIZE)
		return -EINVAL;
	/* the next PDU must start inside the message */
	if (next >= msg_len - off)
		return -ERANGE;
	*pdu_len = next;
	return 0;
}

static u32 get_field(const u8 *body, u8 pos, u8 size)
{
	return size == 2 ? get_unaligned_le16(body + pos) :
			   get_unaligned_le32(body + pos);
}

/* Fixed part of the body (bytes that must be present), or -errno. */
static long smb2_fixed_len(u16 cmd, u16 ss, const u8 *body)
{
	u16 count;

	switch (cmd) {
	case SMB2_NEGOTIATE:
		count = get_unaligned_le16(body + 2);
		return (long)ss + 2L * count;
	case SMB2_LOCK:
		count = get_unaligned_le16(body + 2);
		if (!count)
			return -EINVAL;
		/* StructureSize 48 counts one 24-byte lock element */
		return 24L + 24L * count;
	default:
		/* odd sizes include the first byte of the variable buffer */
		return ss & ~1;
	}
}

static int check_bufs(const struct smb2_req_desc *d, const u8 *body,
		      size_t pdu_len, size_t min_off)
{
	size_t start[SMB2_MAX_BUFS], end[SMB2_MAX_BUFS];
	int i, j, n = 0;

	for (i = 0; i < SMB2_MAX_BUFS; i++) {
		const struct smb2_buf_field *f = &d->bufs[i];
		u32 off, len;

		if (!f->off_size)
			break;
		off = get_field(body, f->off_pos, f->off_size);
		len = get_field(body, f->len_pos, f->len_size);
		if (f->utf16 && (len & 1))
			return -EINVAL;
		if (!len)
			continue;
		if (off < min_off)
			return -EINVAL;
		if (!wire_range_ok(pdu_len, off, len))
			return -ERANGE;
		for (j = 0; j < n; j++)
			if (off < end[j] && start[j] < (size_t)off + len)
				return -EINVAL;
		start[n] = off;
		end[n] = (size_t)off + len;
		n++;
	}
	return 0;
}

int smb2_validate_req(const u8 *pdu, size_t pdu_len)
{
	const struct smb2_req_desc *d;
	const u8 *body;
	size_t body_len;
	long fixed;
	u16 cmd, ss;

	if (pdu_len < SMB2_HDR_SIZE)
		return -EINVAL;
	cmd = get_unaligned_le16(pdu + 12);
	if (cmd >= SMB2_NR_COMMANDS)
		return -EOPNOTSUPP;
	d = &smb2_req_table[cmd];
	body = pdu + SMB2_HDR_SIZE;
	body_len = pdu_len - SMB2_HDR_SIZE;
	/* NEGOTIATE and LOCK read a count at body + 2 */
	if (body_len < 4)
		return -EINVAL;
	ss = get_unaligned_le16(body);
	if (ss != d->struct_size && (!d->alt_size || ss != d->alt_size))
		return -EINVAL;
	fixed = smb2_fixed_len(cmd, ss, body);
	if (fixed < 0)
		return (int)fixed;
	if ((size_t)fixed > body_len)
		return -EINVAL;
	return check_bufs(d, body, pdu_len, SMB2_HDR_SIZE + (size_t)fixed);
}

#define SMB2_CTX_HDR	16

int smb2_create_ctx_next(const u8 *pdu, size_t pdu_len, size_t *off,
			 size_t end, struct smb2_ctx_view *out)
{
	const u8 *c;
	size_t clen, pos = *off;
	u32 next, dlen;
	u16 noff, nlen, doff;

	if (end > pdu_len)
		return -ERANGE;
	if (pos >= end)
		return 0;
	if (pos & 7)
		return -EINVAL;
	if (!wire_range_ok(end, pos, SMB2_CTX_HDR))
		return -ERANGE;
	c = pdu + pos;
	next = get_unaligned_le32(c);
	noff = get_unaligned_le16(c + 4);
	nlen = get_unaligned_le16(c + 6);
	doff = get_unaligned_le16(c + 10);
	dlen = get_unaligned_le32(c + 12);
	if (next) {
		if ((next & 7) || next < SMB2_CTX_HDR)
			return -EINVAL;
		if (!wire_range_ok(end, pos, next))
			return -ERANGE;
		clen = next;
	} else {
		clen = end - pos;
	}
	/* the name is mandatory (a 4-byte tag in practice) */
	if (!nlen || noff < SMB2_CTX_HDR)
		return -EINVAL;
	if (!wire_range_ok(clen, noff, nlen))
		return -ERANGE;
	if (dlen) {
		if (doff < SMB2_CTX_HDR || (doff & 7))
			return -EINVAL;
		if (!wire_range_ok(clen, doff, dlen))
			return -ERANGE;
		if (doff < (size_t)noff + nlen && noff < (size_t)doff + dlen)
			return -EINVAL;
	}
	out->off = pos;
	out->name = c + noff;
	out->name_len = nlen;
	out->data = dlen ? c + doff : NULL;
	out->data_len = dlen;
	*off = next ? pos + next : end;
	return 1;
}
