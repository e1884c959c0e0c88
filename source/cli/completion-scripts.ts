/**
 * The shell completion scripts, made from the command table (pure). The
 * subcommands, their flags and what their operands name are written into
 * the script; image, container, volume and context names are asked for
 * when Tab is pressed, through `imgscope __complete KIND` (complete.ts),
 * with the -H/--context the command line has so far.
 */
import type {FlagSpec} from './args.js';
import type {CommandTable, OperandKind, TableCommand} from './command-table-types.js';
import {versionFlag} from './global.js';

/** Each command under every name it answers to ("ps", "containers"), and each subcommand as "volume ls". */
function keyed(table: CommandTable): {keys: string[]; command: TableCommand}[] {
	const out: {keys: string[]; command: TableCommand}[] = [];
	for (const command of table.commands) {
		const names = [command.name, ...command.aliases];
		out.push({keys: names, command});
		for (const sub of command.subcommands) out.push({keys: names.flatMap((name) => [sub.name, ...sub.aliases].map((subName) => `${name} ${subName}`)), command: sub});
	}
	return out;
}

const flagWords = (flags: FlagSpec[]) => flags.flatMap((flag) => [`--${flag.name}`, ...(flag.short ? [`-${flag.short}`] : [])]);
const valueFlagWords = (flags: FlagSpec[]) => flagWords(flags.filter((flag) => flag.type !== 'bool'));
const operandKind: Record<OperandKind, string> = {image: 'images', container: 'containers', volume: 'volumes', file: 'files'};

/** A sh `case` over command keys printing one value each (the scripts' tables). */
function caseTable(entries: {keys: string[]; command: TableCommand}[], value: (command: TableCommand) => string, indent: string): string {
	const rows = entries.map(({keys, command}) => `${indent}\t${keys.map((key) => `'${key}'`).join('|')}) echo '${value(command)}' ;;`);
	return [`${indent}case $1 in`, ...rows, `${indent}esac`].join('\n');
}

/** The tables and the scan of the words before the cursor, in sh that bash and zsh both run. */
function shared(table: CommandTable): string {
	const entries = keyed(table);
	const globals = [...table.globalFlags, versionFlag];
	return `_imgscope_commands() {
${caseTable([{keys: [''], command: {subcommands: table.commands} as TableCommand}, ...entries], (command) => command.subcommands.flatMap((sub) => [sub.name, ...sub.aliases]).join(' '), '\t')}
}
_imgscope_flags() {
${caseTable(entries, (command) => flagWords(command.flags).join(' '), '\t')}
}
_imgscope_value_flags() {
${caseTable(entries, (command) => valueFlagWords(command.flags).join(' '), '\t')}
}
_imgscope_operands() {
${caseTable(entries, (command) => [...command.operands.map((kind) => operandKind[kind]), ...command.choices.map((word) => `=${word}`)].join(' '), '\t')}
}
_imgscope_global_flags() { echo '${flagWords(globals).join(' ')}'; }
_imgscope_global_value_flags='${valueFlagWords(globals).join(' ')}'

# _imgscope_scan WORD...: the words before the one being completed. Sets
# _imgscope_key (the command, or "command subcommand"), _imgscope_prev (the
# last word) and _imgscope_engine (the -H/--context flags, for __complete).
_imgscope_scan() {
	_imgscope_key='' _imgscope_prev='' _imgscope_engine=''
	local word skip=''
	shift # the program's own name
	for word in "$@"; do
		_imgscope_prev=$word
		if [ -n "$skip" ]; then
			[ "$skip" = engine ] && _imgscope_engine="$_imgscope_engine '$word'"
			skip=''
			continue
		fi
		case $word in
			-H|--host|--context) _imgscope_engine="$_imgscope_engine '$word'"; skip=engine; continue ;;
			--host=*|--context=*) _imgscope_engine="$_imgscope_engine '$word'"; continue ;;
			--*=*) continue ;;
			-*)
				case " $_imgscope_global_value_flags $(_imgscope_value_flags "$_imgscope_key") " in *" $word "*) skip=value ;; esac
				continue ;;
		esac
		if [ -z "$_imgscope_key" ]; then
			_imgscope_key=$word
		elif [ -n "$(_imgscope_commands "$_imgscope_key")" ] && case " $(_imgscope_commands "$_imgscope_key") " in *" $word "*) true ;; *) false ;; esac; then
			_imgscope_key="$_imgscope_key $word"
		fi
	done
	[ -n "$skip" ] || _imgscope_prev=''
}

# _imgscope_words CURRENT: the candidates, one a line ("<files>" for file names).
_imgscope_words() {
	local cur=$1 kind
	case $_imgscope_prev in
		--archive) echo '<files>'; return ;;
		--context) command imgscope __complete contexts 2>/dev/null; return ;;
		-*) return ;; # a value nothing can guess
	esac
	case $cur in
		-*)
			printf '%s\\n' $(_imgscope_global_flags) $(_imgscope_flags "$_imgscope_key")
			return ;;
	esac
	if [ -z "$_imgscope_key" ]; then
		printf '%s\\n' $(_imgscope_commands '')
		# imgscope IMAGE opens that image: its names once something is typed.
		[ -n "$cur" ] && eval "command imgscope $_imgscope_engine __complete images" 2>/dev/null
		return
	fi
	if [ -n "$(_imgscope_commands "$_imgscope_key")" ]; then
		printf '%s\\n' $(_imgscope_commands "$_imgscope_key")
		return
	fi
	for kind in $(_imgscope_operands "$_imgscope_key"); do
		case $kind in
			files) echo '<files>' ;;
			'='*) echo "\${kind#=}" ;;
			*) eval "command imgscope $_imgscope_engine __complete $kind" 2>/dev/null ;;
		esac
	done
}`;
}

export function bashScript(table: CommandTable): string {
	return `# imgscope completion for bash. Load it with
#   source <(imgscope completion bash)
# in ~/.bashrc, or keep it as ~/.local/share/bash-completion/completions/imgscope.
${shared(table)}

_imgscope() {
	# The line up to the cursor, split on blanks only (bash's own words split at : and =, as in repo:tag).
	local line=\${COMP_LINE:0:COMP_POINT} cur='' word
	local -a words
	read -ra words <<<"$line"
	if [[ $line != *[[:space:]] && \${#words[@]} -gt 0 ]]; then
		cur=\${words[\${#words[@]}-1]}
		unset 'words[\${#words[@]}-1]'
	fi
	_imgscope_scan "\${words[@]}"
	COMPREPLY=()
	while IFS= read -r word; do
		if [[ $word == '<files>' ]]; then
			local file
			while IFS= read -r file; do COMPREPLY+=("$file"); done < <(compgen -f -- "$cur")
		elif [[ $word == "$cur"* ]]; then
			COMPREPLY+=("$word")
		fi
	done < <(_imgscope_words "$cur")
	# bash replaces only what follows the word's last : (COMP_WORDBREAKS).
	if [[ $cur == *:* && $COMP_WORDBREAKS == *:* ]]; then
		local colon=\${cur%"\${cur##*:}"} i
		for i in "\${!COMPREPLY[@]}"; do COMPREPLY[i]=\${COMPREPLY[i]#"$colon"}; done
	fi
}
complete -o default -o bashdefault -F _imgscope imgscope
`;
}

export function zshScript(table: CommandTable): string {
	const described = table.commands.map((command) => shQuote(`${describeName(command.name)}:${command.summary.replace(/:/g, '\\:')}`));
	return `#compdef imgscope
# imgscope completion for zsh. Load it with
#   source <(imgscope completion zsh)
# in ~/.zshrc after compinit, or keep it as _imgscope in a directory of $fpath.
${shared(table)}

_imgscope() {
	_imgscope_scan "\${(@)words[1,CURRENT-1]}"
	local cur=\${words[CURRENT]}
	local -a names
	names=(\${(f)"$(_imgscope_words "$cur")"})
	if (( \${names[(I)<files>]} )); then
		names=(\${names:#<files>})
		_files
	fi
	if [[ -z $_imgscope_key && $cur != -* && -z $_imgscope_prev ]]; then
		local -a described
		described=(${described.join(' ')})
		_describe -t commands 'imgscope command' described
		names=(\${names:|described})
		names=(\${names:#(${table.commands.flatMap((command) => [command.name, ...command.aliases]).join('|')})})
	fi
	(( \${#names} )) && compadd -Q -- "\${names[@]}"
	return 0
}

if [ "$funcstack[1]" = _imgscope ]; then
	_imgscope "$@"
else
	compdef _imgscope imgscope
fi
`;
}

export function fishScript(table: CommandTable): string {
	const lines = ['# imgscope completion for fish. Load it with', '#   imgscope completion fish | source', '# or keep it as ~/.config/fish/completions/imgscope.fish.', 'complete -c imgscope -f'];
	const flag = (spec: FlagSpec, condition: string) => {
		const parts = ['complete -c imgscope'];
		if (condition) parts.push(`-n '${condition}'`);
		if (spec.short) parts.push(`-s ${spec.short}`);
		parts.push(`-l ${spec.name}`);
		if (spec.type !== 'bool') parts.push(spec.name === 'archive' ? '-r -F' : spec.name === 'context' ? "-x -a '(imgscope __complete contexts 2>/dev/null)'" : '-x');
		parts.push(`-d '${escapeQuote(spec.help)}'`);
		return parts.join(' ');
	};
	for (const spec of [...table.globalFlags, versionFlag]) lines.push(flag(spec, ''));
	for (const command of table.commands) lines.push(`complete -c imgscope -n '__fish_use_subcommand' -a '${command.name}' -d '${escapeQuote(command.summary)}'`);
	lines.push("complete -c imgscope -n '__fish_use_subcommand' -a '(imgscope __complete images 2>/dev/null)'");
	for (const command of table.commands) {
		const seen = `__fish_seen_subcommand_from ${[command.name, ...command.aliases].join(' ')}`;
		for (const spec of command.flags) lines.push(flag(spec, seen));
		for (const sub of command.subcommands) {
			lines.push(`complete -c imgscope -n '${seen}' -a '${sub.name}' -d '${escapeQuote(sub.summary)}'`);
			for (const spec of sub.flags) lines.push(flag(spec, `${seen}; and __fish_seen_subcommand_from ${sub.name}`));
		}
		if (command.choices.length) lines.push(`complete -c imgscope -n '${seen}' -a '${command.choices.join(' ')}'`);
		for (const kind of command.operands) {
			lines.push(kind === 'file' ? `complete -c imgscope -n '${seen}' -F` : `complete -c imgscope -n '${seen}' -a '(imgscope __complete ${operandKind[kind]} 2>/dev/null)'`);
		}
	}
	return `${lines.join('\n')}\n`;
}

/** sh single quotes: a ' inside is closed, escaped and opened again. */
const shQuote = (text: string) => `'${text.replace(/'/g, "'\\''")}'`;
/** fish single quotes take \\ and \' inside. */
const escapeQuote = (text: string) => text.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
const describeName = (name: string) => name.replace(/:/g, '\\:');
