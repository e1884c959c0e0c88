/**
 * `WWW-Authenticate` challenges (RFC 7235, as distribution's challenge
 * package reads them): a scheme, then `key=value` or `key="quoted value"`
 * parameters; one header may carry several challenges. And the `Link`
 * header's next page. Pure.
 */

export interface Challenge {
	/** Lower-cased: "basic", "bearer". */
	scheme: string;
	/** Parameter names lower-cased ("realm", "service", "scope", "error"). */
	params: Record<string, string>;
}

const token = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+/;

export function parseChallenges(header: string): Challenge[] {
	const out: Challenge[] = [];
	let s = header;
	let current: Challenge | undefined;
	const skipSpace = () => {
		s = s.replace(/^[ \t]+/, '');
	};
	while (true) {
		skipSpace();
		if (s === '') break;
		if (s[0] === ',') {
			s = s.slice(1);
			continue;
		}
		const word = token.exec(s)?.[0];
		if (!word) break; // not a token: the rest is unreadable
		s = s.slice(word.length);
		skipSpace();
		if (s[0] === '=' && current) {
			s = s.slice(1);
			skipSpace();
			let value = '';
			if (s[0] === '"') {
				let i = 1;
				for (; i < s.length && s[i] !== '"'; i++) {
					if (s[i] === '\\' && i + 1 < s.length) i++;
					value += s[i];
				}
				s = s.slice(i + 1);
			} else {
				value = token.exec(s)?.[0] ?? '';
				s = s.slice(value.length);
			}
			current.params[word.toLowerCase()] = value;
			continue;
		}
		// A word not followed by "=" starts a new challenge.
		current = {scheme: word.toLowerCase(), params: {}};
		out.push(current);
	}
	return out;
}

/** The URL of rel="next" in a `Link` header, relative to the registry; undefined when there is none. */
export function nextLink(header: string | undefined): string | undefined {
	if (!header) return undefined;
	for (const part of header.split(/,(?=\s*<)/)) {
		const m = /^\s*<([^>]*)>(.*)$/.exec(part);
		if (m && /;\s*rel="?next"?/i.test(m[2])) return m[1];
	}
	return undefined;
}
