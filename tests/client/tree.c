// SPDX-License-Identifier: GPL-2.0-or-later
/* TREE_CONNECT and TREE_DISCONNECT (MS-SMB2 2.2.9 - 2.2.12). */
#include "smbc_int.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

int smbc_add_tree_connect(struct smbc *c, struct smbc_msg *m,
			  const char *unc)
{
	uint8_t *b = smbc_add(c, m, SMBC_TREE_CONNECT, 8, 0);
	long n;

	if (!b)
		return -ENOMEM;
	smbc_put16(b, 9);
	smbc_set_off16(m, 4);
	n = smbc_append_utf16(m, unc);
	if (n < 0)
		return (int)n;
	b = smbc_msg_hdr(m, m->n - 1) + SMBC_HDR_SIZE;
	smbc_put16(b + 6, (uint16_t)n);
	return 0;
}

int smbc_add_tree_disconnect(struct smbc *c, struct smbc_msg *m)
{
	uint8_t *b = smbc_add(c, m, SMBC_TREE_DISCONNECT, 4, 0);

	if (!b)
		return -ENOMEM;
	smbc_put16(b, 4);
	return 0;
}

int smbc_tree_connect(struct smbc *c, const char *share, uint32_t *status)
{
	const struct smbc_pdu *p;
	struct smbc_msg m;
	struct smbc_rsp r;
	char unc[512];
	int rc;

	if (share[0] == '\\' || share[0] == '/')
		snprintf(unc, sizeof(unc), "%s", share);
	else
		snprintf(unc, sizeof(unc), "\\\\127.0.0.1\\%s", share);
	smbc_msg_init(&m);
	smbc_rsp_init(&r);
	rc = smbc_add_tree_connect(c, &m, unc);
	if (!rc)
		rc = smbc_call(c, &m, &r);
	if (!rc) {
		p = smbc_rsp_find(&r, smbc_msg_mid(&m, 0));
		if (!p)
			rc = -EPROTO;
		else if (status)
			*status = p->status;
		if (p && p->status != SMBC_STATUS_SUCCESS)
			rc = -EACCES;
		if (!rc && p->body_len >= 16) {
			c->tree_id = smbc_get32(p->hdr + SMBC_HO_TID);
			c->share_type = p->body[2];
			c->maximal_access = smbc_get32(p->body + 12);
		}
	}
	smbc_msg_free(&m);
	smbc_rsp_free(&r);
	return rc;
}
