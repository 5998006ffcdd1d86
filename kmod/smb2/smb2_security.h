/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * NT security descriptors on files (smb2_security.c): QUERY_INFO and
 * SET_INFO SMB2_0_INFO_SECURITY, the SecD create context, and the access
 * check CREATE does when an object carries an NT ACL.
 *
 * The descriptor a client sets is kept whole in trusted.cifsd.ntacl
 * (written with the server's credentials after the WRITE_DAC /
 * WRITE_OWNER check); its owner and group are also applied with
 * chown(2) when they are Unix SIDs (S-1-22-1-uid, S-1-22-2-gid), and the
 * ACEs for the owner, the group and Everyone are mapped onto the mode
 * bits.  An object without one gets a descriptor derived from its owner,
 * group and mode.  When an object has an NT ACL, CREATE grants what that
 * ACL grants (MS-DTYP 2.5.3.2) and opens the file with the server's
 * credentials; without one, the POSIX permissions decide as before.
 */
#ifndef CIFSD_SMB2_SECURITY_H
#define CIFSD_SMB2_SECURITY_H

#include "work.h"

struct cifsd_file;
struct path;

void smb2_query_security(struct cifsd_file *f, u32 info, u8 *buf,
			 size_t cap, size_t *len, size_t *need,
			 __le32 *status);
__le32 smb2_set_security(struct cifsd_file *f, u32 info, const u8 *buf,
			 u32 len);

/*
 * If @p carries an NT ACL: *granted = what it grants the current user,
 * return true.  False when the object has none (POSIX rules apply).
 */
bool smb2_ntacl_access(const struct path *p, u32 *granted);

/*
 * A newly created object: store the descriptor of a SecD create context
 * (already checked with smb2_secd_check()), or the ACEs it inherits from
 * its parent's NT ACL.
 */
__le32 smb2_secd_check(const u8 *buf, u32 len);
__le32 smb2_new_object_security(const struct path *p, const struct path *dir,
				const u8 *secd, u32 secd_len);

#endif /* CIFSD_SMB2_SECURITY_H */
