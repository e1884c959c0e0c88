import {Text} from 'ink';
import React from 'react';
import type {ConfirmState} from '../overlays/confirm.js';
import {theme} from '../theme.js';
import {wrapText} from '../wrap.js';
import {Line} from './Line.js';
import {MenuChoices} from './MenuView.js';

/** A question before a destructive action: what goes, then one key per choice. */
export function ConfirmView(props: {confirm: ConfirmState; height: number; width?: number; onPick?(index: number): void}) {
	const {confirm} = props;
	const lines: React.ReactNode[] = [
		<Line key="title" bold color={theme.error}>
			{confirm.title}
		</Line>,
		<Line key="gap" />,
		// What goes is the point of the question: its lines wrap (up to three rows each) rather than lose their ends.
		...confirm.lines.flatMap((line, index) => wrapText(line, Math.max(10, (props.width ?? 80) - 5), 3).map((part, row) => <Line key={`l-${index}-${row}`}>{`${row ? '    ' : '  '}${part}`}</Line>)),
		<Line key="gap2" />,
		confirm.menu && props.onPick && !confirm.busy ? (
			<React.Fragment key="menu">
				<MenuChoices items={confirm.choices.map((choice) => ({key: choice.key, label: choice.label, pick: {type: 'quit'}}))} onPick={props.onPick} />
				<Line color={theme.dim}>↑↓ enter or a digit picks; esc or any other key cancels</Line>
			</React.Fragment>
		) : (
		<Text key="choices" wrap="truncate">
			{confirm.choices.map((choice) => (
				<React.Fragment key={choice.key}>
					<Text color={theme.key} bold>
						{choice.key}
					</Text>
					<Text>{` ${choice.label}   `}</Text>
				</React.Fragment>
			))}
			<Text color={theme.dim}>any other key cancels</Text>
		</Text>
		),
	];
	// The engine's refusal (a conflict names the image and the container): up to four lines of it.
	if (confirm.error) wrapText(`✗ ${confirm.error.split('\n')[0]}`, Math.max(10, (props.width ?? 80) - 1), 4).forEach((line, index) => lines.push(<Line key={`error-${index}`} color={theme.error}>{line}</Line>));
	if (confirm.busy) lines.push(<Line key="busy" color={theme.dim}>working…</Line>);
	// The menu draws one line per choice and its hint: they count as such.
	const menuLines = confirm.menu && props.onPick && !confirm.busy ? confirm.choices.length : 0;
	const shown = lines.slice(0, Math.max(0, props.height - menuLines));
	while (shown.length + menuLines < props.height) shown.push(<Line key={`pad-${shown.length}`} />);
	return <>{shown}</>;
}
