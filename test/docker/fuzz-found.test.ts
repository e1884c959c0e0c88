// Differences the --format fuzzer (test/conformance/fuzz) found in docker's
// formatting, each as its shrunk case; the expected bytes are docker 28.2.2's.
import {describe, expect, it} from 'vitest';
import {contextType, contextValue, headerValue, writeFormatted} from '../../source/docker/formatter.js';
import {T} from '../../source/template/index.js';

const rowType = contextType('image.historyContext', [{name: 'trunc', type: T.bool}], ['ID', 'Size']);
const row = (id: string) => contextValue(rowType, {trunc: {type: T.bool, v: true}}, {ID: () => id, Size: () => '0B'});
const header = headerValue({ID: 'IMAGE', Size: 'SIZE'});

describe('found by the fuzzer', () => {
	it('a table header that fails inside a block keeps what the block had written (Go streams)', () => {
		// docker history --format 'table {{if .ID}} {{range split .ID ":"}}{{.}}{{end}}{{end}}' fixture/base:1
		// The header's split is an identity, so range meets the string "IMAGE" and fails after the space.
		const format = 'table {{if .ID}} {{range split .ID ":"}}{{.}}{{end}}{{end}}';
		expect(writeFormatted(format, [row('c6be40ea9a15')], header).stdout).toBe(' \n c6be40ea9a15\n');
		// docker image ls --format 'table {{with .ID}}{{.}}|{{range .}}x{{end}}{{end}}\t{{.Size}}' nope (no rows; the header's ID reads IMAGE here)
		// docker image ls --format 'table {{with .ID}}{{.}}|{{range .}}x{{end}}{{end}}\\t{{.Size}}' nope: no rows, the header alone
		expect(writeFormatted('table {{with .ID}}{{.}}|{{range .}}x{{end}}{{end}}\\t{{.Size}}', [], header).stdout).toBe('IMAGE|\n');
	});
});
