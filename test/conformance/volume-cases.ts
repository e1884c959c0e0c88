// The differential cases for `volume ls` and `volume inspect`: fixed formats
// and random ones (seeded; IMGSCOPE_CONFORMANCE_SEED replays a run). Only the
// volumes this suite makes are named or listed (other suites make volumes on
// the same engine at the same time).
import type {Case} from './cases.js';
import {seeded} from './fuzz/rng.js';

export const SET_LABEL = 'imgscope.volumes.set=conformance';
/** Both labels: the volumes of this suite only. */
export const ONLY_OURS = ['-f', 'label=imgscope.test=volumes', '-f', `label=${SET_LABEL}`];

/** Names that exercise NaturalLess (digits, zeros, case, dots) and labels that exercise escaping and sorting. */
export const VOLUMES: {name: string; labels: string[]; solo?: boolean}[] = [
	{name: 'imgscope-vc-2', labels: ['b=2', 'a=1']},
	{name: 'imgscope-vc-10', labels: ['html=<a href="x">&</a>', 'empty=']},
	{name: 'imgscope-vc-01', labels: ['z=last', 'é=accent']},
	{name: 'imgscope-vc-1', labels: []},
	{name: 'imgscope-vc-A.b_c', labels: ['com.example.key=v,with,commas']},
	{name: 'imgscope-vc-a', labels: ['spaced=sp ace']},
	// Only the suite's labels but one: `.Labels` of one label has one order.
	{name: 'imgscope-vc-solo', labels: [], solo: true},
];

/** docker 28.2's `.Labels` joins the label map in Go's random order: with more than one label only the set can be compared. */
export const labelsInRandomOrder = (c: Case): boolean =>
	c.args.some(a => /\.Labels\b/.test(a) || a === 'json' || /\{\{json \.\}\}/.test(a)) && !c.args.includes('name=imgscope-vc-solo');

/** The same characters on each line, lines in any order: what two random map orders still share. */
export const sameUpToOrder = (a: Buffer, b: Buffer): boolean => {
	const canon = (x: Buffer) => x.toString('latin1').split('\n').map(line => [...line].sort().join('')).sort().join('\n');
	return canon(a) === canon(b);
};

const FIELDS = ['Name', 'Driver', 'Scope', 'Mountpoint', 'Labels', 'Links', 'Size', 'Group', 'Availability', 'Status'];
const INSPECT_FIELDS = ['Name', 'Driver', 'Scope', 'Mountpoint', 'Labels', 'Options', 'CreatedAt', 'Status', 'UsageData', 'ClusterVolume'];

export const LS_FORMATS = [
	'', 'table', 'json', 'raw', '{{.}}', '{{json .}}', 'table {{.Name}}', 'table {{.Name}}\\t{{.Driver}}\\t{{.Scope}}',
	...FIELDS.map(f => `{{.${f}}}`), ...FIELDS.map(f => `table {{.${f}}}`),
	'{{.Label "a"}}|{{.Label "html"}}|{{.Label "nope"}}', 'table {{.Label "b"}}\\t{{.Name}}', '{{.Label}}', '{{.Label "a" "b"}}',
	'{{.Nope}}', 'table {{.Nope}}', '{{json .Labels}}', '{{split .Labels ","}}', '{{upper .Name}} {{lower .Driver}} {{title .Scope}}',
	'{{pad .Name 1 2}}', '{{truncate .Name 5}}', '{{if eq .Driver "local"}}L{{end}}', '{{.Name}}\\n{{.Driver}}', '{{.v}}', '{{.FullHeader}}',
	'table {{.Name}}\\t{{.Labels}}\\t{{.Links}}\\t{{.Size}}', '{{', 'table {{.Name}} {{.Nope}}',
];

export const INSPECT_FORMATS = [
	'', 'json', '{{.}}', '{{json .}}', ...INSPECT_FIELDS.map(f => `{{.${f}}}`), ...INSPECT_FIELDS.map(f => `{{json .${f}}}`),
	'{{.Labels.a}}', '{{index .Labels "html"}}', '{{range $k, $v := .Labels}}{{$k}}={{$v}};{{end}}', '{{.Nope}}', '{{.UsageData.Size}}',
	'{{printf "%v|%+v|%T" .Labels .Options .}}', '{{len .Labels}}', '{{', '{{.Name}}{{.Nope}}',
];


/** Random list templates: fields, functions, literals, table or not. */
export function randomLsFormats(seed: number, count: number): string[] {
	const r = seeded(seed);
	const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)];
	const atom = (): string => {
		const name = pick(FIELDS);
		const f = `.${name}`;
		// Labels come in Go's random map order (see labelsInRandomOrder): only wrappers that keep its characters.
		if (name === 'Labels') return pick([`{{${f}}}`, `{{json ${f}}}`, `{{upper ${f}}}`, `{{lower ${f}}}`, `{{printf "%q" ${f}}}`, `{{len ${f}}}`, `{{if ${f}}}y{{else}}n{{end}}`]);
		return pick([
			`{{${f}}}`, `{{json ${f}}}`, `{{upper ${f}}}`, `{{lower ${f}}}`, `{{title ${f}}}`, `{{truncate ${f} ${Math.floor(r() * 8)}}}`,
			`{{pad ${f} ${Math.floor(r() * 3)} ${Math.floor(r() * 3)}}}`, `{{printf "%q" ${f}}}`, `{{len ${f}}}`, `{{.Label "${pick(['a', 'b', 'html', 'é', 'nope', 'empty'])}"}}`,
			`{{if ${f}}}y{{else}}n{{end}}`, `{{join (split ${f} ",") "+"}}`, `{{with ${f}}}[{{.}}]{{end}}`,
		]);
	};
	const out: string[] = [];
	for (let i = 0; i < count; i++) {
		const parts = Array.from({length: 1 + Math.floor(r() * 4)}, atom);
		const sep = pick(['\\t', ' ', '|', ',', '\\n']);
		out.push(`${r() < 0.4 ? 'table ' : ''}${parts.join(sep)}`);
	}
	return out;
}

export function randomInspectFormats(seed: number, count: number): string[] {
	const r = seeded(seed ^ 0x5bd1e995);
	const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)];
	const out: string[] = [];
	for (let i = 0; i < count; i++) {
		const f = `.${pick(INSPECT_FIELDS)}`;
		out.push(pick([`{{${f}}}`, `{{json ${f}}}`, `{{printf "%v" ${f}}}`, `{{if ${f}}}set{{end}}`, `{{len ${f}}}`, `{{${f}}}|{{.Name}}`, `{{range ${f}}}{{.}},{{end}}`]));
	}
	return out;
}

export function volumeCases(seed: number): Case[] {
	const cases: Case[] = [];
	const seen = new Set<string>();
	const add = (args: string[], extra: Partial<Case> = {}) => {
		const id = JSON.stringify(args);
		if (seen.has(id)) return;
		seen.add(id);
		cases.push({id, args, ...extra});
	};
	const names = VOLUMES.map(v => v.name);
	for (const f of [...LS_FORMATS, ...randomLsFormats(seed, 60)]) add(['volume', 'ls', '--format', f, ...ONLY_OURS]);
	for (const flags of [[], ['-q'], ['--quiet'], ['-q', '--format', '{{.Driver}}'], ['-q', '--format', 'table'], ['--format', 'table', '-q']]) add(['volume', 'ls', ...flags, ...ONLY_OURS]);
	add(['volume', 'ls', '-f', 'name=imgscope-vc-1', ...ONLY_OURS]);
	for (const f of ['{{.Labels}}', 'table {{.Labels}}\t{{.Name}}', '{{json .}}', '{{upper .Labels}}', '{{split .Labels "="}}']) add(['volume', 'ls', '--format', f, '-f', 'name=imgscope-vc-solo', '-f', 'label=imgscope.test=volumes']);
	add(['volume', 'ls', '-f', 'name=vc-a', '-f', 'name=vc-2', ...ONLY_OURS]);
	add(['volume', 'ls', '-f', 'driver=local', ...ONLY_OURS]);
	add(['volume', 'ls', '-f', 'driver=nope', ...ONLY_OURS]);
	add(['volume', 'ls', '-f', 'dangling=true', ...ONLY_OURS]);
	add(['volume', 'ls', '-f', 'dangling=false', ...ONLY_OURS]);
	add(['volume', 'ls', '-f', 'dangling=maybe', ...ONLY_OURS]);
	add(['volume', 'ls', '-f', 'label=a=1', ...ONLY_OURS]);
	add(['volume', 'ls', '-f', 'label=a', ...ONLY_OURS]);
	add(['volume', 'ls', '-f', 'nope=1']);
	add(['volume', 'ls', '-f', 'badformat']);
	add(['volume', 'ls', 'extra']);
	for (const f of [...INSPECT_FORMATS, ...randomInspectFormats(seed, 30)]) {
		add(['volume', 'inspect', '--format', f, ...names]);
		add(['volume', 'inspect', '-f', f, names[1]]);
	}
	add(['volume', 'inspect', names[0]]);
	add(['volume', 'inspect', 'imgscope-vc-nope']);
	add(['volume', 'inspect', names[0], 'imgscope-vc-nope', names[2]]);
	add(['volume', 'inspect', '-f', 'json', 'imgscope-vc-nope']);
	add(['volume', 'inspect', '-f', '{{.Name}}', 'imgscope-vc-nope', names[3]]);
	add(['volume', 'inspect']);
	// Refused names and removals that fail: nothing is made or removed, so docker and imgscope see the same engine.
	add(['volume', 'create', 'x']);
	add(['volume', 'create', 'bad/name']);
	add(['volume', 'create', '--name', 'a', 'b']);
	add(['volume', 'create', 'a', 'b']);
	add(['volume', 'create', '--label', 'space key=v', 'imgscope-vc-never']);
	add(['volume', 'create', '--label', '=v', 'imgscope-vc-never']);
	add(['volume', 'rm', 'imgscope-vc-nope']);
	add(['volume', 'rm', '-f', 'imgscope-vc-nope']);
	add(['volume', 'rm', 'imgscope-vc-nope', 'imgscope-vc-nope2']);
	add(['volume', 'rm']);
	// Idempotent: creating a volume that exists answers it again.
	add(['volume', 'create', '--label', 'imgscope.test=volumes', '--label', SET_LABEL, names[0]]);
	return cases;
}
