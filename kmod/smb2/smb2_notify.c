// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SMB2 CHANGE_NOTIFY (MS-SMB2 3.3.5.19): the wire side of state/notify.c.
 * A request finds changes already buffered, or waits for them
 * asynchronously; CANCEL ends it with STATUS_CANCELLED, closing the
 * directory with STATUS_NOTIFY_CLEANUP.
 */
#include "work.h"
#include "conn.h"
#include "file.h"
#include "notify.h"
#include "async.h"
#include "smb2_cmds.h"
#include "smb2_fileops.h"

#include <linux/slab.h>

static const struct cifsd_async_ops notify_ops = {
	.complete = smb2_change_notify,
	.cancel = cifsd_notify_cancel,
	.release = cifsd_notify_waiter_release,
	.gone_status = STATUS_NOTIFY_CLEANUP,
};

/* Nothing buffered: wait for a change without holding a worker. */
static void notify_park(struct cifsd_work *w, struct cifsd_file *f)
{
	struct cifsd_async *a;
	void *nw;

	/*
	 * Not the last member of a compound: Windows fails a request that
	 * would go asynchronous there (MS-SMB2 3.3.5.2.7, its product
	 * behavior notes); the watch stays and buffers changes.
	 */
	if (smb2_req_hdr(w)->NextCommand) {
		smb2_set_error(w, STATUS_INTERNAL_ERROR);
		return;
	}
	nw = cifsd_notify_waiter_alloc(f);
	if (!nw) {
		smb2_set_error(w, STATUS_INSUFFICIENT_RESOURCES);
		return;
	}
	a = smb2_go_async(w, &notify_ops, nw, f);
	if (!a) {
		kfree(nw);
		return;
	}
	/* a change may have come in while we parked: then reply now */
	if (cifsd_notify_wait(a))
		cifsd_async_complete(a, STATUS_SUCCESS);
	cifsd_async_put(a);
}

int smb2_change_notify(struct cifsd_work *w)
{
	struct smb2_change_notify_req *req = smb2_req_body(w);
	u32 olen = le32_to_cpu(req->OutputBufferLength);
	u32 filter = le32_to_cpu(req->CompletionFilter);
	struct smb2_query_directory_rsp *rsp;
	struct cifsd_file *f;
	__le32 status = STATUS_SUCCESS;
	int n;

	f = smb2_get_open(w, req->PersistentFileId, req->VolatileFileId);
	if (!f)
		return 0;
	if (!f->is_dir || !filter || (filter & ~FILE_NOTIFY_CHANGE_ALL) ||
	    olen > w->conn->max_trans_size)
		status = STATUS_INVALID_PARAMETER;
	else if (!(f->access & FILE_LIST_DIRECTORY))
		status = STATUS_ACCESS_DENIED;
	if (status != STATUS_SUCCESS)
		goto out;
	n = cifsd_notify_watch(f, filter,
			       le16_to_cpu(req->Flags) & SMB2_WATCH_TREE, olen);
	if (n) {
		status = n == -ENOBUFS ? STATUS_INSUFFICIENT_RESOURCES :
					 STATUS_NO_MEMORY;
		goto out;
	}
	/* 2.2.36: the reply has the layout of a QUERY_DIRECTORY reply */
	rsp = smb2_rsp_begin(w, sizeof(*rsp));
	if (!rsp)
		goto put;
	n = cifsd_notify_take(f, smb2_rsp_buf(w),
			      min_t(u32, olen, smb2_rsp_room(w)));
	if (n == -EAGAIN) {
		notify_park(w, f);
		goto put;
	}
	if (n < 0) {
		status = n == -ENOSPC ? STATUS_NOTIFY_ENUM_DIR :
					STATUS_NO_MEMORY;
		goto out;
	}
	rsp->StructureSize = cpu_to_le16(9);
	rsp->OutputBufferOffset = cpu_to_le16(n ? SMB2_HDR_SIZE + sizeof(*rsp) :
					      0);
	rsp->OutputBufferLength = cpu_to_le32(n);
	smb2_rsp_end(w, n);
	goto put;
out:
	smb2_set_error(w, status);
put:
	cifsd_file_put(f);
	return 0;
}
