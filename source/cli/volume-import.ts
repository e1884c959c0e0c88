/**
 * `imgscope volume import [--force] FILE VOLUME`: a tar (or .tar.gz) into a
 * new volume (made for it, removed again if the import fails) or an empty
 * one; a volume with files only with --force. The tar is read whole first and
 * refused, before anything is written, if an entry would land outside the
 * volume.
 */
import {bytesSize} from '../format/units.js';
import {importVolume} from '../engine/volumes/backup.js';
import {type Command, CommandError} from './command.js';
import {keyValues} from './volume-create.js';
import {failure, progressLine} from './volume-progress.js';

const volumeImport: Command = {
	name: 'volume import',
	summary: 'Fill a new or empty volume from a tar',
	usage: 'imgscope volume import [OPTIONS] FILE VOLUME',
	flags: [
		{name: 'force', short: 'f', type: 'bool', help: 'Import into a volume that already holds files'},
		{name: 'label', type: 'list', valueName: 'list', help: 'Labels for a volume made for the import'},
	],
	async run(context, parsed) {
		if (parsed.positionals.length !== 2) throw new CommandError("imgscope: 'imgscope volume import' requires 2 arguments\n\nUsage:  imgscope volume import [OPTIONS] FILE VOLUME", 1);
		const [file, volume] = parsed.positionals;
		const engine = await context.engine();
		const progress = progressLine(context.stderr);
		try {
			const result = await importVolume(engine, file, volume, {
				intoNonEmpty: Boolean(parsed.flags.force),
				labels: keyValues((parsed.flags.label as string[]) ?? []),
				onProgress: (sent, total) => progress(`importing into ${volume}: ${bytesSize(sent)} of ${bytesSize(total)}`),
			});
			progress();
			context.stderr.write(`imported ${file} into ${result.created ? 'new ' : ''}volume ${volume}: ${result.entries} entries, ${bytesSize(result.bytes)} of tar\n`);
			return 0;
		} catch (error) {
			progress();
			throw failure(error);
		}
	},
};

export default volumeImport;
