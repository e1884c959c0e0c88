/**
 * The manual page (dist/imgscope.1, written by the build from the command
 * table) against `--help`: the same commands, usages, summaries, and flags
 * with the same help, for imgscope itself and each command.
 */
import {execFileSync, spawnSync} from 'node:child_process';
import {existsSync, readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {beforeAll, describe, expect, it} from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const page = `${root}dist/imgscope.1`;
const help = (...args: string[]) => execFileSync(`${root}bin/imgscope`, [...args, '--help'], {encoding: 'utf8', env: {...process.env, IMGSCOPE_NO_CODE_CACHE: '1'}});

/** roff to the text it shows: font changes dropped, escapes undone. */
const text = (line: string) => line.replace(/\\f[BIRP]/g, '').replace(/\\-/g, '-').replace(/\\e/g, '\\').replace(/\\&/g, '');

interface Section {
	/** The line `imgscope --help` lists. */
	listed?: string;
	usage?: string;
	summary?: string;
	flags: [string, string][];
}

/** .SH OPTIONS as the section "", each .SS under COMMANDS by its name. */
function readManual(roff: string): Map<string, Section> {
	const sections = new Map<string, Section>();
	const lines = roff.split('\n');
	let current: Section | undefined;
	let where = '';
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i];
		if (line.startsWith('.SH ')) {
			where = line.slice(4);
			current = where === 'OPTIONS' ? {flags: []} : undefined;
			if (current) sections.set('', current);
		} else if (where === 'COMMANDS' && line.startsWith('.SS ')) {
			const [name, listed] = text(line.slice(4)).split(' \\(em ');
			current = {flags: [], listed};
			sections.set(name, current);
		} else if (current && line.startsWith('.B ') && where === 'COMMANDS' && current.usage === undefined) {
			current.usage = text(line.slice(3));
		} else if (current && line === '.PP' && current.summary === undefined) {
			current.summary = text(lines[++i]);
		} else if (current && line === '.TP') {
			current.flags.push([text(lines[i + 1]), text(lines[i + 2])]);
			i += 2;
		}
	}
	return sections;
}

/** The rows of --help's Options: names (with the value's name) and help. */
function helpFlags(output: string): [string, string][] {
	const options = output.split('\nOptions:\n')[1] ?? '';
	return options
		.split('\n')
		.filter((line) => /^\s+-/.test(line))
		.map((line) => {
			const [names, ...rest] = line.trim().split(/\s{3,}/);
			return [names, rest.join('   ')] as [string, string];
		});
}

let manual: Map<string, Section>;
beforeAll(() => {
	if (!existsSync(page)) throw new Error('no dist/imgscope.1: npm run build');
	manual = readManual(readFileSync(page, 'utf8'));
});

describe('the manual page', () => {
	it("has imgscope's commands and options as --help lists them", () => {
		const output = help();
		const listed = output
			.split('\nCommands:\n')[1]
			.split('\n\n')[0]
			.split('\n')
			.map((line) => line.trim().split(/\s{3,}/) as [string, string]);
		expect(listed.length).toBeGreaterThan(5);
		// The manual also has a section per subcommand (`volume ls`); --help lists the commands.
		expect([...manual.keys()].filter((name) => name !== '' && !name.includes(' '))).toEqual(listed.map(([name]) => name));
		for (const [name, summary] of listed) expect(manual.get(name)?.listed, name).toBe(summary);
		expect(manual.get('')!.flags).toEqual(helpFlags(output));
	});

	it("has each command's usage, summary and flags as its --help prints them", () => {
		const names = [...manual.keys()].filter((name) => name !== '');
		for (const name of names) {
			const output = help(...name.split(' '));
			const [usageLine, , summary] = output.split('\n');
			const section = manual.get(name)!;
			expect(`Usage:  ${section.usage}`, name).toBe(usageLine);
			expect(section.summary, name).toBe(summary);
			expect(section.flags, name).toEqual(helpFlags(output));
		}
	});

	it('renders with man, without warnings', () => {
		const man = spawnSync('man', ['--warnings', '-l', page], {encoding: 'utf8', env: {...process.env, MANWIDTH: '100', MAN_KEEP_FORMATTING: ''}});
		expect(man.status).toBe(0);
		expect(man.stderr).toBe('');
		expect(man.stdout).toMatch(/^IMGSCOPE\(1\)/);
		for (const name of manual.keys()) if (name) expect(man.stdout).toContain(`imgscope ${name}`);
	});
});
