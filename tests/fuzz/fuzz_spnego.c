// SPDX-License-Identifier: GPL-2.0-or-later
/* Fuzz SPNEGO parsing and re-encoding of what was found. */
#include "spnego.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

static bool inside(const u8 *p, size_t n, const u8 *data, size_t size)
{
	return !p || (p >= data && p + n <= data + size);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	static u8 out[70000];
	struct spnego_token t, t2;
	const u8 *tok;
	size_t tl, len;
	bool first;

	spnego_get_mech_token(data, size, &tok, &tl, &first);
	if (spnego_parse(data, size, &t))
		return 0;
	if (!inside(t.token, t.token_len, data, size) ||
	    !inside(t.mech_types, t.mech_types_len, data, size) ||
	    !inside(t.mech_list_mic, t.mech_list_mic_len, data, size))
		__builtin_trap();
	if (t.mech_list_mic_len > 0xffff)
		return 0;
	if (spnego_build_resp_mic(out, sizeof(out), SPNEGO_ACCEPT_INCOMPLETE,
				  true, t.token, t.token_len, t.mech_list_mic,
				  t.mech_list_mic_len, &len))
		return 0;
	/* what we encode, we decode to the same fields */
	if (spnego_parse(out, len, &t2) || t2.token_len != t.token_len ||
	    (t.token_len && memcmp(t.token, t2.token, t.token_len)) ||
	    t2.mech_list_mic_len != t.mech_list_mic_len ||
	    (t.mech_list_mic_len &&
	     memcmp(t.mech_list_mic, t2.mech_list_mic, t.mech_list_mic_len)))
		__builtin_trap();
	return 0;
}
