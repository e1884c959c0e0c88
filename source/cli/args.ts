/**
 * A small docker-style flag parser: `-f X`, `--format X`, `--format=X`,
 * grouped short booleans (`-aq`), `--flag=false` for booleans, repeatable
 * flags, and `--` to end flags. Unknown flags are usage errors (exit 2).
 */

export interface FlagSpec {
	name: string;
	short?: string;
	/** 'bool' takes no value (but accepts =true/=false); 'string' takes one; 'list' repeats. */
	type: 'bool' | 'string' | 'list';
	help: string;
	valueName?: string;
	default?: string | boolean;
}

export interface Parsed {
	flags: Record<string, string | boolean | string[] | undefined>;
	positionals: string[];
}

export class UsageError extends Error {
	constructor(
		message: string,
		readonly command?: string,
	) {
		super(message);
	}
}

export function parseArgs(argv: string[], specs: FlagSpec[], options: {command?: string; stopAtFirstPositional?: boolean} = {}): Parsed {
	const flags: Parsed['flags'] = {};
	for (const spec of specs) {
		flags[spec.name] = spec.type === 'list' ? [] : spec.default;
	}
	const positionals: string[] = [];
	const byLong = new Map(specs.map((spec) => [spec.name, spec]));
	const byShort = new Map(specs.filter((spec) => spec.short).map((spec) => [spec.short!, spec]));
	const set = (spec: FlagSpec, value: string | undefined, shown: string, next: () => string | undefined) => {
		if (spec.type === 'bool') {
			if (value === undefined) flags[spec.name] = true;
			else if (/^(true|1|t|T|TRUE|True)$/.test(value)) flags[spec.name] = true;
			else if (/^(false|0|f|F|FALSE|False)$/.test(value)) flags[spec.name] = false;
			else throw new UsageError(`invalid argument "${value}" for "${shown}" flag: expected true or false`, options.command);
			return;
		}
		const taken = value ?? next();
		if (taken === undefined) throw new UsageError(`flag needs an argument: ${shown}`, options.command);
		if (spec.type === 'list') (flags[spec.name] as string[]).push(taken);
		else flags[spec.name] = taken;
	};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const next = () => (i + 1 < argv.length ? argv[++i] : undefined);
		if (arg === '--') {
			positionals.push(...argv.slice(i + 1));
			break;
		}
		if (arg.startsWith('--') && arg.length > 2) {
			const eq = arg.indexOf('=');
			const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
			const spec = byLong.get(name);
			if (!spec) throw new UsageError(`unknown flag: --${name}`, options.command);
			set(spec, eq >= 0 ? arg.slice(eq + 1) : undefined, `--${name}`, next);
			continue;
		}
		if (arg.startsWith('-') && arg.length > 1) {
			// Grouped shorts: every letter a boolean, except the last may take a value.
			for (let j = 1; j < arg.length; j++) {
				const letter = arg[j];
				const spec = byShort.get(letter);
				if (!spec) throw new UsageError(`unknown shorthand flag: '${letter}' in ${arg}`, options.command);
				const rest = arg.slice(j + 1);
				if (spec.type === 'bool') {
					if (rest.startsWith('=')) {
						set(spec, rest.slice(1), `-${letter}`, next);
						break;
					}
					set(spec, undefined, `-${letter}`, next);
					continue;
				}
				set(spec, rest ? rest.replace(/^=/, '') : undefined, `-${letter}`, next);
				break;
			}
			continue;
		}
		positionals.push(arg);
		if (options.stopAtFirstPositional) {
			positionals.push(...argv.slice(i + 1));
			break;
		}
	}
	return {flags, positionals};
}

export function flagHelp(specs: FlagSpec[]): string {
	const rows = specs.map((spec) => {
		const names = `${spec.short ? `-${spec.short}, ` : '    '}--${spec.name}${spec.type === 'bool' ? '' : ` ${spec.valueName ?? 'string'}`}`;
		return [names, spec.help] as const;
	});
	const width = Math.max(0, ...rows.map(([names]) => names.length));
	return rows.map(([names, help]) => `  ${names.padEnd(width)}   ${help}`).join('\n');
}
