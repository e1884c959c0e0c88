// The grammar's terminals: text between actions, literals of every kind Go's
// lexer takes, printf verbs and flags, and the functions with their argument kinds.
import type {Kind} from './commands.js';

export const TEXTS = ['a', ' ', '  ', '|', ',', '\n', '\t', '\\t', '\\n', 'x y', 'é', '中文', ':', '-', '=', '"', '<b>&', ' \\t ', 'table', '%d', '{', '}'];
export const STRINGS = ['""', '"a"', '"x,y"', '":"', '","', '"-"', '" "', '"sha256"', '"linux"', '"%s"', '"a\\tb"', '"\\n"', '"é"', '"<a&b>"', '"it\'s"',
	'"\\u2028"', '"\\x41"', '"中文"', '`raw`', '`a\\nb`', '"1"', '"0"', '"fixture/app"', '"straße"', '"ǆ"', '"a b c"', '"maintainer"', '"8080/tcp"',
	'"org.opencontainers.image.title"', '"Os"', '"Id"', '"Config"'];
export const INTS = ['0', '1', '2', '3', '5', '7', '12', '-1', '-3', '0x10', '0o7', '0b11', '1_000', '255', '65', '9731', "'a'", "'\\n'", '18446744073709551615', '-9223372036854775808'];
export const FLOATS = ['1.5', '0.5', '2.5', '-0.0', '1e3', '1e-7', '1e21', '0x1p4', '3.14159', '.5', '1.', '1e308', '0x1.8p1', '123456789.125', '1_0.5', '0777', "'\\x41'", "'é'", "'\\u00e9'"];
export const OTHERS = ['true', 'false', 'nil', '1i', '2.5i'];
export const VERBS = 'vdsqxXoObcUeEfFgGtTp%';
export const FLAGS = ['', '', '', '-', '+', '#', '0', ' ', '-0', '+#'];

export type FnSpec = {name: string; args: (Kind | '*' | 'fmt')[]; variadic?: Kind | '*'};
export const FUNCS: FnSpec[] = [
	{name: 'json', args: ['*']}, {name: 'split', args: ['s', 's']}, {name: 'join', args: ['l', 's']}, {name: 'title', args: ['s']},
	{name: 'lower', args: ['s']}, {name: 'upper', args: ['s']}, {name: 'pad', args: ['s', 'n', 'n']}, {name: 'truncate', args: ['s', 'n']},
	{name: 'and', args: ['*'], variadic: '*'}, {name: 'or', args: ['*'], variadic: '*'}, {name: 'not', args: ['*']}, {name: 'len', args: ['*']},
	{name: 'index', args: ['*'], variadic: '*'}, {name: 'slice', args: ['*'], variadic: 'n'}, {name: 'print', args: [], variadic: '*'},
	{name: 'printf', args: ['fmt'], variadic: '*'}, {name: 'println', args: [], variadic: '*'}, {name: 'eq', args: ['*', '*'], variadic: '*'},
	{name: 'ne', args: ['*', '*']}, {name: 'lt', args: ['*', '*']}, {name: 'le', args: ['*', '*']}, {name: 'gt', args: ['*', '*']},
	{name: 'ge', args: ['*', '*']}, {name: 'html', args: ['*'], variadic: '*'}, {name: 'js', args: ['*'], variadic: '*'},
	{name: 'urlquery', args: ['*'], variadic: '*'}, {name: 'call', args: ['*'], variadic: '*'},
];
