// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SMB2 NEGOTIATE (MS-SMB2 3.3.5.4) and SMB 3.1.1 preauth integrity.
 */

#include <linux/slab.h>
#include <linux/random.h>

#include "work.h"
#include "conn.h"
#include "server.h"
#include "smb2_cmds.h"
#include "uapi/cifsd_netlink.h"
#include "wire/negotiate.h"
#include "wire/spnego.h"
#include "wire/kdf.h"

int smb2_preauth_update(u8 *hash, const void *msg, size_t len)
{
	return smb311_preauth_update(hash, msg, len);
}

static u16 smb2_pick_dialect(const struct smb2_negotiate_info *ni)
{
	const struct cifsd_server_config *cfg = &cifsd_srv.cfg;
	u16 best = 0;
	int i;

	for (i = 0; i < ni->count; i++) {
		u16 d = ni->dialects[i];

		if (d < cfg->min_dialect || d > cfg->max_dialect)
			continue;
		if (d != SMB20_PROT_ID && d != SMB21_PROT_ID &&
		    d != SMB30_PROT_ID && d != SMB302_PROT_ID &&
		    d != SMB311_PROT_ID)
			continue;
		if (d > best)
			best = d;
	}
	return best;
}

static bool u16_listed(const u16 *a, int n, u16 v)
{
	int i;

	for (i = 0; i < n; i++)
		if (a[i] == v)
			return true;
	return false;
}

/*
 * 3.3.5.4 leaves the choice to the server: the fastest algorithm the
 * client offers (AES-GMAC, then AES-CMAC, then HMAC-SHA256); AES-CMAC
 * when none is known.
 */
static u16 smb2_pick_signing(const struct smb2_negotiate_info *ni)
{
	static const u16 pref[] = {
		SMB2_SIGNING_AES_GMAC, SMB2_SIGNING_AES_CMAC,
		SMB2_SIGNING_HMAC_SHA256,
	};
	int i;

	if (!ni->has_signing_ctx)
		return SMB2_SIGNING_AES_CMAC;
	for (i = 0; i < ARRAY_SIZE(pref); i++)
		if (u16_listed(ni->signing_algs, ni->signing_count, pref[i]))
			return pref[i];
	return SMB2_SIGNING_AES_CMAC;
}

/*
 * The cipher of the connection (Connection.CipherId), 0 for none: the
 * first the 3.1.1 client lists (it orders them by preference), AES-128-CCM
 * for a 3.0/3.0.2 client that has SMB2_GLOBAL_CAP_ENCRYPTION.  Nothing
 * when "server smb encrypt = off".
 */
static u16 smb2_pick_cipher(const struct smb2_negotiate_info *ni, u16 dialect)
{
	if (dialect < SMB30_PROT_ID)
		return 0;
	if (dialect == SMB311_PROT_ID)
		return ni->cipher_count ? ni->ciphers[0] : 0;
	return (ni->capabilities & SMB2_GLOBAL_CAP_ENCRYPTION) ?
	       SMB2_ENCRYPTION_AES128_CCM : 0;
}

/* Limits and capabilities that follow from the dialect. */
static void smb2_set_dialect(struct cifsd_conn *conn, u16 dialect)
{
	conn->dialect = dialect;
	conn->capabilities = 0;
	if (dialect == SMB20_PROT_ID || dialect == SMB2X_PROT_ID) {
		conn->max_trans_size = CIFSD_SMALL_IO_SIZE;
		conn->max_read_size = CIFSD_SMALL_IO_SIZE;
		conn->max_write_size = CIFSD_SMALL_IO_SIZE;
	} else {
		conn->capabilities |= SMB2_GLOBAL_CAP_LARGE_MTU;
		if (cifsd_limit(smb2_leases))
			conn->capabilities |= SMB2_GLOBAL_CAP_LEASING;
		/* directory leases: SMB 3.x (dirlease.h) */
		if (cifsd_limit(smb2_leases) && cifsd_limit(dir_leases) &&
		    dialect >= SMB30_PROT_ID)
			conn->capabilities |=
				SMB2_GLOBAL_CAP_DIRECTORY_LEASING;
		conn->max_trans_size = CIFSD_MAX_IO_SIZE;
		conn->max_read_size = CIFSD_MAX_IO_SIZE;
		conn->max_write_size = CIFSD_MAX_IO_SIZE;
	}
	if (dialect >= SMB30_PROT_ID && conn->signing_algorithm ==
	    SMB2_SIGNING_HMAC_SHA256 && dialect != SMB311_PROT_ID)
		conn->signing_algorithm = SMB2_SIGNING_AES_CMAC;
	/* 2.2.4: the encryption capability is for 3.0 and 3.0.2 only */
	if (conn->cipher && dialect != SMB311_PROT_ID)
		conn->capabilities |= SMB2_GLOBAL_CAP_ENCRYPTION;
}

int smb2_build_negotiate_rsp(struct cifsd_work *w, u16 dialect)
{
	struct smb2_negotiate_rsp *rsp = smb2_rsp_begin(w, sizeof(*rsp));
	struct cifsd_conn *conn = w->conn;
	size_t room, off, sec_len, ctx_len;
	u16 ctx_count;
	u16 mode = SMB2_NEGOTIATE_SIGNING_ENABLED;
	u8 salt[32], *buf;
	struct smb2_neg_ctx_out o = {
		.preauth_alg = SMB2_PREAUTH_INTEGRITY_SHA512,
		.salt = salt,
		/* no cipher in common is answered with cipher 0 */
		.cipher_ctx = conn->cipher_offered,
		.cipher = conn->cipher,
		.signing_ctx = conn->signing_ctx_offered,
		.signing_alg = conn->signing_algorithm,
	};
	int err;

	if (!rsp)
		return -ENOSPC;
	room = smb2_rsp_room(w);
	buf = smb2_rsp_buf(w);
	if (cifsd_srv.cfg.signing == CIFSD_SIGNING_MANDATORY)
		mode |= SMB2_NEGOTIATE_SIGNING_REQUIRED;

	rsp->StructureSize = cpu_to_le16(65);
	rsp->SecurityMode = cpu_to_le16(mode);
	rsp->DialectRevision = cpu_to_le16(dialect);
	memcpy(rsp->ServerGUID, cifsd_srv.guid, sizeof(rsp->ServerGUID));
	rsp->Capabilities = cpu_to_le32(conn->capabilities);
	rsp->MaxTransactSize = cpu_to_le32(conn->max_trans_size);
	rsp->MaxReadSize = cpu_to_le32(conn->max_read_size);
	rsp->MaxWriteSize = cpu_to_le32(conn->max_write_size);
	rsp->SystemTime = cpu_to_le64(cifsd_nt_time_now());
	rsp->ServerStartTime = 0;

	/* Security buffer: SPNEGO NegTokenInit offering NTLMSSP. */
	err = spnego_build_init(buf, room, &sec_len);
	if (err)
		return err;
	rsp->SecurityBufferOffset = cpu_to_le16(SMB2_HDR_SIZE + sizeof(*rsp));
	rsp->SecurityBufferLength = cpu_to_le16(sec_len);
	off = sec_len;		/* from the start of the variable part */

	if (dialect == SMB311_PROT_ID) {
		/* Contexts start 8-byte aligned from the SMB2 header. */
		size_t start = ALIGN(SMB2_HDR_SIZE + sizeof(*rsp) + off, 8) -
			       SMB2_HDR_SIZE - sizeof(*rsp);

		if (start > room)
			return -ENOSPC;
		memset(buf + off, 0, start - off);
		get_random_bytes(salt, sizeof(salt));
		err = smb2_build_negotiate_contexts(buf + start, room - start,
						    &o, &ctx_len, &ctx_count);
		/* SMB 3.1.1 POSIX extensions: always on offer when asked */
		if (!err && conn->posix_ctx_offered)
			err = smb2_append_posix_context(buf + start,
							room - start, &ctx_len,
							&ctx_count);
		if (err)
			return err;
		rsp->NegotiateContextOffset =
			cpu_to_le32(SMB2_HDR_SIZE + sizeof(*rsp) + start);
		rsp->NegotiateContextCount = cpu_to_le16(ctx_count);
		off = start + ctx_len;
	}
	smb2_rsp_end(w, off);
	return 0;
}

static void smb2_remember_client(struct cifsd_conn *conn,
				 const struct smb2_negotiate_info *ni)
{
	int n = min_t(int, ni->count, ARRAY_SIZE(conn->client_dialects));

	conn->client_security_mode = ni->security_mode;
	conn->client_capabilities = ni->capabilities;
	memcpy(conn->client_guid, ni->client_guid, sizeof(conn->client_guid));
	memcpy(conn->client_dialects, ni->dialects, n * sizeof(u16));
	conn->client_dialect_count = n;
	conn->signing_ctx_offered = ni->has_signing_ctx;
	conn->cipher_offered = ni->has_encryption_ctx;
	conn->posix_ctx_offered = ni->has_posix_ctx;
}

int smb2_negotiate(struct cifsd_work *w)
{
	struct cifsd_conn *conn = w->conn;
	struct smb2_negotiate_info *ni;
	u16 dialect;
	int err;

	/* 3.3.5.4: a second NEGOTIATE on a negotiated connection. */
	if (READ_ONCE(conn->state) == CIFSD_CONN_NEGOTIATED) {
		w->disconnect = true;
		return 0;
	}
	ni = kzalloc(sizeof(*ni), GFP_KERNEL);
	if (!ni)
		return -ENOMEM;
	err = smb2_parse_negotiate((u8 *)smb2_req_hdr(w), w->pdu_len, ni);
	if (err) {
		smb2_set_error(w, STATUS_INVALID_PARAMETER);
		goto out;
	}
	dialect = smb2_pick_dialect(ni);
	if (!dialect) {
		smb2_set_error(w, STATUS_NOT_SUPPORTED);
		goto out;
	}
	smb2_remember_client(conn, ni);
	conn->signing_algorithm = dialect >= SMB30_PROT_ID ?
				  SMB2_SIGNING_AES_CMAC :
				  SMB2_SIGNING_HMAC_SHA256;
	if (dialect == SMB311_PROT_ID) {
		if (!ni->has_preauth) {
			smb2_set_error(w, STATUS_INVALID_PARAMETER);
			goto out;
		}
		conn->signing_algorithm = smb2_pick_signing(ni);
		/* H0 = 0; H1 = SHA-512(H0 || NEGOTIATE request) */
		memset(conn->preauth_hash, 0, sizeof(conn->preauth_hash));
		err = smb2_preauth_update(conn->preauth_hash, smb2_req_hdr(w),
					  w->pdu_len);
		if (err) {
			smb2_set_error(w, STATUS_INTERNAL_ERROR);
			err = 0;
			goto out;
		}
	}
	/* "server smb encrypt = off": as if the client offered nothing */
	if (READ_ONCE(cifsd_srv.cfg.encrypt) == CIFSD_ENCRYPT_OFF)
		conn->cipher_offered = false;
	else
		conn->cipher = smb2_pick_cipher(ni, dialect);
	smb2_set_dialect(conn, dialect);
	conn->signing_required =
		cifsd_srv.cfg.signing == CIFSD_SIGNING_MANDATORY ||
		(ni->security_mode & SMB2_NEGOTIATE_SIGNING_REQUIRED);
	err = smb2_build_negotiate_rsp(w, dialect);
	if (err) {
		smb2_set_error(w, STATUS_INTERNAL_ERROR);
		err = 0;
		goto out;
	}
	WRITE_ONCE(conn->state, CIFSD_CONN_NEGOTIATED);
out:
	kfree(ni);
	return err;
}
