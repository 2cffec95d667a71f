// A literal prefilter for the compiled rules, built once per rules object (so the browser builds it
// when the rules arrive; nothing extra is shipped).
//
// Every compiled pattern is a regular expression in the small subset compilePattern writes
// (literals, (?:…|…) groups, character classes, gaps, clause anchors, `+`). From it we work out a
// set of literal strings of which every match must contain at least one (its "anchors", e.g. 希望 or
// 期望 for (您|你)(是|)(希望|期望)). All anchors of all patterns go into one trie, a reply is scanned
// once, and only the patterns whose anchors occur are run. A pattern we cannot analyse gets no
// anchors and always runs, so the prefilter never changes a result, only skips work.

type Node =
	| { t: 'lit'; s: string }
	| { t: 'class'; chars: string[] | null }
	| { t: 'seq'; items: Node[] }
	| { t: 'alt'; alts: Node[] }
	| { t: 'empty' } // zero-width: anchors and lookarounds
	| { t: 'rep'; node: Node; min: number };

class Parser {
	i = 0;
	constructor(readonly src: string) {}
	fail(): never {
		throw new Error('unsupported');
	}
	alt(): Node {
		const alts: Node[] = [this.seq()];
		while (this.src[this.i] === '|') {
			this.i++;
			alts.push(this.seq());
		}
		return alts.length === 1 ? alts[0] : { t: 'alt', alts };
	}
	seq(): Node {
		const items: Node[] = [];
		while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
			let atom = this.atom();
			const q = this.src[this.i];
			if (q === '+') {
				this.i++;
				atom = { t: 'rep', node: atom, min: 1 };
			} else if (q === '*' || q === '?') {
				this.i++;
				atom = { t: 'rep', node: atom, min: 0 };
			} else if (q === '{') {
				const m = /^\{(\d+)(,\d*)?\}/.exec(this.src.slice(this.i));
				if (!m) this.fail();
				this.i += m[0].length;
				atom = { t: 'rep', node: atom, min: Number(m[1]) };
			}
			if (this.src[this.i] === '?') this.i++; // lazy
			items.push(atom);
		}
		return items.length === 1 ? items[0] : { t: 'seq', items };
	}
	atom(): Node {
		const c = this.src[this.i];
		if (c === '(') {
			if (this.src.startsWith('(?:', this.i)) {
				this.i += 3;
				const n = this.alt();
				if (this.src[this.i] !== ')') this.fail();
				this.i++;
				return n;
			}
			if (this.src.startsWith('(?<=', this.i) || this.src.startsWith('(?=', this.i) || this.src.startsWith('(?!', this.i) || this.src.startsWith('(?<!', this.i)) {
				this.i += this.src[this.i + 2] === '<' ? 4 : 3;
				this.alt();
				if (this.src[this.i] !== ')') this.fail();
				this.i++;
				return { t: 'empty' };
			}
			this.fail();
		}
		if (c === '[') return this.cls();
		if (c === '^' || c === '$') {
			this.i++;
			return { t: 'empty' };
		}
		if (c === '.') {
			this.i++;
			return { t: 'class', chars: null };
		}
		if (c === '\\') {
			const e = this.src[this.i + 1];
			if (e === undefined || /[dDwWsSbBpPuxcnrtfv0-9k]/.test(e)) this.fail();
			this.i += 2;
			return { t: 'lit', s: e };
		}
		const cp = this.src.codePointAt(this.i)!;
		const ch = String.fromCodePoint(cp);
		this.i += ch.length;
		return { t: 'lit', s: ch };
	}
	cls(): Node {
		this.i++;
		const negated = this.src[this.i] === '^';
		if (negated) this.i++;
		const chars: string[] = [];
		while (this.i < this.src.length && this.src[this.i] !== ']') {
			let ch: string;
			if (this.src[this.i] === '\\') {
				const e = this.src[this.i + 1];
				if (/[dDwWsSbBpPuxcnrtfv0-9k]/.test(e)) this.fail();
				ch = e;
				this.i += 2;
			} else {
				ch = String.fromCodePoint(this.src.codePointAt(this.i)!);
				this.i += ch.length;
			}
			if (this.src[this.i] === '-' && this.src[this.i + 1] !== ']') this.fail(); // ranges never come out of compilePattern
			chars.push(ch);
		}
		if (this.src[this.i] !== ']') this.fail();
		this.i++;
		return { t: 'class', chars: negated ? null : chars };
	}
}

const CAP = 64;
const COMMON = new Set([...'您你我们的了是不有在这那就也都和会要给把说吗吧呢啊一个上下先再还很好人']);

/** The exact strings a node can match, when it is a small finite set; null otherwise. */
function exact(n: Node): string[] | null {
	switch (n.t) {
		case 'lit':
			return [n.s];
		case 'empty':
			return [''];
		case 'class':
			return n.chars && n.chars.length <= CAP ? n.chars : null;
		case 'alt': {
			const out = new Set<string>();
			for (const a of n.alts) {
				const e = exact(a);
				if (!e) return null;
				for (const s of e) out.add(s);
				if (out.size > CAP) return null;
			}
			return [...out];
		}
		case 'seq': {
			let acc: string[] = [''];
			for (const item of n.items) {
				const e = exact(item);
				if (!e) return null;
				const next = new Set<string>();
				for (const a of acc) for (const b of e) next.add(a + b);
				if (next.size > CAP) return null;
				acc = [...next];
			}
			return acc;
		}
		case 'rep':
			return null;
	}
}

/** Lower is more selective. */
function cost(set: string[]): number {
	let c = 0;
	for (const s of set) c += s.length === 1 ? (COMMON.has(s) ? 8 : 1) : 1 / (s.length * s.length);
	return c;
}

function better(a: string[] | null, b: string[] | null): string[] | null {
	if (!a) return b;
	if (!b) return a;
	return cost(b) < cost(a) ? b : a;
}

/** A set of literals of which every match contains at least one; null when there is none. */
function necessary(n: Node): string[] | null {
	switch (n.t) {
		case 'lit':
			return [n.s];
		case 'empty':
			return null;
		case 'class':
			return n.chars && n.chars.length <= CAP ? n.chars : null;
		case 'rep':
			return n.min >= 1 ? necessary(n.node) : null;
		case 'alt': {
			const out = new Set<string>();
			for (const a of n.alts) {
				const e = necessary(a);
				if (!e) return null;
				for (const s of e) out.add(s);
			}
			return [...out];
		}
		case 'seq': {
			let best: string[] | null = null;
			// Runs of exact items concatenate into longer literals (a cross product, capped).
			let run: string[] | null = null;
			const closeRun = () => {
				if (run && !run.includes('')) best = better(best, run);
				run = null;
			};
			for (const item of n.items) {
				const e = exact(item);
				if (e) {
					if (!run) run = e;
					else {
						const next = new Set<string>();
						for (const a of run) for (const b of e) next.add(a + b);
						if (next.size > CAP) {
							closeRun();
							run = e;
						} else run = [...next];
					}
				} else {
					closeRun();
				}
				best = better(best, necessary(item));
			}
			closeRun();
			return best;
		}
	}
}

/** Anchors of a compiled regex source, or null when every text must be tried. */
export function regexAnchors(source: string): string[] | null {
	try {
		const p = new Parser(source);
		const node = p.alt();
		if (p.i !== source.length) return null;
		const set = necessary(node);
		if (!set || set.some((s) => !s)) return null;
		// Drop anchors that contain another anchor: finding the shorter one already admits the pattern.
		return set.filter((s) => !set.some((o) => o !== s && o.length < s.length && s.includes(o)));
	} catch {
		return null;
	}
}

interface Trie {
	next: Map<string, Trie>;
	/** Anchor id ending here, or -1. */
	id: number;
}

/** One trie over all anchors; `scan` reports which anchors occur in a text. */
export class AnchorSet {
	private root: Trie = { next: new Map(), id: -1 };
	private ids = new Map<string, number>();
	/** The root's children by UTF-16 code unit (an array lookup per character instead of a hash). */
	private first: (Trie | undefined)[] | null = null;

	/** The id of an anchor string (added once). */
	add(anchor: string): number {
		let id = this.ids.get(anchor);
		if (id !== undefined) return id;
		id = this.ids.size;
		this.ids.set(anchor, id);
		let t = this.root;
		for (let k = 0; k < anchor.length; k++) {
			const ch = anchor[k];
			let n = t.next.get(ch);
			if (!n) t.next.set(ch, (n = { next: new Map(), id: -1 }));
			t = n;
		}
		t.id = id;
		this.first = null;
		return id;
	}

	get size(): number {
		return this.ids.size;
	}

	/** Marks found[id] = stamp for every anchor occurring in text; returns the ids found (once each). */
	scan(text: string, found: Uint32Array, stamp: number): number[] {
		let first = this.first;
		if (!first) {
			first = this.first = new Array(0x10000);
			for (const [ch, t] of this.root.next) first[ch.charCodeAt(0)] = t;
		}
		const ids: number[] = [];
		for (let i = 0; i < text.length; i++) {
			let t = first[text.charCodeAt(i)];
			for (let k = i + 1; t; k++) {
				if (t.id >= 0 && found[t.id] !== stamp) {
					found[t.id] = stamp;
					ids.push(t.id);
				}
				if (k >= text.length || !t.next.size) break;
				t = t.next.get(text[k]);
			}
		}
		return ids;
	}
}
