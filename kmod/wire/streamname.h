/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Stream names (MS-FSCC 2.1.5.3, MS-FSA 2.1.5.1): the part of a file name
 * after the first ':' of its last component, "name", "name:type" or
 * ":type", in UTF-8.  The only type this server knows is $DATA (any
 * case); "::$DATA" is the unnamed (default) data stream, the file itself.
 */
#ifndef CIFSD_STREAMNAME_H
#define CIFSD_STREAMNAME_H

#include "wire.h"

/*
 * Longest stream name in UTF-8 bytes: it must fit in an xattr name
 * (255 bytes) after "user.cifsd.stream." and a chunk suffix ":NNNNN".
 */
#define STREAM_NAME_MAX		228

enum stream_kind {
	STREAM_DEFAULT,		/* "::$DATA": the unnamed data stream */
	STREAM_NAMED,		/* "name" or "name:$DATA" */
};

struct stream_name {
	enum stream_kind kind;
	const char *name;	/* inside the parsed string, not terminated */
	size_t len;		/* bytes of @name, 0 for STREAM_DEFAULT */
};

/* Why stream_name_parse() refused a name. */
#define STREAM_ERR_INVALID	(-1)	/* STATUS_OBJECT_NAME_INVALID */

/*
 * Parse @len bytes at @s (what follows the first ':'; no NUL needed).
 * Returns 0 and fills @out, or STREAM_ERR_INVALID: an empty spec ("f:"),
 * an empty type ("f:s:"), a type other than $DATA, a name with '\\', '/',
 * ':' or NUL, "f:name" too long, or an empty name with no type.
 */
int stream_name_parse(const char *s, size_t len, struct stream_name *out);

#endif /* CIFSD_STREAMNAME_H */
