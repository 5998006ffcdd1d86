// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for the metadata parsers: security descriptors, ACLs, ACEs
 * and SIDs (secdesc.c), EA lists (ealist.c) and 8.3 names (shortname.c).
 */
#include "tcommon.h"
#include "secdesc.h"
#include "ealist.h"
#include "shortname.h"
#include "smb2pdu.h"

static void test_sid(void)
{
	u8 b[SID_MAX_SIZE + 4];
	u32 sub[2] = { 1, 1000 };
	struct sid s, t;

	sid_make(&s, 22, sub, 2);
	CHECK_RC(sid_put(b, sizeof(b), &s), 16);
	CHECK_RC(sid_parse(b, 16, &t), 16);
	CHECK(sid_equal(&s, &t));
	CHECK_RC(sid_parse(b, 15, &t), -EINVAL);	/* truncated */
	b[1] = 16;					/* too many subauths */
	CHECK_RC(sid_parse(b, sizeof(b), &t), -EINVAL);
	b[1] = 2;
	b[0] = 2;					/* revision */
	CHECK_RC(sid_parse(b, 16, &t), -EINVAL);
	CHECK_RC(sid_put(b, 15, &s), -ENOSPC);
}

static int build_sd(u8 *out, size_t room, u32 allow_mask, u32 deny_mask)
{
	u8 acl[256], osid[SID_MAX_SIZE];
	u32 usub[2] = { 1, 1000 }, ev[1] = { 0 };
	struct sid owner, everyone;
	struct sd_view v = {};

	sid_make(&owner, 22, usub, 2);
	sid_make(&everyone, 1, ev, 1);
	acl_init(acl);
	if (deny_mask)
		acl_add_ace(acl, sizeof(acl), ACE_ACCESS_DENIED, 0, deny_mask,
			    &everyone);
	acl_add_ace(acl, sizeof(acl), ACE_ACCESS_ALLOWED, 0, allow_mask,
		    &everyone);
	v.control = SD_SELF_RELATIVE | SD_DACL_PRESENT;
	v.owner = osid;
	v.owner_len = sid_put(osid, sizeof(osid), &owner);
	v.dacl = acl;
	v.dacl_len = get_unaligned_le16(acl + 2);
	return sd_build(out, room, &v, SECINFO_OWNER | SECINFO_DACL);
}

static void test_sd(void)
{
	u8 sd[512], out[512];
	u32 usub[2] = { 1, 1000 }, osub[2] = { 1, 1001 }, ev[1] = { 0 };
	struct sid tok[2];
	struct sd_view v, w;
	int n, m;

	n = build_sd(sd, sizeof(sd), GENERIC_READ, FILE_READ_DATA);
	CHECK(n > SD_HDR_SIZE);
	CHECK_RC(sd_parse(sd, n, &v), 0);
	CHECK(v.owner && !v.group && v.dacl && !v.sacl);
	CHECK(get_unaligned_le16(v.dacl + 4) == 2);

	/* the deny ACE comes first: read data is refused */
	sid_make(&tok[0], 22, osub, 2);
	sid_make(&tok[1], 1, ev, 1);
	CHECK((sd_access_granted(&v, tok, 2) & FILE_READ_DATA) == 0);
	CHECK((sd_access_granted(&v, tok, 2) & FILE_READ_ATTRIBUTES) != 0);
	CHECK((sd_access_granted(&v, tok, 2) & WRITE_DAC) == 0);
	/* the owner also gets READ_CONTROL and WRITE_DAC */
	sid_make(&tok[0], 22, usub, 2);
	CHECK((sd_access_granted(&v, tok, 2) & WRITE_DAC) != 0);

	/* rebuild only the DACL */
	m = sd_build(out, sizeof(out), &v, SECINFO_DACL);
	CHECK(m > 0 && m < n);
	CHECK_RC(sd_parse(out, m, &w), 0);
	CHECK(!w.owner && w.dacl && w.dacl_len == v.dacl_len);
	CHECK_RC(sd_build(out, 10, &v, SECINFO_DACL), -ENOSPC);

	/* no DACL at all: everything is granted */
	memset(&w, 0, sizeof(w));
	CHECK((sd_access_granted(&w, tok, 2) & FILE_ALL_ACCESS) ==
	      FILE_ALL_ACCESS);

	/* damaged descriptors */
	memcpy(out, sd, n);
	put_unaligned_le32(n, out + 16);		/* DACL past the end */
	CHECK_RC(sd_parse(out, n, &w), -EINVAL);
	memcpy(out, sd, n);
	put_unaligned_le32(4, out + 4);			/* inside the header */
	CHECK_RC(sd_parse(out, n, &w), -EINVAL);
	memcpy(out, sd, n);
	out[2] = 0;
	out[3] = 0;					/* not self-relative */
	CHECK_RC(sd_parse(out, n, &w), -EINVAL);
	CHECK_RC(sd_parse(sd, 19, &w), -EINVAL);
	memcpy(out, sd, n);
	/* AclSize larger than what is left */
	put_unaligned_le16(0x400, out + get_unaligned_le32(sd + 16) + 2);
	CHECK_RC(sd_parse(out, n, &w), -EINVAL);
	memcpy(out, sd, n);
	/* AceCount larger than fits */
	put_unaligned_le16(200, out + get_unaligned_le32(sd + 16) + 4);
	CHECK_RC(sd_parse(out, n, &w), -EINVAL);
	memcpy(out, sd, n);
	/* an ACE size that is not a multiple of 4 */
	put_unaligned_le16(21, out + get_unaligned_le32(sd + 16) + 8 + 2);
	CHECK_RC(sd_parse(out, n, &w), -EINVAL);
}

static void test_ea(void)
{
	u8 buf[128], q[32];
	struct ea_entry e;
	u32 pos = 0, bad = 0;
	int n;

	n = ea_full_put(buf, sizeof(buf), "EAONE", 5, (const u8 *)"VALUE1", 6);
	CHECK_RC(n, 20);
	put_unaligned_le32(20, buf);
	CHECK_RC(ea_full_put(buf + 20, sizeof(buf) - 20, "SECONDEA", 8,
			     (const u8 *)"ValueTwo", 8), 25);
	CHECK_RC(ea_full_list_check(buf, 45, NULL), 2);
	CHECK_RC(ea_full_list_next(buf, 45, &pos, &e), 1);
	CHECK(e.name_len == 5 && !memcmp(e.name, "EAONE", 5) &&
	      e.value_len == 6);
	CHECK_RC(ea_full_list_next(buf, 45, &pos, &e), 1);
	CHECK(e.name_len == 8 && e.value_len == 8);
	CHECK_RC(ea_full_list_next(buf, 45, &pos, &e), 0);

	CHECK_RC(ea_full_list_check(buf, 44, &bad), -EINVAL);	/* truncated */
	CHECK(bad == 20);
	put_unaligned_le32(18, buf);				/* overlaps */
	CHECK_RC(ea_full_list_check(buf, 45, NULL), -EINVAL);
	put_unaligned_le32(22, buf);				/* misaligned */
	CHECK_RC(ea_full_list_check(buf, 45, NULL), -EINVAL);
	put_unaligned_le32(0, buf);
	buf[8 + 5] = 'x';					/* no NUL */
	CHECK_RC(ea_full_list_check(buf, 20, NULL), -EINVAL);
	buf[8 + 5] = 0;
	buf[8] = '*';						/* bad name */
	CHECK_RC(ea_full_list_check(buf, 20, NULL), -EILSEQ);
	CHECK_RC(ea_full_list_check(buf, 0, NULL), -EINVAL);
	CHECK(!ea_name_valid("", 0) && ea_name_valid("A.B", 3));

	/* FILE_GET_EA_INFORMATION */
	memset(q, 0, sizeof(q));
	q[4] = 5;
	memcpy(q + 5, "EAONE", 6);
	CHECK_RC(ea_get_list_check(q, 11), 1);
	CHECK_RC(ea_get_list_check(q, 10), -EINVAL);
}

static size_t u16s(const char *s, u8 *out)
{
	size_t i;

	for (i = 0; s[i]; i++)
		put_unaligned_le16((u8)s[i], out + 2 * i);
	return 2 * i;
}

static void test_shortname(void)
{
	u8 in[64], out[SHORTNAME_MAX_BYTES], out2[SHORTNAME_MAX_BYTES];
	size_t n;
	int len;

	n = u16s("README.TXT", in);
	CHECK(shortname_is_8_3(in, n));
	CHECK_RC(shortname_make(in, n, out), 0);
	n = u16s("a.b.c", in);
	CHECK(!shortname_is_8_3(in, n));
	n = u16s("torture_search.txt", in);
	len = shortname_make(in, n, out);
	CHECK_RC(len, 24);			/* TOxxxx~1.TXT */
	CHECK(get_unaligned_le16(out) == 'T' &&
	      get_unaligned_le16(out + 12) == '~' &&
	      get_unaligned_le16(out + 16) == '.' &&
	      get_unaligned_le16(out + 22) == 'T');
	CHECK_RC(shortname_make(in, n, out2), len);
	CHECK(!memcmp(out, out2, len));		/* stable */
	n = u16s("..", in);
	CHECK_RC(shortname_make(in, n, out), 0);
	n = u16s(".bashrc", in);
	CHECK_RC(shortname_make(in, n, out), 16);	/* BAxxxx~1 */
}

int main(void)
{
	test_sid();
	test_sd();
	test_ea();
	test_shortname();
	return t_done("test_meta");
}
