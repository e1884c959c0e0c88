import {describe, expect, it} from 'vitest';
import {compactJson, indentJson} from '../../source/format/json-indent.js';

describe('indentJson (Go json.Indent)', () => {
	it('keeps key order, number text and escapes', () => {
		const raw = '{"b":1.50,"a":"x\\u003c\\"y","e":[],"o":{},"n":[1,{"k":null}]}\n';
		expect(indentJson(raw)).toBe('{\n    "b": 1.50,\n    "a": "x\\u003c\\"y",\n    "e": [],\n    "o": {},\n    "n": [\n        1,\n        {\n            "k": null\n        }\n    ]\n}');
	});
	it('compacts without touching strings', () => {
		expect(compactJson('{ "a" : [ 1 , "x y" ] }\n')).toBe('{"a":[1,"x y"]}');
	});
});
