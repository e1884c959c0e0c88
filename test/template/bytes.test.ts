// Complex constants and Go's invalid UTF-8 bytes; every expectation was checked
// with the docker 28.2.2 client (`docker image inspect --format`).
import {describe, expect, it} from 'vitest';
import {outputBytes} from '../../source/docker/host.js';
import {fromBytes, toBytes} from '../../source/template/core.js';
import {dockerFuncs, execute, parse} from '../../source/template/index.js';

const run = (t: string): string => execute(parse(t, {funcs: dockerFuncs}), null);
const bytes = (s: string): number[] => [...toBytes(s)];

describe('complex constants', () => {
	it('print as Go prints complex128', () => {
		expect(run('{{1i}}')).toBe('(0+1i)');
		expect(run('{{printf "%v %.2f %+v" 1i 2.5i 0i}}')).toBe('(0+1i) (0.00+2.50i) (0+0i)');
		expect(run('{{-2i}} {{1+2i}} {{0x1p-2i}}')).toBe('(0-2i) (1+2i) (0+0.25i)');
		expect(run('{{printf "%d" 1i}}')).toBe('%!d(complex128=(0+1i))');
		expect(run('{{eq 1i 1i}} {{if 0i}}t{{else}}f{{end}}')).toBe('true f');
		expect(() => run('{{lt 1i 2i}}')).toThrow('error calling lt: invalid type for comparison');
		expect(() => run('{{json 1i}}')).toThrow('error calling json: json: unsupported type: complex128');
	});
});

describe('invalid UTF-8 travels as bytes', () => {
	it('round-trips bytes through strings', () => {
		expect(bytes(fromBytes(Uint8Array.from([0x68, 0xc3])))).toEqual([0x68, 0xc3]);
		expect(bytes(fromBytes(Uint8Array.from([0xf0, 0x9f, 0x98])))).toEqual([0xf0, 0x9f, 0x98]);
		expect(fromBytes(Uint8Array.from([0xc3, 0xa9]))).toBe('é');
		// A real surrogate pair whose low half is in the escape range stays a character.
		expect(bytes('\u{10080}')).toEqual([0xf0, 0x90, 0x82, 0x80]);
	});
	it('cuts and prints like docker', () => {
		expect(bytes(run('{{truncate "héllo" 2}}'))).toEqual([0x68, 0xc3]);
		expect(run('{{len (truncate "héllo" 2)}}')).toBe('2');
		expect(run('{{printf "%q" (truncate "héllo" 2)}}')).toBe('"h\\xc3"');
		expect(run('{{printf "%x" (slice "héllo" 0 2)}}')).toBe('68c3');
		expect(bytes(run('{{printf "%5s|" (truncate "héllo" 2)}}'))).toEqual([0x20, 0x20, 0x20, 0x68, 0xc3, 0x7c]);
		expect(run('{{upper (truncate "héllo" 2)}}')).toBe('H\ufffd');
		expect(run('{{json (truncate "héllo" 2)}}')).toBe('"h\\ufffd"');
		expect(bytes(run('{{"\\xc3"}}'))).toEqual([0xc3]);
	});
	it('reaches stdout as the bytes', () => {
		expect([...(outputBytes(run('{{truncate "héllo" 2}}\n')) as Uint8Array)]).toEqual([0x68, 0xc3, 0x0a]);
		expect(outputBytes('plain')).toBe('plain');
	});
});
