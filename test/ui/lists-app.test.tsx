/**
 * Every list through the same spec, in the App: the key that shows it, its
 * title with the count ("N of M" while filtered), its columns' header, its
 * footer from the keymap, the filter as typed, the sort and the `x` menu of
 * its actions. Rows: the daemon's answers captured (images, `ps -a` with
 * ports and mounts, GET /system/df with its volumes) and this machine's docker
 * contexts as the adapter reads them.
 */
import {render} from 'ink-testing-library';
import React from 'react';
import {describe, expect, it} from 'vitest';
import {listContexts} from '../../source/engine/contexts.js';
import {Engine} from '../../source/engine/engine.js';
import {resolveEndpoint} from '../../source/engine/endpoint.js';
import type {DiskUsageJSON} from '../../source/engine/disk-usage.js';
import type {ContainerSummary, ImageSummary} from '../../source/engine/types.js';
import type {RemoteTag} from '../../source/engine/registry/remote-tags.js';
import type {Volume} from '../../source/engine/volumes/types.js';
import {App} from '../../source/ui/App.js';
import {fitColumns, formatHeader} from '../../source/ui/columns.js';
import {footerFitted, unavailable} from '../../source/ui/keymap.js';
import {can} from '../../source/ui/lists/capability.js';
import {specs} from '../../source/ui/lists/registry.js';
import type {ListAction} from '../../source/ui/lists/spec.js';
import {initialState, reduce} from '../../source/ui/state.js';
import type {State} from '../../source/ui/model.js';
import {captured, keys, tick, waitFor} from '../helpers/ink.js';
import {readFileSync} from 'node:fs';

const engine = new Engine(resolveEndpoint({host: 'unix:///nonexistent.sock', env: {}}));
const images = captured<ImageSummary[]>('images.json');
const containers = JSON.parse(readFileSync(new URL('../containers/fixtures/ps-list.json', import.meta.url), 'utf8')) as ContainerSummary[];
const engines = listContexts().contexts;
// A registry source's tags, as engine/registry/remote-tags.ts describes 127.0.0.1:5000/registry-test/multi and base.
const remoteTags: RemoteTag[] = [
	{tag: '1', digest: 'sha256:7d0b4cf142a5c4a1a5f2a5c1b0c0ffee00000000000000000000000000000001', mediaType: 'application/vnd.oci.image.index.v1+json', kind: 'index', size: 1070000, platforms: ['linux/amd64', 'linux/arm64/v8'], attestations: 1, created: '2026-12-02T02:40:00Z'},
	{tag: '2', digest: 'sha256:90c1e0ffee000000000000000000000000000000000000000000000000000002', mediaType: 'application/vnd.docker.distribution.manifest.v2+json', kind: 'manifest', size: 1060000, platforms: ['linux/amd64'], attestations: 0, created: '2026-12-02T03:00:00Z'},
];

// A private daemon's /system/df (test/df/fixtures): its report is the Disk list, its volumes the Volumes list.
const disk = JSON.parse(readFileSync(new URL('../df/fixtures/system-df.json', import.meta.url), 'utf8')) as DiskUsageJSON;
const volumes = (disk.Volumes ?? []) as unknown as Volume[];

function loaded(): State {
	const state = reduce(initialState(120, 30), {type: 'lists', images, containers});
	return reduce(state, {type: 'data', data: {engines, remoteTags, volumes, disk: {report: disk}}});
}

describe('every list, through its spec', () => {
	for (const spec of specs) {
		it(`${spec.title}: shown by ${spec.show.key}, titled, with its columns, footer, filter, sort and menu`, async () => {
			// A list that needs a registry source is shown on one (the title and the greyed keys follow).
			const state: State = spec.needs === 'remote' ? {...loaded(), archive: 'registry', remote: 'registry'} : loaded();
			const list = state.lists[spec.id];
			expect(list.rows.length).toBeGreaterThan(0);
			const start = spec.id === 'images' ? 'containers' : 'images';
			const app = render(<App engine={engine} controller={null} initial={{...state, view: start}} />);
			try {
				app.stdin.write(spec.show.key);
				let frame = await waitFor(app.lastFrame, (f) => f.includes(`${spec.title} (${list.rows.length})`));
				const header = formatHeader(fitColumns(spec.columns(state, list.visible, Date.now()), 120)).trimEnd();
				expect(frame).toContain(header);
				for (const label of footerFitted(spec.id, 120, unavailable((need) => can(state, need)))) expect(frame.split('\n').at(-1)).toContain(label);

				// The filter: the first row's name, as typed; the title counts what shows.
				const name = spec.name(list.visible[0]);
				app.stdin.write('/');
				await tick();
				app.stdin.write(name);
				frame = await waitFor(app.lastFrame, (f) => new RegExp(`${spec.title} \\(\\d+ of ${list.rows.length}\\)`).test(f));
				const shown = Number(/\((\d+) of/.exec(frame)![1]);
				expect(shown).toBe(list.rows.filter((row) => spec.matches(row, name.toLowerCase())).length);
				app.stdin.write(keys.escape);
				await waitFor(app.lastFrame, (f) => f.includes(`${spec.title} (${list.rows.length})`));

				if (spec.sorts.length > 1) {
					app.stdin.write('s');
					await waitFor(app.lastFrame, (f) => f.includes(`sort: ${spec.sorts[1].label}`));
				}

				app.stdin.write('x');
				frame = await waitFor(app.lastFrame, (f) => f.includes(`${spec.title}: `));
				const offered: ListAction[] = [...(spec.open ? [spec.open] : []), ...spec.actions.filter((action: ListAction) => action.menu !== false)];
				for (const action of offered.slice(0, 9)) expect(frame).toContain(action.description.slice(0, 40));
				app.stdin.write(keys.escape);
				await waitFor(app.lastFrame, (f) => !f.includes(`${spec.title}: `));
			} finally {
				app.unmount();
			}
		});
	}
});
