// SPDX-License-Identifier: GPL-2.0-only
/*
 * Connection-oriented DCE/RPC PDUs (C706 chapter 12, MS-RPCE 2.2.2):
 * bind/alter_context and their acks, request, response, fault.  Only the
 * NDR 2.0 transfer syntax and no authentication (the SMB session already
 * authenticated the caller).  Header integers follow the sender's data
 * representation; everything we send is little-endian ASCII IEEE.
 */
#include "rpc_int.h"

#include <cifsd_netlink.h>
#include <errno.h>
#include <string.h>

#define PDU_HDR_LEN	16
#define RESP_HDR_LEN	24
#define SRV_MAX_FRAG	4280
#define MIN_FRAG	1432	/* C706 12.6.3.1: the least a peer may offer */
#define MAX_REQ_STUB	(1024 * 1024)
#define MAX_OUT_BYTES	(4 * 1024 * 1024)
#define MAX_CONTEXTS	8

enum {
	PT_REQUEST = 0, PT_RESPONSE = 2, PT_FAULT = 3, PT_BIND = 11,
	PT_BIND_ACK = 12, PT_BIND_NAK = 13, PT_ALTER = 14, PT_ALTER_RESP = 15,
	PT_AUTH3 = 16, PT_CANCEL = 18, PT_ORPHANED = 19,
};

#define PFC_FIRST_FRAG		0x01
#define PFC_LAST_FRAG		0x02
#define PFC_DID_NOT_EXECUTE	0x20
#define PFC_OBJECT_UUID		0x80

/* bind_nak reasons (C706 12.6.3.9, MS-RPCE 2.2.2.4) */
#define NAK_NOT_SPECIFIED	0
#define NAK_PROTOCOL_VERSION	4
#define NAK_AUTH_TYPE		8

/* p_cont_def_result_t and provider_reason_t */
#define RES_ACCEPT		0
#define RES_PROVIDER_REJECT	2
#define RES_NEGOTIATE_ACK	3
#define REASON_ABSTRACT		1
#define REASON_TRANSFER		2

static const struct rpc_uuid ndr20_uuid = {
	0x8a885d04, 0x1ceb, 0x11c9,
	{ 0x9f, 0xe8, 0x08, 0x00, 0x2b, 0x10, 0x48, 0x60 } };

struct rpc_pipe {
	uint64_t id;
	const char *name;		/* canonical pipe name */
	char *account;
	uint32_t login_flags;
	uint64_t session_id;
	GByteArray *in;			/* bytes of an incomplete PDU */
	/* the request being reassembled */
	GByteArray *stub;
	bool in_call;
	bool call_be;
	uint32_t call_id;
	uint16_t call_ctx, call_opnum;
	/* queued response messages (fragments), oldest first */
	GQueue out;
	size_t out_pos, out_bytes;
	/* presentation contexts accepted so far */
	uint16_t ctx_id[MAX_CONTEXTS];
	const struct rpc_iface *ctx_if[MAX_CONTEXTS];
	int nctx;
	uint16_t max_xmit;
	uint32_t assoc_group;
	uint8_t handles[RPC_MAX_HANDLES][POLICY_HANDLE_LEN];
	int nhandles;
};

struct pdu {
	uint8_t type, flags;
	bool be;
	uint16_t frag_len, auth_len;
	uint32_t call_id;
	struct ndr_pull r;	/* the whole PDU, positioned after the header */
};

static GHashTable *pipes;
static uint32_t next_assoc = 0x5a00;

static const struct rpc_iface *const ifaces[] = {
	&rpc_srvsvc, &rpc_wkssvc, &rpc_winreg, &rpc_lsarpc, &rpc_samr,
};

const char *rpc_pipe_account(const struct rpc_pipe *p)
{
	return p->account;
}

const char *rpc_server_name(const struct config *cfg)
{
	return cfg && cfg->netbios_name ? cfg->netbios_name : "CIFSD";
}

/* lsarpc and samr are both served by the same process on Windows. */
static bool iface_on_pipe(const struct rpc_iface *i, const char *pipe)
{
	if (!strcmp(i->pipe, pipe))
		return true;
	return (!strcmp(pipe, "lsarpc") || !strcmp(pipe, "samr")) &&
	       (i == &rpc_lsarpc || i == &rpc_samr);
}

static void pipe_free(gpointer data)
{
	struct rpc_pipe *p = data;
	GByteArray *m;

	while ((m = g_queue_pop_head(&p->out)))
		g_byte_array_unref(m);
	g_byte_array_unref(p->in);
	g_byte_array_unref(p->stub);
	g_free(p->account);
	g_free(p);
}

static unsigned int session_pipes(uint64_t session_id)
{
	GHashTableIter it;
	gpointer v;
	unsigned int n = 0;

	g_hash_table_iter_init(&it, pipes);
	while (g_hash_table_iter_next(&it, NULL, &v))
		n += ((struct rpc_pipe *)v)->session_id == session_id;
	return n;
}

int rpc_open(uint64_t id, const char *pipe, const char *account,
	     uint64_t session_id)
{
	uint32_t flags = account && *account ? 0 :
			 CIFSD_LOGIN_F_GUEST | CIFSD_LOGIN_F_ANONYMOUS;

	return rpc_open_as(id, pipe, account, flags, session_id);
}

int rpc_open_as(uint64_t id, const char *pipe, const char *account,
		uint32_t login_flags, uint64_t session_id)
{
	const char *name = NULL;
	struct rpc_pipe *p;

	for (size_t i = 0; i < G_N_ELEMENTS(ifaces); i++)
		if (!g_ascii_strcasecmp(pipe, ifaces[i]->pipe))
			name = ifaces[i]->pipe;
	if (!name)
		return -ENOENT;
	if (!pipes)
		pipes = g_hash_table_new_full(g_int64_hash, g_int64_equal,
					      NULL, pipe_free);
	if (g_hash_table_contains(pipes, &id))
		return -EEXIST;
	if (g_hash_table_size(pipes) >= RPC_MAX_PIPES ||
	    session_pipes(session_id) >= RPC_MAX_SESSION_PIPES)
		return -ENFILE;
	p = g_new0(struct rpc_pipe, 1);
	p->id = id;
	p->name = name;
	p->account = g_strdup(account ? account : "");
	p->login_flags = login_flags;
	p->session_id = session_id;
	p->in = g_byte_array_new();
	p->stub = g_byte_array_new();
	g_queue_init(&p->out);
	p->max_xmit = SRV_MAX_FRAG;
	g_hash_table_insert(pipes, &p->id, p);
	return 0;
}

void rpc_close(uint64_t id)
{
	if (pipes)
		g_hash_table_remove(pipes, &id);
}

void rpc_close_all(void)
{
	if (pipes)
		g_hash_table_destroy(pipes);
	pipes = NULL;
}

static struct rpc_pipe *pipe_find(uint64_t id)
{
	return pipes ? g_hash_table_lookup(pipes, &id) : NULL;
}

bool rpc_handle_new(struct rpc_pipe *p, uint8_t h[POLICY_HANDLE_LEN])
{
	return rpc_handle_new_kind(p, h, 0);
}

bool rpc_handle_new_kind(struct rpc_pipe *p, uint8_t h[POLICY_HANDLE_LEN],
			 uint8_t kind)
{
	if (p->nhandles >= RPC_MAX_HANDLES)
		return false;
	memset(h, 0, 4);
	h[0] = kind;
	for (int i = 4; i < POLICY_HANDLE_LEN; i += 4) {
		guint32 r = g_random_int();

		memcpy(h + i, &r, 4);
	}
	memcpy(p->handles[p->nhandles++], h, POLICY_HANDLE_LEN);
	return true;
}

static int handle_index(struct rpc_pipe *p, const uint8_t *h)
{
	for (int i = 0; i < p->nhandles; i++)
		if (!memcmp(p->handles[i], h, POLICY_HANDLE_LEN))
			return i;
	return -1;
}

bool rpc_handle_ok(struct rpc_pipe *p, const uint8_t h[POLICY_HANDLE_LEN])
{
	return handle_index(p, h) >= 0;
}

bool rpc_handle_drop(struct rpc_pipe *p, const uint8_t h[POLICY_HANDLE_LEN])
{
	int i = handle_index(p, h);

	if (i < 0)
		return false;
	memmove(p->handles[i], p->handles[i + 1],
		(size_t)(p->nhandles - i - 1) * POLICY_HANDLE_LEN);
	p->nhandles--;
	return true;
}

/* ---- building PDUs (always little-endian) ---- */

static void put_u16(GByteArray *b, uint16_t v)
{
	uint8_t d[2] = { v & 0xff, v >> 8 };

	g_byte_array_append(b, d, 2);
}

static void put_u32(GByteArray *b, uint32_t v)
{
	put_u16(b, v & 0xffff);
	put_u16(b, v >> 16);
}

static GByteArray *pdu_start(uint8_t type, uint8_t flags, uint32_t call_id)
{
	static const uint8_t head[8] = { 5, 0, 0, 0, 0x10, 0, 0, 0 };
	GByteArray *b = g_byte_array_sized_new(64);

	g_byte_array_append(b, head, sizeof(head));
	b->data[2] = type;
	b->data[3] = flags;
	put_u16(b, 0);		/* frag_length, set by pdu_queue */
	put_u16(b, 0);		/* auth_length */
	put_u32(b, call_id);
	return b;
}

static void pdu_queue(struct rpc_pipe *p, GByteArray *b)
{
	b->data[8] = b->len & 0xff;
	b->data[9] = b->len >> 8;
	p->out_bytes += b->len;
	g_queue_push_tail(&p->out, b);
}

static void put_syntax(GByteArray *b, const struct rpc_uuid *u,
		       uint16_t major, uint16_t minor)
{
	put_u32(b, u->a);
	put_u16(b, u->b);
	put_u16(b, u->c);
	g_byte_array_append(b, u->d, 8);
	put_u16(b, major);
	put_u16(b, minor);
}

static void queue_fault(struct rpc_pipe *p, uint32_t call_id, uint16_t ctx,
			uint32_t status)
{
	uint8_t flags = PFC_FIRST_FRAG | PFC_LAST_FRAG;
	GByteArray *b;

	if (status == NCA_S_OP_RNG_ERROR || status == NCA_S_UNK_IF ||
	    status == NCA_S_CONTEXT_MISMATCH)
		flags |= PFC_DID_NOT_EXECUTE;
	b = pdu_start(PT_FAULT, flags, call_id);
	put_u32(b, 0);		/* alloc_hint */
	put_u16(b, ctx);
	g_byte_array_append(b, (const uint8_t[2]){ 0, 0 }, 2);
	put_u32(b, status);
	put_u32(b, 0);
	pdu_queue(p, b);
}

static void queue_bind_nak(struct rpc_pipe *p, uint32_t call_id,
			   uint16_t reason)
{
	GByteArray *b = pdu_start(PT_BIND_NAK, PFC_FIRST_FRAG | PFC_LAST_FRAG,
				  call_id);

	put_u16(b, reason);
	/* p_rt_versions_supported: 5.0 */
	g_byte_array_append(b, (const uint8_t[3]){ 1, 5, 0 }, 3);
	pdu_queue(p, b);
}

/* ---- parsing ---- */

static bool pdu_header(const uint8_t *d, size_t len, struct pdu *h)
{
	if (len < PDU_HDR_LEN)
		return false;
	h->type = d[2];
	h->flags = d[3];
	h->be = !(d[4] & 0x10);
	ndr_pull_init(&h->r, d, len, h->be);
	h->r.off = 8;
	h->frag_len = ndr_pull_u16(&h->r);
	h->auth_len = ndr_pull_u16(&h->r);
	h->call_id = ndr_pull_u32(&h->r);
	return true;
}

static void pull_uuid(struct ndr_pull *r, struct rpc_uuid *u)
{
	u->a = ndr_pull_u32(r);
	u->b = ndr_pull_u16(r);
	u->c = ndr_pull_u16(r);
	ndr_pull_bytes(r, u->d, 8);
}

struct ctx_result {
	uint16_t result, reason;
	const struct rpc_iface *iface;
	bool btfn;
};

/* Decide one presentation context element; false when malformed. */
static bool bind_context(struct rpc_pipe *p, struct ndr_pull *r,
			 uint16_t *ctx_id, struct ctx_result *res)
{
	struct rpc_uuid abs, ts;
	uint32_t abs_ver, ts_ver;
	uint8_t n;

	*ctx_id = ndr_pull_u16(r);
	n = ndr_pull_u8(r);
	ndr_pull_u8(r);
	pull_uuid(r, &abs);
	abs_ver = ndr_pull_u32(r);
	memset(res, 0, sizeof(*res));
	res->result = RES_PROVIDER_REJECT;
	res->reason = REASON_ABSTRACT;
	for (size_t i = 0; i < G_N_ELEMENTS(ifaces); i++) {
		const struct rpc_iface *f = ifaces[i];

		if (!memcmp(&abs, &f->uuid, sizeof(abs)) &&
		    (abs_ver & 0xffff) == f->vers_major &&
		    (abs_ver >> 16) <= f->vers_minor &&
		    iface_on_pipe(f, p->name))
			res->iface = f;
	}
	if (!n)
		return false;
	for (uint8_t i = 0; i < n; i++) {
		pull_uuid(r, &ts);
		ts_ver = ndr_pull_u32(r);
		if (r->err)
			return false;
		if (ts.a == 0x6cb71c2c && ts.b == 0x9812 && ts.c == 0x4540) {
			/* bind time feature negotiation: we offer none */
			res->result = RES_NEGOTIATE_ACK;
			res->reason = 0;
			res->btfn = true;
		} else if (res->iface && res->result != RES_ACCEPT &&
			   !memcmp(&ts, &ndr20_uuid, sizeof(ts)) &&
			   ts_ver == 2) {
			res->result = RES_ACCEPT;
			res->reason = 0;
		} else if (res->iface && res->result == RES_PROVIDER_REJECT) {
			res->reason = REASON_TRANSFER;
		}
	}
	return !r->err;
}

static void remember_context(struct rpc_pipe *p, uint16_t id,
			     const struct rpc_iface *f)
{
	for (int i = 0; i < p->nctx; i++) {
		if (p->ctx_id[i] == id) {
			p->ctx_if[i] = f;
			return;
		}
	}
	if (p->nctx < MAX_CONTEXTS) {
		p->ctx_id[p->nctx] = id;
		p->ctx_if[p->nctx++] = f;
	}
}

static void do_bind(struct rpc_pipe *p, struct pdu *h)
{
	struct ndr_pull *r = &h->r;
	struct ctx_result res[MAX_CONTEXTS];
	uint16_t ids[MAX_CONTEXTS], max_xmit, max_recv;
	uint32_t assoc;
	uint8_t n;
	GByteArray *b;

	max_xmit = ndr_pull_u16(r);
	max_recv = ndr_pull_u16(r);
	assoc = ndr_pull_u32(r);
	n = ndr_pull_u8(r);
	ndr_pull_u8(r);
	ndr_pull_u16(r);
	if (h->auth_len) {
		queue_bind_nak(p, h->call_id, NAK_AUTH_TYPE);
		return;
	}
	if (r->err || !n || n > MAX_CONTEXTS || max_xmit < MIN_FRAG ||
	    max_recv < MIN_FRAG) {
		queue_bind_nak(p, h->call_id, NAK_NOT_SPECIFIED);
		return;
	}
	for (uint8_t i = 0; i < n; i++) {
		if (!bind_context(p, r, &ids[i], &res[i])) {
			queue_bind_nak(p, h->call_id, NAK_NOT_SPECIFIED);
			return;
		}
	}
	p->max_xmit = MIN(max_recv, SRV_MAX_FRAG);
	if (!p->assoc_group)
		p->assoc_group = assoc ? assoc : next_assoc++;

	b = pdu_start(h->type == PT_BIND ? PT_BIND_ACK : PT_ALTER_RESP,
		      PFC_FIRST_FRAG | PFC_LAST_FRAG, h->call_id);
	put_u16(b, p->max_xmit);
	put_u16(b, MIN(max_xmit, SRV_MAX_FRAG));
	put_u32(b, p->assoc_group);
	if (h->type == PT_BIND) {
		char addr[32];
		size_t alen = (size_t)g_snprintf(addr, sizeof(addr),
						 "\\PIPE\\%s", p->name) + 1;

		put_u16(b, (uint16_t)alen);
		g_byte_array_append(b, (const uint8_t *)addr, (guint)alen);
	} else {
		put_u16(b, 0);
	}
	while (b->len & 3)
		g_byte_array_append(b, (const uint8_t[1]){ 0 }, 1);
	g_byte_array_append(b, (const uint8_t[4]){ n, 0, 0, 0 }, 4);
	for (uint8_t i = 0; i < n; i++) {
		put_u16(b, res[i].result);
		put_u16(b, res[i].reason);
		if (res[i].result == RES_ACCEPT) {
			put_syntax(b, &ndr20_uuid, 2, 0);
			remember_context(p, ids[i], res[i].iface);
		} else {
			static const struct rpc_uuid nil;

			put_syntax(b, &nil, 0, 0);
		}
	}
	pdu_queue(p, b);
}

static const struct rpc_iface *context_iface(struct rpc_pipe *p, uint16_t id)
{
	for (int i = 0; i < p->nctx; i++)
		if (p->ctx_id[i] == id)
			return p->ctx_if[i];
	return NULL;
}

/* Queue the response stub in fragments of at most max_xmit bytes. */
static void queue_response(struct rpc_pipe *p, const GByteArray *stub)
{
	size_t chunk = ((size_t)p->max_xmit - RESP_HDR_LEN) & ~(size_t)7;
	size_t off = 0;

	do {
		size_t n = MIN(chunk, stub->len - off);
		uint8_t flags = 0;
		GByteArray *b;

		if (!off)
			flags |= PFC_FIRST_FRAG;
		if (off + n == stub->len)
			flags |= PFC_LAST_FRAG;
		b = pdu_start(PT_RESPONSE, flags, p->call_id);
		put_u32(b, (uint32_t)(stub->len - off));	/* alloc_hint */
		put_u16(b, p->call_ctx);
		g_byte_array_append(b, (const uint8_t[2]){ 0, 0 }, 2);
		g_byte_array_append(b, stub->data + off, (guint)n);
		pdu_queue(p, b);
		off += n;
	} while (off < stub->len);
}

static void dispatch(struct rpc_pipe *p, const struct config *cfg)
{
	const struct rpc_iface *f = context_iface(p, p->call_ctx);
	struct ndr_pull in;
	struct ndr_push out;
	struct rpc_call c;
	uint32_t fault;

	if (!f) {
		queue_fault(p, p->call_id, p->call_ctx, NCA_S_CONTEXT_MISMATCH);
		return;
	}
	ndr_pull_init(&in, p->stub->data, p->stub->len, p->call_be);
	ndr_push_init(&out);
	c = (struct rpc_call){ .pipe = p, .cfg = cfg, .account = p->account,
			       .login_flags = p->login_flags, .opnum = p->call_opnum, .in = &in, .out = &out };
	fault = f->call(&c);
	if (!fault && in.err)
		fault = NCA_S_FAULT_NDR;
	if (fault)
		queue_fault(p, p->call_id, p->call_ctx, fault);
	else
		queue_response(p, out.b);
	ndr_push_free(&out);
}

static void do_request(struct rpc_pipe *p, const struct config *cfg,
		       struct pdu *h)
{
	struct ndr_pull *r = &h->r;
	uint16_t ctx, opnum;
	size_t end;

	ndr_pull_u32(r);	/* alloc_hint: only a hint */
	ctx = ndr_pull_u16(r);
	opnum = ndr_pull_u16(r);
	if (h->flags & PFC_OBJECT_UUID) {
		uint8_t obj[16];

		ndr_pull_bytes(r, obj, sizeof(obj));
	}
	if (r->err) {
		queue_fault(p, h->call_id, 0, NCA_S_PROTO_ERROR);
		return;
	}
	if (h->auth_len) {
		p->in_call = false;
		queue_fault(p, h->call_id, ctx, NCA_S_ACCESS_DENIED);
		return;
	}
	end = h->frag_len;
	if (h->flags & PFC_FIRST_FRAG) {
		g_byte_array_set_size(p->stub, 0);
		p->in_call = true;
		p->call_id = h->call_id;
		p->call_ctx = ctx;
		p->call_opnum = opnum;
		p->call_be = h->be;
	} else if (!p->in_call || p->call_id != h->call_id) {
		p->in_call = false;
		queue_fault(p, h->call_id, ctx, NCA_S_PROTO_ERROR);
		return;
	}
	if (end - r->off > MAX_REQ_STUB - p->stub->len) {
		p->in_call = false;
		queue_fault(p, h->call_id, ctx, NCA_S_PROTO_ERROR);
		return;
	}
	g_byte_array_append(p->stub, r->buf + r->off, (guint)(end - r->off));
	if (!(h->flags & PFC_LAST_FRAG))
		return;
	p->in_call = false;
	dispatch(p, cfg);
	g_byte_array_set_size(p->stub, 0);
}

/* One complete PDU of frag_len bytes; -EPROTO when not DCE/RPC CO. */
static int do_pdu(struct rpc_pipe *p, const struct config *cfg,
		  const uint8_t *d, size_t len)
{
	struct pdu h;

	if (!pdu_header(d, len, &h) || h.r.err)
		return -EPROTO;
	if (d[0] != 5 || d[1] > 1) {
		if (h.type == PT_BIND) {
			queue_bind_nak(p, h.call_id, NAK_PROTOCOL_VERSION);
			return 0;
		}
		return -EPROTO;
	}
	if ((d[4] & 0x0f) != 0) {	/* EBCDIC characters: not supported */
		if (h.type == PT_BIND || h.type == PT_ALTER) {
			queue_bind_nak(p, h.call_id, NAK_NOT_SPECIFIED);
			return 0;
		}
		return -EPROTO;
	}
	if ((size_t)h.auth_len + PDU_HDR_LEN > h.frag_len)
		return -EPROTO;
	switch (h.type) {
	case PT_BIND:
	case PT_ALTER:
		do_bind(p, &h);
		return 0;
	case PT_REQUEST:
		do_request(p, cfg, &h);
		return 0;
	case PT_AUTH3:
	case PT_CANCEL:
		return 0;
	case PT_ORPHANED:
		p->in_call = false;
		return 0;
	default:
		return -EPROTO;
	}
}

int rpc_write(const struct config *cfg, uint64_t id, const uint8_t *data,
	      size_t len)
{
	struct rpc_pipe *p = pipe_find(id);
	size_t used = 0;

	if (!p)
		return -EBADF;
	if (len > CIFSD_RPC_DATA_MAX)
		return -EPROTO;
	g_byte_array_append(p->in, data, (guint)len);
	while (p->in->len - used >= PDU_HDR_LEN) {
		const uint8_t *d = p->in->data + used;
		uint16_t flen = (d[4] & 0x10) ? (uint16_t)(d[8] | d[9] << 8) :
						(uint16_t)(d[8] << 8 | d[9]);

		if (flen < PDU_HDR_LEN) {
			g_byte_array_set_size(p->in, 0);
			return -EPROTO;
		}
		if (p->in->len - used < flen)
			break;
		if (do_pdu(p, cfg, d, flen) < 0) {
			g_byte_array_set_size(p->in, 0);
			return -EPROTO;
		}
		used += flen;
		if (p->out_bytes > MAX_OUT_BYTES) {
			g_byte_array_set_size(p->in, 0);
			return -EPROTO;
		}
	}
	g_byte_array_remove_range(p->in, 0, (guint)used);
	return 0;
}

int rpc_read(uint64_t id, uint8_t *out, size_t max, size_t *n, size_t *more)
{
	struct rpc_pipe *p = pipe_find(id);
	GByteArray *m;
	size_t k;

	*n = 0;
	*more = 0;
	if (!p)
		return -EBADF;
	m = g_queue_peek_head(&p->out);
	if (!m)
		return 0;
	k = MIN(max, m->len - p->out_pos);
	memcpy(out, m->data + p->out_pos, k);
	p->out_pos += k;
	*n = k;
	if (p->out_pos < m->len) {
		*more = m->len - p->out_pos;
		return 0;
	}
	p->out_bytes -= m->len;
	g_queue_pop_head(&p->out);
	g_byte_array_unref(m);
	p->out_pos = 0;
	return 0;
}

/*
 * The Close call of the handle-based interfaces: take the handle, drop it,
 * answer a zeroed handle and @ok_status, or @bad_status for an unknown one.
 */
uint32_t rpc_close_handle(struct rpc_call *c, uint32_t ok_status,
			  uint32_t bad_status)
{
	uint8_t h[POLICY_HANDLE_LEN];
	bool ok;

	ndr_pull_handle(c->in, h);
	if (!ndr_pull_ok(c->in))
		return NCA_S_FAULT_NDR;
	ok = rpc_handle_drop(c->pipe, h);
	if (ok)
		memset(h, 0, sizeof(h));
	ndr_push_bytes(c->out, h, sizeof(h));
	ndr_push_u32(c->out, ok ? ok_status : bad_status);
	return 0;
}
