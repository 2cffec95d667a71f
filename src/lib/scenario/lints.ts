// Content lints (issue 13): warnings about a scenario that compiles but teaches badly. The best
// reply is the longest in most decisions (the trainee can pick by length); most decisions lead to
// one place whatever is chosen (branching by mood only); fewer than three decisions branch; two
// replies of a decision say nearly the same; a line marked with its mood stage can be shown in a
// band its words do not fit. Each names the place (a path into the source) for the checker.
import { MOOD_STAGES, type MoodStageId } from '../domain';
import { halfWidthInChinese } from '../punctuation';
import { bestReply } from '../scoring/score';
import { voicePlan } from '../voice/clip-plan';
import type { ScenarioFile } from './schema';
import type { CompiledNode, CompiledScenario } from './types';

export interface Lint {
	path: PropertyKey[];
	message: string;
}

/** Share of decisions past which "the best reply is the longest" is a pattern a trainee can use. */
export const LONGEST_BEST_SHARE = 0.5;
/** Share of decisions past which the scenario barely branches by what is chosen. */
export const ONE_WAY_SHARE = 0.5;
/** Decisions whose replies lead to different places that every scenario needs. */
export const MIN_BRANCHING = 3;
/** Shares and counts mean little below this many decisions (sketches, test fixtures). */
export const MIN_DECISIONS_TO_JUDGE = 4;
/** Character-bigram similarity from which two replies count as near duplicates. */
export const NEAR_DUPLICATE = 0.85;

type Decision = Extract<CompiledNode, { type: 'decision' }>;
const bare = (s: string) => s.replace(/[\s\p{P}\p{S}]/gu, '');
const length = (s: string) => [...bare(s)].length;

/** Dice coefficient of character bigrams, on the words without punctuation. */
export function similarity(a: string, b: string): number {
	const grams = (s: string) => {
		const cs = [...bare(s)];
		return cs.length < 2 ? cs : cs.slice(1).map((c, i) => cs[i] + c);
	};
	const x = grams(a);
	const y = grams(b);
	if (!x.length && !y.length) return 1;
	const pool = new Map<string, number>();
	for (const g of y) pool.set(g, (pool.get(g) ?? 0) + 1);
	let common = 0;
	for (const g of x) {
		const n = pool.get(g) ?? 0;
		if (n > 0) (common++, pool.set(g, n - 1));
	}
	return (2 * common) / (x.length + y.length);
}

const STAGE_INDEX = new Map(MOOD_STAGES.map((s, i) => [s.id, i]));
const stageRange = (mark: MoodStageId | [MoodStageId, MoodStageId]): [number, number] => {
	const [a, b] = typeof mark === 'string' ? [mark, mark] : mark;
	const [i, j] = [STAGE_INDEX.get(a)!, STAGE_INDEX.get(b)!];
	return [Math.min(i, j), Math.max(i, j)];
};

export function contentLints(source: ScenarioFile, compiled: CompiledScenario): Lint[] {
	const out: Lint[] = [];
	const index = new Map(source.nodes.map((n, i) => [n.id, i]));
	const decisions = source.nodes.filter((n) => n.type === 'decision');
	if (decisions.length >= MIN_DECISIONS_TO_JUDGE) {
		const longestBest = decisions.filter((d) => {
			const best = bestReply(compiled.nodes[d.id] as Decision);
			const len = length(best.text);
			return d.replies.every((r) => r.id === best.id || length(r.text) < len);
		});
		if (longestBest.length / decisions.length > LONGEST_BEST_SHARE)
			out.push({
				path: ['nodes'],
				message: `the best reply is the longest in ${longestBest.length} of ${decisions.length} decisions (${longestBest.map((d) => d.id).join(', ')}): a trainee can pick by length; make some wrong replies as long or longer`
			});
		const oneWay = decisions.filter((d) => new Set(d.replies.map((r) => r.next)).size === 1);
		const branching = decisions.length - oneWay.length;
		if (oneWay.length / decisions.length > ONE_WAY_SHARE)
			out.push({
				path: ['nodes'],
				message: `${oneWay.length} of ${decisions.length} decisions lead to one place whatever is chosen (${oneWay.map((d) => d.id).join(', ')}): let replies lead to different customer lines`
			});
		else if (branching < MIN_BRANCHING)
			out.push({ path: ['nodes'], message: `only ${branching} decision(s) lead to different places by the reply chosen: at least ${MIN_BRANCHING} should` });
	}
	for (const d of decisions)
		d.replies.forEach((r, j) => {
			const twin = d.replies.slice(0, j).find((o) => similarity(o.text, r.text) >= NEAR_DUPLICATE);
			if (twin)
				out.push({ path: ['nodes', index.get(d.id)!, 'replies', j, 'text'], message: `reply "${r.id}" says nearly the same as "${twin.id}": give each option its own idea` });
		});
	// One voice in Chinese: every text a trainee reads.
	const texts: [PropertyKey[], string | undefined][] = [
		[['title'], source.title],
		[['summary'], source.summary],
		...source.objectives.map((o, i): [PropertyKey[], string] => [['objectives', i], o]),
		[['persona', 'description'], source.persona.description]
	];
	source.nodes.forEach((n, i) => {
		const at = (...p: PropertyKey[]) => ['nodes', i, ...p];
		if (n.type === 'line') {
			texts.push([at('text'), n.text], [at('direction'), n.direction]);
			(n.variants ?? []).forEach((v, k) => texts.push([at('variants', k, 'text'), v.text]));
		} else if (n.type === 'decision') {
			texts.push([at('prompt'), n.prompt]);
			n.replies.forEach((r, k) => texts.push([at('replies', k, 'text'), r.text], [at('replies', k, 'feedback'), r.feedback], [at('replies', k, 'response'), r.response]));
		} else if (n.type === 'ending') texts.push([at('title'), n.title], [at('debrief'), n.debrief]);
	});
	for (const [path, text] of texts) {
		const bad = text ? halfWidthInChinese(text) : [];
		if (bad.length) out.push({ path, message: `half-width punctuation in Chinese text (「${bad[0]}」): use ，。：；？！（）` });
	}
	// Marked lines: where play shows them, against the band their words fit.
	const marks = source.nodes.flatMap((n) =>
		n.type !== 'line'
			? []
			: [
					...(n.stage ? [{ key: n.id, mark: n.stage, path: ['nodes', index.get(n.id)!, 'stage'] }] : []),
					...(n.variants ?? []).flatMap((v, i) => (v.stage ? [{ key: `${n.id}#${i}`, mark: v.stage, path: ['nodes', index.get(n.id)!, 'variants', i, 'stage'] }] : []))
				]
	);
	if (marks.length) {
		const shown = new Map(voicePlan(compiled).lines.map((l) => [l.key, l.stages]));
		for (const m of marks) {
			const [lo, hi] = stageRange(m.mark);
			const off = (shown.get(m.key) ?? []).filter((s) => STAGE_INDEX.get(s)! < lo - 1 || STAGE_INDEX.get(s)! > hi + 1);
			if (off.length)
				out.push({
					path: m.path,
					message: `these words are marked for ${typeof m.mark === 'string' ? m.mark : m.mark.join('–')} but play can show them at ${off.join(', ')}: add a variant for that mood (when: { moodAtLeast/moodBelow })`
				});
		}
	}
	return out;
}
