// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Reparse buffers (MS-FSCC 2.1.2), the symbolic link error response
 * (MS-SMB2 2.2.2.2.1), WSL EAs and the SMB 3.1.1 POSIX encodings.
 */
#include "tcommon.h"
#include "reparse.h"
#include "posix.h"
#include "negotiate.h"

/* UTF-16LE of an ASCII string into @u; returns bytes */
static size_t to_u16(const char *s, u8 *u)
{
	size_t n = 0;

	for (; *s; s++) {
		u[n++] = *s;
		u[n++] = 0;
	}
	return n;
}

static void test_symlink(void)
{
	struct reparse_data rd;
	u8 t[64], b[256];
	size_t tl = to_u16("..\\dir\\file", t);
	int n, i;

	n = reparse_build_symlink(b, sizeof(b), t, tl, true);
	CHECK_RC(n, 8 + 12 + 2 * tl);
	CHECK(get_unaligned_le32(b) == IO_REPARSE_TAG_SYMLINK);
	CHECK_RC(get_unaligned_le16(b + 4), n - 8);
	CHECK_RC(reparse_parse(b, n, &rd), 0);
	CHECK(rd.kind == REPARSE_KIND_SYMLINK && rd.relative);
	CHECK(rd.target_len == tl && !memcmp(rd.target, t, tl));
	CHECK(!rd.target_utf8 && !rd.posix_target);
	/* absolute */
	n = reparse_build_symlink(b, sizeof(b), t, tl, false);
	CHECK_RC(reparse_parse(b, n, &rd), 0);
	CHECK(!rd.relative);
	/* every truncation is malformed, and so is a wrong data length */
	for (i = 0; i < n; i++)
		CHECK_RC(reparse_parse(b, i, &rd), -EINVAL);
	put_unaligned_le16(n - 7, b + 4);
	CHECK_RC(reparse_parse(b, n, &rd), -EINVAL);
	put_unaligned_le16(n - 8, b + 4);
	/* substitute name outside PathBuffer; odd; empty */
	put_unaligned_le16(tl + 2, b + 8);
	CHECK_RC(reparse_parse(b, n, &rd), -EINVAL);
	put_unaligned_le16(0, b + 8);
	put_unaligned_le16(3, b + 10);
	CHECK_RC(reparse_parse(b, n, &rd), -EINVAL);
	put_unaligned_le16(0, b + 10);
	CHECK_RC(reparse_parse(b, n, &rd), -EINVAL);
	/* print name outside */
	put_unaligned_le16(tl, b + 10);
	put_unaligned_le16(0xfff0, b + 12);
	CHECK_RC(reparse_parse(b, n, &rd), -EINVAL);
	CHECK_RC(reparse_build_symlink(b, n - 1, t, tl, true), -ENOSPC);
	CHECK_RC(reparse_build_symlink(b, sizeof(b), t, 0, true), -EINVAL);
	CHECK_RC(reparse_build_symlink(b, sizeof(b), t, 3, true), -EINVAL);
}

static void test_nfs(void)
{
	static const enum reparse_kind k[] = {
		REPARSE_KIND_FIFO, REPARSE_KIND_SOCK, REPARSE_KIND_CHR,
		REPARSE_KIND_BLK };
	struct reparse_data rd;
	u8 b[64], t[32];
	size_t i, tl;
	int n;

	for (i = 0; i < ARRAY_SIZE(k); i++) {
		n = reparse_build_nfs(b, sizeof(b), k[i], 8, 1);
		CHECK_RC(n, k[i] >= REPARSE_KIND_CHR ? 24 : 16);
		CHECK_RC(reparse_parse(b, n, &rd), 0);
		CHECK(rd.tag == IO_REPARSE_TAG_NFS && rd.kind == k[i]);
		CHECK(rd.has_dev == (k[i] >= REPARSE_KIND_CHR));
		if (rd.has_dev)
			CHECK(rd.major == 8 && rd.minor == 1);
		CHECK_RC(reparse_build_nfs(b, n - 1, k[i], 8, 1), -ENOSPC);
	}
	CHECK_RC(reparse_build_nfs(b, sizeof(b), REPARSE_KIND_SYMLINK, 0, 0),
		 -EINVAL);
	/* a device with 4 bytes of numbers, a FIFO with data */
	n = reparse_build_nfs(b, sizeof(b), REPARSE_KIND_CHR, 1, 2);
	put_unaligned_le16(12, b + 4);
	CHECK_RC(reparse_parse(b, n - 4, &rd), -EINVAL);
	n = reparse_build_nfs(b, sizeof(b), REPARSE_KIND_FIFO, 0, 0);
	put_unaligned_le16(12, b + 4);
	CHECK_RC(reparse_parse(b, n + 4, &rd), -EINVAL);
	/* an NFS symlink: a POSIX target */
	tl = to_u16("/usr/lib", t);
	put_unaligned_le32(IO_REPARSE_TAG_NFS, b);
	put_unaligned_le16(8 + tl, b + 4);
	put_unaligned_le16(0, b + 6);
	put_unaligned_le64(NFS_SPECFILE_LNK, b + 8);
	memcpy(b + 16, t, tl);
	CHECK_RC(reparse_parse(b, 16 + tl, &rd), 0);
	CHECK(rd.kind == REPARSE_KIND_SYMLINK && rd.posix_target);
	CHECK(rd.target_len == tl && !memcmp(rd.target, t, tl));
	put_unaligned_le16(8 + tl - 1, b + 4);
	CHECK_RC(reparse_parse(b, 16 + tl - 1, &rd), -EINVAL);
	/* unknown NFS type, unknown tag */
	put_unaligned_le16(8, b + 4);
	put_unaligned_le64(0x1234, b + 8);
	CHECK_RC(reparse_parse(b, 16, &rd), -EOPNOTSUPP);
	put_unaligned_le32(0x9000001A, b);
	CHECK_RC(reparse_parse(b, 16, &rd), -EOPNOTSUPP);
}

static void test_lx(void)
{
	struct reparse_data rd;
	u8 b[64];

	put_unaligned_le32(IO_REPARSE_TAG_LX_FIFO, b);
	put_unaligned_le32(0, b + 4);
	CHECK_RC(reparse_parse(b, 8, &rd), 0);
	CHECK(rd.kind == REPARSE_KIND_FIFO && !rd.has_dev);
	put_unaligned_le32(IO_REPARSE_TAG_LX_CHR, b);
	CHECK_RC(reparse_parse(b, 8, &rd), 0);
	CHECK(rd.kind == REPARSE_KIND_CHR && !rd.has_dev);
	put_unaligned_le32(IO_REPARSE_TAG_AF_UNIX, b);
	CHECK_RC(reparse_parse(b, 8, &rd), 0);
	CHECK(rd.kind == REPARSE_KIND_SOCK);
	put_unaligned_le16(1, b + 4);
	CHECK_RC(reparse_parse(b, 9, &rd), -EINVAL);
	/* LX symlink: version 2 and a UTF-8 target */
	put_unaligned_le32(IO_REPARSE_TAG_LX_SYMLINK, b);
	put_unaligned_le16(4 + 3, b + 4);
	put_unaligned_le32(2, b + 8);
	memcpy(b + 12, "a/b", 3);
	CHECK_RC(reparse_parse(b, 15, &rd), 0);
	CHECK(rd.kind == REPARSE_KIND_SYMLINK && rd.target_utf8);
	CHECK(rd.target_len == 3 && !memcmp(rd.target, "a/b", 3));
	put_unaligned_le32(1, b + 8);
	CHECK_RC(reparse_parse(b, 15, &rd), -EINVAL);
	put_unaligned_le32(2, b + 8);
	put_unaligned_le16(4, b + 4);
	CHECK_RC(reparse_parse(b, 12, &rd), -EINVAL);
	CHECK(reparse_buf_tag(b, 3) == 0);
	CHECK(reparse_buf_tag(b, 4) == IO_REPARSE_TAG_LX_SYMLINK);
}

static void test_symlink_error(void)
{
	u8 t[64], b[512];
	size_t tl = to_u16("target", t);
	int n;

	/* 2.x: the Symbolic Link Error Response itself */
	n = smb2_build_symlink_error(b, sizeof(b), t, tl, 10, true, false);
	CHECK_RC(n, 28 + 2 * tl);
	CHECK_RC(get_unaligned_le32(b), n - 4);
	CHECK(get_unaligned_le32(b + 4) == SYMLINK_ERROR_TAG);
	CHECK(get_unaligned_le32(b + 8) == IO_REPARSE_TAG_SYMLINK);
	CHECK_RC(get_unaligned_le16(b + 12), n - 16);
	CHECK_RC(get_unaligned_le16(b + 14), 10);
	CHECK_RC(get_unaligned_le16(b + 16), 0);
	CHECK_RC(get_unaligned_le16(b + 18), tl);
	CHECK_RC(get_unaligned_le16(b + 20), tl);
	CHECK_RC(get_unaligned_le16(b + 22), tl);
	CHECK_RC(get_unaligned_le32(b + 24), SYMLINK_FLAG_RELATIVE);
	CHECK(!memcmp(b + 28, t, tl) && !memcmp(b + 28 + tl, t, tl));
	/* 3.1.1: in one error context, padded to 8 */
	n = smb2_build_symlink_error(b, sizeof(b), t, tl, 0, false, true);
	CHECK_RC(n, ALIGN(8 + 28 + 2 * tl, 8));
	CHECK_RC(get_unaligned_le32(b), 28 + 2 * tl);
	CHECK_RC(get_unaligned_le32(b + 4), 0);
	CHECK_RC(get_unaligned_le32(b + 8 + 24), 0);
	/* no room for the print name: substitute only */
	n = smb2_build_symlink_error(b, 28 + tl, t, tl, 0, true, false);
	CHECK_RC(n, 28 + tl);
	CHECK_RC(get_unaligned_le16(b + 22), 0);
	CHECK_RC(smb2_build_symlink_error(b, 27 + tl, t, tl, 0, true, false),
		 -ENOSPC);
	CHECK_RC(smb2_build_symlink_error(b, sizeof(b), t, 0, 0, true, false),
		 -EINVAL);
}

/* One FILE_FULL_EA_INFORMATION entry at @p; returns its padded size */
static size_t ea(u8 *p, const char *name, const void *v, u16 vlen, bool last)
{
	size_t nl = strlen(name), size = ALIGN(8 + nl + 1 + vlen, 4);

	memset(p, 0, size);
	put_unaligned_le32(last ? 0 : size, p);
	p[5] = nl;
	put_unaligned_le16(vlen, p + 6);
	memcpy(p + 8, name, nl + 1);
	memcpy(p + 9 + nl, v, vlen);
	return size;
}

static void test_wsl_eas(void)
{
	struct wsl_eas w;
	u8 b[256], v4[4], v8[8];
	size_t n = 0;

	put_unaligned_le32(020644, v4);
	put_unaligned_le32(4, v8);
	put_unaligned_le32(64, v8 + 4);
	n += ea(b + n, "user.other", "x", 1, false);
	n += ea(b + n, "$LXMOD", v4, 4, false);
	n += ea(b + n, "$LXDEV", v8, 8, true);
	CHECK_RC(wsl_parse_eas(b, n, &w), 0);
	CHECK(w.has_mode && w.mode == 020644);
	CHECK(w.has_dev && w.major == 4 && w.minor == 64);
	CHECK(!w.has_uid && !w.has_gid);
	/* truncated: the last entry no longer holds its value */
	CHECK_RC(wsl_parse_eas(b, n - 4, &w), -EINVAL);
	CHECK_RC(wsl_parse_eas(b, 7, &w), -EINVAL);
	/* wrong value size, unaligned next, name without NUL */
	n = ea(b, "$LXUID", v8, 8, true);
	CHECK_RC(wsl_parse_eas(b, n, &w), -EINVAL);
	n = ea(b, "$LXUID", v4, 4, true);
	CHECK_RC(wsl_parse_eas(b, n, &w), 0);
	CHECK(w.has_uid && w.uid == 020644);
	put_unaligned_le32(6, b);
	CHECK_RC(wsl_parse_eas(b, n, &w), -EINVAL);
	put_unaligned_le32(0, b);
	b[8 + 6] = 'x';
	CHECK_RC(wsl_parse_eas(b, n, &w), -EINVAL);
}

static void test_posix(void)
{
	struct posix_attrs a = {
		.ctime_nt = 1, .atime_nt = 2, .mtime_nt = 3, .chtime_nt = 4,
		.size = 5, .alloc = 4096, .attributes = 0x20, .ino = 77,
		.dev = 0, .nlink = 2, .reparse_tag = 0, .mode = 0100755,
		.uid = 1000, .gid = 100,
	};
	u8 b[256], d[4], name[8];
	u32 mode;
	size_t nl = to_u16("ab", name);
	int n;

	CHECK(posix_mode_to_wire(0100644) == 0644);
	CHECK(posix_mode_to_wire(040755) == (1 << 12 | 0755));
	CHECK(posix_mode_to_wire(0120777) == (2 << 12 | 0777));
	CHECK(posix_mode_to_wire(020600) == (3 << 12 | 0600));
	CHECK(posix_mode_to_wire(060600) == (4 << 12 | 0600));
	CHECK(posix_mode_to_wire(010644) == (5 << 12 | 0644));
	CHECK(posix_mode_to_wire(0140755) == (6 << 12 | 0755));
	CHECK(posix_mode_to_wire(0104755) == 04755);
	put_unaligned_le32(0640, d);
	CHECK_RC(posix_parse_create_ctx(d, 4, &mode), 0);
	CHECK(mode == 0640);
	put_unaligned_le32(0xffff, d);
	CHECK_RC(posix_parse_create_ctx(d, 4, &mode), 0);
	CHECK(mode == 0xFFFFFFFFu);
	CHECK_RC(posix_parse_create_ctx(d, 3, &mode), -EINVAL);

	n = posix_build_info(b, sizeof(b), &a);
	CHECK_RC(n, 68 + POSIX_CC_RSP_SIZE);
	CHECK(get_unaligned_le64(b + 32) == 5 && get_unaligned_le64(b + 40) ==
	      4096);
	CHECK(get_unaligned_le64(b + 52) == 77);
	CHECK(get_unaligned_le32(b + 68) == 2 && get_unaligned_le32(b + 76) ==
	      0755);
	/* owner S-1-22-1-1000, group S-1-22-2-100 */
	CHECK(b[80] == 1 && b[81] == 2 && b[87] == 22);
	CHECK(get_unaligned_le32(b + 88) == 1 &&
	      get_unaligned_le32(b + 92) == 1000);
	CHECK(get_unaligned_le32(b + 104) == 2 &&
	      get_unaligned_le32(b + 108) == 100);
	CHECK_RC(posix_build_info(b, n - 1, &a), -ENOSPC);
	n = posix_build_dirent(b, sizeof(b), &a, name, nl);
	CHECK_RC(n, 8 + 68 + POSIX_CC_RSP_SIZE + 4 + nl);
	CHECK(get_unaligned_le32(b + n - nl - 4) == nl);
	CHECK(!memcmp(b + n - nl, name, nl));
	CHECK_RC(posix_build_dirent(b, n - 1, &a, name, nl), -ENOSPC);
	CHECK_RC(posix_build_dirent(b, sizeof(b), &a, name, 0), -ENOSPC);
	CHECK_RC(posix_build_cc_rsp(b, POSIX_CC_RSP_SIZE, &a),
		 POSIX_CC_RSP_SIZE);
	CHECK_RC(posix_build_cc_rsp(b, POSIX_CC_RSP_SIZE - 1, &a), -ENOSPC);
}

/* A security descriptor as the cifs client sends it on a POSIX mount */
static size_t posix_sd(u8 *b, u32 uid, u32 gid, u32 mode)
{
	memset(b, 0, 128);
	b[0] = 1;
	put_unaligned_le16(0x8004, b + 2);
	put_unaligned_le32(20, b + 4);		/* owner */
	put_unaligned_le32(36, b + 8);		/* group */
	put_unaligned_le32(52, b + 16);		/* dacl */
	b[20] = 1, b[21] = 2, b[27] = 22;
	put_unaligned_le32(1, b + 28);
	put_unaligned_le32(uid, b + 32);
	b[36] = 1, b[37] = 2, b[43] = 22;
	put_unaligned_le32(2, b + 44);
	put_unaligned_le32(gid, b + 48);
	b[52] = 2;				/* ACL: 8 + one ACE of 28 */
	put_unaligned_le16(36, b + 54);
	put_unaligned_le16(1, b + 56);
	b[60] = 0;				/* ACCESS_ALLOWED */
	put_unaligned_le16(28, b + 62);
	b[68] = 1, b[69] = 3, b[75] = 5;	/* S-1-5-88-3-mode */
	put_unaligned_le32(88, b + 76);
	put_unaligned_le32(3, b + 80);
	put_unaligned_le32(mode, b + 84);
	return 88;
}

static void test_posix_sd(void)
{
	struct posix_sd sd;
	u8 b[128];
	size_t n = posix_sd(b, 1000, 100, 04755), i;

	CHECK_RC(posix_parse_sd(b, n, 7, &sd), 0);
	CHECK(sd.has_uid && sd.uid == 1000 && sd.has_gid && sd.gid == 100);
	CHECK(sd.has_mode && sd.mode == 04755);
	CHECK_RC(posix_parse_sd(b, n, SECINFO_DACL_BIT, &sd), 0);
	CHECK(!sd.has_uid && !sd.has_gid && sd.has_mode);
	for (i = 0; i < n; i++)
		CHECK(posix_parse_sd(b, i, 7, &sd) < 0);
	/* an owner that is not a Unix user */
	b[27] = 5;
	CHECK_RC(posix_parse_sd(b, n, SECINFO_OWNER_BIT, &sd), -EOPNOTSUPP);
	b[27] = 22;
	/* the group as S-1-5-88-2-gid (in place of the ACE's SID) */
	put_unaligned_le32(68, b + 8);
	put_unaligned_le32(2, b + 80);
	CHECK_RC(posix_parse_sd(b, n, SECINFO_GROUP_BIT, &sd), 0);
	CHECK(sd.has_gid && sd.gid == 04755);
	put_unaligned_le32(36, b + 8);
	put_unaligned_le32(3, b + 80);
	/* an ACE larger than its ACL, too many sub-authorities */
	put_unaligned_le16(40, b + 62);
	CHECK_RC(posix_parse_sd(b, n, SECINFO_DACL_BIT, &sd), -EINVAL);
	put_unaligned_le16(28, b + 62);
	b[69] = 16;
	CHECK_RC(posix_parse_sd(b, n, SECINFO_DACL_BIT, &sd), -EINVAL);
}

static void test_neg_ctx(void)
{
	u8 buf[256], salt[32] = { 0 };
	struct smb2_neg_ctx_out o = {
		.preauth_alg = 1, .salt = salt,
		.signing_ctx = true, .signing_alg = 1,
	};
	size_t len;
	u16 cnt;

	CHECK_RC(smb2_build_negotiate_contexts(buf, sizeof(buf), &o, &len,
					       &cnt), 0);
	CHECK_RC(smb2_append_posix_context(buf, sizeof(buf), &len, &cnt), 0);
	CHECK(cnt == 3 && len == 48 + 16 + 24);
	CHECK(get_unaligned_le16(buf + 64) == 0x100);
	CHECK(get_unaligned_le16(buf + 66) == 16);
	CHECK(!memcmp(buf + 72, smb2_posix_guid, 16));
	len = 48;
	CHECK_RC(smb2_append_posix_context(buf, 48 + 23, &len, &cnt), -ENOSPC);
}

int main(void)
{
	test_symlink();
	test_nfs();
	test_lx();
	test_symlink_error();
	test_wsl_eas();
	test_posix();
	test_posix_sd();
	test_neg_ctx();
	return t_done("test_reparse");
}
