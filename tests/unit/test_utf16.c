// SPDX-License-Identifier: GPL-2.0-or-later
/* UTF-16LE <-> UTF-8 conversion and the NTOWFv2 upper-casing. */
#include "tcommon.h"
#include "utf16.h"

int main(void)
{
	char out[32];
	u8 u[32];
	size_t i;

	/* "aé€😀" */
	static const u8 s16[] = { 'a', 0, 0xe9, 0, 0xac, 0x20,
				  0x3d, 0xd8, 0x00, 0xde };
	static const char s8[] = "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80";

	CHECK_RC(utf16le_to_utf8(s16, sizeof(s16), out, sizeof(out)), 10);
	CHECK(!strcmp(out, s8));
	CHECK_RC(utf8_to_utf16le(s8, 10, u, sizeof(u)), 10);
	CHECK(!memcmp(u, s16, 10));
	/* exact room, one too little (the NUL needs a byte) */
	CHECK_RC(utf16le_to_utf8(s16, sizeof(s16), out, 11), 10);
	for (i = 0; i < 11; i++)
		CHECK_RC(utf16le_to_utf8(s16, sizeof(s16), out, i), -ENOSPC);
	for (i = 0; i < 10; i++)
		CHECK_RC(utf8_to_utf16le(s8, 10, u, i), -ENOSPC);
	CHECK_RC(utf16le_to_utf8(s16, 0, out, 1), 0);
	CHECK(out[0] == 0);
	CHECK_RC(utf16le_to_utf8(s16, 0, out, 0), -ENOSPC);

	/* malformed UTF-16 */
	CHECK_RC(utf16le_to_utf8(s16, 3, out, sizeof(out)), -EINVAL);
	CHECK_RC(utf16le_to_utf8(s16, 8, out, sizeof(out)), -EINVAL);
	CHECK_RC(utf16le_to_utf8(s16 + 8, 2, out, sizeof(out)), -EINVAL);
	CHECK_RC(utf16le_to_utf8((const u8 *)"\x3d\xd8\x41\x00", 4, out,
				 sizeof(out)), -EINVAL);
	CHECK_RC(utf16le_to_utf8((const u8 *)"a\0\0\0", 4, out, sizeof(out)),
		 -EINVAL);
	/* malformed UTF-8 */
	CHECK_RC(utf8_to_utf16le("\xc0\xaf", 2, u, sizeof(u)), -EINVAL);
	CHECK_RC(utf8_to_utf16le("\xe0\x80\xaf", 3, u, sizeof(u)), -EINVAL);
	CHECK_RC(utf8_to_utf16le("\xed\xa0\x80", 3, u, sizeof(u)), -EINVAL);
	CHECK_RC(utf8_to_utf16le("\xf4\x90\x80\x80", 4, u, sizeof(u)),
		 -EINVAL);
	CHECK_RC(utf8_to_utf16le("\xe2\x82", 2, u, sizeof(u)), -EINVAL);
	CHECK_RC(utf8_to_utf16le("\x80", 1, u, sizeof(u)), -EINVAL);
	CHECK_RC(utf8_to_utf16le("\xff", 1, u, sizeof(u)), -EINVAL);
	CHECK_RC(utf8_to_utf16le("a\0b", 3, u, sizeof(u)), -EINVAL);

	CHECK(utf16_toupper('a') == 'A' && utf16_toupper('Z') == 'Z');
	CHECK(utf16_toupper(0xe9) == 0xc9 && utf16_toupper(0xf7) == 0xf7);
	CHECK(utf16_toupper(0xff) == 0x178 && utf16_toupper(0x101) == 0x100);
	CHECK(utf16_toupper(0x17e) == 0x17d && utf16_toupper(0x3b1) == 0x391);
	CHECK(utf16_toupper(0x430) == 0x410 && utf16_toupper(0x451) == 0x401);
	CHECK(utf16_toupper(0x4e2d) == 0x4e2d && utf16_toupper('1') == '1');
	return t_done("test_utf16");
}
