/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * "hosts allow" / "hosts deny": Samba's list syntax compiled into the
 * struct cifsd_host_rule arrays of cifsd_netlink.h, and the same
 * decision the kernel takes at accept time, for the daemon's checks at
 * TREE_CONNECT.  Precedence and syntax: cifsd.conf(5).
 */
#ifndef CIFSCTL_HOSTS_H
#define CIFSCTL_HOSTS_H

#include <cifsd_netlink.h>
#include <netdb.h>
#include <stdbool.h>
#include <stddef.h>

struct host_list {
	char *text;			/* canonical spelling; NULL: not set */
	struct cifsd_host_rule *rules;	/* never empty when text is set */
	size_t n;
};

/*
 * Called for every problem found while parsing; error is false for a
 * warning (the list is still usable).  msg has no file/line prefix.
 */
typedef void (*hosts_msg_fn)(void *ctx, bool error, const char *msg);

/*
 * Parse value (the text after "key =") into l, which must be zeroed or
 * freed.  key is the name used in messages.  An empty value leaves the
 * list unset.  Returns 0, or -1 after reporting at least one error (l is
 * then unset).
 */
int hosts_parse(const char *value, const char *key, struct host_list *l,
		hosts_msg_fn msg, void *ctx);
void hosts_free(struct host_list *l);
static inline bool hosts_set(const struct host_list *l)
{
	return l && l->text && l->n;
}

/*
 * Does the client address (text: "a.b.c.d", IPv6, "::ffff:a.b.c.d")
 * match the list?  An address that does not parse matches nothing.
 */
bool hosts_match(const struct host_list *l, const char *addr);
/*
 * Samba's decision for a client given both lists (either may be unset
 * or NULL).
 * A client address that does not parse is allowed only when neither list
 * is set.
 */
bool hosts_allowed(const struct host_list *allow,
		   const struct host_list *deny, const char *addr);

/* Replace getaddrinfo() for host names (tests); NULL restores it. */
typedef int (*hosts_resolver_fn)(const char *node, const char *service,
				 const struct addrinfo *hints,
				 struct addrinfo **res);
void hosts_set_resolver(hosts_resolver_fn fn, void (*free_fn)(struct addrinfo *));

#endif
