import {describe, expect, it} from 'vitest';
import {actionFor, bindings, footerFor, helpSections, keyName} from '../../source/ui/keymap.js';

describe('keymap', () => {
	it('maps Ink keys to names', () => {
		expect(keyName('', {upArrow: true})).toBe('up');
		expect(keyName('', {tab: true, shift: true})).toBe('shift+tab');
		expect(keyName('', {delete: true})).toBe('backspace');
		expect(keyName('c', {ctrl: true})).toBe('ctrl+c');
		expect(keyName('G', {shift: true})).toBe('G');
	});
	it('drives actions per context', () => {
		expect(actionFor('images', 'j')).toBe('down');
		expect(actionFor('images', 'enter')).toBe('open');
		expect(actionFor('filter', 'enter')).toBe('filterAccept');
		expect(actionFor('layers', 'escape')).toBe('back');
		expect(actionFor('inspect', 'G')).toBe('bottom');
		expect(actionFor('help', 'ctrl+c')).toBe('forceQuit');
		expect(actionFor('images', 'x')).toBe('menu');
		expect(actionFor('images', 'X')).toBeUndefined();
	});
	it('never binds one key twice in one context', () => {
		for (const context of ['images', 'containers', 'layers', 'history', 'inspect', 'filter', 'help'] as const) {
			const seen = new Set<string>();
			for (const binding of bindings.filter((b) => b.contexts === 'all' || b.contexts.includes(context))) {
				for (const key of binding.keys) {
					expect(seen.has(key), `${key} twice in ${context}`).toBe(false);
					seen.add(key);
				}
			}
		}
	});
	it('feeds the footer and the help from the same table', () => {
		expect(footerFor('images')).toContain('/ filter');
		expect(footerFor('layers')).toContain('esc back');
		const images = helpSections().find((section) => section.context === 'images')!;
		expect(images.rows.map((row) => row.description)).toContain('Cycle the sort: created, size, name');
	});
});
