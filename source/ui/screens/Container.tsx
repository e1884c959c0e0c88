import React from 'react';
import {Line} from '../components/Line.js';
import type {ContainerScreen as Screen} from '../model.js';
import {theme} from '../theme.js';
import {JsonLine} from './json-lines.js';

/** An open container: its inspect JSON as docker prints it (daemon key order, 4 spaces), coloured, from line `top`. */
export function ContainerScreen(props: {screen: Screen; height: number}) {
	const {screen} = props;
	const lines: React.ReactNode[] = [];
	if (screen.error) lines.push(<Line key="error" color={theme.error}>{`✗ ${screen.error}`}</Line>);
	else if (!screen.lines) lines.push(<Line key="loading">Reading the container…</Line>);
	else for (const [offset, line] of screen.lines.slice(screen.top, screen.top + props.height).entries()) lines.push(<JsonLine key={screen.top + offset} line={line} />);
	while (lines.length < props.height) lines.push(<Line key={`pad-${lines.length}`} />);
	return <>{lines.slice(0, Math.max(0, props.height))}</>;
}
