import {describe, expect, it} from 'vitest';
import {fetchErrorText, prepareFormat, renderInspect, type InspectItem} from '../../source/docker/inspector.js';
import {typedInspect} from '../../source/docker/inspect-type.js';
import {execute, parse, dockerFuncs} from '../../source/template/index.js';
import {flag, golden, noPointers} from './helpers.js';

const inspect = golden<string[]>('inspect.json');
const items: InspectItem[] = inspect.raw.map(raw => ({raw}));
const [app, hostile] = inspect.raw;

describe('renderInspect against docker 28 output', () => {
	it.each(inspect.cases.map(c => [flag(c.args, '--format')!, c] as const))('--format %j', (format, c) => {
		const out = renderInspect(prepareFormat(format), items);
		expect(noPointers(out.stdout)).toBe(noPointers(c.stdout));
		expect(out.exitCode).toBe(c.code);
	});
});

describe('inspector rules', () => {
	const run = (format: string, list: InspectItem[]) => renderInspect(prepareFormat(format), list);

	it('fails to parse with exit 64 and nothing on stdout', () => {
		// errorOffset: where the parser stopped, for the format box's caret (not part of docker's output).
		expect(run('{{', items)).toEqual({stdout: '', errors: ['template parsing error: template: :1: unclosed action'], exitCode: 64, errorOffset: 2});
	});

	it('prints [] for no document and one newline for no template output', () => {
		const missing: InspectItem = {error: 'Error response from daemon: no such image: nope: No such image: nope:latest'};
		expect(run('', [missing])).toEqual({stdout: '[]\n', errors: [missing.error], exitCode: 1});
		expect(run('json', [missing]).stdout).toBe('[]\n');
		expect(run('{{.Os}}', [missing]).stdout).toBe('\n');
		expect(run('{{.Os}}', [missing, {raw: app}]).stdout).toBe('linux\n');
	});

	it('falls back to the raw map (json.Number is a string there)', () => {
		expect(run('{{.Id}} {{len .Size}}', [{raw: app}]).stdout).toBe('sha256:56e8d3ec02ad9cd8d1ae1eec5d0414031e8fc0188be96fe1fcf28fbe70fc66c3 7\n');
		expect(run('{{.ID}}', [{raw: app}]).stdout).toBe('sha256:56e8d3ec02ad9cd8d1ae1eec5d0414031e8fc0188be96fe1fcf28fbe70fc66c3\n');
	});

	it('keeps missingkey=error on after a raw pass', () => {
		const t = '{{if .Config.Healthcheck}}{{slice .Size 0 1}}{{end}}{{.Config.Labels.maintainer}}';
		expect(run(t, [{raw: hostile}, {raw: app}])).toMatchObject({stdout: '<no value>\n2tests@imgscope\n', exitCode: 0});
		const sticky = run(t, [{raw: app}, {raw: hostile}]);
		expect(sticky.stdout).toBe('2tests@imgscope\n');
		expect(sticky.exitCode).toBe(1);
		expect(sticky.errors[0]).toMatch(/^template parsing error: template: :1:12: executing "" at <.Config.Healthcheck>: map has no entry for key "Healthcheck"$/);
	});

	it('reports the raw pass error, once per image', () => {
		const out = run('{{.Nope}}', items);
		expect(out.errors).toEqual(Array(2).fill('template parsing error: template: :1:2: executing "" at <.Nope>: map has no entry for key "Nope"'));
	});

	it('words daemon errors like the docker client', () => {
		expect(fetchErrorText({daemonMessage: 'No such image: x:latest', message: 'whatever'})).toBe('Error response from daemon: No such image: x:latest');
		expect(fetchErrorText(new Error('connect ENOENT'))).toBe('connect ENOENT');
	});
});

describe('typed image.InspectResponse', () => {
	const typed = typedInspect(app);
	const exec = (t: string): string => execute(parse(t, {funcs: dockerFuncs}), typed);

	it('has Go names, kinds and printing', () => {
		expect(exec('{{printf "%T %T %T %T" . .Size .Config .ContainerConfig.Cmd}}')).toBe('image.InspectResponse int64 *v1.DockerOCIImageConfig strslice.StrSlice');
		expect(exec('{{.Config.Healthcheck.Interval}} {{.Config.Healthcheck.Timeout}}')).toBe('30s 5s');
		expect(exec('{{.Metadata}}')).toBe('{2026-11-26 19:36:09.050107675 +0000 UTC}');
		expect(exec('{{.Descriptor}} {{.Manifests}} {{json .Manifests}}')).toBe('<nil> [] null');
		expect(exec('{{json .Config.OnBuild}} {{json .ContainerConfig.OnBuild}}')).toBe('null null');
	});

	it('drops what the v28 struct does not have', () => {
		expect(() => exec('{{.Config.Hostname}}')).toThrow(/can't evaluate field Hostname in type \*v1.DockerOCIImageConfig/);
		expect(() => exec('{{.Id}}')).toThrow(/can't evaluate field Id in type image.InspectResponse/);
	});

	it('orders {{json}} by struct fields with omitempty', () => {
		expect(exec('{{json .RootFS}}')).toMatch(/^\{"Type":"layers","Layers":\["sha256:/);
		expect(exec('{{json .Config.Healthcheck}}')).toBe('{"Test":["CMD-SHELL","true"],"Interval":30000000000,"Timeout":5000000000}');
	});
});
