// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fuzz the daemon's DCE/RPC engine (cifsctl/rpc): PDU reassembly,
 * bind/alter_context, request fragments and every interface's NDR
 * decoders, in both byte orders.
 *
 * Input: byte 0 picks the pipe (low 3 bits), the byte order (bit 3),
 * whether to bind first (bit 4) and whether the rest is raw pipe bytes
 * (bit 5) or the stub of one request whose opnum is byte 1.  Bytes 2-3
 * give the read size used to drain the answers.
 */
#include "rpc.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct iface_id {
	const char *pipe;
	uint32_t a;
	uint16_t b, c;
	uint8_t d[8];
	uint16_t major;
};

static const struct iface_id ids[] = {
	{ "srvsvc", 0x4b324fc8, 0x1670, 0x01d3,
	  { 0x12, 0x78, 0x5a, 0x47, 0xbf, 0x6e, 0xe1, 0x88 }, 3 },
	{ "wkssvc", 0x6bffd098, 0xa112, 0x3610,
	  { 0x98, 0x33, 0x46, 0xc3, 0xf8, 0x7e, 0x34, 0x5a }, 1 },
	{ "winreg", 0x338cd001, 0x2244, 0x31f1,
	  { 0xaa, 0xaa, 0x90, 0x00, 0x38, 0x00, 0x10, 0x03 }, 1 },
	{ "lsarpc", 0x12345778, 0x1234, 0xabcd,
	  { 0xef, 0x00, 0x01, 0x23, 0x45, 0x67, 0x89, 0xab }, 0 },
	{ "samr", 0x12345778, 0x1234, 0xabcd,
	  { 0xef, 0x00, 0x01, 0x23, 0x45, 0x67, 0x89, 0xac }, 1 },
};

struct out {
	uint8_t d[70000];
	size_t n;
	bool be;
};

static void o8(struct out *o, uint8_t v)
{
	if (o->n < sizeof(o->d))
		o->d[o->n++] = v;
}

static void o16(struct out *o, uint16_t v)
{
	o8(o, o->be ? v >> 8 : v & 0xff);
	o8(o, o->be ? v & 0xff : v >> 8);
}

static void o32(struct out *o, uint32_t v)
{
	o16(o, o->be ? v >> 16 : v & 0xffff);
	o16(o, o->be ? v & 0xffff : v >> 16);
}

static void hdr(struct out *o, uint8_t type, uint8_t flags)
{
	o->n = 0;
	o8(o, 5);
	o8(o, 0);
	o8(o, type);
	o8(o, flags);
	o8(o, o->be ? 0 : 0x10);
	o8(o, 0);
	o8(o, 0);
	o8(o, 0);
	o16(o, 0);
	o16(o, 0);
	o32(o, 1);
}

static void finish(struct out *o)
{
	o->d[8] = o->be ? (uint8_t)(o->n >> 8) : (uint8_t)o->n;
	o->d[9] = o->be ? (uint8_t)o->n : (uint8_t)(o->n >> 8);
}

static void drain(uint64_t id, size_t max)
{
	static uint8_t buf[65535];
	size_t n, more;

	while (rpc_read(id, buf, max, &n, &more) == 0 && n)
		;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct share shares[2] = {
		{ .name = "a", .path = "/srv/a", .comment = "c", .browseable = true },
		{ .name = "h", .path = "/srv/h", .comment = "", .browseable = false },
	};
	static struct config cfg = { .netbios_name = "FUZZ", .workgroup = "WG",
				     .server_string = "s", .shares = shares,
				     .nshares = 2 };
	static struct out o;
	const struct iface_id *f;
	size_t max;

	if (size < 4)
		return 0;
	f = &ids[(data[0] & 7) % 5];
	o.be = data[0] & 8;
	max = (size_t)(data[2] | data[3] << 8) + 1;
	if (rpc_open(1, f->pipe, "user", 1))
		return 0;
	if (data[0] & 0x10) {
		hdr(&o, 11, 3);
		o16(&o, 4280);
		o16(&o, 1432);
		o32(&o, 0);
		o32(&o, 1);
		o16(&o, 0);
		o8(&o, 1);
		o8(&o, 0);
		o32(&o, f->a);
		o16(&o, f->b);
		o16(&o, f->c);
		memcpy(o.d + o.n, f->d, 8);
		o.n += 8;
		o32(&o, f->major);
		o32(&o, 0x8a885d04);
		o16(&o, 0x1ceb);
		o16(&o, 0x11c9);
		memcpy(o.d + o.n, (const uint8_t[8]){ 0x9f, 0xe8, 0x08, 0x00,
						      0x2b, 0x10, 0x48, 0x60 }, 8);
		o.n += 8;
		o32(&o, 2);
		finish(&o);
		rpc_write(&cfg, 1, o.d, o.n);
		drain(1, max);
	}
	data += 4;
	size -= 4;
	if (data[-4] & 0x20) {
		/* raw pipe bytes, written in pieces of up to 4 KiB */
		while (size) {
			size_t n = size < 4096 ? size : 4096;

			if (rpc_write(&cfg, 1, data, n))
				break;
			drain(1, max);
			data += n;
			size -= n;
		}
	} else if (size <= 60000) {
		hdr(&o, 0, 3);
		o32(&o, (uint32_t)size);
		o16(&o, 0);
		o16(&o, data[-3]);
		memcpy(o.d + o.n, data, size);
		o.n += size;
		finish(&o);
		rpc_write(&cfg, 1, o.d, o.n);
		drain(1, max);
	}
	rpc_close(1);
	return 0;
}
