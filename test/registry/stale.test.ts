/** registry/stale.ts: which tags can be compared, and the verdict's words (pure). */
import {describe, expect, it} from 'vitest';
import {staleQuestions, staleVerdict} from '../../source/registry/stale.js';

const d1 = `sha256:${'1'.repeat(64)}`;
const d2 = `sha256:${'2'.repeat(64)}`;

describe('the stale check', () => {
	it('asks about each tag whose repository has a RepoDigest, none for the others', () => {
		const questions = staleQuestions(['127.0.0.1:5000/team/app:1', 'team/app:1', 'local/only:2'], [`127.0.0.1:5000/team/app@${d1}`, `team/app@${d2}`]);
		expect(questions).toEqual([
			{tagged: '127.0.0.1:5000/team/app:1', repository: '127.0.0.1:5000/team/app', tag: '1', localDigest: d1},
			{tagged: 'team/app:1', repository: 'team/app', tag: '1', localDigest: d2},
		]);
	});

	it('says up to date, stale, or why it could not tell', () => {
		const [q] = staleQuestions(['127.0.0.1:5000/team/app:1'], [`127.0.0.1:5000/team/app@${d1}`]);
		expect(staleVerdict([{question: q, remoteDigest: d1}])).toEqual({text: `127.0.0.1:5000/team/app:1: up to date (the registry's tag points at ${d1.slice(0, 19)})`, stale: false});
		const stale = staleVerdict([{question: q, remoteDigest: d2}]);
		expect(stale.stale).toBe(true);
		expect(stale.text).toContain("stale: the registry's tag now points at a different digest");
		expect(staleVerdict([{question: q, error: 'connection refused'}]).text).toBe('127.0.0.1:5000/team/app:1: could not ask the registry: connection refused');
		expect(staleVerdict([]).stale).toBe(false);
		expect(staleVerdict([]).text).toContain('no RepoDigests');
	});
});
