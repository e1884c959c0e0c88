/**
 * The model's nodes while it is built (model.ts): columns by node index (the
 * root is 0), one string per distinct name, and a hash table from (parent,
 * name) to the child, so a path is found or made without a Map of every path
 * string (at 300,000 paths that Map, its rehashes and the arrays and slices
 * of the walk up were ~50 MB of heap at the build's peak, with every entry
 * still alive).
 *
 * Paths are resolved from their directory down: tar order is directory
 * order, so the last directory resolved is kept and most entries cost one
 * string comparison, one lookup of the name and one probe of the table.
 */

/** Names of 13 characters or more that V8 would keep as a slice of the whole path they were cut from. */
const slicedLength = 13;

/** A copy of a name that holds no reference to the string it was cut from. */
function ownCopy(name: string): string {
	if (name.length < slicedLength) return name;
	// Latin-1 keeps one byte a character; a name with anything wider goes through UTF-16 (lone surrogates, a name's undecodable bytes, come back as they were).
	return /[^\0-\xff]/.test(name) ? Buffer.from(name, 'utf16le').toString('utf16le') : Buffer.from(name, 'latin1').toString('latin1');
}

export class NodeTable {
	count = 0;
	/** By node: parent (-1 for the root), first child, next sibling, last child (-1: none), name (an index into names). */
	parent: Int32Array;
	firstChild: Int32Array;
	nextSibling: Int32Array;
	lastChild: Int32Array;
	nameId: Int32Array;
	/** By node, for the layer model: first and last version, the visible one, and the last layer that touched and validated it (-1: none). */
	firstVersion: Int32Array;
	lastVersion: Int32Array;
	current: Int32Array;
	touchedIn: Int32Array;
	checkedIn: Int32Array;
	/** Each distinct name once. */
	readonly names: string[] = [];
	private readonly nameIds = new Map<string, number>();
	/** Open addressing on (parent, name): node + 1, 0 where empty. */
	private slots: Int32Array;
	private lastDir: string | undefined;
	private lastDirNode = 0;

	constructor(private capacity: number) {
		this.parent = new Int32Array(capacity);
		this.firstChild = new Int32Array(capacity);
		this.nextSibling = new Int32Array(capacity);
		this.lastChild = new Int32Array(capacity);
		this.nameId = new Int32Array(capacity);
		this.firstVersion = new Int32Array(capacity);
		this.lastVersion = new Int32Array(capacity);
		this.current = new Int32Array(capacity);
		this.touchedIn = new Int32Array(capacity);
		this.checkedIn = new Int32Array(capacity);
		let size = 1024;
		while (size < capacity * 2) size *= 2;
		this.slots = new Int32Array(size);
		this.make(-1, this.idOf('', true));
	}

	private idOf(name: string, add: boolean): number {
		const id = this.nameIds.get(name);
		if (id !== undefined || !add) return id ?? -1;
		const kept = ownCopy(name);
		this.names.push(kept);
		this.nameIds.set(kept, this.names.length - 1);
		return this.names.length - 1;
	}

	private slotOf(parent: number, nameId: number): number {
		let h = Math.imul(parent ^ Math.imul(nameId, 0x9e3779b1), 0x85ebca6b);
		h ^= h >>> 15;
		return h & (this.slots.length - 1);
	}

	private child(parent: number, nameId: number): number {
		const mask = this.slots.length - 1;
		for (let i = this.slotOf(parent, nameId); ; i = (i + 1) & mask) {
			const node = this.slots[i] - 1;
			if (node < 0) return -1;
			if (this.parent[node] === parent && this.nameId[node] === nameId) return node;
		}
	}

	private insert(node: number): void {
		const mask = this.slots.length - 1;
		let i = this.slotOf(this.parent[node], this.nameId[node]);
		while (this.slots[i] !== 0) i = (i + 1) & mask;
		this.slots[i] = node + 1;
	}

	private grow(): void {
		this.capacity = Math.ceil(this.capacity * 1.5);
		const wider = (a: Int32Array) => {
			const b = new Int32Array(this.capacity);
			b.set(a);
			return b;
		};
		this.parent = wider(this.parent);
		this.firstChild = wider(this.firstChild);
		this.nextSibling = wider(this.nextSibling);
		this.lastChild = wider(this.lastChild);
		this.nameId = wider(this.nameId);
		this.firstVersion = wider(this.firstVersion);
		this.lastVersion = wider(this.lastVersion);
		this.current = wider(this.current);
		this.touchedIn = wider(this.touchedIn);
		this.checkedIn = wider(this.checkedIn);
	}

	/** A new node, the last child of its parent. */
	private make(parent: number, nameId: number): number {
		if (this.count === this.capacity) this.grow();
		const node = this.count++;
		this.parent[node] = parent;
		this.nameId[node] = nameId;
		this.firstChild[node] = this.nextSibling[node] = this.lastChild[node] = -1;
		this.firstVersion[node] = this.lastVersion[node] = this.current[node] = -1;
		this.touchedIn[node] = this.checkedIn[node] = -1;
		if (parent >= 0) {
			if (this.firstChild[parent] < 0) this.firstChild[parent] = node;
			else this.nextSibling[this.lastChild[parent]] = node;
			this.lastChild[parent] = node;
			if (this.count * 2 > this.slots.length) {
				this.slots = new Int32Array(this.slots.length * 2);
				for (let n = 1; n < this.count; n++) this.insert(n);
			} else this.insert(node);
		}
		return node;
	}

	/** The child of `parent` named `name`: found, or made when `make` (else -1). */
	private step(parent: number, name: string, make: boolean): number {
		const id = this.idOf(name, make);
		if (id < 0) return -1;
		const child = this.child(parent, id);
		return child >= 0 || !make ? child : this.make(parent, id);
	}

	/**
	 * The node at a path: found, or made with its missing ancestors (top-down) when `make`; -1
	 * when absent and not made. Parts are what lies between slashes, empty ones included, as the
	 * path's own dirName/baseName give them.
	 */
	at(path: string, make: boolean): number {
		const slash = path.lastIndexOf('/');
		if (slash < 0) return this.step(0, path, make);
		const dir = path.slice(0, slash);
		let up: number;
		if (dir === this.lastDir) up = this.lastDirNode;
		else {
			up = 0;
			// Without recursion: a hostile layer can hold a path thousands of directories deep.
			for (let start = 0; up >= 0; ) {
				const end = dir.indexOf('/', start);
				up = this.step(up, end < 0 ? dir.slice(start) : dir.slice(start, end), make);
				if (end < 0) break;
				start = end + 1;
			}
			if (up < 0) return -1;
			this.lastDir = dir;
			this.lastDirNode = up;
		}
		return this.step(up, path.slice(slash + 1), make);
	}
}
