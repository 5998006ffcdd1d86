// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz the reparse buffer parser (FSCTL_SET_REPARSE_POINT input) and the
 * WSL EA list walk, and round-trip what parses through the builders.
 */
#include "reparse.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct reparse_data rd;
	struct wsl_eas w;
	static u8 out[REPARSE_MAX_SIZE * 3];

	if (!reparse_parse(data, size, &rd)) {
		if (rd.kind == REPARSE_KIND_SYMLINK) {
			/* the target lies inside the input */
			if (rd.target < data ||
			    rd.target + rd.target_len > data + size ||
			    !rd.target_len)
				__builtin_trap();
			if (!rd.target_utf8) {
				int n = reparse_build_symlink(out, sizeof(out),
							      rd.target,
							      rd.target_len,
							      rd.relative);
				struct reparse_data back;

				if (n > 0 && (reparse_parse(out, n, &back) ||
					      back.target_len !=
					      rd.target_len))
					__builtin_trap();
				smb2_build_symlink_error(out, size, rd.target,
							 rd.target_len, 0,
							 rd.relative,
							 size & 1);
			}
		} else if (reparse_build_nfs(out, sizeof(out), rd.kind,
					     rd.major, rd.minor) < 0) {
			__builtin_trap();
		}
	}
	wsl_parse_eas(data, size, &w);
	return 0;
}
