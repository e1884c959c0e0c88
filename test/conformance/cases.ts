// The differential cases: imgscope arguments, and the docker arguments that
// must give the same stdout bytes and exit status. Only the fixture images of
// test/fixtures/build.sh are named, so other suites' images cannot disturb them.
import {existsSync, readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {addContainerCases} from './containers.js';
import {DOCKER_FUNCS, FIELDS, HISTORY_FORMATS, LANGUAGE, LS_FORMATS} from './templates.js';

export interface Case {
	id: string;
	/** imgscope's arguments (subcommand first); '@dangling' is replaced by the dangling fixture's ID. */
	args: string[];
	/** Output order depends on the daemon (images created in the same second): compare sorted lines if bytes differ. */
	unordered?: boolean;
	/** Extra environment for both clients (TZ: Go's time.Local). */
	env?: Record<string, string>;
	/** What both read on stdin (a prune's answer); none: stdin stays as the suite's. */
	input?: string;
	/** Shows a relative time of the test containers: run once they are over a minute old (containers.ts). */
	clock?: boolean;
}

export const APP = 'fixture/app:1';
export const BASE = 'fixture/base:1';
export const HOSTILE = 'fixture/hostile:1';
export const COMMITTED = 'fixture/committed:1';
export const ZERO = 'fixture/zero-layer:1';
export const DANGLING = '@dangling';

/** docker's arguments for the same request. */
export function dockerArgs(args: string[]): string[] {
	const [command, ...rest] = args;
	if (command === 'ls') return ['image', 'ls', ...rest];
	if (command === 'inspect') return ['image', 'inspect', ...rest];
	if (command === 'df') return ['system', 'df', ...rest];
	return [command, ...rest];
}

// The template engine's own oracle list, when present: more typed/raw coverage for free.
function oracleTemplates(): string[] {
	const file = fileURLToPath(new URL('../template/fixtures/inspect-templates.json', import.meta.url));
	if (!existsSync(file)) return [];
	try {
		const list = JSON.parse(readFileSync(file, 'utf8')) as unknown;
		return Array.isArray(list) ? list.filter((t): t is string => typeof t === 'string') : [];
	} catch {
		return [];
	}
}

function build(): Case[] {
	const cases: Case[] = [];
	const seen = new Set<string>();
	const add = (args: string[], extra: Partial<Case> = {}): void => {
		const id = JSON.stringify(args) + (extra.env ? ` ${JSON.stringify(extra.env)}` : '');
		if (seen.has(id)) return;
		seen.add(id);
		cases.push({id, args, ...extra});
	};

	// ---- inspect ----
	for (const t of [...LANGUAGE, ...DOCKER_FUNCS]) add(['inspect', '--format', t, APP, BASE]);
	for (const t of FIELDS) {
		add(['inspect', '--format', t, APP]);
		add(['inspect', '--format', t, BASE, HOSTILE, COMMITTED, ZERO, DANGLING]);
	}
	for (const t of oracleTemplates()) {
		add(['inspect', '--format', t, APP]);
		add(['inspect', '--format', `{{$x := .Id}}${t}`, APP]);
	}
	for (const image of [APP, BASE, HOSTILE, COMMITTED, ZERO, DANGLING, 'fixture/app:latest', 'fixture/app-alias:v2']) {
		add(['inspect', image]);
		add(['inspect', '--format', 'json', image]);
	}
	add(['inspect', APP, BASE, HOSTILE]);
	add(['inspect', '--format=json', APP, BASE]);
	add(['inspect', '-f', '', BASE]);
	add(['inspect', '-f', '{{.Os}}', APP, APP, APP]);
	add(['inspect', 'nope']);
	add(['inspect', '--format', 'json', 'nope']);
	add(['inspect', '--format', '{{.Os}}', 'nope']);
	add(['inspect', '--format', '{{.Os}}', 'nope', 'nope2']);
	add(['inspect', BASE, 'nope']);
	add(['inspect', '--format', '{{.Id}}', 'nope', BASE, 'nope2', APP]);
	add(['inspect', '--format', '{{', 'nope']);
	add(['inspect', '--format', '{{.Nope}}', BASE, 'nope', APP]);
	add(['inspect']);
	add(['inspect', 'fixture/app']);
	add(['inspect', 'sha256:']);
	add(['inspect', '--format', '{{.Config.Labels.maintainer}}', APP, BASE]);
	add(['inspect', '--format', '{{.Config.Labels.maintainer}}', BASE, APP]);
	const sticky = '{{if .Config.Healthcheck}}{{slice .Size 0 1}}{{end}}{{.Config.Labels.maintainer}}';
	add(['inspect', '--format', sticky, APP, BASE]);
	add(['inspect', '--format', sticky, BASE, APP]);
	add(['inspect', '--format', '{{.RepoTags.Nope}}{{.Id}}', APP, BASE]);

	// ---- image ls (single images: the order of rows is docker's own, not the daemon's) ----
	for (const f of LS_FORMATS) {
		add(['ls', '--format', f, 'fixture/app']);
		add(['ls', '--format', f, BASE]);
	}
	const flagSets = [[], ['-q'], ['--no-trunc'], ['--digests'], ['-q', '--no-trunc'], ['-a'], ['--digests', '--no-trunc'], ['-aq'], ['--quiet', '--all']];
	for (const flags of flagSets) {
		for (const ref of ['fixture/app', BASE, ZERO, 'fixture/app:latest', 'nope']) add(['ls', ...flags, ref]);
		add(['ls', ...flags, '--format', '{{.ID}} {{.Tag}}', 'fixture/app']);
		add(['ls', ...flags, '--format', 'table {{.Repository}}', 'fixture/app']);
		add(['ls', ...flags, '--filter', 'dangling=true', '--filter', 'label=imgscope.fixture=dangling']);
	}
	add(['ls', '--filter', 'reference=fixture/app']);
	add(['ls', '--filter', 'reference=fixture/app:latest', '--format', 'json']);
	add(['ls', '-f', 'reference=fixture/base:1', '-f', 'reference=fixture/base:1']);
	add(['ls', '--filter', ' Reference = fixture/base:1 ']);
	add(['ls', '--filter', 'label=maintainer', '--format', '{{.Repository}}:{{.Tag}}'], {unordered: true});
	add(['ls', '--filter', 'label=maintainer=tests@imgscope', '--format', '{{.Repository}}:{{.Tag}}'], {unordered: true});
	add(['ls', '--filter', 'reference=fixture/*', '--format', '{{.Repository}}:{{.Tag}}'], {unordered: true});
	add(['ls', '--filter', 'reference=fixture/*'], {unordered: true});
	add(['ls', '--filter', 'before=fixture/committed:1', '--filter', 'reference=fixture/*', '-q'], {unordered: true});
	add(['ls', '--filter', 'since=fixture/base:1', '--filter', 'reference=fixture/*', '--format', '{{.Repository}}'], {unordered: true});
	add(['ls', '--filter', 'dangling=false', '--filter', 'reference=fixture/*', '--format', '{{.Tag}}'], {unordered: true});
	add(['ls', '--filter', 'foo=bar']);
	add(['ls', '--filter', 'dangling=maybe']);
	add(['ls', '--filter', 'badformat']);
	add(['ls', '--filter', '', BASE]);
	add(['ls', 'a', 'b']);
	add(['ls', 'Fixture/App']);
	add(['ls', '--format', 'table {{.Repository}}', 'fixture/*'], {unordered: true});
	// Never the unfiltered list: other suites and sessions add and remove images on the shared engine.
	add(['ls', '-a', '--format', '{{.ID}} {{.Repository}}', 'fixture/*'], {unordered: true});
	add(['ls', '--no-trunc', 'fixture/*'], {unordered: true});

	// ---- history ----
	for (const f of HISTORY_FORMATS) {
		add(['history', '--format', f, APP]);
		add(['history', '--format', f, COMMITTED]);
		add(['history', '--format', f, HOSTILE]);
	}
	for (const flags of [[], ['--no-trunc'], ['--human=false'], ['-q'], ['-q', '--no-trunc'], ['--human=false', '--no-trunc'], ['--human=true'], ['-H=false'], ['-H']]) {
		for (const image of [APP, BASE, HOSTILE, COMMITTED, ZERO, DANGLING]) add(['history', ...flags, image]);
		add(['history', ...flags, '--format', '{{.CreatedSince}}|{{.Size}}|{{.CreatedAt}}', APP]);
		add(['history', ...flags, '--format', 'json', COMMITTED]);
	}
	add(['history', 'nope']);
	add(['history']);
	add(['history', APP, BASE]);
	add(['history', '--format', '{{.Nope}}', 'nope']);

	// ---- local time (CreatedAt) ----
	for (const TZ of ['America/New_York', 'Asia/Kolkata', 'Europe/Paris', 'UTC', 'Nowhere/Unknown']) {
		add(['ls', '--format', '{{.CreatedAt}}|{{.Tag}}', 'fixture/app'], {env: {TZ}});
		add(['history', '--human=false', APP], {env: {TZ}});
		add(['history', '--format', '{{.CreatedAt}}|{{.CreatedSince}}', BASE], {env: {TZ}});
	}

	// ---- flag errors (docker: exit 125; imgscope: 2, a documented exception below) ----
	add(['ls', '--nope']);
	add(['ls', '--format']);
	add(['history', '--human=maybe', APP]);
	add(['inspect', '--nope', APP]);

	// ---- ps, container inspect, context ls ----
	addContainerCases(add);
	return cases;
}

export const CASES = build();

/**
 * Why a case cannot match yet, for the differences that are outside this
 * suite's code (each is reported, and must still differ so a fix is noticed).
 * None at the moment.
 */
export function knownDifference(_c: Case): string | undefined {
	return undefined;
}

/**
 * Differences kept on purpose: the case passes when stdout is byte-identical
 * and the two exit statuses are exactly these. docker exits 125 on a flag
 * error (cobra's usage failure); imgscope exits 2 for every usage error, as
 * README.md promises and shell tools conventionally do.
 */
export interface DocumentedException {
	why: string;
	docker: number;
	imgscope: number;
}

export function documentedException(c: Case): DocumentedException | undefined {
	const [, ...rest] = c.args;
	if (rest.some(a => a === '--nope' || a === '--human=maybe') || (rest.length === 1 && rest[0] === '--format')) {
		return {why: 'flag errors: docker exits 125, imgscope exits 2 (usage error), stdout empty in both', docker: 125, imgscope: 2};
	}
	return undefined;
}
