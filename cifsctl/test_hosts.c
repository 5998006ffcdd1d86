// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host test of the hosts allow / hosts deny parser and matcher
 * (hosts.c): syntax, the rules sent to the kernel, Samba's precedence.
 * Host names are resolved by a fake resolver (no DNS).
 */
#include "hosts.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

static int failures;
static char last_msg[512];
static int nerrors, nwarnings;

#define CHECK(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, \
			__LINE__, #cond); \
		failures++; \
	} \
} while (0)

static void on_msg(void *ctx, bool error, const char *msg)
{
	(void)ctx;
	snprintf(last_msg, sizeof(last_msg), "%s", msg);
	if (error)
		nerrors++;
	else
		nwarnings++;
}

/* ---- a resolver that knows two names ---- */

static struct addrinfo *fake_ai(int family, const char *text)
{
	struct addrinfo *ai = calloc(1, sizeof(*ai));
	struct sockaddr_storage *ss = calloc(1, sizeof(*ss));

	ai->ai_family = family;
	ai->ai_addr = (struct sockaddr *)ss;
	ss->ss_family = (sa_family_t)family;
	if (family == AF_INET)
		inet_pton(AF_INET, text,
			  &((struct sockaddr_in *)(void *)ss)->sin_addr);
	else
		inet_pton(AF_INET6, text,
			  &((struct sockaddr_in6 *)(void *)ss)->sin6_addr);
	return ai;
}

static int fake_resolve(const char *node, const char *service,
			const struct addrinfo *hints, struct addrinfo **res)
{
	(void)service;
	(void)hints;
	*res = NULL;
	if (!strcmp(node, "fileserver")) {
		*res = fake_ai(AF_INET, "10.9.8.7");
		(*res)->ai_next = fake_ai(AF_INET6, "2001:db8::7");
		(*res)->ai_next->ai_next = fake_ai(AF_INET, "10.9.8.7");
		return 0;
	}
	if (!strcmp(node, "printer"))
		return (*res = fake_ai(AF_INET, "192.168.7.9")) ? 0 : EAI_FAIL;
	return EAI_NONAME;
}

static void fake_free(struct addrinfo *ai)
{
	while (ai) {
		struct addrinfo *next = ai->ai_next;

		free(ai->ai_addr);
		free(ai);
		ai = next;
	}
}

/* ---- helpers ---- */

static int parse(const char *v, struct host_list *l)
{
	nerrors = nwarnings = 0;
	last_msg[0] = '\0';
	return hosts_parse(v, "hosts allow", l, on_msg, NULL);
}

/* Parses without messages to the canonical text want. */
static void check_text(const char *v, const char *want, size_t nrules)
{
	struct host_list l;
	int rc = parse(v, &l);

	if (rc || !l.text || strcmp(l.text, want) || l.n != nrules ||
	    nerrors || nwarnings) {
		fprintf(stderr, "'%s': rc %d, text '%s' (want '%s'), %zu rules (want %zu), msg '%s'\n",
			v, rc, l.text ? l.text : "(null)", want, l.n, nrules,
			last_msg);
		failures++;
	}
	hosts_free(&l);
}

/* Fails to parse with an error message containing want. */
static void check_error(const char *v, const char *want)
{
	struct host_list l;
	int rc = parse(v, &l);

	if (rc != -1 || l.text || l.n || !nerrors || !strstr(last_msg, want)) {
		fprintf(stderr, "'%s': rc %d, errors %d, msg '%s' (want '%s')\n",
			v, rc, nerrors, last_msg, want);
		failures++;
	}
	hosts_free(&l);
}

static bool rule_is(const struct cifsd_host_rule *r, int family,
		    const char *addr, unsigned prefix, unsigned flags)
{
	uint8_t a[16] = { 0 };

	if (family)
		inet_pton(family, addr, a);
	return r->family == family && r->prefix == prefix &&
	       r->flags == flags && r->reserved == 0 &&
	       !memcmp(r->addr, a, sizeof(a));
}

/* ---- tests ---- */

static void test_syntax(void)
{
	check_text("192.168.1.5", "192.168.1.5", 1);
	check_text("192.168.", "192.168.0.0/16", 1);
	check_text("10.", "10.0.0.0/8", 1);
	check_text("172.16.5.", "172.16.5.0/24", 1);
	check_text("10.1.2.3/8", "10.0.0.0/8", 1);
	check_text("10.0.0.0/255.255.0.0", "10.0.0.0/16", 1);
	check_text("10.0.0.0/255.255.240.0", "10.0.0.0/20", 1);
	check_text("0.0.0.0/0", "0.0.0.0/0", 1);
	check_text("2001:DB8::1", "2001:db8::1", 1);
	check_text("2001:db8::/32", "2001:db8::/32", 1);
	check_text("[2001:db8:0:0::]/48", "2001:db8::/48", 1);
	check_text("[::1]", "::1", 1);
	check_text("::ffff:10.0.0.0/104", "10.0.0.0/8", 1);
	check_text("::ffff:10.1.2.3", "10.1.2.3", 1);
	check_text("all", "ALL", 1);
	check_text("LOCAL", "LOCAL", 2);
	check_text("localhost", "localhost", 2);
	check_text("10.0.0.1,10.0.0.2\t10.0.0.3  ,  10.0.0.4",
		   "10.0.0.1 10.0.0.2 10.0.0.3 10.0.0.4", 4);
	check_text("10.0.0.1 10.0.0.1", "10.0.0.1 10.0.0.1", 1);
	check_text("10. except 10.0.0.5", "10.0.0.0/8 EXCEPT 10.0.0.5", 2);
	check_text("fileserver", "fileserver", 2);

	check_error("10.1", "bad address '10.1'");
	check_error("1.2.3.4.", "bad address");
	check_error("300.1.", "bad address");
	check_error("1..", "bad address");
	check_error("10.0.0.0/33", "prefix length must be 0-32");
	check_error("2001:db8::/129", "prefix length must be 0-128");
	check_error("10.0.0.0/255.0.255.0", "contiguous netmask");
	check_error("10.0.0.0/", "contiguous netmask");
	check_error("10.0.0/8", "is not an IPv4 or IPv6 address");
	check_error("2001:zz::1", "bad IPv6 address");
	check_error("@staff", "netgroups (@staff) are not supported");
	check_error(".example.com", "reverse DNS");
	check_error("host*", "wildcards");
	check_error("FAIL", "FAIL is not supported");
	check_error("EXCEPT 10.0.0.1", "EXCEPT needs hosts before it");
	check_error("10.1 @x", "netgroups");	/* the last message */
}

static void test_unset_and_names(void)
{
	struct host_list l;

	CHECK(parse("", &l) == 0 && !l.text && !l.n && !hosts_set(&l));
	CHECK(parse(" ,\t, ", &l) == 0 && !l.text && !l.n);
	hosts_free(&l);

	/* all addresses of a name, duplicates dropped */
	CHECK(parse("fileserver EXCEPT printer", &l) == 0 && l.n == 4);
	CHECK(l.n == 4 && rule_is(&l.rules[0], AF_INET, "10.9.8.7", 32, 0));
	CHECK(l.n == 4 && rule_is(&l.rules[1], AF_INET, "192.168.7.9", 32,
				  CIFSD_HOST_F_EXCEPT));
	CHECK(l.n == 4 && rule_is(&l.rules[2], AF_INET6, "2001:db8::7", 128, 0));
	CHECK(l.n == 4 && rule_is(&l.rules[3], AF_INET, "192.168.7.9", 32,
				  CIFSD_HOST_F_EXCEPT));
	hosts_free(&l);

	/* an unknown name warns; alone it leaves a list that matches nobody */
	CHECK(parse("nohost", &l) == 0 && nwarnings == 1 && !nerrors);
	CHECK(!strcmp(last_msg, "hosts allow: cannot resolve nohost"));
	CHECK(hosts_set(&l) && l.text && !strcmp(l.text, "nohost"));
	CHECK(!hosts_match(&l, "10.0.0.1") && !hosts_match(&l, "::2"));
	CHECK(!hosts_allowed(&l, NULL, "10.0.0.1"));
	hosts_free(&l);
	CHECK(parse("nohost 10.0.0.1", &l) == 0 && nwarnings == 1 && l.n == 1);
	hosts_free(&l);

	/* second EXCEPT, EXCEPT at the end: warnings */
	CHECK(parse("10. EXCEPT 10.0.0.1 EXCEPT 10.0.0.2", &l) == 0 &&
	      nwarnings == 1 && strstr(last_msg, "second EXCEPT"));
	CHECK(l.n == 3 && !hosts_match(&l, "10.0.0.2") &&
	      hosts_match(&l, "10.0.0.3"));
	hosts_free(&l);
	CHECK(parse("10. EXCEPT", &l) == 0 && nwarnings == 1 &&
	      strstr(last_msg, "nothing after EXCEPT") && l.n == 1);
	hosts_free(&l);
}

static void test_encoding(void)
{
	struct host_list l;

	/* A B EXCEPT C D: A C D B C D, exceptions flagged */
	CHECK(parse("10. 192.168. EXCEPT 10.0.0.5 192.168.1.1", &l) == 0);
	CHECK(l.n == 6);
	if (l.n == 6) {
		CHECK(rule_is(&l.rules[0], AF_INET, "10.0.0.0", 8, 0));
		CHECK(rule_is(&l.rules[1], AF_INET, "10.0.0.5", 32, 1));
		CHECK(rule_is(&l.rules[2], AF_INET, "192.168.1.1", 32, 1));
		CHECK(rule_is(&l.rules[3], AF_INET, "192.168.0.0", 16, 0));
		CHECK(rule_is(&l.rules[4], AF_INET, "10.0.0.5", 32, 1));
		CHECK(rule_is(&l.rules[5], AF_INET, "192.168.1.1", 32, 1));
	}
	/* a host in the second group and an exception of the first */
	CHECK(!hosts_match(&l, "192.168.1.1") && !hosts_match(&l, "10.0.0.5"));
	CHECK(hosts_match(&l, "192.168.2.1") && hosts_match(&l, "10.0.0.6"));
	hosts_free(&l);

	CHECK(parse("ALL", &l) == 0 && l.n == 1 && rule_is(&l.rules[0], 0, "", 0, 0));
	hosts_free(&l);
	CHECK(parse("LOCAL", &l) == 0 && l.n == 2 &&
	      rule_is(&l.rules[0], AF_INET, "127.0.0.0", 8, 0) &&
	      rule_is(&l.rules[1], AF_INET6, "::1", 128, 0));
	hosts_free(&l);
	CHECK(parse("2001:db8:ffff::1/33", &l) == 0 && l.n == 1 &&
	      rule_is(&l.rules[0], AF_INET6, "2001:db8:8000::", 33, 0));
	hosts_free(&l);
}

static void test_limits(void)
{
	char buf[8192];
	size_t len = 0;
	struct host_list l;

	for (int i = 0; i < 257; i++)
		len += (size_t)snprintf(buf + len, sizeof(buf) - len,
					"10.0.%d.%d ", i / 200, i % 200);
	check_error(buf, "more than 256 addresses or networks");
	len = 0;
	for (int i = 0; i < 256; i++)
		len += (size_t)snprintf(buf + len, sizeof(buf) - len,
					"10.0.%d.%d ", i / 200, i % 200);
	CHECK(parse(buf, &l) == 0 && l.n == 256);
	hosts_free(&l);
	/* 20 hosts each followed by 20 exceptions: 420 rules */
	len = 0;
	for (int i = 0; i < 40; i++)
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%d. ",
					i == 20 ? "EXCEPT " : "", i + 1);
	check_error(buf, "make 420 rules, at most 256");
}

static void test_match(void)
{
	struct host_list l;

	CHECK(parse("10. EXCEPT 10.0.0.5", &l) == 0);
	CHECK(hosts_match(&l, "10.1.2.3") && !hosts_match(&l, "10.0.0.5"));
	CHECK(!hosts_match(&l, "11.0.0.1"));
	CHECK(hosts_match(&l, "::ffff:10.1.2.3") &&
	      !hosts_match(&l, "::FFFF:10.0.0.5"));
	CHECK(!hosts_match(&l, "10.1.2.3:445") && !hosts_match(&l, ""));
	CHECK(!hosts_match(&l, "::a01:203"));	/* not IPv4-mapped */
	hosts_free(&l);

	CHECK(parse("2001:db8::/32", &l) == 0);
	CHECK(hosts_match(&l, "2001:db8:1::5") && !hosts_match(&l, "2001:db9::1"));
	CHECK(hosts_match(&l, "2001:db8::1%eth0"));
	CHECK(!hosts_match(&l, "10.0.0.1"));
	hosts_free(&l);

	CHECK(parse("ALL EXCEPT 192.168.1.1 fe80::/10", &l) == 0);
	CHECK(!hosts_match(&l, "192.168.1.1") && hosts_match(&l, "192.168.1.2"));
	CHECK(hosts_match(&l, "2001:db8::1") && !hosts_match(&l, "fe80::1"));
	hosts_free(&l);

	CHECK(parse("LOCAL", &l) == 0);
	CHECK(hosts_match(&l, "127.5.5.5") && hosts_match(&l, "::1") &&
	      hosts_match(&l, "::ffff:127.0.0.1") && !hosts_match(&l, "10.0.0.1"));
	hosts_free(&l);

	CHECK(parse("10.0.0.0/255.255.240.0", &l) == 0);
	CHECK(hosts_match(&l, "10.0.15.255") && !hosts_match(&l, "10.0.16.0"));
	hosts_free(&l);

	CHECK(parse("0.0.0.0/0", &l) == 0);
	CHECK(hosts_match(&l, "1.2.3.4") && !hosts_match(&l, "::2"));
	hosts_free(&l);
	CHECK(parse("::/0", &l) == 0);
	CHECK(hosts_match(&l, "::2") && !hosts_match(&l, "1.2.3.4"));
	hosts_free(&l);
}

/* lib/util/access.c's order: loopback, no lists, one list, both. */
static void test_precedence(void)
{
	struct host_list allow, deny, none = { 0 };

	CHECK(hosts_allowed(&none, &none, "10.1.1.1"));
	CHECK(hosts_allowed(NULL, NULL, "garbage"));

	parse("10.", &allow);
	CHECK(hosts_allowed(&allow, &none, "10.1.1.1"));
	CHECK(!hosts_allowed(&allow, &none, "11.1.1.1"));
	CHECK(hosts_allowed(&allow, &none, "127.0.0.1"));	/* loopback */
	CHECK(hosts_allowed(&allow, &none, "::1"));
	CHECK(hosts_allowed(&allow, &none, "::ffff:127.0.0.1"));
	CHECK(!hosts_allowed(&allow, &none, "127.0.0.2"));	/* not 127.0.0.1 */
	CHECK(!hosts_allowed(&allow, &none, "garbage"));
	CHECK(hosts_allowed(&none, &allow, "11.1.1.1"));	/* as deny */
	CHECK(!hosts_allowed(&none, &allow, "10.1.1.1"));
	hosts_free(&allow);

	parse("10.0.0.5", &allow);
	parse("ALL", &deny);
	CHECK(hosts_allowed(&allow, &deny, "10.0.0.5"));
	CHECK(!hosts_allowed(&allow, &deny, "10.0.0.6"));
	CHECK(!hosts_allowed(&allow, &deny, "127.0.0.1"));	/* denied, not allowed */
	CHECK(!hosts_allowed(&allow, &deny, "::1"));
	hosts_free(&allow);
	hosts_free(&deny);

	/* both lists: the allow list wins, and a host on neither gets in */
	parse("10.", &allow);
	parse("10.0.0.7", &deny);
	CHECK(hosts_allowed(&allow, &deny, "10.0.0.7"));
	CHECK(hosts_allowed(&allow, &deny, "11.0.0.1"));
	hosts_free(&allow);
	parse("10. EXCEPT 10.0.0.7", &allow);
	CHECK(!hosts_allowed(&allow, &deny, "10.0.0.7"));
	CHECK(hosts_allowed(&allow, &deny, "10.0.0.8"));
	hosts_free(&allow);
	hosts_free(&deny);

	/* loopback in both: allowed */
	parse("127.0.0.1", &allow);
	parse("127.0.0.1 ::1", &deny);
	CHECK(hosts_allowed(&allow, &deny, "127.0.0.1"));
	CHECK(!hosts_allowed(&allow, &deny, "::1"));
	CHECK(!hosts_allowed(&none, &deny, "127.0.0.1"));
	hosts_free(&allow);
	hosts_free(&deny);

	/* a deny list whose names did not resolve is still a list */
	parse("10.", &allow);
	parse("nohost", &deny);
	CHECK(hosts_allowed(&allow, &deny, "11.0.0.1"));
	hosts_free(&allow);
	hosts_free(&deny);
}

int main(void)
{
	hosts_set_resolver(fake_resolve, fake_free);
	test_syntax();
	test_unset_and_names();
	test_encoding();
	test_limits();
	test_match();
	test_precedence();
	hosts_set_resolver(NULL, NULL);
	printf("%s\n", failures ? "FAIL" : "ok");
	return failures ? 1 : 0;
}
