// SPDX-License-Identifier: GPL-2.0-or-later
/* Fuzz the stream name parser (what follows the first ':' of a name). */
#include "streamname.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct stream_name sn;
	size_t i;

	if (stream_name_parse((const char *)data, size, &sn))
		return 0;
	if (sn.len > size || sn.len > STREAM_NAME_MAX ||
	    (sn.kind == STREAM_DEFAULT) != (sn.len == 0) ||
	    sn.name != (const char *)data)
		__builtin_trap();
	for (i = 0; i < sn.len; i++)
		if (sn.name[i] == ':' || sn.name[i] == '\\' ||
		    sn.name[i] == '/' || !sn.name[i])
			__builtin_trap();
	return 0;
}
