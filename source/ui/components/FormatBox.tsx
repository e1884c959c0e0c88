import {Text} from 'ink';
import React from 'react';
import {visible} from '../../text/sanitize.js';
import {shownOutput, type FormatBox} from '../format/box.js';
import {filterView, position, screenLines} from '../format/evaluate.js';
import {JsonLine} from '../screens/json-lines.js';
import {tabs} from '../model.js';
import {fieldParts, fieldWindow} from '../text-field.js';
import {theme} from '../theme.js';
import {Line} from './Line.js';

const prompt = 'format ';

function tabTitle(tab: string): string {
	return tab.charAt(0).toUpperCase() + tab.slice(1);
}

function fill(lines: React.ReactNode[], height: number): React.ReactNode[] {
	const shown = lines.slice(0, height);
	while (shown.length < height) shown.push(<Line key={`pad-${shown.length}`} />);
	return shown;
}

/** The result of a template: plain lines, or the coloured JSON when the template is empty (docker's own indented output). */
function resultLines(output: string, json: boolean, width: number, top: number, height: number, keyPrefix: string): React.ReactNode[] {
	const lines = screenLines(output, width);
	const start = Math.max(0, Math.min(top, Math.max(0, lines.length - height)));
	return lines.slice(start, start + height).map((line, index) => (json ? <JsonLine key={`${keyPrefix}${start + index}`} line={line} /> : <Line key={`${keyPrefix}${start + index}`}>{line}</Line>));
}

/**
 * The format box over the Inspect tab: the tab bar, the template line, the
 * error (docker's words, a caret at its column) or Tab's candidates, then the
 * result (the last good one while the template fails), scrolled.
 */
export function FormatBoxView(props: {box: FormatBox; width: number; height: number}) {
	const {box, width} = props;
	const lines: React.ReactNode[] = [];
	lines.push(
		<Text key="tabs" wrap="truncate">
			{tabs.map((tab) => (
				<React.Fragment key={tab}>
					<Text inverse={tab === 'inspect'} bold={tab === 'inspect'} color={tab === 'inspect' ? undefined : theme.dim}>
						{` ${tabTitle(tab)} `}
					</Text>{' '}
				</React.Fragment>
			))}
			<Text color={theme.dim}>{` ${visible(box.ref)}`}</Text>
		</Text>,
	);
	const room = Math.max(4, width - prompt.length - 1);
	const window = fieldWindow(box.field, room);
	const windowStart = box.field.cursor - window.cursor;
	const parts = fieldParts(window);
	lines.push(
		<Text key="input" wrap="truncate">
			<Text color={theme.key} bold>
				{prompt}
			</Text>
			{visible(parts.before)}
			<Text inverse>{visible(parts.at)}</Text>
			{visible(parts.after)}
		</Text>,
	);
	const evaluation = box.evaluation;
	const failed = evaluation && !evaluation.ok ? evaluation : undefined;
	// Tab's candidates first: while an action is being typed the template does not parse yet.
	if (box.candidates.length) lines.push(<Line key="candidates" color={theme.accent}>{visible(box.candidates.join('  '))}</Line>);
	if (box.problem) lines.push(<Line key="problem" color={theme.error}>{box.problem}</Line>);
	if (failed) {
		const at = position(box.field.value, failed.offset);
		const caret = failed.offset - windowStart;
		const where = at ? `column ${at.column}${at.line > 1 ? ` of line ${at.line}` : ''}` : '';
		lines.push(
			<Line key="caret" color={theme.error}>
				{caret >= 0 && caret <= room ? `${' '.repeat(prompt.length + caret)}^ ${where}` : `  ${where}`}
			</Line>,
		);
		// docker's whole message, folded at the width (it names the node and says why).
		for (const [index, line] of screenLines(`✗ ${failed.message.split('\n')[0]}`, width).slice(0, 3).entries()) {
			lines.push(<Line key={`error-${index}`} color={theme.error}>{line}</Line>);
		}
	} else if (!evaluation) {
		lines.push(<Line key="loading" color={theme.dim}>{`reading ${visible(box.ref)}…`}</Line>);
	} else if (!box.candidates.length && !box.problem) {
		lines.push(<Line key="hint" color={theme.dim}>{box.pick ? 'as `imgscope inspect --format` prints it; Enter writes it to stdout and exits' : 'as `imgscope inspect --format` prints it; Enter keeps it as the Inspect filter'}</Line>);
	}
	if (box.note) lines.push(<Line key="note" color={theme.accent}>{box.note}</Line>);
	const output = shownOutput(box);
	if (output !== undefined) {
		if (failed) lines.push(<Line key="last" color={theme.dim}>{'last good result:'}</Line>);
		const height = Math.max(0, props.height - lines.length);
		const json = (failed ? box.lastGoodTemplate : box.field.value) === '';
		lines.push(...resultLines(output, json, width, box.scroll, height, 'r'));
	}
	return <>{fill(lines, props.height)}</>;
}

/** The Inspect tab with a kept filter: the template's output for this image (or docker's error), scrolled from `top`. */
export function FilteredInspect(props: {template: string; raw: string; top: number; width: number; height: number; note?: string}) {
	const view = filterView(props.template, props.raw, props.width);
	const lines: React.ReactNode[] = [];
	if (props.note) lines.push(<Line key="note" color={theme.accent}>{props.note}</Line>);
	const height = props.height - lines.length;
	if (!view.evaluation.ok) {
		for (const [index, line] of screenLines(`✗ ${view.evaluation.message.split('\n')[0]}`, props.width).slice(0, 3).entries()) {
			lines.push(<Line key={`error-${index}`} color={theme.error}>{line}</Line>);
		}
	} else {
		const start = Math.max(0, Math.min(props.top, Math.max(0, view.lines.length - height)));
		for (const [index, line] of view.lines.slice(start, start + height).entries()) lines.push(<Line key={`l-${start + index}`}>{line}</Line>);
	}
	return <>{fill(lines, props.height)}</>;
}

/** The kept filter, for the Inspect tab's header. */
export function FilterBadge(props: {template: string}) {
	return (
		<Text color={theme.accent}>
			{`  format: ${visible(props.template)}`}
			<Text color={theme.dim}>{'  (esc removes)'}</Text>
		</Text>
	);
}
