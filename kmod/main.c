// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * CIFSD: an SMB2/SMB3 file server in the kernel.
 *
 * Module load registers the generic netlink family; nothing listens until
 * cifsctl sends CIFSD_CMD_START_SERVER.  Unload stops the server first.
 */

#include <linux/module.h>

#include "vfs/meta.h"
#include "server.h"
#include "ipc.h"
#include "stats.h"
#include "admit.h"
#include "notify.h"
#include "durable.h"
#include "dirlease.h"

#define CIFSD_VERSION "0.1.0"

static int __init cifsd_init(void)
{
	int err;

	err = cifsd_meta_init();
	if (err)
		return err;
	err = cifsd_notify_init();
	if (err)
		goto out_meta;
	err = cifsd_dirlease_init();
	if (err)
		goto out_notify_only;
	err = cifsd_server_init();
	if (err)
		goto out_notify;
	err = cifsd_sysfs_init();
	if (err) {
		cifsd_server_exit();
		goto out_notify;
	}
	err = cifsd_netlink_init();
	if (err) {
		cifsd_sysfs_exit();
		cifsd_server_exit();
		goto out_notify;
	}
	pr_info("cifsd: version %s loaded\n", CIFSD_VERSION);
	return 0;
out_notify:
	cifsd_dirlease_exit();
out_notify_only:
	cifsd_notify_exit();
out_meta:
	cifsd_meta_exit();
	return err;
}

static void __exit cifsd_exit(void)
{
	/* No new daemon messages, then no server, then no workers. */
	cifsd_netlink_exit();
	cifsd_sysfs_exit();
	cifsd_server_exit();
	cifsd_durable_exit();
	cifsd_hosts_exit();
	cifsd_dirlease_exit();
	cifsd_notify_exit();
	cifsd_meta_exit();
}

module_init(cifsd_init);
module_exit(cifsd_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("CIFSD SMB2/SMB3 file server");
MODULE_VERSION(CIFSD_VERSION);
MODULE_ALIAS_GENL_FAMILY(CIFSD_GENL_NAME);
MODULE_SOFTDEP("pre: hmac sha256 sha512 md5 cmac aes ecb");
