/** `imgscope volume create [-d DRIVER] [--label K=V] [-o K=V] [VOLUME]`: `docker volume create`; prints the name. */
import {writeAll} from '../docker/host.js';
import {createVolume} from '../engine/volumes/volumes.js';
import {type Command, CommandError, fetched} from './command.js';

/** opts.ConvertKVStringsToMap: `k=v`, or `k` for an empty value. */
export function keyValues(list: string[]): Record<string, string> {
	const out: Record<string, string> = {};
	for (const item of list) {
		const eq = item.indexOf('=');
		if (eq < 0) out[item] = '';
		else out[item.slice(0, eq)] = item.slice(eq + 1);
	}
	return out;
}

const volumeCreate: Command = {
	name: 'volume create',
	summary: 'Create a volume (docker volume create)',
	usage: 'imgscope volume create [OPTIONS] [VOLUME]',
	flags: [
		{name: 'driver', short: 'd', type: 'string', valueName: 'string', help: 'Specify volume driver name', default: 'local'},
		{name: 'label', type: 'list', valueName: 'list', help: 'Set metadata for a volume'},
		{name: 'name', type: 'string', valueName: 'string', help: 'Specify volume name'},
		{name: 'opt', short: 'o', type: 'list', valueName: 'map', help: 'Set driver specific options'},
	],
	async run(context, parsed) {
		if (parsed.positionals.length > 1) throw new CommandError("imgscope: 'imgscope volume create' requires at most 1 argument\n\nUsage:  imgscope volume create [OPTIONS] [VOLUME]", 1);
		let name = (parsed.flags.name as string | undefined) ?? '';
		if (parsed.positionals.length === 1) {
			if (name !== '') throw new CommandError('conflicting options: cannot specify a volume-name through both --name and as a positional arg', 1);
			name = parsed.positionals[0];
		}
		for (const label of (parsed.flags.label as string[]) ?? []) {
			// opts.ValidateLabel, a flag value error (exit 125 as docker's).
			const key = label.split('=')[0];
			if (key === '') throw new CommandError(`invalid argument "${label}" for "--label" flag: invalid label '${label}': empty name`, 125);
			if (/[ \t]/.test(key)) throw new CommandError(`invalid argument "${label}" for "--label" flag: label '${key}' contains whitespaces`, 125);
		}
		for (const opt of (parsed.flags.opt as string[]) ?? []) {
			if (!opt.includes('=')) throw new CommandError(`invalid argument "${opt}" for "-o, --opt" flag: bad format for key-value pair`, 125);
		}
		const engine = await context.engine();
		const created = await fetched(
			createVolume(engine, {
				name,
				driver: parsed.flags.driver as string,
				labels: keyValues((parsed.flags.label as string[]) ?? []),
				driverOptions: keyValues((parsed.flags.opt as string[]) ?? []),
			}),
		);
		await writeAll(context.stdout, `${created.Name}\n`);
		return 0;
	},
};

export default volumeCreate;
