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
// 2. The clock (and the shared engine). A relative time (CreatedSince,
//    `N minutes ago`) can tick over between the two runs, and other suites
//    tag and untag the fixture images meanwhile. A case that differs is
//    bracketed: docker runs again after imgscope, and only when docker's two
//    runs agree (nothing ticked or changed in between, as imgscope ran between
//    them) does the difference count; otherwise the case runs again.

/** Rule 1, applied to both sides' stdout and stderr before comparing. */
export const normalise = (text: string): string => text.replace(/0xc[0-9a-f]{9}/g, '0xPTR');

/** Rule 2: how many times a case whose docker runs disagree is run again before it is reported as unsettled. */
export const SETTLE_ATTEMPTS = 4;
