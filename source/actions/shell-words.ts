/**
 * Splits a line into words the way a POSIX shell does for a simple command,
 * without expansion: the run form's command, and its one-line list fields
 * (`A=1 B="two words"`), are typed as a person would type them after
 * `docker run`. Pure.
 *
 * - whitespace separates words; '' and "" make empty words;
 * - '...' is literal; "..." keeps everything but \" \\ \$ \` and \newline;
 * - a backslash outside quotes makes the next character literal.
 * No $VAR, globbing or operators: nothing runs a shell here, so `$HOME` and
 * `a|b` stay as typed (docker run's exec form does the same).
 */

export type SplitResult = {ok: true; words: string[]} | {ok: false; problem: string};

export function splitShellWords(line: string): SplitResult {
	const words: string[] = [];
	let word = '';
	let inWord = false;
	let i = 0;
	while (i < line.length) {
		const ch = line[i];
		if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
			if (inWord) words.push(word);
			word = '';
			inWord = false;
			i++;
			continue;
		}
		inWord = true;
		if (ch === "'") {
			const end = line.indexOf("'", i + 1);
			if (end < 0) return {ok: false, problem: `unterminated single quote (opened at column ${i + 1})`};
			word += line.slice(i + 1, end);
			i = end + 1;
		} else if (ch === '"') {
			const start = i;
			i++;
			for (;;) {
				if (i >= line.length) return {ok: false, problem: `unterminated double quote (opened at column ${start + 1})`};
				const c = line[i];
				if (c === '"') break;
				if (c === '\\' && i + 1 < line.length && '"\\$`\n'.includes(line[i + 1])) {
					if (line[i + 1] !== '\n') word += line[i + 1];
					i += 2;
					continue;
				}
				word += c;
				i++;
			}
			i++;
		} else if (ch === '\\') {
			if (i + 1 >= line.length) return {ok: false, problem: 'ends with a lone backslash (write \\\\ for a backslash)'};
			if (line[i + 1] !== '\n') word += line[i + 1];
			else if (!word) inWord = false;
			i += 2;
		} else {
			word += ch;
			i++;
		}
	}
	if (inWord) words.push(word);
	return {ok: true, words};
}

/**
 * A form's list field: an array is taken entry by entry (one per line, no
 * splitting); a string is split like a shell line, so entries with spaces
 * are quoted.
 */
export function listEntries(value: string | readonly string[] | undefined): SplitResult {
	if (value === undefined) return {ok: true, words: []};
	// Entries are kept as typed (an env value may end in spaces); blank lines are dropped.
	if (typeof value !== 'string') return {ok: true, words: value.filter((entry) => entry.trim() !== '')};
	return splitShellWords(value);
}
