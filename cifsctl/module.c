// SPDX-License-Identifier: GPL-2.0-only
/* Loading cifsd.ko with libkmod. */
#include "module.h"
#include "util.h"

#include <errno.h>
#include <libkmod.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

static void explain(int err, const char *what)
{
	struct utsname u;

	uname(&u);
	switch (err) {
	case ENOSYS:
		err_msg("cannot load %s: this kernel cannot load modules", what);
		break;
	case EPERM:
		if (geteuid() != 0)
			err_msg("cannot load %s: permission denied (run as root)", what);
		else
			err_msg("cannot load %s: this kernel cannot load modules (loading is disabled)",
				what);
		break;
	case ENOEXEC:
		err_msg("cannot load %s: not a valid module for kernel %s (rebuild it)",
			what, u.release);
		break;
	case EBUSY:
		err_msg("cannot load %s: module is in use or busy", what);
		break;
	case ENOENT:
		err_msg("cannot load %s: module not found", what);
		break;
	default:
		err_msg("cannot load %s: %s", what, strerror(err));
		break;
	}
}

static int insert_path(struct kmod_ctx *ctx, const char *path)
{
	struct kmod_module *mod = NULL;
	int err = kmod_module_new_from_path(ctx, path, &mod);

	if (err < 0) {
		explain(-err, path);
		return -1;
	}
	err = kmod_module_insert_module(mod, 0, NULL);
	kmod_module_unref(mod);
	if (err < 0 && err != -EEXIST) {
		explain(-err, path);
		return -1;
	}
	return 0;
}

static int insert_by_name(struct kmod_ctx *ctx)
{
	struct kmod_list *list = NULL;
	struct kmod_module *mod;
	struct utsname u;
	int err = kmod_module_new_from_lookup(ctx, CIFSD_MODULE_NAME, &list);

	if (err < 0 || !list) {
		uname(&u);
		err_msg("cannot load module " CIFSD_MODULE_NAME
			": not found for kernel %s (install cifsd.ko or use --module PATH)",
			u.release);
		return -1;
	}
	mod = kmod_module_get_module(list);
	kmod_module_unref_list(list);
	err = kmod_module_probe_insert_module(mod, 0, NULL, NULL, NULL, NULL);
	kmod_module_unref(mod);
	if (err < 0 && err != -EEXIST) {
		explain(-err, "module " CIFSD_MODULE_NAME);
		return -1;
	}
	return 0;
}

int module_load(const char *path)
{
	struct kmod_ctx *ctx;
	int ret;

	if (access("/proc/modules", F_OK) < 0) {
		err_msg("cannot load %s: this kernel cannot load modules (no /proc/modules)",
			path ? path : "module " CIFSD_MODULE_NAME);
		return -1;
	}
	ctx = kmod_new(NULL, NULL);
	if (!ctx) {
		err_msg("cannot load module " CIFSD_MODULE_NAME ": libkmod failed to initialise");
		return -1;
	}
	ret = path ? insert_path(ctx, path) : insert_by_name(ctx);
	kmod_unref(ctx);
	return ret;
}
