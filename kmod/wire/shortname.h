/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * 8.3 short names (FileAlternateNameInformation and the ShortName of
 * FileBothDirectoryInformation).  Linux keeps none, so one is derived from
 * the long name: a name that already is a valid 8.3 name has none of its
 * own; any other gets "XXHHHH~1.EXT" (two characters of the name, four
 * hex digits of a hash of the whole name, the first three characters of
 * the extension), stable for as long as the name is.
 */
#ifndef CIFSD_SHORTNAME_H
#define CIFSD_SHORTNAME_H

#include "wire.h"

#define SHORTNAME_MAX_BYTES	24	/* 12 UTF-16 code units */

/* True when the UTF-16LE name (@bytes long) is a valid 8.3 name. */
bool shortname_is_8_3(const u8 *name, size_t bytes);

/*
 * Write the generated 8.3 name of the UTF-16LE name to @out (room for
 * SHORTNAME_MAX_BYTES).  Returns its length in bytes, or 0 when the name
 * is already 8.3 (or "." / "..") and has no separate short name.
 */
int shortname_make(const u8 *name, size_t bytes, u8 *out);

#endif /* CIFSD_SHORTNAME_H */
