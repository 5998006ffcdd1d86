// SPDX-License-Identifier: GPL-2.0-only
#include "userdb.h"
#include "md4.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define B64_HASH_LEN 24		/* base64 of 16 bytes, with padding */

const char *user_name_problem(const char *name)
{
	if (!*name)
		return "is empty";
	if (strlen(name) >= CIFSD_NAME_MAX)
		return "is longer than 255 bytes";
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		if (*p == ':')
			return "contains ':'";
		if (*p < 0x20 || *p == 0x7f)
			return "contains a control character";
	}
	if (!utf8_valid(name))
		return "is not valid UTF-8";
	return NULL;
}

int nt_hash(const char *password, uint8_t out[CIFSD_NT_HASH_LEN])
{
	size_t len;
	uint8_t *u16 = utf8_to_utf16le(password, &len);

	if (!u16)
		return -1;
	md4(u16, len, out);
	memset(u16, 0, len);
	free(u16);
	return 0;
}

static void malformed(const char *path, unsigned long line)
{
	fprintf(stderr, "%s:%lu: malformed entry (expected name:base64-nt-hash)\n",
		path, line);
}

/* Parse one non-comment line into db; false if malformed. */
static bool parse_line(struct userdb *db, char *line)
{
	char *name = line, *hash, *flags;
	uint8_t bin[CIFSD_NT_HASH_LEN + 3];

	hash = strchr(name, ':');
	if (!hash)
		return false;
	*hash++ = '\0';
	flags = strchr(hash, ':');
	if (flags)
		*flags++ = '\0';
	if (user_name_problem(name) || userdb_find(db, name))
		return false;
	if (strlen(hash) != B64_HASH_LEN ||
	    base64_decode(hash, bin, sizeof(bin)) != CIFSD_NT_HASH_LEN)
		return false;
	if (flags && strchr(flags, ':'))
		return false;
	userdb_add(db, name, bin);
	if (flags && *flags)
		db->users[db->n - 1].flags = xstrdup(flags);
	return true;
}

int userdb_load(struct userdb *db, const char *path)
{
	FILE *f;
	char *buf = NULL;
	size_t cap = 0;
	ssize_t len;
	unsigned long lineno = 0;
	int ret = 0;

	memset(db, 0, sizeof(*db));
	db->path = xstrdup(path);
	f = fopen(path, "re");
	if (!f) {
		if (errno == ENOENT)
			return 0;
		err_msg("cannot read user database %s: %s", path,
			strerror(errno));
		return -1;
	}
	while ((len = getline(&buf, &cap, f)) >= 0) {
		lineno++;
		if (len > 0 && buf[len - 1] == '\n')
			buf[--len] = '\0';
		if (buf[0] == '\0' || buf[0] == '#')
			continue;
		if ((size_t)len != strlen(buf) || !parse_line(db, buf)) {
			malformed(path, lineno);
			ret = -1;
			break;
		}
	}
	if (ret == 0 && ferror(f)) {
		err_msg("cannot read user database %s: %s", path,
			strerror(errno));
		ret = -1;
	}
	free(buf);
	fclose(f);
	return ret;
}

static int write_all(FILE *f, const struct userdb *db)
{
	char b64[B64_HASH_LEN + 1];

	for (size_t i = 0; i < db->n; i++) {
		const struct cifs_user *u = &db->users[i];

		base64_encode(u->hash, CIFSD_NT_HASH_LEN, b64);
		if (u->flags)
			fprintf(f, "%s:%s:%s\n", u->name, b64, u->flags);
		else
			fprintf(f, "%s:%s\n", u->name, b64);
	}
	if (fflush(f) || ferror(f))
		return -1;
	return fsync(fileno(f));
}

static void sync_dir(const char *path)
{
	char *copy = xstrdup(path);
	int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(copy);
}

int userdb_save(const struct userdb *db)
{
	size_t n = strlen(db->path) + 8;
	char *tmp = xmalloc(n);
	FILE *f = NULL;
	int fd, saved;

	snprintf(tmp, n, "%s.XXXXXX", db->path);
	fd = mkstemp(tmp);
	if (fd < 0 && errno == ENOENT) {
		/* first user: create the directory (e.g. /etc/cifsd) */
		char *dir = xstrdup(db->path);

		if (mkdir(dirname(dir), 0755) == 0)
			fd = mkstemp(tmp);
		else
			errno = ENOENT;
		free(dir);
	}
	if (fd < 0)
		goto fail;
	if (fchmod(fd, 0600) < 0)
		goto fail;
	f = fdopen(fd, "w");
	if (!f)
		goto fail;
	fd = -1;
	if (write_all(f, db) < 0)
		goto fail;
	if (fclose(f)) {
		f = NULL;
		goto fail;
	}
	f = NULL;
	if (rename(tmp, db->path) < 0)
		goto fail;
	sync_dir(db->path);
	free(tmp);
	return 0;
fail:
	saved = errno;
	if (f)
		fclose(f);
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	err_msg("cannot write user database %s: %s", db->path,
		strerror(saved));
	free(tmp);
	return -1;
}

void userdb_free(struct userdb *db)
{
	for (size_t i = 0; i < db->n; i++) {
		free(db->users[i].name);
		free(db->users[i].flags);
	}
	free(db->users);
	free(db->path);
	memset(db, 0, sizeof(*db));
}

struct cifs_user *userdb_find(const struct userdb *db, const char *name)
{
	for (size_t i = 0; i < db->n; i++)
		if (str_ieq(db->users[i].name, name))
			return &db->users[i];
	return NULL;
}

void userdb_add(struct userdb *db, const char *name,
		const uint8_t hash[CIFSD_NT_HASH_LEN])
{
	struct cifs_user *u;

	if (db->n == db->cap) {
		db->cap = db->cap ? db->cap * 2 : 8;
		db->users = xrealloc(db->users, db->cap * sizeof(*db->users));
	}
	u = &db->users[db->n++];
	u->name = xstrdup(name);
	memcpy(u->hash, hash, CIFSD_NT_HASH_LEN);
	u->flags = NULL;
}

void userdb_del(struct userdb *db, struct cifs_user *u)
{
	size_t i = (size_t)(u - db->users);

	free(u->name);
	free(u->flags);
	memmove(u, u + 1, (db->n - i - 1) * sizeof(*u));
	db->n--;
}

bool user_is_disabled(const struct cifs_user *u)
{
	const char *p = u->flags;

	while (p && *p) {
		size_t len = strcspn(p, ",");

		if (len == 8 && strncmp(p, "disabled", 8) == 0)
			return true;
		p += len;
		if (*p == ',')
			p++;
	}
	return false;
}
