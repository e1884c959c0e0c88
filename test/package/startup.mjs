// Start-up of the installed command against `node -e 0`, interleaved run by
// run (the machine is shared and noisy): node startup.mjs RUNS BIN. Prints
// medians; asserts nothing (figures, not tests). NODE_EXTRA_CA_CERTS is
// unset for the floor too: bin/imgscope drops it before node starts.
import {spawnSync} from 'node:child_process';

const [runs, bin] = [Number(process.argv[2]) || 11, process.argv[3]];
const env = {...process.env};
delete env.NODE_EXTRA_CA_CERTS;
const cases = [
	['node -e 0', 'node', ['-e', '0']],
	['imgscope --version', bin, ['--version']],
	['imgscope ls', bin, ['ls']],
];
const times = cases.map(() => []);
for (let run = 0; run < runs + 1; run++) {
	cases.forEach(([, command, args], i) => {
		const start = process.hrtime.bigint();
		const result = spawnSync(command, args, {stdio: ['ignore', 'pipe', 'pipe'], env});
		if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
		// The first round writes the code cache: not counted.
		if (run > 0) times[i].push(Number(process.hrtime.bigint() - start) / 1e6);
	});
}
const median = (values) => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const floor = median(times[0]);
for (const [i, [name]] of cases.entries()) {
	const value = median(times[i]);
	console.log(`  ${name.padEnd(20)} ${value.toFixed(1).padStart(6)} ms median of ${runs}${i ? ` (${(value / floor).toFixed(2)}x node -e 0, +${(value - floor).toFixed(1)} ms)` : ''}`);
}
