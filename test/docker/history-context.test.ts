import {describe, expect, it} from 'vitest';
import {historyFormat, renderHistory, DEFAULT_HISTORY_TABLE, NON_HUMAN_HISTORY_TABLE} from '../../source/docker/history-context.js';
import {golden} from './helpers.js';

const history = golden('history.json');
const items = JSON.parse(history.raw) as Record<string, unknown>[];

describe('renderHistory against docker 28 output', () => {
	it.each(history.cases.map(c => [c.args.join(' '), c] as const))('%s', (_, c) => {
		const args = c.args;
		const i = args.indexOf('--format');
		const out = renderHistory(items, {
			format: i >= 0 ? args[i + 1] : '',
			quiet: args.includes('-q'),
			human: !args.includes('--human=false'),
			noTrunc: args.includes('--no-trunc'),
			now: history.capturedAt!,
		});
		expect(out.stdout).toBe(c.stdout);
	});
});

describe('history formats', () => {
	const item = {Id: '<missing>', Created: 946684800, CreatedBy: 'a\tb ' + 'x'.repeat(60), Size: 1234567, Comment: 'c', Tags: null};
	const opts = {format: '', quiet: false, human: true, noTrunc: false, now: Date.UTC(2026, 0, 1)};

	it('chooses defaults like NewHistoryFormat', () => {
		expect(historyFormat('table', false, true)).toBe(DEFAULT_HISTORY_TABLE);
		expect(historyFormat('table', false, false)).toBe(NON_HUMAN_HISTORY_TABLE);
		expect(historyFormat('table', true, false)).toBe('{{.ID}}');
		expect(historyFormat('{{.Size}}', true, false)).toBe('{{.Size}}');
	});

	it('keeps <missing>, says N/A before 2000, cuts CreatedBy at 45 columns', () => {
		const out = renderHistory([item], {...opts, format: '{{.ID}}|{{.CreatedSince}}|{{.CreatedBy}}|{{.Size}}'}).stdout;
		expect(out).toBe(`<missing>|N/A|a b ${'x'.repeat(40)}…|1.23MB\n`);
		const raw = renderHistory([item], {...opts, human: false, noTrunc: true, format: '{{.CreatedSince}}|{{.Size}}|{{len .CreatedBy}}'}).stdout;
		expect(raw).toBe('2000-01-01T00:00:00Z|1234567|64\n');
	});

	it('marshals rows HTML-escaped for json', () => {
		const out = renderHistory([{...item, CreatedBy: '<&>'}], {...opts, format: 'json'}).stdout;
		expect(out).toBe('{"Comment":"c","CreatedAt":"2000-01-01T00:00:00Z","CreatedBy":"\\u003c\\u0026\\u003e","CreatedSince":"N/A","ID":"\\u003cmissing\\u003e","Size":"1.23MB"}\n');
	});

	it('names the row type in errors', () => {
		expect(renderHistory([item], {...opts, format: '{{.Tags}}'}).error).toBe(
			'template parsing error: template: :1:2: executing "" at <.Tags>: can\'t evaluate field Tags in type *image.historyContext',
		);
	});
});
