import {describe, expect, it} from 'vitest';
import {parseArgs, UsageError, type FlagSpec} from '../../source/cli/args.js';

const specs: FlagSpec[] = [
	{name: 'format', short: 'f', type: 'string', help: ''},
	{name: 'all', short: 'a', type: 'bool', help: ''},
	{name: 'quiet', short: 'q', type: 'bool', help: ''},
	{name: 'human', short: 'H', type: 'bool', help: '', default: true},
	{name: 'filter', type: 'list', help: ''},
];

describe('parseArgs', () => {
	it('reads docker-style flags', () => {
		const parsed = parseArgs(['-aq', '--format={{.ID}}', 'img', '--filter', 'a=b', '--filter=c=d', '-H=false'], specs);
		expect(parsed.flags).toMatchObject({all: true, quiet: true, format: '{{.ID}}', filter: ['a=b', 'c=d'], human: false});
		expect(parsed.positionals).toEqual(['img']);
	});
	it('takes a value glued to a short flag or in the next argument', () => {
		expect(parseArgs(['-f{{.ID}}'], specs).flags.format).toBe('{{.ID}}');
		expect(parseArgs(['-f', '{{.ID}}'], specs).flags.format).toBe('{{.ID}}');
		expect(parseArgs(['-af', 'x'], specs).flags).toMatchObject({all: true, format: 'x'});
	});
	it('stops at --', () => {
		expect(parseArgs(['--', '-a'], specs).positionals).toEqual(['-a']);
	});
	it.each([[['--bogus']], [['-z']], [['--format']], [['--all=maybe']]])('rejects %j as a usage error', (argv) => {
		expect(() => parseArgs(argv, specs)).toThrow(UsageError);
	});
	it('keeps defaults', () => {
		expect(parseArgs([], specs).flags).toMatchObject({human: true, filter: []});
	});
});
