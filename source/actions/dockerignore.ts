/**
 * .dockerignore with docker's rules (moby/patternmatcher and the
 * dockerignore reader), so the build context holds exactly what
 * `docker build` would send. Pure: the walker in the engine asks
 * `excluded(path)` and `mayIncludeUnder(dir)`.
 *
 * - `#` at the start of a line is a comment; lines are trimmed; a leading
 *   `!` makes an exception; patterns are path-cleaned and lose a leading `/`.
 * - `*` is any run of non-`/`, `?` one non-`/`, `**` any number of
 *   directories, `[...]` a class, `\` escapes.
 * - A pattern also matches everything under a directory it matches.
 * - The last pattern that matches decides.
 */
import path from 'node:path/posix';

interface Pattern {
	text: string;
	exclusion: boolean;
	regex: RegExp;
}

export function readDockerignore(content: string): string[] {
	const patterns: string[] = [];
	const lines = content.replace(/^\uFEFF/, '').split(/\r?\n/);
	for (const raw of lines) {
		if (raw.startsWith('#')) continue;
		let pattern = raw.trim();
		if (!pattern) continue;
		const invert = pattern.startsWith('!');
		if (invert) pattern = pattern.slice(1).trim();
		if (pattern) {
			pattern = path.normalize(pattern).replace(/\/+$/, '') || '/';
			if (pattern.length > 1 && pattern.startsWith('/')) pattern = pattern.slice(1);
		}
		patterns.push(invert ? `!${pattern}` : pattern);
	}
	return patterns;
}

function compile(pattern: string): RegExp {
	let regex = '^';
	for (let i = 0; i < pattern.length; i++) {
		const ch = pattern[i];
		if (ch === '*') {
			if (pattern[i + 1] === '*') {
				i++;
				// "**/" is "**": the slash is eaten.
				if (pattern[i + 1] === '/') i++;
				regex += i + 1 >= pattern.length ? '.*' : '(.*/)?';
			} else {
				regex += '[^/]*';
			}
		} else if (ch === '?') {
			regex += '[^/]';
		} else if ('.+()|{}$'.includes(ch) || (ch === '^' && pattern[i - 1] !== '[')) {
			regex += `\\${ch}`;
		} else if (ch === '\\') {
			regex += i + 1 < pattern.length ? `\\${pattern[++i]}` : '\\\\';
		} else if (ch === '[' && pattern[i + 1] === '!') {
			// filepath.Match negates a class with "^" only; keep "!" literal as Go does.
			regex += '[\\!';
			i++;
		} else {
			regex += ch;
		}
	}
	return new RegExp(`${regex}$`, 's');
}

export class DockerIgnore {
	private readonly patterns: Pattern[];
	readonly hasExceptions: boolean;

	constructor(patternTexts: readonly string[]) {
		this.patterns = [];
		for (const raw of patternTexts) {
			const exclusion = raw.startsWith('!');
			const text = path.normalize(exclusion ? raw.slice(1) : raw);
			if (exclusion && !raw.slice(1)) throw new Error('invalid .dockerignore: illegal exception pattern "!"');
			let regex: RegExp;
			try {
				regex = compile(text);
			} catch {
				throw new Error(`invalid .dockerignore pattern "${raw}": not a valid pattern`);
			}
			this.patterns.push({text, exclusion, regex});
		}
		this.hasExceptions = this.patterns.some((p) => p.exclusion);
	}

	static fromFile(content: string): DockerIgnore {
		return new DockerIgnore(readDockerignore(content));
	}

	/** Whether a context-relative path ("a/b/c", slash-separated) is left out. */
	excluded(file: string): boolean {
		const parent = path.dirname(file);
		const parentDirs = parent === '.' ? [] : parent.split('/');
		let matched = false;
		for (const pattern of this.patterns) {
			// An exception only matters once something matched, an exclusion only while nothing has.
			if (pattern.exclusion !== matched) continue;
			let match = pattern.regex.test(file);
			for (let i = 0; !match && i < parentDirs.length; i++) match = pattern.regex.test(parentDirs.slice(0, i + 1).join('/'));
			if (match) matched = !pattern.exclusion;
		}
		return matched;
	}

	/**
	 * For an excluded directory: whether an exception could bring back
	 * something under it, so the walk must go in (the same prefix test as
	 * docker's archive.TarWithOptions).
	 */
	mayIncludeUnder(dir: string): boolean {
		const dirSlash = `${dir}/`;
		return this.patterns.some((p) => p.exclusion && `${p.text}/`.startsWith(dirSlash));
	}
}
