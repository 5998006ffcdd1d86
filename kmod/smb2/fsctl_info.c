// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Informational controls: FSCTL_GET_OBJECT_ID and
 * FSCTL_CREATE_OR_GET_OBJECT_ID (MS-FSA 2.1.5.10.6, .16),
 * FSCTL_GET_NTFS_VOLUME_DATA (2.1.5.10.15), FSCTL_SRV_ENUMERATE_SNAPSHOTS
 * (MS-SMB2 3.3.5.15.1: CIFSD serves no previous versions, so the list is
 * empty) and FSCTL_QUERY_NETWORK_INTERFACE_INFO (3.3.5.15.11).
 *
 * The interface list is built at most every NETIF_REFRESH (RTNL held,
 * ethtool asked for link speeds) and served from a static copy between,
 * so clients asking over and over cannot keep RTNL busy.
 *
 * Object ids are not stored: each file's id is derived from what
 * identifies it on the server (inode number and generation, file system
 * id), so it is stable for the life of the file and the same for every
 * client, and "create" and "get" return the same id.
 */
#include <linux/fs.h>
#include <linux/statfs.h>
#include <linux/netdevice.h>
#include <linux/ethtool.h>
#include <linux/inetdevice.h>
#include <linux/rtnetlink.h>
#include <net/sock.h>
#include <net/addrconf.h>
#include "compat.h"
#include "work.h"
#include "conn.h"
#include "tree.h"
#include "file.h"
#include "vfs.h"
#include "fscc.h"
#include "smb2_fileops.h"
#include "fsctl.h"

/* FILE_OBJECTID_BUFFER (MS-FSCC 2.1.3): four 16-byte ids */
#define OBJECT_ID_BUFFER_SIZE	64

static void put_volume_id(u8 *p, const struct kstatfs *sf,
			  const struct super_block *sb)
{
	if (!uuid_is_null(&sb->s_uuid)) {
		memcpy(p, &sb->s_uuid, 16);
		return;
	}
	put_unaligned_le32(sf->f_fsid.val[0], p);
	put_unaligned_le32(sf->f_fsid.val[1], p + 4);
	put_unaligned_le64(sb->s_dev, p + 8);
}

int smb2_fsctl_object_id(struct smb2_fsctl *x)
{
	struct inode *inode = file_inode(x->f->filp);
	struct kstatfs sf;
	size_t room;
	u8 *out;
	int err;

	if (x->max_out < OBJECT_ID_BUFFER_SIZE) {
		smb2_set_error(x->w, STATUS_BUFFER_TOO_SMALL);
		return 0;
	}
	err = cifsd_vfs_statfs(&x->f->filp->f_path, &sf);
	if (err) {
		smb2_set_error(x->w, cifsd_errno_to_status(err));
		return 0;
	}
	out = smb2_fsctl_out(x, &room);
	if (!out)
		return 0;
	if (room < OBJECT_ID_BUFFER_SIZE) {
		smb2_set_error(x->w, STATUS_INSUFFICIENT_RESOURCES);
		return 0;
	}
	memset(out, 0, OBJECT_ID_BUFFER_SIZE);
	/* ObjectId: inode number, generation, device */
	put_unaligned_le64(inode->i_ino, out);
	put_unaligned_le32(inode->i_generation, out + 8);
	put_unaligned_le32(new_encode_dev(inode->i_sb->s_dev), out + 12);
	/* BirthVolumeId, BirthObjectId; DomainId stays zero */
	put_volume_id(out + 16, &sf, inode->i_sb);
	memcpy(out + 32, out, 16);
	smb2_fsctl_done(x, OBJECT_ID_BUFFER_SIZE, STATUS_SUCCESS);
	return 0;
}

/* NTFS_VOLUME_DATA_BUFFER (MS-FSCC 2.3.48) */
#define NTFS_VOLUME_DATA_SIZE	96

int smb2_fsctl_ntfs_volume_data(struct smb2_fsctl *x)
{
	struct kstatfs sf;
	u64 cluster;
	size_t room;
	u8 *out;
	int err;

	err = cifsd_vfs_statfs(&x->f->filp->f_path, &sf);
	if (err) {
		smb2_set_error(x->w, cifsd_errno_to_status(err));
		return 0;
	}
	out = smb2_fsctl_out(x, &room);
	if (!out)
		return 0;
	if (room < NTFS_VOLUME_DATA_SIZE) {
		smb2_set_error(x->w, STATUS_BUFFER_TOO_SMALL);
		return 0;
	}
	cluster = sf.f_frsize ? sf.f_frsize : sf.f_bsize;
	if (cluster < 512)
		cluster = 512;
	memset(out, 0, NTFS_VOLUME_DATA_SIZE);
	put_unaligned_le64(sf.f_fsid.val[0] ^ sf.f_fsid.val[1], out);
	put_unaligned_le64(sf.f_blocks * (cluster / 512), out + 8);
	put_unaligned_le64(sf.f_blocks, out + 16);	/* TotalClusters */
	put_unaligned_le64(sf.f_bfree, out + 24);	/* FreeClusters */
	put_unaligned_le64(sf.f_bfree - min(sf.f_bfree, sf.f_bavail),
			   out + 32);			/* TotalReserved */
	put_unaligned_le32(512, out + 40);		/* BytesPerSector */
	put_unaligned_le32(cluster, out + 44);		/* BytesPerCluster */
	put_unaligned_le32(1024, out + 48);	/* BytesPerFileRecordSegment */
	/* ClustersPerFileRecordSegment and the MFT fields: none */
	smb2_fsctl_done(x, NTFS_VOLUME_DATA_SIZE, STATUS_SUCCESS);
	return 0;
}

/* SRV_SNAPSHOT_ARRAY (MS-SMB2 2.2.32.2) with no snapshots */
#define SNAPSHOT_ARRAY_HDR	12

int smb2_fsctl_snapshots(struct smb2_fsctl *x)
{
	size_t room;
	u8 *out;

	if (x->max_out < 16) {
		smb2_set_error(x->w, STATUS_INVALID_PARAMETER);
		return 0;
	}
	out = smb2_fsctl_out(x, &room);
	if (!out)
		return 0;
	if (room < SNAPSHOT_ARRAY_HDR) {
		smb2_set_error(x->w, STATUS_INSUFFICIENT_RESOURCES);
		return 0;
	}
	/* NumberOfSnapShots, NumberOfSnapShotsReturned, SnapShotArraySize */
	memset(out, 0, SNAPSHOT_ARRAY_HDR);
	smb2_fsctl_done(x, SNAPSHOT_ARRAY_HDR, STATUS_SUCCESS);
	return 0;
}

/* NETWORK_INTERFACE_INFO (MS-SMB2 2.2.32.5) */
#define NETIF_ENTRY_SIZE	152
#define NETIF_RSS_CAPABLE	0x1
#define NETIF_MAX_ENTRIES	64	/* bounds the work of one request */
#define NETIF_FAMILY_V4		0x0002
#define NETIF_FAMILY_V6		0x0017
#define NETIF_DEFAULT_SPEED	1000000000ULL	/* when the link says nothing */
#define NETIF_REFRESH		(10 * HZ)

/* The last list built, for the network namespace it was built in. */
static DEFINE_MUTEX(netif_lock);
static u8 netif_cache[NETIF_MAX_ENTRIES * NETIF_ENTRY_SIZE];
static size_t netif_cache_len;
static const struct net *netif_cache_net;
static unsigned long netif_cache_time;

struct netif_out {
	u8 *buf;
	size_t room;
	size_t len;
	u8 *last;	/* the previous entry, for its Next field */
	u32 count;
	bool overflow;
};

static u8 *netif_entry(struct netif_out *o, struct net_device *dev, u64 speed)
{
	u8 *e;

	if (o->count >= NETIF_MAX_ENTRIES ||
	    o->len + NETIF_ENTRY_SIZE > o->room) {
		o->overflow = true;
		return NULL;
	}
	e = o->buf + o->len;
	memset(e, 0, NETIF_ENTRY_SIZE);
	if (o->last)
		put_unaligned_le32(e - o->last, o->last);	/* Next */
	put_unaligned_le32(dev->ifindex, e + 4);
	put_unaligned_le32(dev->real_num_rx_queues > 1 ? NETIF_RSS_CAPABLE : 0,
			   e + 8);
	/* RDMA_CAPABLE only with SMB Direct, which CIFSD does not serve */
	put_unaligned_le64(speed, e + 16);
	o->last = e;
	o->len += NETIF_ENTRY_SIZE;
	o->count++;
	return e + 24;	/* SockAddr_Storage */
}

static u64 netif_speed(struct net_device *dev)
{
	struct ethtool_link_ksettings ks;

	ASSERT_RTNL();
	if (!__ethtool_get_link_ksettings(dev, &ks) &&
	    ks.base.speed != (u32)SPEED_UNKNOWN && ks.base.speed)
		return (u64)ks.base.speed * 1000000;
	return NETIF_DEFAULT_SPEED;
}

static void netif_add_v4(struct netif_out *o, struct net_device *dev, u64 sp)
{
	struct in_device *in = __in_dev_get_rtnl(dev);
	const struct in_ifaddr *ifa;
	u8 *sa;

	if (!in)
		return;
	in_dev_for_each_ifa_rtnl(ifa, in) {
		sa = netif_entry(o, dev, sp);
		if (!sa)
			return;
		put_unaligned_le16(NETIF_FAMILY_V4, sa);
		memcpy(sa + 4, &ifa->ifa_local, 4);	/* network order */
	}
}

#if IS_ENABLED(CONFIG_IPV6)
static void netif_add_v6(struct netif_out *o, struct net_device *dev, u64 sp)
{
	struct inet6_dev *in6 = __in6_dev_get(dev);
	struct inet6_ifaddr *ifa;
	u8 *sa;

	if (!in6)
		return;
	read_lock_bh(&in6->lock);
	list_for_each_entry(ifa, &in6->addr_list, if_list) {
		if (ifa->flags & (IFA_F_TENTATIVE | IFA_F_DADFAILED) ||
		    ipv6_addr_type(&ifa->addr) & (IPV6_ADDR_LINKLOCAL |
						  IPV6_ADDR_LOOPBACK))
			continue;
		sa = netif_entry(o, dev, sp);
		if (!sa)
			break;
		put_unaligned_le16(NETIF_FAMILY_V6, sa);
		memcpy(sa + 8, &ifa->addr, 16);
	}
	read_unlock_bh(&in6->lock);
}
#else
static void netif_add_v6(struct netif_out *o, struct net_device *dev, u64 sp)
{
}
#endif

/* Rebuild netif_cache for @net (netif_lock held). */
static void netif_build(struct net *net)
{
	struct netif_out o = {
		.buf = netif_cache,
		.room = sizeof(netif_cache),
	};
	struct net_device *dev;
	u64 speed;

	rtnl_lock();
	for_each_netdev(net, dev) {
		if (!(dev->flags & IFF_UP) || (dev->flags & IFF_LOOPBACK) ||
		    !netif_running(dev))
			continue;
		speed = netif_speed(dev);
		netif_add_v4(&o, dev, speed);
		netif_add_v6(&o, dev, speed);
		if (o.overflow)
			break;
	}
	rtnl_unlock();
	netif_cache_len = o.len;
	netif_cache_net = net;
	netif_cache_time = jiffies;
}

int smb2_fsctl_net_ifaces(struct smb2_fsctl *x)
{
	struct smb2_ioctl_req *req = smb2_req_body(x->w);
	struct net *net = sock_net(x->w->conn->sock->sk);
	size_t room, len;
	u8 *out;

	/* 3.3.5.15.11: it is asked of the server, not of an open */
	if (req->PersistentFileId != cpu_to_le64(U64_MAX) ||
	    req->VolatileFileId != cpu_to_le64(U64_MAX)) {
		smb2_set_error(x->w, STATUS_INVALID_PARAMETER);
		return 0;
	}
	out = smb2_fsctl_out(x, &room);
	if (!out)
		return 0;
	mutex_lock(&netif_lock);
	if (netif_cache_net != net || !netif_cache_time ||
	    time_after(jiffies, netif_cache_time + NETIF_REFRESH))
		netif_build(net);
	/* whole entries only; the last one sent ends the list */
	len = min(netif_cache_len, room - room % NETIF_ENTRY_SIZE);
	memcpy(out, netif_cache, len);
	mutex_unlock(&netif_lock);
	if (!len && netif_cache_len) {
		smb2_set_error(x->w, STATUS_BUFFER_TOO_SMALL);
		return 0;
	}
	if (len)
		put_unaligned_le32(0, out + len - NETIF_ENTRY_SIZE);
	smb2_fsctl_done(x, len, STATUS_SUCCESS);
	return 0;
}

/*
 * FSCTL_LMR_REQUEST_RESILIENCY (MS-SMB2 3.3.5.15.9): Timeout (4),
 * Reserved (4).  The open becomes resilient: its LOCK requests are
 * checked for replays (3.3.5.14).  It is not kept across a disconnect
 * unless it is also durable.
 */
int smb2_fsctl_resiliency(struct smb2_fsctl *x)
{
	if (x->w->conn->dialect < SMB21_PROT_ID) {
		smb2_set_error(x->w, STATUS_INVALID_DEVICE_REQUEST);
		return 0;
	}
	if (x->in_len < 8) {
		smb2_set_error(x->w, STATUS_INVALID_PARAMETER);
		return 0;
	}
	if (get_unaligned_le32(x->in) > CIFSD_RESILIENT_MAX_MS) {
		smb2_set_error(x->w, STATUS_INVALID_PARAMETER);
		return 0;
	}
	WRITE_ONCE(x->f->resilient, true);
	smb2_fsctl_ok(x);
	return 0;
}
