// `docker ps` rows and `docker container inspect` on JSON captured from the
// daemon (20.10) for three containers (created with ports, labels and a bind;
// running with a volume and a tmpfs; exited 3), against what docker 28.2.2
// printed for the same containers (TZ=UTC): fixtures/docker-outputs.json.
import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {containerFormat, containerImage, containerNames, prePass, renderContainerList, type ContainerSummaryJSON} from '../../source/docker/container-context.js';
import {displayablePorts} from '../../source/docker/ports.js';
import {typedContainerInspect} from '../../source/docker/container-inspect-type.js';
import {prepareFormat, renderInspect} from '../../source/docker/inspector.js';
import {UTC} from '../../source/format/time.js';

const fixture = (name: string): string => readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8');
const list = JSON.parse(fixture('ps-list.json')) as ContainerSummaryJSON[];
const expected = JSON.parse(fixture('docker-outputs.json')) as {
	ps: Record<string, string>;
	psNoTrunc: Record<string, string>;
	inspect: Record<string, {stdout: string; stderr: string; code: number}>;
};

describe('ps rows against docker 28', () => {
	for (const [format, out] of Object.entries(expected.ps)) {
		it(`--format ${JSON.stringify(format)}`, () => {
			expect(renderContainerList(list, {format, quiet: false, size: true, noTrunc: false, now: Date.now(), location: UTC})).toEqual({stdout: out});
		});
	}
	for (const [format, out] of Object.entries(expected.psNoTrunc)) {
		it(`--no-trunc --format ${JSON.stringify(format)}`, () => {
			expect(renderContainerList(list, {format, quiet: false, size: true, noTrunc: true, now: Date.now(), location: UTC})).toEqual({stdout: out});
		});
	}
	it('-q prints the short IDs, whatever the format', () => {
		const out = renderContainerList(list, {format: '{{.Names}}', quiet: true, size: false, noTrunc: false, now: 0, location: UTC});
		expect(out.stdout).toBe(list.map(c => `${(c.Id as string).slice(0, 12)}\n`).join(''));
	});
});

describe('the formats and the pre-pass docker makes before the request', () => {
	it('adds SIZE to the default table only with sizes', () => {
		expect(containerFormat('', false, false)).toBe('table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}');
		expect(containerFormat('table', false, true)).toMatch(/\{\{\.Names\}\}\\t\{\{\.Size\}\}$/);
		expect(containerFormat('{{.Names}}', false, true)).toBe('{{.Names}}');
		expect(containerFormat('{{.Names}}', true, false)).toBe('{{.ID}}');
	});
	it('asks for sizes when the template uses .Size (json calls every column)', () => {
		expect(prePass('{{.Names}}')).toEqual({ok: true, usesSize: false});
		expect(prePass('{{.Names}} {{.Size}}')).toEqual({ok: true, usesSize: true});
		expect(prePass('{{json .}}')).toEqual({ok: true, usesSize: true});
		// "json" is literal text to the pre-pass.
		expect(prePass('json')).toEqual({ok: true, usesSize: false});
	});
	it("fails a template as docker does, before any request", () => {
		expect(prePass('{{')).toEqual({ok: false, error: expect.stringMatching(/^failed to parse template: template: :1: /)});
		expect(prePass('{{.Nope}}')).toEqual({ok: false, error: expect.stringMatching(/^failed to execute template: template: :1:2: executing "" at <.Nope>: can't evaluate field Nope/)});
	});
});

describe('columns', () => {
	it('folds ports into ranges, host mappings last, IPv6 in brackets', () => {
		expect(displayablePorts([])).toBe('');
		expect(displayablePorts([{PrivatePort: 9988, Type: 'tcp'}])).toBe('9988/tcp');
		expect(displayablePorts([{IP: '0.0.0.0', PrivatePort: 9090, PublicPort: 9091, Type: 'tcp'}])).toBe('0.0.0.0:9091->9090/tcp');
		const same = (p: number) => ({IP: '0.0.0.0', PrivatePort: p, PublicPort: p, Type: 'tcp'});
		expect(displayablePorts([same(82), same(80), same(81)])).toBe('0.0.0.0:80-82->80-82/tcp');
		expect(displayablePorts([9002, 9000, 9001].map(p => ({PrivatePort: p, Type: 'tcp'})))).toBe('9000-9002/tcp');
		expect(displayablePorts([{IP: '::', PrivatePort: 80, PublicPort: 8080, Type: 'tcp'}])).toBe('[::]:8080->80/tcp');
		expect(displayablePorts([{IP: '::', PrivatePort: 80, PublicPort: 80, Type: 'tcp'}, same(80)])).toBe('0.0.0.0:80->80/tcp, [::]:80->80/tcp');
		expect(displayablePorts([80, 82].map(p => ({PrivatePort: p, Type: 'tcp'})))).toBe('80/tcp, 82/tcp');
		expect(displayablePorts([{PrivatePort: 53, Type: 'udp'}, {PrivatePort: 53, Type: 'tcp'}])).toBe('53/tcp, 53/udp');
		expect(displayablePorts([{PrivatePort: 81, Type: 'tcp'}, {PrivatePort: 80, Type: 'udp'}, {PrivatePort: 80, Type: 'tcp'}])).toBe('80-81/tcp, 80/udp');
		expect(displayablePorts([{IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp'}, {PrivatePort: 443, Type: 'tcp'}])).toBe('443/tcp, 0.0.0.0:8080->80/tcp');
	});
	it('shortens images (IDs, digests) and names (links) only when truncating', () => {
		const id = 'sha256:c6be40ea9a15db8c04fea872bb4fd74a0df2a81a09ff5abaa3e1c9b42facea88';
		expect(containerImage('', id, true)).toBe('<no image>');
		expect(containerImage(id, id, true)).toBe('c6be40ea9a15');
		expect(containerImage('docker.io/library/alpine:3@sha256:' + 'a'.repeat(64), id, true)).toBe('alpine:3');
		expect(containerImage('localhost:5000/x@sha256:' + 'a'.repeat(64), id, true)).toBe('localhost:5000/x');
		expect(containerImage('docker.io/library/alpine:3', id, false)).toBe('docker.io/library/alpine:3');
		expect(containerNames(['/web/db', '/db'], true)).toBe('db');
		expect(containerNames(['/web/db', '/db'], false)).toBe('web/db,db');
	});
});

describe('container inspect against docker 28', () => {
	const items = ['imgscope-cap.created', 'imgscope-cap_run', 'imgscope-cap.exited'].map(n => ({raw: fixture(`inspect-${n}.json`)}));
	for (const [format, out] of Object.entries(expected.inspect)) {
		it(`-f ${JSON.stringify(format)}`, () => {
			const result = renderInspect(prepareFormat(format), items, typedContainerInspect);
			// Nested pointers print as Go addresses, which differ from run to run.
			const addresses = (s: string) => s.replace(/0xc[0-9a-f]{9}/g, '0xPTR');
			expect(addresses(result.stdout)).toBe(addresses(out.stdout));
			expect(result.errors.map(e => `${e}\n`).join('')).toBe(out.stderr);
			expect(result.exitCode).toBe(out.code);
		});
	}
	it('prints the daemon\'s bytes re-indented without a format', () => {
		const result = renderInspect(prepareFormat(''), [items[0], {error: 'Error response from daemon: No such container: nope'}], typedContainerInspect);
		expect(result.stdout).toMatch(/^\[\n {4}\{\n {8}"Id": "/);
		expect(result.errors).toEqual(['Error response from daemon: No such container: nope']);
		expect(result.exitCode).toBe(1);
	});
});

describe('found by the fuzzer', () => {
	it("ps --format '{{ne $ $.MarshalJSON -}}': the pre-pass's empty container was created at 0 by docker's clock (56 years ago)", () => {
		const now = Date.UTC(2026, 11, 2, 5, 0, 0);
		const pass = prePass('{{ne $ $.MarshalJSON -}}', now);
		expect(pass.ok).toBe(false);
		// docker 28.2.2: the JSON bytes of the error hold "RunningFor":"56 years ago".
		const running = Buffer.from('"RunningFor":"56 years ago"').join(' ');
		expect(pass.ok ? '' : pass.error).toContain(running);
	});
	it("ps --format '{{ne .FieldsUsed .MarshalJSON}}': the field read first sees the map Size made later (an addressable field reads its memory when used)", () => {
		// docker 28.2.2 (seed 20261219): "non-comparable types map[Size:{}]: map[string]interface {}, []uint8: [...]"; imgscope printed map[].
		const pass = prePass('{{ne .FieldsUsed .MarshalJSON}}', 0);
		expect(pass.ok ? '' : pass.error).toMatch(/^failed to execute template: template: :1:2: executing "" at <ne \.FieldsUsed \.MarshalJSON>: error calling ne: non-comparable types map\[Size:\{\}\]: map\[string\]interface \{\}, \[\]uint8: \[123 34 /);
		// A variable holds the field as Go's reflect.Value does: it too sees the later call.
		const later = prePass('{{$x := .FieldsUsed}}{{.Size}}{{ne 1 $x}}', 0);
		expect(later.ok ? '' : later.error).toContain('error calling ne: incompatible types for comparison');
	});
});

