/** `node bin/imgscope` as a subprocess, without blocking the test's event loop (a proxy or fake engine the test runs may live in it). */
import {spawn} from 'node:child_process';
import {fileURLToPath} from 'node:url';

export const bin = fileURLToPath(new URL('../../bin/imgscope', import.meta.url));

export interface CliResult {
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
	ms: number;
	timedOut: boolean;
}

/** Runs `node bin/imgscope ARGS`; killed after `timeout` ms (then timedOut is true). */
export function runCli(args: string[], options: {env?: Record<string, string | undefined>; timeout?: number; cwd?: string} = {}): Promise<CliResult> {
	const started = Date.now();
	return new Promise((resolve) => {
		// No engine settings leak in from the developer's shell unless a test sets them.
		const env: Record<string, string | undefined> = {...process.env, DOCKER_HOST: undefined, DOCKER_CONTEXT: undefined, IMGSCOPE_DEBUG: undefined, ...options.env};
		for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
		const child = spawn(process.execPath, [bin, ...args], {env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'], cwd: options.cwd});
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			child.kill('SIGKILL');
		}, options.timeout ?? 20_000);
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			resolve({code, signal, stdout, stderr, ms: Date.now() - started, timedOut});
		});
	});
}

/** A stack trace, in any of the shapes node prints one. */
export function hasStackTrace(text: string): boolean {
	return /^\s+at .+(\(|:\d+:\d+)/m.test(text) || /node:internal|Error: .*\n\s+at /.test(text);
}
