// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * smbc-tool: crafted-client scenarios for the acceptance tests.
 *   smbc-tool -p PORT -U user%pass -s share [--dialect D] SCENARIO [args]
 * Exit 0: the scenario ran and the server behaved acceptably; 1: it did
 * not (one "FAIL:" line says why); 2: usage or local error.
 */
#include "tool.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

static const char *scenario_name = "smbc-tool";

static const struct {
	const char *name;
	int (*fn)(struct tool *t);
	const char *usage;
} scenarios[] = {
	{ "serve-check", sc_serve_check, "" },
	{ "read-compound", sc_read_compound, "N LEN FILE [related]" },
	{ "zero-read", sc_zero_read, "FILE" },
	{ "no-read-flood", sc_no_read_flood, "N LEN FILE [SECONDS]" },
	{ "sess-flood", sc_sess_flood, "N" },
	{ "logoff-race", sc_logoff_race, "[ITERATIONS] [CONNECTIONS]" },
	{ "tdis-related", sc_tdis_related, "" },
	{ "credit-abuse", sc_credit_abuse, "" },
	{ "connect-hold", sc_connect_hold, "N SECONDS" },
	{ "half-login", sc_half_login, "N [SECONDS]" },
	{ "reset-mid", sc_reset_mid, "N" },
};

void say(const char *fmt, ...)
{
	va_list ap;

	printf("%s: ", scenario_name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

int fail(const char *fmt, ...)
{
	va_list ap;

	printf("%s: FAIL: ", scenario_name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
	return 1;
}

long arg_num(const struct tool *t, int i, long def)
{
	char *end;
	long v;

	if (i >= t->argc)
		return def;
	v = strtol(t->argv[i], &end, 0);
	if (*end == 'k' || *end == 'K')
		v *= 1024;
	else if (*end == 'm' || *end == 'M')
		v *= 1024 * 1024;
	return v;
}

const char *arg_str(const struct tool *t, int i, const char *def)
{
	return i < t->argc ? t->argv[i] : def;
}

void raise_nofile(void)
{
	struct rlimit rl;

	if (!getrlimit(RLIMIT_NOFILE, &rl)) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
}

static void usage(void)
{
	size_t i;

	fprintf(stderr, "usage: smbc-tool [-H HOST] -p PORT -U USER%%PASS "
		"-s SHARE [--dialect 2.0.2|2.1|3.0|3.0.2|3.1.1]\n"
		"                 [--raw-ntlmssp] [--timeout MS] [--max-ms MS] [-v] "
		"SCENARIO [args]\nscenarios:\n");
	for (i = 0; i < sizeof(scenarios) / sizeof(scenarios[0]); i++)
		fprintf(stderr, "  %s %s\n", scenarios[i].name,
			scenarios[i].usage);
	exit(2);
}

static void parse_opts(struct tool *t, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "dialect", required_argument, NULL, 'd' },
		{ "raw-ntlmssp", no_argument, NULL, 'r' },
		{ "timeout", required_argument, NULL, 't' },
		{ "max-ms", required_argument, NULL, 'm' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int ch;

	t->o.host = "127.0.0.1";
	t->o.port = 445;
	t->o.share = "share";
	t->o.timeout_ms = 10000;
	t->o.credit_request = 256;
	t->max_ms = 5000;
	while ((ch = getopt_long(argc, argv, "+H:p:U:s:vh", lo, NULL)) != -1) {
		switch (ch) {
		case 'H': t->o.host = optarg; break;
		case 'p': t->o.port = (uint16_t)atoi(optarg); break;
		case 'U':
			smbc_parse_userpass(optarg, &t->o.user, &t->o.pass);
			break;
		case 's': t->o.share = optarg; break;
		case 'v': t->verbose++; break;
		case 'r': t->o.raw_ntlmssp = true; break;
		case 't': t->o.timeout_ms = atoi(optarg); break;
		case 'm': t->max_ms = atol(optarg); break;
		case 'd':
			t->o.dialect = smbc_parse_dialect(optarg);
			if (!t->o.dialect) {
				fprintf(stderr, "bad dialect %s\n", optarg);
				exit(2);
			}
			break;
		default:
			usage();
		}
	}
	if (optind >= argc)
		usage();
	t->argc = argc - optind - 1;
	t->argv = argv + optind + 1;
}

int main(int argc, char **argv)
{
	struct tool t = { 0 };
	size_t i;

	setvbuf(stdout, NULL, _IOLBF, 0);
	parse_opts(&t, argc, argv);
	for (i = 0; i < sizeof(scenarios) / sizeof(scenarios[0]); i++) {
		if (strcmp(argv[optind], scenarios[i].name))
			continue;
		scenario_name = scenarios[i].name;
		return scenarios[i].fn(&t);
	}
	fprintf(stderr, "unknown scenario %s\n", argv[optind]);
	usage();
	return 2;
}
