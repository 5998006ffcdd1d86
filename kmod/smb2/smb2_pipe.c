// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Named pipes on IPC$: SMB2 CREATE/CLOSE/READ/WRITE/IOCTL/QUERY_INFO on a
 * pipe tree relayed to the daemon as CIFSD_CMD_RPC (MS-SMB2 3.3.5.9,
 * 3.3.5.12, 3.3.5.13, 3.3.5.15.1).  Pipes are in message mode: a READ or
 * a transceive returns at most one message (one RPC fragment); when the
 * message does not fit, STATUS_BUFFER_OVERFLOW is returned with the part
 * that fits and the next READ continues the message.
 */
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/atomic.h>
#include "ipc.h"
#include "work.h"
#include "smb2_cmds.h"
#include "session.h"
#include "tree.h"
#include "file.h"
#include "fscc.h"
#include "wire/utf16.h"
#include "smb2_fileops.h"
#include "smb2_pipe.h"
#include "async.h"

#ifndef STATUS_PIPE_EMPTY
#define STATUS_PIPE_EMPTY		NT(0xC00000D9)
#endif
#ifndef STATUS_PIPE_DISCONNECTED
#define STATUS_PIPE_DISCONNECTED	NT(0xC00000B0)
#endif

#define FILE_PIPE_INFO_CLASS	23	/* FilePipeInformation, MS-FSCC 2.4.33 */

/* Payload overhead of a CIFSD_CMD_RPC request besides the data. */
#define PIPE_MSG_OVERHEAD	512

static const char * const pipe_names[] = {
	"srvsvc", "wkssvc", "winreg", "lsarpc", "samr",
};

static atomic64_t pipe_next_id = ATOMIC64_INIT(0);

struct pipe_call {
	u32 op;
	u64 id;
	const char *name;		/* OPEN */
	const struct cifsd_session *sess;	/* OPEN */
	const void *data;
	u32 len;
	u32 max_out;
};

static int pipe_fill(struct sk_buff *m, const void *arg)
{
	const struct pipe_call *c = arg;

	if (nla_put_u32(m, CIFSD_A_RPC_OP, c->op) ||
	    nla_put_u64_64bit(m, CIFSD_A_PIPE_ID, c->id, CIFSD_A_UNSPEC))
		return -EMSGSIZE;
	if (c->name && (nla_put_string(m, CIFSD_A_PIPE_NAME, c->name) ||
			nla_put_string(m, CIFSD_A_ACCOUNT,
				       c->sess->account ? c->sess->account : "") ||
			nla_put_u64_64bit(m, CIFSD_A_SESSION_ID, c->sess->id,
					  CIFSD_A_UNSPEC) ||
			nla_put_u32(m, CIFSD_A_LOGIN_FLAGS,
				    cifsd_session_login_flags(c->sess))))
		return -EMSGSIZE;
	if (c->len && nla_put(m, CIFSD_A_RPC_DATA, c->len, c->data))
		return -EMSGSIZE;
	if ((c->op == CIFSD_RPC_READ || c->op == CIFSD_RPC_TRANSACT) &&
	    nla_put_u32(m, CIFSD_A_RPC_MAX_OUT, c->max_out))
		return -EMSGSIZE;
	return 0;
}

/*
 * Send one call.  On success out and out_len point into @r (valid until
 * cifsd_ipc_reply_free) and more is the unread rest of the message.
 */
static __le32 pipe_call(const struct pipe_call *c, struct cifsd_ipc_reply *r,
			const u8 **out, u32 *out_len, u32 *more)
{
	struct nlattr *d;
	u32 st;

	if (cifsd_ipc_call_size(CIFSD_CMD_RPC, c->len + PIPE_MSG_OVERHEAD,
				pipe_fill, c, r))
		return STATUS_PIPE_DISCONNECTED;
	st = cifsd_ipc_status(r);
	if (st != CIFSD_STATUS_OK) {
		cifsd_ipc_reply_free(r);
		return st == CIFSD_STATUS_NO_SUCH_SHARE ?
		       STATUS_OBJECT_NAME_NOT_FOUND : STATUS_PIPE_DISCONNECTED;
	}
	if (!out)
		return STATUS_SUCCESS;
	d = r->attrs[CIFSD_A_RPC_DATA];
	*out = d ? nla_data(d) : NULL;
	*out_len = d ? nla_len(d) : 0;
	*more = r->attrs[CIFSD_A_RPC_MORE] ?
		nla_get_u32(r->attrs[CIFSD_A_RPC_MORE]) : 0;
	if (*out_len > c->max_out) {	/* the daemon broke the contract */
		cifsd_ipc_reply_free(r);
		return STATUS_PIPE_DISCONNECTED;
	}
	return STATUS_SUCCESS;
}

/*
 * A READ of an empty pipe waits for data without holding a worker: it
 * goes asynchronous and waits on the open's list of waiters until a
 * WRITE leaves a message in the pipe (a client may send the READ for a
 * response before the WRITE of its request has been processed: the
 * requests of a connection run concurrently).  Each waiter on the list
 * holds a reference on its request; the request holds one on the open.
 */
struct pipe_waiter {
	struct list_head node;		/* f->waiters */
	struct cifsd_async *a;
	struct cifsd_file *f;		/* counted */
};

/* Bytes of the next message waiting in the pipe (a READ of 0 bytes). */
static u32 pipe_pending(struct cifsd_file *f)
{
	struct pipe_call c = { .op = CIFSD_RPC_READ, .id = f->pipe_id };
	struct cifsd_ipc_reply r;
	const u8 *out;
	u32 out_len, more = 0;

	if (pipe_call(&c, &r, &out, &out_len, &more) != STATUS_SUCCESS)
		return 0;
	cifsd_ipc_reply_free(&r);
	return more;
}

/* A message is waiting: complete the oldest parked READ, if any. */
static void pipe_kick(struct cifsd_file *f)
{
	struct pipe_waiter *pw;

	mutex_lock(&f->lock);
	pw = list_first_entry_or_null(&f->waiters, struct pipe_waiter, node);
	if (pw)
		list_del_init(&pw->node);
	mutex_unlock(&f->lock);
	if (!pw)
		return;
	cifsd_async_complete(pw->a, STATUS_SUCCESS);
	cifsd_async_put(pw->a);		/* the list's */
}

static int pipe_read_fill(struct cifsd_work *w, struct cifsd_file *f);

static int pipe_read_complete(struct cifsd_work *w)
{
	struct pipe_waiter *pw = w->async->priv;

	return pipe_read_fill(w, pw->f);
}

/* Cancelled (CANCEL, CLOSE, logoff): off the list, if still on it. */
static void pipe_read_cancel(struct cifsd_async *a)
{
	struct pipe_waiter *pw = a->priv;
	bool listed;

	mutex_lock(&pw->f->lock);
	listed = !list_empty(&pw->node);
	list_del_init(&pw->node);
	mutex_unlock(&pw->f->lock);
	if (listed)
		cifsd_async_put(a);	/* the list's */
}

static void pipe_read_release(struct cifsd_async *a)
{
	struct pipe_waiter *pw = a->priv;

	cifsd_file_put(pw->f);
	kfree(pw);
}

static const struct cifsd_async_ops pipe_read_ops = {
	.complete = pipe_read_complete,
	.cancel = pipe_read_cancel,
	.release = pipe_read_release,
};

/* Park a READ of an empty pipe on @f (the caller's reference moves). */
static void pipe_read_park(struct cifsd_work *w, struct cifsd_file *f)
{
	struct pipe_waiter *pw;
	struct cifsd_async *a;

	pw = kzalloc(sizeof(*pw), GFP_KERNEL);
	if (!pw) {
		cifsd_file_put(f);
		smb2_set_error(w, STATUS_INSUFFICIENT_RESOURCES);
		return;
	}
	pw->f = f;
	INIT_LIST_HEAD(&pw->node);
	a = smb2_go_async(w, &pipe_read_ops, pw, f);
	if (!a) {
		cifsd_file_put(f);
		kfree(pw);
		return;
	}
	pw->a = a;		/* the caller's reference goes to the list */
	mutex_lock(&f->lock);
	list_add_tail(&pw->node, &f->waiters);
	mutex_unlock(&f->lock);
	/* a WRITE may have left its message before we were listed */
	if (pipe_pending(f))
		pipe_kick(f);
}

void smb2_pipe_release(struct cifsd_file *f)
{
	struct pipe_call c = { .op = CIFSD_RPC_CLOSE, .id = f->pipe_id };
	struct cifsd_ipc_reply r;

	if (pipe_call(&c, &r, NULL, NULL, NULL) == STATUS_SUCCESS)
		cifsd_ipc_reply_free(&r);
}

/* "\PIPE\srvsvc", "\srvsvc", "srvsvc" (any case) -> canonical name. */
static const char *pipe_canonical(const char *name)
{
	size_t i;

	if (!strncasecmp(name, "\\PIPE\\", 6))
		name += 6;
	else if (*name == '\\')
		name++;
	for (i = 0; i < ARRAY_SIZE(pipe_names); i++)
		if (!strcasecmp(name, pipe_names[i]))
			return pipe_names[i];
	return NULL;
}

static struct cifsd_file *pipe_get_open(struct cifsd_work *w, __le64 pfid,
					__le64 vfid)
{
	u64 p = le64_to_cpu(pfid), v = le64_to_cpu(vfid);
	struct cifsd_file *f;

	if (!smb2_resolve_fid(w, &p, &v))
		return NULL;
	f = cifsd_file_lookup(w, p, v);
	if (!f || !f->pipe_id) {
		if (f)
			cifsd_file_put(f);
		smb2_set_error(w, STATUS_FILE_CLOSED);
		return NULL;
	}
	smb2_set_compound_fid(w, p, v);
	return f;
}

int smb2_pipe_create(struct cifsd_work *w)
{
	struct smb2_create_req *req = smb2_req_body(w);
	struct smb2_create_rsp *rsp;
	u16 noff = le16_to_cpu(req->NameOffset);
	u16 nlen = le16_to_cpu(req->NameLength);
	struct pipe_call c = { .op = CIFSD_RPC_OPEN, .sess = w->sess };
	struct cifsd_ipc_reply r;
	struct cifsd_file *f;
	char name[CIFSD_PIPE_NAME_MAX + 8];
	__le32 status;
	int err;

	if ((nlen & 1) || !nlen ||
	    noff < SMB2_HDR_SIZE + offsetof(struct smb2_create_req, Buffer) ||
	    !wire_range_ok(w->pdu_len, noff, nlen)) {
		smb2_set_error(w, STATUS_INVALID_PARAMETER);
		return 0;
	}
	if (utf16le_to_utf8((const u8 *)smb2_req_hdr(w) + noff, nlen, name,
			    sizeof(name)) < 0)
		name[0] = 0;
	c.name = pipe_canonical(name);
	if (!c.name) {
		smb2_set_error(w, STATUS_OBJECT_NAME_NOT_FOUND);
		return 0;
	}
	f = cifsd_file_alloc(w, NULL);
	if (!f) {
		smb2_set_error(w, STATUS_NO_MEMORY);
		return 0;
	}
	f->access = smb2_map_generic(le32_to_cpu(req->DesiredAccess));
	c.id = atomic64_inc_return(&pipe_next_id);
	status = pipe_call(&c, &r, NULL, NULL, NULL);
	if (status != STATUS_SUCCESS) {
		cifsd_file_put(f);
		smb2_set_error(w, status);
		return 0;
	}
	cifsd_ipc_reply_free(&r);
	f->pipe_id = c.id;	/* from now on the last put closes it */
	err = cifsd_file_insert(&w->sess->files, f);
	if (err) {
		cifsd_file_put(f);
		smb2_set_error(w, err == -ENFILE ?
				  STATUS_TOO_MANY_OPENED_FILES :
				  STATUS_NETWORK_NAME_DELETED);
		return 0;
	}

	rsp = smb2_rsp_begin(w, offsetof(struct smb2_create_rsp, Buffer));
	if (rsp) {
		rsp->StructureSize = cpu_to_le16(89);
		rsp->OplockLevel = SMB2_OPLOCK_LEVEL_NONE;
		rsp->CreateAction = cpu_to_le32(FILE_OPENED);
		rsp->AllocationSize = cpu_to_le64(4096);
		rsp->FileAttributes = cpu_to_le32(FILE_ATTRIBUTE_NORMAL);
		rsp->PersistentFileId = cpu_to_le64(f->persistent_id);
		rsp->VolatileFileId = cpu_to_le64(f->volatile_id);
		smb2_rsp_end(w, 0);
	}
	smb2_set_compound_fid(w, f->persistent_id, f->volatile_id);
	cifsd_file_put(f);
	return 0;
}

int smb2_pipe_close(struct cifsd_work *w)
{
	struct smb2_close_req *req = smb2_req_body(w);
	struct smb2_close_rsp *rsp;
	struct cifsd_file *f;

	f = pipe_get_open(w, req->PersistentFileId, req->VolatileFileId);
	if (!f)
		return 0;
	if (!cifsd_file_remove(&w->sess->files, f)) {
		cifsd_file_put(f);
		smb2_set_error(w, STATUS_FILE_CLOSED);
		return 0;
	}
	/* a READ parked on the pipe ends with the pipe */
	cifsd_async_cancel_matching(w->conn, NULL, NULL, f,
				    STATUS_PIPE_CLOSED);
	cifsd_file_put(f);	/* the table's reference */
	cifsd_file_put(f);	/* ours; the last one tells the daemon */
	rsp = smb2_rsp_fixed(w, sizeof(*rsp));
	if (rsp)
		rsp->StructureSize = cpu_to_le16(60);
	return 0;
}

int smb2_pipe_write(struct cifsd_work *w)
{
	struct smb2_write_req *req = smb2_req_body(w);
	struct smb2_write_rsp *rsp;
	u16 doff = le16_to_cpu(req->DataOffset);
	u32 len = le32_to_cpu(req->Length);
	struct pipe_call c = { .op = CIFSD_RPC_WRITE };
	struct cifsd_ipc_reply r;
	struct cifsd_file *f;
	__le32 status;

	f = pipe_get_open(w, req->PersistentFileId, req->VolatileFileId);
	if (!f)
		return 0;
	if (len > CIFSD_RPC_DATA_MAX ||
	    (len && (doff < SMB2_HDR_SIZE +
			    offsetof(struct smb2_write_req, Buffer) ||
		     !wire_range_ok(w->pdu_len, doff, len)))) {
		cifsd_file_put(f);
		smb2_set_error(w, STATUS_INVALID_PARAMETER);
		return 0;
	}
	c.id = f->pipe_id;
	c.data = (const u8 *)smb2_req_hdr(w) + doff;
	c.len = len;
	status = pipe_call(&c, &r, NULL, NULL, NULL);
	if (status != STATUS_SUCCESS) {
		cifsd_file_put(f);
		smb2_set_error(w, status);
		return 0;
	}
	/* the daemon says how much of a reply message now waits */
	if (r.attrs[CIFSD_A_RPC_MORE] && nla_get_u32(r.attrs[CIFSD_A_RPC_MORE]))
		pipe_kick(f);
	cifsd_ipc_reply_free(&r);
	cifsd_file_put(f);
	rsp = smb2_rsp_begin(w, sizeof(*rsp));
	if (rsp) {
		rsp->StructureSize = cpu_to_le16(17);
		rsp->DataLength = cpu_to_le32(len);
		smb2_rsp_end(w, 0);
	}
	return 0;
}

/*
 * Fill a READ reply from the pipe: 1 when done (data or an error), 0 when
 * the pipe is empty and nothing was written.
 */
static int pipe_read_try(struct cifsd_work *w, struct cifsd_file *f)
{
	struct smb2_read_req *req = smb2_req_body(w);
	struct smb2_read_rsp *rsp;
	struct pipe_call c = { .op = CIFSD_RPC_READ, .id = f->pipe_id };
	struct cifsd_ipc_reply r;
	const u8 *out;
	u32 out_len, more;
	__le32 status;

	rsp = smb2_rsp_begin(w, sizeof(*rsp));
	if (!rsp)
		return 1;
	c.max_out = min_t(size_t, le32_to_cpu(req->Length),
			  min_t(size_t, smb2_rsp_room(w), CIFSD_RPC_DATA_MAX));
	status = pipe_call(&c, &r, &out, &out_len, &more);
	if (status != STATUS_SUCCESS) {
		smb2_set_error(w, status);
		return 1;
	}
	if (!out_len) {
		cifsd_ipc_reply_free(&r);
		return 0;
	}
	memcpy(smb2_rsp_buf(w), out, out_len);
	cifsd_ipc_reply_free(&r);
	rsp->StructureSize = cpu_to_le16(17);
	rsp->DataOffset = SMB2_HDR_SIZE + offsetof(struct smb2_read_rsp, Buffer);
	rsp->DataLength = cpu_to_le32(out_len);
	smb2_rsp_end(w, out_len);
	if (more)
		smb2_set_warning(w, STATUS_BUFFER_OVERFLOW);
	return 1;
}

/* The final reply of a parked READ: the message that woke it. */
static int pipe_read_fill(struct cifsd_work *w, struct cifsd_file *f)
{
	if (!pipe_read_try(w, f))
		smb2_set_error(w, STATUS_PIPE_EMPTY);	/* taken by another */
	return 0;
}

int smb2_pipe_read(struct cifsd_work *w)
{
	struct smb2_read_req *req = smb2_req_body(w);
	struct cifsd_file *f;

	f = pipe_get_open(w, req->PersistentFileId, req->VolatileFileId);
	if (!f)
		return 0;
	if (pipe_read_try(w, f)) {
		cifsd_file_put(f);
		return 0;
	}
	pipe_read_park(w, f);
	return 0;
}

int smb2_pipe_transceive(struct cifsd_work *w)
{
	struct smb2_ioctl_req *req = smb2_req_body(w);
	u32 ioff = le32_to_cpu(req->InputOffset);
	u32 ilen = le32_to_cpu(req->InputCount);
	struct pipe_call c = { .op = CIFSD_RPC_TRANSACT };
	struct cifsd_ipc_reply r;
	struct cifsd_file *f;
	const u8 *out;
	u32 out_len, more;
	__le32 status;

	if (!w->tree->is_pipe) {	/* as before pipes existed */
		smb2_set_error(w, STATUS_NOT_SUPPORTED);
		return 0;
	}
	f = pipe_get_open(w, req->PersistentFileId, req->VolatileFileId);
	if (!f)
		return 0;
	if (ilen > CIFSD_RPC_DATA_MAX ||
	    (ilen && !wire_range_ok(w->pdu_len, ioff, ilen))) {
		cifsd_file_put(f);
		smb2_set_error(w, STATUS_INVALID_PARAMETER);
		return 0;
	}
	if (!smb2_ioctl_begin(w)) {
		cifsd_file_put(f);
		return 0;
	}
	c.id = f->pipe_id;
	c.data = (const u8 *)smb2_req_hdr(w) + ioff;
	c.len = ilen;
	c.max_out = min_t(size_t, le32_to_cpu(req->MaxOutputResponse),
			  min_t(size_t, smb2_rsp_room(w), CIFSD_RPC_DATA_MAX));
	status = pipe_call(&c, &r, &out, &out_len, &more);
	cifsd_file_put(f);
	if (status != STATUS_SUCCESS) {
		smb2_set_error(w, status);
		return 0;
	}
	memcpy(smb2_rsp_buf(w), out, out_len);
	cifsd_ipc_reply_free(&r);
	smb2_ioctl_end(w, FSCTL_PIPE_TRANSCEIVE, out_len);
	if (more)
		smb2_set_warning(w, STATUS_BUFFER_OVERFLOW);
	return 0;
}

/* FileStandardInformation of a pipe (MS-FSCC 2.4.41). */
int smb2_pipe_query_info(struct cifsd_work *w)
{
	struct smb2_query_info_req *req = smb2_req_body(w);
	struct smb2_query_info_rsp *rsp;
	struct cifsd_file *f;
	u8 *b;

	f = pipe_get_open(w, req->PersistentFileId, req->VolatileFileId);
	if (!f)
		return 0;
	cifsd_file_put(f);
	if (req->InfoType != SMB2_O_INFO_FILE ||
	    req->FileInfoClass != FILE_STANDARD_INFORMATION) {
		smb2_set_error(w, STATUS_NOT_SUPPORTED);
		return 0;
	}
	if (le32_to_cpu(req->OutputBufferLength) < 24) {
		smb2_set_error(w, STATUS_INFO_LENGTH_MISMATCH);
		return 0;
	}
	rsp = smb2_rsp_begin(w, sizeof(*rsp));
	if (!rsp)
		return 0;
	if (smb2_rsp_room(w) < 24) {
		smb2_set_error(w, STATUS_INSUFFICIENT_RESOURCES);
		return 0;
	}
	b = smb2_rsp_buf(w);
	memset(b, 0, 24);
	put_unaligned_le64(4096, b);		/* AllocationSize */
	put_unaligned_le64(0, b + 8);		/* EndOfFile */
	put_unaligned_le32(1, b + 16);		/* NumberOfLinks */
	b[20] = 0;				/* DeletePending */
	b[21] = 0;				/* Directory */
	rsp->StructureSize = cpu_to_le16(9);
	rsp->OutputBufferOffset = cpu_to_le16(SMB2_HDR_SIZE + sizeof(*rsp));
	rsp->OutputBufferLength = cpu_to_le32(24);
	smb2_rsp_end(w, 24);
	return 0;
}

/* Pipe mode changes are accepted and ignored: pipes stay message mode. */
int smb2_pipe_set_info(struct cifsd_work *w)
{
	struct smb2_set_info_req *req = smb2_req_body(w);
	struct smb2_set_info_rsp *rsp;
	struct cifsd_file *f;

	f = pipe_get_open(w, req->PersistentFileId, req->VolatileFileId);
	if (!f)
		return 0;
	cifsd_file_put(f);
	if (req->InfoType != SMB2_O_INFO_FILE ||
	    req->FileInfoClass != FILE_PIPE_INFO_CLASS) {
		smb2_set_error(w, STATUS_NOT_SUPPORTED);
		return 0;
	}
	rsp = smb2_rsp_fixed(w, sizeof(*rsp));
	if (rsp)
		rsp->StructureSize = cpu_to_le16(2);
	return 0;
}
