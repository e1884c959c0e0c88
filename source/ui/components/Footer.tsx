import {Text, useStdout} from 'ink';
import React from 'react';
import {footerFitted} from '../keymap.js';
import type {Action, Context} from '../key-names.js';
import {theme} from '../theme.js';

/** The keys valid here, from the keymap table: one line, the most important that fit, and always `? help`. */
export function Footer(props: {context: Context; note?: string; width?: number; hidden?: ReadonlySet<Action>}) {
	const {stdout} = useStdout();
	const width = props.width ?? (stdout?.columns || 80);
	const labels = footerFitted(props.context, Math.max(0, width - (props.note ? props.note.length + 2 : 0)), props.hidden);
	return (
		<Text wrap="truncate">
			{labels.map((label, index) => {
				const space = label.indexOf(' ');
				return (
					<React.Fragment key={label}>
						{index > 0 ? '  ' : ''}
						<Text color={theme.key} bold>
							{label.slice(0, space)}
						</Text>
						<Text color={theme.dim}>{label.slice(space)}</Text>
					</React.Fragment>
				);
			})}
			{props.note ? <Text color={theme.dim}>{`  ${props.note}`}</Text> : null}
		</Text>
	);
}
