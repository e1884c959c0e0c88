// A seeded PRNG: a fuzz run is repeatable from its seed.

/** mulberry32: small, fast, and the same sequence for a seed everywhere. */
export class Rng {
	private s: number;
	constructor(seed: number) {
		this.s = seed >>> 0;
	}
	next(): number {
		let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}
	int(n: number): number {
		return Math.floor(this.next() * n);
	}
	chance(p: number): boolean {
		return this.next() < p;
	}
	pick<T>(list: readonly T[]): T {
		return list[this.int(list.length)]!;
	}
}

/** The generator as a bare function of no arguments, for the conformance suites' random template builders. */
export function seeded(seed: number): () => number {
	const rng = new Rng(seed);
	return () => rng.next();
}
