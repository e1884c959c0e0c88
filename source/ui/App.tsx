import {Box, Text, useApp, useInput, useStdout} from 'ink';
import React, {useEffect, useMemo, useReducer, useRef, useState} from 'react';
import type {ExplorerSettings} from '../config/explorer.js';
import {withoutDaemon, type ImageSource} from '../engine/image-source.js';
import type {RegistrySource} from '../engine/registry-source.js';
import {imageSize} from '../format/units.js';
import {visible} from '../text/sanitize.js';
import {Footer} from './components/Footer.js';
import {Help} from './components/Help.js';
import {Line} from './components/Line.js';
import {Controller} from './controller.js';
import {OverlayView} from './components/OverlayView.js';
import {runEffect} from './effects.js';
import type {EffectContext} from './actions/types.js';
import type {Suspend} from './actions/terminal.js';
import type {MouseInput} from './mouse-input.js';
import {contextOf} from './input.js';
import {keyHint, keyName, unavailable} from './keymap.js';
import {ImageScreen} from './screens/Image.js';
import {layerHolders} from './layer-holders.js';
import {ListScreen} from './screens/List.js';
import {ContainerScreen} from './screens/Container.js';
import {initialState, layout, reduce, shownList} from './state.js';
import type {State} from './model.js';
import {useFilesLoader} from './files/loader.js';
import {readHistory} from './format/history-file.js';
import {can} from './lists/capability.js';
import {specOf} from './lists/registry.js';
import {listTitle} from './lists/title.js';
import {theme} from './theme.js';
import {Engine} from '../engine/engine.js';
import {contextEndpoint} from '../engine/contexts.js';
import {loadEngines} from './engines-feed.js';

export interface AppProps {
	/** The engine, or an archive read without one (source/engine/archive-engine.ts). */
	engine: ImageSource;
	/** For tests: no controller, state driven by hand. */
	controller?: Controller | null;
	initial?: Partial<State>;
	onExit?(state: State): void;
	/** Gives the real terminal to other work (an attached container) and redraws after. */
	suspend?: Suspend;
	/** Pick-then-pipe (stdout is not a terminal): Enter picks an image's output, kept in the final state's `pick`. */
	pick?: boolean;
	/** Filled with a function that draws the whole frame again (after Ctrl+Z and fg: ui/job-control.ts). */
	redraw?: {current?: () => void};
	/** The config's settings (source/config/explorer.ts); run.tsx applied the theme, keys, sort, screen mode and mouse; `confirm` goes into the state, for the reducer to ask before a question. */
	settings?: ExplorerSettings;
	/** The terminal's mouse reports (source/ui/mouse-input.ts), taken off the input before Ink reads it. */
	mouse?: MouseInput;
}

export function App(props: AppProps) {
	const {stdout, write: writeStdout} = useStdout();
	if (props.redraw) props.redraw.current = () => writeStdout('');
	const app = useApp();
	const size = () => ({width: stdout?.columns || 80, height: stdout?.rows || 24});
	const [state, dispatch] = useReducer(reduce, undefined, () => ({...initialState(size().width, size().height), ...(props.pick ? {pick: {}} : {}), ...(props.engine.kind !== 'engine' ? {archive: props.engine.label} : {}), ...(props.engine.kind === 'registry' ? {remote: props.engine.label, pullTo: (props.engine as RegistrySource).pullTo?.label} : {}), ...(props.mouse ? {mouse: props.mouse.on} : {}), ...(props.settings ? {confirm: props.settings.confirm} : {}), ...props.initial}));
	// The engine shown: the one given, until the Engines list switches to another.
	const [source, setSource] = useState<ImageSource>(props.engine);
	const controller = useRef<Controller | null>(null);
	const latest = useRef(state);
	latest.current = state;
	const lifetime = useRef(new AbortController());
	const effectsTaken = useRef(0);

	useEffect(() => () => lifetime.current.abort(), []);

	// The format box's earlier templates, from the history file (source/ui/format/history-file.ts).
	useEffect(() => {
		void readHistory().then((entries) => {
			if (!lifetime.current.signal.aborted && entries.length) dispatch({type: 'format', msg: {kind: 'history', entries}});
		});
	}, []);

	// Effects the reducer queued (a submitted form, a confirmed removal): taken once each, in order.
	useEffect(() => {
		const fresh = state.effects.filter((effect) => effect.id > effectsTaken.current);
		if (!fresh.length) return;
		effectsTaken.current = fresh[fresh.length - 1].id;
		dispatch({type: 'effectsTaken', upTo: effectsTaken.current});
		const context: EffectContext = {engine: source.daemon ?? withoutDaemon(), source, useEngine: (name) => switchEngine(name), switchPlatform, openTag, platformMenu, pullRemote, useSource: (next, open) => {
			dispatch({type: 'remoteOpened', label: next.label, open, pullTo: next.kind === 'registry' ? (next as RegistrySource).pullTo?.label : undefined});
			setSource(next);
		}, pullEngine: () => (source.kind === 'registry' ? (source as RegistrySource).engineForPull() : undefined), showLocal: (engine, select) => {
			dispatch({type: 'localOpened', label: engine.label, select});
			setSource(engine);
		}, dispatch, getState: () => latest.current, signal: lifetime.current.signal, suspend: props.suspend && ((work) => props.suspend!(work).finally(() => writeStdout(''))), setMouse: props.mouse && ((on) => props.mouse!.set(on))};
		for (const effect of fresh) void runEffect(effect, context);
	}, [state.effects]);

	useEffect(() => {
		if (props.controller === null) return;
		// A switch of engine stops the old controller (its requests, its events, its connections) before the new one starts.
		const instance = props.controller && source === props.engine ? props.controller : new Controller(source, dispatch);
		controller.current = instance;
		instance.start();
		return () => instance.stop();
	}, [source]);

	// The docker contexts for the Engines list, read when it is first shown and on each visit.
	useEffect(() => {
		if (state.view !== 'engines') return;
		const abort = new AbortController();
		void loadEngines(dispatch, abort.signal);
		return () => abort.abort();
	}, [state.view === 'engines']);

	const switchEngine = (name: string) => {
		try {
			const next = new Engine(contextEndpoint(name));
			dispatch({type: 'engineSwitched', name});
			setSource(next);
		} catch (error) {
			dispatch({type: 'notice', text: `${name}: ${error instanceof Error ? error.message : String(error)}`, level: 'error'});
		}
	};

	// A registry source's tag: `ref` (repository:tag) or a bare tag of the Tags list.
	const remoteTarget = (remote: RegistrySource, target: {ref?: string; tag?: string}) => target.ref ?? (target.tag !== undefined ? `${remote.repository.ref.repository}:${target.tag}` : undefined);

	// O: the tag's platforms (os.version, variant, stored size; attestations listed, not offered), the one shown first.
	const platformMenu = (target: {ref?: string; tag?: string}) => {
		if (source.kind !== 'registry') return;
		const remote = source as RegistrySource;
		const ref = remoteTarget(remote, target);
		if (!ref) return;
		void remote.platformChoices(ref, lifetime.current.signal).then(
			async ({reference, index, choices}) => {
				const {choiceLabel} = await import('../registry/platform-choices.js');
				const shown = remote.currentPlatform();
				const offered = choices.filter((choice) => choice.role === 'image');
				if (!index && offered.length <= 1) {
					dispatch({type: 'notice', text: `${reference} has one platform: ${offered.length ? choiceLabel(offered[0]) : 'none'}`, level: 'info'});
					return;
				}
				const items = choices.map((choice) => ({label: `${choice.name === shown ? '• ' : '  '}${visible(choiceLabel(choice))}`, disabled: choice.role === 'image' ? undefined : `${choice.role === 'attestation' ? 'an attestation' : 'an artifact'}, not a platform`, pick: {type: 'effect' as const, effect: {kind: 'platform' as const, platform: choice.name}}}));
				const initial = Math.max(0, choices.findIndex((choice) => choice.name === shown));
				dispatch({type: 'openOverlay', overlay: {kind: 'menu', menu: {title: `Platform of ${visible(reference)}  (index ${index?.slice(7, 19) ?? ''}; sizes: layers + config, compressed)`, items, initial}}});
			},
			(error) => dispatch({type: 'notice', text: `platforms: ${error instanceof Error ? error.message : String(error)}`, level: 'error'}),
		);
	};

	// P on a registry source's tag: the pull form, its reference and platform filled in (the pull itself is ui/actions/transfer.ts's).
	const pullRemote = (target: {ref?: string; tag?: string}) => {
		if (source.kind !== 'registry') return;
		const remote = source as RegistrySource;
		const reference = remoteTarget(remote, target);
		if (!reference) return;
		void import('./actions/transfer.js').then(({pullForm}) => dispatch({type: 'openOverlay', overlay: pullForm({reference, platform: remote.currentPlatform() ?? ''}, remote.pullTo?.label)}));
	};

	// A registry source: another platform; the list and the open image are read again for it.
	const switchPlatform = (next: string) => {
		if (source.kind !== 'registry') return;
		const remote = source as RegistrySource;
		if (next === remote.currentPlatform() && remote.platform) return;
		remote.setPlatform(next);
		dispatch({type: 'notice', text: `platform ${next}`, level: 'info'});
		void controller.current?.reload();
		if (latest.current.view === 'tags') void remote.tagRows(lifetime.current.signal).then((rows) => dispatch({type: 'data', data: {remoteTags: rows}}), () => undefined);
		const open = latest.current.image;
		if (open) {
			void remote.find(open.ref, lifetime.current.signal).then(
				(image) => {
					dispatch({type: 'imageSwapped', ref: open.ref, id: image.manifest.config.digest});
					void controller.current?.openImage(open.ref);
				},
				(error) => dispatch({type: 'detailError', ref: open.ref, message: error instanceof Error ? error.message : String(error)}),
			);
		}
	};

	// A registry source's Tags list: read when shown (each tag's digest, type, size, platforms, created), again for another platform.
	useEffect(() => {
		if (state.view !== 'tags' || source.kind !== 'registry') return;
		const remote = source as RegistrySource;
		const abort = new AbortController();
		void remote.tagRows(abort.signal).then(
			(rows) => dispatch({type: 'data', data: {remoteTags: rows}}),
			(error) => abort.signal.aborted || dispatch({type: 'notice', text: `tags: ${error instanceof Error ? error.message : String(error)}`, level: 'error'}),
		);
		return () => abort.abort();
	}, [state.view === 'tags', source]);

	const openTag = (tag: string) => {
		if (source.kind !== 'registry') return;
		const remote = source as RegistrySource;
		void remote.resolve(tag, lifetime.current.signal).then(
			(image) => dispatch({type: 'remoteOpened', label: remote.label, open: {ref: image.reference.ref.reference, id: image.manifest.config.digest}}),
			(error) => dispatch({type: 'notice', text: `${tag}: ${error instanceof Error ? error.message : String(error)}`, level: 'error'}),
		);
	};

	useEffect(() => props.mouse?.listen((event) => dispatch({type: 'mouse', event})), [props.mouse]);

	useEffect(() => {
		if (!stdout) return;
		const onResize = () => dispatch({type: 'resize', ...size()});
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout]);

	useEffect(() => {
		if (state.quit) {
			props.onExit?.(state);
			app.exit();
		}
	}, [state.quit]);

	// Opening an image loads it; the reducer only records which one.
	useEffect(() => {
		if (state.image && !state.image.detail && !state.image.error) void controller.current?.openImage(state.image.ref);
	}, [state.image?.ref]);

	// The Files tab reads the image's archive (with progress; Esc cancels) when it is first shown.
	useFilesLoader(source, state.view === 'image' ? state.image : undefined, dispatch);

	// A registry image whose layers were just read: its detail again, with docker's sizes instead of the compressed ones.
	const filesReady = state.image?.files?.load.status === 'ready';
	useEffect(() => {
		if (!filesReady || source.kind !== 'registry' || state.image?.detail?.remote?.sizes !== 'compressed') return;
		if ((source as RegistrySource).sizesKnown(state.image.id)) void controller.current?.openImage(state.image.ref);
	}, [filesReady, state.image?.id, state.image?.detail]);

	useInput((input, key) => {
		// Esc and a key in one chunk (typed fast, or sent by tmux) reach us as Alt+key: no binding
		// uses Alt, so it is the two keys it was ("Esc q" closes the help, then quits).
		if (key.meta && !key.escape && !key.ctrl && input.length > 0 && !input.startsWith('\x1b')) {
			dispatch({type: 'key', press: {name: 'escape', input: '\x1b', meta: true}});
			dispatch({type: 'key', press: {name: keyName(input, {...key, meta: false}), input, ctrl: false, meta: false}});
			return;
		}
		dispatch({type: 'key', press: {name: keyName(input, key), input, ctrl: key.ctrl, meta: key.meta}});
	});

	const {width, height} = state;
	const context = contextOf(state);
	const shown = layout(state);
	const bannerLines = state.banner && shown.banner ? visible(state.banner.split('\n')[0]) : undefined;
	const showFilter = shown.filter;
	const bodyHeight = shown.body;

	const list = shownList(state);
	const spec = list ? specOf(list) : undefined;
	const listState = list ? state.lists[list] : undefined;
	// What the screen shown reads (its list's feeds and reads; an open image's Layers tab: the inspect documents): the controller loads the costly feeds and the inspects only for it.
	const reads = [...new Set([...(spec?.feeds ?? []), ...(spec?.reads?.(state) ?? []), ...(state.view === 'image' ? (['inspects'] as const) : [])])];
	useEffect(() => controller.current?.show(reads), [source, reads.join(' ')]);
	// What the source cannot do (an archive: nothing that needs a daemon) stays out of the footer.
	const hidden = useMemo(() => unavailable((need) => can(state, need)), [state.archive, state.remote, state.pullTo]);
	// The Layers tab's sharing marks, from the inspect documents the list read.
	const openDiffIds = state.image?.detail?.inspect.value.RootFS?.Layers;
	const holders = useMemo(
		() => (state.image && openDiffIds ? layerHolders(state.image.id, openDiffIds, state.data.images, state.format.docs) : undefined),
		[state.image?.id, openDiffIds, state.data.images, state.format.docs],
	);

	let body: React.ReactNode;
	if (state.help) body = <Help height={bodyHeight} first={contextOf({...state, help: false})} top={state.helpTop} />;
	else if (state.overlay) body = <OverlayView overlay={state.overlay} height={bodyHeight} width={width} onPick={(id, index) => dispatch({type: 'menuPick', id, index})} />;
	else if (state.view === 'image' && state.image) body = <ImageScreen screen={state.image} height={bodyHeight} width={width} formatFilter={state.format.filter} holders={holders} />;
	else if (state.view === 'container' && state.container) body = <ContainerScreen screen={state.container} height={bodyHeight} />;
	else if (spec) body = <ListScreen spec={spec} state={state} height={bodyHeight} width={width} />;

	const title = spec && listState ? listTitle(spec, listState, spec.titleExtra?.(state)) : state.view === 'image' && state.image ? imageTitle(state.image) : state.container ? containerTitle(state.container) : '';

	// Ink redraws everything when a frame fills the terminal: the frame stays one line short.
	return (
		<Box flexDirection="column" height={Math.max(3, height - 1)} width={width}>
			<Text wrap="truncate">
				<Text bold color={theme.title}>
					imgscope
				</Text>
				<Text>{`  ${title}`}</Text>
				<Text color={theme.dim}>{`  ${source.kind === 'archive' ? `archive ${visible(source.label)}` : source.kind === 'registry' ? `registry ${visible(source.label)}` : `${state.context ? `context ${visible(state.context)}  ` : ''}${source.label}`}`}</Text>
			</Text>
			{bannerLines ? (
				<Line color={theme.error} bold>
					{`⚠ ${bannerLines}  (retrying…)`}
				</Line>
			) : null}
			{showFilter ? (
				<Text wrap="truncate">
					<Text color={theme.key}>/</Text>
					<Text>{visible(listState?.filter ?? '')}</Text>
					{listState?.filterEditing ? <Text inverse> </Text> : <Text color={theme.dim}>{`  (${keyHint(context, 'filter')} edits, ${keyHint(context, 'filterClear')} clears)`}</Text>}
				</Text>
			) : null}
			{body}
			{state.notice && shown.notice ? (
				<Line color={state.notice.level === 'error' ? theme.error : theme.accent}>{`${state.notice.level === 'error' ? '✗' : '✓'} ${visible(state.notice.text.split('\n')[0])}`}</Line>
			) : null}
			<Footer context={context} width={width} hidden={hidden} note={state.pick ? 'pick mode: enter writes to stdout, q cancels' : undefined} />
		</Box>
	);
}

function containerTitle(screen: NonNullable<State['container']>): string {
	const count = screen.lines ? `  line ${screen.top + 1} of ${screen.lines.length}` : '';
	return `Container ${visible(screen.name)}  ${visible(screen.id.slice(0, 12))}${count}`;
}

function imageTitle(screen: NonNullable<State['image']>): string {
	if (screen.volume !== undefined) return `Volume ${visible(screen.volume)}  files`;
	const value = screen.detail?.inspect.value;
	if (!value) return `Image ${visible(screen.ref)}`;
	const layers = value.RootFS?.Layers?.length ?? 0;
	// Everything here comes from the engine (a hostile image's config can carry escapes).
	const platform = [value.Os, value.Architecture, value.Variant].filter(Boolean).map((part) => visible(String(part))).join('/');
	const id = [...visible(String(value.Id ?? '')).replace(/^sha256:/, '')].slice(0, 12).join('');
	// A registry image before its layers are read: the size is the compressed one, said so.
	const compressed = screen.detail?.remote?.sizes === 'compressed' ? ' compressed' : '';
	return `Image ${visible(screen.ref)}  ${id}  ${layers} layer${layers === 1 ? '' : 's'}  ${imageSize(Number(value.Size ?? 0))}${compressed}  ${platform}`;
}
