/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libsmbc: a small SMB2/3 client for testing CIFSD (tests/client).
 *
 * It does what a real client does (NEGOTIATE 2.0.2 ... 3.1.1, NTLMv2
 * SESSION_SETUP over SPNEGO or bare NTLMSSP, signing, TREE_CONNECT,
 * every request, compounds, credits) and lets a test break any of it on
 * purpose: every header field of a request can be changed after it is
 * built, credits and MessageIds can be ignored, arbitrary bytes can be
 * sent and whatever comes back can be read.
 *
 * Model:
 *  - struct smbc is one TCP connection with at most one session and one
 *    current tree; its fields are public so that tests can read and
 *    change them (e.g. c->session_id, c->tree_id, c->next_mid).
 *  - struct smbc_msg is one transport frame being built: one request or a
 *    compound.  smbc_add_*() append one request each (header filled from
 *    the connection; MessageId and CreditCharge allocated), smbc_send()
 *    links the members (NextCommand, 8-byte alignment already done),
 *    signs them when the session signs and sends the frame.
 *  - struct smbc_rsp holds the responses collected for one message.
 *
 * Return values: 0 or a negative errno (-ETIMEDOUT, -ECONNRESET, -EPROTO,
 * -EACCES for a bad signature, ...).  NTSTATUS values are host-order u32.
 * Not thread-safe: use one struct smbc per thread.
 */
#ifndef SMBC_H
#define SMBC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Dialects */
#define SMBC_D202	0x0202
#define SMBC_D210	0x0210
#define SMBC_D300	0x0300
#define SMBC_D302	0x0302
#define SMBC_D311	0x0311

/* Commands (MS-SMB2 2.2.1) */
enum {
	SMBC_NEGOTIATE, SMBC_SESSION_SETUP, SMBC_LOGOFF, SMBC_TREE_CONNECT,
	SMBC_TREE_DISCONNECT, SMBC_CREATE, SMBC_CLOSE, SMBC_FLUSH, SMBC_READ,
	SMBC_WRITE, SMBC_LOCK, SMBC_IOCTL, SMBC_CANCEL, SMBC_ECHO,
	SMBC_QUERY_DIRECTORY, SMBC_CHANGE_NOTIFY, SMBC_QUERY_INFO,
	SMBC_SET_INFO, SMBC_OPLOCK_BREAK, SMBC_NR_COMMANDS
};

/* Header flags */
#define SMBC_FLAG_RESPONSE	0x00000001u
#define SMBC_FLAG_ASYNC		0x00000002u
#define SMBC_FLAG_RELATED	0x00000004u
#define SMBC_FLAG_SIGNED	0x00000008u
#define SMBC_FLAG_DFS		0x10000000u
#define SMBC_FLAG_REPLAY	0x20000000u

/* Header field offsets, for tests that patch built requests */
#define SMBC_HDR_SIZE		64
#define SMBC_HO_STRUCTSIZE	4
#define SMBC_HO_CHARGE		6
#define SMBC_HO_STATUS		8
#define SMBC_HO_COMMAND		12
#define SMBC_HO_CREDITS		14
#define SMBC_HO_FLAGS		16
#define SMBC_HO_NEXT		20
#define SMBC_HO_MID		24
#define SMBC_HO_PID		32
#define SMBC_HO_TID		36
#define SMBC_HO_ASYNCID		32
#define SMBC_HO_SID		40
#define SMBC_HO_SIG		48

/* Some NTSTATUS values the tools look at */
#define SMBC_STATUS_SUCCESS			0x00000000u
#define SMBC_STATUS_PENDING			0x00000103u
#define SMBC_STATUS_BUFFER_OVERFLOW		0x80000005u
#define SMBC_STATUS_NO_MORE_FILES		0x80000006u
#define SMBC_STATUS_END_OF_FILE			0xC0000011u
#define SMBC_STATUS_MORE_PROCESSING_REQUIRED	0xC0000016u
#define SMBC_STATUS_ACCESS_DENIED		0xC0000022u
#define SMBC_STATUS_OBJECT_NAME_COLLISION	0xC0000035u
#define SMBC_STATUS_FILE_CLOSED			0xC0000128u
#define SMBC_STATUS_USER_SESSION_DELETED	0xC0000203u
#define SMBC_STATUS_NETWORK_NAME_DELETED	0xC00000C9u
#define SMBC_STATUS_CANCELLED			0xC0000120u

/* A file id; SMBC_FID_RELATED is the all-ones id of related compounds. */
struct smbc_fid {
	uint64_t persistent;
	uint64_t volatile_;
};
extern const struct smbc_fid SMBC_FID_RELATED;

/* Options for smbc_connect_login() and smbc_login() */
struct smbc_opts {
	const char *host;	/* default 127.0.0.1 */
	uint16_t port;		/* default 445 */
	const char *user;	/* NULL or "": anonymous */
	const char *pass;
	const char *domain;	/* default "" */
	const char *share;	/* NULL: no TREE_CONNECT */
	uint16_t dialect;	/* 0: offer all, else offer only this one */
	bool raw_ntlmssp;	/* bare NTLMSSP instead of SPNEGO */
	bool no_sign;		/* do not sign even if the session could */
	int timeout_ms;		/* per receive; default 10000 */
	uint16_t credit_request;	/* CreditRequest per request, default 64 */
};

struct smbc {
	int fd;
	int timeout_ms;
	/* negotiated */
	uint16_t dialect;
	uint16_t server_sec_mode;
	uint32_t server_caps;
	uint32_t max_read, max_write, max_trans;
	uint8_t client_guid[16];
	uint8_t server_guid[16];
	uint16_t sign_alg;	/* 0 HMAC-SHA256, 1 AES-CMAC */
	/* credits and sequence */
	uint64_t next_mid;
	int64_t credits;	/* granted and not yet charged */
	uint16_t credit_request;
	bool multi_credit;	/* LARGE_MTU negotiated: charge large I/O */
	/* session */
	uint64_t session_id;
	uint32_t tree_id;
	uint32_t pid;
	bool signing;		/* sign requests and check signed replies */
	bool sign_required;	/* server asked for signing */
	bool session_valid;
	uint8_t session_key[16];
	uint8_t signing_key[16];
	uint8_t preauth[64];	/* 3.1.1 preauth integrity hash */
	uint32_t session_flags;
	uint32_t share_type;
	uint32_t maximal_access;
	/* statistics */
	uint64_t sent_pdus, sent_frames, recv_pdus, bad_signatures;
	uint8_t bad_nb[4];	/* the last transport header refused */
	size_t last_frame_len;	/* of the last frame in rbuf */
	/* receive buffer */
	uint8_t *rbuf;
	size_t rcap;
};

/* One frame being built: one request, or a compound of up to 256. */
#define SMBC_MAX_MEMBERS 256
struct smbc_msg {
	uint8_t *buf;		/* SMB2 bytes, no transport header */
	size_t len, cap;
	size_t off[SMBC_MAX_MEMBERS];	/* header offset of each member */
	unsigned int n;
	/* what smbc_send() does (all false: link, sign, send) */
	bool no_link;		/* keep NextCommand as the caller set it */
	bool no_sign;		/* never sign */
	bool bad_sign;		/* sign, then flip a bit of each signature */
	bool no_preauth;	/* (internal) */
};

/* One response PDU inside a received frame. */
struct smbc_pdu {
	const uint8_t *hdr;	/* points into smbc_rsp.buf */
	size_t len;		/* to NextCommand or end of frame */
	uint16_t command;
	uint32_t status;
	uint32_t flags;
	uint64_t mid;
	uint16_t credits;
	bool sig_bad;		/* signed, and the signature is wrong */
	const uint8_t *body;	/* hdr + 64 */
	size_t body_len;
};

struct smbc_rsp {
	uint8_t *buf;		/* concatenated frame payloads */
	size_t len, cap;
	struct smbc_pdu pdu[SMBC_MAX_MEMBERS];
	unsigned int n;
	unsigned int frames;
};

/* ---- connection (transport.c) ---- */
/* Connect; 0 or -errno.  @timeout_ms for connect and each receive. */
int smbc_connect(struct smbc *c, const char *host, uint16_t port,
		 int timeout_ms);
void smbc_close(struct smbc *c);		/* closes fd, frees buffers */
/* Close with SO_LINGER 0 (RST). */
void smbc_reset(struct smbc *c);
/* Send @len bytes as one RFC1002 session message. */
int smbc_send_frame(struct smbc *c, const void *buf, size_t len);
/* Send bytes as they are (no framing; the caller writes the header). */
int smbc_send_raw(struct smbc *c, const void *buf, size_t len);
/*
 * Receive one RFC1002 message into c->rbuf (keep-alives skipped); *@len
 * is its length.  -ETIMEDOUT after @timeout_ms (<0: c->timeout_ms),
 * -ECONNRESET when the server closed, -EPROTO for a bad transport header.
 */
int smbc_recv_frame(struct smbc *c, size_t *len, int timeout_ms);
/* Read and discard whatever arrives for @ms; returns bytes read or -errno. */
long smbc_drain(struct smbc *c, int ms);
/* true when the peer has closed the connection (non-blocking check). */
bool smbc_peer_closed(struct smbc *c);

/* ---- building requests (pdu.c, build_*.c) ---- */
void smbc_msg_init(struct smbc_msg *m);
void smbc_msg_reset(struct smbc_msg *m);	/* keep the allocation */
void smbc_msg_free(struct smbc_msg *m);
/* Header of member @i (pointer valid until the next smbc_add_*). */
uint8_t *smbc_msg_hdr(struct smbc_msg *m, unsigned int i);
/* Mark the last member related to the previous one. */
void smbc_msg_relate(struct smbc_msg *m);
/*
 * Append a header for @cmd plus @body_len zero bytes (8-byte aligned
 * after the previous member).  MessageId and CreditCharge are allocated
 * from @c for a payload of @payload bytes (0: charge 1).  Returns a
 * pointer to the body, or NULL on allocation failure.
 */
uint8_t *smbc_add(struct smbc *c, struct smbc_msg *m, uint16_t cmd,
		  size_t body_len, uint32_t payload);
/* Append raw bytes to the last member (buffers after the fixed body). */
uint8_t *smbc_append(struct smbc_msg *m, const void *data, size_t len);
/* Offset of the next byte from the last member's header. */
size_t smbc_member_pos(const struct smbc_msg *m);
/* Append bytes to the message as a new member with no header of ours. */
int smbc_add_raw(struct smbc_msg *m, const void *data, size_t len);
/* CreditCharge for a payload (1 for 2.0.2 or when not multi-credit). */
uint16_t smbc_charge(const struct smbc *c, uint32_t payload);

/* Create contexts: a list built before smbc_add_create(). */
struct smbc_cc {
	uint8_t *buf;
	size_t len, cap;
	size_t last;		/* offset of the last context, for Next */
	unsigned int n;
};
void smbc_cc_init(struct smbc_cc *cc);
void smbc_cc_free(struct smbc_cc *cc);
/* Append one context (@name of @nlen bytes, e.g. "DH2Q"). */
int smbc_cc_add(struct smbc_cc *cc, const char *name, size_t nlen,
		const void *data, size_t dlen);

struct smbc_create_args {
	const char *name;	/* UTF-8 path relative to the share, "" root */
	uint32_t access;	/* DesiredAccess */
	uint32_t attrs;
	uint32_t share;		/* ShareAccess */
	uint32_t disposition;
	uint32_t options;
	uint8_t oplock;
	uint32_t impersonation;
	const struct smbc_cc *contexts;	/* NULL: none */
};
int smbc_add_negotiate(struct smbc *c, struct smbc_msg *m,
		       const uint16_t *dialects, unsigned int n);
int smbc_add_session_setup(struct smbc *c, struct smbc_msg *m,
			   const void *token, size_t len, uint64_t prev_sid);
int smbc_add_logoff(struct smbc *c, struct smbc_msg *m);
int smbc_add_tree_connect(struct smbc *c, struct smbc_msg *m,
			  const char *unc);
int smbc_add_tree_disconnect(struct smbc *c, struct smbc_msg *m);
int smbc_add_create(struct smbc *c, struct smbc_msg *m,
		    const struct smbc_create_args *a);
int smbc_add_close(struct smbc *c, struct smbc_msg *m, struct smbc_fid f,
		   uint16_t flags);
int smbc_add_flush(struct smbc *c, struct smbc_msg *m, struct smbc_fid f);
int smbc_add_read(struct smbc *c, struct smbc_msg *m, struct smbc_fid f,
		  uint64_t off, uint32_t len);
int smbc_add_write(struct smbc *c, struct smbc_msg *m, struct smbc_fid f,
		   uint64_t off, const void *data, uint32_t len);
struct smbc_lock {
	uint64_t off, len;
	uint32_t flags;		/* 1 shared, 2 exclusive, 4 unlock, 0x10 fail */
};
int smbc_add_lock(struct smbc *c, struct smbc_msg *m, struct smbc_fid f,
		  const struct smbc_lock *l, unsigned int n);
int smbc_add_ioctl(struct smbc *c, struct smbc_msg *m, struct smbc_fid f,
		   uint32_t ctl, const void *in, uint32_t in_len,
		   uint32_t max_out, uint32_t flags);
int smbc_add_echo(struct smbc *c, struct smbc_msg *m);
/* CANCEL for @mid (or @async_id when non-zero); takes no MessageId. */
int smbc_add_cancel(struct smbc *c, struct smbc_msg *m, uint64_t mid,
		    uint64_t async_id);
int smbc_add_query_directory(struct smbc *c, struct smbc_msg *m,
			     struct smbc_fid f, uint8_t klass, uint8_t flags,
			     const char *pattern, uint32_t out_len);
int smbc_add_change_notify(struct smbc *c, struct smbc_msg *m,
			   struct smbc_fid f, uint16_t flags,
			   uint32_t filter, uint32_t out_len);
int smbc_add_query_info(struct smbc *c, struct smbc_msg *m,
			struct smbc_fid f, uint8_t type, uint8_t klass,
			uint32_t out_len, uint32_t addl, const void *in,
			uint32_t in_len);
int smbc_add_set_info(struct smbc *c, struct smbc_msg *m, struct smbc_fid f,
		      uint8_t type, uint8_t klass, uint32_t addl,
		      const void *data, uint32_t len);
int smbc_add_oplock_break(struct smbc *c, struct smbc_msg *m,
			  struct smbc_fid f, uint8_t level);

/* ---- sending and receiving (pdu.c, recv.c) ---- */
/* Link, sign and send @m.  Counts credits used.  0 or -errno. */
int smbc_send(struct smbc *c, struct smbc_msg *m);
void smbc_rsp_init(struct smbc_rsp *r);
void smbc_rsp_reset(struct smbc_rsp *r);
void smbc_rsp_free(struct smbc_rsp *r);
/*
 * Receive one frame and append its PDUs to @r: credits are added,
 * signatures checked (bad ones counted and marked).  Interim (PENDING
 * async) responses are kept too; see smbc_pdu_is_interim().
 */
int smbc_recv(struct smbc *c, struct smbc_rsp *r, int timeout_ms);
/*
 * Receive until every member of @m has a final (non-interim) response.
 * PDUs in @r are in arrival order.  -ETIMEDOUT, -ECONNRESET, ...
 */
int smbc_wait(struct smbc *c, const struct smbc_msg *m, struct smbc_rsp *r);
/* smbc_send() then smbc_wait(). */
int smbc_call(struct smbc *c, struct smbc_msg *m, struct smbc_rsp *r);
/* The final response with MessageId @mid in @r, or NULL. */
const struct smbc_pdu *smbc_rsp_find(const struct smbc_rsp *r, uint64_t mid);
bool smbc_pdu_is_interim(const struct smbc_pdu *p);
/* MessageId of member @i of @m. */
uint64_t smbc_msg_mid(const struct smbc_msg *m, unsigned int i);

/* ---- session (negotiate.c, session.c, tree.c) ---- */
/* NEGOTIATE: @dialect 0 offers all five. */
int smbc_negotiate(struct smbc *c, uint16_t dialect);
/* SESSION_SETUP with NTLMv2 (NULL/"" user: anonymous). Returns status
 * through @status (may be NULL). */
int smbc_session_setup(struct smbc *c, const struct smbc_opts *o,
		       uint32_t *status);
int smbc_tree_connect(struct smbc *c, const char *share, uint32_t *status);
/* connect + negotiate + session setup + tree connect (when o->share). */
int smbc_connect_login(struct smbc *c, const struct smbc_opts *o);
int smbc_logoff(struct smbc *c);

/* NTLMSSP pieces (ntlm.c), for tests that drive SESSION_SETUP by hand. */
struct smbc_ntlm {
	uint32_t flags;
	uint8_t negotiate[64];
	size_t negotiate_len;
	uint8_t *auth;		/* AUTHENTICATE, malloc'ed */
	size_t auth_len;
	uint8_t session_key[16];	/* ExportedSessionKey */
};
/* The NEGOTIATE message (first leg) into n->negotiate. */
void smbc_ntlm_negotiate(struct smbc_ntlm *n);
/* The AUTHENTICATE message from the server's CHALLENGE. */
int smbc_ntlm_authenticate(struct smbc_ntlm *n, const uint8_t *chal,
			   size_t chal_len, const char *user,
			   const char *domain, const char *pass);
void smbc_ntlm_free(struct smbc_ntlm *n);
/* SPNEGO wrapping (spnego_client.c).  Return the length or -ENOSPC. */
long smbc_spnego_init(uint8_t *out, size_t room, const uint8_t *tok,
		      size_t len);
long smbc_spnego_resp(uint8_t *out, size_t room, const uint8_t *tok,
		      size_t len);
/* Find the NTLMSSP message in a SPNEGO (or raw) security buffer. */
int smbc_spnego_token(const uint8_t *buf, size_t len, const uint8_t **tok,
		      size_t *tok_len);

/* ---- synchronous helpers (ops.c) ---- */
/* CREATE; the file id in *@f, NTSTATUS in *@status (may be NULL). */
int smbc_open(struct smbc *c, const struct smbc_create_args *a,
	      struct smbc_fid *f, uint32_t *status);
int smbc_close_fid(struct smbc *c, struct smbc_fid f);
/* WRITE/READ in max_write/max_read pieces; bytes done or -errno. */
long smbc_write_all(struct smbc *c, struct smbc_fid f, uint64_t off,
		    const void *data, size_t len);
long smbc_read_all(struct smbc *c, struct smbc_fid f, uint64_t off,
		   void *data, size_t len);
/* Simple create args: open-or-create a file read/write. */
struct smbc_create_args smbc_file_args(const char *name);

/* ---- utilities (util.c) ---- */
const char *smbc_status_name(uint32_t status);
const char *smbc_command_name(uint16_t cmd);
/* UTF-8 to UTF-16LE (ASCII-safe, \ for /).  Bytes written or -1. */
long smbc_utf16(const char *s, uint8_t *out, size_t room);
uint16_t smbc_parse_dialect(const char *s);	/* "3.1.1" -> 0x0311, 0 bad */
const char *smbc_dialect_name(uint16_t d);
/* Monotonic milliseconds. */
uint64_t smbc_now_ms(void);
/* Parse "user%pass" (static storage). */
void smbc_parse_userpass(const char *s, const char **user, const char **pass);

static inline uint16_t smbc_get16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static inline uint32_t smbc_get32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static inline uint64_t smbc_get64(const uint8_t *p)
{
	return (uint64_t)smbc_get32(p) | (uint64_t)smbc_get32(p + 4) << 32;
}

static inline void smbc_put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static inline void smbc_put32(uint8_t *p, uint32_t v)
{
	smbc_put16(p, (uint16_t)v);
	smbc_put16(p + 2, (uint16_t)(v >> 16));
}

static inline void smbc_put64(uint8_t *p, uint64_t v)
{
	smbc_put32(p, (uint32_t)v);
	smbc_put32(p + 4, (uint32_t)(v >> 32));
}

#endif /* SMBC_H */
