// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SMB2 header / compound checks and per-command body validation
 * (MS-SMB2 2.2.1, 2.2.3 - 2.2.39, 3.3.5.2.6), and the create-context
 * iterator (2.2.13.2).
 */
#include "tcommon.h"
#include "smb2_validate.h"
#include "smb2_build.h"

struct req_case {
	u16 cmd;
	u16 ss;
	size_t body;		/* bytes of body to send */
};

/* Minimal valid requests: all buffers empty. */
static const struct req_case cases[] = {
	{ SMB2_SESSION_SETUP, 25, 24 },
	{ SMB2_LOGOFF, 4, 4 },
	{ SMB2_TREE_CONNECT, 9, 8 },
	{ SMB2_TREE_DISCONNECT, 4, 4 },
	{ SMB2_CREATE, 57, 56 },
	{ SMB2_CLOSE, 24, 24 },
	{ SMB2_FLUSH, 24, 24 },
	{ SMB2_READ, 49, 49 },
	{ SMB2_READ, 49, 48 },
	{ SMB2_WRITE, 49, 48 },
	{ SMB2_IOCTL, 57, 56 },
	{ SMB2_CANCEL, 4, 4 },
	{ SMB2_ECHO, 4, 4 },
	{ SMB2_QUERY_DIRECTORY, 33, 32 },
	{ SMB2_CHANGE_NOTIFY, 32, 32 },
	{ SMB2_QUERY_INFO, 41, 40 },
	{ SMB2_SET_INFO, 33, 32 },
	{ SMB2_OPLOCK_BREAK, 24, 24 },
	{ SMB2_OPLOCK_BREAK, 36, 36 },
};

static size_t mkreq(u8 *p, u16 cmd, u16 ss, size_t body)
{
	t_hdr(p, cmd, 0);
	memset(p + 64, 0, body);
	if (body >= 2)
		put_unaligned_le16(ss, p + 64);
	return 64 + body;
}

static void test_sizes(void)
{
	u8 p[1024];
	size_t i, len;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		len = mkreq(p, cases[i].cmd, cases[i].ss, cases[i].body);
		CHECK_RC(smb2_validate_req(p, len), 0);
		/* one byte short of the fixed part */
		if (cases[i].body > 4 && cases[i].body == (cases[i].ss & ~1u))
			CHECK_RC(smb2_validate_req(p, len - 1), -EINVAL);
		/* wrong StructureSize */
		put_unaligned_le16(cases[i].ss + 1, p + 64);
		CHECK_RC(smb2_validate_req(p, len), -EINVAL);
		put_unaligned_le16(0, p + 64);
		CHECK_RC(smb2_validate_req(p, len), -EINVAL);
	}
	/* lease break notification size, not an acknowledgment */
	len = mkreq(p, SMB2_OPLOCK_BREAK, 44, 44);
	CHECK_RC(smb2_validate_req(p, len), -EINVAL);
	/* header only, unknown command */
	CHECK_RC(smb2_validate_req(p, 64), -EINVAL);
	CHECK_RC(smb2_validate_req(p, 63), -EINVAL);
	len = mkreq(p, 0x13, 4, 4);
	CHECK_RC(smb2_validate_req(p, len), -EOPNOTSUPP);
	len = mkreq(p, 0xffff, 4, 4);
	CHECK_RC(smb2_validate_req(p, len), -EOPNOTSUPP);
}

static void test_negotiate_lock(void)
{
	u8 p[1024];
	size_t len;

	len = mkreq(p, SMB2_NEGOTIATE, 36, 36 + 4);
	put_unaligned_le16(2, p + 66);
	CHECK_RC(smb2_validate_req(p, len), 0);
	put_unaligned_le16(3, p + 66);
	CHECK_RC(smb2_validate_req(p, len), -EINVAL);
	put_unaligned_le16(0xffff, p + 66);
	CHECK_RC(smb2_validate_req(p, len), -EINVAL);

	len = mkreq(p, SMB2_LOCK, 48, 24 + 2 * 24);
	put_unaligned_le16(2, p + 66);
	CHECK_RC(smb2_validate_req(p, len), 0);
	put_unaligned_le16(3, p + 66);
	CHECK_RC(smb2_validate_req(p, len), -EINVAL);
	put_unaligned_le16(0, p + 66);
	CHECK_RC(smb2_validate_req(p, len), -EINVAL);
	put_unaligned_le16(1, p + 66);
	CHECK_RC(smb2_validate_req(p, len - 24), 0);
	CHECK_RC(smb2_validate_req(p, len - 25), -EINVAL);
}

/* One offset/length field of a request, to exercise generically. */
struct buf_case {
	u16 cmd, ss;
	size_t body;
	u8 off_pos, off_size, len_pos, len_size;
	bool utf16;
};

static const struct buf_case bufs[] = {
	{ SMB2_SESSION_SETUP, 25, 24, 12, 2, 14, 2, false },
	{ SMB2_TREE_CONNECT, 9, 8, 4, 2, 6, 2, true },
	{ SMB2_CREATE, 57, 56, 44, 2, 46, 2, true },
	{ SMB2_CREATE, 57, 56, 48, 4, 52, 4, false },
	{ SMB2_READ, 49, 48, 44, 2, 46, 2, false },
	{ SMB2_WRITE, 49, 48, 2, 2, 4, 4, false },
	{ SMB2_WRITE, 49, 48, 40, 2, 42, 2, false },
	{ SMB2_IOCTL, 57, 56, 24, 4, 28, 4, false },
	{ SMB2_IOCTL, 57, 56, 36, 4, 40, 4, false },
	{ SMB2_QUERY_DIRECTORY, 33, 32, 24, 2, 26, 2, true },
	{ SMB2_QUERY_INFO, 41, 40, 8, 2, 12, 4, false },
	{ SMB2_SET_INFO, 33, 32, 8, 2, 4, 4, false },
};

static void put_f(u8 *p, u8 pos, u8 size, u32 v)
{
	if (size == 2)
		put_unaligned_le16(v, p + 64 + pos);
	else
		put_unaligned_le32(v, p + 64 + pos);
}

static void test_buffers(void)
{
	u8 p[1024];
	size_t i, len, start;

	for (i = 0; i < ARRAY_SIZE(bufs); i++) {
		const struct buf_case *b = &bufs[i];

		start = 64 + b->body;
		len = mkreq(p, b->cmd, b->ss, b->body + 40);
		/* a buffer right after the fixed part */
		put_f(p, b->off_pos, b->off_size, start);
		put_f(p, b->len_pos, b->len_size, 40);
		CHECK_RC(smb2_validate_req(p, len), 0);
		/* ending exactly at the PDU end; one byte more */
		CHECK_RC(smb2_validate_req(p, len - 1), -ERANGE);
		/* zero length: any offset is fine */
		put_f(p, b->len_pos, b->len_size, 0);
		put_f(p, b->off_pos, b->off_size, 0xffff);
		CHECK_RC(smb2_validate_req(p, len), 0);
		/* offset inside the header or the fixed part */
		put_f(p, b->len_pos, b->len_size, 2);
		put_f(p, b->off_pos, b->off_size, 0);
		CHECK_RC(smb2_validate_req(p, len), -EINVAL);
		put_f(p, b->off_pos, b->off_size, start - 2);
		CHECK_RC(smb2_validate_req(p, len), -EINVAL);
		/* offset past the end */
		put_f(p, b->off_pos, b->off_size, len);
		CHECK_RC(smb2_validate_req(p, len), -ERANGE);
		/* length overflows */
		put_f(p, b->off_pos, b->off_size, start);
		put_f(p, b->len_pos, b->len_size,
		      b->len_size == 2 ? 0xfffe : 0xfffffffe);
		CHECK_RC(smb2_validate_req(p, len), -ERANGE);
		/* odd UTF-16 length */
		put_f(p, b->len_pos, b->len_size, 3);
		CHECK_RC(smb2_validate_req(p, len), b->utf16 ? -EINVAL : 0);
	}
	/* the odd StructureSize byte may be absent only for empty buffers */
	len = mkreq(p, SMB2_SESSION_SETUP, 25, 24);
	CHECK_RC(smb2_validate_req(p, len), 0);
	put_f(p, 12, 2, 88);
	put_f(p, 14, 2, 1);
	CHECK_RC(smb2_validate_req(p, len), -ERANGE);
	/* two buffers of one request overlapping */
	len = mkreq(p, SMB2_CREATE, 57, 56 + 64);
	put_f(p, 44, 2, 120);
	put_f(p, 46, 2, 16);
	put_f(p, 48, 4, 128);
	put_f(p, 52, 4, 32);
	CHECK_RC(smb2_validate_req(p, len), -EINVAL);
	put_f(p, 48, 4, 136);
	CHECK_RC(smb2_validate_req(p, len), 0);
}

static void test_hdr(void)
{
	u8 m[512];
	size_t pl;

	/* a compound of three: 72 + 80 + 64 bytes */
	memset(m, 0, sizeof(m));
	t_hdr(m, SMB2_CREATE, 72);
	t_hdr(m + 72, SMB2_READ, 80);
	t_hdr(m + 152, SMB2_CLOSE, 0);
	CHECK_RC(smb2_check_hdr(m, 216, 0, &pl), 0);
	CHECK(pl == 72);
	CHECK_RC(smb2_check_hdr(m, 216, 72, &pl), 0);
	CHECK(pl == 80);
	CHECK_RC(smb2_check_hdr(m, 216, 152, &pl), 0);
	CHECK(pl == 64);
	CHECK_RC(smb2_check_hdr(m, 215, 152, &pl), -ERANGE);
	CHECK_RC(smb2_check_hdr(m, 216, 4, &pl), -EINVAL);
	/* NextCommand: misaligned, < 64, reaching or past the end */
	put_unaligned_le32(76, m + 20);
	CHECK_RC(smb2_check_hdr(m, 216, 0, &pl), -EINVAL);
	put_unaligned_le32(56, m + 20);
	CHECK_RC(smb2_check_hdr(m, 216, 0, &pl), -EINVAL);
	put_unaligned_le32(216, m + 20);
	CHECK_RC(smb2_check_hdr(m, 216, 0, &pl), -ERANGE);
	put_unaligned_le32(0xfffffff8, m + 20);
	CHECK_RC(smb2_check_hdr(m, 216, 0, &pl), -ERANGE);
	put_unaligned_le32(72, m + 20);
	/* bad ProtocolId / StructureSize / too short */
	m[0] = 0xfd;
	CHECK_RC(smb2_check_hdr(m, 216, 0, &pl), -EINVAL);
	m[0] = 0xfe;
	put_unaligned_le16(65, m + 4);
	CHECK_RC(smb2_check_hdr(m, 216, 0, &pl), -EINVAL);
	put_unaligned_le16(64, m + 4);
	CHECK_RC(smb2_check_hdr(m, 63, 0, &pl), -ERANGE);
	CHECK_RC(smb2_check_hdr(m, 64, 0, &pl), -ERANGE);
	put_unaligned_le32(0, m + 20);
	CHECK_RC(smb2_check_hdr(m, 64, 0, &pl), 0);
	CHECK(pl == 64);
}

/* Write a create context at c; returns its size. */
static size_t mkctx(u8 *c, u32 next, const char *name, size_t dlen)
{
	size_t nl = strlen(name);

	memset(c, 0, 24 + dlen);
	put_unaligned_le32(next, c);
	put_unaligned_le16(16, c + 4);
	put_unaligned_le16(nl, c + 6);
	memcpy(c + 16, name, nl);
	if (dlen) {
		put_unaligned_le16(24, c + 10);
		put_unaligned_le32(dlen, c + 12);
		memset(c + 24, 0x77, dlen);
	}
	return dlen ? 24 + dlen : 16 + nl;
}

static void test_ctx(void)
{
	u8 p[512];
	struct smb2_ctx_view v;
	size_t off, end, a, b;
	int n;

	memset(p, 0, sizeof(p));
	a = mkctx(p + 128, 32, "DH2Q", 4);	/* 28 bytes, Next 32 */
	b = mkctx(p + 160, 0, "MxAc", 0);
	end = 160 + b;
	CHECK(a == 28);
	off = 128;
	CHECK_RC(smb2_create_ctx_next(p, sizeof(p), &off, end, &v), 1);
	CHECK(v.off == 128 && v.name_len == 4 && !memcmp(v.name, "DH2Q", 4));
	CHECK(v.data_len == 4 && v.data == p + 152);
	CHECK_RC(smb2_create_ctx_next(p, sizeof(p), &off, end, &v), 1);
	CHECK(v.off == 160 && !memcmp(v.name, "MxAc", 4) && !v.data_len);
	CHECK_RC(smb2_create_ctx_next(p, sizeof(p), &off, end, &v), 0);
	CHECK_RC(smb2_create_ctx_next(p, sizeof(p), &off, end, &v), 0);

	/* Next misaligned / too small / past the region */
	for (n = 0; n < 4; n++) {
		static const u32 bad[] = { 36, 8, 64, 0xfffffff8 };
		static const int want[] = { -EINVAL, -EINVAL, -ERANGE,
					    -ERANGE };

		put_unaligned_le32(bad[n], p + 128);
		off = 128;
		CHECK_RC(smb2_create_ctx_next(p, sizeof(p), &off, end, &v),
			 want[n]);
	}
	put_unaligned_le32(32, p + 128);
	/* name / data outside the context, data overlapping the name */
	put_unaligned_le16(30, p + 128 + 4);
	off = 128;
	CHECK_RC(smb2_create_ctx_next(p, sizeof(p), &off, end, &v), -ERANGE);
	put_unaligned_le16(16, p + 128 + 4);
	put_unaligned_le32(9, p + 128 + 12);
	off = 128;
	CHECK_RC(smb2_create_ctx_next(p, sizeof(p), &off, end, &v), -ERANGE);
	put_unaligned_le32(4, p + 128 + 12);
	put_unaligned_le16(16, p + 128 + 10);
	off = 128;
	CHECK_RC(smb2_create_ctx_next(p, sizeof(p), &off, end, &v), -EINVAL);
	put_unaligned_le16(24, p + 128 + 10);
	/* region shorter than a context header; region beyond the PDU */
	off = 128;
	CHECK_RC(smb2_create_ctx_next(p, sizeof(p), &off, 140, &v), -ERANGE);
	off = 128;
	CHECK_RC(smb2_create_ctx_next(p, 150, &off, 192, &v), -ERANGE);
	/* empty name */
	put_unaligned_le16(0, p + 128 + 6);
	off = 128;
	CHECK_RC(smb2_create_ctx_next(p, sizeof(p), &off, end, &v), -EINVAL);
}

int main(void)
{
	test_sizes();
	test_negotiate_lock();
	test_buffers();
	test_hdr();
	test_ctx();
	return t_done("test_validate");
}
