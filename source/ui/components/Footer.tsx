import {Text} from 'ink';
import React from 'react';
import {footerFor, type Context} from '../keymap.js';
import {theme} from '../theme.js';

/** The keys valid here, from the keymap table. */
export function Footer(props: {context: Context; note?: string}) {
	const labels = footerFor(props.context);
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
