/**
 * The Files tab's part of the explorer's state and its reducer. The tab
 * keeps everything in `ImageScreen.files` (a pure value); the tree data (the
 * layer model, read once per image by loader.ts) sits in it by reference.
 * Keys reach here through the keymap table (contexts `files`, `filesLoading`,
 * `filesSearch`, `filesWaste`) and input.ts, like every other key.
 */
import type {FileTree} from '../../layers/tree.js';
import {baseName} from '../../layers/paths.js';
import {visible, visibleName} from '../../text/sanitize.js';
import type {Context} from '../key-names.js';
import {form} from '../overlays/form.js';
import type {ImageScreen, Msg, State} from '../model.js';
import {treeHeight} from '../layout.js';
import {editField, insertText, textField} from '../text-field.js';
import {type FilesData, treeFor, versionFor, wasteFor} from './data.js';
import {type TreeView, collapse, collapseAll, expand, expandAll, initialView, move, nextFilter, reveal, selected, setFilter, setSort, toggle} from './model.js';
import {search} from './search.js';
import type {FilesEvent, FilesScreen} from './types.js';

export function emptyFiles(): FilesScreen {
	return {load: {status: 'idle'}, aggregate: false, mode: 'tree', search: textField(), query: '', notFound: false, wasteCursor: 0};
}

/** Rows of the tree on screen (counted in source/ui/layout.ts with the other pages). */
export {treeHeight};

/** The layer the Files tab shows: the one selected in the Layers tab (0-based, as in RootFS.Layers). */
export function selectedLayer(screen: ImageScreen): number {
	const rows = screen.detail?.pairing.layers;
	return rows?.[screen.cursor.layers]?.index ?? screen.cursor.layers;
}

/** Which keymap context the Files tab is in. */
export function filesContext(screen: ImageScreen): Context {
	const files = screen.files;
	if (!files || files.load.status === 'idle' || files.load.status === 'reading') return 'filesLoading';
	if (files.load.status !== 'ready') return 'files';
	if (files.mode === 'search') return 'filesSearch';
	if (files.mode === 'waste') return 'filesWaste';
	return 'files';
}

export interface FilesShown {
	files: FilesScreen;
	data: FilesData;
	layer: number;
	tree: FileTree;
	view: TreeView;
	key: string;
}

const derived = new WeakMap<FilesScreen, Map<string, TreeView>>();

/**
 * The data, tree and view the tab shows now. The view is made (once, and
 * remembered) when the layer or the mode changed since it was stored: a new
 * tree keeps the sort and filter, and the cursor's path when the new tree has it.
 */
export function shown(screen: ImageScreen): FilesShown | undefined {
	const files = screen.files;
	if (files?.load.status !== 'ready') return undefined;
	const data = files.load.data;
	const layer = selectedLayer(screen);
	const tree = treeFor(data, layer, files.aggregate);
	const key = `${files.aggregate ? 'fs' : 'changes'}:${layer}`;
	if (files.view && files.viewKey === key) return {files, data, layer, tree, view: files.view, key};
	let byKey = derived.get(files);
	if (!byKey) derived.set(files, (byKey = new Map()));
	let view = byKey.get(key);
	if (!view) {
		const previous = files.view;
		view = initialView(tree, {sort: previous?.sort, filter: previous?.filter});
		if (previous?.cursorPath !== undefined && tree.find(previous.cursorPath)) view = reveal(tree, view, previous.cursorPath);
		byKey.set(key, view);
	}
	return {files, data, layer, tree, view, key};
}

function withFiles(state: State, files: FilesScreen, image: ImageScreen = state.image!): State {
	return {...state, image: {...image, files}};
}

function withView(state: State, s: FilesShown, view: TreeView, extra: Partial<FilesScreen> = {}): State {
	return withFiles(state, {...s.files, view, viewKey: s.key, ...extra});
}

/** Control characters and the like become `_` in a suggested file name (the user can still type anything). */
export function safeFileName(name: string): string {
	const clean = name.replace(/[\x00-\x1f\x7f-\x9f\u2028\u2029\p{Cf}\p{Cs}/\\]/gu, '_');
	return clean === '' || clean === '.' || clean === '..' ? 'extracted' : clean;
}

export function reduceFiles(state: State, event: FilesEvent, step: (state: State, msg: Msg) => State): State {
	const screen = state.image;
	if (!screen) return state;
	const files = screen.files ?? emptyFiles();

	// Reading the archive (from loader.ts).
	switch (event.type) {
		case 'readStart':
			if (screen.id !== event.imageId) return state;
			return withFiles(state, {...files, load: {status: 'reading', token: event.token}});
		case 'progress':
			if (screen.id !== event.imageId || files.load.status !== 'reading' || files.load.token !== event.token) return state;
			return withFiles(state, {...files, load: {status: 'reading', token: event.token, progress: event.progress}});
		case 'ready':
			if (screen.id !== event.imageId) return state;
			return withFiles(state, {...files, load: {status: 'ready', data: event.data}});
		case 'readFailed':
			if (screen.id !== event.imageId || files.load.status !== 'reading' || files.load.token !== event.token) return state;
			return withFiles(state, {...files, load: {status: 'error', message: event.message}});
		case 'cancel':
			if (files.load.status === 'idle') return withFiles(state, {...files, load: {status: 'cancelled'}});
			if (files.load.status !== 'reading') return state;
			return withFiles(state, {...files, load: {status: 'cancelled', enginePreparing: !(files.load.progress?.bytesRead && files.load.progress.bytesRead > 0)}});
		case 'retry':
			return files.load.status === 'cancelled' || files.load.status === 'error' ? withFiles(state, {...files, load: {status: 'idle'}}) : state;
		case 'layer': {
			const count = files.load.status === 'ready' ? files.load.data.layerCount : (screen.detail?.pairing.layers.length ?? 0);
			const next = Math.max(0, Math.min(count - 1, screen.cursor.layers + event.delta));
			if (next === screen.cursor.layers) return state;
			return {...state, image: {...screen, cursor: {...screen.cursor, layers: next}}};
		}
	}

	const s = shown(screen);
	if (!s) return state;
	const {tree, view} = s;

	if (files.mode === 'waste') {
		const report = wasteFor(s.data);
		const length = report.wasted.length;
		switch (event.type) {
			case 'move': {
				const page = Math.max(1, treeHeight(state.height) - 3);
				const c = files.wasteCursor;
				const to = event.to;
				const target = to === 'up' ? c - 1 : to === 'down' ? c + 1 : to === 'pageUp' ? c - page : to === 'pageDown' ? c + page : to === 'top' ? 0 : length - 1;
				return withFiles(state, {...files, wasteCursor: Math.max(0, Math.min(length - 1, target))});
			}
			case 'waste':
				return withFiles(state, {...files, mode: 'tree'});
			case 'wasteShow': {
				const item = report.wasted[files.wasteCursor];
				if (!item) return state;
				// Show the path in the layer that stored the wasted copy.
				const rows = screen.detail?.pairing.layers ?? [];
				const position = rows.findIndex((row) => row.index === item.addedIn);
				const image = {...screen, cursor: {...screen.cursor, layers: position >= 0 ? position : item.addedIn}};
				const layerTree = treeFor(s.data, item.addedIn, false);
				const fresh = reveal(layerTree, initialView(layerTree, {sort: view.sort}), item.path);
				return withFiles(state, {...files, mode: 'tree', aggregate: false, view: fresh, viewKey: `changes:${item.addedIn}`}, image);
			}
		}
		return state;
	}

	if (files.mode === 'search') {
		switch (event.type) {
			case 'searchKey': {
				const field = editField(files.search, event.name) ?? (event.text ? insertText(files.search, event.text) : undefined);
				if (!field || field === files.search) return state;
				const query = field.value;
				if (query === '') {
					const back = files.searchOrigin === undefined ? view : reveal(tree, view, files.searchOrigin);
					return withView(state, s, back, {search: field, query, notFound: false});
				}
				const found = search(tree, view, query, {from: files.searchOrigin, inclusive: true});
				return withView(state, s, found.view, {search: field, query, notFound: !found.found});
			}
			case 'searchAccept':
				return withView(state, s, view, {mode: 'tree', query: files.search.value});
			case 'searchCancel': {
				const back = files.searchOrigin === undefined ? view : reveal(tree, view, files.searchOrigin);
				return withView(state, s, back, {mode: 'tree', search: textField(), query: '', notFound: false});
			}
		}
		return state;
	}

	switch (event.type) {
		case 'move':
			return withView(state, s, move(tree, view, event.to, treeHeight(state.height)));
		case 'toggle':
			return withView(state, s, toggle(tree, view));
		case 'expand':
			return withView(state, s, expand(tree, view));
		case 'collapse':
			return withView(state, s, collapse(tree, view));
		case 'expandAll':
			return withView(state, s, expandAll(tree, view));
		case 'collapseAll':
			return withView(state, s, collapseAll(tree, view));
		case 'sort':
			return withView(state, s, setSort(tree, view, view.sort === 'name' ? 'size' : 'name'));
		case 'filter':
			return withView(state, s, setFilter(tree, view, nextFilter(view.filter)));
		case 'aggregate':
			// The view of the other tree is made from this one (sort, filter, cursor path) by shown().
			return withView(state, s, view, {aggregate: !files.aggregate});
		case 'searchStart':
			return withView(state, s, view, {mode: 'search', search: textField(), searchOrigin: view.cursorPath, notFound: false});
		case 'searchNext': {
			if (files.query === '') return state;
			const found = search(tree, view, files.query, {direction: event.direction});
			return withView(state, s, found.view, {notFound: !found.found});
		}
		case 'waste':
			return withView(state, s, view, {mode: 'waste'});
		case 'extract':
			return startExtract(state, s, step);
	}
	return state;
}

function startExtract(state: State, s: FilesShown, step: (state: State, msg: Msg) => State): State {
	const node = selected(s.tree, s.view);
	if (!node) return state;
	if (s.data.volume !== undefined) return startVolumeExtract(state, s.data.volume, node, step);
	const removed = !s.files.aggregate && node.change === 'removed';
	const version = versionFor(s.data, node.path, s.layer, removed);
	const shownPath = visibleName(node.path);
	if (!version || node.children || (version.entry.type !== 'file' && version.entry.type !== 'hardlink')) {
		const what = node.children ? 'a directory' : version ? `a ${version.entry.type}` : 'not stored in this layer';
		return step(state, {type: 'notice', level: 'error', text: `${shownPath} is ${what}: only regular files can be extracted`});
	}
	const layer = version.layer;
	const title = `Extract ${shownPath} (${version.entry.size} bytes) from layer ${layer}${removed ? `, as it was before layer ${s.layer} removed it` : ''}`;
	const overlay = {
		kind: 'form' as const,
		form: form('extract', title, [{name: 'dest', label: 'Save as', value: safeFileName(baseName(node.path)), hint: 'a path inside the current directory (an existing directory keeps the name)'}], {
			imageId: s.data.imageId,
			ref: state.image!.ref,
			layer: String(layer),
			path: node.path,
			blobPath: s.data.blobPaths[layer] ?? '',
			// Visible in the final filesystem: the engine can copy it out of a created container.
			final: version.hiddenAt === undefined ? '1' : '',
		}),
	};
	return step(state, {type: 'openOverlay', overlay});
}

/** x on a volume's file: the Volumes list's extract form (extractVolumeFile), the path filled in. */
function startVolumeExtract(state: State, volume: string, node: {path: string; children?: unknown; type: string; size: number}, step: (state: State, msg: Msg) => State): State {
	const shownPath = visible(node.path);
	if (node.children || (node.type !== 'file' && node.type !== 'hardlink')) {
		return step(state, {type: 'notice', level: 'error', text: `${shownPath} is ${node.children ? 'a directory' : `a ${node.type}`}: only regular files can be extracted`});
	}
	const overlay = {
		kind: 'form' as const,
		form: form(
			'extractVolumeFile',
			`Extract ${shownPath} (${node.size} bytes) from volume ${visible(volume)}`,
			[
				{name: 'path', label: 'File', value: node.path, hint: 'the path in the volume'},
				{name: 'dest', label: 'Save as', value: safeFileName(baseName(node.path)), hint: 'a path inside the current directory (never over a file)'},
			],
			{name: volume},
		),
	};
	return step(state, {type: 'openOverlay', overlay: {...overlay, form: {...overlay.form, focus: 1}}});
}
