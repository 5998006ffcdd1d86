/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Tiny test helpers shared by the unit tests. */
#ifndef CIFSD_TCOMMON_H
#define CIFSD_TCOMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "wire.h"

static int t_fail;
static int t_count;

#define CHECK(cond)							\
	do {								\
		t_count++;						\
		if (!(cond)) {						\
			t_fail++;					\
			fprintf(stderr, "%s:%d: FAIL: %s\n", __FILE__,	\
				__LINE__, #cond);			\
		}							\
	} while (0)

#define CHECK_RC(expr, want)						\
	do {								\
		long _r = (long)(expr);					\
		t_count++;						\
		if (_r != (long)(want)) {				\
			t_fail++;					\
			fprintf(stderr, "%s:%d: FAIL: %s = %ld, want %ld\n", \
				__FILE__, __LINE__, #expr, _r,		\
				(long)(want));				\
		}							\
	} while (0)

/* Parse a hex string (spaces allowed) into out; returns byte count. */
static inline size_t unhex(const char *s, u8 *out, size_t room)
{
	size_t n = 0;
	int hi = -1, v;

	for (; *s; s++) {
		if (*s == ' ' || *s == '\n')
			continue;
		v = (*s >= '0' && *s <= '9') ? *s - '0' :
		    (*s >= 'a' && *s <= 'f') ? *s - 'a' + 10 :
		    (*s >= 'A' && *s <= 'F') ? *s - 'A' + 10 : -1;
		if (v < 0) {
			fprintf(stderr, "bad hex\n");
			exit(2);
		}
		if (hi < 0) {
			hi = v;
		} else {
			if (n >= room) {
				fprintf(stderr, "hex too long\n");
				exit(2);
			}
			out[n++] = (u8)(hi << 4 | v);
			hi = -1;
		}
	}
	return n;
}

#define CHECK_HEX(buf, len, hex)					\
	do {								\
		u8 _e[512];						\
		size_t _n = unhex(hex, _e, sizeof(_e));			\
		t_count++;						\
		if (_n != (size_t)(len) || memcmp(buf, _e, _n)) {	\
			size_t _i;					\
			t_fail++;					\
			fprintf(stderr, "%s:%d: FAIL: %s != %s\n  got ", \
				__FILE__, __LINE__, #buf, hex);		\
			for (_i = 0; _i < (size_t)(len); _i++)		\
				fprintf(stderr, "%02x", (buf)[_i]);	\
			fprintf(stderr, "\n");				\
		}							\
	} while (0)

static inline int t_done(const char *name)
{
	printf("%s: %d checks, %d failed\n", name, t_count, t_fail);
	return t_fail ? 1 : 0;
}

#endif /* CIFSD_TCOMMON_H */
