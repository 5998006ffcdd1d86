/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Per-component debug messages, switched by the module parameter
 * "debug" (/sys/module/cifsd/parameters/debug, a bitmask; "cifsctl
 * debug" sets it).  When a component is off a call site costs one test
 * of a __read_mostly word.
 */
#ifndef CIFSD_DEBUG_H
#define CIFSD_DEBUG_H

#include <linux/cache.h>
#include <linux/compiler.h>
#include <linux/printk.h>

/* Bit numbers; cifsctl/cmd_debug.c lists the same names in this order. */
enum cifsd_dbg_component {
	CIFSD_DBG_CONN,		/* connection accept and close */
	CIFSD_DBG_AUTH,		/* session setup results */
	CIFSD_DBG_SMB2,		/* error statuses sent */
	CIFSD_DBG_VFS,		/* file system operations */
	CIFSD_DBG_IPC,		/* requests to the user-space daemon */
};

extern unsigned int cifsd_debug_mask __read_mostly;

#define cifsd_dbg_on(comp) \
	unlikely(READ_ONCE(cifsd_debug_mask) & (1U << CIFSD_DBG_##comp))

/* cifsd_dbg(AUTH, "user %s logged on\n", name); */
#define cifsd_dbg(comp, fmt, ...)					\
	do {								\
		if (cifsd_dbg_on(comp))					\
			pr_info_ratelimited("cifsd: %s: " fmt,		\
					    cifsd_dbg_name(CIFSD_DBG_##comp), \
					    ##__VA_ARGS__);		\
	} while (0)

const char *cifsd_dbg_name(enum cifsd_dbg_component comp);

#endif
