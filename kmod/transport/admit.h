/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Admission of new connections, decided by the listener right after
 * accept and before any protocol work: the global "hosts allow" and
 * "hosts deny" lists (Samba's precedence, see cifsd.conf(5)), then
 * "max connections" and "max connections per ip".  A refused connection
 * is closed at once; established connections are never dropped by a
 * limit.
 *
 * The host lists are replaced as a whole (RCU) on start and reload.  The
 * per-address counts live in a small hash table of struct cifsd_peer,
 * one entry per address with connections, freed with its last one.
 */
#ifndef CIFSD_ADMIT_H
#define CIFSD_ADMIT_H

#include <linux/socket.h>
#include <linux/types.h>

struct cifsd_conn;
struct nlattr;

/*
 * Admit @conn (conn->peer set): 0, or -EACCES (hosts lists), -EMFILE
 * (max connections) or -EUSERS (max connections per ip), each counted in
 * the stats.  On success the connection counts against the limits until
 * cifsd_admit_release().
 */
int cifsd_admit(struct cifsd_conn *conn);
void cifsd_admit_release(struct cifsd_conn *conn);

/*
 * Is @addr allowed by the lists?  Used by the listener (through
 * cifsd_admit) and available to anyone else.
 */
bool cifsd_hosts_allowed(const struct sockaddr_storage *addr);

/* Replace one list from a CIFSD_A_HOSTS_* attribute (NULL: empty). */
int cifsd_hosts_set(bool allow, const struct nlattr *attr);
/* Rules in one list, for /sys/fs/cifsd/limits. */
u32 cifsd_hosts_count(bool allow);
/* Module unload. */
void cifsd_hosts_exit(void);

/* Connections now, server-wide. */
u32 cifsd_admit_connections(void);

/* IPv4-mapped IPv6 -> IPv4, in place. */
void cifsd_addr_normalize(struct sockaddr_storage *ss);

#endif /* CIFSD_ADMIT_H */
