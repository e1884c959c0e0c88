// Golden files captured from docker 28.2.2 by fixtures/capture.ts.
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';

export interface Golden<Raw> {
	capturedAt?: number;
	raw: Raw;
	cases: {args: string[]; stdout: string; code: number}[];
}

export function golden<Raw = string>(name: string): Golden<Raw> {
	return JSON.parse(readFileSync(fileURLToPath(new URL(`fixtures/${name}`, import.meta.url)), 'utf8')) as Golden<Raw>;
}

/** The value after a flag in captured docker arguments. */
export function flag(args: string[], name: string): string | undefined {
	const i = args.indexOf(name);
	return i >= 0 ? args[i + 1] : undefined;
}

/** Go prints nested pointers as addresses that change from run to run. */
export const noPointers = (s: string): string => s.replace(/0xc[0-9a-f]{9}/g, '0xPTR');
