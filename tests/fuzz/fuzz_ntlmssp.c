// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz NTLMSSP NEGOTIATE/AUTHENTICATE parsing and everything the server
 * then does with an AUTHENTICATE: name conversion, NTLMv2 verification,
 * key exchange and MIC check.
 */
#include "ntlmssp.h"
#include "utf16.h"

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	static const u8 hash[16] = { 0xa4, 0xf4, 0x9c, 0x40 };
	static const u8 chal[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	struct ntlmssp_auth a;
	char name[1024];
	u8 base[16], key[16];
	u32 flags;

	ntlmssp_parse_negotiate(data, size, &flags);
	if (ntlmssp_parse_authenticate(data, size, &a))
		return 0;
	if (a.user)
		utf16le_to_utf8(a.user, a.user_len, name, sizeof(name));
	if (a.domain)
		utf16le_to_utf8(a.domain, a.domain_len, name, sizeof(name));
	if (a.workstation)
		utf16le_to_utf8(a.workstation, a.workstation_len, name,
				sizeof(name));
	if (ntlmv2_verify(hash, &a, chal, base))
		memset(base, 0x11, sizeof(base));
	if (ntlmssp_exported_key(base, &a, key))
		return 0;
	if (a.mic_present)
		ntlmssp_verify_mic(key, chal, 8, chal, 8, data, size);
	if (a.lm_resp)
		ntlmssp_gss_verify_mic(key, a.flags, false, 0, data, size,
				       a.lm_resp, a.lm_resp_len);
	return 0;
}
