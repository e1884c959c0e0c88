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
	/** Drawn as a menu (components/MenuView.tsx: ↑↓ and Enter, or a digit, pick too); the choice keys still pick. */
	menu?: boolean;
}

export type ConfirmOutcome = {kind: 'choose'; choice: ConfirmChoice} | {kind: 'cancel'} | {kind: 'ignored'};

/** `action`: what the keymap says the key means here (`cancel`, Esc unless the config rebinds it); Esc always cancels. */
export function confirmKey(state: ConfirmState, key: string, action?: string): ConfirmOutcome {
	if (key === 'escape' || action === 'cancel') return {kind: 'cancel'};
	if (state.busy) return {kind: 'ignored'};
	// The menu's own keys (components/ConfirmView.tsx hands them to MenuChoices).
	if (state.menu && /^(up|down|j|k|enter|[1-9])$/.test(key)) return {kind: 'ignored'};
	const choice = state.choices.find((candidate) => candidate.key === key);
	return choice ? {kind: 'choose', choice} : {kind: 'cancel'};
}
