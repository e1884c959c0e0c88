import {Text} from 'ink';
import React from 'react';

/** One terminal line: never wraps, so a frame is exactly as tall as we count. */
export function Line(props: {children?: React.ReactNode; color?: string; inverse?: boolean; bold?: boolean; dimColor?: boolean}) {
	return (
		<Text wrap="truncate" color={props.color} inverse={props.inverse} bold={props.bold} dimColor={props.dimColor}>
			{props.children === undefined || props.children === '' ? ' ' : props.children}
		</Text>
	);
}
