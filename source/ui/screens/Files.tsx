/**
 * The Files tab: the selected layer's changes (or the whole filesystem at
 * that layer) as a tree, the wasted-space summary, and the progress of
 * reading the image. Every name from the image goes through visible(); only
 * the rows in the window are drawn, so a 50,000-file layer costs what 20
 * rows do.
 */
import {Text} from 'ink';
import React, {useRef} from 'react';
import {imageSize} from '../../format/units.js';
import {entryDifferences, type FileEntry, versionAt} from '../../layers/index.js';
import type {TreeNode} from '../../layers/tree.js';
import {visible, visibleName} from '../../text/sanitize.js';
import {displayWidth, truncateToWidth} from '../../text/width.js';
import {Line} from '../components/Line.js';
import {wasteFor} from '../files/data.js';
import {changeCounts} from '../files/counts.js';
import {type Row, selected, visibleWindow} from '../files/model.js';
import {matchCount} from '../files/search.js';
import {type FilesShown, shown} from '../files/reducer.js';
import {keyHint} from '../keymap.js';
import type {ImageScreen} from '../model.js';
import {fieldParts, fieldWindow} from '../text-field.js';
import {color, theme} from '../theme.js';

/** Colour and a mark that still says it without colour (NO_COLOR). */
export const changeStyle = {
	added: {mark: '+', color: color('green')},
	modified: {mark: '~', color: color('yellow')},
	removed: {mark: '-', color: color('red')},
	unchanged: {mark: '=', color: undefined},
} as const;

const sizeWidth = 9;

function Pad(props: {lines: React.ReactNode[]; height: number}) {
	const lines = props.lines.slice(0, Math.max(0, props.height));
	while (lines.length < props.height) lines.push(<Line key={`pad-${lines.length}`} />);
	return <>{lines}</>;
}

export function FilesTab(props: {screen: ImageScreen; height: number; width: number}) {
	const {screen, height, width} = props;
	const files = screen.files;
	const load = files?.load;
	if (!load || load.status === 'idle' || load.status === 'reading') return <Reading screen={screen} height={height} width={width} />;
	if (load.status === 'cancelled' || load.status === 'error') {
		const lines = [
			load.status === 'cancelled' ? (
				<Line key="c">
					{load.enginePreparing
						? 'Reading the image was cancelled. The engine was still preparing its export: it goes on until that is done, then lets go (imgscope runs nothing).'
						: 'Reading the image was cancelled: nothing is running.'}
				</Line>
			) : (
				<Line key="e" color={theme.error}>{`Could not read the image: ${visible(load.message.split('\n')[0])}`}</Line>
			),
			<Line key="r" color={theme.dim}>
				r reads it again · esc goes back to the image list
			</Line>,
		];
		return <Pad lines={lines} height={height} />;
	}
	const s = shown(screen)!;
	if (s.data.layerCount === 0) return <Pad lines={[<Line key="n">This image has no layers.</Line>]} height={height} />;
	if (s.files.mode === 'waste') return <Waste s={s} height={height} width={width} />;
	return <Tree s={s} screen={screen} height={height} width={width} />;
}

function Reading(props: {screen: ImageScreen; height: number; width: number}) {
	const {screen, width} = props;
	const load = screen.files?.load;
	const p = load?.status === 'reading' ? load.progress : undefined;
	const value = screen.detail?.inspect.value;
	const total = p?.totalBytes ?? (typeof value?.Size === 'number' ? value.Size : undefined);
	const layers = p?.layers ?? value?.RootFS?.Layers?.length;
	const read = p?.bytesRead ?? 0;
	const barWidth = Math.max(10, Math.min(40, width - 30));
	const fraction = total ? Math.min(1, read / total) : 0;
	const filled = Math.round(fraction * barWidth);
	const lines = [
		<Line key="t">{`Reading ${visible(screen.ref)} from the engine (its export, as docker save writes it)…`}</Line>,
		<Text key="bar" wrap="truncate">
			<Text color={theme.accent}>{'█'.repeat(filled)}</Text>
			<Text color={theme.dim}>{'░'.repeat(barWidth - filled)}</Text>
			{`  ${imageSize(read)} read${total && read <= total ? ` of about ${imageSize(total)}` : ''}`}
		</Text>,
		<Line key="l">{!p || p.layer === 0 ? 'waiting for the engine…' : p.position !== undefined ? `layer ${p.position}${layers ? ` of ${layers}` : ''}` : `${p.layer}${layers ? ` of ${layers}` : ''} layers begun (in the export's order)`}</Line>,
		<Line key="gap" />,
		<Line key="esc" color={theme.dim}>
			esc cancels reading
		</Line>,
	];
	return <Pad lines={lines} height={props.height} />;
}

function typeName(type: FileEntry['type']): string {
	return type === 'dir' ? 'directory' : type === 'hardlink' ? 'hard link' : type;
}

/** `-rw-r--r--` from an entry's type and mode bits. */
export function modeString(entry: FileEntry): string {
	const t = entry.type === 'dir' ? 'd' : entry.type === 'symlink' ? 'l' : entry.type === 'hardlink' ? 'h' : entry.type === 'chardev' ? 'c' : entry.type === 'blockdev' ? 'b' : entry.type === 'fifo' ? 'p' : entry.type === 'other' ? '?' : '-';
	const m = entry.mode;
	const bit = (mask: number, ch: string) => (m & mask ? ch : '-');
	const exec = (x: number, special: number, on: string, off: string) => (m & special ? (m & x ? on : off) : m & x ? 'x' : '-');
	return (
		t +
		bit(0o400, 'r') +
		bit(0o200, 'w') +
		exec(0o100, 0o4000, 's', 'S') +
		bit(0o040, 'r') +
		bit(0o020, 'w') +
		exec(0o010, 0o2000, 's', 'S') +
		bit(0o004, 'r') +
		bit(0o002, 'w') +
		exec(0o001, 0o1000, 't', 'T')
	);
}

/** One tree row as text: mark, indentation, arrow, name (escaped), link target; the size right-aligned. */
export function rowText(row: Row, width: number): {mark: string; body: string; size: string} {
	const n = row.node;
	const mark = n.change ? changeStyle[n.change].mark : ' ';
	const arrow = row.expandable ? (row.expanded ? '▾ ' : '▸ ') : '  ';
	let name = visibleName(n.name) + (n.children ? '/' : '');
	const target = n.entry?.linkTarget;
	if (target !== undefined && n.type === 'symlink') name += ` → ${visibleName(target)}`;
	if (target !== undefined && n.type === 'hardlink') name += ` ⇒ /${visibleName(target)}`;
	const size = n.type === 'file' || n.children ? imageSize(row.size) : '';
	const room = Math.max(4, width - 2 - sizeWidth - 1);
	const indent = '  '.repeat(Math.min(row.depth, 40));
	let body = truncateToWidth(`${indent}${arrow}${name}`, room, '…');
	body += ' '.repeat(Math.max(0, room - displayWidth(body)));
	return {mark, body, size: size.padStart(sizeWidth)};
}

function TreeRow(props: {row: Row; selected: boolean; width: number; /** A volume's files: no layer, so no change marks. */ plain?: boolean}) {
	const {row} = props;
	const text = rowText(row, props.width);
	if (props.plain) text.mark = ' ';
	const change = props.plain ? undefined : row.node.change;
	const style = change ? changeStyle[change] : undefined;
	return (
		<Text wrap="truncate" inverse={props.selected}>
			<Text color={style?.color} bold={Boolean(style)}>{`${text.mark} `}</Text>
			<Text color={change === 'removed' ? style?.color : undefined}>{text.body}</Text>
			<Text color={theme.dim}>{` ${text.size}`}</Text>
		</Text>
	);
}

function Tree(props: {s: FilesShown; screen: ImageScreen; height: number; width: number}) {
	const {s, screen, width} = props;
	const {tree, view, files, data, layer} = s;
	const top = useRef(0);
	const rowsHeight = Math.max(1, props.height - 3);
	const window = visibleWindow(tree, view, rowsHeight, top.current);
	top.current = window.top;
	const counts = changeCounts(tree);
	const step = screen.detail?.pairing.layers.find((row) => row.index === layer)?.step;

	const what = files.aggregate ? `whole filesystem: ${counts.files} files, ${imageSize(counts.bytes)}` : `changes: ${counts.added} added, ${counts.modified} modified, ${counts.removed} removed${counts.unchanged ? `, ${counts.unchanged} unchanged` : ''}`;
	// Sort and filter come first so they stay on screen in a narrow terminal.
	const header = (
		<Text key="h" wrap="truncate">
			{data.volume !== undefined ? (
				<Text bold color={theme.title}>{`Volume ${visible(data.volume)}`}</Text>
			) : (
				<>
					<Text bold color={theme.title}>{`Layer ${layer}`}</Text>
					<Text color={theme.dim}>{` of 0–${data.layerCount - 1}`}</Text>
				</>
			)}
			{'  sort: '}
			<Text color={theme.key}>{view.sort === 'name' ? 'name ↑' : 'size ↓'}</Text>
			{'  filter: '}
			<Text color={theme.key}>{view.filter}</Text>
			{`  ${what}`}
		</Text>
	);
	const warning = data.warnings[0];
	const sub = warning ? (
		<Line key="sub" color={theme.error}>{`⚠ ${visible(warning)}${data.warnings.length > 1 ? ` (+${data.warnings.length - 1} more)` : ''}`}</Line>
	) : (
		<Line key="sub" color={theme.dim}>
			{data.volume !== undefined ? `its files as the engine archives them (a helper container, read-only) · ${keyHint('files', 'extract')} extracts · ${keyHint('files', 'back')} back to Volumes` : step ? `$ ${visible(step.createdBy || (step.comment ? `# ${step.comment}` : ''))}` : `${data.diffIds[layer] ?? ''}`}
		</Line>
	);

	const rows = window.rows.map((row, i) => <TreeRow key={row.node.path} row={row} selected={window.top + i === view.cursor} width={width} plain={data.volume !== undefined} />);
	if (window.total === 0) {
		const empty = view.filter !== 'all' ? `Nothing ${view.filter} here (${keyHint('files', 'changeFilter')} changes the filter).` : files.aggregate ? 'The filesystem is empty at this layer.' : `This layer changes no files (${keyHint('files', 'aggregate')} shows the whole filesystem).`;
		rows.push(<Line key="empty" color={theme.dim}>{empty}</Line>);
	}
	const lines = [header, sub, ...rows];
	while (lines.length < props.height - 1) lines.push(<Line key={`pad-${lines.length}`} />);
	lines.push(<Status key="status" s={s} screen={screen} total={window.total} />);
	return <>{lines.slice(0, props.height)}</>;
}

function Status(props: {s: FilesShown; screen: ImageScreen; total: number}) {
	const {s} = props;
	const {files, tree, view} = s;
	if (files.mode === 'search') {
		const parts = fieldParts(fieldWindow(files.search, 60));
		const {count, current} = matchCount(tree, view, files.search.value);
		return (
			<Text wrap="truncate">
				<Text color={theme.key}>/</Text>
				{visible(parts.before)}
				<Text inverse>{visible(parts.at)}</Text>
				{visible(parts.after)}
				<Text color={files.notFound ? theme.error : theme.dim}>{files.search.value === '' ? '  type part of a path' : files.notFound ? '  no match' : `  match ${current} of ${count}`}</Text>
			</Text>
		);
	}
	if (files.notFound && files.query) return <Line color={theme.error}>{`no path contains "${visible(files.query)}"`}</Line>;
	const node = selected(tree, view);
	if (!node) return <Line />;
	return <Line color={theme.dim}>{details(s, node, props.total)}</Line>;
}

/** The selected row in one line: path, type, size, mode, owner, which layer stored it, what changed. */
function details(s: FilesShown, node: TreeNode, total: number): string {
	const parts = [`/${visibleName(node.path)}`];
	const entry = node.entry;
	if (node.children) parts.push(`${node.files} file${node.files === 1 ? '' : 's'}, ${imageSize(node.size)}`);
	else parts.push(`${typeName(node.type)}${node.type === 'file' ? ` ${node.size} bytes` : ''}`);
	if (entry) parts.push(`${modeString(entry)} ${entry.uid}:${entry.gid}`);
	if (node.change === 'modified' && entry) {
		const {model} = s.data;
		const at = s.layer > 0 ? model.find(node.path) : -1;
		const before = at < 0 ? -1 : versionAt(model, at, s.layer - 1);
		const what = before < 0 ? [] : entryDifferences(model.entryOf(before), entry);
		parts.push(`modified${what.length ? `: ${what.join(', ')}` : ''}`);
	} else if (node.change === 'unchanged') parts.push('stored again unchanged (the copy below is wasted)');
	else if (node.change && s.data.volume === undefined) parts.push(node.change);
	if (s.files.aggregate && node.layer !== undefined && !node.children && s.data.volume === undefined) parts.push(`from layer ${node.layer}`);
	parts.push(`row ${s.view.cursor + 1}/${total}`);
	return parts.join(' · ');
}

function percent(ratio: number): string {
	return `${(ratio * 100).toFixed(4)}%`;
}

function Waste(props: {s: FilesShown; height: number; width: number}) {
	const {s, width} = props;
	const report = wasteFor(s.data);
	const cursor = s.files.wasteCursor;
	const top = useRef(0);
	const listHeight = Math.max(1, props.height - 4);
	if (cursor < top.current) top.current = cursor;
	if (cursor >= top.current + listHeight) top.current = cursor - listHeight + 1;
	top.current = Math.max(0, Math.min(top.current, Math.max(0, report.wasted.length - listHeight)));
	const lines: React.ReactNode[] = [
		<Text key="a" wrap="truncate">
			<Text bold color={theme.title}>
				Wasted space
			</Text>
			{`  wastedBytes ${report.wastedBytes} (${imageSize(report.wastedBytes)}) of ${report.storedBytes} stored (${imageSize(report.storedBytes)})`}
		</Text>,
		<Line key="b">{`efficiency ${percent(report.efficiency)}  userWastedPercent ${percent(report.userWastedPercent)}  ${report.wastedCount} wasted cop${report.wastedCount === 1 ? 'y' : 'ies'}${report.wastedCount > report.wasted.length ? ` (biggest ${report.wasted.length} shown)` : ''}`}</Line>,
		<Line key="c" bold color={theme.header}>
			{`${'BYTES'.padStart(10)}  ${'ADDED IN'.padEnd(9)} ${'HIDDEN IN'.padEnd(20)} PATH`}
		</Line>,
	];
	if (report.wasted.length === 0) lines.push(<Line key="none">Nothing is wasted: every stored byte is in the final filesystem.</Line>);
	report.wasted.slice(top.current, top.current + listHeight).forEach((w, i) => {
		const index = top.current + i;
		const text = `${imageSize(w.bytes).padStart(10)}  ${`layer ${w.addedIn}`.padEnd(9)} ${`layer ${w.hiddenIn} ${w.hiddenBy}`.padEnd(20)} /${visibleName(w.path)}`;
		lines.push(
			<Line key={`w-${index}`} inverse={index === cursor}>
				{truncateToWidth(text, width, '…')}
			</Line>,
		);
	});
	while (lines.length < props.height - 1) lines.push(<Line key={`pad-${lines.length}`} />);
	lines.push(
		<Line key="hint" color={theme.dim}>
			enter shows the path in the layer that stored it · w or esc goes back to the tree
		</Line>,
	);
	return <>{lines.slice(0, props.height)}</>;
}
