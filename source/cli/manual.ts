/**
 * The manual page, imgscope.1, made from the command table (pure): the
 * same commands, usages, summaries and flags as `--help` prints. The build
 * writes it to dist/imgscope.1 (scripts/build.mjs); test/package compares it
 * with --help.
 */
import type {FlagSpec} from './args.js';
import type {CommandTable, TableCommand} from './command-table-types.js';
import {versionFlag} from './global.js';

/** roff text: backslashes, and a . or ' that would start a request, made literal. */
export function roff(text: string): string {
	return text.replace(/\\/g, '\\e').replace(/-/g, '\\-').replace(/^([.'])/gm, '\\&$1');
}

function flagItem(flag: FlagSpec): string {
	const names = `${flag.short ? `\\fB${roff(`-${flag.short}`)}\\fR, ` : ''}\\fB${roff(`--${flag.name}`)}\\fR${flag.type === 'bool' ? '' : ` \\fI${roff(flag.valueName ?? 'string')}\\fR`}`;
	return `.TP\n${names}\n${roff(flag.help)}`;
}

function commandSection(command: TableCommand): string[] {
	const lines = [`.SS ${roff(command.name)} \\(em ${roff(command.summary)}`, `.B ${roff(command.usage)}`, '.PP', roff(command.description)];
	if (command.aliases.length) lines.push('.PP', `Also \\fBimgscope ${command.aliases.map(roff).join('\\fR, \\fBimgscope ')}\\fR.`);
	if (command.flags.length) lines.push('.RS', ...command.flags.map(flagItem), '.RE');
	for (const sub of command.subcommands) lines.push(...commandSection({...sub, name: `${command.name} ${sub.name}`}));
	return lines;
}

export function manualPage(table: CommandTable, version: string): string {
	return [
		`.TH IMGSCOPE 1 "" "imgscope ${roff(version)}" "User Commands"`,
		'.SH NAME',
		'imgscope \\- explore container images in the terminal, or print what docker would',
		'.SH SYNOPSIS',
		'.B imgscope',
		'[\\fIOPTIONS\\fR] [\\fICOMMAND\\fR]',
		'.br',
		'.B imgscope',
		'[\\fIOPTIONS\\fR] \\fIIMAGE\\fR',
		'.SH DESCRIPTION',
		'Run with no command in a terminal for the explorer: the images on the engine, their layers, history, inspect JSON and files, with actions (tag, run, push, pull, build, remove).',
		'Given a local image instead of a command, the explorer opens on that image.',
		'With a command, imgscope prints plain text for pipes and scripts; where docker has the same command, the output is the docker CLI\'s, byte for byte.',
		'Press \\fB?\\fR in the explorer for its keys.',
		'.SH OPTIONS',
		...[...table.globalFlags, versionFlag].map(flagItem),
		'.SH COMMANDS',
		...table.commands.flatMap((command) => commandSection(command)),
		'.SH ENVIRONMENT',
		'.TP\n.B DOCKER_HOST, DOCKER_CONTEXT, DOCKER_CONFIG, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH\nWhich engine, as the docker CLI reads them (after \\fB\\-H\\fR and \\fB\\-\\-context\\fR).',
		'.TP\n.B NO_COLOR\nNo colour in the explorer.',
		'.TP\n.B XDG_CACHE_HOME\nThe code cache goes in \\fI$XDG_CACHE_HOME/imgscope\\fR (default \\fI~/.cache/imgscope\\fR).',
		'.TP\n.B XDG_STATE_HOME\nThe format box\'s template history goes in \\fI$XDG_STATE_HOME/imgscope/format\\-history\\fR (default \\fI~/.local/state/imgscope\\fR).',
		'.TP\n.B IMGSCOPE_NO_CODE_CACHE\nSet: no code cache is read or written.',
		'.SH EXIT STATUS',
		'0 on success; 1 when the command failed (as docker\'s); 2 for a usage error (an unknown command, flag or image, a missing argument); \\fBcheck\\fR exits 1 when a rule fails.',
		'.SH SEE ALSO',
		'.BR docker (1)',
		'',
	].join('\n');
}
