/**
 * `imgscope __complete images|containers|volumes|contexts`: the names the
 * completion scripts offer, one a line. Asked when the user presses Tab, so
 * it is quick and quiet: a short deadline, and nothing at all (status 0)
 * when the engine is down, slow or refuses.
 */
import {readdirSync, readFileSync} from 'node:fs';
import {homedir} from 'node:os';
import path from 'node:path';
import type {Command, CommandContext} from './command.js';

/** Long enough for a local engine with thousands of images; short enough that a dead ssh host does not hang the shell. */
const deadlineMs = 1500;

const complete: Command = {
	name: '__complete',
	summary: 'Names for the completion scripts, from the engine',
	usage: 'imgscope __complete images|containers|volumes|contexts',
	flags: [],
	minArgs: 1,
	maxArgs: 1,
	async run(context, parsed) {
		let names: string[] = [];
		try {
			names = await lookUp(context, parsed.positionals[0]);
		} catch {
			// Silent: a completion that cannot ask offers nothing.
		}
		if (names.length) context.stdout.write(`${[...new Set(names)].join('\n')}\n`);
		return 0;
	},
};

export default complete;

async function lookUp(context: CommandContext, kind: string | undefined): Promise<string[]> {
	if (kind === 'contexts') return contextNames();
	const signal = AbortSignal.timeout(deadlineMs);
	const engine = await context.engine();
	try {
		if (kind === 'images') {
			const images = await engine.listImages({signal});
			return images.flatMap((image) => (image.RepoTags ?? []).filter((tag) => tag !== '<none>:<none>'));
		}
		if (kind === 'containers') {
			const containers = await engine.listContainers({all: true, signal});
			return containers.flatMap((container) => (container.Names ?? []).map((name) => name.replace(/^\//, '')));
		}
		if (kind === 'volumes') {
			const answer = await engine.json<{Volumes?: {Name?: string}[] | null}>('/volumes', {signal});
			return (answer.Volumes ?? []).flatMap((volume) => (typeof volume.Name === 'string' ? [volume.Name] : []));
		}
		return [];
	} finally {
		engine.close();
	}
}

/** The docker CLI's contexts: "default" and each ~/.docker/contexts/meta/<hash>/meta.json's Name. */
function contextNames(): string[] {
	const dir = path.join(process.env.DOCKER_CONFIG || path.join(homedir(), '.docker'), 'contexts', 'meta');
	const names = ['default'];
	let entries: string[] = [];
	try {
		entries = readdirSync(dir);
	} catch {
		return names;
	}
	for (const entry of entries) {
		try {
			const meta = JSON.parse(readFileSync(path.join(dir, entry, 'meta.json'), 'utf8')) as {Name?: unknown};
			if (typeof meta.Name === 'string') names.push(meta.Name);
		} catch {}
	}
	return names;
}
