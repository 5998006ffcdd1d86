// SPDX-License-Identifier: GPL-2.0-or-later
/* TCP connection and RFC 1002 session-message framing (MS-SMB2 2.1). */
#include "smbc.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define NB_MAX 0x00FFFFFFu

static int wait_fd(int fd, short ev, int ms)
{
	struct pollfd p = { .fd = fd, .events = ev };
	int rc;

	do
		rc = poll(&p, 1, ms);
	while (rc < 0 && errno == EINTR);
	if (rc < 0)
		return -errno;
	return rc ? 0 : -ETIMEDOUT;
}

static int connect_to(const struct addrinfo *ai, int ms)
{
	int fd, rc, err = 0, one = 1;
	socklen_t el = sizeof(err);

	fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	rc = connect(fd, ai->ai_addr, ai->ai_addrlen);
	if (rc < 0 && errno != EINPROGRESS) {
		rc = -errno;
		goto fail;
	}
	if (rc < 0) {
		rc = wait_fd(fd, POLLOUT, ms);
		if (rc)
			goto fail;
		getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &el);
		if (err) {
			rc = -err;
			goto fail;
		}
	}
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	return fd;
fail:
	close(fd);
	return rc;
}

int smbc_connect(struct smbc *c, const char *host, uint16_t port,
		 int timeout_ms)
{
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM };
	struct addrinfo *res, *ai;
	char ps[8];
	int fd = -ECONNREFUSED;

	memset(c, 0, sizeof(*c));
	c->fd = -1;
	c->timeout_ms = timeout_ms > 0 ? timeout_ms : 10000;
	c->credits = 1;
	c->credit_request = 64;
	c->pid = 0xFEFF;
	snprintf(ps, sizeof(ps), "%u", port ? port : 445);
	if (getaddrinfo(host ? host : "127.0.0.1", ps, &hints, &res))
		return -EHOSTUNREACH;
	for (ai = res; ai; ai = ai->ai_next) {
		fd = connect_to(ai, c->timeout_ms);
		if (fd >= 0)
			break;
	}
	freeaddrinfo(res);
	if (fd < 0)
		return fd;
	c->fd = fd;
	return 0;
}

void smbc_close(struct smbc *c)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
	free(c->rbuf);
	c->rbuf = NULL;
	c->rcap = 0;
}

void smbc_reset(struct smbc *c)
{
	struct linger l = { .l_onoff = 1, .l_linger = 0 };

	if (c->fd >= 0)
		setsockopt(c->fd, SOL_SOCKET, SO_LINGER, &l, sizeof(l));
	smbc_close(c);
}

int smbc_send_raw(struct smbc *c, const void *buf, size_t len)
{
	const uint8_t *p = buf;
	ssize_t n;
	int rc;

	if (c->fd < 0)
		return -ENOTCONN;
	while (len) {
		n = send(c->fd, p, len, MSG_NOSIGNAL);
		if (n > 0) {
			p += n;
			len -= (size_t)n;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			rc = wait_fd(c->fd, POLLOUT, c->timeout_ms);
			if (rc)
				return rc;
			continue;
		}
		return n < 0 ? -errno : -EIO;
	}
	return 0;
}

int smbc_send_frame(struct smbc *c, const void *buf, size_t len)
{
	uint8_t hdr[4];
	int rc;

	if (len > NB_MAX)
		return -EMSGSIZE;
	hdr[0] = 0;
	hdr[1] = (uint8_t)(len >> 16);
	hdr[2] = (uint8_t)(len >> 8);
	hdr[3] = (uint8_t)len;
	if (len < 4096) {
		/* one send(): the server sees header and PDU together */
		uint8_t tmp[4096 + 4];

		memcpy(tmp, hdr, 4);
		memcpy(tmp + 4, buf, len);
		rc = smbc_send_raw(c, tmp, len + 4);
	} else {
		rc = smbc_send_raw(c, hdr, 4);
		if (!rc)
			rc = smbc_send_raw(c, buf, len);
	}
	if (!rc)
		c->sent_frames++;
	return rc;
}

/* Read exactly @len bytes before @deadline (monotonic ms). */
static int read_full(struct smbc *c, uint8_t *p, size_t len,
		     uint64_t deadline)
{
	ssize_t n;
	int rc;

	while (len) {
		n = recv(c->fd, p, len, MSG_DONTWAIT);
		if (n > 0) {
			p += n;
			len -= (size_t)n;
			continue;
		}
		if (n == 0)
			return -ECONNRESET;
		if (errno == EINTR)
			continue;
		if (errno != EAGAIN && errno != EWOULDBLOCK)
			return errno == ECONNRESET ? -ECONNRESET : -errno;
		{
			uint64_t now = smbc_now_ms();

			if (now >= deadline)
				return -ETIMEDOUT;
			rc = wait_fd(c->fd, POLLIN, (int)(deadline - now));
			if (rc)
				return rc;
		}
	}
	return 0;
}

int smbc_recv_frame(struct smbc *c, size_t *len, int timeout_ms)
{
	uint64_t deadline;
	uint8_t hdr[4];
	size_t n;
	int rc;

	if (c->fd < 0)
		return -ENOTCONN;
	deadline = smbc_now_ms() + (uint64_t)(timeout_ms < 0 ?
					       c->timeout_ms : timeout_ms);
	for (;;) {
		rc = read_full(c, hdr, 4, deadline);
		if (rc)
			return rc;
		n = (size_t)hdr[1] << 16 | (size_t)hdr[2] << 8 | hdr[3];
		if (hdr[0] == 0x85)
			continue;		/* keep-alive */
		if (hdr[0] != 0) {
			memcpy(c->bad_nb, hdr, 4);
			return -EPROTO;
		}
		break;
	}
	if (n + 1 > c->rcap) {
		uint8_t *nb = realloc(c->rbuf, n + 1);

		if (!nb)
			return -ENOMEM;
		c->rbuf = nb;
		c->rcap = n + 1;
	}
	rc = read_full(c, c->rbuf, n, deadline);
	if (rc)
		return rc;
	*len = n;
	c->last_frame_len = n;
	return 0;
}

long smbc_drain(struct smbc *c, int ms)
{
	uint64_t deadline = smbc_now_ms() + (uint64_t)ms;
	uint8_t tmp[65536];
	long total = 0;
	ssize_t n;

	if (c->fd < 0)
		return -ENOTCONN;
	for (;;) {
		uint64_t now = smbc_now_ms();
		int rc;

		if (now >= deadline)
			return total;
		rc = wait_fd(c->fd, POLLIN, (int)(deadline - now));
		if (rc == -ETIMEDOUT)
			return total;
		if (rc)
			return rc;
		n = recv(c->fd, tmp, sizeof(tmp), MSG_DONTWAIT);
		if (n == 0)
			return total ? total : -ECONNRESET;
		if (n < 0 && errno != EAGAIN && errno != EINTR)
			return total ? total : -errno;
		if (n > 0)
			total += n;
	}
}

bool smbc_peer_closed(struct smbc *c)
{
	uint8_t b;
	ssize_t n;

	if (c->fd < 0)
		return true;
	n = recv(c->fd, &b, 1, MSG_PEEK | MSG_DONTWAIT);
	if (n == 0)
		return true;
	return n < 0 && errno != EAGAIN && errno != EWOULDBLOCK &&
	       errno != EINTR;
}
