/**
 * The build form: context directory, Dockerfile path, tags and build args,
 * checked before anything is read or sent. Pure (whether the directory
 * exists is the engine side's business).
 */
import {parseEnv} from './run-fields.js';
import {parseReference} from './reference.js';
import {listEntries} from './shell-words.js';

export interface BuildForm {
	/** The context directory. */
	context: string;
	/** Relative to the context, or absolute; default "Dockerfile". */
	dockerfile?: string;
	/** References to tag the result with: an array, or one line split like a shell. */
	tags?: string | readonly string[];
	/** KEY=VALUE entries (KEY alone takes imgscope's own value, as `docker build --build-arg KEY`). */
	buildArgs?: string | readonly string[];
	noCache?: boolean;
	/** The network RUN steps use ("none", "host", a network name); empty for the engine's default. */
	network?: string;
}

export type BuildField = keyof BuildForm;

export interface BuildSpec {
	context: string;
	dockerfile: string;
	/** Normalised references ("fixture/app:latest"). */
	tags: string[];
	buildArgs: Record<string, string>;
	noCache: boolean;
	network?: string;
}

export type BuildSpecResult = {ok: true; spec: BuildSpec} | {ok: false; errors: Partial<Record<BuildField, string>>};

export function parseBuildForm(form: BuildForm, options: {hostEnv?: Readonly<Record<string, string | undefined>>} = {}): BuildSpecResult {
	const errors: Partial<Record<BuildField, string>> = {};
	const context = form.context.trim();
	if (!context) errors.context = 'invalid context: empty (type a directory, such as .)';
	const dockerfile = (form.dockerfile ?? '').trim() || 'Dockerfile';

	const tags: string[] = [];
	const tagWords = listEntries(form.tags);
	if (!tagWords.ok) errors.tags = `invalid tags: ${tagWords.problem}`;
	else {
		for (const word of tagWords.words) {
			const parsed = parseReference(word);
			if (!parsed.ok) {
				errors.tags = parsed.problem;
				break;
			}
			if (!tags.includes(parsed.reference)) tags.push(parsed.reference);
		}
	}

	const buildArgs: Record<string, string> = {};
	const argWords = listEntries(form.buildArgs);
	if (!argWords.ok) errors.buildArgs = `invalid build args: ${argWords.problem}`;
	else {
		for (const word of argWords.words) {
			const parsed = parseEnv(word, options.hostEnv);
			if (!parsed.ok) {
				errors.buildArgs = parsed.problem.replace('invalid environment entry', 'invalid build arg');
				break;
			}
			const eq = parsed.value.indexOf('=');
			buildArgs[parsed.value.slice(0, eq)] = parsed.value.slice(eq + 1);
		}
	}

	const network = (form.network ?? '').trim();
	if (network && !/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(network)) errors.network = `invalid network "${network}": use a network name, host or none`;

	if (Object.keys(errors).length) return {ok: false, errors};
	return {ok: true, spec: {context, dockerfile, tags, buildArgs, noCache: Boolean(form.noCache), network: network || undefined}};
}
