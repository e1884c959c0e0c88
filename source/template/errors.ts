// Error classes carrying Go's exact message text plus positions for the UI.

/** A template that does not parse: `template: NAME:LINE: MESSAGE`. */
export class TemplateParseError extends Error {
	/**
	 * Go's message has the line only; offset is where the parser stood (the
	 * token it could not take) as an index in the template string (JS
	 * characters), for a UI to point at; -1 when unknown.
	 */
	constructor(message: string, readonly line: number, readonly offset = -1) {
		super(message);
		this.name = 'TemplateParseError';
	}
}

/** A failure while executing: `template: NAME:LINE:COL: executing "NAME" at <NODE>: MESSAGE`. */
export class TemplateExecError extends Error {
	/** What the template had written before it failed (Go's executor streams: docker's table header keeps it). */
	partial = '';

	/**
	 * line and column are Go's (column in bytes from the line start); offset is the
	 * failing node's index in the template string (JS characters), -1 when unknown.
	 */
	constructor(message: string, readonly line: number, readonly column: number, readonly offset = -1) {
		super(message);
		this.name = 'TemplateExecError';
	}
}
