/**
 * Running the layer commands (files, check, diff) two ways: in-process
 * through the Command objects (fast: no node start-up; errors mapped to exit
 * codes the way source/main.ts maps them), and as `node bin/imgscope` for the
 * exit codes, stderr and the absence of stack traces.
 */
import {execFileSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {Writable} from 'node:stream';
import {fileURLToPath} from 'node:url';
import {parseArgs, UsageError} from '../../source/cli/args.js';
import type {Command, CommandContext} from '../../source/cli/command.js';
import {CommandError} from '../../source/cli/command.js';
import {commandTable} from '../../source/cli/command-table.js';
import {globalFlags} from '../../source/cli/global.js';
import {EngineError} from '../../source/engine/errors.js';
import {runCli as runBin} from '../helpers/cli.js';
import {engine} from '../helpers/engine.js';

export const layersFixtures = fileURLToPath(new URL('../layers/fixtures.sh', import.meta.url));

export interface Result {
	code: number;
	stdout: string;
	stderr: string;
}

export class Capture extends Writable {
	text = '';
	isTTY?: boolean;
	columns?: number;
	constructor(tty = false) {
		super({
			write: (chunk: Buffer | string, _encoding, callback) => {
				this.text += chunk.toString();
				callback();
			},
		});
		if (tty) {
			this.isTTY = true;
			this.columns = 60;
		}
	}
}

/** One command in-process; `tty` makes stderr look like a terminal. */
export async function runCommand(command: Command, argv: string[], options: {tty?: boolean} = {}): Promise<Result> {
	const stdout = new Capture();
	const stderr = new Capture(options.tty);
	const context: CommandContext = {stdout, stderr, engine: async () => engine(), commandTable};
	let code: number;
	try {
		const parsed = parseArgs(argv, [...globalFlags, ...command.flags], {command: command.name});
		code = await command.run(context, parsed);
	} catch (error) {
		if (error instanceof UsageError) {
			stderr.text += `imgscope: ${error.message}\n`;
			code = 2;
		} else if (error instanceof CommandError) {
			stderr.text += error.message ? `${error.message}\n` : '';
			code = error.exitCode;
		} else if (error instanceof EngineError) {
			stderr.text += `${error.message}\n`;
			code = 1;
		} else throw error;
	}
	return {code, stdout: stdout.text, stderr: stderr.text};
}

/** `node bin/imgscope ARGS`, without the developer's engine settings unless `env` gives some. */
export async function runCli(args: string[], env: Record<string, string | undefined> = {}, timeout = 60_000): Promise<Result & {timedOut: boolean}> {
	const {code, stdout, stderr, timedOut} = await runBin(args, {env, timeout});
	return {code: code ?? -1, stdout, stderr, timedOut};
}

export interface SavedArchives {
	dir: string;
	/** `docker save IMAGE -o FILE`: the legacy layout. */
	dockerSave: string;
	/** `skopeo copy docker-daemon:IMAGE oci-archive:FILE`: OCI layout, gzip layers. */
	oci: string;
	dispose(): void;
}

/** Builds the test-layers fixtures if missing (never --big) and writes both archives of each image. */
export function saveArchives(images: string[]): Record<string, SavedArchives> {
	execFileSync('bash', [layersFixtures], {stdio: 'pipe'});
	const out: Record<string, SavedArchives> = {};
	for (const image of images) {
		const dir = mkdtempSync(path.join(tmpdir(), 'imgscope-layers-cli-'));
		const dockerSave = path.join(dir, 'saved.tar');
		const oci = path.join(dir, 'oci.tar');
		execFileSync('docker', ['save', image, '-o', dockerSave]);
		execFileSync('skopeo', ['copy', '-q', `docker-daemon:${image}`, `oci-archive:${oci}`]);
		out[image] = {dir, dockerSave, oci, dispose: () => rmSync(dir, {recursive: true, force: true})};
	}
	return out;
}

/** A JSON document minus the fields that name where it came from (the rest must not depend on the source). */
export function sourceFree(json: string, drop: string[] = ['image', 'id', 'archive']): unknown {
	const strip = (value: unknown): unknown => {
		if (Array.isArray(value)) return value.map(strip);
		if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).filter(([k]) => !drop.includes(k)).map(([k, v]) => [k, strip(v)]));
		return value;
	};
	return strip(JSON.parse(json));
}
