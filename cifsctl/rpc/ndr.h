/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * NDR 2.0 (C706 chapter 14) marshalling for the DCE/RPC services.
 *
 * Pull: every read is bounds-checked against the stub; integers are read
 * in the byte order of the sender's data representation (little- or
 * big-endian), never through struct overlays.  Errors are sticky: after
 * the first failure every pull returns zero/NULL and ndr_pull_ok() is
 * false, so a decoder checks once at the end.
 *
 * Push: responses are always built little-endian (drep 0x10) into a
 * growing buffer.  Alignment is relative to the start of the stub.
 */
#ifndef CIFSCTL_NDR_H
#define CIFSCTL_NDR_H

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define NDR_STRING_MAX	1024	/* characters accepted in an input string */
#define SID_SUBAUTH_MAX	15

struct ndr_pull {
	const uint8_t *buf;
	size_t len;
	size_t off;
	bool be;	/* big-endian integers (drep[0] & 0x10 == 0) */
	bool err;
};

struct ndr_push {
	GByteArray *b;
	uint32_t next_ref;	/* referent ids handed out for pointers */
};

struct dom_sid {
	uint8_t rev;
	uint8_t num;
	uint8_t auth[6];
	uint32_t sub[SID_SUBAUTH_MAX];
};

#define POLICY_HANDLE_LEN 20

void ndr_pull_init(struct ndr_pull *p, const uint8_t *buf, size_t len,
		   bool be);
static inline bool ndr_pull_ok(const struct ndr_pull *p)
{
	return !p->err;
}
void ndr_pull_align(struct ndr_pull *p, size_t n);
uint8_t ndr_pull_u8(struct ndr_pull *p);
uint16_t ndr_pull_u16(struct ndr_pull *p);
uint32_t ndr_pull_u32(struct ndr_pull *p);
void ndr_pull_bytes(struct ndr_pull *p, uint8_t *dst, size_t n);
/* A unique/full pointer's referent id (0 = NULL). */
uint32_t ndr_pull_ptr(struct ndr_pull *p);
/*
 * A [string] wchar_t* body (conformant varying, C706 14.3.4): returns a
 * g_malloc'd UTF-8 copy up to the first NUL; NULL on error (bad counts,
 * unpaired surrogate).
 */
char *ndr_pull_string(struct ndr_pull *p);
/* A [unique, string] wchar_t*: pointer and body; *present says non-NULL. */
char *ndr_pull_unique_string(struct ndr_pull *p, bool *present);
/* An RPC_SID body (conformant structure). */
bool ndr_pull_sid(struct ndr_pull *p, struct dom_sid *sid);
void ndr_pull_handle(struct ndr_pull *p, uint8_t h[POLICY_HANDLE_LEN]);

/* RPC_UNICODE_STRING header: Length, MaximumLength (bytes), pointer. */
struct ndr_ustr {
	uint16_t len, max;
	uint32_t ref;
};
void ndr_pull_ustr_hdr(struct ndr_pull *p, struct ndr_ustr *u);
/*
 * Its deferred buffer (nothing when ref is 0): a g_malloc'd UTF-8 copy;
 * "" for a NULL pointer or content that is not a name (embedded NUL,
 * unpaired surrogate); NULL and a sticky error for a malformed buffer.
 */
char *ndr_pull_ustr_body(struct ndr_pull *p, const struct ndr_ustr *u);

void ndr_push_init(struct ndr_push *p);
/* Give the buffer to the caller (g_byte_array_unref it). */
GByteArray *ndr_push_steal(struct ndr_push *p);
void ndr_push_free(struct ndr_push *p);
void ndr_push_align(struct ndr_push *p, size_t n);
void ndr_push_u8(struct ndr_push *p, uint8_t v);
void ndr_push_u16(struct ndr_push *p, uint16_t v);
void ndr_push_u32(struct ndr_push *p, uint32_t v);
void ndr_push_bytes(struct ndr_push *p, const void *d, size_t n);
/* A unique pointer: a fresh referent id, or 0 for NULL. */
void ndr_push_ptr(struct ndr_push *p, bool present);
/* A [string] wchar_t* body, NUL included; NULL s pushes "". */
void ndr_push_string(struct ndr_push *p, const char *s);
/* RPC_UNICODE_STRING: the header (Length, MaximumLength, pointer) ... */
void ndr_push_ustr_hdr(struct ndr_push *p, const char *s);
/* ... and the deferred buffer (no terminator). */
void ndr_push_ustr_body(struct ndr_push *p, const char *s);
/* An RPC_SID body, conformance first. */
void ndr_push_sid(struct ndr_push *p, const struct dom_sid *sid);

/* UTF-16 code units of s (without terminator); 0 for invalid UTF-8. */
size_t ndr_utf16_units(const char *s);

#endif
