// The pure parts: docker's NaturalLess order, the volume row context,
// inspect rendering, the import refusals, the list's columns and the file
// lines of the volume's view.
import {describe, expect, it} from 'vitest';
import {naturalLess} from '../../source/docker/natural-order.js';
import {renderVolumeInspect, renderVolumeList, volumeFormat} from '../../source/docker/volume-context.js';
import {refusal} from '../../source/engine/volumes/backup.js';
import {apiAtLeast, isAnonymous} from '../../source/engine/volumes/volumes.js';
import type {TarHeader} from '../../source/engine/archive/tar.js';
import {linksText, sizeText, volumeRows} from '../../source/ui/lists/volume-columns.js';

const volume = (name: string, labels: Record<string, string> | null = null) => ({Name: name, Driver: 'local', Mountpoint: `/var/lib/docker/volumes/${name}/_data`, Labels: labels, Options: null, Scope: 'local', CreatedAt: '2026-12-02T03:00:00Z'});

describe('volume formatter', () => {
	it('sorts names as sortorder.NaturalLess does', () => {
		const names = ['v10', 'v2', 'v02', 'v1', 'V3', 'v1a', 'va', 'v', '10', '9', 'é', 'e'];
		expect(names.sort((a, b) => (naturalLess(a, b) ? -1 : naturalLess(b, a) ? 1 : 0))).toEqual(['9', '10', 'V3', 'e', 'v', 'v1', 'v1a', 'v2', 'v02', 'v10', 'va', 'é']);
	});

	it('renders the default table, -q, raw and Label "k"', () => {
		const list = [volume('b', {x: '1'}), volume('a')];
		expect(renderVolumeList(list, {format: '', quiet: false}).stdout).toBe('DRIVER    VOLUME NAME\nlocal     a\nlocal     b\n');
		expect(renderVolumeList(list, {format: '', quiet: true}).stdout).toBe('a\nb\n');
		expect(renderVolumeList(list, {format: 'raw', quiet: false}).stdout).toBe('name: a\ndriver: local\n\nname: b\ndriver: local\n\n');
		expect(renderVolumeList(list, {format: '{{.Label "x"}}|{{.Links}}|{{.Size}}|{{.Status}}', quiet: false}).stdout).toBe('|N/A|N/A|N/A\n1|N/A|N/A|N/A\n');
		expect(renderVolumeList([{...volume('s'), UsageData: {Size: 2048, RefCount: 3}}], {format: '{{.Size}} {{.Links}}', quiet: false}).stdout).toBe('2.048kB 3\n');
		expect(renderVolumeList(list, {format: '{{.Nope}}', quiet: false}).error).toMatch(/^template parsing error: .*can't evaluate field Nope/);
		expect(volumeFormat('table', true)).toBe('{{.Name}}');
	});

	it('inspect marshals the typed volume (Go field order, HTML escaped, empty Status left out)', () => {
		const raw = JSON.stringify({Scope: 'local', Name: 'n', Labels: {h: '<&>'}, Driver: 'local', Mountpoint: '/m', Options: null, CreatedAt: 'c', Extra: 1});
		expect(renderVolumeInspect('json', [{raw}]).stdout).toBe('[{"CreatedAt":"c","Driver":"local","Labels":{"h":"\\u003c\\u0026\\u003e"},"Mountpoint":"/m","Name":"n","Options":null,"Scope":"local"}]\n');
		expect(renderVolumeInspect('{{.Name}}', [{raw}, {error: 'Error response from daemon: get x: no such volume'}])).toEqual({stdout: 'n\n', errors: ['Error response from daemon: get x: no such volume'], exitCode: 1});
		expect(renderVolumeInspect('{{', []).exitCode).toBe(64);
		expect(renderVolumeInspect('', []).stdout).toBe('[]\n');
	});
});

describe('import refusals', () => {
	const h = (name: string, type: TarHeader['type'] = 'file', linkname = ''): TarHeader => ({name, linkname, type, flag: '0', size: 0, mode: 0o644, uid: 0, gid: 0});
	it('refuses what would land outside the volume, and nothing else', () => {
		expect(refusal(h('./a/b'))).toBeUndefined();
		expect(refusal(h('./'))).toBeUndefined();
		expect(refusal(h('a/../b'))).toMatch(/has a "\.\." part/);
		expect(refusal(h('/etc/x'))).toMatch(/absolute path/);
		expect(refusal(h('l', 'symlink', '/etc/passwd'))).toBeUndefined(); // resolved in whichever container mounts it
		expect(refusal(h('d/l', 'symlink', '../x'))).toBeUndefined();
		expect(refusal(h('d/l', 'symlink', '../../x'))).toMatch(/symlink that leads out/);
		expect(refusal(h('d/l', 'symlink', 'a/../../../x'))).toMatch(/symlink that leads out/);
		expect(refusal(h('h', 'hardlink', 'a'))).toBeUndefined();
		expect(refusal(h('h', 'hardlink', '../a'))).toMatch(/hard link out/);
		expect(refusal(h('dev', 'block'))).toMatch(/device node/);
		expect(refusal(h('p', 'fifo'))).toBeUndefined();
	});
});

describe('volumes: small rules', () => {
	it('tells anonymous volumes and API versions', () => {
		expect(isAnonymous({Name: 'a'.repeat(64), Labels: null})).toBe(true);
		expect(isAnonymous({Name: 'data', Labels: {'com.docker.volume.anonymous': ''}})).toBe(true);
		expect(isAnonymous({Name: 'data', Labels: null})).toBe(false);
		expect(apiAtLeast('1.41', '1.42')).toBe(false);
		expect(apiAtLeast('1.42', '1.42')).toBe(true);
		expect(apiAtLeast('1.100', '1.42')).toBe(true);
	});

	it('says when sizes are still being counted', () => {
		const [counting] = volumeRows([volume('a')], undefined);
		expect([sizeText(counting), linksText(counting)]).toEqual(['…', '…']);
		const [counted] = volumeRows([volume('a')], {a: {Size: 1500, RefCount: 2}});
		expect([sizeText(counted), linksText(counted), counted.created]).toEqual(['1.5kB', '2', Date.parse('2026-12-02T03:00:00Z') / 1000]);
		const [unknown] = volumeRows([volume('b')], {});
		expect(sizeText(unknown)).toBe('N/A');
	});
});
