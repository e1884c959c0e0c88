// npm run fuzz -- [--seed N] [--count M] [--commands inspect,ls,history,ps,...] [--parallel P] [--no-shrink]
// Generates M cases per command from seed N, runs each through docker and
// imgscope, and prints every difference shrunk, with a ready vitest case.
// Exit status 1 when any differ. Needs the engine and the fixture images.
import {danglingId, imgscopeCommand} from '../harness.js';
import {DANGLING} from '../cases.js';
import {COMMANDS} from './commands.js';
import {ImgscopePool} from './in-process.js';
import {setUpFuzzObjects} from './objects.js';
import {describeDifference, fuzz} from './run.js';

function option(name: string, fallback: string): string {
	const i = process.argv.indexOf(`--${name}`);
	if (i >= 0 && process.argv[i + 1] !== undefined) return process.argv[i + 1]!;
	const eq = process.argv.find(a => a.startsWith(`--${name}=`));
	return eq ? eq.slice(name.length + 3) : fallback;
}

const seed = Number(option('seed', String(Date.now() % 1_000_000)));
const count = Number(option('count', '200'));
const commands = option('commands', COMMANDS.map(c => c.name).join(',')).split(',');
const parallel = Number(option('parallel', '2'));
if (!Number.isInteger(seed) || !Number.isInteger(count) || count < 0) {
	console.error('usage: npm run fuzz -- [--seed N] [--count M] [--commands inspect,ls,history,ps,...] [--parallel P] [--no-shrink]');
	process.exit(2);
}

const pool = ImgscopePool.available() ? new ImgscopePool(parallel) : undefined;
const objects = await setUpFuzzObjects({daemon: commands.some(name => COMMANDS.find(c => c.name === name)?.env === 'daemon')});
const runner = {imgscope: await imgscopeCommand(), substitutions: {[DANGLING]: danglingId()}, pool, envs: objects.env};
console.error(`fuzz: seed ${seed}, ${count} cases each of ${commands.join(', ')}, ${parallel} at a time`);
let lastShown = 0;
const report = await fuzz(runner, {
	seed,
	count,
	commands,
	parallel,
	shrink: !process.argv.includes('--no-shrink'),
	onDifference: d => console.log(describeDifference(d) + '\n'),
	onProgress: (done, total) => {
		if (done - lastShown >= 500 || done === total) {
			lastShown = done;
			console.error(`fuzz: ${done}/${total}`);
		}
	},
});
console.error(
	`fuzz: seed ${seed}: ${report.cases} cases, ${report.differences.length} differences (+${report.repeats} repeats), ${report.unsettled.length} unsettled, in ${report.seconds.toFixed(1)} s; docker's exit statuses ${JSON.stringify(report.exitCodes)}`,
);
pool?.close();
await objects.dispose();
for (const c of report.unsettled) console.error(`fuzz: unsettled (docker disagreed with itself): ${JSON.stringify(c)}`);
process.exit(report.differences.length + report.repeats > 0 ? 1 : 0);
