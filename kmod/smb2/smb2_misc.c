// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ECHO, CANCEL, and the commands CIFSD does not implement yet (LOCK,
 * CHANGE_NOTIFY, OPLOCK_BREAK acknowledgements), which get a clean status.
 */

#include "work.h"
#include "smb2_cmds.h"
#include "async.h"
#include "conn.h"
#include "debug.h"

int smb2_echo(struct cifsd_work *w)
{
	struct smb2_simple_rsp *rsp = smb2_rsp_fixed(w, sizeof(*rsp));

	if (rsp)
		rsp->StructureSize = cpu_to_le16(4);
	return 0;
}

/* 3.3.5.16: cancel a pending request; CANCEL itself gets no reply. */
int smb2_cancel(struct cifsd_work *w)
{
	struct smb2_hdr *h = smb2_req_hdr(w);
	bool is_async = h->Flags & SMB2_FLAGS_ASYNC_COMMAND;

	cifsd_dbg(SMB2, "%s: cancel %s %llu\n", w->conn->peer_str,
		  is_async ? "async id" : "mid",
		  is_async ? le64_to_cpu(h->id.AsyncId) :
			     le64_to_cpu(h->MessageId));
	cifsd_async_cancel(w->conn, is_async ? le64_to_cpu(h->id.AsyncId) :
					      le64_to_cpu(h->MessageId),
			   is_async, le64_to_cpu(h->SessionId));
	w->no_response = true;
	return 0;
}
