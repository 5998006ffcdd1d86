/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * UTF-16LE <-> UTF-8 conversion for names received from or sent to
 * clients (user, domain, workstation, share and path names).
 */
#ifndef CIFSD_UTF16_H
#define CIFSD_UTF16_H

#include "wire.h"

/*
 * Convert @in_bytes bytes of UTF-16LE to NUL-terminated UTF-8 in @out.
 * Returns the UTF-8 length without the NUL, -EINVAL for an odd byte
 * count, an unpaired surrogate or an embedded NUL, -ENOSPC when @room
 * cannot hold the result and its terminator.
 */
int utf16le_to_utf8(const u8 *in, size_t in_bytes, char *out, size_t room);

/*
 * Convert @in_len bytes of UTF-8 (no terminator needed) to UTF-16LE in
 * @out (not terminated).  Returns the number of bytes written, -EINVAL for
 * malformed UTF-8 (overlong forms, surrogates, values above U+10FFFF,
 * truncated sequences, NUL), -ENOSPC when @room is too small.
 */
int utf8_to_utf16le(const char *in, size_t in_len, u8 *out, size_t room);

/*
 * Upper-case one UTF-16 code unit as NTOWFv2 needs it (MS-NLMP 3.3.2):
 * covers ASCII, Latin-1, Latin Extended-A, basic Greek and Cyrillic.
 * Other code units are returned unchanged.
 */
u16 utf16_toupper(u16 c);

#endif /* CIFSD_UTF16_H */
