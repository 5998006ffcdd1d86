// SPDX-License-Identifier: GPL-2.0-or-later
/* Stream names (MS-FSCC 2.1.5.3): what follows the first ':' of a name. */
#include "tcommon.h"
#include "streamname.h"

static int parse(const char *s, struct stream_name *sn)
{
	return stream_name_parse(s, strlen(s), sn);
}

int main(void)
{
	struct stream_name sn;
	char big[STREAM_NAME_MAX + 2];

	CHECK_RC(parse("Stream One", &sn), 0);
	CHECK(sn.kind == STREAM_NAMED && sn.len == 10 &&
	      !memcmp(sn.name, "Stream One", 10));
	CHECK_RC(parse("Stream One:$DaTa", &sn), 0);
	CHECK(sn.kind == STREAM_NAMED && sn.len == 10);
	CHECK_RC(parse(":$DATA", &sn), 0);
	CHECK(sn.kind == STREAM_DEFAULT && sn.len == 0);
	CHECK_RC(parse(":$data", &sn), 0);
	/* wildcards and control characters are stream name characters */
	CHECK_RC(parse("?Stream*:$DATA", &sn), 0);
	CHECK(sn.len == 8);
	CHECK_RC(parse("\x05Stream\n One", &sn), 0);
	/* refused */
	CHECK_RC(parse("", &sn), STREAM_ERR_INVALID);
	CHECK_RC(parse("s:", &sn), STREAM_ERR_INVALID);
	CHECK_RC(parse(":", &sn), STREAM_ERR_INVALID);
	CHECK_RC(parse("s:$FOO", &sn), STREAM_ERR_INVALID);
	CHECK_RC(parse("s:?D*a", &sn), STREAM_ERR_INVALID);
	CHECK_RC(parse("s:$DATA:", &sn), STREAM_ERR_INVALID);
	CHECK_RC(parse("s:$DATAX", &sn), STREAM_ERR_INVALID);
	CHECK_RC(parse("a\\b", &sn), STREAM_ERR_INVALID);
	CHECK_RC(parse("a/b:$DATA", &sn), STREAM_ERR_INVALID);
	CHECK_RC(parse(":$INDEX_ALLOCATION", &sn), STREAM_ERR_INVALID);
	CHECK_RC(stream_name_parse("a\0b", 3, &sn), STREAM_ERR_INVALID);
	CHECK_RC(stream_name_parse(NULL, 0, &sn), STREAM_ERR_INVALID);
	/* length limit */
	memset(big, 'x', sizeof(big));
	CHECK_RC(stream_name_parse(big, STREAM_NAME_MAX, &sn), 0);
	CHECK_RC(stream_name_parse(big, STREAM_NAME_MAX + 1, &sn),
		 STREAM_ERR_INVALID);
	/* only the given length is read */
	CHECK_RC(stream_name_parse("abc:junk", 3, &sn), 0);
	CHECK(sn.len == 3);
	printf("%d checks, %d failed\n", t_count, t_fail);
	return t_fail != 0;
}
