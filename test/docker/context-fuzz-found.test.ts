// Found by the --format fuzzer (test/conformance/fuzz) in context ls; docker 28.2.2's bytes.
import {describe, expect, it} from 'vitest';
import {renderContextList} from '../../source/docker/context-context.js';

const context = (error: string) => ({name: 'a1', description: '', dockerEndpoint: 'tcp://127.0.0.1:2399', current: true, error, skipTLSVerify: false, tls: {ca: false, cert: false, key: false}});

describe('found by the fuzzer', () => {
	it('context ls --format {{- html $}}: the escapers print a row by its Error method (*clientContextContext is an error)', () => {
		expect(renderContextList([context(''), context('boom')], {format: '{{- html $}}', quiet: false}).stdout).toBe('\nboom\n');
		expect(renderContextList([context('<x>')], {format: '{{js .}}|{{urlquery .}}', quiet: false}).stdout).toBe('\\u003Cx\\u003E|%3Cx%3E\n');
	});
});
