import {Text} from 'ink';
import React from 'react';
import type {FormState} from '../overlays/form.js';
import {fieldParts, fieldWindow} from '../text-field.js';
import {theme} from '../theme.js';
import {visible} from '../../text/sanitize.js';
import {wrapText} from '../wrap.js';
import {Line} from './Line.js';

/** A form: one line per field (label, value with a cursor on the focused one), its problem under it. */
export function FormView(props: {form: FormState; width: number; height: number}) {
	const {form, width} = props;
	const labelWidth = Math.min(16, Math.max(...form.fields.map((field) => field.label.length)) + 1);
	const lines: React.ReactNode[] = [
		<Line key="title" bold color={theme.title}>
			{form.title}
		</Line>,
		<Line key="gap" />,
	];
	form.fields.forEach((field, index) => {
		const focused = index === form.focus;
		const label = `${focused ? '›' : ' '} ${field.label.padEnd(labelWidth)} `;
		const room = Math.max(4, width - label.length - 1);
		let value: React.ReactNode;
		if (field.kind === 'toggle') value = <Text inverse={focused}>{field.on ? '[x] yes' : '[ ] no'}</Text>;
		else {
			const parts = fieldParts(fieldWindow(field.text, room));
			value = focused ? (
				<>
					{parts.before}
					<Text inverse>{parts.at}</Text>
					{parts.after}
				</>
			) : (
				field.text.value || <Text color={theme.dim}>{field.hint ?? ''}</Text>
			);
		}
		lines.push(
			<Text key={`f-${field.name}`} wrap="truncate">
				<Text bold={focused} color={focused ? theme.key : undefined}>
					{label}
				</Text>
				{value}
			</Text>,
		);
		const note = field.kind === 'text' ? field.note?.(field.text.value) : '';
		if (note) lines.push(<Line key={`n-${field.name}`} color={theme.dim}>{`  ${' '.repeat(labelWidth)}   ${note}`}</Line>);
		if (focused && field.candidates && field.candidates.length > 1) lines.push(<Line key={`c-${field.name}`} color={theme.dim}>{`  ${' '.repeat(labelWidth)}   ${field.candidates.slice(0, 20).map((c) => visible(c)).join('  ')}${field.candidates.length > 20 ? ` … (${field.candidates.length})` : ''}`}</Line>);
		if (field.error) lines.push(<Line key={`e-${field.name}`} color={theme.error}>{`  ${' '.repeat(labelWidth)} ✗ ${field.error}`}</Line>);
		else if (focused && field.hint && field.kind === 'text') lines.push(<Line key={`h-${field.name}`} color={theme.dim}>{`  ${' '.repeat(labelWidth)}   ${field.hint}`}</Line>);
	});
	lines.push(<Line key="gap2" />);
	// An engine's message can be long (an OCI runtime error): up to four lines of it.
	if (form.error) wrapText(`✗ ${form.error.split('\n')[0]}`, Math.max(10, width - 1), 4).forEach((line, index) => lines.push(<Line key={`error-${index}`} color={theme.error}>{line}</Line>));
	if (form.busy) lines.push(<Line key="busy" color={theme.dim}>{'working… (esc stops waiting)'}</Line>);
	const shown = lines.slice(0, props.height);
	while (shown.length < props.height) shown.push(<Line key={`pad-${shown.length}`} />);
	return <>{shown}</>;
}
