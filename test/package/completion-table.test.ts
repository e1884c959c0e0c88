/**
 * The completion scripts and the manual page are made from the command
 * table alone: a command added with subcommands of its own (as `volume ls`
 * will be) shows in both with no other edit. A table with such a command,
 * and the bash script made from it run by bash.
 */
import {spawnSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import type {CommandTable} from '../../source/cli/command-table-types.js';
import {operandKinds} from '../../source/cli/command-table.js';
import {bashScript} from '../../source/cli/completion-scripts.js';
import {globalFlags} from '../../source/cli/global.js';
import {manualPage} from '../../source/cli/manual.js';

const table: CommandTable = {
	globalFlags,
	commands: [
		{name: 'ls', aliases: ['images'], summary: 'List images', description: 'List images', usage: 'imgscope ls [OPTIONS] [REPOSITORY[:TAG]]', flags: [{name: 'quiet', short: 'q', type: 'bool', help: 'IDs'}], operands: ['image'], choices: [], subcommands: []},
		{
			name: 'volume',
			aliases: [],
			summary: 'Manage volumes',
			description: 'Manage volumes',
			usage: 'imgscope volume COMMAND',
			flags: [],
			operands: [],
			choices: [],
			subcommands: [
				{name: 'ls', aliases: [], summary: 'List volumes', description: 'List volumes', usage: 'imgscope volume ls [OPTIONS]', flags: [{name: 'format', type: 'string', help: 'Template'}, {name: 'quiet', short: 'q', type: 'bool', help: 'Names only'}], operands: [], choices: [], subcommands: []},
				{name: 'inspect', aliases: [], summary: 'Inspect volumes', description: 'Inspect volumes', usage: 'imgscope volume inspect [OPTIONS] VOLUME [VOLUME...]', flags: [], operands: ['volume'], choices: [], subcommands: []},
			],
		},
	],
};

/** COMPREPLY for the line, from the script made of the table (no engine is asked: these need none). */
function complete(line: string): string[] {
	const script = bashScript(table);
	const run = spawnSync('bash', ['--norc', '--noprofile', '-c', `${script}\nCOMP_LINE=$1; COMP_POINT=\${#COMP_LINE}; _imgscope; printf '%s\\n' "\${COMPREPLY[@]}"`, 'bash', line], {encoding: 'utf8', env: {PATH: '/usr/bin:/bin', HOME: '/nonexistent'}});
	expect(run.stderr).toBe('');
	return run.stdout.split('\n').filter(Boolean);
}

describe('a command with subcommands, from the table alone', () => {
	it('completes its subcommands, then their flags', () => {
		expect(complete('imgscope vol')).toEqual(['volume']);
		expect(complete('imgscope volume ')).toEqual(['ls', 'inspect']);
		expect(complete('imgscope volume ls --')).toEqual(['--host', '--context', '--archive', '--no-cache', '--ascii', '--help', '--version', '--format', '--quiet']);
		expect(complete('imgscope volume ls --format {{.Name}} -')).toContain('-q');
		// An alias answers as its command.
		expect(complete('imgscope images -')).toContain('-q');
	});

	it('is in the manual page, with its subcommands', () => {
		const page = manualPage(table, '0.0.0');
		expect(page).toContain('.SS volume \\(em Manage volumes');
		expect(page).toContain('.SS volume ls \\(em List volumes');
		expect(page).toContain('.B imgscope volume inspect [OPTIONS] VOLUME [VOLUME...]');
	});

	it('reads what the operands name from the usage', () => {
		expect(operandKinds('imgscope volume inspect [OPTIONS] VOLUME [VOLUME...]')).toEqual(['volume']);
		expect(operandKinds('imgscope diff [OPTIONS] IMAGE_A IMAGE_B')).toEqual(['image']);
		expect(operandKinds('imgscope container logs CONTAINER')).toEqual(['container']);
		expect(operandKinds('imgscope volume export NAME FILE')).toEqual(['file']);
		expect(operandKinds('imgscope ps [OPTIONS]')).toEqual([]);
	});
});
