/**
 * `U` on a local image: asks the registry what each of its tags points at
 * now and says whether the local copy is stale (source/registry/stale.ts
 * decides). On request only, never at start; nothing is pulled. The
 * registry code loads when first asked for.
 */
import {visible} from '../../text/sanitize.js';
import type {EffectContext} from './types.js';

export async function staleCheck(ref: string, context: EffectContext): Promise<void> {
	const {staleQuestions, staleVerdict} = await import('../../registry/stale.js');
	const {parseRemote} = await import('../../registry/remote-reference.js');
	const {clientFor} = await import('../../engine/registry/remote-image.js');
	const say = (text: string, level: 'info' | 'error') => context.dispatch({type: 'notice', text: visible(text), level});
	try {
		const inspect = (await context.engine.inspectImage(ref, context.signal)).value;
		const questions = staleQuestions(inspect.RepoTags ?? [], inspect.RepoDigests ?? []);
		if (questions.length) say(`asking the registry about ${questions.map((q) => q.tagged).join(', ')}…`, 'info');
		const answers = await Promise.all(
			questions.map(async (question) => {
				const remote = parseRemote(`${question.repository}:${question.tag}`);
				const client = clientFor(remote);
				try {
					return {question, remoteDigest: (await client.manifest(remote.ref.path, remote.target, context.signal)).digest};
				} catch (error) {
					return {question, error: error instanceof Error ? error.message : String(error)};
				} finally {
					client.close();
				}
			}),
		);
		if (context.signal.aborted) return;
		const verdict = staleVerdict(answers);
		say(verdict.text, verdict.stale ? 'error' : 'info');
	} catch (error) {
		if (!context.signal.aborted) say(`stale check: ${error instanceof Error ? error.message : String(error)}`, 'error');
	}
}
