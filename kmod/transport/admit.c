// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Admission of new connections (admit.h).
 */
#include <linux/hash.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/jhash.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <net/genetlink.h>
#include <net/ipv6.h>

#include "admit.h"
#include "conn.h"
#include "server.h"
#include "stats.h"
#include "uapi/cifsd_netlink.h"

/* ---- hosts allow / hosts deny ---- */

struct cifsd_host_list {
	struct rcu_head rcu;
	u32 n;
	struct cifsd_host_rule rules[];
};

static struct cifsd_host_list __rcu *hosts_allow;
static struct cifsd_host_list __rcu *hosts_deny;
static DEFINE_MUTEX(hosts_lock);	/* writers */

void cifsd_addr_normalize(struct sockaddr_storage *ss)
{
	struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)ss;
	struct sockaddr_in s4 = { .sin_family = AF_INET };

	if (ss->ss_family != AF_INET6 ||
	    !ipv6_addr_v4mapped(&s6->sin6_addr))
		return;
	s4.sin_port = s6->sin6_port;
	s4.sin_addr.s_addr = s6->sin6_addr.s6_addr32[3];
	memset(ss, 0, sizeof(*ss));
	memcpy(ss, &s4, sizeof(s4));
}

/* The address bytes of @ss and their count; 0 for other families. */
static unsigned int addr_bytes(const struct sockaddr_storage *ss,
			       const u8 **p)
{
	if (ss->ss_family == AF_INET) {
		*p = (const u8 *)&((const struct sockaddr_in *)ss)->sin_addr;
		return 4;
	}
	if (ss->ss_family == AF_INET6) {
		*p = ((const struct sockaddr_in6 *)ss)->sin6_addr.s6_addr;
		return 16;
	}
	return 0;
}

static bool prefix_equal(const u8 *a, const u8 *b, unsigned int bits)
{
	unsigned int whole = bits / 8, rest = bits % 8;

	if (memcmp(a, b, whole))
		return false;
	if (!rest)
		return true;
	return !((a[whole] ^ b[whole]) & (0xff00 >> rest));
}

static bool rule_matches(const struct cifsd_host_rule *r,
			 const struct sockaddr_storage *ss)
{
	unsigned int n;
	const u8 *a;

	if (!r->family)
		return true;
	if (r->family != ss->ss_family)
		return false;
	n = addr_bytes(ss, &a);
	if (!n || r->prefix > n * 8)
		return false;
	return prefix_equal(a, r->addr, r->prefix);
}

/*
 * A list matches when a rule without EXCEPT matches and none of the
 * EXCEPT rules that follow it (up to the next rule without the flag)
 * does.
 */
static bool list_matches(const struct cifsd_host_list *l,
			 const struct sockaddr_storage *ss)
{
	u32 i, j;

	for (i = 0; i < l->n; i++) {
		if ((l->rules[i].flags & CIFSD_HOST_F_EXCEPT) ||
		    !rule_matches(&l->rules[i], ss))
			continue;
		for (j = i + 1; j < l->n; j++) {
			if (!(l->rules[j].flags & CIFSD_HOST_F_EXCEPT))
				break;
			if (rule_matches(&l->rules[j], ss))
				return false;
		}
		return true;
	}
	return false;
}

static bool is_loopback(const struct sockaddr_storage *ss)
{
	if (ss->ss_family == AF_INET)
		return ((const struct sockaddr_in *)ss)->sin_addr.s_addr ==
		       htonl(INADDR_LOOPBACK);
	if (ss->ss_family == AF_INET6)
		return ipv6_addr_loopback(&((const struct sockaddr_in6 *)ss)->sin6_addr);
	return false;
}

/* Samba's precedence (cifsd.conf(5), "hosts allow"). */
bool cifsd_hosts_allowed(const struct sockaddr_storage *ss)
{
	const struct cifsd_host_list *allow, *deny;
	bool has_allow, has_deny, ok;

	rcu_read_lock();
	allow = rcu_dereference(hosts_allow);
	deny = rcu_dereference(hosts_deny);
	has_allow = allow && allow->n;
	has_deny = deny && deny->n;
	if (is_loopback(ss))
		/* loopback: allowed unless denied and not also allowed */
		ok = !(has_deny && list_matches(deny, ss) &&
		       !(has_allow && list_matches(allow, ss)));
	else if (!has_allow && !has_deny)
		ok = true;
	else if (!has_deny)
		ok = list_matches(allow, ss);
	else if (!has_allow)
		ok = !list_matches(deny, ss);
	else
		ok = list_matches(allow, ss) || !list_matches(deny, ss);
	rcu_read_unlock();
	return ok;
}

static bool rule_valid(const struct cifsd_host_rule *r)
{
	switch (r->family) {
	case 0:
		return !r->prefix;
	case AF_INET:
		return r->prefix <= 32;
	case AF_INET6:
		return r->prefix <= 128;
	default:
		return false;
	}
}

int cifsd_hosts_set(bool allow, const struct nlattr *attr)
{
	struct cifsd_host_list *l = NULL, *old;
	u32 n = 0, i;

	if (attr) {
		if (nla_len(attr) % sizeof(struct cifsd_host_rule))
			return -EINVAL;
		n = nla_len(attr) / sizeof(struct cifsd_host_rule);
		if (n > CIFSD_HOST_RULES_MAX)
			return -E2BIG;
	}
	if (n) {
		l = kzalloc(struct_size(l, rules, n), GFP_KERNEL);
		if (!l)
			return -ENOMEM;
		l->n = n;
		memcpy(l->rules, nla_data(attr), n * sizeof(l->rules[0]));
		for (i = 0; i < n; i++) {
			if (!rule_valid(&l->rules[i]) ||
			    (l->rules[i].flags & ~CIFSD_HOST_F_EXCEPT)) {
				kfree(l);
				return -EINVAL;
			}
		}
	}
	mutex_lock(&hosts_lock);
	if (allow) {
		old = rcu_replace_pointer(hosts_allow, l,
					  lockdep_is_held(&hosts_lock));
	} else {
		old = rcu_replace_pointer(hosts_deny, l,
					  lockdep_is_held(&hosts_lock));
	}
	mutex_unlock(&hosts_lock);
	if (old)
		kfree_rcu(old, rcu);
	return 0;
}

u32 cifsd_hosts_count(bool allow)
{
	const struct cifsd_host_list *l;
	u32 n;

	rcu_read_lock();
	l = allow ? rcu_dereference(hosts_allow) : rcu_dereference(hosts_deny);
	n = l ? l->n : 0;
	rcu_read_unlock();
	return n;
}

void cifsd_hosts_exit(void)
{
	cifsd_hosts_set(true, NULL);
	cifsd_hosts_set(false, NULL);
	rcu_barrier();
}

/* ---- connection counts ---- */

#define PEER_HASH_BITS	8

struct cifsd_peer {
	struct hlist_node node;
	u8 family;
	u8 addr[16];
	u32 count;
};

static DEFINE_MUTEX(admit_lock);	/* peers, nr_conns */
static struct hlist_head peers[1 << PEER_HASH_BITS];
static u32 nr_conns;

/*
 * The bytes that identify one peer for "max connections per ip": the
 * IPv4 address, or the /64 prefix of an IPv6 address (one host usually
 * has a whole /64 to pick addresses from).
 */
static unsigned int peer_key(const struct sockaddr_storage *ss,
			     const u8 **a)
{
	unsigned int n = addr_bytes(ss, a);

	return n == 16 ? 8 : n;
}

static struct cifsd_peer *peer_find(const struct sockaddr_storage *ss,
				    struct hlist_head **headp)
{
	struct cifsd_peer *p;
	unsigned int n;
	const u8 *a;

	n = peer_key(ss, &a);
	*headp = &peers[jhash(a, n, ss->ss_family) &
			((1 << PEER_HASH_BITS) - 1)];
	hlist_for_each_entry(p, *headp, node)
		if (p->family == ss->ss_family && !memcmp(p->addr, a, n))
			return p;
	return NULL;
}

int cifsd_admit(struct cifsd_conn *conn)
{
	u32 max = cifsd_limit(max_connections);
	u32 per_ip = cifsd_limit(max_connections_per_ip);
	struct cifsd_peer *p, *fresh;
	struct hlist_head *head;
	const u8 *a = NULL;
	unsigned int n;
	int err = 0;

	if (!cifsd_hosts_allowed(&conn->peer)) {
		cifsd_stat_inc(CIFSD_STAT_REFUSED_HOSTS);
		return -EACCES;
	}
	fresh = kzalloc(sizeof(*fresh), GFP_KERNEL);
	if (!fresh)
		return -ENOMEM;
	mutex_lock(&admit_lock);
	p = peer_find(&conn->peer, &head);
	if (max && nr_conns >= max) {
		cifsd_stat_inc(CIFSD_STAT_REFUSED_MAX_CONNS);
		err = -EMFILE;
	} else if (per_ip && p && p->count >= per_ip) {
		cifsd_stat_inc(CIFSD_STAT_REFUSED_PER_IP);
		err = -EUSERS;
	} else {
		if (!p) {
			p = fresh;
			fresh = NULL;
			p->family = conn->peer.ss_family;
			n = peer_key(&conn->peer, &a);
			memcpy(p->addr, a, n);
			hlist_add_head(&p->node, head);
		}
		p->count++;
		nr_conns++;
		conn->peer_slot = p;
	}
	mutex_unlock(&admit_lock);
	kfree(fresh);
	return err;
}

void cifsd_admit_release(struct cifsd_conn *conn)
{
	struct cifsd_peer *p = conn->peer_slot;

	if (!p)
		return;
	mutex_lock(&admit_lock);
	nr_conns--;
	if (!--p->count)
		hlist_del(&p->node);
	else
		p = NULL;
	mutex_unlock(&admit_lock);
	conn->peer_slot = NULL;
	kfree(p);
}

u32 cifsd_admit_connections(void)
{
	return READ_ONCE(nr_conns);
}
