import {Text} from 'ink';
import React from 'react';
import {taskLines, taskTop, type TaskState, type Tone} from '../overlays/task.js';
import {theme} from '../theme.js';
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

/** The rows the scrolled lines get in a body of `height` (title, status, gap and the bottom line excluded). */
export function taskViewport(height: number): number {
	return Math.max(0, height - 4);
}

/** A push, pull, build or log: title, how it stands, then the lines (following the end unless scrolled). */
export function TaskView(props: {task: TaskState; width: number; height: number}) {
	const {task} = props;
	const lines = taskLines(task);
	const rows = taskViewport(props.height);
	const top = taskTop(task, lines.length, rows);
	const out: React.ReactNode[] = [
		<Line key="title" bold color={theme.title}>
			{task.title}
		</Line>,
	];
	if (task.status === 'running') out.push(<Line key="status" color={theme.dim}>{`${verbs[task.action] ?? 'working'}…  (esc ${task.askBeforeStop ? 'stops it' : 'closes'})`}</Line>);
	else if (task.status === 'done') out.push(<Line key="status" color={theme.accent}>{`✓ ${task.result ?? 'done'}`}</Line>);
	else out.push(<Line key="status" color={theme.error}>{`✗ ${(task.error ?? 'failed').split('\n')[0]}`}</Line>);
	out.push(<Line key="gap" />);
	lines.slice(top, top + rows).forEach((line, index) => {
		out.push(
			<Text key={`l-${top + index}`} wrap="truncate">
				<Text color={toneColor(line.tone)}>{line.text || ' '}</Text>
				{line.mark ? <Text color={theme.accent} bold>{`  ${line.mark}`}</Text> : null}
			</Text>,
		);
	});
	while (out.length < 3 + rows) out.push(<Line key={`pad-${out.length}`} />);
	if (task.asking) out.push(<Line key="ask" bold color={theme.error}>{`Stop the ${task.action}? y stops it, any other key keeps it running`}</Line>);
	else if (lines.length > rows) out.push(<Line key="pos" color={theme.dim}>{`lines ${top + 1}-${Math.min(lines.length, top + rows)} of ${lines.length}${task.top === undefined ? ' (following)' : ''}  ↑↓ PgUp PgDn scroll`}</Line>);
	else if (task.status !== 'running') out.push(<Line key="pos" color={theme.dim}>esc closes</Line>);
	const shown = out.slice(0, props.height);
	while (shown.length < props.height) shown.push(<Line key={`end-${shown.length}`} />);
	return <>{shown}</>;
}
