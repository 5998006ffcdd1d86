// SPDX-License-Identifier: GPL-2.0-or-later
/* Fuzz NEGOTIATE request parsing (with and without prior validation). */
#include "negotiate.h"
#include "smb2_validate.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct smb2_negotiate_info ni;
	u8 out[256], salt[32];
	size_t len;
	u16 cnt;

	if (!smb2_parse_negotiate(data, size, &ni)) {
		struct smb2_neg_ctx_out o = {
			.preauth_alg = 1, .salt = salt,
			.cipher_ctx = ni.has_encryption_ctx,
			.cipher = ni.cipher_count ? ni.ciphers[0] : 0,
			.signing_ctx = ni.has_signing_ctx,
			.signing_alg = ni.signing_count ?
				       ni.signing_algs[0] : 1,
		};

		if (ni.count > SMB2_MAX_DIALECTS ||
		    ni.cipher_count > SMB2_MAX_CIPHERS ||
		    ni.signing_count > SMB2_MAX_SIGNING_ALGS)
			__builtin_trap();
		memset(salt, ni.count, sizeof(salt));
		if (smb2_build_negotiate_contexts(out, size < 256 ? size : 256,
						  &o, &len, &cnt) == 0 &&
		    len > 256)
			__builtin_trap();
	}
	if (size >= 64 && !smb2_validate_req(data, size))
		smb2_parse_negotiate(data, size, &ni);
	return 0;
}
