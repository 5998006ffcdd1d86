// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * holes: random truncates, writes and reads on one file, each read
 * compared with a local model of what the file must hold.  Run in the
 * lab guest on a cifs.ko mount (tests/acceptance/holes.bats) to check
 * reads around holes and the end of file in every mount mode.
 *
 *   holes [-s SEED] [-n OPS] [-m MAXSIZE] [-i] FILE
 *
 * -i first replays the sequence from issue 8 (truncate 1555, 1161, three
 * overlapping writes, one write leaving a hole, a read across the hole).
 * Exit status: 0 every read matched; 2 some reads came back short but
 * every byte returned was right (the cifs.ko cache=strict case without a
 * read lease: the client reads from the server a range while it still
 * holds unwritten data past it); 1 a read returned wrong data, an
 * operation failed, or bad usage.  The last operations are printed on
 * any mismatch.
 */
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define LOG_OPS 32

static unsigned char *model;	/* what the file holds, zeros past size */
static size_t model_size, max_size;
static unsigned char *rbuf, *wbuf;
static char oplog[LOG_OPS][96];
static unsigned long nops;
static unsigned long short_reads;
static uint64_t rng;

static uint64_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static size_t rnd_below(size_t n)
{
	return n ? (size_t)(rnd() % n) : 0;
}

static void logop(const char *fmt, size_t a, size_t b, long r)
{
	snprintf(oplog[nops % LOG_OPS], sizeof(oplog[0]), fmt, a, b, r);
	nops++;
}

static void dump_log(void)
{
	unsigned long i = nops > LOG_OPS ? nops - LOG_OPS : 0;

	fprintf(stderr, "last operations:\n");
	for (; i < nops; i++)
		fprintf(stderr, "  %lu: %s\n", i, oplog[i % LOG_OPS]);
}

static int do_truncate(int fd, size_t size)
{
	if (ftruncate(fd, (off_t)size)) {
		fprintf(stderr, "ftruncate %zu: %s\n", size, strerror(errno));
		return -1;
	}
	if (size > model_size)
		memset(model + model_size, 0, size - model_size);
	else
		memset(model + size, 0, model_size - size);
	model_size = size;
	logop("truncate %zu%.0zu -> %ld", size, 0, 0);
	return 0;
}

static int do_write(int fd, size_t off, size_t len)
{
	size_t i, done = 0;
	unsigned char seed = (unsigned char)rnd();
	ssize_t n;

	for (i = 0; i < len; i++)
		wbuf[i] = (unsigned char)(seed + i * 7 + (i >> 8)) | 1;
	while (done < len) {
		n = pwrite(fd, wbuf + done, len - done, (off_t)(off + done));
		if (n <= 0) {
			fprintf(stderr, "pwrite %zu at %zu: %s\n", len, off,
				n ? strerror(errno) : "wrote nothing");
			return -1;
		}
		done += (size_t)n;
	}
	memcpy(model + off, wbuf, len);
	if (off + len > model_size)
		model_size = off + len;
	logop("write %zu at %zu -> %ld", len, off, (long)len);
	return 0;
}

/* 0 matched, 1 short but right, -1 wrong data or failure */
static int do_read(int fd, size_t off, size_t len)
{
	size_t want = off < model_size ? model_size - off : 0;
	ssize_t n;
	size_t i;

	if (want > len)
		want = len;
	n = pread(fd, rbuf, len, (off_t)off);
	logop("read %zu at %zu -> %ld", len, off, (long)n);
	if (n < 0) {
		fprintf(stderr, "pread %zu at %zu: %s\n", len, off,
			strerror(errno));
		return -1;
	}
	if ((size_t)n > want) {
		fprintf(stderr, "read %zu at %zu returned %zd bytes, the file "
			"has only %zu there\n", len, off, n, want);
		return -1;
	}
	for (i = 0; i < (size_t)n; i++) {
		if (rbuf[i] != model[off + i]) {
			fprintf(stderr, "read %zu at %zu: byte %zu is 0x%02x, "
				"want 0x%02x (file size %zu)\n", len, off,
				off + i, rbuf[i], model[off + i], model_size);
			return -1;
		}
	}
	if ((size_t)n < want) {
		fprintf(stderr, "short read: %zu at %zu returned %zd bytes "
			"(up to %zu), want %zu (EOF %zu)\n", len, off, n,
			off + (size_t)n, want, model_size);
		short_reads++;
		return 1;
	}
	return 0;
}

static int check_size(int fd)
{
	struct stat st;

	if (fstat(fd, &st)) {
		perror("fstat");
		return -1;
	}
	if ((size_t)st.st_size != model_size) {
		fprintf(stderr, "size is %lld, want %zu\n",
			(long long)st.st_size, model_size);
		return -1;
	}
	return 0;
}

/* The sequence of issue 8 (cifs.ko 3.1.1, cache=strict). */
static int issue_sequence(int fd)
{
	if (do_truncate(fd, 1555) || do_truncate(fd, 1161) ||
	    do_write(fd, 31711, 101989) || do_write(fd, 81581, 126364) ||
	    do_write(fd, 47247, 83439) || do_write(fd, 251291, 111726))
		return -1;
	return do_read(fd, 67918, 179105);
}

static int random_op(int *fd, const char *path)
{
	size_t op = rnd_below(100), off, len;

	if (op < 10) {
		/* sizes around the current end and page boundaries */
		off = rnd_below(2) ? rnd_below(max_size + 1) :
		      (model_size & ~(size_t)4095) + rnd_below(8193);
		return do_truncate(*fd, off > max_size ? max_size : off);
	}
	if (op < 45) {
		len = 1 + rnd_below(rnd_below(4) ? 8192 : max_size / 3);
		off = rnd_below(max_size - len + 1);
		return do_write(*fd, off, len);
	}
	if (op < 48) {
		if (fsync(*fd)) {
			perror("fsync");
			return -1;
		}
		logop("fsync%.0zu%.0zu -> %ld", 0, 0, 0);
		return 0;
	}
	if (op < 50) {
		close(*fd);
		*fd = open(path, O_RDWR);
		if (*fd < 0) {
			perror("reopen");
			return -1;
		}
		logop("reopen%.0zu%.0zu -> %ld", 0, 0, 0);
		return check_size(*fd);
	}
	/* reads: anywhere, across the end, exactly at it, past it */
	len = 1 + rnd_below(rnd_below(3) ? 65536 : max_size);
	switch (rnd_below(4)) {
	case 0:
		off = model_size > len / 2 ? model_size - len / 2 : 0;
		break;
	case 1:
		off = model_size + rnd_below(4096);
		break;
	default:
		off = rnd_below(max_size);
	}
	return do_read(*fd, off, len) < 0 ? -1 : 0;
}

int main(int argc, char **argv)
{
	unsigned long ops = 400, i;
	unsigned long long seed = 1;
	bool issue = false;
	int c, fd, rc = 0;

	max_size = 512 * 1024;
	while ((c = getopt(argc, argv, "s:n:m:i")) != -1) {
		switch (c) {
		case 's':
			seed = strtoull(optarg, NULL, 0);
			break;
		case 'n':
			ops = strtoul(optarg, NULL, 0);
			break;
		case 'm':
			max_size = strtoul(optarg, NULL, 0);
			break;
		case 'i':
			issue = true;
			break;
		default:
			goto usage;
		}
	}
	if (optind != argc - 1 || max_size < 4096 || max_size > (64u << 20))
		goto usage;
	if (issue && max_size < 363017)
		max_size = 363017;
	rng = seed * 0x9e3779b97f4a7c15ULL + 1;
	model = calloc(1, max_size);
	rbuf = malloc(max_size);
	wbuf = malloc(max_size);
	if (!model || !rbuf || !wbuf) {
		perror("malloc");
		return 1;
	}
	fd = open(argv[optind], O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0) {
		perror(argv[optind]);
		return 1;
	}
	printf("holes: %s seed %llu ops %lu max %zu%s\n", argv[optind], seed,
	       ops, max_size, issue ? " (issue 8 sequence first)" : "");
	if (issue && issue_sequence(fd) < 0)
		rc = 1;
	for (i = 0; !rc && i < ops; i++)
		if (random_op(&fd, argv[optind]))
			rc = 1;
	/* the whole file at the end, in one read */
	if (!rc && (check_size(fd) || do_read(fd, 0, max_size) < 0))
		rc = 1;
	close(fd);
	if (rc || short_reads)
		dump_log();
	if (!rc && short_reads) {
		printf("holes: %lu short reads, every byte returned right\n",
		       short_reads);
		rc = 2;
	}
	if (!rc)
		printf("holes: %lu operations, every read matched\n", nops);
	free(model);
	free(rbuf);
	free(wbuf);
	return rc;
usage:
	fprintf(stderr, "usage: holes [-s SEED] [-n OPS] [-m MAXSIZE] [-i] FILE\n");
	return 1;
}
