/**
 * The explorer's first frame, drawn as plain text before ink and react load
 * (they take longer than the engine takes to answer): the image list, as
 * the App draws it in its first frame, from the same state, columns and
 * footer labels. Ink's first frame then replaces it in place (run.tsx
 * erases whatever it does not cover), so a difference, should the App's
 * chrome change, shows for a moment only; test/ui/preframe.test.tsx keeps
 * the two the same.
 *
 * Styles are written as chalk writes them (bold, inverse, the 16 colours
 * of ui/theme.ts), and only where the App would have them.
 */
import {sgr} from '../config/colors.js';
import type {ExplorerSettings} from '../config/explorer.js';
import {colorLevel} from '../config/terminal.js';
import type {ContainerSummary, ImageSummary} from '../engine/types.js';
import {displayWidth, truncateToWidth, useTerminalWidths} from '../text/width.js';
import {fitColumns, formatHeader, formatRow, windowStart} from './columns.js';
import {footerFitted, unavailable, useKeyOverrides} from './keymap.js';
import {can} from './lists/capability.js';
import {imagesSpec} from './lists/images.js';
import {listOf} from './lists/select.js';
import {listTitle} from './lists/title.js';
import type {Screen} from './screen.js';
import {startState} from './start-state.js';
import {layout, reduce} from './state.js';
import type {State} from './model.js';
import {applyTheme, theme} from './theme.js';

interface Style {
	bold?: boolean;
	inverse?: boolean;
	color?: string;
}
interface Segment extends Style {
	text: string;
}

const colors: Record<string, number> = {black: 30, red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, white: 37, gray: 90, grey: 90};

function styled(segment: Segment): string {
	let text = segment.text;
	if (!text) return '';
	if (segment.color && colors[segment.color]) text = `\x1b[${colors[segment.color]}m${text}\x1b[39m`;
	// A config colour (256, truecolor, bright): as chalk writes it at this terminal's level.
	else if (segment.color && sgr(segment.color, colorLevel(process.env).value)) text = `${sgr(segment.color, colorLevel(process.env).value)}${text}\x1b[39m`;
	if (segment.bold) text = `\x1b[1m${text}\x1b[22m`;
	if (segment.inverse) text = `\x1b[7m${text}\x1b[27m`;
	return text;
}

/** One `<Text wrap="truncate">` line: the segments, cut to `width` with "…" as ink cuts them. */
function line(segments: Segment[], width: number): string {
	const plain = segments.map((segment) => segment.text).join('');
	if (displayWidth(plain) <= width) return segments.map(styled).join('');
	const cut = truncateToWidth(plain, width, '…');
	let keep = cut.endsWith('…') ? cut.length - 1 : cut.length;
	const out: string[] = [];
	let last: Style = {};
	for (const segment of segments) {
		if (keep <= 0) break;
		out.push(styled({...segment, text: segment.text.slice(0, keep)}));
		keep -= segment.text.length;
		last = segment;
	}
	if (cut.endsWith('…')) out.push(styled({...last, text: '…'}));
	return out.join('');
}

/** ui/components/Line.tsx: never empty (ink would draw nothing). */
function lineText(text: string, style: Style, width: number): string {
	return line([{...style, text: text === '' ? ' ' : text}], width);
}

/**
 * The App's first frame for `state` (the image list, nothing over it), one
 * string per terminal line; undefined for any other state.
 */
export function firstFrameLines(state: State, endpointUrl: string, now = Date.now()): string[] | undefined {
	const list = listOf(state, imagesSpec);
	if (state.view !== 'images' || state.help || state.overlay || state.banner || list.filter || list.filterEditing || state.notice || state.pick || state.format.column !== undefined || theme.marker) return undefined;
	const {width} = state;
	// App's layout: with nothing optional showing, the title, the body and the footer.
	const bodyHeight = layout(state).body;
	const title = listTitle(imagesSpec, list);
	const lines = [
		line(
			[
				{text: 'imgscope', bold: true, color: theme.title},
				{text: `  ${title}`},
				{text: `  ${endpointUrl}`, color: theme.dim},
			],
			width,
		),
	];
	// ui/components/Table.tsx, for the list's first frame (its window starts at the top).
	const header = bodyHeight >= 2;
	const rowsHeight = header ? bodyHeight - 1 : bodyHeight;
	const fitted = fitColumns(imagesSpec.columns(state, list.visible, now), width);
	if (header) lines.push(lineText(formatHeader(fitted), {bold: true, color: theme.header}, width));
	const start = windowStart(list.top, list.cursor, Math.max(1, rowsHeight), list.visible.length);
	const slice = rowsHeight > 0 ? list.visible.slice(start, start + rowsHeight) : [];
	slice.forEach((row, offset) => lines.push(lineText(formatRow(row, fitted), {inverse: start + offset === list.cursor}, width)));
	for (let i = slice.length; i < rowsHeight; i++) lines.push(lineText(i === 0 && list.visible.length === 0 ? imagesSpec.empty.none : '', {}, width));
	// ui/components/Footer.tsx
	const footer: Segment[] = [];
	// The keys the source cannot serve are left out, as the App's footer leaves them out.
	footerFitted('images', width, unavailable((need) => can(state, need))).forEach((label, index) => {
		const space = label.indexOf(' ');
		if (index > 0) footer.push({text: '  '});
		footer.push({text: label.slice(0, space), color: theme.key, bold: true}, {text: label.slice(space), color: theme.dim});
	});
	lines.push(line(footer, width));
	return lines;
}

/** Whether this terminal gets a first frame before ink: a real one, with styles, and room for a list. */
export function canDrawFirst(stdout: NodeJS.WriteStream): boolean {
	const env = process.env;
	if (!stdout.isTTY || env.TERM === 'dumb' || env.FORCE_COLOR === '0' || env.IMGSCOPE_NO_PREFRAME) return false;
	return (stdout.columns ?? 0) >= 20 && (stdout.rows ?? 0) >= 6;
}

/** The App's initial state for these lists, and its first frame; undefined when the frame is not the plain list. */
export function firstFrame(lists: {images: ImageSummary[]; containers: ContainerSummary[]}, endpointUrl: string, size: {width: number; height: number}, settings?: Pick<ExplorerSettings, 'theme' | 'sort'> & Partial<Pick<ExplorerSettings, 'keys'>>): {state: State; lines: string[]} | undefined {
	// As run.tsx has it: cells as the terminal draws them, the config's colours, keys (the footer's labels) and sort.
	useTerminalWidths();
	if (settings) applyTheme(settings.theme);
	if (settings?.keys) useKeyOverrides(settings.keys as Parameters<typeof useKeyOverrides>[0]);
	const state = reduce(startState(size.width, size.height, settings?.sort), {type: 'lists', ...lists});
	const lines = firstFrameLines(state, endpointUrl);
	return lines ? {state, lines} : undefined;
}

/** Draws the lines on `screen`, raw mode on first: keys typed meanwhile wait for ink, unechoed. */
export function drawFirstFrame(screen: Screen, lines: string[]): void {
	if (screen.stdin.isTTY) screen.stdin.setRawMode(true);
	screen.stdout.write(`\x1b[?25l\x1b[H${lines.map((text) => `${text}\x1b[K`).join('\r\n')}\x1b[J\x1b[H`);
}
