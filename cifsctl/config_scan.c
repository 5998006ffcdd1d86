// SPDX-License-Identifier: GPL-2.0-only
#include "config_scan.h"
#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void add_section(struct conf_file *cf, const char *name,
			unsigned line)
{
	struct conf_section *s;

	cf->secs = xrealloc(cf->secs, (cf->n + 1) * sizeof(*cf->secs));
	s = &cf->secs[cf->n++];
	s->name = xstrdup(name);
	s->line = line;
	s->entries = NULL;
	s->n = 0;
}

static void add_entry(struct conf_section *s, const char *key,
		      unsigned line)
{
	struct conf_entry *e;
	char *c;

	s->entries = xrealloc(s->entries, (s->n + 1) * sizeof(*s->entries));
	e = &s->entries[s->n++];
	e->key = xstrdup(key);
	str_lower(e->key);
	e->canon = xstrdup(e->key);
	c = e->canon;
	for (const char *p = e->key; *p; p++)
		if (*p != ' ' && *p != '\t')
			*c++ = *p;
	*c = '\0';
	e->line = line;
}

static const char *section_line(struct conf_file *cf, char *l,
				unsigned line)
{
	char *end = strchr(l, ']'), *name;

	if (!end)
		return "missing ']'";
	if (*str_trim(end + 1) != '\0')
		return "text after ']'";
	*end = '\0';
	name = str_trim(l + 1);
	if (!*name)
		return "empty section name";
	if (strchr(name, '[') || strchr(name, ':'))
		return "section name contains '[' or ':'";
	for (size_t i = 0; i < cf->n; i++)
		if (str_ieq(cf->secs[i].name, name))
			return "duplicate section";
	add_section(cf, name, line);
	return NULL;
}

static const char *key_line(struct conf_file *cf, char *l, unsigned line)
{
	char *eq = strchr(l, '='), *key;

	if (!eq)
		return "expected 'key = value' or '[section]'";
	*eq = '\0';
	key = str_trim(l);
	if (!*key)
		return "missing key before '='";
	if (strchr(key, ':') || strchr(key, '[') || strchr(key, ']'))
		return "key contains ':', '[' or ']'";
	if (!cf->n)
		return "key outside of any section";
	add_entry(&cf->secs[cf->n - 1], key, line);
	return NULL;
}

static int scan_stream(FILE *f, const char *file, struct conf_file *cf)
{
	char *buf = NULL, *l;
	size_t cap = 0;
	ssize_t len;
	unsigned line = 0;
	int errors = 0;

	while ((len = getline(&buf, &cap, f)) >= 0) {
		const char *why = NULL;

		line++;
		if ((size_t)len != strlen(buf))
			why = "NUL byte in line";
		else if (len > CONF_LINE_MAX)
			why = "line too long";
		l = str_trim(buf);
		if (!why && (*l == '\0' || *l == '#' || *l == ';'))
			continue;
		if (!why && l[strlen(l) - 1] == '\\')
			why = "line continuation is not supported";
		if (!why)
			why = *l == '[' ? section_line(cf, l, line) :
					  key_line(cf, l, line);
		if (why) {
			fprintf(stderr, "%s:%u: syntax error: %s\n", file, line,
				why);
			errors++;
		}
	}
	free(buf);
	return errors;
}

int conf_scan(const char *file, struct conf_file *cf)
{
	return conf_scan_as(file, file, cf);
}

int conf_scan_as(const char *file, const char *shown, struct conf_file *cf)
{
	FILE *f;
	int errors;

	memset(cf, 0, sizeof(*cf));
	f = fopen(file, "re");
	if (!f) {
		err_msg("cannot read config %s: %s", shown, strerror(errno));
		return -1;
	}
	errors = scan_stream(f, shown, cf);
	if (ferror(f)) {
		err_msg("cannot read config %s: %s", shown, strerror(errno));
		errors = -1;
	}
	fclose(f);
	return errors;
}

void conf_file_free(struct conf_file *cf)
{
	for (size_t i = 0; i < cf->n; i++) {
		struct conf_section *s = &cf->secs[i];

		for (size_t j = 0; j < s->n; j++) {
			free(s->entries[j].key);
			free(s->entries[j].canon);
		}
		free(s->entries);
		free(s->name);
	}
	free(cf->secs);
	memset(cf, 0, sizeof(*cf));
}
