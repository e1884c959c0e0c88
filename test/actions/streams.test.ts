import {describe, expect, it} from 'vitest';
import {applyBuildEvent, BuildLogParser, emptyBuild, type BuildEvent} from '../../source/actions/build-log.js';
import {JsonSplitter, type JsonMessage} from '../../source/actions/json-stream.js';
import {applyProgress, emptyProgress} from '../../source/actions/progress.js';
import {Demuxer} from '../../source/engine/actions/demux.js';

describe('JsonSplitter', () => {
	it('splits objects however the chunks fall, with or without newlines', () => {
		const text = '{"status":"a"}\r\n{"status":"b {}\\"}"}{"id":"x","progressDetail":{"current":1}}\n';
		const whole = new JsonSplitter().push(text);
		expect(whole).toEqual([{status: 'a'}, {status: 'b {}"}'}, {id: 'x', progressDetail: {current: 1}}]);
		for (let size = 1; size < 8; size++) {
			const splitter = new JsonSplitter();
			const out: JsonMessage[] = [];
			for (let i = 0; i < text.length; i += size) out.push(...splitter.push(text.slice(i, i + size)));
			expect(out).toEqual(whole);
			expect(splitter.rest()).toBe('');
		}
	});
	it('keeps text that is not JSON, and reports an unfinished object', () => {
		const splitter = new JsonSplitter();
		expect(splitter.push('Bad Gat')).toEqual([]);
		expect(splitter.push('eway\n{"status":"x"}')).toEqual([{stream: 'Bad Gateway\n'}, {status: 'x'}]);
		expect(splitter.push('{"status":')).toEqual([]);
		expect(splitter.rest()).toBe('{"status":');
	});
});

describe('applyProgress', () => {
	const fold = (messages: JsonMessage[]) => messages.reduce(applyProgress, emptyProgress);
	it('a push: layers in first-seen order, bytes, and the digest', () => {
		const digest = `sha256:${'d'.repeat(64)}`;
		const state = fold([
			{status: 'The push refers to repository [127.0.0.1:5000/x]'},
			{status: 'Preparing', id: 'aaa'},
			{status: 'Preparing', id: 'bbb'},
			{status: 'Waiting', id: 'aaa'},
			{status: 'Pushing', id: 'bbb', progressDetail: {current: 512, total: 2048}, progress: '[==> ]'},
			{status: 'Layer already exists', id: 'aaa', progressDetail: {}},
			{status: 'Pushed', id: 'bbb', progressDetail: {}},
			{status: `1: digest: ${digest} size: 739`},
			{aux: {Tag: '1', Digest: digest, Size: 739}, progressDetail: {}},
		]);
		expect(state.layers).toEqual([
			{id: 'aaa', status: 'Layer already exists', current: undefined, total: undefined, done: true},
			{id: 'bbb', status: 'Pushed', current: undefined, total: undefined, done: true},
		]);
		expect(state.digest).toBe(digest);
		expect(state.size).toBe(739);
		expect(state.messages).toEqual(['The push refers to repository [127.0.0.1:5000/x]', `1: digest: ${digest} size: 739`]);
		const mid = fold([{status: 'Pushing', id: 'bbb', progressDetail: {current: 512, total: 2048}}]);
		expect(mid.layers[0]).toEqual({id: 'bbb', status: 'Pushing', current: 512, total: 2048, done: false});
	});
	it('a pull: the "Pulling from" heading is not a layer; Digest and Status lines', () => {
		const digest = `sha256:${'e'.repeat(64)}`;
		const state = fold([
			{status: 'Pulling from x/y', id: '1'},
			{status: 'Pulling fs layer', id: 'l1'},
			{status: 'Already exists', id: 'l0'},
			{status: 'Downloading', id: 'l1', progressDetail: {current: 10, total: 100}},
			{status: 'Download complete', id: 'l1'},
			{status: 'Extracting', id: 'l1', progressDetail: {current: 100, total: 100}},
			{status: 'Pull complete', id: 'l1'},
			{status: `Digest: ${digest}`},
			{status: 'Status: Downloaded newer image for x/y:1'},
		]);
		expect(state.layers.map((l) => [l.id, l.status, l.done])).toEqual([
			['l1', 'Pull complete', true],
			['l0', 'Already exists', true],
		]);
		expect(state.digest).toBe(digest);
		expect(state.messages).toEqual(['1: Pulling from x/y', `Digest: ${digest}`, 'Status: Downloaded newer image for x/y:1']);
	});
	it('an error line is kept, and a previous state is never changed', () => {
		const before = fold([{status: 'Preparing', id: 'a'}]);
		const after = applyProgress(before, {errorDetail: {message: 'denied'}, error: 'denied'});
		expect(after.error).toBe('denied');
		expect(before.error).toBeUndefined();
		const next = applyProgress(before, {status: 'Pushing', id: 'a'});
		expect(before.layers[0].status).toBe('Preparing');
		expect(next.layers[0].status).toBe('Pushing');
	});
});

describe('BuildLogParser and applyBuildEvent', () => {
	const lines = [
		'Step 1/3 : FROM base\n',
		' ---> b780fc96bb77\n',
		'Step 2/3 : RUN echo hi\n',
		' ---> Running in 0123456789ab\n',
		'hi\n',
		'Removing intermediate container 0123456789ab\n',
		' ---> 1111111111aa\n',
		'Step 3/3 : LABEL a=b\n',
		' ---> Using cache\n',
		' ---> 2222222222bb\n',
		'[Warning] One or more build-args [X] were not consumed\n',
	];
	const fullId = `sha256:${'2'.repeat(64)}`;
	it('turns the output into events, whatever the chunking', () => {
		const text = lines.join('');
		for (const size of [1, 5, 1000]) {
			const parser = new BuildLogParser();
			const events: BuildEvent[] = [];
			for (let i = 0; i < text.length; i += size) events.push(...parser.push({stream: text.slice(i, i + size)}));
			events.push(...parser.push({aux: {ID: fullId}}), ...parser.push({stream: 'Successfully built 2222222222bb\nSuccessfully tagged app:latest\n'}), ...parser.flush());
			expect(events).toEqual([
				{type: 'step', step: 1, total: 3, instruction: 'FROM base'},
				{type: 'stepImage', step: 1, imageId: 'b780fc96bb77'},
				{type: 'step', step: 2, total: 3, instruction: 'RUN echo hi'},
				{type: 'running', step: 2, containerId: '0123456789ab'},
				{type: 'output', step: 2, text: 'hi'},
				{type: 'output', step: 2, text: 'Removing intermediate container 0123456789ab'},
				{type: 'stepImage', step: 2, imageId: '1111111111aa'},
				{type: 'step', step: 3, total: 3, instruction: 'LABEL a=b'},
				{type: 'cached', step: 3},
				{type: 'stepImage', step: 3, imageId: '2222222222bb'},
				{type: 'warning', step: 3, text: 'One or more build-args [X] were not consumed'},
				{type: 'built', imageId: fullId},
				{type: 'built', imageId: '2222222222bb'},
				{type: 'tagged', reference: 'app:latest'},
			]);
			const state = events.reduce(applyBuildEvent, emptyBuild);
			expect(state.imageId).toBe(fullId);
			expect(state.steps.map((s) => [s.step, s.cached, s.imageId, s.containerId])).toEqual([
				[1, false, 'b780fc96bb77', undefined],
				[2, false, '1111111111aa', '0123456789ab'],
				[3, true, '2222222222bb', undefined],
			]);
			expect(state.steps[1].output).toEqual(['hi', 'Removing intermediate container 0123456789ab']);
			expect(state.tags).toEqual(['app:latest']);
			expect(state.warnings).toHaveLength(1);
		}
	});
	it('an error names the step it happened in; a last line without a newline is kept', () => {
		const parser = new BuildLogParser();
		const events = [...parser.push({stream: 'Step 1/2 : FROM base\nStep 2/2 : RUN false\npartial'}), ...parser.push({errorDetail: {code: 1, message: "The command '/bin/sh -c false' returned a non-zero code: 1"}, error: 'x'})];
		expect(events.slice(-2)).toEqual([
			{type: 'output', step: 2, text: 'partial'},
			{type: 'error', step: 2, message: "The command '/bin/sh -c false' returned a non-zero code: 1"},
		]);
		expect(events.reduce(applyBuildEvent, emptyBuild).error).toEqual({step: 2, message: "The command '/bin/sh -c false' returned a non-zero code: 1"});
	});
});

describe('Demuxer', () => {
	const frame = (kind: number, text: string) => {
		const data = Buffer.from(text);
		const header = Buffer.alloc(8);
		header[0] = kind;
		header.writeUInt32BE(data.length, 4);
		return Buffer.concat([header, data]);
	};
	it('splits frames across any chunking', () => {
		const all = Buffer.concat([frame(1, 'out\n'), frame(2, 'err\n'), frame(1, ''), frame(1, 'ünï')]);
		for (const size of [1, 3, 9, all.length]) {
			const demuxer = new Demuxer();
			const frames = [];
			for (let i = 0; i < all.length; i += size) frames.push(...demuxer.push(all.subarray(i, i + size)));
			expect(frames.map((f) => [f.stream, f.data.toString()])).toEqual([
				['stdout', 'out\n'],
				['stderr', 'err\n'],
				['stdout', ''],
				['stdout', 'ünï'],
			]);
			expect(demuxer.leftover).toBe(0);
		}
	});
});
