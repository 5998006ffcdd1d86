// SPDX-License-Identifier: GPL-2.0-or-later
/* The "debug" module parameter (see debug.h). */

#include <linux/module.h>
#include <linux/moduleparam.h>

#include "debug.h"

unsigned int cifsd_debug_mask __read_mostly;
module_param_named(debug, cifsd_debug_mask, uint, 0644);
MODULE_PARM_DESC(debug,
		 "debug messages per component, a bitmask: 1 conn, 2 auth, 4 smb2, 8 vfs, 16 ipc");

static const char *const cifsd_dbg_names[] = {
	[CIFSD_DBG_CONN] = "conn",
	[CIFSD_DBG_AUTH] = "auth",
	[CIFSD_DBG_SMB2] = "smb2",
	[CIFSD_DBG_VFS] = "vfs",
	[CIFSD_DBG_IPC] = "ipc",
};

const char *cifsd_dbg_name(enum cifsd_dbg_component comp)
{
	if ((unsigned int)comp >= ARRAY_SIZE(cifsd_dbg_names))
		return "?";
	return cifsd_dbg_names[comp];
}
