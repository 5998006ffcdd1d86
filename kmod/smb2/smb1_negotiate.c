// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SMB1 -> SMB2 upgrade (MS-SMB2 3.3.5.3).  CIFSD does not speak SMB1; an
 * SMB1 NEGOTIATE that offers "SMB 2.???" is answered with an SMB2 NEGOTIATE
 * response naming the 0x02FF wildcard (the client then negotiates again in
 * SMB2), one that offers only "SMB 2.002" gets dialect 0x0202 directly.
 * Anything else closes the connection.
 */

#include <linux/mm.h>

#include "work.h"
#include "conn.h"
#include "server.h"
#include "smb2_cmds.h"
#include "uapi/cifsd_netlink.h"
#include "wire/negotiate.h"
#include "wire/netbios.h"

#define SMB1_NEG_RSP_CAP	(NB_HDR_SIZE + SMB2_HDR_SIZE + 1024)

void smb1_negotiate(struct cifsd_work *w)
{
	struct cifsd_conn *conn = w->conn;
	struct smb2_hdr *rsp;
	bool smb2002 = false, wild = false;
	u16 dialect;

	if (smb1_parse_negotiate(w->req, w->req_len, &smb2002, &wild)) {
		w->disconnect = true;
		return;
	}
	if (wild && cifsd_srv.cfg.max_dialect > SMB20_PROT_ID)
		dialect = SMB2X_PROT_ID;
	else if ((smb2002 || wild) &&
		 cifsd_srv.cfg.min_dialect == SMB20_PROT_ID)
		dialect = SMB20_PROT_ID;
	else {
		w->disconnect = true;
		return;
	}

	/* 3.3.5.2.3: an SMB1 NEGOTIATE uses MessageId 0 */
	if (!cifsd_credits_consume(&conn->credits, 0, 1) ||
	    !cifsd_work_alloc_rsp(w, SMB1_NEG_RSP_CAP)) {
		w->disconnect = true;
		return;
	}
	memset(w->rsp, 0, SMB1_NEG_RSP_CAP);
	w->rsp_pdu_off = NB_HDR_SIZE;
	w->rsp_budget = SMB1_NEG_RSP_CAP - NB_HDR_SIZE - SMB2_HDR_SIZE;

	rsp = smb2_rsp_hdr(w);
	rsp->ProtocolId = SMB2_PROTO_NUMBER;
	rsp->StructureSize = cpu_to_le16(SMB2_HDR_SIZE);
	rsp->Command = cpu_to_le16(SMB2_NEGOTIATE);
	rsp->Flags = SMB2_FLAGS_SERVER_TO_REDIR;
	rsp->CreditRequest = cpu_to_le16(cifsd_credits_grant(&conn->credits,
					 1, cifsd_limit(max_credits)));

	conn->signing_algorithm = SMB2_SIGNING_HMAC_SHA256;
	conn->signing_required =
		cifsd_srv.cfg.signing == CIFSD_SIGNING_MANDATORY;
	conn->dialect = dialect;
	conn->capabilities = 0;
	if (smb2_build_negotiate_rsp(w, dialect)) {
		w->disconnect = true;
		return;
	}
	w->rsp_len = w->rsp_pdu_off + SMB2_HDR_SIZE + w->rsp_body_len;
	/* After 0x02FF the client negotiates again, in SMB2. */
	if (dialect == SMB20_PROT_ID)
		WRITE_ONCE(conn->state, CIFSD_CONN_NEGOTIATED);
}
