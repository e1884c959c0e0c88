/**
 * `imgscope volume inspect [-f FORMAT] VOLUME...`: `docker volume inspect`,
 * byte for byte (docker marshals its typed volume.Volume: see
 * source/docker/volume-context.ts).
 */
import {fetchErrorText} from '../docker/inspector.js';
import {writeAll} from '../docker/host.js';
import {renderVolumeInspect, type VolumeInspectItem} from '../docker/volume-context.js';
import {inspectVolume} from '../engine/volumes/volumes.js';
import {type Command, CommandError} from './command.js';

const volumeInspect: Command = {
	name: 'volume inspect',
	summary: 'Display detailed information on one or more volumes (docker volume inspect)',
	usage: 'imgscope volume inspect [OPTIONS] VOLUME [VOLUME...]',
	flags: [{name: 'format', short: 'f', type: 'string', valueName: 'string', help: "Format output using a custom template ('json' or a Go template)"}],
	async run(context, parsed) {
		const names = parsed.positionals;
		if (names.length === 0) throw new CommandError("imgscope: 'imgscope volume inspect' requires at least 1 argument\n\nUsage:  imgscope volume inspect [OPTIONS] VOLUME [VOLUME...]", 1);
		const format = (parsed.flags.format as string | undefined) ?? '';
		const check = renderVolumeInspect(format, []);
		if (check.exitCode === 64) {
			context.stderr.write(`${check.errors.join('\n')}\n`);
			return 64;
		}
		const engine = await context.engine();
		const items: VolumeInspectItem[] = await Promise.all(
			names.map(name =>
				inspectVolume(engine, name).then(
					r => ({raw: r.raw}),
					error => ({error: fetchErrorText(error)}),
				),
			),
		);
		const out = renderVolumeInspect(format, items);
		await writeAll(context.stdout, out.stdout);
		if (out.errors.length) context.stderr.write(`${out.errors.join('\n')}\n`);
		return out.exitCode;
	},
};

export default volumeInspect;
