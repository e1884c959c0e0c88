// Runs fuzz cases through the docker client and imgscope (the conformance
// harness's process runner), compares stdout bytes, stderr text and exit
// status, and shrinks what differs.
import {availableParallelism} from 'node:os';
import {DOCKER_CLI, run, type RunResult} from '../harness.js';
import {normalise, SETTLE_ATTEMPTS} from '../unstable.js';
import {commandNamed} from './commands.js';
import {generate, render, type FuzzCase} from './generate.js';
import {shrink} from './shrink.js';
import type {ImgscopePool} from './in-process.js';
import type {EnvName} from './objects.js';

export interface Sides {
	docker: RunResult;
	imgscope: RunResult;
}

export type Verdict = {same: true; code: number} | {same: false; settled: boolean; sides: Sides};

export interface Runner {
	imgscope: string[];
	substitutions: Record<string, string>;
	/** Long-lived imgscope processes (in-process.ts) for the cases without their own environment. */
	pool?: ImgscopePool;
	/** The environments command entries ask for (objects.ts): a command whose environment is missing is not run. */
	envs?: Partial<Record<EnvName, Record<string, string>>>;
}

const side = (r: RunResult): string => `${r.code}\0${normalise(r.stdout.toString('latin1'))}\0${normalise(r.stderr)}`;

function argsOf(c: FuzzCase, runner: Runner): {docker: string[]; imgscope: string[]; env?: Record<string, string>} {
	const cmd = commandNamed(c.command);
	const base = cmd.env ? runner.envs?.[cmd.env] : undefined;
	if (cmd.env && !base) throw new Error(`fuzz: ${cmd.name} needs the ${cmd.env} environment (objects.ts)`);
	const env = base || c.env ? {...base, ...c.env} : undefined;
	const targets = c.targets.map(t => runner.substitutions[t] ?? t);
	const format = render(c.template);
	return {docker: cmd.docker(format, c.flags, targets), imgscope: cmd.imgscope(format, c.flags, targets), env};
}

/** Where the two sides part, digits masked: the same bug met twice has the same signature. */
function signature(sides: Sides): string {
	const mask = (t: string): string => t.replace(/[0-9a-f]{12,}/g, 'H').replace(/\d+/g, 'N').replace(/<[^>]*>/g, '<>');
	const [a, b] = [sides.docker, sides.imgscope].map(r => mask(`${normalise(r.stdout.toString('latin1'))}\0${normalise(r.stderr)}`));
	let i = 0;
	while (i < a!.length && a![i] === b![i]) i++;
	return `${sides.docker.code}/${sides.imgscope.code}\0${a!.slice(i, i + 40)}\0${b!.slice(i, i + 40)}`;
}

// The tail of each exclusive command's queue (FuzzCommand.exclusive).
const queues = new Map<string, Promise<unknown>>();

/** One case, bracketed by two docker runs (unstable.ts rule 2). */
export async function check(c: FuzzCase, runner: Runner): Promise<Verdict> {
	if (!commandNamed(c.command).exclusive) return checkNow(c, runner);
	const result = (queues.get(c.command) ?? Promise.resolve()).then(() => checkNow(c, runner));
	queues.set(c.command, result.catch(() => undefined));
	return result;
}

async function checkNow(c: FuzzCase, runner: Runner): Promise<Verdict> {
	const args = argsOf(c, runner);
	let last: Sides | undefined;
	for (let attempt = 0; attempt < SETTLE_ATTEMPTS; attempt++) {
		const docker = await run(DOCKER_CLI, args.docker, args.env);
		// TZ is read once a process: those cases run as processes; the rest in the pool, with their environment.
		const imgscope = runner.pool && !c.env ? await runner.pool.run(args.imgscope, args.env) : await run(process.execPath, [...runner.imgscope, ...args.imgscope], args.env);
		if (side(docker) === side(imgscope)) return {same: true, code: docker.code};
		last = {docker, imgscope};
		const again = await run(DOCKER_CLI, args.docker, args.env);
		if (side(again) === side(docker)) return {same: false, settled: true, sides: last};
	}
	return {same: false, settled: false, sides: last!};
}

export interface Difference {
	seed: number;
	index: number;
	original: FuzzCase;
	shrunk: FuzzCase;
	sides: Sides;
}

export interface FuzzReport {
	cases: number;
	differences: Difference[];
	/** Cases whose docker runs never agreed with each other (the engine kept changing). */
	unsettled: FuzzCase[];
	seconds: number;
	/** Cases that differed as an earlier difference did (the same place in the output), not shrunk again. */
	repeats: number;
	/** How many cases docker answered with each exit status (0: the template ran; 1: it failed; 64: it did not parse). */
	exitCodes: Record<number, number>;
}

export interface FuzzOptions {
	seed: number;
	count: number;
	/** Per-command counts that stand in for `count`. */
	counts?: Record<string, number>;
	commands: string[];
	parallel?: number;
	shrink?: boolean;
	onDifference?: (d: Difference) => void;
	onProgress?: (done: number, total: number) => void;
}

/** `count` cases per command from `seed` (the command's own stream: seed + its position). */
export async function fuzz(runner: Runner, options: FuzzOptions): Promise<FuzzReport> {
	const started = Date.now();
	const work: {c: FuzzCase; index: number; seed: number}[] = [];
	options.commands.forEach((name, n) => {
		const seed = options.seed + n * 1_000_003;
		generate(commandNamed(name), seed, options.counts?.[name] ?? options.count).forEach((c, index) => work.push({c, index, seed}));
	});
	const differences: Difference[] = [];
	const unsettled: FuzzCase[] = [];
	let next = 0;
	let done = 0;
	const seen = new Set<string>();
	const exitCodes: Record<number, number> = {};
	let repeats = 0;
	const worker = async (): Promise<void> => {
		while (next < work.length) {
			const {c, index, seed} = work[next++]!;
			const v = await check(c, runner);
			done++;
			options.onProgress?.(done, work.length);
			const code = v.same ? v.code : v.sides.docker.code;
			exitCodes[code] = (exitCodes[code] ?? 0) + 1;
			if (v.same) continue;
			if (!v.settled) {
				unsettled.push(c);
				continue;
			}
			// The same difference again (by where the two sides part): counted, not shrunk again.
			const key = `${c.command}\0${signature(v.sides)}`;
			if (seen.has(key)) {
				repeats++;
				continue;
			}
			seen.add(key);
			const shrunk = options.shrink === false ? {c, sides: v.sides} : await shrink(c, v.sides, x => check(x, runner));
			const d: Difference = {seed, index, original: c, shrunk: shrunk.c, sides: shrunk.sides};
			differences.push(d);
			options.onDifference?.(d);
		}
	};
	const parallel = options.parallel ?? Math.min(2, availableParallelism());
	await Promise.all(Array.from({length: parallel}, worker));
	return {cases: work.length, differences, unsettled, seconds: (Date.now() - started) / 1000, exitCodes, repeats};
}

const show = (r: RunResult): string => `exit ${r.code}, stdout ${JSON.stringify(r.stdout.toString('utf8'))}, stderr ${JSON.stringify(r.stderr)}`;

/** A difference as text: where it came from, both sides, and a ready vitest case (for test/conformance/fuzz-found.test.ts). */
export function describeDifference(d: Difference): string {
	const c = d.shrunk;
	const spec = {command: c.command, flags: c.flags, targets: c.targets, format: render(c.template), ...(c.env ? {env: c.env} : {})};
	return [
		`difference (${c.command}, seed ${d.seed}, case ${d.index}; original format ${JSON.stringify(render(d.original.template))})`,
		`  docker   ${show(d.sides.docker)}`,
		`  imgscope ${show(d.sides.imgscope)}`,
		`\tit(${JSON.stringify(`${c.command} ${c.flags.join(' ')} --format ${spec.format} ${c.targets.join(' ')}`.replace(/ +/g, ' '))}, async () => {`,
		`\t\texpect(await differs(${JSON.stringify(spec)})).toBe('');`,
		'\t});',
	].join('\n');
}

export interface CaseSpec {
	command: string;
	flags: string[];
	targets: string[];
	format: string;
	env?: Record<string, string>;
}

/** A found case replayed against both clients: '' when they agree, else both sides. */
export async function replayCase(spec: CaseSpec, runner: Runner): Promise<string> {
	const v = await check({command: spec.command, flags: spec.flags, targets: spec.targets, template: spec.format, ...(spec.env ? {env: spec.env} : {})}, runner);
	if (v.same) return '';
	return `docker   ${show(v.sides.docker)}\nimgscope ${show(v.sides.imgscope)}${v.settled ? '' : '\n(unsettled: docker disagreed with itself)'}`;
}
