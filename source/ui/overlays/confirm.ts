/**
 * A question before something destructive: it names what goes, offers one
 * key per choice (`y`, and a separate explicit key for force), and any
 * other key cancels.
 */

export interface ConfirmChoice {
	key: string;
	label: string;
	/** Passed to the action as `values.choice`. */
	value: string;
}

export interface ConfirmState {
	action: string;
	title: string;
	/** What the choice would do, one line each (already sanitised by the caller's `visible()`). */
	lines: string[];
	choices: ConfirmChoice[];
	subject: Record<string, string>;
	busy?: boolean;
	error?: string;
}

export type ConfirmOutcome = {kind: 'choose'; choice: ConfirmChoice} | {kind: 'cancel'} | {kind: 'ignored'};

export function confirmKey(state: ConfirmState, key: string): ConfirmOutcome {
	if (key === 'escape') return {kind: 'cancel'};
	if (state.busy) return {kind: 'ignored'};
	const choice = state.choices.find((candidate) => candidate.key === key);
	return choice ? {kind: 'choose', choice} : {kind: 'cancel'};
}
