// One attempt's order of a quiz, reproducible from a seed: the server keeps the seed with the
// attempt, shows the same order on resume and grades against it. Framework-free and pure.
import { hmacSha256Hex } from '../sha256';
import type { CompiledQuestion, CompiledQuiz, ShuffledQuiz } from './types';

/** A 128-bit state from a string (cyrb128), so similar seeds give unrelated orders. */
function hashSeed(seed: string): [number, number, number, number] {
	let h1 = 1779033703,
		h2 = 3144134277,
		h3 = 1013904242,
		h4 = 2773480762;
	for (let i = 0; i < seed.length; i++) {
		const k = seed.charCodeAt(i);
		h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
		h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
		h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
		h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
	}
	h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
	h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
	h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
	h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
	return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0];
}

/** sfc32: a small, fast generator with integer arithmetic only, so every platform agrees. */
export function seededRandom(seed: string): () => number {
	let [a, b, c, d] = hashSeed(seed);
	return () => {
		a >>>= 0;
		b >>>= 0;
		c >>>= 0;
		d >>>= 0;
		let t = (a + b) | 0;
		a = b ^ (b >>> 9);
		b = (c + (c << 3)) | 0;
		c = (c << 21) | (c >>> 11);
		d = (d + 1) | 0;
		t = (t + d) | 0;
		c = (c + t) | 0;
		return (t >>> 0) / 4294967296;
	};
}

/** A permutation of 0..n-1 (Fisher–Yates): result[k] is the original index shown at position k. */
export function permutation(n: number, random: () => number): number[] {
	const p = Array.from({ length: n }, (_, i) => i);
	for (let i = n - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[p[i], p[j]] = [p[j], p[i]];
	}
	return p;
}

/**
 * A permutation that is not the identity when n ≥ 3: items written in the right order must not be
 * shown in it. (With 2 items any rule would give the answer away, so both orders stay possible.)
 */
function scrambled(n: number, random: () => number): number[] {
	let p = permutation(n, random);
	for (let tries = 0; n >= 3 && p.every((v, i) => v === i) && tries < 100; tries++) p = permutation(n, random);
	return p;
}

/** The inverse of a permutation: for each original index, the position it is shown at. */
function inverse(p: number[]): number[] {
	const inv: number[] = [];
	p.forEach((orig, shown) => (inv[orig] = shown));
	return inv;
}

function shuffleQuestion(q: CompiledQuestion, shuffle: boolean, random: () => number): CompiledQuestion {
	switch (q.type) {
		case 'single':
		case 'multiple':
		case 'listen':
			if (!shuffle || !q.shuffleOptions) return q;
			return { ...q, options: permutation(q.options.length, random).map((i) => q.options[i]) };
		case 'ordering': {
			// Always shuffled: the written order is the answer.
			const p = scrambled(q.items.length, random);
			const pos = inverse(p);
			return { ...q, items: p.map((i) => q.items[i]), solution: q.solution.map((i) => pos[i]) };
		}
		case 'matching': {
			// The rights are always shuffled (written beside their lefts, they are the answer); the
			// lefts follow the quiz's setting.
			const l = shuffle ? permutation(q.lefts.length, random) : q.lefts.map((_, i) => i);
			const r = scrambled(q.rights.length, random);
			const rpos = inverse(r);
			return { ...q, lefts: l.map((i) => q.lefts[i]), rights: r.map((i) => q.rights[i]), solution: l.map((i) => rpos[q.solution[i]]) };
		}
		default:
			return q;
	}
}

/** JSON with object keys sorted: the same for a quiz read back from Postgres's jsonb, which reorders keys. */
function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (value && typeof value === 'object')
		return `{${Object.keys(value)
			.filter((k) => (value as Record<string, unknown>)[k] !== undefined)
			.sort()
			.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
			.join(',')}}`;
	return JSON.stringify(value);
}

/**
 * The quiz in the order one attempt shows it. The same quiz and seed always give the same order;
 * a new seed (a retake) gives a new one. Questions and options move only when the quiz sets
 * `shuffle` (and a question does not set `shuffle_options: false`); ordering items and matching
 * rights always move. Pass the result to redactQuiz and gradeQuiz.
 */
export function shuffleQuiz(quiz: CompiledQuiz, seed: string): ShuffledQuiz {
	if ('seed' in quiz) throw new Error(`quiz "${quiz.id}" is already in the order of seed "${(quiz as ShuffledQuiz).seed}"; shuffle the compiled quiz`);
	// A bank is never shown whole: the attempt's draw comes first (drawQuiz), so its view holds
	// only the drawn questions.
	if (quiz.draw) throw new Error(`quiz "${quiz.id}" is a question bank: draw the attempt's questions first (drawQuiz)`);
	// The seed (an attempt id) is known to the browser, and for ordering and matching questions the
	// written order is the answer: the order is keyed with the questions' answers too, which only
	// the server holds, so nobody can replay the shuffle from what the browser sees.
	const key = hmacSha256Hex(canonicalJson(quiz.questions), seed);
	const random = seededRandom(`${quiz.id}\u0000${key}`);
	const order = quiz.shuffle ? permutation(quiz.questions.length, random) : quiz.questions.map((_, i) => i);
	// Each question draws from its own generator, so one question's options do not depend on how
	// many numbers the questions before it used.
	const questions = order.map((i) => shuffleQuestion(quiz.questions[i], quiz.shuffle, seededRandom(`${quiz.id}\u0000${key}\u0000${quiz.questions[i].id}`)));
	return { ...quiz, questions, seed };
}
