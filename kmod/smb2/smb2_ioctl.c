// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * IOCTL (MS-SMB2 3.3.5.15).  Implemented: FSCTL_VALIDATE_NEGOTIATE_INFO
 * (secure negotiate, 3.3.5.15.12).  Other controls get a clean status.
 */

#include "work.h"
#include "conn.h"
#include "server.h"
#include "smb2_cmds.h"
#include "smb2_pipe.h"
#include "smb2_reparse.h"
#include "wire/reparse.h"
#include "uapi/cifsd_netlink.h"

struct smb2_ioctl_rsp *smb2_ioctl_begin(struct cifsd_work *w)
{
	return smb2_rsp_begin(w, sizeof(struct smb2_ioctl_rsp));
}

void smb2_ioctl_end(struct cifsd_work *w, u32 ctl, u32 out_len)
{
	struct smb2_ioctl_req *req = smb2_req_body(w);
	struct smb2_ioctl_rsp *rsp = smb2_rsp_body(w);

	rsp->StructureSize = cpu_to_le16(49);
	rsp->CtlCode = cpu_to_le32(ctl);
	rsp->PersistentFileId = req->PersistentFileId;
	rsp->VolatileFileId = req->VolatileFileId;
	rsp->InputOffset = cpu_to_le32(SMB2_HDR_SIZE + sizeof(*rsp));
	rsp->InputCount = 0;
	rsp->OutputOffset = cpu_to_le32(SMB2_HDR_SIZE + sizeof(*rsp));
	rsp->OutputCount = cpu_to_le32(out_len);
	rsp->Flags = 0;
	smb2_rsp_end(w, out_len);
}

static int smb2_validate_negotiate(struct cifsd_work *w)
{
	struct smb2_ioctl_req *req = smb2_req_body(w);
	struct cifsd_conn *conn = w->conn;
	const struct validate_negotiate_info_req *vin;
	struct validate_negotiate_info_rsp *vout;
	u32 in_len = le32_to_cpu(req->InputCount);
	u16 mode = SMB2_NEGOTIATE_SIGNING_ENABLED;
	u16 i, n, best = 0;

	/* 3.1.1 protects negotiation with preauth integrity instead. */
	if (conn->dialect == SMB311_PROT_ID)
		return -EPROTO;
	if (in_len < sizeof(*vin) ||
	    le32_to_cpu(req->MaxOutputResponse) < sizeof(*vout)) {
		smb2_set_error(w, STATUS_INVALID_PARAMETER);
		return 0;
	}
	vin = (void *)((u8 *)smb2_req_hdr(w) + le32_to_cpu(req->InputOffset));
	n = le16_to_cpu(vin->DialectCount);
	if (in_len < sizeof(*vin) + (size_t)n * 2)
		return -EPROTO;
	for (i = 0; i < n; i++) {
		u16 d = get_unaligned_le16(&vin->Dialects[i]);

		if (d >= cifsd_srv.cfg.min_dialect &&
		    d <= cifsd_srv.cfg.max_dialect && d <= SMB302_PROT_ID &&
		    d > best)
			best = d;
	}
	/* Any difference from what was negotiated means tampering. */
	if (best != conn->dialect ||
	    memcmp(vin->Guid, conn->client_guid, sizeof(vin->Guid)) ||
	    le16_to_cpu(vin->SecurityMode) != conn->client_security_mode ||
	    le32_to_cpu(vin->Capabilities) != conn->client_capabilities)
		return -EPROTO;

	if (cifsd_srv.cfg.signing == CIFSD_SIGNING_MANDATORY)
		mode |= SMB2_NEGOTIATE_SIGNING_REQUIRED;
	if (!smb2_ioctl_begin(w))
		return 0;
	if (smb2_rsp_room(w) < sizeof(*vout)) {
		smb2_set_error(w, STATUS_INSUFFICIENT_RESOURCES);
		return 0;
	}
	vout = (void *)smb2_rsp_buf(w);
	vout->Capabilities = cpu_to_le32(conn->capabilities);
	memcpy(vout->Guid, cifsd_srv.guid, sizeof(vout->Guid));
	vout->SecurityMode = cpu_to_le16(mode);
	vout->Dialect = cpu_to_le16(conn->dialect);
	smb2_ioctl_end(w, FSCTL_VALIDATE_NEGOTIATE_INFO, sizeof(*vout));
	return 0;
}

int smb2_ioctl(struct cifsd_work *w)
{
	struct smb2_ioctl_req *req = smb2_req_body(w);
	u32 ctl = le32_to_cpu(req->CtlCode);

	if (!(le32_to_cpu(req->Flags) & SMB2_0_IOCTL_IS_FSCTL)) {
		smb2_set_error(w, STATUS_NOT_SUPPORTED);
		return 0;
	}
	switch (ctl) {
	case FSCTL_VALIDATE_NEGOTIATE_INFO:
		return smb2_validate_negotiate(w);
	case FSCTL_PIPE_TRANSCEIVE:
		return smb2_pipe_transceive(w);
	case FSCTL_SET_REPARSE_POINT:
		return smb2_fsctl_set_reparse(w);
	case FSCTL_GET_REPARSE_POINT:
		return smb2_fsctl_get_reparse(w);
	case FSCTL_DELETE_REPARSE_POINT:
		return smb2_fsctl_delete_reparse(w);
	case FSCTL_DFS_GET_REFERRALS:
		smb2_set_error(w, STATUS_FS_DRIVER_REQUIRED);
		return 0;
	default:
		smb2_set_error(w, STATUS_NOT_SUPPORTED);
		return 0;
	}
}
