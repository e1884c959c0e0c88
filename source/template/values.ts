// The Go value model shared by the template engine and its callers.
// Values are tagged with their Go type so that printing (fmt), comparison and
// field resolution can follow Go's reflect-based rules exactly.
export * from './core.js';
export {timeType, durationType, goTime, goDuration, formatDuration, formatTime, parseRFC3339, timeParts, unixNano} from './time.js';
export type {TimeParts} from './time.js';
export {decodeJSON} from './decode.js';
