/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef CIFSCTL_MODULE_H
#define CIFSCTL_MODULE_H

#define CIFSD_MODULE_NAME "cifsd"

/*
 * Load cifsd.ko: by name through modules.dep, or the file at path when
 * path is not NULL.  Already loaded is fine.  Returns 0, or -1 after
 * printing one line saying why.
 */
int module_load(const char *path);

#endif
