import {Box, Text, useApp, useInput, useStdout} from 'ink';
import React, {useEffect, useReducer, useRef} from 'react';
import type {Engine} from '../engine/engine.js';
import {imageSize} from '../format/units.js';
import {visible} from '../text/sanitize.js';
import {Footer} from './components/Footer.js';
import {Help} from './components/Help.js';
import {Line} from './components/Line.js';
import {Controller} from './controller.js';
import {contextOf} from './input.js';
import {keyName} from './keymap.js';
import {ContainersScreen} from './screens/Containers.js';
import {ImageScreen} from './screens/Image.js';
import {ImagesScreen} from './screens/Images.js';
import {initialState, reduce, type State} from './state.js';
import {theme} from './theme.js';

export interface AppProps {
	engine: Engine;
	/** For tests: no controller, state driven by hand. */
	controller?: Controller | null;
	initial?: Partial<State>;
	onExit?(state: State): void;
}

const sortLabel = {created: 'created ↓', size: 'size ↓', name: 'name ↑'} as const;

export function App(props: AppProps) {
	const {stdout} = useStdout();
	const app = useApp();
	const size = () => ({width: stdout?.columns || 80, height: stdout?.rows || 24});
	const [state, dispatch] = useReducer(reduce, undefined, () => ({...initialState(size().width, size().height), ...props.initial}));
	const controller = useRef<Controller | null>(null);

	useEffect(() => {
		if (props.controller === null) return;
		const instance = props.controller ?? new Controller(props.engine, dispatch);
		controller.current = instance;
		instance.start();
		return () => instance.stop();
	}, []);

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

	useInput((input, key) => {
		dispatch({type: 'key', press: {name: keyName(input, key), input, ctrl: key.ctrl, meta: key.meta}});
	});

	const {width, height} = state;
	// Ink redraws everything when a frame fills the terminal: stay one line short.
	const frameHeight = Math.max(3, height - 1);
	const context = contextOf(state);
	const bannerLines = state.banner ? visible(state.banner.split('\n')[0]) : undefined;
	const showFilter = state.view === 'images' && (state.filterEditing || Boolean(state.filter));
	const chrome = 2 + (bannerLines ? 1 : 0) + (showFilter ? 1 : 0);
	const bodyHeight = Math.max(1, frameHeight - chrome);

	let body: React.ReactNode;
	if (state.help) body = <Help height={bodyHeight} />;
	else if (state.view === 'image' && state.image) body = <ImageScreen screen={state.image} height={bodyHeight} width={width} />;
	else if (state.view === 'containers') body = <ContainersScreen containers={state.containers} cursor={state.containerCursor} height={bodyHeight} width={width} />;
	else body = <ImagesScreen rows={state.visible} cursor={state.cursor} layerCounts={state.layerCounts} height={bodyHeight} width={width} loaded={state.loaded} filter={state.filter} />;

	const title =
		state.view === 'containers'
			? `Containers (${state.containers.length})`
			: state.view === 'image' && state.image
				? imageTitle(state.image)
				: `Images (${state.filter ? `${state.visible.length} of ${state.rows.length}` : state.rows.length})  sort: ${sortLabel[state.sort]}`;

	return (
		<Box flexDirection="column" height={frameHeight} width={width}>
			<Text wrap="truncate">
				<Text bold color={theme.title}>
					imgscope
				</Text>
				<Text>{`  ${title}`}</Text>
				<Text color={theme.dim}>{`  ${props.engine.endpoint.url}`}</Text>
			</Text>
			{bannerLines ? (
				<Line color={theme.error} bold>
					{`⚠ ${bannerLines}  (retrying…)`}
				</Line>
			) : null}
			{showFilter ? (
				<Text wrap="truncate">
					<Text color={theme.key}>/</Text>
					<Text>{visible(state.filter)}</Text>
					{state.filterEditing ? <Text inverse> </Text> : <Text color={theme.dim}>{'  (/ edits, esc clears)'}</Text>}
				</Text>
			) : null}
			{body}
			<Footer context={context} />
		</Box>
	);
}

function imageTitle(screen: NonNullable<State['image']>): string {
	const value = screen.detail?.inspect.value;
	if (!value) return `Image ${visible(screen.ref)}`;
	const layers = value.RootFS?.Layers?.length ?? 0;
	const platform = [value.Os, value.Architecture].filter(Boolean).join('/');
	return `Image ${visible(screen.ref)}  ${value.Id.replace(/^sha256:/, '').slice(0, 12)}  ${layers} layer${layers === 1 ? '' : 's'}  ${imageSize(Number(value.Size ?? 0))}  ${platform}`;
}
