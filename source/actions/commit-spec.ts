/**
 * The commit form -> the engine's commit query (what `docker commit` sends).
 * Changes are Dockerfile instructions, one per line; only those the engine
 * applies to a container's config are accepted, each checked for its
 * arguments, and a bad one names its line. Pure.
 */
import {parseReference} from './reference.js';

export interface CommitForm {
	/** repository[:tag]; empty makes an untagged image, as `docker commit CONTAINER` does. */
	repository?: string;
	message?: string;
	author?: string;
	/** One instruction per line (a string with newlines, or an array of lines). */
	changes?: string | readonly string[];
	/** Pause the container while committing; on by default, as in docker. */
	pause?: boolean;
}

export type CommitField = keyof CommitForm;

export interface CommitSpec {
	repo?: string;
	tag?: string;
	comment?: string;
	author?: string;
	changes: string[];
	pause: boolean;
}

export type CommitSpecResult = {ok: true; spec: CommitSpec} | {ok: false; errors: Partial<Record<CommitField, string>>};

export const commitInstructions = ['CMD', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'LABEL', 'ONBUILD', 'USER', 'VOLUME', 'WORKDIR'] as const;

const exposeRe = /^\d+(?:-\d+)?(?:\/(?:tcp|udp|sctp))?$/i;

/** Checks one instruction; returns why it is wrong, or undefined. */
function instructionProblem(line: string): string | undefined {
	const match = /^(\S+)\s*([\s\S]*)$/.exec(line);
	const keyword = (match?.[1] ?? '').toUpperCase();
	const args = (match?.[2] ?? '').trim();
	if (!(commitInstructions as readonly string[]).includes(keyword)) {
		return `${match?.[1]} is not allowed in a commit (only ${commitInstructions.join(', ')})`;
	}
	if (!args) return `${keyword} needs an argument`;
	if (args.startsWith('[') && ['CMD', 'ENTRYPOINT', 'VOLUME'].includes(keyword)) {
		// The engine falls back to the shell form when JSON does not parse; a typed "[" almost always meant JSON.
		try {
			const parsed: unknown = JSON.parse(args);
			if (!Array.isArray(parsed) || parsed.some((item) => typeof item !== 'string')) return `${keyword}'s JSON form must be an array of strings`;
		} catch {
			return `${keyword}'s JSON form is not valid JSON: ${args}`;
		}
	}
	switch (keyword) {
		case 'ENV':
		case 'LABEL': {
			const first = args.split(/\s+/)[0];
			if (first.startsWith('=')) return `${keyword} needs a name before "="`;
			if (!first.includes('=') && args.split(/\s+/).length < 2) return `${keyword} needs NAME=VALUE (or NAME VALUE)`;
			return undefined;
		}
		case 'EXPOSE': {
			const bad = args.split(/\s+/).find((port) => !exposeRe.test(port));
			return bad ? `EXPOSE "${bad}" is not a port such as 80, 80/udp or 8000-8010` : undefined;
		}
		case 'WORKDIR':
			return undefined;
		case 'ONBUILD': {
			const inner = args.split(/\s+/)[0].toUpperCase();
			if (['ONBUILD', 'FROM', 'MAINTAINER'].includes(inner)) return `ONBUILD ${inner} is not allowed`;
			return undefined;
		}
		default:
			return undefined;
	}
}

export function parseCommitForm(form: CommitForm): CommitSpecResult {
	const errors: Partial<Record<CommitField, string>> = {};
	const spec: CommitSpec = {changes: [], pause: form.pause ?? true};

	const repository = (form.repository ?? '').trim();
	if (repository) {
		const parsed = parseReference(repository);
		if (!parsed.ok) errors.repository = parsed.problem;
		else {
			spec.repo = parsed.repository;
			spec.tag = parsed.tag;
		}
	}
	if (form.message?.trim()) spec.comment = form.message;
	if (form.author?.trim()) spec.author = form.author.trim();

	const lines = typeof form.changes === 'string' ? form.changes.split(/\r?\n/) : (form.changes ?? []);
	lines.forEach((raw, index) => {
		const line = raw.trim();
		if (!line || errors.changes) return;
		const problem = instructionProblem(line);
		if (problem) errors.changes = `invalid change on line ${index + 1}: ${problem}`;
		else spec.changes.push(line);
	});

	if (Object.keys(errors).length) return {ok: false, errors};
	return {ok: true, spec};
}
