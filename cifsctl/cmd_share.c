// SPDX-License-Identifier: GPL-2.0-only
/*
 * cifsctl share add|set|del|list|show: edit the configuration file in
 * place.  Only the lines that change are touched; comments, blank lines
 * and the order of everything else stay as they are.  The result is
 * written to a temporary file next to the original, checked with the
 * same loader "cifsctl start" uses, and renamed over the original.
 */
#include "commands.h"
#include "config.h"
#include "config_values.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void help_share(void)
{
	fputs("Usage: cifsctl share add NAME KEY=VALUE... [-c CONFIG]\n"
	      "       cifsctl share set NAME KEY=VALUE... [-c CONFIG]\n"
	      "       cifsctl share del NAME [-c CONFIG]\n"
	      "       cifsctl share list [-c CONFIG]\n"
	      "       cifsctl share show NAME [-c CONFIG]\n"
	      "\n"
	      "Edit the shares of the configuration file in place (comments and\n"
	      "order are kept), or print them.  add appends a new section at the\n"
	      "end of the file (path=DIR is required); set changes keys of an\n"
	      "existing share, appending new ones at the end of its section.\n"
	      "KEY is a share key of cifsd.conf(5); blanks, '_' and '-' in it are\n"
	      "ignored (read_only=yes is 'read only = yes').  The file is checked\n"
	      "as 'cifsctl start' would and replaced atomically.  Run\n"
	      "'cifsctl reload' to apply the change to a running server.\n"
	      "\n"
	      "Options:\n"
	      "  -c, --config FILE  configuration (default " CONFIG_DEFAULT_PATH ")\n"
	      "  -h, --help         show this help\n", stdout);
}

/* The file as lines, each with its '\n' (the last one may lack it). */
struct conf_text {
	char **l;
	size_t n;
};

static void text_insert(struct conf_text *t, size_t at, char *line)
{
	t->l = xrealloc(t->l, (t->n + 1) * sizeof(*t->l));
	memmove(t->l + at + 1, t->l + at, (t->n - at) * sizeof(*t->l));
	t->l[at] = line;
	t->n++;
}

static void text_remove(struct conf_text *t, size_t at, size_t count)
{
	for (size_t i = at; i < at + count; i++)
		free(t->l[i]);
	memmove(t->l + at, t->l + at + count,
		(t->n - at - count) * sizeof(*t->l));
	t->n -= count;
}

static void text_free(struct conf_text *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->l[i]);
	free(t->l);
	memset(t, 0, sizeof(*t));
}

/* 0, 1 if the file does not exist (empty text), or -1 (reported). */
static int text_load(struct conf_text *t, const char *file)
{
	FILE *f = fopen(file, "re");
	char *buf = NULL;
	size_t cap = 0;
	ssize_t len;

	memset(t, 0, sizeof(*t));
	if (!f) {
		if (errno == ENOENT)
			return 1;
		err_msg("cannot read config %s: %s", file, strerror(errno));
		return -1;
	}
	while ((len = getline(&buf, &cap, f)) >= 0)
		text_insert(t, t->n, xstrdup(buf));
	free(buf);
	if (ferror(f)) {
		err_msg("cannot read config %s: %s", file, strerror(errno));
		fclose(f);
		text_free(t);
		return -1;
	}
	fclose(f);
	return 0;
}

static const char *skip_blanks(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

static bool is_blank_or_comment(const char *l)
{
	l = skip_blanks(l);
	return *l == '\0' || *l == '\n' || *l == '\r' || *l == '#' || *l == ';';
}

/* Does line l open a section?  If name is not NULL: that section. */
static bool is_section(const char *l, const char *name)
{
	const char *end;
	char *got;
	bool eq;

	l = skip_blanks(l);
	if (*l != '[')
		return false;
	if (!name)
		return true;
	end = strchr(l, ']');
	if (!end)
		return false;
	got = xmalloc((size_t)(end - l));
	memcpy(got, l + 1, (size_t)(end - l - 1));
	got[end - l - 1] = '\0';
	eq = str_ieq(str_trim(got), name);
	free(got);
	return eq;
}

/* Key of a "key = value" line without blanks, lower case; or NULL. */
static char *line_key(const char *l)
{
	const char *eq;
	char *k, *o;

	if (is_blank_or_comment(l) || is_section(l, NULL))
		return NULL;
	eq = strchr(l, '=');
	if (!eq)
		return NULL;
	k = xmalloc((size_t)(eq - l) + 1);
	o = k;
	for (const char *p = l; p < eq; p++)
		if (*p != ' ' && *p != '\t')
			*o++ = *p;
	*o = '\0';
	str_lower(k);
	return k;
}

/* Index of the header of section name, or -1. */
static long find_section(const struct conf_text *t, const char *name)
{
	for (size_t i = 0; i < t->n; i++)
		if (is_section(t->l[i], name))
			return (long)i;
	return -1;
}

/* First line after the section that starts at hdr. */
static size_t section_end(const struct conf_text *t, size_t hdr)
{
	size_t i = hdr + 1;

	while (i < t->n && !is_section(t->l[i], NULL))
		i++;
	return i;
}

/* Last key line of the section at hdr (hdr itself if it has none). */
static size_t section_last_key(const struct conf_text *t, size_t hdr)
{
	size_t end = section_end(t, hdr), last = hdr;

	for (size_t i = hdr + 1; i < end; i++)
		if (!is_blank_or_comment(t->l[i]))
			last = i;
	return last;
}

static char *str_printf(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

static char *str_printf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0) {
		fputs(PROG_NAME ": out of memory\n", stderr);
		exit(EXIT_FAIL);
	}
	va_end(ap);
	return s;
}

/* One KEY=VALUE argument, checked. */
struct kv {
	const char *canon_name;	/* spelling for the file */
	char *canon;
	const char *value;
};

/* Parse and check the KEY=VALUE arguments.  0, or EXIT_* on error. */
static int parse_kvs(char **args, int n, struct kv *kv)
{
	for (int i = 0; i < n; i++) {
		const char *eq = strchr(args[i], '='), *v;
		char *c;

		if (!eq || eq == args[i])
			return usage_error("expected KEY=VALUE, got '%s'", args[i]);
		kv[i].canon = xmalloc((size_t)(eq - args[i]) + 1);
		c = kv[i].canon;
		for (const char *p = args[i]; p < eq; p++)
			if (!strchr(" \t_-", *p))
				*c++ = *p;
		*c = '\0';
		str_lower(kv[i].canon);
		kv[i].canon_name = config_share_key_name(kv[i].canon);
		kv[i].value = v = eq + 1;
		if (!kv[i].canon_name) {
			err_msg("unknown share key '%.*s' (see cifsd.conf(5) for the keys)",
				(int)(eq - args[i]), args[i]);
			return EXIT_FAIL;
		}
		for (int j = 0; j < i; j++) {
			if (!strcmp(kv[j].canon, kv[i].canon)) {
				err_msg("key '%s' is given twice", kv[i].canon_name);
				return EXIT_FAIL;
			}
		}
		if (strpbrk(v, "#;\n\r") || *skip_blanks(v) != *v ||
		    (*v && strchr(" \t", v[strlen(v) - 1]))) {
			err_msg("bad value '%s' for '%s': it cannot contain '#', ';' or a line break, nor start or end with a blank",
				v, kv[i].canon_name);
			return EXIT_FAIL;
		}
	}
	return 0;
}

static void free_kvs(struct kv *kv, int n)
{
	for (int i = 0; i < n; i++)
		free(kv[i].canon);
	free(kv);
}

/* Indentation of line l (a new malloc'ed string). */
static char *indent_of(const char *l)
{
	size_t n = (size_t)(skip_blanks(l) - l);
	char *s = xmalloc(n + 1);

	memcpy(s, l, n);
	s[n] = '\0';
	return s;
}

static void ensure_final_newline(struct conf_text *t)
{
	size_t len;

	if (!t->n)
		return;
	len = strlen(t->l[t->n - 1]);
	if (len && t->l[t->n - 1][len - 1] != '\n') {
		char *l = str_printf("%s\n", t->l[t->n - 1]);

		free(t->l[t->n - 1]);
		t->l[t->n - 1] = l;
	}
}

static void edit_add(struct conf_text *t, const char *name,
		     const struct kv *kv, int n)
{
	ensure_final_newline(t);
	if (t->n && !is_blank_or_comment(t->l[t->n - 1]))
		text_insert(t, t->n, xstrdup("\n"));
	text_insert(t, t->n, str_printf("[%s]\n", name));
	for (int i = 0; i < n; i++)
		text_insert(t, t->n, str_printf("\t%s = %s\n", kv[i].canon_name,
						 kv[i].value));
}

static void edit_set(struct conf_text *t, size_t hdr, const struct kv *kv,
		     int n)
{
	for (int i = 0; i < n; i++) {
		size_t end = section_end(t, hdr), last = section_last_key(t, hdr);
		long found = -1;
		char *ind;

		for (size_t j = hdr + 1; j < end; j++) {
			char *k = line_key(t->l[j]);

			if (k && !strcmp(k, kv[i].canon))
				found = (long)j;	/* the last one counts */
			free(k);
		}
		if (found >= 0) {
			char *l = t->l[found], *eq = strchr(l, '=');
			int keep = (int)(skip_blanks(eq + 1) - l);

			if (keep == (int)(eq + 1 - l))
				t->l[found] = str_printf("%.*s %s\n", keep, l,
							 kv[i].value);
			else
				t->l[found] = str_printf("%.*s%s\n", keep, l,
							 kv[i].value);
			free(l);
			continue;
		}
		ensure_final_newline(t);
		ind = last == hdr ? xstrdup("\t") : indent_of(t->l[last]);
		text_insert(t, last + 1, str_printf("%s%s = %s\n", ind,
						    kv[i].canon_name,
						    kv[i].value));
		free(ind);
	}
}

static void edit_del(struct conf_text *t, size_t hdr)
{
	size_t last = section_last_key(t, hdr), count = last - hdr + 1;

	/* drop the blank lines that separated it from what follows */
	if (hdr == 0 || is_blank_or_comment(t->l[hdr - 1]))
		while (hdr + count < t->n &&
		       *skip_blanks(t->l[hdr + count]) == '\n')
			count++;
	text_remove(t, hdr, count);
}

/*
 * Load tmp as "cifsctl start" would.  The loader's "FILE:LINE: ..."
 * messages refer to the new text, not to the file on disk, so they are
 * caught and each error is printed as "cifsctl: FILE not changed: ...";
 * warnings are dropped.  0 or -1.
 */
static int text_commit_to(const struct conf_text *t, const char *file,
			  const char *shown);

static int check_config(struct config *cfg, const char *tmp,
			const char *file)
{
	FILE *orig = stderr, *mem;
	char *text = NULL, *line, *next;
	size_t len = 0, flen = strlen(file);
	int ret;

	mem = open_memstream(&text, &len);
	if (!mem)
		return config_load_as(cfg, tmp, file);
	stderr = mem;
	ret = config_load_as(cfg, tmp, file);
	stderr = orig;
	fclose(mem);
	for (line = text; ret < 0 && line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (!strncmp(line, file, flen) && line[flen] == ':') {
			char *p = line + flen + 1;

			while (*p >= '0' && *p <= '9')
				p++;
			if (*p == ':' && p[1] == ' ')
				line = p + 2;
		} else if (!strncmp(line, PROG_NAME ": ", strlen(PROG_NAME) + 2)) {
			line += strlen(PROG_NAME) + 2;
		}
		if (strncmp(line, "warning: ", 9) && *line)
			err_msg("%s not changed: %s", file, line);
	}
	free(text);
	return ret;
}

/*
 * Write t to a temporary file next to file, check it with the loader of
 * "cifsctl start" and rename it over file, keeping mode and owner.  A
 * symbolic link is followed: its target is replaced, the link stays.
 */
static int text_commit(const struct conf_text *t, const char *file)
{
	char *real = realpath(file, NULL);
	int ret = text_commit_to(t, real ? real : file, file);

	free(real);
	return ret;
}

static int text_commit_to(const struct conf_text *t, const char *file,
			  const char *shown)
{
	char *tmp = str_printf("%s.XXXXXX", file);
	struct config cfg;
	struct stat st;
	bool exists = stat(file, &st) == 0;
	FILE *f = NULL;
	int fd = mkstemp(tmp), saved;

	if (fd < 0)
		goto fail;
	if (fchmod(fd, exists ? (st.st_mode & 07777) : 0644) < 0)
		goto fail;
	if (exists && fchown(fd, st.st_uid, st.st_gid) < 0 && errno != EPERM)
		goto fail;
	f = fdopen(fd, "w");
	if (!f)
		goto fail;
	fd = -1;
	for (size_t i = 0; i < t->n; i++)
		fputs(t->l[i], f);
	if (fflush(f) || ferror(f) || fsync(fileno(f)))
		goto fail;
	if (fclose(f)) {
		f = NULL;
		goto fail;
	}
	f = NULL;
	if (check_config(&cfg, tmp, shown) < 0) {
		unlink(tmp);
		free(tmp);
		return EXIT_FAIL;
	}
	config_free(&cfg);
	if (rename(tmp, file) < 0)
		goto fail;
	free(tmp);
	return EXIT_OK;
fail:
	saved = errno;
	if (f)
		fclose(f);
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	free(tmp);
	err_msg("cannot write config %s: %s", shown, strerror(saved));
	return EXIT_FAIL;
}

static int share_edit(const char *action, const char *name, char **args,
		      int nargs, const char *file)
{
	struct kv *kv = xcalloc((size_t)nargs + 1, sizeof(*kv));
	struct conf_text t;
	const char *why = share_name_problem(name);
	long hdr;
	int ret, loaded;

	if (!*name || why || str_ieq(name, "global") || str_ieq(name, "homes") ||
	    str_ieq(name, "printers") || str_ieq(name, "IPC$") ||
	    strchr(name, '#') || strchr(name, ';')) {
		err_msg("invalid share name '%s': %s", name,
			!*name ? "it is empty" : why ? why :
			(strchr(name, '#') || strchr(name, ';')) ?
			"contains '#' or ';'" : "the name is reserved");
		free(kv);
		return EXIT_FAIL;
	}
	ret = parse_kvs(args, nargs, kv);
	if (ret) {
		free_kvs(kv, nargs);
		return ret;
	}
	loaded = text_load(&t, file);
	if (loaded < 0 || (loaded > 0 && strcmp(action, "add"))) {
		if (loaded > 0)
			err_msg("cannot read config %s: %s", file, strerror(ENOENT));
		free_kvs(kv, nargs);
		return EXIT_FAIL;
	}
	hdr = find_section(&t, name);
	if (!strcmp(action, "add") && hdr >= 0) {
		err_msg("share [%s] already exists in %s (use 'cifsctl share set')",
			name, file);
		ret = EXIT_FAIL;
	} else if (strcmp(action, "add") && hdr < 0) {
		err_msg("no share [%s] in %s", name, file);
		ret = EXIT_FAIL;
	} else {
		if (!strcmp(action, "add"))
			edit_add(&t, name, kv, nargs);
		else if (!strcmp(action, "set"))
			edit_set(&t, (size_t)hdr, kv, nargs);
		else
			edit_del(&t, (size_t)hdr);
		ret = text_commit(&t, file);
	}
	text_free(&t);
	free_kvs(kv, nargs);
	return ret;
}

static int share_print(const char *name, const char *file)
{
	struct config cfg;
	const struct share *s;
	int ret = EXIT_OK;

	if (config_load(&cfg, file) < 0) {
		err_msg("%s is not valid; fix the errors above", file);
		return EXIT_FAIL;
	}
	if (!name) {
		for (size_t i = 0; i < cfg.nshares; i++)
			puts(cfg.shares[i].name);
	} else if ((s = config_find_share(&cfg, name))) {
		config_print_share(s, stdout);
	} else {
		err_msg("no share [%s] in %s", name, file);
		ret = EXIT_FAIL;
	}
	config_free(&cfg);
	return ret;
}

int cmd_share(int argc, char **argv)
{
	const char *file = CONFIG_DEFAULT_PATH, *action;
	int rc, nargs;

	rc = one_path_opt(argc, argv, "share", help_share, "config", 'c', &file);
	if (rc >= 0)
		return rc;
	if (optind >= argc)
		return usage_error("'share' needs an action: add, set, del, list or show");
	action = argv[optind];
	nargs = argc - optind - 1;
	if (!strcmp(action, "list")) {
		if (nargs)
			return usage_error("'share list' takes no arguments");
		return share_print(NULL, file);
	}
	if (!strcmp(action, "show") || !strcmp(action, "del")) {
		if (nargs != 1)
			return usage_error("'share %s' needs exactly one NAME", action);
		if (!strcmp(action, "show"))
			return share_print(argv[optind + 1], file);
		return share_edit(action, argv[optind + 1], NULL, 0, file);
	}
	if (strcmp(action, "add") && strcmp(action, "set"))
		return usage_error("unknown share action '%s'", action);
	if (nargs < 1)
		return usage_error("'share %s' needs a NAME", action);
	if (!strcmp(action, "set") && nargs < 2)
		return usage_error("'share set' needs at least one KEY=VALUE");
	return share_edit(action, argv[optind + 1], argv + optind + 2,
			  nargs - 1, file);
}
