// SPDX-License-Identifier: GPL-2.0-or-later
/* Fuzz the SMB1 NEGOTIATE dialect-string walk. */
#include "negotiate.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	bool a, w;

	smb1_parse_negotiate(data, size, &a, &w);
	return 0;
}
