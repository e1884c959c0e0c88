/**
 * `imgscope volume export VOLUME FILE`: the volume's files as a tar (gzipped
 * when FILE ends in .gz or .tgz), read through a helper container; progress
 * in bytes on stderr when it is a terminal. Nothing is left under FILE when
 * it fails.
 */
import {bytesSize} from '../format/units.js';
import {exportVolume} from '../engine/volumes/backup.js';
import {type Command, CommandError} from './command.js';
import {failure, progressLine} from './volume-progress.js';

const volumeExport: Command = {
	name: 'volume export',
	summary: "Write a volume's files to a .tar or .tar.gz file",
	usage: 'imgscope volume export [OPTIONS] VOLUME FILE',
	flags: [{name: 'gzip', short: 'z', type: 'bool', help: 'Compress with gzip (the default for a FILE ending in .gz or .tgz)'}],
	async run(context, parsed) {
		if (parsed.positionals.length !== 2) throw new CommandError("imgscope: 'imgscope volume export' requires 2 arguments\n\nUsage:  imgscope volume export [OPTIONS] VOLUME FILE", 1);
		const [volume, file] = parsed.positionals;
		const engine = await context.engine();
		const progress = progressLine(context.stderr);
		try {
			const result = await exportVolume(engine, volume, file, {
				gzip: parsed.flags.gzip ? true : undefined,
				onProgress: bytes => progress(`exporting ${volume}: ${bytesSize(bytes)}`),
				onInUse: running =>
					context.stderr.write(
						`imgscope: volume ${volume} is in use by running ${running.length === 1 ? 'container' : 'containers'} ${[...new Set(running.map(r => r.name))].join(', ')}: files written during the copy may be caught mid-change (each file is read once, whole)\n`,
					),
			});
			progress();
			context.stderr.write(`exported ${volume} to ${file}: ${result.entries} entries, ${bytesSize(result.tarBytes)} of tar${result.fileBytes !== result.tarBytes ? `, ${bytesSize(result.fileBytes)} written` : ''}\n`);
			return 0;
		} catch (error) {
			progress();
			throw failure(error);
		}
	},
};

export default volumeExport;
