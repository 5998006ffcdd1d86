/*
 * Guest-side helper for bench/run: one static process per measurement, so the
 * figures do not include exec costs (each dynamic exec is expensive under TCG).
 * Times are CLOCK_MONOTONIC in the guest; under QEMU -icount they count
 * executed instructions, not wall time.
 *
 *   creat  DIR N [PREFIX]   create+close N empty files DIR/PREFIXi; prints
 *                           "N ms rate/s"
 *   hold   DIR N READY      create N files DIR/hi, keep all open, then create
 *                           READY (a local path) and sleep until killed
 *   write  FILE MIB         write MIB MiB in 1 MiB writes, fsync, close;
 *                           prints "bytes ms MiB/s"
 *   read   FILE             read to EOF in 1 MiB reads; prints "bytes ms MiB/s"
 *   rread  FILE N           N reads of 4 KiB at pseudo-random 4 KiB-aligned
 *                           offsets inside FILE (one at a time, queue depth
 *                           1); prints "N ms IOPS"
 *   slurp  FILE REPS        open+read+close FILE REPS times; prints
 *                           "bytes lines ms_per_read"
 *   loop   FILE STOPFILE [MS]  read FILE to EOF repeatedly until STOPFILE
 *                           exists, sleeping MS ms between passes (default
 *                           0); prints the number of passes at the end
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define CHUNK (1 << 20)

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void die(const char *what, const char *arg)
{
	fprintf(stderr, "creat: %s %s: %s\n", what, arg ? arg : "", strerror(errno));
	exit(1);
}

static long num(const char *s)
{
	char *e;
	long v = strtol(s, &e, 10);

	if (*s == 0 || *e != 0 || v < 0) {
		fprintf(stderr, "creat: bad number %s\n", s);
		exit(2);
	}
	return v;
}

static int do_creat(const char *dir, long n, const char *prefix)
{
	char path[4096];
	double t0, t;
	long i;

	t0 = now_ms();
	for (i = 0; i < n; i++) {
		int fd;

		snprintf(path, sizeof(path), "%s/%s%ld", dir, prefix, i);
		fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
		if (fd < 0)
			die("open", path);
		if (close(fd))
			die("close", path);
	}
	t = now_ms() - t0;
	printf("%ld %.1f %.0f\n", n, t, n / (t / 1e3));
	return 0;
}

static int do_hold(const char *dir, long n, const char *ready)
{
	struct rlimit rl = { n + 64, n + 64 };
	char path[4096];
	long i;
	int fd;

	if (setrlimit(RLIMIT_NOFILE, &rl))
		die("setrlimit", NULL);
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/h%ld", dir, i);
		if (open(path, O_CREAT | O_RDWR, 0644) < 0)
			die("open", path);
	}
	fd = open(ready, O_CREAT | O_WRONLY, 0644);
	if (fd < 0)
		die("open", ready);
	close(fd);
	for (;;)
		pause();
	return 0;
}

static int do_write(const char *file, long mib)
{
	char *buf = malloc(CHUNK);
	double t0, t;
	long i;
	int fd;

	if (!buf)
		die("malloc", NULL);
	memset(buf, 0xa5, CHUNK);
	t0 = now_ms();
	fd = open(file, O_CREAT | O_WRONLY | O_TRUNC, 0644);
	if (fd < 0)
		die("open", file);
	for (i = 0; i < mib; i++)
		if (write(fd, buf, CHUNK) != CHUNK)
			die("write", file);
	if (fsync(fd))
		die("fsync", file);
	if (close(fd))
		die("close", file);
	t = now_ms() - t0;
	printf("%ld %.1f %.1f\n", mib * CHUNK, t, mib / (t / 1e3));
	return 0;
}

static int do_read(const char *file)
{
	char *buf = malloc(CHUNK);
	long long total = 0;
	double t0, t;
	ssize_t r;
	int fd;

	if (!buf)
		die("malloc", NULL);
	t0 = now_ms();
	fd = open(file, O_RDONLY);
	if (fd < 0)
		die("open", file);
	while ((r = read(fd, buf, CHUNK)) > 0)
		total += r;
	if (r < 0)
		die("read", file);
	close(fd);
	t = now_ms() - t0;
	printf("%lld %.1f %.1f\n", total, t, total / 1048576.0 / (t / 1e3));
	return 0;
}

static int do_rread(const char *file, long n)
{
	static char buf[4096];
	unsigned long long x = 88172645463325252ULL;
	struct stat st;
	double t0, t;
	long i, blocks;
	int fd;

	fd = open(file, O_RDONLY);
	if (fd < 0 || fstat(fd, &st))
		die("open", file);
	blocks = st.st_size / 4096;
	if (blocks < 1)
		die("too small", file);
	t0 = now_ms();
	for (i = 0; i < n; i++) {
		x ^= x << 13;	/* xorshift64: same offsets in every run */
		x ^= x >> 7;
		x ^= x << 17;
		if (pread(fd, buf, 4096, (off_t)(x % blocks) * 4096) != 4096)
			die("pread", file);
	}
	t = now_ms() - t0;
	close(fd);
	printf("%ld %.1f %.0f\n", n, t, n / (t / 1e3));
	return 0;
}

/* Reads FILE once; returns bytes, counts newlines into *lines. */
static long long slurp(const char *file, char *buf, long long *lines)
{
	long long total = 0;
	ssize_t r, k;
	int fd;

	fd = open(file, O_RDONLY);
	if (fd < 0)
		die("open", file);
	while ((r = read(fd, buf, CHUNK)) > 0) {
		total += r;
		if (lines)
			for (k = 0; k < r; k++)
				*lines += buf[k] == '\n';
	}
	if (r < 0)
		die("read", file);
	close(fd);
	return total;
}

static int do_slurp(const char *file, long reps)
{
	char *buf = malloc(CHUNK);
	long long bytes = 0, lines = 0;
	double t0, t;
	long i;

	if (!buf || reps < 1)
		die("slurp", NULL);
	t0 = now_ms();
	for (i = 0; i < reps; i++)
		bytes = slurp(file, buf, NULL);
	t = now_ms() - t0;
	slurp(file, buf, &lines);	/* untimed, for the line count */
	printf("%lld %lld %.2f\n", bytes, lines, t / reps);
	return 0;
}

static int do_loop(const char *file, const char *stop, long ms)
{
	char *buf = malloc(CHUNK);
	struct stat st;
	long passes = 0;

	if (!buf)
		die("malloc", NULL);
	while (stat(stop, &st) != 0) {
		slurp(file, buf, NULL);
		passes++;
		if (ms)
			usleep(ms * 1000);
	}
	printf("%ld\n", passes);
	return 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc >= 4 && !strcmp(argv[1], "creat"))
		return do_creat(argv[2], num(argv[3]), argc > 4 ? argv[4] : "f");
	if (argc == 5 && !strcmp(argv[1], "hold"))
		return do_hold(argv[2], num(argv[3]), argv[4]);
	if (argc == 4 && !strcmp(argv[1], "write"))
		return do_write(argv[2], num(argv[3]));
	if (argc == 3 && !strcmp(argv[1], "read"))
		return do_read(argv[2]);
	if (argc == 4 && !strcmp(argv[1], "rread"))
		return do_rread(argv[2], num(argv[3]));
	if (argc == 4 && !strcmp(argv[1], "slurp"))
		return do_slurp(argv[2], num(argv[3]));
	if ((argc == 4 || argc == 5) && !strcmp(argv[1], "loop"))
		return do_loop(argv[2], argv[3], argc > 4 ? num(argv[4]) : 0);
	fprintf(stderr, "usage: see the top of bench/creat.c\n");
	return 2;
}
