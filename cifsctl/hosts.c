// SPDX-License-Identifier: GPL-2.0-only
/*
 * hosts allow / hosts deny lists.
 *
 * A list is a sequence of tokens; the ones before the first EXCEPT are
 * the hosts that match, the ones after it the exceptions.  The kernel's
 * encoding (cifsd_netlink.h) attaches exceptions to the rule they follow,
 * so every host rule is written followed by all the exception rules:
 * "A B EXCEPT C" becomes A, C|EXCEPT, B, C|EXCEPT.  That reads the same
 * whether exceptions are taken per rule or per run of rules.
 */
#include "hosts.h"
#include "util.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

static hosts_resolver_fn resolve = getaddrinfo;
static void (*resolve_free)(struct addrinfo *) = freeaddrinfo;

void hosts_set_resolver(hosts_resolver_fn fn, void (*free_fn)(struct addrinfo *))
{
	resolve = fn ? fn : getaddrinfo;
	resolve_free = free_fn ? free_fn : freeaddrinfo;
}

/* Rules collected while parsing one value. */
struct rule_vec {
	struct cifsd_host_rule *v;
	size_t n;
};

struct parser {
	const char *key;
	hosts_msg_fn msg;
	void *ctx;
	int errors;
	bool in_except;
	bool excepts;		/* an EXCEPT was seen */
	bool full;		/* too many rules reported */
	size_t tokens;		/* host tokens before the first EXCEPT */
	size_t exc_tokens;	/* ... and after it */
	struct rule_vec pos, exc;
	char *text;
	size_t tlen;
};

static void say(struct parser *p, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void say(struct parser *p, bool error, const char *fmt, ...)
{
	char buf[512];
	int n = snprintf(buf, sizeof(buf), "%s: ", p->key);
	va_list ap;

	if (n < 0 || (size_t)n >= sizeof(buf))
		n = 0;
	va_start(ap, fmt);
	vsnprintf(buf + n, sizeof(buf) - (size_t)n, fmt, ap);
	va_end(ap);
	p->errors += error;
	if (p->msg)
		p->msg(p->ctx, error, buf);
}

static void text_add(struct parser *p, const char *tok)
{
	size_t k = strlen(tok);

	p->text = xrealloc(p->text, p->tlen + k + 2);
	if (p->tlen)
		p->text[p->tlen++] = ' ';
	memcpy(p->text + p->tlen, tok, k + 1);
	p->tlen += k;
}

/* Clear the bits of addr beyond prefix. */
static void mask_addr(uint8_t *addr, unsigned prefix, unsigned bits)
{
	for (unsigned i = 0; i < bits / 8; i++) {
		unsigned keep = prefix >= (i + 1) * 8 ? 8 :
				prefix > i * 8 ? prefix - i * 8 : 0;

		addr[i] &= (uint8_t)(0xff00u >> keep);
	}
}

static bool v4_mapped(const uint8_t *a)
{
	static const uint8_t head[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
					  0xff, 0xff };

	return !memcmp(a, head, sizeof(head));
}

/* A rule for addr/prefix (IPv4-mapped IPv6 becomes IPv4); its text. */
static void make_rule(int family, const uint8_t *addr, unsigned prefix,
		      struct cifsd_host_rule *r, char *text, size_t tsize)
{
	char buf[INET6_ADDRSTRLEN];
	unsigned bits;

	memset(r, 0, sizeof(*r));
	if (family == AF_INET6 && v4_mapped(addr) && prefix >= 96) {
		family = AF_INET;
		memcpy(r->addr, addr + 12, 4);
		prefix -= 96;
	} else {
		memcpy(r->addr, addr, family == AF_INET ? 4 : 16);
	}
	bits = family == AF_INET ? 32 : 128;
	mask_addr(r->addr, prefix, bits);
	r->family = (uint8_t)family;
	r->prefix = (uint8_t)prefix;
	inet_ntop(family, r->addr, buf, sizeof(buf));
	if (prefix == bits)
		snprintf(text, tsize, "%s", buf);
	else
		snprintf(text, tsize, "%s/%u", buf, prefix);
}

static void add_rule(struct parser *p, const struct cifsd_host_rule *r)
{
	struct rule_vec *v = p->in_except ? &p->exc : &p->pos;

	for (size_t i = 0; i < v->n; i++)
		if (!memcmp(&v->v[i], r, sizeof(*r)))
			return;
	if (v->n >= CIFSD_HOST_RULES_MAX) {
		if (!p->full)
			say(p, true, "more than %d addresses or networks",
			    CIFSD_HOST_RULES_MAX);
		p->full = true;
		return;
	}
	v->v = xrealloc(v->v, (v->n + 1) * sizeof(*v->v));
	v->v[v->n++] = *r;
}

/* addr/prefix as a rule, its canonical text added to the list's text. */
static void add_net(struct parser *p, int family, const uint8_t *addr,
		    unsigned prefix)
{
	struct cifsd_host_rule r;
	char text[INET6_ADDRSTRLEN + 8];

	make_rule(family, addr, prefix, &r, text, sizeof(text));
	add_rule(p, &r);
	text_add(p, text);
}

static bool all_digits_dots(const char *s)
{
	return *s && strspn(s, "0123456789.") == strlen(s);
}

/* "10." "192.168." "172.16.5.": 1 to 3 numbers, each ending in '.'. */
static bool partial_v4(struct parser *p, const char *tok)
{
	uint8_t a[4] = { 0 };
	unsigned n = 0;
	const char *s = tok;

	while (*s) {
		char *end;
		unsigned long v;

		if (!isdigit((unsigned char)*s) || n == 3)
			return false;
		v = strtoul(s, &end, 10);
		if (*end != '.' || v > 255 || end - s > 3)
			return false;
		a[n++] = (uint8_t)v;
		s = end + 1;
	}
	add_net(p, AF_INET, a, n * 8);
	return true;
}

/* An address, optionally in brackets for IPv6; its family or 0. */
static int parse_addr(const char *s, size_t len, uint8_t *out)
{
	char buf[INET6_ADDRSTRLEN + 2];

	if (len >= 2 && s[0] == '[' && s[len - 1] == ']') {
		s++;
		len -= 2;
	}
	if (!len || len >= sizeof(buf))
		return 0;
	memcpy(buf, s, len);
	buf[len] = '\0';
	if (inet_pton(AF_INET, buf, out) == 1)
		return AF_INET;
	if (inet_pton(AF_INET6, buf, out) == 1)
		return AF_INET6;
	return 0;
}

/* A netmask written as an address: its prefix length, or -1. */
static int mask_prefix(const uint8_t *m, unsigned bits)
{
	unsigned n = 0;

	while (n < bits && (m[n / 8] & (0x80 >> (n % 8))))
		n++;
	for (unsigned i = n; i < bits; i++)
		if (m[i / 8] & (0x80 >> (i % 8)))
			return -1;
	return (int)n;
}

/* a.b.c.d/len, a.b.c.d/mask, v6/len, [v6]/len */
static void net_token(struct parser *p, const char *tok, const char *slash)
{
	uint8_t addr[16], mask[16];
	int fam = parse_addr(tok, (size_t)(slash - tok), addr);
	unsigned bits = fam == AF_INET ? 32 : 128;
	const char *m = slash + 1;
	unsigned long len;
	int pl;

	if (!fam) {
		say(p, true, "bad network '%s': '%.*s' is not an IPv4 or IPv6 address",
		    tok, (int)(slash - tok), tok);
		return;
	}
	if (*m && strspn(m, "0123456789") == strlen(m)) {
		if (!parse_ulong(m, 0, bits, &len)) {
			say(p, true, "bad network '%s': prefix length must be 0-%u",
			    tok, bits);
			return;
		}
		add_net(p, fam, addr, (unsigned)len);
		return;
	}
	if (parse_addr(m, strlen(m), mask) != fam ||
	    (pl = mask_prefix(mask, bits)) < 0) {
		say(p, true, "bad network '%s': expected a prefix length 0-%u or a contiguous netmask",
		    tok, bits);
		return;
	}
	add_net(p, fam, addr, (unsigned)pl);
}

/* A host name: every address it resolves to, now. */
static void name_token(struct parser *p, const char *tok)
{
	struct addrinfo hints = { .ai_family = AF_UNSPEC,
				  .ai_socktype = SOCK_STREAM };
	struct addrinfo *res = NULL;
	struct cifsd_host_rule r;
	char text[INET6_ADDRSTRLEN + 8];

	text_add(p, tok);
	if (resolve(tok, NULL, &hints, &res) != 0 || !res) {
		say(p, false, "cannot resolve %s", tok);
		return;
	}
	for (struct addrinfo *ai = res; ai; ai = ai->ai_next) {
		if (ai->ai_family == AF_INET)
			make_rule(AF_INET, (const uint8_t *)&((struct sockaddr_in *)
				  (void *)ai->ai_addr)->sin_addr, 32, &r, text,
				  sizeof(text));
		else if (ai->ai_family == AF_INET6)
			make_rule(AF_INET6, ((struct sockaddr_in6 *)
				  (void *)ai->ai_addr)->sin6_addr.s6_addr, 128,
				  &r, text, sizeof(text));
		else
			continue;
		add_rule(p, &r);
	}
	resolve_free(res);
}

static void keyword_local(struct parser *p, const char *tok)
{
	static const uint8_t lo4[4] = { 127 }, lo6[16] = { [15] = 1 };
	struct cifsd_host_rule r;
	char text[INET6_ADDRSTRLEN + 8];

	make_rule(AF_INET, lo4, 8, &r, text, sizeof(text));
	add_rule(p, &r);
	make_rule(AF_INET6, lo6, 128, &r, text, sizeof(text));
	add_rule(p, &r);
	text_add(p, tok);
}

/* Tokens Samba understands that need what cifsd does not have. */
static bool unsupported(struct parser *p, const char *tok)
{
	if (tok[0] == '@')
		say(p, true, "netgroups (%s) are not supported; list the hosts or networks instead",
		    tok);
	else if (tok[0] == '.')
		say(p, true, "domain patterns (%s) need reverse DNS lookups, which cifsd does not do; list the hosts or networks instead",
		    tok);
	else if (strpbrk(tok, "*?"))
		say(p, true, "wildcards (%s) are not supported; use a network such as 10.1.0.0/16",
		    tok);
	else if (str_ieq(tok, "FAIL"))
		say(p, true, "FAIL is not supported; use ALL");
	else
		return false;
	return true;
}

static void host_token(struct parser *p, const char *tok)
{
	const char *slash = strchr(tok, '/');
	uint8_t addr[16];
	size_t len = strlen(tok);
	int fam;

	if (str_ieq(tok, "ALL")) {
		struct cifsd_host_rule r = { 0 };

		add_rule(p, &r);
		text_add(p, "ALL");
	} else if (str_ieq(tok, "LOCAL") || str_ieq(tok, "localhost")) {
		keyword_local(p, str_ieq(tok, "LOCAL") ? "LOCAL" : "localhost");
	} else if (unsupported(p, tok)) {
		return;
	} else if (slash) {
		net_token(p, tok, slash);
	} else if ((fam = parse_addr(tok, len, addr))) {
		add_net(p, fam, addr, fam == AF_INET ? 32 : 128);
	} else if (all_digits_dots(tok)) {
		if (tok[len - 1] != '.' || !partial_v4(p, tok))
			say(p, true, "bad address '%s' (expected a.b.c.d, or a prefix ending in '.' such as 10.1.)",
			    tok);
	} else if (strchr(tok, ':') || tok[0] == '[') {
		say(p, true, "bad IPv6 address '%s'", tok);
	} else {
		name_token(p, tok);
	}
}

static void token(struct parser *p, const char *tok)
{
	if (!str_ieq(tok, "EXCEPT")) {
		if (p->in_except)
			p->exc_tokens++;
		else
			p->tokens++;
		host_token(p, tok);
		return;
	}
	if (p->excepts) {
		say(p, false, "a second EXCEPT is ignored: everything after the first EXCEPT is an exception");
		return;
	}
	if (!p->tokens)
		say(p, true, "EXCEPT needs hosts before it");
	p->in_except = true;
	p->excepts = true;
	text_add(p, "EXCEPT");
}

/* Every host rule followed by all exception rules (see the top). */
static int compile(struct parser *p, struct host_list *l)
{
	static const struct cifsd_host_rule never[2] = {
		{ .family = 0 }, { .family = 0, .flags = CIFSD_HOST_F_EXCEPT },
	};
	size_t n = p->pos.n * (1 + p->exc.n), k = 0;

	if (!p->pos.n) {	/* only unresolved names: matches nobody */
		l->rules = xmalloc(sizeof(never));
		memcpy(l->rules, never, sizeof(never));
		l->n = 2;
		return 0;
	}
	if (n > CIFSD_HOST_RULES_MAX) {
		say(p, true, "too long: %zu addresses each followed by %zu exceptions make %zu rules, at most %d",
		    p->pos.n, p->exc.n, n, CIFSD_HOST_RULES_MAX);
		return -1;
	}
	l->rules = xcalloc(n, sizeof(*l->rules));
	for (size_t i = 0; i < p->pos.n; i++) {
		l->rules[k++] = p->pos.v[i];
		for (size_t j = 0; j < p->exc.n; j++) {
			l->rules[k] = p->exc.v[j];
			l->rules[k++].flags |= CIFSD_HOST_F_EXCEPT;
		}
	}
	l->n = k;
	return 0;
}

int hosts_parse(const char *value, const char *key, struct host_list *l,
		hosts_msg_fn msg, void *ctx)
{
	struct parser p = { .key = key, .msg = msg, .ctx = ctx };
	char *copy = xstrdup(value), *save = NULL, *tok;
	int rc = 0;

	memset(l, 0, sizeof(*l));
	for (tok = strtok_r(copy, ", \t\r\n", &save); tok;
	     tok = strtok_r(NULL, ", \t\r\n", &save))
		token(&p, tok);
	free(copy);
	if (p.excepts && p.tokens && !p.exc_tokens)
		say(&p, false, "nothing after EXCEPT");
	if (!p.errors && p.text)
		rc = compile(&p, l);
	if (p.errors || rc) {
		free(l->rules);
		free(p.text);
		memset(l, 0, sizeof(*l));
		rc = -1;
	} else {
		l->text = p.text;
	}
	free(p.pos.v);
	free(p.exc.v);
	return rc;
}

void hosts_free(struct host_list *l)
{
	free(l->text);
	free(l->rules);
	memset(l, 0, sizeof(*l));
}

/* ---- matching ---- */

struct client {
	int family;
	uint8_t a[16];
};

static bool client_parse(const char *s, struct client *c)
{
	char buf[INET6_ADDRSTRLEN + 1];
	size_t len = strcspn(s, "%");	/* no scope id */

	if (len >= sizeof(buf))
		return false;
	memcpy(buf, s, len);
	buf[len] = '\0';
	memset(c, 0, sizeof(*c));
	if (inet_pton(AF_INET, buf, c->a) == 1) {
		c->family = AF_INET;
		return true;
	}
	if (inet_pton(AF_INET6, buf, c->a) != 1)
		return false;
	c->family = AF_INET6;
	if (v4_mapped(c->a)) {
		memmove(c->a, c->a + 12, 4);
		memset(c->a + 4, 0, 12);
		c->family = AF_INET;
	}
	return true;
}

static bool rule_match(const struct cifsd_host_rule *r,
		       const struct client *c)
{
	unsigned full, rest;

	if (r->family == 0)
		return true;
	if (r->family != c->family ||
	    r->prefix > (c->family == AF_INET ? 32 : 128))
		return false;
	full = r->prefix / 8;
	rest = r->prefix % 8;
	if (memcmp(r->addr, c->a, full))
		return false;
	return !rest ||
	       !((r->addr[full] ^ c->a[full]) & (uint8_t)(0xff00u >> rest));
}

/* A host rule that matches and none of the exceptions right after it. */
static bool list_match(const struct host_list *l, const struct client *c)
{
	for (size_t i = 0; i < l->n; i++) {
		bool excepted = false;
		size_t j;

		if (l->rules[i].flags & CIFSD_HOST_F_EXCEPT ||
		    !rule_match(&l->rules[i], c))
			continue;
		for (j = i + 1; j < l->n &&
		     (l->rules[j].flags & CIFSD_HOST_F_EXCEPT); j++)
			excepted |= rule_match(&l->rules[j], c);
		if (!excepted)
			return true;
	}
	return false;
}

bool hosts_match(const struct host_list *l, const char *addr)
{
	struct client c;

	return hosts_set(l) && client_parse(addr, &c) && list_match(l, &c);
}

static bool is_loopback(const struct client *c)
{
	static const uint8_t lo4[4] = { 127, 0, 0, 1 }, lo6[16] = { [15] = 1 };

	return c->family == AF_INET ? !memcmp(c->a, lo4, 4) :
				      !memcmp(c->a, lo6, 16);
}

bool hosts_allowed(const struct host_list *allow,
		   const struct host_list *deny, const char *addr)
{
	bool has_allow = hosts_set(allow), has_deny = hosts_set(deny);
	struct client c;

	if (!has_allow && !has_deny)
		return true;
	if (!client_parse(addr, &c))
		return false;
	/* 127.0.0.1 and ::1: allowed unless denied and not also allowed */
	if (is_loopback(&c))
		return !(has_deny && list_match(deny, &c)) ||
		       (has_allow && list_match(allow, &c));
	if (!has_deny)
		return list_match(allow, &c);
	if (!has_allow)
		return !list_match(deny, &c);
	return list_match(allow, &c) || !list_match(deny, &c);
}
