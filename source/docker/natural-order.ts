/** Docker's natural sort order (contexts, volumes): pure. */

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/** github.com/fvbommel/sortorder NaturalLess on the UTF-8 bytes: digit runs compare as numbers, the rest bytewise. */
export function naturalLess(a: string, b: string): boolean {
	const s1 = Buffer.from(a, 'utf8');
	const s2 = Buffer.from(b, 'utf8');
	let i = 0;
	let j = 0;
	while (i < s1.length && j < s2.length) {
		const c1 = s1[i];
		const c2 = s2[j];
		const d1 = isDigit(c1);
		const d2 = isDigit(c2);
		if (d1 !== d2) return d1;
		if (!d1) {
			if (c1 !== c2) return c1 < c2;
			i++;
			j++;
			continue;
		}
		while (i < s1.length && s1[i] === 0x30) i++;
		while (j < s2.length && s2[j] === 0x30) j++;
		const n1 = i;
		const n2 = j;
		while (i < s1.length && isDigit(s1[i])) i++;
		while (j < s2.length && isDigit(s2[j])) j++;
		if (i - n1 !== j - n2) return i - n1 < j - n2;
		const r1 = s1.subarray(n1, i).toString('latin1');
		const r2 = s2.subarray(n2, j).toString('latin1');
		if (r1 !== r2) return r1 < r2;
		if (n1 !== n2) return n1 < n2;
	}
	return s1.length < s2.length;
}

export const naturalCompare = (a: string, b: string): number => (naturalLess(a, b) ? -1 : naturalLess(b, a) ? 1 : 0);
