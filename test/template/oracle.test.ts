// Cases whose expected output was produced by the real docker 28.2.2 client
// (see fixtures/generate.ts): every template runs through our engine and must
// give docker's bytes or docker's error message.
import {describe, expect, it} from 'vitest';
import {toBytes} from '../../source/template/core.js';
import {dockerFuncs, execute, parse} from '../../source/template/index.js';
import {inspectData, loadCases, versionData} from './helpers.js';

// The fixtures hold docker's output decoded as UTF-8, so its invalid bytes read
// U+FFFD: decode ours the same way (source/template/core.ts toBytes).
function run(t: string, data: ReturnType<typeof versionData>, name: string, missingKey: 'default' | 'error'): string {
	try {
		return new TextDecoder().decode(toBytes(execute(parse(t, {name, funcs: dockerFuncs}), data, {missingKey})));
	} catch (e) {
		return 'ERR ' + (e as Error).message;
	}
}

describe('docker version --format (Go text/template + fmt oracle)', () => {
	const data = versionData();
	for (const c of loadCases('version-cases.json')) {
		it(JSON.stringify(c.t), () => expect(run(c.t, data, 'version', 'default')).toBe(c.want));
	}
});

describe('docker image inspect --format, raw-map pass (missingkey=error)', () => {
	const data = inspectData();
	for (const c of loadCases('inspect-cases.json')) {
		it(JSON.stringify(c.t), () => expect(run('{{$x := .Id}}' + c.t, data, '', 'error')).toBe(c.want));
	}
});
