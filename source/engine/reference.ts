import {EngineError} from './errors.js';

/**
 * Image references go into the path as docker's CLI sends them: slashes
 * kept. What could not be a reference and would change the path (empty,
 * empty segments, `.` and `..`) is refused before any request: the engine's
 * router would clean `/images/../../containers/json/json` into another API.
 */
export function encodeRef(ref: string): string {
	const problem = referenceProblem(ref);
	if (problem) throw new EngineError('invalid', `invalid reference ${JSON.stringify(ref)}: ${problem}`);
	return ref.split('/').map(encodeURIComponent).join('/');
}

export function referenceProblem(ref: string): string | undefined {
	if (ref === '') return 'an image reference cannot be empty';
	if (ref.trim() === '') return 'an image reference cannot be blank';
	for (const segment of ref.split('/')) {
		if (segment === '') return 'a reference has no empty path components (a leading, trailing or double "/")';
		if (segment === '.' || segment === '..') return `a path component cannot be "${segment}"`;
	}
	return undefined;
}
