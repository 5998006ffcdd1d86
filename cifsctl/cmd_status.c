// SPDX-License-Identifier: GPL-2.0-only
/*
 * cifsctl status: the server's live state, read from /sys/fs/cifsd
 * (format: cifsd-sysfs(5)).  CIFSD_SYSFS overrides the directory (tests).
 *
 * The lists are line-oriented: a header line naming the columns, then one
 * line per object, fields separated by one space, "-" for "none", and
 * bytes that would break the format written as \ooo.  Columns are found
 * by their header name, so columns added later at the end do no harm.
 * stats and limits are "name value" lines, shown as they come: names
 * added later are printed too.
 */
#include "commands.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXIT_NOT_RUNNING 3

/* One list file, parsed.  A NULL field is "-" (none). */
struct table {
	char **cols;
	size_t ncols;
	char ***rows;
	size_t nrows;
};

static const char *sysfs_dir(void)
{
	const char *d = getenv("CIFSD_SYSFS");

	return d && *d ? d : "/sys/fs/cifsd";
}

/* The whole file in a NUL-terminated buffer, or NULL (errno set). */
static char *read_file(const char *name)
{
	char path[4096];
	size_t len = 0, cap = 65536, n;
	char *buf;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", sysfs_dir(), name);
	f = fopen(path, "r");
	if (!f)
		return NULL;
	buf = xmalloc(cap);
	/* sysfs lists report size 0: read until EOF */
	while ((n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
		len += n;
		if (cap - len - 1 == 0) {
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
	}
	if (ferror(f)) {
		int e = errno;

		fclose(f);
		free(buf);
		errno = e ? e : EIO;
		return NULL;
	}
	fclose(f);
	buf[len] = '\0';
	return buf;
}

static int octal(char c)
{
	return c >= '0' && c <= '7' ? c - '0' : -1;
}

/* Undo the \ooo escapes in place; "-" alone becomes NULL. */
static char *unescape(char *s)
{
	char *r = s, *w = s;

	if (!strcmp(s, "-"))
		return NULL;
	while (*r) {
		if (r[0] == '\\' && octal(r[1]) >= 0 && octal(r[2]) >= 0 &&
		    octal(r[3]) >= 0) {
			*w++ = (char)(octal(r[1]) << 6 | octal(r[2]) << 3 |
				      octal(r[3]));
			r += 4;
		} else {
			*w++ = *r++;
		}
	}
	*w = '\0';
	return s;
}

/* Split @line (modified) at single spaces into a new array of fields. */
static char **split_fields(char *line, size_t *n)
{
	size_t cap = 16, i = 0;
	char **v = xmalloc(cap * sizeof(*v));
	char *p = line, *sp;

	for (;;) {
		if (i == cap) {
			cap *= 2;
			v = xrealloc(v, cap * sizeof(*v));
		}
		sp = strchr(p, ' ');
		if (sp)
			*sp = '\0';
		v[i++] = p;
		if (!sp)
			break;
		p = sp + 1;
	}
	*n = i;
	return v;
}

static void table_free(struct table *t)
{
	for (size_t i = 0; i < t->nrows; i++)
		free(t->rows[i]);
	free(t->rows);
	if (t->ncols)
		free(t->cols[0]);	/* the buffer the fields point into */
	free(t->cols);
	memset(t, 0, sizeof(*t));
}

/*
 * Parse a list file; false (errno set) if it cannot be read.  Column
 * @raw_col (a comma-separated list, or NULL) keeps its escapes: its items
 * are unescaped one by one after splitting.
 */
static bool table_load(const char *name, struct table *t,
		       const char *raw_col)
{
	char *buf = read_file(name), *line, *next;
	size_t cap = 64, n;

	memset(t, 0, sizeof(*t));
	if (!buf)
		return false;
	next = strchr(buf, '\n');
	if (next)
		*next++ = '\0';
	t->cols = split_fields(buf, &t->ncols);
	t->rows = xmalloc(cap * sizeof(*t->rows));
	for (line = next; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (t->nrows == cap) {
			cap *= 2;
			t->rows = xrealloc(t->rows, cap * sizeof(*t->rows));
		}
		t->rows[t->nrows] = split_fields(line, &n);
		/* short lines (should not happen) get NULL fields */
		if (n < t->ncols) {
			t->rows[t->nrows] = xrealloc(t->rows[t->nrows],
						     t->ncols * sizeof(char *));
			for (; n < t->ncols; n++)
				t->rows[t->nrows][n] = NULL;
		}
		for (size_t i = 0; i < t->ncols; i++)
			if (t->rows[t->nrows][i] &&
			    (!raw_col || strcmp(raw_col, t->cols[i])))
				t->rows[t->nrows][i] =
					unescape(t->rows[t->nrows][i]);
			else if (t->rows[t->nrows][i] &&
				 !strcmp(t->rows[t->nrows][i], "-"))
				t->rows[t->nrows][i] = NULL;
		t->nrows++;
	}
	return true;
}

/* Field @col of row @r, NULL for none (or an unknown column). */
static const char *fld(const struct table *t, size_t r, const char *col)
{
	for (size_t i = 0; i < t->ncols; i++)
		if (!strcmp(t->cols[i], col))
			return t->rows[r][i];
	return NULL;
}

/* ---- JSON ---- */

static void json_str(const char *s)
{
	bool utf8 = s && utf8_valid(s);

	if (!s) {
		fputs("null", stdout);
		return;
	}
	putchar('"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			printf("\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", stdout);
		else if (*p == '\t')
			fputs("\\t", stdout);
		else if (*p < 0x20 || (*p >= 0x80 && !utf8))
			printf("\\u%04x", *p);	/* not UTF-8: as Latin-1 */
		else
			putchar(*p);
	}
	putchar('"');
}

static void json_key(const char *k, bool *first)
{
	if (!*first)
		putchar(',');
	*first = false;
	json_str(k);
	putchar(':');
}

/* A number if the field is all digits, else a string (or null). */
static void json_num_or_str(const char *s)
{
	if (s && *s && strspn(s, "0123456789") == strlen(s) &&
	    strlen(s) < 20)
		fputs(s, stdout);
	else
		json_str(s);
}

/* A comma-separated field (still escaped per item) as an array. */
static void json_list(const char *s)
{
	bool first = true;
	char *copy, *p, *item;

	putchar('[');
	if (s) {
		copy = xstrdup(s);
		for (p = copy; (item = strsep(&p, ",")); first = false) {
			if (!first)
				putchar(',');
			json_str(unescape(item) ?: "-");
		}
		free(copy);
	}
	putchar(']');
}

static size_t oplock_level(const char *op, bool *breaking);

/* The oplock column: its level, then "breaking": true/false. */
static void json_oplock(const char *op, bool *first)
{
	bool breaking;
	size_t n = oplock_level(op, &breaking);
	char *level = op ? xstrdup(op) : NULL;

	if (level)
		level[n] = '\0';
	json_str(level);
	json_key("breaking", first);
	fputs(breaking ? "true" : "false", stdout);
	free(level);
}

/* Every row as an object keyed by column name. */
static void json_table(const struct table *t, const char *list_col,
		       const char *const *num_cols)
{
	putchar('[');
	for (size_t r = 0; r < t->nrows; r++) {
		bool first = true;

		if (r)
			putchar(',');
		putchar('{');
		for (size_t c = 0; c < t->ncols; c++) {
			bool num = false;

			for (size_t k = 0; num_cols && num_cols[k]; k++)
				num |= !strcmp(num_cols[k], t->cols[c]);
			json_key(t->cols[c], &first);
			if (list_col && !strcmp(list_col, t->cols[c]))
				json_list(t->rows[r][c]);
			else if (!strcmp(t->cols[c], "oplock"))
				json_oplock(t->rows[r][c], &first);
			else if (num)
				json_num_or_str(t->rows[r][c]);
			else
				json_str(t->rows[r][c]);
		}
		putchar('}');
	}
	putchar(']');
}

/* ---- human-readable tables ---- */

#define MAX_COLS 8

struct view {
	const char *title[MAX_COLS];
	size_t ncols;
	char **cells;		/* nrows * ncols, malloc'ed strings */
	size_t nrows;
};

static void view_add(struct view *v, char *const *cells)
{
	v->cells = xrealloc(v->cells,
			    (v->nrows + 1) * v->ncols * sizeof(char *));
	for (size_t c = 0; c < v->ncols; c++)
		v->cells[v->nrows * v->ncols + c] = cells[c];
	v->nrows++;
}

static void view_print(struct view *v)
{
	size_t w[MAX_COLS], total = 0;

	for (size_t c = 0; c < v->ncols; c++) {
		w[c] = strlen(v->title[c]);
		for (size_t r = 0; r < v->nrows; r++) {
			size_t l = strlen(v->cells[r * v->ncols + c]);

			if (l > w[c])
				w[c] = l;
		}
		total += w[c] + (c + 1 < v->ncols ? 2 : 0);
	}
	for (size_t c = 0; c < v->ncols; c++)
		printf("%-*s%s", c + 1 < v->ncols ? (int)w[c] : 0, v->title[c],
		       c + 1 < v->ncols ? "  " : "\n");
	for (size_t i = 0; i < total; i++)
		putchar('-');
	putchar('\n');
	for (size_t r = 0; r < v->nrows; r++)
		for (size_t c = 0; c < v->ncols; c++)
			printf("%-*s%s", c + 1 < v->ncols ? (int)w[c] : 0,
			       v->cells[r * v->ncols + c],
			       c + 1 < v->ncols ? "  " : "\n");
	for (size_t i = 0; i < v->nrows * v->ncols; i++)
		free(v->cells[i]);
	free(v->cells);
	v->cells = NULL;
	v->nrows = 0;
}

/* Control characters shown as '?'; returns @d. */
static char *printable(char *d)
{
	for (char *p = d; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
	return d;
}

/* A cell: "-" for none, control characters shown as '?'. */
static char *dup_or_dash(const char *s)
{
	return printable(xstrdup(s ? s : "-"));
}

/* "R", "W", "D" for the FILE_SHARE_* bits, "-" for none. */
static char *share_mode(const char *hex)
{
	unsigned long m = hex ? strtoul(hex, NULL, 16) : 0;
	char buf[4], *p = buf;

	if (m & 1)
		*p++ = 'R';
	if (m & 2)
		*p++ = 'W';
	if (m & 4)
		*p++ = 'D';
	if (p == buf)
		*p++ = '-';
	*p = '\0';
	return xstrdup(buf);
}

/* The raw (still escaped) comma list as "a, b". */
static char *join_list(const char *s)
{
	size_t len = 0;
	char *copy, *p, *item, *out;

	if (!s)
		return xstrdup("-");
	copy = xstrdup(s);
	out = xcalloc(1, strlen(s) * 2 + 2);
	for (p = copy; (item = strsep(&p, ",")); ) {
		item = unescape(item);
		len += sprintf(out + len, "%s%s", len ? ", " : "",
			       item ? item : "-");
	}
	free(copy);
	for (p = out; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
	return out;
}

static void print_sessions(const struct table *t)
{
	struct view v = { { "Session ID", "User", "Client", "Dialect",
			    "Signing", "Encryption", "Shares" }, 7, NULL, 0 };

	for (size_t r = 0; r < t->nrows; r++) {
		char *c[7] = {
			dup_or_dash(fld(t, r, "session_id")),
			dup_or_dash(fld(t, r, "user")),
			dup_or_dash(fld(t, r, "client")),
			dup_or_dash(fld(t, r, "dialect")),
			dup_or_dash(fld(t, r, "signing")),
			dup_or_dash(fld(t, r, "encryption")),
			join_list(fld(t, r, "shares")),
		};
		view_add(&v, c);
	}
	view_print(&v);
}

static void print_shares(const struct table *t)
{
	struct view v = { { "Share", "Session ID", "User", "Client" }, 4, NULL, 0 };

	for (size_t r = 0; r < t->nrows; r++) {
		char *c[4] = {
			dup_or_dash(fld(t, r, "share")),
			dup_or_dash(fld(t, r, "session_id")),
			dup_or_dash(fld(t, r, "user")),
			dup_or_dash(fld(t, r, "client")),
		};
		view_add(&v, c);
	}
	view_print(&v);
}

/*
 * The oplock column: a level ("none", "II", "exclusive", "batch",
 * "lease") with a trailing '*' while a break is in progress.  Returns
 * the length of the level; *breaking tells about the '*'.
 */
static size_t oplock_level(const char *op, bool *breaking)
{
	size_t n = op ? strlen(op) : 0;

	*breaking = n > 1 && op[n - 1] == '*';
	return *breaking ? n - 1 : n;
}

/* "batch", "II breaking", "lease KEY RHW", "lease KEY R breaking". */
static char *oplock_lease(const struct table *t, size_t r)
{
	const char *op = fld(t, r, "oplock");
	const char *key = fld(t, r, "lease_key");
	const char *st = fld(t, r, "lease_state");
	bool breaking;
	size_t n = oplock_level(op, &breaking);
	char *out;

	out = xmalloc(n + (key ? strlen(key) : 0) + (st ? strlen(st) : 0) +
		      32);
	if (key)
		sprintf(out, "lease %s %s", key, st ? st : "-");
	else if (op)
		sprintf(out, "%.*s", (int)n, op);
	else
		strcpy(out, "-");
	if (breaking)
		strcat(out, " breaking");
	return printable(out);
}

/* "no", "v1", "v2", "persistent"; "v2, disconnected, 57 s left". */
static char *durable(const struct table *t, size_t r)
{
	const char *d = fld(t, r, "durable");
	const char *exp = fld(t, r, "expires");
	char *out;

	if (!exp)
		return dup_or_dash(d);
	out = xmalloc((d ? strlen(d) : 1) + strlen(exp) + 32);
	sprintf(out, "%s, disconnected, %s s left", d ? d : "-", exp);
	return printable(out);
}

static void print_opens(const struct table *t)
{
	struct view v = { { "Session ID", "User", "Share", "Path", "Access",
			    "Share mode", "Oplock/Lease", "Durable" }, 8,
			  NULL, 0 };

	for (size_t r = 0; r < t->nrows; r++) {
		char *c[8] = {
			dup_or_dash(fld(t, r, "session_id")),
			dup_or_dash(fld(t, r, "user")),
			dup_or_dash(fld(t, r, "share")),
			dup_or_dash(fld(t, r, "path")),
			dup_or_dash(fld(t, r, "access")),
			share_mode(fld(t, r, "share_access")),
			oplock_lease(t, r),
			durable(t, r),
		};
		view_add(&v, c);
	}
	view_print(&v);
}

/* ---- "name value" files: stats, limits ---- */

/* One "name value" file; lines without a value are skipped. */
struct kv {
	char *buf;
	char **name, **val;
	size_t n;
};

static bool kv_load(const char *file, struct kv *k)
{
	char *p, *line, *v;

	memset(k, 0, sizeof(*k));
	k->buf = read_file(file);
	if (!k->buf)
		return false;
	for (p = k->buf; (line = strsep(&p, "\n")); ) {
		v = strchr(line, ' ');
		if (!v || v == line)
			continue;
		*v++ = '\0';
		k->name = xrealloc(k->name, (k->n + 1) * sizeof(char *));
		k->val = xrealloc(k->val, (k->n + 1) * sizeof(char *));
		k->name[k->n] = line;
		k->val[k->n++] = v;
	}
	return true;
}

static void kv_free(struct kv *k)
{
	free(k->buf);
	free(k->name);
	free(k->val);
	memset(k, 0, sizeof(*k));
}

static void json_kv(const struct kv *k)
{
	bool first = true;

	putchar('{');
	for (size_t i = 0; i < k->n; i++) {
		json_key(k->name[i], &first);
		json_num_or_str(k->val[i]);
	}
	putchar('}');
}

static bool ends_with(const char *s, const char *tail)
{
	size_t a = strlen(s), b = strlen(tail);

	return a >= b && !strcmp(s + a - b, tail);
}

/* Limits that are switches (1 on, 0 off), shown as yes and no. */
static const char *const switch_limits[] = {
	"smb2_leases", "dir_leases", NULL
};

/*
 * A limit's value with what it means: "20 s", "0 (never)", "0 (no limit)",
 * "yes".
 */
static char *limit_text(const char *name, const char *v)
{
	bool zero = !strcmp(v, "0");
	const char *suffix = "";
	char *out;

	for (size_t i = 0; switch_limits[i]; i++)
		if (!strcmp(name, switch_limits[i]) &&
		    (zero || !strcmp(v, "1")))
			return xstrdup(zero ? "no" : "yes");
	if (ends_with(name, "_timeout"))
		suffix = zero ? " (never)" : " s";
	else if (ends_with(name, "_kib"))
		suffix = " KiB";
	else if (!strncmp(name, "max_", 4) && zero)
		suffix = " (no limit)";
	out = xmalloc(strlen(v) + strlen(suffix) + 1);
	sprintf(out, "%s%s", v, suffix);
	return out;
}

static void print_kv(const struct kv *k, bool limits)
{
	struct view v = { { "Name", "Value" }, 2, NULL, 0 };

	for (size_t i = 0; i < k->n; i++) {
		char *c[2] = {
			dup_or_dash(k->name[i]),
			limits ? limit_text(k->name[i], k->val[i]) :
				 dup_or_dash(k->val[i]),
		};
		view_add(&v, c);
	}
	view_print(&v);
}

/* ---- the command ---- */

enum {
	SHOW_SESSIONS = 1, SHOW_SHARES = 2, SHOW_OPENS = 4, SHOW_STATS = 8,
	SHOW_LIMITS = 16, SHOW_ALL = 31
};

static const struct section {
	const char *name;	/* sysfs file and JSON key */
	unsigned int bit;
	const char *title;
	const char *list_col;	/* comma-list column */
	const char *const *num_cols;
	void (*print)(const struct table *t);	/* NULL: a "name value" file */
} sections[] = {
	{ "stats", SHOW_STATS, "Counters", NULL, NULL, NULL },
	{ "limits", SHOW_LIMITS, "Limits", NULL, NULL, NULL },
	{ "sessions", SHOW_SESSIONS, "Sessions", "shares", NULL,
	  print_sessions },
	{ "shares", SHOW_SHARES, "Shares in use", NULL,
	  (const char *const[]){ "tree_id", NULL }, print_shares },
	{ "opens", SHOW_OPENS, "Open files", NULL,
	  (const char *const[]){ "file_id", "expires", NULL }, print_opens },
};

/* Trimmed contents of a small sysfs file, or NULL. */
static char *read_scalar(const char *name)
{
	char *s = read_file(name);

	if (s)
		s[strcspn(s, "\n")] = '\0';
	return s;
}

static void print_header(const char *port, const char *uptime)
{
	unsigned long up = strtoul(uptime ? uptime : "0", NULL, 10);

	printf("cifsd running on port %s, up %lud %02lu:%02lu:%02lu\n",
	       port ? port : "?", up / 86400, up / 3600 % 24, up / 60 % 60,
	       up % 60);
}

/*
 * A "name value" section.  In the full view a missing file is left out
 * (a module without limits); asked for by name it is an error.
 */
static bool show_kv(const struct section *s, bool json, bool all,
		    bool *first, bool *any)
{
	struct kv k;

	if (!kv_load(s->name, &k)) {
		if (all && errno == ENOENT)
			return true;
		err_msg("cannot read %s/%s: %s", sysfs_dir(), s->name,
			strerror(errno));
		return false;
	}
	if (json) {
		json_key(s->name, first);
		json_kv(&k);
	} else {
		printf("%s%s:\n", *any || all ? "\n" : "", s->title);
		print_kv(&k, s->bit == SHOW_LIMITS);
	}
	*any = true;
	kv_free(&k);
	return true;
}

static bool show_table(const struct section *s, bool json, bool all,
		       bool *first, bool *any)
{
	struct table t;

	if (!table_load(s->name, &t, s->list_col)) {
		err_msg("cannot read %s/%s: %s", sysfs_dir(), s->name,
			strerror(errno));
		return false;
	}
	if (json) {
		json_key(s->name, first);
		json_table(&t, s->list_col, s->num_cols);
	} else {
		printf("%s%s:\n", *any || all ? "\n" : "", s->title);
		s->print(&t);
	}
	*any = true;
	table_free(&t);
	return true;
}

static int show(unsigned int what, bool json)
{
	char *port = read_scalar("port"), *uptime = read_scalar("uptime");
	bool first = true, any = false, all = what == SHOW_ALL;
	int rc = EXIT_OK;

	if (json) {
		putchar('{');
		if (all) {
			json_key("state", &first);
			json_str("running");
			json_key("port", &first);
			json_num_or_str(port);
			json_key("uptime", &first);
			json_num_or_str(uptime);
		}
	} else if (all) {
		print_header(port, uptime);
	}
	/* the tables first for people, the counters and limits after */
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < sizeof(sections) / sizeof(sections[0]); i++) {
			const struct section *s = &sections[i];
			bool kv = !s->print, ok;

			if (!(what & s->bit) || kv != (json ? !pass : pass))
				continue;
			ok = kv ? show_kv(s, json, all, &first, &any) :
				  show_table(s, json, all, &first, &any);
			if (!ok)
				rc = EXIT_FAIL;
		}
	}
	if (json)
		puts("}");
	free(port);
	free(uptime);
	return rc;
}

void help_status(void)
{
	fputs("Usage: cifsctl status [sessions | shares | opens | stats | limits] [--json]\n"
	      "\nShow the running server's sessions, the shares in use, the open\n"
	      "files, its counters (stats) and the limits in force (default: all\n"
	      "of them, with a summary line).\n"
	      "\nOptions:\n"
	      "  --json     one JSON object for scripts\n"
	      "  -h, --help this help\n"
	      "\nReads /sys/fs/cifsd (CIFSD_SYSFS overrides it); see\n"
	      "cifsd-sysfs(5).  Exit status 3 when the server is not running.\n",
	      stdout);
}

int cmd_status(int argc, char **argv)
{
	unsigned int what = 0;
	bool json = false;
	char *state;
	int rc;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		size_t k;

		if (!strcmp(a, "--json")) {
			json = true;
			continue;
		}
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			help_status();
			return EXIT_OK;
		}
		if (a[0] == '-')
			return usage_error("status: unknown option '%s'", a);
		for (k = 0; k < sizeof(sections) / sizeof(sections[0]); k++)
			if (!strcmp(a, sections[k].name))
				break;
		if (k == sizeof(sections) / sizeof(sections[0]))
			return usage_error("status: unknown section '%s'", a);
		if (what)
			return usage_error("status: at most one section");
		what = sections[k].bit;
	}
	state = read_scalar("state");
	if (!state || strcmp(state, "running")) {
		free(state);
		fputs("cifsd is not running\n", stderr);
		return EXIT_NOT_RUNNING;
	}
	free(state);
	rc = show(what ? what : SHOW_ALL, json);
	return rc;
}
