// SPDX-License-Identifier: GPL-2.0-or-later
/* FSCTL input buffers (kmod/wire/fsctl.c, MS-SMB2 2.2.31, MS-FSCC 2.3). */
#include "tcommon.h"
#include "fsctl.h"

static void put_chunk(u8 *p, u64 src, u64 dst, u32 len)
{
	put_unaligned_le64(src, p);
	put_unaligned_le64(dst, p + 8);
	put_unaligned_le32(len, p + 16);
	put_unaligned_le32(0, p + 20);
}

static void test_copychunk(void)
{
	u8 b[FSCTL_COPYCHUNK_HDR_SIZE + 3 * FSCTL_COPYCHUNK_ENTRY_SIZE];
	struct fsctl_copychunk cc;
	struct fsctl_chunk c;

	memset(b, 0xab, sizeof(b));
	put_unaligned_le32(2, b + 24);
	put_chunk(b + 32, 0, 4096, 4096);
	put_chunk(b + 56, 4096, 0, 1);
	CHECK_RC(fsctl_parse_copychunk(b, 32 + 48, &cc), 0);
	CHECK(cc.count == 2 && cc.key == b);
	fsctl_copychunk_get(&cc, 1, &c);
	CHECK(c.src == 4096 && c.dst == 0 && c.len == 1);
	CHECK_RC(fsctl_copychunk_check(&cc, 256, 1 << 20, 16 << 20), 0);
	/* limits: count, chunk size, total, empty chunk */
	CHECK_RC(fsctl_copychunk_check(&cc, 1, 1 << 20, 16 << 20), -EINVAL);
	CHECK_RC(fsctl_copychunk_check(&cc, 256, 4095, 16 << 20), -EINVAL);
	CHECK_RC(fsctl_copychunk_check(&cc, 256, 1 << 20, 4096), -EINVAL);
	CHECK_RC(fsctl_copychunk_check(&cc, 256, 1 << 20, 4097), 0);
	put_chunk(b + 56, 4096, 0, 0);
	CHECK_RC(fsctl_copychunk_check(&cc, 256, 1 << 20, 16 << 20), -EINVAL);
	/* the count must fit in the buffer */
	CHECK_RC(fsctl_parse_copychunk(b, 32 + 47, &cc), -EINVAL);
	put_unaligned_le32(0xffffffff, b + 24);
	CHECK_RC(fsctl_parse_copychunk(b, sizeof(b), &cc), -EINVAL);
	put_unaligned_le32(0, b + 24);
	CHECK_RC(fsctl_parse_copychunk(b, 32, &cc), 0);
	CHECK(cc.count == 0);
	CHECK_RC(fsctl_parse_copychunk(b, 31, &cc), -EINVAL);
	CHECK_RC(fsctl_parse_copychunk(b, 0, &cc), -EINVAL);
}

static void test_ranges(void)
{
	u8 b[40];
	u64 off, len, end;

	put_unaligned_le64(512, b);
	put_unaligned_le64(1024, b + 8);
	CHECK_RC(fsctl_parse_range(b, 16, &off, &len), 0);
	CHECK(off == 512 && len == 1024);
	CHECK_RC(fsctl_parse_range(b, 15, &off, &len), -EINVAL);
	CHECK_RC(fsctl_parse_range(b, 32, &off, &len), 0);	/* longer: ok */
	/* negative length, and an end past S64_MAX */
	put_unaligned_le64(~0ULL, b + 8);
	CHECK_RC(fsctl_parse_range(b, 16, &off, &len), -EINVAL);
	put_unaligned_le64(0x7fffffffffffffffULL - 512, b + 8);
	CHECK_RC(fsctl_parse_range(b, 16, &off, &len), 0);
	put_unaligned_le64(0x7fffffffffffffffULL - 511, b + 8);
	CHECK_RC(fsctl_parse_range(b, 16, &off, &len), -EINVAL);

	put_unaligned_le64(4096, b);
	put_unaligned_le64(4095, b + 8);
	CHECK_RC(fsctl_parse_zero_data(b, 16, &off, &end), -EINVAL);
	put_unaligned_le64(4096, b + 8);
	CHECK_RC(fsctl_parse_zero_data(b, 16, &off, &end), 0);
	CHECK(off == 4096 && end == 4096);
	put_unaligned_le64(1ULL << 63, b + 8);
	CHECK_RC(fsctl_parse_zero_data(b, 16, &off, &end), -EINVAL);
	CHECK_RC(fsctl_parse_zero_data(b, 8, &off, &end), -EINVAL);

	fsctl_put_range(b, 7, 9);
	CHECK(get_unaligned_le64(b) == 7 && get_unaligned_le64(b + 8) == 9);
}

static void test_trim_dup(void)
{
	u8 b[64];
	struct fsctl_trim t;
	struct fsctl_dup_extents d;
	u64 off, len;

	memset(b, 0, sizeof(b));
	put_unaligned_le32(2, b + 4);
	put_unaligned_le64(0, b + 8);
	put_unaligned_le64(65536, b + 16);
	put_unaligned_le64(~0ULL, b + 24);
	put_unaligned_le64(1, b + 32);
	CHECK_RC(fsctl_parse_trim(b, 40, &t), 0);
	CHECK(t.count == 2);
	CHECK_RC(fsctl_trim_get(&t, 0, &off, &len), 0);
	CHECK(off == 0 && len == 65536);
	CHECK_RC(fsctl_trim_get(&t, 1, &off, &len), -EINVAL);
	CHECK_RC(fsctl_parse_trim(b, 39, &t), -EINVAL);
	CHECK_RC(fsctl_parse_trim(b, 7, &t), -EINVAL);

	memset(b, 0, sizeof(b));
	put_unaligned_le64(1, b);
	put_unaligned_le64(2, b + 8);
	put_unaligned_le64(4096, b + 16);
	put_unaligned_le64(8192, b + 24);
	put_unaligned_le64(4096, b + 32);
	CHECK_RC(fsctl_parse_dup_extents(b, 40, &d), 0);
	CHECK(d.pfid == 1 && d.vfid == 2 && d.src == 4096 && d.dst == 8192 &&
	      d.len == 4096);
	CHECK_RC(fsctl_parse_dup_extents(b, 39, &d), -EINVAL);
	put_unaligned_le64(1ULL << 63, b + 32);
	CHECK_RC(fsctl_parse_dup_extents(b, 40, &d), -EINVAL);
}

static void test_small(void)
{
	u8 b[4] = { 0, 0, 0, 0 };
	u16 fmt = 7;

	CHECK(fsctl_parse_set_sparse(b, 0));	/* no buffer: set */
	CHECK(!fsctl_parse_set_sparse(b, 1));
	b[0] = 0xff;
	CHECK(fsctl_parse_set_sparse(b, 4));
	CHECK_RC(fsctl_parse_compression(b, 1, &fmt), -EINVAL);
	b[0] = 1;
	b[1] = 0;
	CHECK_RC(fsctl_parse_compression(b, 2, &fmt), 0);
	CHECK(fmt == COMPRESSION_FORMAT_DEFAULT);
}

int main(void)
{
	test_copychunk();
	test_ranges();
	test_trim_dup();
	test_small();
	return t_done("test_fsctl");
}
