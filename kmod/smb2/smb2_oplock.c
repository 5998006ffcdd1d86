// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Break notifications and their acknowledgments (smb2_oplock.h).
 */
#include <linux/slab.h>
#include <linux/mm.h>

#include "smb2_oplock.h"
#include "oplock.h"
#include "inode.h"
#include "file.h"
#include "session.h"
#include "conn.h"
#include "work.h"
#include "smb2_fileops.h"
#include "wire/netbios.h"
#include "wire/smb2pdu.h"
#include "wire/break_ack.h"

struct cifsd_break_msg {
	struct list_head node;
	struct cifsd_conn *conn;	/* counted */
	u8 *buf;			/* RFC1002 header + SMB2 header + body */
	size_t len;
};

/* A server-to-client notification: 3.3.4.6 / 3.3.4.7 header. */
static struct cifsd_break_msg *msg_new(struct cifsd_conn *conn,
				       u64 session_id, size_t body)
{
	struct cifsd_break_msg *m;
	struct smb2_hdr *h;

	m = kzalloc(sizeof(*m), GFP_KERNEL);
	if (!m)
		return NULL;
	m->len = NB_HDR_SIZE + SMB2_HDR_SIZE + body;
	m->buf = kvzalloc(m->len, GFP_KERNEL);
	if (!m->buf) {
		kfree(m);
		return NULL;
	}
	nb_put_hdr(m->buf, m->len - NB_HDR_SIZE);
	h = (struct smb2_hdr *)(m->buf + NB_HDR_SIZE);
	h->ProtocolId = SMB2_PROTO_NUMBER;
	h->StructureSize = cpu_to_le16(SMB2_HDR_SIZE);
	h->Command = cpu_to_le16(SMB2_OPLOCK_BREAK);
	h->Flags = SMB2_FLAGS_SERVER_TO_REDIR;
	h->MessageId = cpu_to_le64(U64_MAX);
	h->SessionId = cpu_to_le64(session_id);
	m->conn = cifsd_conn_get(conn);
	return m;
}

static void *msg_body(struct cifsd_break_msg *m)
{
	return m->buf + NB_HDR_SIZE + SMB2_HDR_SIZE;
}

void cifsd_break_msg_oplock(struct cifsd_file *f, u8 level,
			    struct list_head *out)
{
	struct smb2_oplock_break *b;
	struct cifsd_break_msg *m;

	m = msg_new(f->sess->conn, f->sess->id, sizeof(*b));
	if (!m)
		return;		/* the break then ends by its timeout */
	b = msg_body(m);
	b->StructureSize = cpu_to_le16(24);
	b->OplockLevel = level;
	b->PersistentFid = cpu_to_le64(f->persistent_id);
	b->VolatileFid = cpu_to_le64(f->volatile_id);
	list_add_tail(&m->node, out);
}

/*
 * The connection to tell about @l (referenced): the client's oldest
 * connection, else that of one of its opens; NULL if only disconnected
 * durable opens hold it.
 */
static struct cifsd_conn *lease_conn(struct cifsd_lease *l)
{
	struct cifsd_conn *conn = NULL, *oldest;
	struct cifsd_file *f;

	list_for_each_entry(f, &l->ci->opens, ci_node) {
		if (f->lease == l && !f->dh.disconnected) {
			conn = f->sess->conn;
			break;
		}
	}
	if (!conn)
		return NULL;
	oldest = memchr_inv(l->client_guid, 0, sizeof(l->client_guid)) ?
		 cifsd_conn_find_client(l->client_guid) : NULL;
	return oldest ?: cifsd_conn_get(conn);
}

void cifsd_break_msg_lease(struct cifsd_lease *l, u32 cur, u32 to,
			   bool ack_required, struct list_head *out)
{
	struct cifsd_conn *conn = lease_conn(l);
	struct smb2_lease_break *b;
	struct cifsd_break_msg *m;

	if (!conn)
		return;
	m = msg_new(conn, 0, sizeof(*b));
	cifsd_conn_put(conn);
	if (!m)
		return;
	b = msg_body(m);
	b->StructureSize = cpu_to_le16(44);
	b->NewEpoch = cpu_to_le16(l->version == 2 ? l->epoch : 0);
	b->Flags = cpu_to_le32(ack_required ?
			       SMB2_NOTIFY_BREAK_LEASE_FLAG_ACK_REQUIRED : 0);
	memcpy(b->LeaseKey, l->key, sizeof(b->LeaseKey));
	b->CurrentLeaseState = cpu_to_le32(cur);
	b->NewLeaseState = cpu_to_le32(to);
	list_add_tail(&m->node, out);
}

void cifsd_break_msgs_send(struct list_head *msgs)
{
	struct cifsd_break_msg *m, *tmp;

	list_for_each_entry_safe(m, tmp, msgs, node) {
		list_del(&m->node);
		cifsd_conn_charge(m->conn, m->len);
		cifsd_conn_send_buf(m->conn, m->buf, m->len, m->len);
		cifsd_conn_put(m->conn);
		kfree(m);
	}
}

/* 3.3.5.22.1 */
static void oplock_ack(struct cifsd_work *w, const struct smb2_break_ack *a)
{
	struct smb2_oplock_break *rsp;
	struct cifsd_file *f;
	u8 granted = SMB2_OPLOCK_LEVEL_NONE;
	__le32 status;

	f = smb2_get_open(w, cpu_to_le64(a->persistent_fid),
			  cpu_to_le64(a->volatile_fid));
	if (!f)
		return;
	status = cifsd_oplock_ack(f, a->oplock_level, &granted);
	cifsd_file_put(f);
	if (status != STATUS_SUCCESS) {
		smb2_set_error(w, status);
		return;
	}
	rsp = smb2_rsp_fixed(w, sizeof(*rsp));
	if (!rsp)
		return;
	rsp->StructureSize = cpu_to_le16(24);
	rsp->OplockLevel = granted;
	rsp->PersistentFid = cpu_to_le64(a->persistent_fid);
	rsp->VolatileFid = cpu_to_le64(a->volatile_fid);
}

/* 3.3.5.22.2 */
static void lease_ack(struct cifsd_work *w, const struct smb2_break_ack *a)
{
	struct smb2_lease_ack *rsp;
	u32 granted = 0;
	__le32 status;

	if (w->conn->dialect < SMB21_PROT_ID) {
		smb2_set_error(w, STATUS_INVALID_PARAMETER);
		return;
	}
	status = cifsd_lease_ack(w->conn, a->lease_key, a->lease_state,
				 &granted);
	if (status != STATUS_SUCCESS) {
		smb2_set_error(w, status);
		return;
	}
	rsp = smb2_rsp_fixed(w, sizeof(*rsp));
	if (!rsp)
		return;
	rsp->StructureSize = cpu_to_le16(36);
	memcpy(rsp->LeaseKey, a->lease_key, sizeof(rsp->LeaseKey));
	rsp->LeaseState = cpu_to_le32(granted);
}

int smb2_oplock_break(struct cifsd_work *w)
{
	struct smb2_break_ack a;

	if (smb2_parse_break_ack(smb2_req_body(w), smb2_req_body_len(w), &a))
		smb2_set_error(w, STATUS_INVALID_PARAMETER);
	else if (a.lease)
		lease_ack(w, &a);
	else
		oplock_ack(w, &a);
	return 0;
}
