import {Text} from 'ink';
import React from 'react';
import {taskLines, taskTop, type TaskState, type Tone} from '../overlays/task.js';
import {theme} from '../theme.js';
import {wrapText} from '../wrap.js';
import {Line} from './Line.js';

const verbs: Record<string, string> = {push: 'pushing', pull: 'pulling', build: 'building', logs: 'following the log'};

function toneColor(tone: Tone | undefined): string | undefined {
	switch (tone) {
		case 'dim':
			return theme.dim;
		case 'accent':
			return theme.accent;
		case 'error':
			return theme.error;
		case 'title':
			return theme.title;
		default:
			return undefined;
	}
}

/** A push, pull, build or log: title, how it stands, then the lines (following the end unless scrolled). */
export function TaskView(props: {task: TaskState; width: number; height: number}) {
	const {task} = props;
	const lines = taskLines(task);
	const out: React.ReactNode[] = [
		<Line key="title" bold color={theme.title}>
			{task.title}
		</Line>,
	];
	if (task.status === 'running') out.push(<Line key="status" color={theme.dim}>{`${verbs[task.action] ?? 'working'}…  (esc ${task.askBeforeStop ? 'stops it' : 'closes'})`}</Line>);
	else if (task.status === 'done') wrapText(`✓ ${task.result ?? 'done'}`, Math.max(10, props.width - 1), 3).forEach((line, index) => out.push(<Line key={`status-${index}`} color={theme.accent}>{line}</Line>));
	// The engine's message in full, up to three lines (a registry's refusal names the host and why).
	else wrapText(`✗ ${(task.error ?? 'failed').split('\n')[0]}`, Math.max(10, props.width - 1), 3).forEach((line, index) => out.push(<Line key={`status-${index}`} color={theme.error}>{line}</Line>));
	out.push(<Line key="gap" />);
	const header = out.length;
	// The scrolled lines get what the title, status, gap and the bottom line leave.
	const rows = Math.max(0, props.height - header - 1);
	const top = taskTop(task, lines.length, rows);
	lines.slice(top, top + rows).forEach((line, index) => {
		out.push(
			<Text key={`l-${top + index}`} wrap="truncate">
				<Text color={toneColor(line.tone)}>{line.text || ' '}</Text>
				{line.mark ? <Text color={theme.accent} bold>{`  ${line.mark}`}</Text> : null}
			</Text>,
		);
	});
	while (out.length < header + rows) out.push(<Line key={`pad-${out.length}`} />);
	if (task.asking) out.push(<Line key="ask" bold color={theme.error}>{`Stop the ${task.action}? y stops it, any other key keeps it running`}</Line>);
	else if (lines.length > rows) out.push(<Line key="pos" color={theme.dim}>{`lines ${top + 1}-${Math.min(lines.length, top + rows)} of ${lines.length}${task.top === undefined ? ' (following)' : ''}  ↑↓ PgUp PgDn scroll`}</Line>);
	else if (task.status !== 'running') out.push(<Line key="pos" color={theme.dim}>esc closes</Line>);
	const shown = out.slice(0, props.height);
	while (shown.length < props.height) shown.push(<Line key={`end-${shown.length}`} />);
	return <>{shown}</>;
}
