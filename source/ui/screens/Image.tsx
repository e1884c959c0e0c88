import {Text} from 'ink';
import React, {useMemo} from 'react';
import type {HistoryItem} from '../../engine/types.js';
import {createdSince, historySize, imageSize} from '../../format/units.js';
import type {LayerRow} from '../../layers/history.js';
import {visible} from '../../text/sanitize.js';
import {cellText, shortId, type Column} from '../columns.js';
import {Line} from '../components/Line.js';
import {Table} from '../components/Table.js';
import {tabs, type ImageScreen as Screen} from '../model.js';
import {theme} from '../theme.js';
import {wrapText} from '../wrap.js';
import {JsonLine} from './json-lines.js';
import {FilterBadge, FilteredInspect} from '../components/FormatBox.js';
import {FilesTab} from './Files.js';
import {declaredVolumesText} from '../declared-volumes.js';
import type {RemoteFacts} from '../../engine/image-detail.js';

const tabTitles = {layers: 'Layers', history: 'History', inspect: 'Inspect', files: 'Files'} as const;
const detailLines = 4;

function layerColumns(holders?: string[][], remote?: RemoteFacts): Column<LayerRow>[] {
	// A registry image: the blob's compressed size from the manifest (its digest is under the table); SIZE (uncompressed, docker's) only once the layers are read.
	const unread = remote?.sizes === 'compressed';
	return [
		{title: '#', width: 3, align: 'right', priority: 0, cell: (row) => String(row.index)},
		{title: 'DIFF ID', width: 12, priority: 4, cell: (row) => shortId(row.diffId)},
		...(remote
			? [
					{title: 'COMPRESSED', width: 10, align: 'right' as const, priority: 1, cell: (row: LayerRow) => (remote.compressed[row.index] === undefined ? '?' : imageSize(remote.compressed[row.index]))},
				]
			: []),
		{title: 'SIZE', width: 8, align: 'right', priority: 0, cell: (row) => (row.size === undefined || unread ? '?' : imageSize(row.size))},
		{title: 'CUMULATIVE', width: 10, align: 'right', priority: 2, cell: (row) => (row.cumulativeSize === undefined || unread ? '?' : imageSize(row.cumulativeSize))},
		{title: 'CREATED BY', width: 12, flex: true, priority: 0, cell: (row) => stepText(row)},
		// How many other images hold the layer (source/ui/layer-holders.ts); '·' none, blank while not known.
		{title: 'SHARED', width: 6, align: 'right', priority: 3, cell: (row) => (holders ? (holders[row.index]?.length ? `+${holders[row.index].length}` : '·') : '')},
	];
}

/** Imported layers have no command; their comment says what they are. */
function stepText(row: LayerRow): string {
	if (!row.step) return '(no history step)';
	if (row.step.createdBy) return cellText(row.step.createdBy);
	return row.step.comment ? `# ${cellText(row.step.comment)}` : '';
}

interface HistoryRow {
	item: HistoryItem;
	metadataOnly: boolean;
}

function historyColumns(now: number, compressed: boolean): Column<HistoryRow>[] {
	return [
		{title: 'IMAGE', width: 12, priority: 3, cell: (row) => (row.item.Id === '<missing>' ? '<missing>' : shortId(row.item.Id))},
		{title: 'CREATED', width: 14, want: 18, priority: 2, cell: (row) => createdSince(row.item.Created, now)},
		{title: 'CREATED BY', width: 12, want: 40, flex: true, priority: 0, cell: (row) => `${row.metadataOnly ? '· ' : '▪ '}${cellText(row.item.CreatedBy)}`},
		// A registry image before its layers are read: the manifest's compressed sizes, said so in the header.
		{title: compressed ? 'COMPRESSED' : 'SIZE', width: compressed ? 10 : 8, align: 'right', priority: 0, cell: (row) => historySize(row.item.Size)},
		{title: 'COMMENT', width: 14, priority: 1, cell: (row) => cellText(row.item.Comment)},
	];
}

export function ImageScreen(props: {
	screen: Screen;
	height: number;
	width: number;
	/** The kept format filter (source/ui/format): the Inspect tab shows its output. */ formatFilter?: string;
	/** Per layer, the other local images holding it (source/ui/layer-holders.ts). */ holders?: string[][];
}) {
	const {screen, width} = props;
	const tabBar = (
		<Text wrap="truncate">
			{(screen.volume !== undefined ? (['files'] as const) : tabs).map((tab) => (
				<React.Fragment key={tab}>
					<Text inverse={tab === screen.tab} bold={tab === screen.tab} color={tab === screen.tab ? undefined : theme.dim}>
						{` ${tabTitles[tab]} `}
					</Text>
					{' '}
				</React.Fragment>
			))}
			<Text color={theme.dim}>{screen.volume !== undefined ? ` volume ${visible(screen.volume)}` : ` ${visible(screen.ref)}`}</Text>
			{props.formatFilter !== undefined ? <FilterBadge template={props.formatFilter} /> : null}
		</Text>
	);
	// Exactly props.height lines: the tab bar, then the body (none at all for 0).
	if (props.height <= 0) return null;
	const bodyHeight = props.height - 1;
	let body: React.ReactNode;
	if (screen.error) {
		body = <Body height={bodyHeight} lines={[<Line key="e" color={theme.error}>{visible(screen.error)}</Line>]} />;
	} else if (!screen.detail) {
		body = <Body height={bodyHeight} lines={[<Line key="l">Loading {visible(screen.ref)}…</Line>]} />;
	} else if (screen.tab === 'layers') {
		body = <LayersTab screen={screen} height={bodyHeight} width={width} holders={props.holders} />;
	} else if (screen.tab === 'files') {
		body = <FilesTab screen={screen} height={bodyHeight} width={width} />;
	} else if (screen.tab === 'history') {
		body = <HistoryTab screen={screen} height={bodyHeight} width={width} />;
	} else if (props.formatFilter !== undefined) {
		// A registry image before its layers are read: its sizes are the compressed ones, said so above the output.
		const note = screen.detail.remote?.sizes === 'compressed' ? "# registry image: .Size and .VirtualSize are compressed until the Files tab reads the layers" : undefined;
		body = <FilteredInspect template={props.formatFilter} raw={screen.detail.inspect.raw} top={screen.cursor.inspect} width={width} height={bodyHeight} note={note} />;
	} else {
		body = <InspectTab screen={screen} height={bodyHeight} />;
	}
	return (
		<>
			{tabBar}
			{body}
		</>
	);
}

function Body(props: {height: number; lines: React.ReactNode[]}) {
	const height = Math.max(0, props.height);
	const lines = props.lines.slice(0, height);
	while (lines.length < height) lines.push(<Line key={`pad-${lines.length}`} />);
	return <>{lines}</>;
}

/** The selected row's full text, wrapped, under the table. */
function Detail(props: {title: string; text: string; width: number; height: number}) {
	// Each paragraph (the step, then which images hold the layer) wrapped on its own.
	const room = Math.max(0, props.height - 1);
	const wrapped = props.text.split('\n').flatMap((paragraph) => wrapText(paragraph, Math.max(10, props.width - 2), room)).slice(0, room);
	const lines = [
		<Line key="t" color={theme.title} bold>
			{props.title}
		</Line>,
		...wrapped.map((line, index) => <Line key={index}>{`  ${line}`}</Line>),
	];
	return <Body height={props.height} lines={lines} />;
}

function LayersTab(props: {screen: Screen; height: number; width: number; holders?: string[][]}) {
	const {pairing, pairingSource, remote} = props.screen.detail!;
	const columns = useMemo(() => layerColumns(props.holders, remote), [props.holders, remote]);
	const cursor = props.screen.cursor.layers;
	const selected = pairing.layers[cursor];
	const detailHeight = props.height >= 12 ? detailLines + 2 : 0;
	const note = pairing.exact ? '' : pairingSource === 'config' ? '  (pairing guessed: the history has no empty_layer flags)' : '  (pairing inferred from sizes; reading the config…)';
	return (
		<>
			<Table columns={columns} rows={pairing.layers} cursor={cursor} height={props.height - detailHeight} width={props.width} empty="This image has no layers." />
			{detailHeight > 0 && selected ? (
				<Detail
					title={`layer ${selected.index}  ${cellText(selected.diffId)}${note}`}
					text={`${selected.step ? `${cellText(selected.step.createdBy)}${selected.step.comment ? `  # ${cellText(selected.step.comment)}` : ''}` : '(no history step for this layer)'}${remote ? remoteLayerText(remote, selected.index) : ''}${heldBy(props.holders?.[selected.index], remote ? 'tag of the repository' : 'local image')}${declaredVolumesText(props.screen.detail!.inspect.value)}`}
					width={props.width}
					height={detailHeight}
				/>
			) : detailHeight > 0 ? (
				<Body height={detailHeight} lines={[]} />
			) : null}
		</>
	);
}

/** The key under the table: which other images (local ones, or the repository's other tags) hold the selected layer (names already made visible). */
function heldBy(names: string[] | undefined, what: string): string {
	if (names === undefined) return '';
	if (names.length === 0) return `\nno other ${what} holds this layer`;
	return `\nalso in ${names.length} other image${names.length === 1 ? '' : 's'}: ${names.join(', ')}`;
}

/** A registry layer: its blob, and which size is which (a compressed size is never shown as if it were docker's). */
function remoteLayerText(remote: RemoteFacts, index: number): string {
	const blob = remote.blobDigests[index] ?? '';
	const compressed = remote.compressed[index];
	const note = remote.sizes === 'compressed' ? '; SIZE (uncompressed, as docker shows it) once the Files tab has read the layers' : '';
	return `\nblob ${cellText(blob)}  ${compressed === undefined ? '' : `${imageSize(compressed)} `}compressed${note}`;
}

function HistoryTab(props: {screen: Screen; height: number; width: number}) {
	const {history, pairing, steps} = props.screen.detail!;
	const rows = useMemo(() => {
		// The API lists newest first; pairing.stepLayer is oldest first.
		return history.map((item, index) => {
			const stepIndex = steps.length - 1 - index;
			return {item, metadataOnly: pairing.stepLayer[stepIndex] === undefined};
		});
	}, [history, pairing, steps]);
	const compressed = props.screen.detail!.remote?.sizes === 'compressed';
	const columns = useMemo(() => historyColumns(Date.now(), compressed), [history, compressed]);
	const cursor = props.screen.cursor.history;
	const selected = rows[cursor];
	const detailHeight = props.height >= 12 ? detailLines + 2 : 0;
	return (
		<>
			<Table columns={columns} rows={rows} cursor={cursor} height={props.height - detailHeight} width={props.width} />
			{detailHeight > 0 && selected ? (
				<Detail
					title={`${selected.metadataOnly ? 'metadata-only step (no layer)' : `step that made layer ${pairing.stepLayer[steps.length - 1 - cursor]}`}${selected.item.Id && selected.item.Id !== '<missing>' ? `  ${cellText(selected.item.Id)}` : ''}`}
					text={cellText(selected.item.CreatedBy)}
					width={props.width}
					height={detailHeight}
				/>
			) : null}
		</>
	);
}

function InspectTab(props: {screen: Screen; height: number}) {
	const top = props.screen.cursor.inspect;
	const lines = props.screen.inspectLines.slice(top, top + props.height);
	const rendered = lines.map((line, index) => <JsonLine key={top + index} line={line} />);
	return <Body height={props.height} lines={rendered} />;
}
