// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * /sys/fs/cifsd: the server's live state.  The layout and the formats are
 * a stable interface, documented in man/cifsd-sysfs.5.
 *
 * Scalars (state, port, uptime, stats) are plain attributes.  The lists
 * (sessions, shares, opens) are bin attributes of unbounded size, rendered
 * on read; nothing is kept per open, so CREATE and CLOSE pay nothing.
 *
 * Consistency.  kernfs hands a bin attribute's read() at most a page at a
 * time, at increasing offsets, one call per read(2).  A read at offset 0
 * renders a complete snapshot into a kvmalloc'ed buffer and files it under
 * the reader's struct file; reads at later offsets are served from that
 * snapshot, so a reader that reads the file from start to end gets one
 * listing taken at one moment, however long it is.  sysfs gives no
 * release hook for bin attributes, so a snapshot is dropped when its
 * reader reaches the end, when the same reader starts again at offset 0,
 * after SNAP_IDLE without a read, when more than SNAP_MAX readers are
 * between start and end (the oldest goes), or at module unload.  A reader
 * that finds no snapshot of its own (evicted, or it began at offset > 0)
 * gets a fresh one.
 *
 * Safety against teardown.  The walk holds cifsd_srv.conns_lock: a
 * connection in the list cannot be freed (it is unlinked under that lock
 * before its last put).  Sessions, trees and opens are looked up one at a
 * time under their table's xa_lock, where the table's reference keeps
 * them alive, and a reference is taken before the lock is dropped; the
 * rendering then happens with that reference held (and for an open, its
 * lock, which guards the name against a rename).  Nothing sleeps under a
 * spinlock.  A session is listed only once VALID; its user name is read
 * after taking and releasing setup_lock, under which setup wrote it.
 */
#include <linux/kobject.h>
#include <linux/sysfs.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/list.h>
#include <linux/jiffies.h>
#include <linux/timekeeping.h>
#include <linux/sched.h>

#include "rxpool.h"
#include "compat.h"
#include "stats.h"
#include "server.h"
#include "conn.h"
#include "session.h"
#include "tree.h"
#include "file.h"
#include "oplock.h"
#include "durable.h"
#include "admit.h"
#include "smb2_crypt.h"
#include "vfs.h"
#include "streams.h"

DEFINE_PER_CPU(struct cifsd_stats, cifsd_stats);

u64 cifsd_stat_read(enum cifsd_stat s)
{
	u64 sum = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		sum += per_cpu(cifsd_stats, cpu).v[s];
	return sum;
}

/* ---- a growing text buffer ---- */

#define SNAP_MAX_BYTES	(512UL << 20)

struct sbuf {
	char *buf;
	size_t len;
	size_t cap;
	int err;
};

static bool sb_room(struct sbuf *b, size_t need)
{
	size_t cap = b->cap ? b->cap : 16 * PAGE_SIZE;
	char *n;

	if (b->err)
		return false;
	if (b->len + need <= b->cap)
		return true;
	while (cap < b->len + need)
		cap *= 2;
	if (cap > SNAP_MAX_BYTES) {
		b->err = -EFBIG;
		return false;
	}
	n = kvmalloc(cap, GFP_KERNEL);
	if (!n) {
		b->err = -ENOMEM;
		return false;
	}
	if (b->len)
		memcpy(n, b->buf, b->len);
	kvfree(b->buf);
	b->buf = n;
	b->cap = cap;
	return true;
}

static __printf(2, 3) void sb_printf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !sb_room(b, n + 1))
		return;
	va_start(ap, fmt);
	vsnprintf(b->buf + b->len, n + 1, fmt, ap);
	va_end(ap);
	b->len += n;
}

/*
 * One text field then @sep.  Bytes that would break the line format
 * (space and controls, DEL, backslash, comma) are written as \ooo; an
 * empty string is "-" and a string that is just "-" is "\055".
 */
static void sb_field(struct sbuf *b, const char *s, char sep)
{
	static const char oct[] = "01234567";
	size_t n = strlen(s);
	unsigned char c;
	char *p;

	if (!sb_room(b, n * 4 + 2))
		return;
	p = b->buf + b->len;
	if (!n || !strcmp(s, "-")) {
		p += n ? sprintf(p, "\\055") : sprintf(p, "-");
		s += n;
	}
	for (; *s; s++) {
		c = *s;
		if (c <= ' ' || c == 0x7f || c == '\\' || c == ',') {
			*p++ = '\\';
			*p++ = oct[c >> 6];
			*p++ = oct[(c >> 3) & 7];
			*p++ = oct[c & 7];
		} else {
			*p++ = c;
		}
	}
	if (sep)
		*p++ = sep;
	b->len = p - b->buf;
}

/* ---- walking the live objects ---- */

static const char *dialect_str(u16 d)
{
	switch (d) {
	case SMB20_PROT_ID:
		return "2.0.2";
	case SMB21_PROT_ID:
		return "2.1";
	case SMB30_PROT_ID:
		return "3.0";
	case SMB302_PROT_ID:
		return "3.0.2";
	case SMB311_PROT_ID:
		return "3.1.1";
	default:
		return "-";
	}
}

static const char *sess_auth(const struct cifsd_session *s)
{
	if (s->anonymous)
		return "anonymous";
	return s->guest ? "guest" : "user";
}

/* The next session of @conn at index >= *idx, with a reference. */
static struct cifsd_session *next_session(struct cifsd_conn *conn,
					  unsigned long *idx)
{
	struct cifsd_session *s;

	xa_lock(&conn->sessions);
	s = xa_find(&conn->sessions, idx, U32_MAX, XA_PRESENT);
	if (s)
		cifsd_session_get(s);
	xa_unlock(&conn->sessions);
	return s;
}

/* The next live tree of @s at index >= *idx, with a reference. */
static struct cifsd_tree *next_tree(struct cifsd_session *s,
				    unsigned long *idx)
{
	struct cifsd_tree *t;

	xa_lock(&s->trees);
	for (;;) {
		t = xa_find(&s->trees, idx, U32_MAX, XA_PRESENT);
		if (!t || !READ_ONCE(t->dead))
			break;
		if (*idx == U32_MAX) {
			t = NULL;
			break;
		}
		(*idx)++;
	}
	if (t)
		cifsd_tree_get(t);
	xa_unlock(&s->trees);
	return t;
}

/*
 * The next open of @s at index >= *idx, with a reference.  Named pipes
 * (IPC$) are not files: they are skipped, and never referenced here, so
 * that we never do the last put of a pipe.
 */
static struct cifsd_file *next_open(struct cifsd_session *s,
				    unsigned long *idx)
{
	struct cifsd_file *f;

	xa_lock(&s->files.xa);
	for (;;) {
		f = xa_find(&s->files.xa, idx, U32_MAX, XA_PRESENT);
		if (!f || !f->tree->is_pipe)
			break;
		if (*idx == U32_MAX) {
			f = NULL;
			break;
		}
		(*idx)++;
	}
	if (f)
		cifsd_file_get(f);
	xa_unlock(&s->files.xa);
	return f;
}

/* @s is VALID and what its setup wrote (account, domain) is visible. */
static bool session_settled(struct cifsd_session *s)
{
	if (READ_ONCE(s->state) != CIFSD_SESS_VALID)
		return false;
	/* VALID is set under setup_lock, never held long after that */
	mutex_lock(&s->setup_lock);
	mutex_unlock(&s->setup_lock);
	return true;
}

typedef void (*cifsd_sess_fn)(struct sbuf *b, struct cifsd_conn *conn,
			      struct cifsd_session *s);

static void walk_sessions(struct sbuf *b, cifsd_sess_fn fn)
{
	struct cifsd_conn *conn;
	struct cifsd_session *s;
	unsigned long idx;

	mutex_lock(&cifsd_srv.conns_lock);
	list_for_each_entry(conn, &cifsd_srv.conns, node) {
		for (idx = 0; (s = next_session(conn, &idx)); idx++) {
			if (session_settled(s))
				fn(b, conn, s);
			cifsd_session_put(s);
			cond_resched();
			if (b->err || idx == U32_MAX)
				break;
		}
		if (b->err)
			break;
	}
	mutex_unlock(&cifsd_srv.conns_lock);
}

static const char *signing_str(u16 alg)
{
	switch (alg) {
	case SMB2_SIGNING_HMAC_SHA256: return "hmac-sha256";
	case SMB2_SIGNING_AES_CMAC: return "aes-cmac";
	case SMB2_SIGNING_AES_GMAC: return "aes-gmac";
	default: return "yes";
	}
}

static const char *cipher_str(u16 cipher)
{
	switch (cipher) {
	case SMB2_ENCRYPTION_AES128_CCM: return "aes-128-ccm";
	case SMB2_ENCRYPTION_AES128_GCM: return "aes-128-gcm";
	case SMB2_ENCRYPTION_AES256_CCM: return "aes-256-ccm";
	case SMB2_ENCRYPTION_AES256_GCM: return "aes-256-gcm";
	default: return "yes";
	}
}

static void render_session(struct sbuf *b, struct cifsd_conn *conn,
			   struct cifsd_session *s)
{
	struct cifsd_tree *t;
	unsigned long idx;
	bool any = false;

	sb_printf(b, "0x%016llx ", s->id);
	sb_field(b, s->account ?: "", ' ');
	sb_field(b, s->domain ?: "", ' ');
	sb_printf(b, "%s ", sess_auth(s));
	sb_field(b, conn->peer_str, ' ');
	sb_printf(b, "%s %s %s ", dialect_str(conn->dialect),
		  s->signing_required ?
		  signing_str(conn->signing_algorithm) : "no",
		  smb2_session_encrypts(s) ? cipher_str(s->cipher) : "no");
	for (idx = 0; (t = next_tree(s, &idx)); idx++) {
		if (any)
			sb_printf(b, ",");
		sb_field(b, t->share_name, 0);
		any = true;
		cifsd_tree_put(t);
		if (idx == U32_MAX)
			break;
	}
	sb_printf(b, "%s\n", any ? "" : "-");
}

static void render_shares_of(struct sbuf *b, struct cifsd_conn *conn,
			     struct cifsd_session *s)
{
	struct cifsd_tree *t;
	unsigned long idx;

	for (idx = 0; (t = next_tree(s, &idx)); idx++) {
		sb_field(b, t->share_name, ' ');
		sb_printf(b, "%lu 0x%016llx ", idx, s->id);
		sb_field(b, s->account ?: "", ' ');
		sb_field(b, conn->peer_str, '\n');
		cifsd_tree_put(t);
		if (idx == U32_MAX)
			break;
	}
}

static const char *durable_str(const struct cifsd_file *f)
{
	if (f->dh.persistent)
		return "persistent";
	switch (f->dh.version) {
	case 1:
		return "v1";
	case 2:
		return "v2";
	default:
		return "no";
	}
}

/* The columns from access to path, shared by live and parked opens. */
static void render_open_tail(struct sbuf *b, struct cifsd_file *f,
			     long expires)
{
	struct cifsd_cache_desc cd;

	cifsd_open_cache_desc(f, &cd);
	sb_printf(b, "0x%08x 0x%08x %s%s %s %s %s ", f->access,
		  f->share_access, cd.oplock, cd.breaking ? "*" : "",
		  cd.lease_key, cd.lease_state, durable_str(f));
	if (expires >= 0)
		sb_printf(b, "%ld /", expires);
	else
		sb_printf(b, "- /");
	/* the name changes on rename, under f->lock */
	mutex_lock(&f->lock);
	if (f->name && *f->name)
		sb_field(b, f->name, '\n');
	else
		sb_printf(b, "\n");	/* the share root is "/" */
	mutex_unlock(&f->lock);
}

static void render_open(struct sbuf *b, struct cifsd_conn *conn,
			struct cifsd_session *s, struct cifsd_file *f)
{
	sb_printf(b, "0x%016llx %llu ", s->id, f->volatile_id);
	sb_field(b, f->tree->share_name, ' ');
	sb_field(b, s->account ?: "", ' ');
	sb_field(b, conn->peer_str, ' ');
	render_open_tail(b, f, -1);
}

/* Disconnected durable handles: no session, no client. */
static void render_parked(struct sbuf *b)
{
	struct cifsd_file *f;
	unsigned long idx = 0;
	long left;

	while ((f = cifsd_durable_next_parked(&idx))) {
		left = (long)(READ_ONCE(f->dh.expires) - jiffies);
		left = left > 0 ? DIV_ROUND_UP(left, HZ) : 0;
		sb_printf(b, "0x%016llx %llu ", 0ULL, f->volatile_id);
		sb_field(b, f->dh.share ?: "", ' ');
		sb_printf(b, "- - ");
		render_open_tail(b, f, left);
		cifsd_file_put(f);
		if (b->err || idx++ == ULONG_MAX)
			break;
		cond_resched();
	}
}

static void render_opens_of(struct sbuf *b, struct cifsd_conn *conn,
			    struct cifsd_session *s)
{
	struct cifsd_file *f;
	unsigned long idx;

	for (idx = 0; (f = next_open(s, &idx)); idx++) {
		render_open(b, conn, s, f);
		/* may be the last reference if it was closed meanwhile */
		cifsd_file_put(f);
		if (b->err || idx == U32_MAX)
			break;
		if (!(idx & 255))
			cond_resched();
	}
}

static void render_sessions(struct sbuf *b)
{
	sb_printf(b, "session_id user domain auth client dialect signing encryption shares\n");
	walk_sessions(b, render_session);
}

static void render_shares(struct sbuf *b)
{
	sb_printf(b, "share tree_id session_id user client\n");
	walk_sessions(b, render_shares_of);
}

static void render_opens(struct sbuf *b)
{
	sb_printf(b, "session_id file_id share user client access share_access oplock lease_key lease_state durable expires path\n");
	walk_sessions(b, render_opens_of);
	render_parked(b);
}

/* ---- per-reader snapshots of the lists (see the top of the file) ---- */

#define SNAP_MAX	16
#define SNAP_IDLE	(60 * HZ)

struct cifsd_snap {
	struct list_head node;		/* snaps, least recently used first */
	const struct file *reader;	/* only compared, never dereferenced */
	const struct bin_attribute *attr;
	char *buf;
	size_t len;
	unsigned long used;		/* jiffies of the last read */
};

static LIST_HEAD(snaps);
static unsigned int nr_snaps;
static DEFINE_MUTEX(snaps_lock);

typedef void (*cifsd_render_fn)(struct sbuf *b);

static void snap_free(struct cifsd_snap *sn)
{
	list_del(&sn->node);
	nr_snaps--;
	kvfree(sn->buf);
	kfree(sn);
}

/* Under snaps_lock: drop idle snapshots, then the oldest beyond @keep. */
static void snaps_trim(unsigned int keep)
{
	struct cifsd_snap *sn, *tmp;

	list_for_each_entry_safe(sn, tmp, &snaps, node)
		if (time_after(jiffies, sn->used + SNAP_IDLE))
			snap_free(sn);
	while (nr_snaps > keep)
		snap_free(list_first_entry(&snaps, struct cifsd_snap, node));
}

static struct cifsd_snap *snap_find(const struct file *reader,
				    const struct bin_attribute *attr)
{
	struct cifsd_snap *sn;

	list_for_each_entry(sn, &snaps, node)
		if (sn->reader == reader && sn->attr == attr)
			return sn;
	return NULL;
}

static struct cifsd_snap *snap_render(const struct file *reader,
				      const struct bin_attribute *attr)
{
	cifsd_render_fn render = attr->private;
	struct sbuf b = {};
	struct cifsd_snap *sn;

	sn = kzalloc(sizeof(*sn), GFP_KERNEL);
	if (!sn)
		return ERR_PTR(-ENOMEM);
	render(&b);
	if (b.err) {
		kvfree(b.buf);
		kfree(sn);
		return ERR_PTR(b.err);
	}
	sn->reader = reader;
	sn->attr = attr;
	sn->buf = b.buf;
	sn->len = b.len;
	return sn;
}

static ssize_t list_read(struct file *filp, struct kobject *kobj,
			 struct bin_attribute *attr, char *buf, loff_t pos,
			 size_t count)
{
	struct cifsd_snap *sn, *old;
	ssize_t n = 0;

	mutex_lock(&snaps_lock);
	sn = pos ? snap_find(filp, attr) : NULL;
	if (!sn) {
		/* render without snaps_lock: other readers go on */
		mutex_unlock(&snaps_lock);
		sn = snap_render(filp, attr);
		if (IS_ERR(sn))
			return PTR_ERR(sn);
		mutex_lock(&snaps_lock);
		old = snap_find(filp, attr);
		if (old)
			snap_free(old);
		snaps_trim(SNAP_MAX - 1);
		list_add_tail(&sn->node, &snaps);
		nr_snaps++;
	}
	if (pos >= sn->len) {
		snap_free(sn);		/* the reader is done */
	} else {
		n = min_t(size_t, count, sn->len - pos);
		memcpy(buf, sn->buf + pos, n);
		sn->used = jiffies;
		list_move_tail(&sn->node, &snaps);
	}
	mutex_unlock(&snaps_lock);
	return n;
}

#define CIFSD_LIST_ATTR(_name)						\
static struct bin_attribute bin_attr_##_name = {			\
	.attr = { .name = __stringify(_name), .mode = 0400 },		\
	.private = render_##_name,					\
	.read = list_read,						\
}

CIFSD_LIST_ATTR(sessions);
CIFSD_LIST_ATTR(shares);
CIFSD_LIST_ATTR(opens);

/* ---- scalars ---- */

static ssize_t state_show(struct kobject *kobj, struct kobj_attribute *a,
			  char *buf)
{
	bool running;

	mutex_lock(&cifsd_srv.lock);
	running = cifsd_srv.running;
	mutex_unlock(&cifsd_srv.lock);
	return sysfs_emit(buf, "%s\n", running ? "running" : "stopped");
}

static ssize_t port_show(struct kobject *kobj, struct kobj_attribute *a,
			 char *buf)
{
	unsigned int port = 0;

	mutex_lock(&cifsd_srv.lock);
	if (cifsd_srv.running)
		port = cifsd_srv.cfg.port;
	mutex_unlock(&cifsd_srv.lock);
	return sysfs_emit(buf, "%u\n", port);
}

static ssize_t uptime_show(struct kobject *kobj, struct kobj_attribute *a,
			   char *buf)
{
	time64_t up = 0;

	mutex_lock(&cifsd_srv.lock);
	if (cifsd_srv.running)
		up = ktime_get_boottime_seconds() - cifsd_srv.start_boottime;
	mutex_unlock(&cifsd_srv.lock);
	return sysfs_emit(buf, "%lld\n", (long long)up);
}

static void count_session(struct sbuf *b, struct cifsd_conn *conn,
			  struct cifsd_session *s)
{
	b->len++;	/* only counts: nothing is written */
}

static ssize_t stats_show(struct kobject *kobj, struct kobj_attribute *a,
			  char *buf)
{
	struct sbuf count = {};

	walk_sessions(&count, count_session);
	return sysfs_emit(buf,
			  "connections_now %d\nconnections_total %llu\n"
			  "sessions_now %zu\nsessions_total %llu\n"
			  "requests %llu\nbytes_read %llu\nbytes_written %llu\n"
			  "connections_refused %llu\nrefused_hosts %llu\n"
			  "refused_max_connections %llu\nrefused_per_ip %llu\n"
			  "handshake_timeouts %llu\nsend_timeouts %llu\n"
			  "idle_timeouts %llu\nsessions_refused %llu\n"
			  "protocol_errors %llu\ncredit_errors %llu\n"
			  "limit_errors %llu\nrequests_in_flight %d\n"
			  "conn_memory_bytes %ld\nmemory_limit_bytes %lu\n"
			  "breaks_sent %llu\nbreaks_acked %llu\n"
			  "breaks_timed_out %llu\n"
			  "durable_disconnected %u\ndurable_parked %llu\n"
			  "durable_reclaimed %llu\ndurable_expired %llu\n"
			  "durable_purged %llu\n"
			  "local_breaks %llu\nlocal_lease_failures %llu\n"
			  "case_scans %llu\ncase_scan_cache_hits %llu\n"
			  "case_scans_truncated %llu\n"
			  "streams_refused %llu\n"
			  "rx_pool_bytes %ld\n",
			  atomic_read(&cifsd_srv.nr_conns),
			  cifsd_stat_read(CIFSD_STAT_CONNS_TOTAL), count.len,
			  cifsd_stat_read(CIFSD_STAT_SESSIONS_TOTAL),
			  cifsd_stat_read(CIFSD_STAT_REQUESTS),
			  cifsd_stat_read(CIFSD_STAT_BYTES_READ),
			  cifsd_stat_read(CIFSD_STAT_BYTES_WRITTEN),
			  cifsd_stat_read(CIFSD_STAT_REFUSED_HOSTS) +
			  cifsd_stat_read(CIFSD_STAT_REFUSED_MAX_CONNS) +
			  cifsd_stat_read(CIFSD_STAT_REFUSED_PER_IP),
			  cifsd_stat_read(CIFSD_STAT_REFUSED_HOSTS),
			  cifsd_stat_read(CIFSD_STAT_REFUSED_MAX_CONNS),
			  cifsd_stat_read(CIFSD_STAT_REFUSED_PER_IP),
			  cifsd_stat_read(CIFSD_STAT_HANDSHAKE_TIMEOUTS),
			  cifsd_stat_read(CIFSD_STAT_SEND_TIMEOUTS),
			  cifsd_stat_read(CIFSD_STAT_IDLE_TIMEOUTS),
			  cifsd_stat_read(CIFSD_STAT_SESSIONS_REFUSED),
			  cifsd_stat_read(CIFSD_STAT_PROTOCOL_ERRORS),
			  cifsd_stat_read(CIFSD_STAT_CREDIT_ERRORS),
			  cifsd_stat_read(CIFSD_STAT_LIMIT_ERRORS),
			  atomic_read(&cifsd_srv.in_flight),
			  atomic_long_read(&cifsd_srv.mem),
			  READ_ONCE(cifsd_srv.mem_limit),
			  cifsd_stat_read(CIFSD_STAT_BREAKS_SENT),
			  cifsd_stat_read(CIFSD_STAT_BREAKS_ACKED),
			  cifsd_stat_read(CIFSD_STAT_BREAKS_TIMED_OUT),
			  cifsd_durable_parked(),
			  cifsd_stat_read(CIFSD_STAT_DURABLE_PARKED),
			  cifsd_stat_read(CIFSD_STAT_DURABLE_RECLAIMED),
			  cifsd_stat_read(CIFSD_STAT_DURABLE_EXPIRED),
			  cifsd_stat_read(CIFSD_STAT_DURABLE_PURGED),
			  cifsd_stat_read(CIFSD_STAT_KLEASE_BREAKS),
			  cifsd_stat_read(CIFSD_STAT_KLEASE_FAILED),
			  cifsd_stat_read(CIFSD_STAT_CASE_SCANS),
			  cifsd_stat_read(CIFSD_STAT_CASE_CACHE_HITS),
			  cifsd_stat_read(CIFSD_STAT_CASE_SCANS_TRUNCATED),
			  cifsd_stat_read(CIFSD_STAT_STREAMS_REFUSED),
			  cifsd_rxpool_bytes());
}

static ssize_t limits_show(struct kobject *kobj, struct kobj_attribute *a,
			   char *buf)
{
	const struct cifsd_limits *l = &cifsd_srv.limits;

	return sysfs_emit(buf,
			  "max_connections %u\nmax_connections_per_ip %u\n"
			  "max_requests %u\nmax_conn_memory_kib %u\n"
			  "handshake_timeout %u\nsend_timeout %u\n"
			  "idle_timeout %u\nmax_sessions %u\n"
			  "max_pending_sessions %u\nmax_trees %u\n"
			  "max_opens %u\nmax_credits %u\n"
			  "hosts_allow_rules %u\nhosts_deny_rules %u\n"
			  "max_memory_bytes %lu\nmax_async %u\n"
			  "break_timeout %u\nmax_locks %u\n"
			  "copy_max_chunks %u\ncopy_max_chunk_kib %u\n"
			  "copy_max_kib %u\nmax_durable %u\n"
			  "smb2_leases %u\ndir_leases %u\n"
			  "case_scan_max %u\n"
			  "stream_max_size %u\nstreams_max %u\n",
			  READ_ONCE(l->max_connections),
			  READ_ONCE(l->max_connections_per_ip),
			  READ_ONCE(l->max_requests),
			  READ_ONCE(l->max_conn_memory_kib),
			  READ_ONCE(l->handshake_timeout),
			  READ_ONCE(l->send_timeout),
			  READ_ONCE(l->idle_timeout),
			  READ_ONCE(l->max_sessions),
			  READ_ONCE(l->max_pending_sessions),
			  READ_ONCE(l->max_trees), READ_ONCE(l->max_opens),
			  READ_ONCE(l->max_credits), cifsd_hosts_count(true),
			  cifsd_hosts_count(false),
			  READ_ONCE(cifsd_srv.mem_limit),
			  READ_ONCE(l->max_async),
			  READ_ONCE(l->break_timeout),
			  READ_ONCE(l->max_locks),
			  READ_ONCE(l->copy_max_chunks),
			  READ_ONCE(l->copy_max_chunk_kib),
			  READ_ONCE(l->copy_max_kib),
			  READ_ONCE(l->max_durable),
			  READ_ONCE(l->smb2_leases),
			  READ_ONCE(l->dir_leases),
			  READ_ONCE(cifsd_case_scan_max),
			  READ_ONCE(cifsd_stream_max_size),
			  READ_ONCE(cifsd_streams_max));
}

static struct kobj_attribute state_attr = __ATTR_RO(state);
static struct kobj_attribute port_attr = __ATTR_RO(port);
static struct kobj_attribute uptime_attr = __ATTR_RO(uptime);
static struct kobj_attribute stats_attr = __ATTR_RO(stats);
static struct kobj_attribute limits_attr = __ATTR_RO(limits);

static struct attribute *cifsd_attrs[] = {
	&state_attr.attr,
	&port_attr.attr,
	&uptime_attr.attr,
	&stats_attr.attr,
	&limits_attr.attr,
	NULL
};

static struct bin_attribute *cifsd_bin_attrs[] = {
	&bin_attr_sessions,
	&bin_attr_shares,
	&bin_attr_opens,
	NULL
};

static const struct attribute_group cifsd_group = {
	.attrs = cifsd_attrs,
	.CIFSD_BIN_ATTRS = cifsd_bin_attrs,
};

static struct kobject *cifsd_kobj;

int cifsd_sysfs_init(void)
{
	int err;

	cifsd_kobj = kobject_create_and_add("cifsd", fs_kobj);
	if (!cifsd_kobj)
		return -ENOMEM;
	err = sysfs_create_group(cifsd_kobj, &cifsd_group);
	if (err) {
		kobject_put(cifsd_kobj);
		cifsd_kobj = NULL;
	}
	return err;
}

void cifsd_sysfs_exit(void)
{
	/* waits for readers in our attribute methods to leave */
	sysfs_remove_group(cifsd_kobj, &cifsd_group);
	kobject_put(cifsd_kobj);
	cifsd_kobj = NULL;
	mutex_lock(&snaps_lock);
	snaps_trim(0);
	mutex_unlock(&snaps_lock);
}
