// SPDX-License-Identifier: GPL-2.0-only
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void err_msg(const char *fmt, ...)
{
	va_list ap;

	fputs(PROG_NAME ": ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs(PROG_NAME ": ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry '" PROG_NAME " --help'\n", stderr);
	return EXIT_USAGE;
}

static void oom(void)
{
	fputs(PROG_NAME ": out of memory\n", stderr);
	exit(EXIT_FAIL);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		oom();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		oom();
	return p;
}

char *xstrdup(const char *s)
{
	char *p = strdup(s);

	if (!p)
		oom();
	return p;
}

char *str_trim(char *s)
{
	char *end;

	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' ||
			   end[-1] == '\r' || end[-1] == '\n'))
		*--end = '\0';
	return s;
}

bool str_ieq(const char *a, const char *b)
{
	return strcasecmp(a, b) == 0;
}

void str_lower(char *s)
{
	for (; *s; s++)
		*s = (char)tolower((unsigned char)*s);
}

static const char b64chars[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

void base64_encode(const uint8_t *in, size_t n, char *out)
{
	size_t i;

	for (i = 0; i + 2 < n; i += 3) {
		uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 |
			     in[i + 2];
		*out++ = b64chars[v >> 18 & 63];
		*out++ = b64chars[v >> 12 & 63];
		*out++ = b64chars[v >> 6 & 63];
		*out++ = b64chars[v & 63];
	}
	if (i < n) {
		uint32_t v = (uint32_t)in[i] << 16;

		if (i + 1 < n)
			v |= (uint32_t)in[i + 1] << 8;
		*out++ = b64chars[v >> 18 & 63];
		*out++ = b64chars[v >> 12 & 63];
		*out++ = i + 1 < n ? b64chars[v >> 6 & 63] : '=';
		*out++ = '=';
	}
	*out = '\0';
}

static int b64val(char c)
{
	const char *p;

	if (c == '\0')
		return -1;
	p = strchr(b64chars, c);
	return p ? (int)(p - b64chars) : -1;
}

long base64_decode(const char *in, uint8_t *out, size_t outmax)
{
	size_t len = strlen(in), o = 0;

	if (len % 4)
		return -1;
	for (size_t i = 0; i < len; i += 4) {
		int v[4], pad = 0;

		for (int k = 0; k < 4; k++) {
			if (in[i + k] == '=' && i + 4 == len && k >= 2) {
				v[k] = 0;
				pad++;
				continue;
			}
			if (pad)	/* data after padding */
				return -1;
			v[k] = b64val(in[i + k]);
			if (v[k] < 0)
				return -1;
		}
		uint32_t w = (uint32_t)v[0] << 18 | (uint32_t)v[1] << 12 |
			     (uint32_t)v[2] << 6 | (uint32_t)v[3];
		for (int k = 0; k < 3 - pad; k++) {
			if (o >= outmax)
				return -1;
			out[o++] = (uint8_t)(w >> (16 - 8 * k));
		}
	}
	return (long)o;
}

/* Decode one code point; returns bytes consumed or 0 if invalid. */
static size_t utf8_next(const unsigned char *s, uint32_t *cp)
{
	size_t n;
	uint32_t c = s[0], min;

	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if ((c & 0xe0) == 0xc0) {
		n = 2; c &= 0x1f; min = 0x80;
	} else if ((c & 0xf0) == 0xe0) {
		n = 3; c &= 0x0f; min = 0x800;
	} else if ((c & 0xf8) == 0xf0) {
		n = 4; c &= 0x07; min = 0x10000;
	} else {
		return 0;
	}
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

bool utf8_valid(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t cp;

	while (*p) {
		size_t n = utf8_next(p, &cp);

		if (!n)
			return false;
		p += n;
	}
	return true;
}

uint8_t *utf8_to_utf16le(const char *s, size_t *outlen)
{
	const unsigned char *p = (const unsigned char *)s;
	uint8_t *out = xmalloc(strlen(s) * 4 + 1);
	size_t o = 0;
	uint32_t cp;

	while (*p) {
		size_t n = utf8_next(p, &cp);

		if (!n) {
			free(out);
			return NULL;
		}
		p += n;
		if (cp >= 0x10000) {
			uint32_t v = cp - 0x10000;
			uint16_t hi = (uint16_t)(0xd800 | (v >> 10));
			uint16_t lo = (uint16_t)(0xdc00 | (v & 0x3ff));

			out[o++] = hi & 0xff;
			out[o++] = hi >> 8;
			out[o++] = lo & 0xff;
			out[o++] = lo >> 8;
		} else {
			out[o++] = cp & 0xff;
			out[o++] = (uint8_t)(cp >> 8);
		}
	}
	*outlen = o;
	return out;
}

bool parse_ulong(const char *s, unsigned long min, unsigned long max,
		 unsigned long *out)
{
	char *end;
	unsigned long v;

	if (!isdigit((unsigned char)*s))
		return false;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return false;
	*out = v;
	return true;
}

int one_path_opt(int argc, char **argv, const char *cmd, void (*help)(void),
		 const char *name, int short_opt, const char **value)
{
	const struct option opts[] = {
		{ name, required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char optstring[8] = ":h";
	int c;

	if (short_opt)
		snprintf(optstring, sizeof(optstring), ":%c:h", short_opt);
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, optstring, opts, NULL)) != -1) {
		if (c == 'p' || (short_opt && c == short_opt)) {
			*value = optarg;
		} else if (c == 'h') {
			help();
			return EXIT_OK;
		} else if (c == ':') {
			return usage_error("option '%s' needs an argument",
					   argv[optind - 1]);
		} else {
			return usage_error("unknown option '%s' for '%s'",
					   argv[optind - 1], cmd);
		}
	}
	return -1;
}
