// What cannot be the same between a docker run and an imgscope run, and the
// only allowance the differential suites (conformance.test.ts through
// harness.ts, and fuzz/) make for it. Nothing else is normalised: every other
// byte of stdout, and in the fuzzer the stderr text, and the exit status must
// match. (The fixed suite's per-case `unordered` and documented exit-status
// exceptions are declared case by case in cases.ts.)
//
// 1. Go pointers. `%v` of a struct holding a pointer (typed `{{.Config}}`
//    holds *HealthConfig) prints an address that changes from run to run in
//    docker itself: any `0xc` + 9 hex digits reads `0xPTR` on both sides.
//    The same address through an integer verb (`printf "%#.2o" .` of a
//    context pointer) reads PTR too: Go's heap lies at 0xc000000000 to
//    0xc0ffffffff, so %x/%X give c0 + 8 hex digits, %d 82[4-8] + 9 digits,
//    %o 140[0-3] + 10 octal digits, %b 11000000 + 32 bits, each a whole
//    number (a 12- or 64-digit ID never matches inside).
// 2. The clock (and the shared engine). A relative time (CreatedSince,
//    `N minutes ago`) can tick over between the two runs, and other suites
//    tag and untag the fixture images meanwhile. A case that differs is
//    bracketed: docker runs again after imgscope, and only when docker's two
//    runs agree (nothing ticked or changed in between, as imgscope ran between
//    them) does the difference count; otherwise the case runs again.
// 3. Go's map order. ps's and volume ls's .Labels column joins a map's
//    entries in Go's random iteration order, a new one each run of docker
//    itself. Not normalised: the fuzzer's containers and volumes carry one
//    label each (fuzz/objects.ts), so that column has one order; the fixed
//    cases hold the many-label ones. Likewise its private dockerd holds one
//    volume, as df lists volumes in the daemon's map order.

/** Rule 1, applied to both sides' stdout and stderr before comparing. */
export const normalise = (text: string): string =>
	text
		.replace(/0xc[0-9a-f]{9}/g, '0xPTR')
		.replace(/(?<![0-9a-fA-F])(?:0x)?c0[0-9a-f]{8}(?![0-9a-fA-F])/g, 'PTR')
		.replace(/(?<![0-9a-fA-F])(?:0X)?C0[0-9A-F]{8}(?![0-9a-fA-F])/g, 'PTR')
		.replace(/(?<!\d)82[4-8]\d{9}(?!\d)/g, 'PTR')
		.replace(/(?<![0-9])(?:0o|0)?140[0-3][0-7]{10}(?![0-9])/g, 'PTR')
		.replace(/(?<![01])(?:0b)?11000000[01]{32}(?![01])/g, 'PTR');

/** Rule 2: how many times a case whose docker runs disagree is run again before it is reported as unsettled. */
export const SETTLE_ATTEMPTS = 4;
