/**
 * Is a local image a stale copy of its registry tag (issue 14, item 5)? The
 * engine's RepoDigests say which manifest each repository gave when the
 * image was pulled (or pushed); the registry says what the tag points at
 * now. Pure: the questions to ask, and the verdict from the answers.
 */
import {parseReference} from '../actions/reference.js';

export interface StaleQuestion {
	/** repository:tag, as the engine names it. */
	tagged: string;
	repository: string;
	tag: string;
	/** The manifest digest the engine recorded for that repository. */
	localDigest: string;
}

/** One question per RepoTag whose repository has a RepoDigest; tags of repositories never pulled or pushed have nothing to compare. */
export function staleQuestions(repoTags: readonly string[], repoDigests: readonly string[]): StaleQuestion[] {
	const digests = new Map<string, string>();
	for (const text of repoDigests) {
		const at = text.lastIndexOf('@');
		if (at > 0 && !digests.has(text.slice(0, at))) digests.set(text.slice(0, at), text.slice(at + 1));
	}
	const out: StaleQuestion[] = [];
	for (const tagged of repoTags) {
		const parsed = parseReference(tagged);
		if (!parsed.ok || !parsed.tagged) continue;
		const localDigest = digests.get(parsed.repository);
		if (localDigest) out.push({tagged, repository: parsed.repository, tag: parsed.tag, localDigest});
	}
	return out;
}

export type StaleAnswer = {question: StaleQuestion; remoteDigest: string} | {question: StaleQuestion; error: string};

/** One line per tag: current, stale (the registry's tag now points at a different digest), or why it could not be told. */
export function staleVerdict(answers: readonly StaleAnswer[]): {text: string; stale: boolean} {
	if (!answers.length) return {text: 'nothing to compare: the image has no RepoDigests for its tags (never pulled or pushed)', stale: false};
	const lines = answers.map((a) => {
		if ('error' in a) return `${a.question.tagged}: could not ask the registry: ${a.error}`;
		if (a.remoteDigest === a.question.localDigest) return `${a.question.tagged}: up to date (the registry's tag points at ${a.remoteDigest.slice(0, 19)})`;
		return `${a.question.tagged}: stale: the registry's tag now points at a different digest (${a.remoteDigest.slice(0, 19)}, local ${a.question.localDigest.slice(0, 19)})`;
	});
	return {text: lines.join('; '), stale: answers.some((a) => 'remoteDigest' in a && a.remoteDigest !== a.question.localDigest)};
}
