// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * IOCTL (MS-SMB2 3.3.5.15): the dispatcher.  FSCTL_VALIDATE_NEGOTIATE_INFO
 * (secure negotiate, 3.3.5.15.12) is answered here; the file system
 * controls live in one file per family (fsctl.h).  Other controls get a
 * clean status.
 */

#include "work.h"
#include "conn.h"
#include "server.h"
#include "smb2_cmds.h"
#include "smb2_pipe.h"
#include "smb2_fileops.h"
#include "file.h"
#include "fsctl.h"
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

u8 *smb2_fsctl_out(struct smb2_fsctl *x, size_t *room)
{
	if (!smb2_ioctl_begin(x->w))
		return NULL;
	*room = min_t(size_t, smb2_rsp_room(x->w), x->max_out);
	return smb2_rsp_buf(x->w);
}

void smb2_fsctl_done(struct smb2_fsctl *x, u32 len, __le32 status)
{
	smb2_ioctl_end(x->w, x->ctl, len);
	/* 3.3.4.4: some errors are sent with the IOCTL reply and its output */
	if (status != STATUS_SUCCESS)
		smb2_set_warning(x->w, status);
}

void smb2_fsctl_ok(struct smb2_fsctl *x)
{
	size_t room;

	if (smb2_fsctl_out(x, &room))
		smb2_fsctl_done(x, 0, STATUS_SUCCESS);
}

/* The file system controls of fsctl.h; they act on an open. */
static int smb2_fsctl(struct cifsd_work *w, u32 ctl)
{
	struct smb2_ioctl_req *req = smb2_req_body(w);
	struct smb2_fsctl x = {
		.w = w,
		.ctl = ctl,
		.in = (const u8 *)smb2_req_hdr(w) +
		      le32_to_cpu(req->InputOffset),
		.in_len = le32_to_cpu(req->InputCount),
		.max_out = le32_to_cpu(req->MaxOutputResponse),
	};
	int (*fn)(struct smb2_fsctl *x);
	int ret;

	switch (ctl) {
	case FSCTL_SRV_REQUEST_RESUME_KEY:
		fn = smb2_fsctl_resume_key;
		break;
	case FSCTL_SRV_COPYCHUNK:
	case FSCTL_SRV_COPYCHUNK_WRITE:
		fn = smb2_fsctl_copychunk;
		break;
	case FSCTL_DUPLICATE_EXTENTS_TO_FILE:
		fn = smb2_fsctl_dup_extents;
		break;
	case FSCTL_SET_SPARSE:
		fn = smb2_fsctl_set_sparse;
		break;
	case FSCTL_SET_ZERO_DATA:
		fn = smb2_fsctl_zero_data;
		break;
	case FSCTL_QUERY_ALLOCATED_RANGES:
		fn = smb2_fsctl_query_ranges;
		break;
	case FSCTL_FILE_LEVEL_TRIM:
		fn = smb2_fsctl_trim;
		break;
	case FSCTL_GET_COMPRESSION:
		fn = smb2_fsctl_get_compression;
		break;
	case FSCTL_SET_COMPRESSION:
		fn = smb2_fsctl_set_compression;
		break;
	case FSCTL_GET_OBJECT_ID:
	case FSCTL_CREATE_OR_GET_OBJECT_ID:
		fn = smb2_fsctl_object_id;
		break;
	case FSCTL_GET_NTFS_VOLUME_DATA:
		fn = smb2_fsctl_ntfs_volume_data;
		break;
	case FSCTL_SRV_ENUMERATE_SNAPSHOTS:
		fn = smb2_fsctl_snapshots;
		break;
	case FSCTL_LMR_REQUEST_RESILIENCY:
		fn = smb2_fsctl_resiliency;
		break;
	default:
		smb2_set_error(w, STATUS_NOT_SUPPORTED);
		return 0;
	}
	/* 3.3.5.15: the open first; a related FileId comes from before */
	x.f = smb2_get_open(w, req->PersistentFileId, req->VolatileFileId);
	if (!x.f)
		return 0;
	ret = fn(&x);
	cifsd_file_put(x.f);
	return ret;
}

/* FSCTL_QUERY_NETWORK_INTERFACE_INFO names no open (3.3.5.15.11). */
static int smb2_fsctl_no_open(struct cifsd_work *w, u32 ctl)
{
	struct smb2_ioctl_req *req = smb2_req_body(w);
	struct smb2_fsctl x = {
		.w = w,
		.ctl = ctl,
		.max_out = le32_to_cpu(req->MaxOutputResponse),
	};

	return smb2_fsctl_net_ifaces(&x);
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
	case FSCTL_QUERY_NETWORK_INTERFACE_INFO:
		return smb2_fsctl_no_open(w, ctl);
	case FSCTL_SRV_REQUEST_RESUME_KEY:
	case FSCTL_SRV_COPYCHUNK:
	case FSCTL_SRV_COPYCHUNK_WRITE:
	case FSCTL_DUPLICATE_EXTENTS_TO_FILE:
	case FSCTL_SET_SPARSE:
	case FSCTL_SET_ZERO_DATA:
	case FSCTL_QUERY_ALLOCATED_RANGES:
	case FSCTL_FILE_LEVEL_TRIM:
	case FSCTL_GET_COMPRESSION:
	case FSCTL_SET_COMPRESSION:
	case FSCTL_GET_OBJECT_ID:
	case FSCTL_CREATE_OR_GET_OBJECT_ID:
	case FSCTL_GET_NTFS_VOLUME_DATA:
	case FSCTL_SRV_ENUMERATE_SNAPSHOTS:
	case FSCTL_LMR_REQUEST_RESILIENCY:
		return smb2_fsctl(w, ctl);
	default:
		smb2_set_error(w, STATUS_NOT_SUPPORTED);
		return 0;
	}
}
