import {Text} from 'ink';
import SelectInput from 'ink-select-input';
import React from 'react';
import type {MenuItem} from '../overlays/menu.js';
import {theme} from '../theme.js';
import {Line} from './Line.js';

/**
 * Choices drawn and moved through by ink-select-input (↑↓ j k, Enter, a
 * digit picks at once); each shows its digit, its own key and its label,
 * greyed with the reason when it cannot be done here.
 */
export function MenuChoices(props: {items: readonly MenuItem[]; initial?: number; onPick(index: number): void; limit?: number}) {
	const items = props.items.map((item, index) => ({key: String(index), label: String(index), value: index}));
	const Item = ({isSelected, label}: {isSelected?: boolean; label: string}) => {
		const index = Number(label);
		const item = props.items[index];
		const digit = index < 9 ? `${index + 1}` : ' ';
		return (
			<Text wrap="truncate" inverse={isSelected && theme.marker === false} color={item.disabled ? theme.dim : undefined}>
				{`${digit}  `}
				<Text color={item.disabled ? theme.dim : theme.key} bold={!item.disabled}>
					{item.key ? `${item.key} ` : ''}
				</Text>
				{item.label}
				{item.disabled ? `  (${item.disabled})` : ''}
			</Text>
		);
	};
	return <SelectInput items={items} initialIndex={props.initial ?? 0} limit={props.limit} itemComponent={Item} onSelect={(item) => props.onPick(item.value)} />;
}

/** The `x` and sort menus: a title, then the choices. */
export function MenuView(props: {title: string; items: readonly MenuItem[]; initial?: number; height: number; onPick(index: number): void}) {
	const room = Math.max(1, props.height - 3);
	return (
		<>
			<Line bold color={theme.title}>
				{props.title}
			</Line>
			<Line />
			<MenuChoices items={props.items} initial={props.initial} onPick={props.onPick} limit={Math.min(room, props.items.length)} />
			{Array.from({length: Math.max(0, props.height - 2 - Math.min(room, props.items.length) - 1)}, (_, index) => (
				<Line key={`pad-${index}`} />
			))}
			<Line color={theme.dim}>esc or any other key closes the menu</Line>
		</>
	);
}
