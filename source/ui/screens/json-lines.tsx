import {Text} from 'ink';
import React from 'react';
import {visible} from '../../text/sanitize.js';
import {theme} from '../theme.js';

/** Colours one line of indented JSON: keys, strings, numbers, literals. */
export function JsonLine(props: {line: string}) {
	// A heading between documents (a registry image's manifest and index: ui/inspect-lines.ts); JSON never starts so.
	if (props.line.startsWith('# ')) {
		return (
			<Text wrap="truncate" color={theme.title} bold>
				{visible(props.line)}
			</Text>
		);
	}
	const parts: React.ReactNode[] = [];
	const pattern = /("(?:[^"\\]|\\.)*")(\s*:)?|(-?\d[\d.eE+-]*)|\b(true|false|null)\b/g;
	let last = 0;
	let match: RegExpExecArray | null;
	let index = 0;
	while ((match = pattern.exec(props.line))) {
		if (match.index > last) parts.push(visible(props.line.slice(last, match.index)));
		if (match[1]) {
			parts.push(
				<Text key={index++} color={match[2] ? theme.jsonKey : theme.jsonString}>
					{visible(match[1])}
				</Text>,
			);
			if (match[2]) parts.push(match[2]);
		} else if (match[3]) {
			parts.push(
				<Text key={index++} color={theme.jsonNumber}>
					{match[3]}
				</Text>,
			);
		} else {
			parts.push(
				<Text key={index++} color={theme.jsonLiteral}>
					{match[4]}
				</Text>,
			);
		}
		last = pattern.lastIndex;
	}
	if (last < props.line.length) parts.push(visible(props.line.slice(last)));
	return <Text wrap="truncate">{parts.length ? parts : ' '}</Text>;
}
