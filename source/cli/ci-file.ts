/**
 * The CI rules file `check` reads (the I/O half of config/dive-ci.ts): the
 * one `--ci-config` names, which must exist, or else `./.dive-ci` when there
 * is one, as dive finds it. A file that cannot be read or parsed is a usage
 * error (exit 2) naming the file and the line.
 */
import {readFileSync} from 'node:fs';
import {DiveCiError, parseDiveCi, type DiveRules} from '../config/dive-ci.js';
import {UsageError} from './args.js';

export interface CiFile {
	path: string;
	rules: DiveRules;
}

export const defaultCiFile = '.dive-ci';

export function readCiFile(given: string | undefined): CiFile | undefined {
	const path = given ?? defaultCiFile;
	let text: string;
	try {
		text = readFileSync(path, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		// dive reads ./.dive-ci only when it is there; a file named on the command line must be.
		if (given === undefined && code === 'ENOENT') return undefined;
		const why = code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : (error as Error).message;
		throw new UsageError(`cannot read the CI config ${JSON.stringify(path)}: ${why}`, 'check');
	}
	try {
		return {path, rules: parseDiveCi(text)};
	} catch (error) {
		if (!(error instanceof DiveCiError)) throw error;
		throw new UsageError(`${path}${error.line ? `:${error.line}` : ''}: ${error.message}`, 'check');
	}
}
