import {describe, expect, it} from 'vitest';
import {parseContainerName, parseEnv, parsePort, parseVolume} from '../../source/actions/run-fields.js';
import {parseRunForm} from '../../source/actions/run-spec.js';
import {listEntries, splitShellWords} from '../../source/actions/shell-words.js';

describe('splitShellWords', () => {
	it.each([
		['', []],
		['   ', []],
		['echo hi', ['echo', 'hi']],
		['  a   b\tc\nd ', ['a', 'b', 'c', 'd']],
		[`sh -c 'echo "$HOME"; ls'`, ['sh', '-c', 'echo "$HOME"; ls']],
		[`echo "a b" 'c d'`, ['echo', 'a b', 'c d']],
		[`echo "say \\"hi\\"" \\$x`, ['echo', 'say "hi"', '$x']],
		[`echo "keep \\n and \\\\"`, ['echo', 'keep \\n and \\']],
		[`a\\ b c`, ['a b', 'c']],
		[`x'y'"z"`, ['xyz']],
		[`'' ""`, ['', '']],
		[`echo 'it''s'`, ['echo', 'its']],
		[`a|b >c $X`, ['a|b', '>c', '$X']],
		['echo ünï “x”', ['echo', 'ünï', '“x”']],
	])('%j', (line, words) => expect(splitShellWords(line)).toEqual({ok: true, words}));

	it.each([
		[`echo 'open`, /unterminated single quote \(opened at column 6\)/],
		[`echo "open`, /unterminated double quote \(opened at column 6\)/],
		[`echo "a \\"`, /unterminated double quote/],
		[`echo \\`, /lone backslash/],
	])('%j is an error', (line, problem) => {
		const result = splitShellWords(line);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.problem).toMatch(problem);
	});

	it('list fields: arrays are taken entry by entry, strings split like a shell', () => {
		expect(listEntries(['A=x y ', '', '  '])).toEqual({ok: true, words: ['A=x y ']});
		expect(listEntries('A=1 B="x y"')).toEqual({ok: true, words: ['A=1', 'B=x y']});
		expect(listEntries(undefined)).toEqual({ok: true, words: []});
	});
});

describe('parsePort', () => {
	it.each([
		['80', [{port: '80/tcp', hostIp: '', hostPort: ''}]],
		['8080:80', [{port: '80/tcp', hostIp: '', hostPort: '8080'}]],
		['127.0.0.1:8080:80', [{port: '80/tcp', hostIp: '127.0.0.1', hostPort: '8080'}]],
		['127.0.0.1::80', [{port: '80/tcp', hostIp: '127.0.0.1', hostPort: ''}]],
		['[::1]:8080:80/udp', [{port: '80/udp', hostIp: '::1', hostPort: '8080'}]],
		['53:53/UDP', [{port: '53/udp', hostIp: '', hostPort: '53'}]],
		['5000:5000/sctp', [{port: '5000/sctp', hostIp: '', hostPort: '5000'}]],
		['8000-8001:80-81', [{port: '80/tcp', hostIp: '', hostPort: '8000'}, {port: '81/tcp', hostIp: '', hostPort: '8001'}]],
		['8000-8010:80', [{port: '80/tcp', hostIp: '', hostPort: '8000-8010'}]],
		['0:80', [{port: '80/tcp', hostIp: '', hostPort: '0'}]],
		[' 90 ', [{port: '90/tcp', hostIp: '', hostPort: ''}]],
	])('%s', (raw, value) => expect(parsePort(raw)).toEqual({ok: true, value}));

	it.each([
		['', /no container port/],
		['8080:', /no container port/],
		['abc', /container port "abc"/],
		['0', /container port "0"/],
		['70000', /container port "70000"/],
		['8080:80/xyz', /protocol "xyz"/],
		['x:8080:80', /"x" is not an IP address/],
		['999.1.1.1:80:80', /not an IP address/],
		['99999:80', /host port "99999"/],
		['8000-8002:80-81', /differ in size/],
		['81-80', /container port "81-80"/],
		['80/', /protocol ""/],
	])('%j is invalid', (raw, why) => {
		const result = parsePort(raw);
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.problem).toMatch(/^invalid port "/);
			expect(result.problem).toMatch(why);
		}
	});
});

describe('parseVolume', () => {
	it.each([
		['data:/data', {bind: 'data:/data'}],
		['my-vol.1_x:/var/lib/x', {bind: 'my-vol.1_x:/var/lib/x'}],
		['/host/dir:/path', {bind: '/host/dir:/path'}],
		['/host:/path:ro', {bind: '/host:/path:ro'}],
		['/host:/path:rw', {bind: '/host:/path:rw'}],
		['/anonymous', {anonymous: '/anonymous'}],
	])('%s', (raw, value) => expect(parseVolume(raw)).toEqual({ok: true, value}));

	it.each([
		['data', /container path "data" must be absolute/],
		['data:rel', /container path "rel" must be absolute/],
		['./dir:/x', /neither an absolute host path nor a volume name/],
		['a:/x', /neither an absolute host path nor a volume name/],
		['/h:/x:rx', /mode "rx"/],
		['/h:/x:ro:z', /too many/],
		['/x:ro', /needs a source first/],
		['/h:/', /cannot be "\/"/],
		[':/x', /empty part/],
		['/h::ro', /empty part/],
	])('%j is invalid', (raw, why) => {
		const result = parseVolume(raw);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.problem).toMatch(new RegExp(`^invalid volume "[^"]*": .*${why.source}`));
	});
});

describe('parseEnv and parseContainerName', () => {
	it('KEY=VALUE as typed, KEY alone from imgscope\'s environment', () => {
		expect(parseEnv('A=1')).toEqual({ok: true, value: 'A=1'});
		expect(parseEnv('A=')).toEqual({ok: true, value: 'A='});
		expect(parseEnv('A=b=c ')).toEqual({ok: true, value: 'A=b=c '});
		expect(parseEnv('HOME', {HOME: '/root'})).toEqual({ok: true, value: 'HOME=/root'});
		expect(parseEnv('UNSET', {})).toEqual({ok: false, problem: expect.stringMatching(/invalid environment entry "UNSET": .*not set .*UNSET= for an empty value/)});
		expect(parseEnv('=x')).toEqual({ok: false, problem: expect.stringMatching(/invalid .*no variable name/)});
		expect(parseEnv('A B=x')).toEqual({ok: false, problem: expect.stringMatching(/invalid .*whitespace/)});
	});
	it('names follow docker\'s rule', () => {
		expect(parseContainerName('')).toEqual({ok: true, value: undefined});
		expect(parseContainerName('web-1.a_b')).toEqual({ok: true, value: 'web-1.a_b'});
		expect(parseContainerName('/web')).toEqual({ok: true, value: 'web'});
		for (const bad of ['a', '-web', 'we b', 'wéb', '_x']) expect(parseContainerName(bad)).toEqual({ok: false, problem: expect.stringMatching(/^invalid name /)});
	});
});

describe('parseRunForm', () => {
	it('builds the create body docker run would send', () => {
		const result = parseRunForm(
			{image: 'fixture/app', command: `sh -c "echo hi"`, name: 'web', env: ['A=1', 'B=two words'], ports: '8080:80 127.0.0.1:9090:90/udp,100', volumes: 'data:/data "/h o/st:/mnt:ro" /anon', removeOnExit: true},
			{hostEnv: {}},
		);
		expect(result).toEqual({
			ok: true,
			spec: {
				name: 'web',
				attach: false,
				body: {
					Image: 'fixture/app:latest',
					Cmd: ['sh', '-c', 'echo hi'],
					Env: ['A=1', 'B=two words'],
					ExposedPorts: {'80/tcp': {}, '90/udp': {}, '100/tcp': {}},
					Volumes: {'/anon': {}},
					Tty: false,
					OpenStdin: false,
					StdinOnce: false,
					AttachStdin: false,
					AttachStdout: false,
					AttachStderr: false,
					HostConfig: {
						AutoRemove: true,
						PortBindings: {'80/tcp': [{HostIp: '', HostPort: '8080'}], '90/udp': [{HostIp: '127.0.0.1', HostPort: '9090'}], '100/tcp': [{HostIp: '', HostPort: ''}]},
						Binds: ['data:/data', '/h o/st:/mnt:ro'],
					},
				},
			},
		});
	});

	it('minimal: the image\'s own command, and an attached run gets a TTY and stdin', () => {
		const result = parseRunForm({image: 'sha256:' + 'c'.repeat(64), attach: true});
		expect(result.ok && result.spec.body).toEqual({
			Image: 'sha256:' + 'c'.repeat(64),
			Tty: true,
			OpenStdin: true,
			StdinOnce: true,
			AttachStdin: true,
			AttachStdout: true,
			AttachStderr: true,
			HostConfig: {AutoRemove: false},
		});
		expect(parseRunForm({image: 'b780fc96bb77'}).ok).toBe(true);
		expect(parseRunForm({image: 'x', network: 'none'}).ok && (parseRunForm({image: 'x', network: 'none'}) as any).spec.body.HostConfig.NetworkMode).toBe('none');
	});

	it('reports every bad field at once, each naming itself and saying invalid', () => {
		const result = parseRunForm({image: 'Bad Image', command: `echo "x`, name: 'x', env: '=1', ports: '80:80/tcpx', volumes: 'rel:path', network: 'bad net'});
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(Object.keys(result.errors).sort()).toEqual(['command', 'env', 'image', 'name', 'network', 'ports', 'volumes']);
		expect(result.errors.image).toMatch(/^invalid reference/);
		expect(result.errors.command).toMatch(/^invalid command: unterminated double quote/);
		expect(result.errors.name).toMatch(/^invalid name "x"/);
		expect(result.errors.env).toMatch(/^invalid environment entry "=1"/);
		expect(result.errors.ports).toMatch(/^invalid port "80:80\/tcpx"/);
		expect(result.errors.volumes).toMatch(/^invalid volume "rel:path"/);
		expect(result.errors.network).toMatch(/^invalid network/);
		expect(parseRunForm({image: 'x', env: `A="x`}).ok).toBe(false);
	});
});
