// `imgscope df` against `docker system df`: fixed formats for both modes, and
// random templates over every column of every df context (seeded, so a
// failure is reproducible: IMGSCOPE_DF_SEED). They run on a private dockerd
// (df covers the whole engine, which other suites change while they run).
import type {Case} from './cases.js';
import {seeded} from './fuzz/rng.js';

/** Summary rows (without -v): *diskUsageImagesContext and its three siblings. */
export const SUMMARY_FORMATS = [
	'', 'table', 'json', 'raw', '{{.Type}}', '{{.TotalCount}}|{{.Active}}|{{.Size}}|{{.Reclaimable}}', '{{json .}}', '{{.}}', '{{printf "%T" .}}',
	'{{.Header}}', '{{.FullHeader}}', '{{.images}}', '{{.totalSize}}', '{{.Nope}}', 'table {{.Type}}', 'table {{.Type}}\\t{{.Reclaimable}}', 'table {{.Nope}}',
	'table {{upper .Type}}\\t{{.Size}}', '{{', 'table {{', '{{.Type}}\\n', '{{.MarshalJSON}}', '{{printf "%s" .MarshalJSON}}', '{{len .Type}}',
	'{{if eq .Type "Images"}}{{.Reclaimable}}{{end}}', 'table {{json .}}', 'tablex {{.Type}}',
];

/** -v: the whole report (Images, Containers, Volumes, BuildCache). */
export const VERBOSE_FORMATS = [
	'', 'table', 'json', 'raw', '{{.}}', '{{json .}}', '{{json .Images}}', '{{json .Containers}}', '{{json .Volumes}}', '{{json .BuildCache}}', '{{len .Images}}',
	'{{range .Images}}{{.Repository}}:{{.Tag}} {{.ID}} {{.Size}} {{.SharedSize}} {{.UniqueSize}} {{.Containers}}\\n{{end}}',
	'{{range .Images}}{{.}}\\n{{end}}', '{{range .Containers}}{{.ID}}|{{.Image}}|{{.Command}}|{{.LocalVolumes}}|{{.Size}}|{{.Status}}|{{.Names}}|{{.Mounts}}|{{.Labels}}|{{.State}}\\n{{end}}',
	'{{range .Containers}}{{.}}\\n{{end}}', '{{range .Containers}}{{json .}}\\n{{end}}', '{{range .Volumes}}{{.Name}} {{.Links}} {{.Size}} {{.Driver}} {{.Scope}} {{.Labels}}\\n{{end}}',
	'{{range .Volumes}}{{.}}\\n{{end}}', '{{range .Volumes}}{{json .}}\\n{{end}}', '{{range .Volumes}}{{.Label "imgscope.test"}}|{{.Mountpoint}}|{{.Group}}|{{.Status}}|{{.Availability}}\\n{{end}}',
	'{{range .Containers}}{{.Label "imgscope.test"}}|{{.Networks}}|{{.Ports}}|{{.Platform}}|{{.CreatedAt}}\\n{{end}}', '{{range .BuildCache}}{{.ID}}{{end}}',
	'table {{.Images}}', 'table', '{{.Nope}}', '{{range .Images}}{{.Nope}}{{end}}', '{{range .Images}}{{.Repository}}\\n{{end}}{{.Nope}}', '{{',
	'{{range .Images}}{{.ID}}{{end}}', '{{printf "%T" .}}', '{{printf "%T" .Images}}', '{{with index .Images 0}}{{.Tag}}{{end}}', '{{index .Images 99}}',
	'{{range $i, $c := .Containers}}{{$i}}={{$c.Names}};{{end}}',
	// The build cache (records made by BuildKit builds, some shared, some in use: test/df/support/build-cache.ts).
	'{{range .BuildCache}}{{.ID}}|{{.Parent}}|{{.CacheType}}|{{.Description}}|{{.Size}}|{{.CreatedAt}}|{{.CreatedSince}}|{{.LastUsedAt}}|{{.LastUsedSince}}|{{.UsageCount}}|{{.InUse}}|{{.Shared}}\\n{{end}}',
	'{{range .BuildCache}}{{json .}}\\n{{end}}', '{{range .BuildCache}}{{.}}\\n{{end}}', '{{len .BuildCache}}', 'table {{range .BuildCache}}{{.ID}}\\t{{.Size}};{{end}}',
	'{{range .BuildCache}}{{if .InUse}}{{.ID}} {{.LastUsedAt}}|{{printf "%q" .LastUsedSince}}\\n{{end}}{{end}}', '{{with index .BuildCache 0}}{{printf "%T" .}}{{end}}',
];

const IMAGE_COLS = ['ID', 'Repository', 'Tag', 'Digest', 'CreatedSince', 'CreatedAt', 'Size', 'Containers', 'VirtualSize', 'SharedSize', 'UniqueSize'];
const CONTAINER_COLS = ['ID', 'Names', 'Image', 'Command', 'CreatedAt', 'RunningFor', 'State', 'Status', 'Size', 'Labels', 'Mounts', 'LocalVolumes', 'Networks', 'Ports', 'Platform'];
const VOLUME_COLS = ['Name', 'Driver', 'Scope', 'Mountpoint', 'Links', 'Size', 'Group', 'Availability', 'Status'];
const CACHE_COLS = ['ID', 'Parent', 'CacheType', 'Description', 'Size', 'CreatedAt', 'CreatedSince', 'LastUsedAt', 'LastUsedSince', 'UsageCount', 'InUse', 'Shared'];
const SUMMARY_COLS = ['Type', 'TotalCount', 'Active', 'Size', 'Reclaimable'];
const WRAPS = [(x: string) => x, (x: string) => `upper ${x}`, (x: string) => `lower ${x}`, (x: string) => `json ${x}`, (x: string) => `printf "%q" ${x}`, (x: string) => `len ${x}`, (x: string) => `truncate ${x} 4`, (x: string) => `title ${x}`, (x: string) => `pad ${x} 1 2`];
const SEPS = ['|', '\\t', ' ', ',', '\\n'];


function columns(rnd: () => number, cols: string[], n: number): string {
	const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
	const parts: string[] = [];
	for (let i = 0; i < n; i++) parts.push(`{{${pick(WRAPS)(`.${pick(cols)}`)}}}`);
	return parts.join(pick(SEPS));
}

/** Random templates: summary rows (plain and table), and each -v slice (the build cache's too). */
export function randomDfFormats(seed: number, count: number): {verbose: boolean; format: string}[] {
	const rnd = seeded(seed);
	const out: {verbose: boolean; format: string}[] = [];
	for (let i = 0; i < count; i++) {
		const n = 1 + Math.floor(rnd() * 4);
		switch (i % 6) {
			case 0:
				out.push({verbose: false, format: (rnd() < 0.5 ? 'table ' : '') + columns(rnd, SUMMARY_COLS, n)});
				break;
			case 1:
				out.push({verbose: true, format: `{{range .Images}}${columns(rnd, IMAGE_COLS, n)}\\n{{end}}`});
				break;
			case 2:
				out.push({verbose: true, format: `{{range .Containers}}${columns(rnd, CONTAINER_COLS, n)}\\n{{end}}`});
				break;
			case 3:
				out.push({verbose: true, format: `{{range .Volumes}}${columns(rnd, VOLUME_COLS, n)}\\n{{end}}`});
				break;
			case 4:
				out.push({verbose: true, format: `{{range .BuildCache}}${columns(rnd, CACHE_COLS, n)}\\n{{end}}`});
				break;
			default:
				out.push({verbose: true, format: `table {{range .Images}}${columns(rnd, IMAGE_COLS, n)};{{end}}`});
		}
	}
	return out;
}

export function dfCases(seed: number): Case[] {
	const cases: Case[] = [];
	const add = (args: string[]): void => {
		cases.push({id: JSON.stringify(args), args, unordered: args.includes('-v') || args.includes('--verbose')});
	};
	add(['df']);
	add(['df', '-v']);
	add(['df', '--verbose']);
	add(['df', '-v=false']);
	for (const f of SUMMARY_FORMATS) add(['df', '--format', f]);
	for (const f of VERBOSE_FORMATS) add(['df', '-v', '--format', f]);
	for (const {verbose, format} of randomDfFormats(seed, 48)) add(verbose ? ['df', '-v', '--format', format] : ['df', '--format', format]);
	add(['df', 'extra']);
	return cases;
}
