// The learned complement to the rules: per code, a logistic regression over the character n-grams
// of the normalized reply (quoted words masked, as for the rules). It is trained offline on the
// labelled replies (scripts/train-analyzer.ts), pruned to the n-grams that matter and stored in
// the rules file under `learned:`, so it travels with the compiled rules and runs in the browser.
// It only adds findings the rules missed (never removes one), and each of them quotes the n-grams
// that contributed most, mapped back to the words of the original reply.
// Framework-free and pure, like the rest of src/lib/analyzer.
import type { Code } from '../domain';

export interface LearnedCode {
	bias: number;
	/** n-gram → weight (only the n-grams kept after pruning). */
	weights: Record<string, number>;
}

export interface LearnedModel {
	/** The n-gram lengths used, e.g. [2, 3]. */
	n: number[];
	/** A code is added when its probability exceeds this. */
	threshold: number;
	codes: Partial<Record<Code, LearnedCode>>;
}

const MASK = '\u0000';
/** Punctuation, separators and spaces carry no meaning of their own. */
const PUNCT = new Set([...' ,.、:;!?~…。"\'()-\n\t\u0000']);

/** Whether an n-gram is usable: no masked or blank character, not made only of punctuation. */
function usable(text: string, i: number, len: number): boolean {
	let word = false;
	for (let k = i; k < i + len; k++) {
		const c = text[k];
		if (c === MASK || c === ' ' || c === '\n' || c === '\t') return false;
		if (!PUNCT.has(c)) word = true;
	}
	return word;
}

/** The distinct n-grams of a text with the offset of their first occurrence. */
export function ngrams(text: string, n: readonly number[]): Map<string, number> {
	const out = new Map<string, number>();
	for (const len of n)
		for (let i = 0; i + len <= text.length; i++) {
			if (!usable(text, i, len)) continue;
			const g = text.slice(i, i + len);
			if (!out.has(g)) out.set(g, i);
		}
	return out;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export interface LearnedFinding {
	code: Code;
	probability: number;
	/** Offsets [start, end) in the text given to learnedFindings, strongest first. */
	spans: [number, number][];
}

/** All codes' weights in one trie of n-grams: a reply is walked once, without slicing strings. */
interface TrieNode {
	/** [code index, weight, code index, weight, …] of the n-gram ending here, or null. */
	list: number[] | null;
	/** The call that last counted this n-gram (features are binary: once per reply). */
	stamp: number;
	next: Map<string, TrieNode> | null;
}

interface Index {
	codes: Code[];
	bias: number[];
	root: TrieNode;
	depth: number;
	stamp: number;
}

const indexes = new WeakMap<LearnedModel, Index>();

function indexOf(model: LearnedModel): Index {
	let ix = indexes.get(model);
	if (ix) return ix;
	const codes = Object.keys(model.codes) as Code[];
	const root: TrieNode = { list: null, stamp: 0, next: new Map() };
	let depth = 0;
	codes.forEach((code, ci) => {
		for (const [g, w] of Object.entries(model.codes[code]!.weights)) {
			let t = root;
			for (const ch of g.split('')) {
				t.next ??= new Map();
				let n = t.next.get(ch);
				if (!n) t.next.set(ch, (n = { list: null, stamp: 0, next: null }));
				t = n;
			}
			(t.list ??= []).push(ci, w);
			depth = Math.max(depth, g.length);
		}
	});
	ix = { codes, bias: codes.map((c) => model.codes[c]!.bias), root, depth, stamp: 0 };
	indexes.set(model, ix);
	return ix;
}

/** The codes the model finds in a (normalized, masked) text, with the n-grams behind each. */
export function learnedFindings(text: string, model: LearnedModel, wanted: readonly Code[]): LearnedFinding[] {
	const ix = indexOf(model);
	const stamp = (ix.stamp = (ix.stamp + 1) % 0x7fffffff || 1);
	const z = [...ix.bias];
	// Per code, its positive contributions: [weight, start, length].
	const plus: [number, number, number][][] = ix.codes.map(() => []);
	for (let i = 0; i < text.length; i++) {
		let t: TrieNode | undefined = ix.root;
		for (let k = i; k < text.length && k - i < ix.depth; k++) {
			t = t.next?.get(text[k]);
			if (!t) break;
			if (!t.list || t.stamp === stamp) continue;
			t.stamp = stamp;
			const list = t.list;
			for (let j = 0; j < list.length; j += 2) {
				z[list[j]] += list[j + 1];
				if (list[j + 1] > 0) plus[list[j]].push([list[j + 1], i, k - i + 1]);
			}
		}
	}
	const out: LearnedFinding[] = [];
	ix.codes.forEach((code, ci) => {
		if (!wanted.includes(code)) return;
		const p = sigmoid(z[ci]);
		if (p <= model.threshold || !plus[ci].length) return;
		const spans = plus[ci]
			.sort((a, b) => b[0] - a[0])
			.slice(0, 3)
			.map(([, at, len]) => [at, at + len] as [number, number]);
		out.push({ code, probability: p, spans });
	});
	return out;
}

// ---------------------------------------------------------------------------------------------
// Training (offline: scripts/train-analyzer.ts)

export interface TrainingRow {
	/** Already normalized and masked the way the analyzer does it. */
	text: string;
	codes: ReadonlySet<Code>;
}

export interface TrainOptions {
	n: number[];
	/** L2 penalty. */
	l2: number;
	epochs: number;
	rate: number;
	/** An n-gram must occur in at least this many rows to be a feature. */
	minCount: number;
	/** Keep at most this many n-grams per code (largest |weight| first). */
	keep: number;
	threshold: number;
}

/** Full-batch gradient descent on binary n-gram features, one model per code. */
export function train(rows: readonly TrainingRow[], codes: readonly Code[], o: TrainOptions): LearnedModel {
	const count = new Map<string, number>();
	const rowGrams = rows.map((r) => [...ngrams(r.text, o.n).keys()]);
	for (const gs of rowGrams) for (const g of gs) count.set(g, (count.get(g) ?? 0) + 1);
	const vocab = [...count].filter(([, c]) => c >= o.minCount).map(([g]) => g);
	const index = new Map(vocab.map((g, i) => [g, i]));
	const X = rowGrams.map((gs) => gs.map((g) => index.get(g)).filter((i): i is number => i !== undefined));
	const model: LearnedModel = { n: o.n, threshold: o.threshold, codes: {} };
	for (const code of codes) {
		const y = rows.map((r) => (r.codes.has(code) ? 1 : 0));
		if (!y.some(Boolean)) continue;
		const w = new Float64Array(vocab.length);
		let b = 0;
		for (let epoch = 0; epoch < o.epochs; epoch++) {
			const g = new Float64Array(vocab.length);
			let gb = 0;
			for (let i = 0; i < X.length; i++) {
				let z = b;
				for (const j of X[i]) z += w[j];
				const e = sigmoid(z) - y[i];
				for (const j of X[i]) g[j] += e;
				gb += e;
			}
			for (let j = 0; j < w.length; j++) w[j] -= o.rate * (g[j] / X.length + o.l2 * w[j]);
			b -= (o.rate * gb) / X.length;
		}
		const kept = [...w.keys()].sort((p, q) => Math.abs(w[q]) - Math.abs(w[p])).slice(0, o.keep);
		// What pruning leaves out would have added its mean contribution to every row: fold it into the bias.
		const keptSet = new Set(kept);
		let dropped = 0;
		for (let i = 0; i < X.length; i++) for (const j of X[i]) if (!keptSet.has(j)) dropped += w[j];
		const weights: Record<string, number> = {};
		for (const j of kept) if (Math.abs(w[j]) >= 1e-3) weights[vocab[j]] = Math.round(w[j] * 1000) / 1000;
		model.codes[code] = { bias: Math.round((b + dropped / X.length) * 1000) / 1000, weights };
	}
	return model;
}

/** The model as the rules file stores it: per code a bias and one line of "n-gram:weight" pairs. */
export function modelToYaml(model: LearnedModel): string {
	const lines = [`learned:`, `  n: [${model.n.join(', ')}]`, `  threshold: ${model.threshold}`, `  codes:`];
	for (const [code, m] of Object.entries(model.codes)) {
		const pairs = Object.entries(m!.weights).map(([g, w]) => `${g}:${w}`);
		lines.push(`    ${code}:`, `      bias: ${m!.bias}`, `      weights: ${JSON.stringify(pairs.join(' '))}`);
	}
	return lines.join('\n') + '\n';
}

/** Parses the "n-gram:weight n-gram:weight" line of the rules file (n-grams never hold spaces). */
export function parseWeights(line: string): Record<string, number> | string {
	const out: Record<string, number> = {};
	for (const pair of line.split(' ')) {
		if (!pair) continue;
		const k = pair.lastIndexOf(':');
		const w = Number(pair.slice(k + 1));
		if (k <= 0 || !Number.isFinite(w)) return `"${pair}" is not n-gram:weight`;
		out[pair.slice(0, k)] = w;
	}
	return out;
}
