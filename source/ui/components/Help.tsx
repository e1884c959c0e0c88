import React from 'react';
import {helpSections} from '../keymap.js';
import type {Context} from '../key-names.js';
import {theme} from '../theme.js';
import {Line} from './Line.js';

const titles: Record<string, string> = {images: 'Images', containers: 'Containers', container: 'Container (its inspect JSON)', engines: 'Engines', layers: 'Image: Layers', history: 'Image: History', inspect: 'Image: Inspect', files: 'Image: Files', filesLoading: 'Image: Files, while the image is read', filesSearch: 'Image: Files, search box', filesWaste: 'Image: Files, wasted space', filter: 'Filter box', task: 'Push, pull, build and log views', format: 'Format box (Go template over the inspect JSON)', form: 'Forms', confirm: 'Confirmations'};

/** The `?` overlay: every binding of the keymap table, by screen; the screen it was opened on first (its family, e.g. all of the Files tab's, with it). */
export function Help(props: {height: number; first?: Context; top?: number}) {
	const lines: React.ReactNode[] = [];
	const family = (context: string) => (props.first?.startsWith('files') ? context.startsWith('files') : context === props.first);
	const sections = helpSections();
	const ordered = [...sections.filter((s) => s.context === props.first), ...sections.filter((s) => s.context !== props.first && family(s.context)), ...sections.filter((s) => !family(s.context))];
	for (const section of ordered) {
		if (!section.rows.length) continue;
		lines.push(
			<Line key={`t-${section.context}`} bold color={theme.title}>
				{titles[section.context]}
			</Line>,
		);
		for (const row of section.rows) {
			lines.push(<Line key={`${section.context}-${row.keys}-${row.description}`}>{`  ${row.keys.padEnd(22)} ${row.description}`}</Line>);
		}
	}
	lines.push(<Line key="ctrlc">{`  ${'Ctrl+C'.padEnd(22)} Quit, from anywhere`}</Line>);
	// Longer than the screen: it scrolls (↑↓ PgUp PgDn g G), never past its last page.
	const top = Math.max(0, Math.min(props.top ?? 0, lines.length - props.height));
	const shown = lines.slice(top, top + props.height);
	while (shown.length < props.height) shown.push(<Line key={`pad-${shown.length}`} />);
	return <>{shown}</>;
}
