import {Box, Text, useInput} from 'ink';
import SelectInput from 'ink-select-input';
import React, {useReducer, useRef} from 'react';
import type {MenuItem} from '../model.js';
import {theme} from '../theme.js';
import {Line} from './Line.js';

/**
 * Choices drawn by ink-select-input (its cursor mark and rows) and moved
 * through here (↑↓ j k, Enter, a digit picks the item it labels at once);
 * each shows its digit, its own key and its label, greyed with the reason
 * when it cannot be done here. The cursor is kept in a ref the key handler
 * moves at once, not in ink-select-input's state: its handler reads the
 * state of the frame before, so a Down and an Enter arriving together
 * (typed fast, tmux send-keys, a paste) picked the item the cursor had left.
 * ink-select-input is given the window shown and the cursor in it, and is
 * drawn afresh when either moves. A list longer than `limit` scrolls,
 * wrapping at either end.
 */
export function MenuChoices(props: {items: readonly MenuItem[]; initial?: number; onPick(index: number): void; limit?: number}) {
	const count = props.items.length;
	const limit = Math.max(1, Math.min(props.limit ?? count, count));
	const labels = props.items.map((item) => item.label).join('\n');
	const place = useRef<{labels: string; cursor: number; top: number} | undefined>(undefined);
	// Other items (another menu in the same place) start again from their initial one.
	if (place.current?.labels !== labels) {
		const cursor = Math.min(Math.max(0, props.initial ?? 0), Math.max(0, count - 1));
		place.current = {labels, cursor, top: Math.max(0, cursor - limit + 1)};
	}
	const [, redraw] = useReducer((n: number) => n + 1, 0);
	const pick = useRef(props.onPick);
	pick.current = props.onPick;
	useInput((input, key) => {
		const at = place.current!;
		if (!count) return;
		const move = (to: number) => {
			at.cursor = (to + count) % count;
			if (at.cursor < at.top) at.top = at.cursor;
			else if (at.cursor >= at.top + limit) at.top = at.cursor - limit + 1;
			redraw();
		};
		if (input === 'k' || key.upArrow) move(at.cursor - 1);
		else if (input === 'j' || key.downArrow) move(at.cursor + 1);
		else if (key.return) pick.current(at.cursor);
		else if (/^[1-9]$/.test(input) && Number(input) <= count) pick.current(Number(input) - 1);
	});
	const {cursor, top} = place.current!;
	const shown = props.items.slice(top, top + limit).map((_, offset) => ({key: String(top + offset), label: String(top + offset), value: top + offset}));
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
	const Indicator = ({isSelected}: {isSelected?: boolean}) => <Box marginRight={1}>{isSelected ? <Text color="blue">❯</Text> : <Text> </Text>}</Box>;
	return <SelectInput key={`${top}:${cursor}:${labels}`} items={shown} initialIndex={cursor - top} isFocused={false} itemComponent={Item} indicatorComponent={Indicator} onSelect={() => {}} />;
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
