import {describe, expect, it} from 'vitest';
import {parseBuildForm} from '../../source/actions/build-spec.js';
import {parseCommitForm} from '../../source/actions/commit-spec.js';

describe('parseCommitForm', () => {
	it('maps the form to the commit query, pause on by default', () => {
		expect(parseCommitForm({repository: 'me/app:v1', message: 'a message', author: ' Me <me@x> ', changes: 'CMD ["sh"]\n\n  env A=1  \nEXPOSE 80 443/tcp 8000-8001/udp\nLABEL a=b c="d e"\nONBUILD RUN echo\nUSER 1000:1000\nVOLUME /data\nWORKDIR /srv\nENTRYPOINT sh -c\nENV B 2'})).toEqual({
			ok: true,
			spec: {
				repo: 'me/app',
				tag: 'v1',
				comment: 'a message',
				author: 'Me <me@x>',
				changes: ['CMD ["sh"]', 'env A=1', 'EXPOSE 80 443/tcp 8000-8001/udp', 'LABEL a=b c="d e"', 'ONBUILD RUN echo', 'USER 1000:1000', 'VOLUME /data', 'WORKDIR /srv', 'ENTRYPOINT sh -c', 'ENV B 2'],
				pause: true,
			},
		});
		expect(parseCommitForm({})).toEqual({ok: true, spec: {changes: [], pause: true}});
		expect(parseCommitForm({repository: 'app', pause: false, changes: ['CMD x']})).toEqual({ok: true, spec: {repo: 'app', tag: 'latest', changes: ['CMD x'], pause: false}});
	});

	it.each([
		['RUN echo hi', /line 1: RUN is not allowed in a commit \(only CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, USER, VOLUME, WORKDIR\)/],
		['CMD x\nFROM scratch', /line 2: FROM is not allowed/],
		['CMD x\n\nCOPY a b', /line 3: COPY is not allowed/],
		['HEALTHCHECK NONE', /line 1: HEALTHCHECK is not allowed/],
		['CMD', /line 1: CMD needs an argument/],
		['ENV', /ENV needs an argument/],
		['ENV =x', /ENV needs a name/],
		['ENV A', /ENV needs NAME=VALUE/],
		['LABEL justkey', /LABEL needs NAME=VALUE/],
		['EXPOSE http', /EXPOSE "http" is not a port/],
		['EXPOSE 80/xyz', /EXPOSE "80\/xyz"/],
		['CMD ["a", ', /CMD's JSON form is not valid JSON/],
		['ENTRYPOINT [1, 2]', /must be an array of strings/],
		['ONBUILD ONBUILD CMD x', /ONBUILD ONBUILD is not allowed/],
		['ONBUILD from x', /ONBUILD FROM is not allowed/],
	])('%j is refused with its line', (changes, why) => {
		const result = parseCommitForm({changes});
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.errors.changes).toMatch(/^invalid change on line \d+: /);
			expect(result.errors.changes).toMatch(why);
		}
	});

	it('an invalid repository is the reference problem', () => {
		expect(parseCommitForm({repository: 'Me/App'})).toEqual({ok: false, errors: {repository: expect.stringMatching(/^invalid reference: .*lowercase/)}});
		expect(parseCommitForm({repository: `a@sha256:${'1'.repeat(64)}`})).toEqual({ok: false, errors: {repository: expect.stringMatching(/a tag is wanted/)}});
	});
});

describe('parseBuildForm', () => {
	it('defaults the Dockerfile, normalises tags, parses build args', () => {
		expect(parseBuildForm({context: ' ./ctx ', tags: 'app me/app:2 app:latest', buildArgs: 'A=1 B="x y" C=', noCache: true}, {hostEnv: {}})).toEqual({
			ok: true,
			spec: {context: './ctx', dockerfile: 'Dockerfile', tags: ['app:latest', 'me/app:2'], buildArgs: {A: '1', B: 'x y', C: ''}, noCache: true, network: undefined},
		});
		expect(parseBuildForm({context: '.', dockerfile: 'docker/Dev.Dockerfile', buildArgs: ['HOME'], network: 'host'}, {hostEnv: {HOME: '/root'}})).toMatchObject({ok: true, spec: {dockerfile: 'docker/Dev.Dockerfile', buildArgs: {HOME: '/root'}, network: 'host', tags: []}});
	});
	it('reports each bad field', () => {
		const result = parseBuildForm({context: '', tags: 'ok:1 Bad:1', buildArgs: 'NOPE', network: 'a b'}, {hostEnv: {}});
		expect(result).toEqual({
			ok: false,
			errors: {
				context: expect.stringMatching(/^invalid context: empty/),
				tags: expect.stringMatching(/^invalid reference: .*"Bad" must be lowercase/),
				buildArgs: expect.stringMatching(/^invalid build arg "NOPE"/),
				network: expect.stringMatching(/^invalid network/),
			},
		});
		expect(parseBuildForm({context: '.', tags: `app@sha256:${'1'.repeat(64)}`})).toMatchObject({ok: false, errors: {tags: expect.stringMatching(/a tag is wanted/)}});
		expect(parseBuildForm({context: '.', tags: `"unterminated`})).toMatchObject({ok: false, errors: {tags: expect.stringMatching(/^invalid tags: unterminated/)}});
	});
});
