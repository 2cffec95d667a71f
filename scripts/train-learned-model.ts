// Trains the analyzer's learned complement (src/lib/analyzer/learnedModel.ts) and writes
// scenarios/analyzer/model.json.
//   npx tsx scripts/train-learned-model.ts [--kfold [--folds 5] [--seed 7]] [--select fresh|all] [--dry-run] [--out file]
//       [--n 123/23] [--l2 0.001,0.003] [--keep 200,300] [--stack no,yes] [--min-count 2]   (the grid)
//       [--per-group | --both-plans] [--drop] [--drop-flags]   (combination: thresholds per code (default), per group, or the better of the two; also drop (every code / flags only))
//       [--keep-flags 600|same]   (n-grams kept per flag code)
//       [--moves-only] [--no-flag-precision-floor] [--agreement 0.95] [--authored-weight 5]
//       [--new-writers writer-d,…] [--new-writers-rev current|<commit>] [--scenarios angry-caller,…]
//       [--move-sources eval,writer-a,…|all] [--flag-sources all|eval,…]
// The defaults reproduce the shipped model (docs/analyzer-rounds.md): folds by writer, add only,
// l2 = 0.001, 300 n-grams per code, thresholds per code, flags added too (their thresholds chosen so
// that flag precision on the selection rows stays at least the rules' own; informal never added),
// and each group's codes trained and thresholded on its own sources (--move-sources, --flag-sources;
// below). Round 26 was `--keep-flags 600` (reverted); round 24 `--move-sources all`.
// Training rows: tests/fixtures/analyzer/eval.jsonl, every *.jsonl under tests/fixtures/analyzer/train/
// and the authored replies of the scenarios whose codes were aligned with their text (--scenarios;
// labels: the keys of their moves:/flags:), each weighing --authored-weight rows.
// Per code an L2 logistic regression over character n-grams (full-batch Adam, no randomness);
// pruned to the strongest n-grams per code, then refitted on those. k-fold cross-validation (folds
// drawn with a fixed seed) chooses the hyperparameters and the combination thresholds (add a code
// the rules missed at p ≥ add, drop a rule finding at p < drop), per group (moves, flags), and prints
// rules alone vs rules + model, per writer too (nested: thresholds chosen without that writer).
// Why a "fresh" selection set: the rules were tuned on every row here, so on these rows they look
// almost perfect (CV ≈ 0.99) and no threshold can show the model's worth; on unseen replies they
// reach ≈ 0.78. The thresholds are therefore chosen (--select fresh, the default) on rows the rules
// had not seen when they made their predictions: the t-rows (t001–t160) read by the rules of commit
// 596ea57 (before those rows were written; that commit's analyzer is run from `git archive` in a
// temporary folder), the rows of writers a–c read by the rules of 281eba8 (before train/ was
// committed; the rules have been tuned on those rows since), and the rows of writers d–g (round 23)
// read by --new-writers-rev (default: the current rules). Every row still trains the model (out of
// fold); --select all chooses on all rows with the current rules instead.
// After the thresholds are chosen, the shipped analyzer must read ≥ --agreement of the aligned
// authored replies exactly as authored (issue 9); where it does not, add thresholds are moved code by
// code for the least loss on the selection rows.
// The "rules" are phrases.yaml without any `learned:` block it may carry.
// The blind set (tests/fixtures/analyzer/blind/) is never read here.
import { execFileSync, execSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALL_CODES, FLAG_CODES, MOVE_CODES, type Code } from '../src/lib/domain';
import { analyze, compileRules, parseLabelledReplies, RULES_PATH, score, type CompiledRules } from '../src/lib/analyzer/index';
import { normalizeWithMap } from '../src/lib/analyzer/analyze';
import { applyLearned, eachGram, scoreLearned, featureText, LEARNED_FORMAT, parseLearnedModel, type LearnedModel } from '../src/lib/analyzer/learnedModel';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const MODEL_PATH = 'scenarios/analyzer/model.json';
const TRAIN_DIR = 'tests/fixtures/analyzer/train';
/**
 * The shipped model's size limit, gzip-compressed as the browser receives it (issue 9: the model is
 * loaded only when the trainee types; up to ~80 KB gzip is acceptable if it buys accuracy). Until
 * round 25 the limit was 80 KiB raw; round 26's 600 n-grams per flag code made 86 KB raw, 34 KB gzip.
 */
const MAX_GZIP = 80 * 1024;

const arg = (name: string, fallback: string) => {
	const i = process.argv.indexOf(name);
	return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};
/** Default since round 4: one fold per writer (--kfold: k seeded folds instead). */
const BY_WRITER = !process.argv.includes('--kfold');
let FOLDS = Number(arg('--folds', '5'));
const SEED = Number(arg('--seed', '7'));
const SELECT = arg('--select', 'fresh') as 'all' | 'fresh';
/** Rules from before the t-rows were written (see above). */
const STALE_REV = arg('--stale-rev', '596ea57');
/**
 * Rules from before train/ was committed (1693683, 23:37 UTC): the rules are being tuned on those
 * rows since, so the current rules no longer read them as unseen replies.
 */
const TRAIN_STALE_REV = arg('--train-stale-rev', '281eba8');
const STALE_IDS = /^eval:t\d{3}$/;
/**
 * Writers added after the rules were last tuned (round 23: writers d–g, 4,000 rows, never seen by the
 * rules): their selection rows are read by the rules of --new-writers-rev ("current": the rules in
 * the working tree, as long as no rule has been tuned on them), not by the stale rules of train/.
 */
const NEW_WRITERS = arg('--new-writers', 'writer-d,writer-e,writer-f,writer-g,writer-h,writer-i,writer-j,writer-k,writer-l,writer-m').split(',').filter(Boolean);
const NEW_WRITERS_REV = arg('--new-writers-rev', 'current');
/**
 * Scenarios whose authored codes were completed to what their text plainly shows (issue 9; the
 * analyzer reads them as authored): only these are training rows and the agreement floor's replies.
 * Until round 27 these were the four aligned first (angry-caller, dropped-calls, late-repair,
 * phone-drops); the other eight (issue 13) listed each reply's main codes only. Since round 28 all
 * twelve are aligned (branches align1 / align2), so the default is "all": every scenario in scenarios/.
 */
const SCENARIOS_ARG = arg('--scenarios', 'all');
const ALIGNED_SCENARIOS = SCENARIOS_ARG === 'all' ? null : SCENARIOS_ARG.split(',');
/** Flag additions are chosen so that flag precision on the selection rows stays at least the rules' own. */
const FLAG_PRECISION_FLOOR = !process.argv.includes('--no-flag-precision-floor');
/** Authored replies whose codes the shipped analyzer must read exactly (issue 9: ≥ 95%). */
const AGREEMENT_FLOOR = Number(arg('--agreement', '0.95'));
const DRY = process.argv.includes('--dry-run');
/**
 * Sources whose labels of a group are complete (round 25). Writers d–g (round 23) label fewer moves
 * than the other sources read in the same words (a look-up left without info, restated harm marked
 * empathy but not listen: their moves precision against the analyzer was 0.61–0.72), so a move code's
 * model trained on them learns to leave moves out. By default the move codes are therefore trained,
 * and their thresholds chosen, only on the sources whose move labels are complete (eval.jsonl,
 * writers a–c, the aligned scenarios); the flag codes use every source, as in round 24. A row outside
 * a group's sources weighs 0 for that group's codes (its other group's labels still count), and each
 * code's loss is averaged over the rows it is trained on, so a move code's model is the one it would
 * be if those rows were absent (the n-gram vocabulary is still drawn from every row's text).
 * "all": every source.
 */
const sourceList = (name: string, fallback: string) => { const v = arg(name, fallback); return v === 'all' ? null : v.split(',').filter(Boolean); };
const MOVE_SOURCES = sourceList('--move-sources', 'eval,writer-a,writer-b,writer-c,scenarios');
const FLAG_SOURCES = sourceList('--flag-sources', 'all');
const MOVE_SET = new Set<Code>(MOVE_CODES);
/** Whether a row of `source` trains and selects `code`. */
const counts4 = (source: string, code: Code) => { const list = MOVE_SET.has(code) ? MOVE_SOURCES : FLAG_SOURCES; return list === null || list.includes(source); };

// ---------------------------------------------------------------------------------------------
// Data

/** The shipped rules without the learned block phrases.yaml may carry: the rules alone. */
export function rulesAlone(): CompiledRules {
	const { rules, diagnostics } = compileRules(RULES_PATH, readFileSync(resolve(root, RULES_PATH), 'utf8'));
	if (!rules) throw new Error(`rules do not compile: ${diagnostics.map((d) => d.message).join('; ')}`);
	const copy = { ...rules } as CompiledRules & { learned?: unknown; model?: unknown };
	delete copy.learned;
	delete copy.model;
	return copy;
}

interface Row {
	id: string;
	source: string;
	text: string;
	labels: Set<Code>;
}

async function loadRows(): Promise<Row[]> {
	const rows: Row[] = [];
	const add = (source: string, file: string) => {
		for (const r of parseLabelledReplies(readFileSync(file, 'utf8'))) rows.push({ id: `${source}:${r.id}`, source, text: r.text, labels: new Set<Code>([...r.moves, ...r.flags]) });
	};
	add('eval', resolve(root, 'tests/fixtures/analyzer/eval.jsonl'));
	const dir = resolve(root, TRAIN_DIR);
	if (existsSync(dir))
		for (const f of readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort()) {
			try {
				add(basename(f, '.jsonl'), join(dir, f));
			} catch (e) {
				process.stderr.write(`${TRAIN_DIR}/${f}: skipped (${(e as Error).message})\n`);
			}
		}
	const { checkFile, scenarioFiles } = await import('../src/lib/scenario/files');
	for (const file of scenarioFiles(resolve(root, 'scenarios'))) {
		const scenario = checkFile(file).scenario;
		if (!scenario || (ALIGNED_SCENARIOS && !ALIGNED_SCENARIOS.includes(scenario.meta.id))) continue;
		for (const node of Object.values(scenario.nodes))
			if (node.type === 'decision')
				for (const r of node.replies)
					rows.push({
						id: `${scenario.meta.id}/${node.id}.${r.id}`,
						source: 'scenarios',
						text: r.text,
						labels: new Set<Code>([...(Object.keys(r.moves) as Code[]), ...(Object.keys(r.flags) as Code[])])
					});
	}
	return rows;
}

/** The codes the rules of commit `rev` (its own analyzer and phrases.yaml) read in each text. */
function stalePredictions(rev: string, texts: string[]): Set<Code>[] {
	const dir = mkdtempSync(join(tmpdir(), 'stale-rules-'));
	try {
		execSync(`git -C ${JSON.stringify(root)} archive ${rev} src/lib scenarios/analyzer | tar -x -C ${JSON.stringify(dir)}`);
		symlinkSync(resolve(root, 'node_modules'), join(dir, 'node_modules'));
		writeFileSync(join(dir, 'texts.json'), JSON.stringify(texts));
		writeFileSync(
			join(dir, 'predict.ts'),
			[
				`import { readFileSync } from 'node:fs';`,
				`import { analyze, compileRules } from './src/lib/analyzer/index';`,
				`const { rules, diagnostics } = compileRules('phrases.yaml', readFileSync(${JSON.stringify(join(dir, 'scenarios/analyzer/phrases.yaml'))}, 'utf8'));`,
				`if (!rules) throw new Error(JSON.stringify(diagnostics));`,
				`const texts: string[] = JSON.parse(readFileSync(${JSON.stringify(join(dir, 'texts.json'))}, 'utf8'));`,
				`process.stdout.write(JSON.stringify(texts.map((t) => { const a = analyze(t, rules); return [...a.moves, ...a.flags]; })));`
			].join('\n')
		);
		const out = execFileSync(resolve(root, 'node_modules/.bin/tsx'), [join(dir, 'predict.ts')], { cwd: dir, maxBuffer: 64 << 20 }).toString();
		return (JSON.parse(out) as Code[][]).map((cs) => new Set(cs));
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

// ---------------------------------------------------------------------------------------------
// Seeded randomness (folds only; training itself is deterministic full-batch)

function mulberry32(seed: number) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

// ---------------------------------------------------------------------------------------------
// Logistic regression, all codes at once

interface Hyper {
	n: number[];
	/** The rules' reading of the reply is a feature too (15 indicators): the model learns what the rules miss. */
	stack: boolean;
	l2: number;
	keep: number;
	minCount: number;
}

interface Fit {
	vocab: string[];
	/** weights[code][feature] over `vocab`. */
	w: Float64Array[];
	b: Float64Array;
}

const C = ALL_CODES.length;
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

function gramsOf(text: string, n: number[]): string[] {
	const s = new Set<string>();
	eachGram(text, n, (g) => s.add(g));
	return [...s];
}

/**
 * Full-batch Adam on mean log loss + l2/2·|w|², every code's model at once. The weights are kept
 * interleaved (feature-major: W[j·C + c]) so that a row's n-grams read and write one contiguous
 * block each, several times faster than one array per code on 6,000+ rows.
 */
function adam(X: Int32Array[], Y: Uint8Array[], V: number, l2: number, iters: number, init?: { w: Float64Array[]; b: Float64Array }, allowed?: Uint8Array[], cellWeight?: Float64Array): { w: Float64Array[]; b: Float64Array } {
	const W = new Float64Array(V * C);
	if (init) for (let c = 0; c < C; c++) for (let j = 0; j < V; j++) W[j * C + c] = init.w[c][j];
	const ok = allowed ? new Uint8Array(V * C) : null;
	if (ok && allowed) for (let c = 0; c < C; c++) for (let j = 0; j < V; j++) ok[j * C + c] = allowed[c][j];
	const b = init ? Float64Array.from(init.b) : new Float64Array(C);
	const mw = new Float64Array(V * C);
	const vw = new Float64Array(V * C);
	const mb = new Float64Array(C);
	const vb = new Float64Array(C);
	const g = new Float64Array(V * C);
	const gb = new Float64Array(C);
	const z = new Float64Array(C);
	const N = X.length;
	// Each code's loss is a mean over the rows that train it (cellWeight[i·C + c] ≠ 0); with every
	// row counted, as before round 25, that is N for every code.
	const rowsOf = new Float64Array(C).fill(cellWeight ? 0 : N);
	if (cellWeight) for (let i = 0; i < N; i++) for (let c = 0; c < C; c++) if (cellWeight[i * C + c] !== 0) rowsOf[c]++;
	const scaleOf = Float64Array.from(rowsOf, (n) => (n ? 1 / n : 0));
	const lr = 0.05;
	const b1 = 0.9;
	const b2 = 0.999;
	for (let t = 1; t <= iters; t++) {
		g.fill(0);
		gb.fill(0);
		for (let i = 0; i < N; i++) {
			const x = X[i];
			const y = Y[i];
			z.set(b);
			for (let k = 0; k < x.length; k++) {
				const o = x[k] * C;
				for (let c = 0; c < C; c++) z[c] += W[o + c];
			}
			const o = i * C;
			for (let c = 0; c < C; c++) z[c] = (sigmoid(z[c]) - y[c]) * (cellWeight ? cellWeight[o + c] : 1) * scaleOf[c];
			for (let k = 0; k < x.length; k++) {
				const o = x[k] * C;
				for (let c = 0; c < C; c++) g[o + c] += z[c];
			}
			for (let c = 0; c < C; c++) gb[c] += z[c];
		}
		const c1 = 1 - Math.pow(b1, t);
		const c2 = 1 - Math.pow(b2, t);
		for (let j = 0; j < V * C; j++) {
			if (ok && !ok[j]) continue;
			const gj = g[j] + l2 * W[j];
			mw[j] = b1 * mw[j] + (1 - b1) * gj;
			vw[j] = b2 * vw[j] + (1 - b2) * gj * gj;
			W[j] -= (lr * (mw[j] / c1)) / (Math.sqrt(vw[j] / c2) + 1e-8);
		}
		for (let c = 0; c < C; c++) {
			mb[c] = b1 * mb[c] + (1 - b1) * gb[c];
			vb[c] = b2 * vb[c] + (1 - b2) * gb[c] * gb[c];
			b[c] -= (lr * (mb[c] / c1)) / (Math.sqrt(vb[c] / c2) + 1e-8);
		}
	}
	const w = Array.from({ length: C }, (_, c) => { const a = new Float64Array(V); for (let j = 0; j < V; j++) a[j] = W[j * C + c]; return a; });
	return { w, b };
}

/** Pseudo n-grams standing for "the rules found this code" (never produced by eachGram: \u0001 is folded away below). */
const RULE_FEATURE = '\u0001';
const ruleFeatures = (found: Set<Code> | undefined) => (found ? ALL_CODES.filter((c) => found.has(c)).map((c) => RULE_FEATURE + c) : []);

/**
 * --keep-flags: n-grams kept per FLAG code (default "same": --keep). Round 26 shipped 600 (CV by writer
 * and writers H–J fresh: flags up; blind flags 0.807 -> 0.801) and reverted it. Each
 * code's model is fitted on its own n-grams (masks below), so this changes the flag codes only.
 */
const KEEP_FLAGS = arg('--keep-flags', 'same') === 'same' ? null : Number(arg('--keep-flags', 'same'));
const keepOf = (h: Hyper, c: number) => (KEEP_FLAGS !== null && !MOVE_SET.has(ALL_CODES[c]) ? KEEP_FLAGS : h.keep);

/** The unpruned fits, by fold and every hyperparameter but `keep` (a grid over keep refits only the pruned model). */
const fullFits = new Map<string, { vocab: string[]; X: Int32Array[]; Y: Uint8Array[]; full: { w: Float64Array[]; b: Float64Array } }>();

function fit(texts: string[], labels: Set<Code>[], h: Hyper, ruleSets: Set<Code>[], cacheKey?: string, cellWeight?: Float64Array): Fit {
	const key = cacheKey === undefined ? undefined : `${cacheKey}|${h.n.join('')}|${h.l2}|${h.minCount}|${h.stack}`;
	let cached = key === undefined ? undefined : fullFits.get(key);
	if (!cached) {
		const grams = texts.map((t, i) => [...gramsOf(t, h.n), ...(h.stack ? ruleFeatures(ruleSets[i]) : [])]);
		const count = new Map<string, number>();
		for (const gs of grams) for (const g of gs) count.set(g, (count.get(g) ?? 0) + 1);
		const vocab = [...count].filter(([g, k]) => k >= h.minCount || g.startsWith(RULE_FEATURE)).map(([g]) => g).sort();
		const index = new Map(vocab.map((g, i) => [g, i]));
		const X = grams.map((gs) => Int32Array.from(gs.map((g) => index.get(g)).filter((i): i is number => i !== undefined)));
		const Y = labels.map((l) => Uint8Array.from(ALL_CODES.map((c) => (l.has(c) ? 1 : 0))));
		cached = { vocab, X, Y, full: adam(X, Y, vocab.length, h.l2, 300, undefined, undefined, cellWeight) };
		if (key !== undefined) fullFits.set(key, cached);
	}
	const { vocab, X, Y, full } = cached;
	// Prune: the `keep` strongest n-grams per code; refit on their union, each code on its own.
	const forced = vocab.map((g, j) => (g.startsWith(RULE_FEATURE) ? j : -1)).filter((j) => j >= 0);
	const keptPerCode = full.w.map((wc, c) => [...forced, ...[...wc.keys()].filter((j) => !forced.includes(j)).sort((p, q) => Math.abs(wc[q]) - Math.abs(wc[p]) || p - q).slice(0, keepOf(h, c))]);
	const union = [...new Set(keptPerCode.flat())].sort((p, q) => p - q);
	const remap = new Map(union.map((j, i) => [j, i]));
	const X2 = X.map((x) => Int32Array.from([...x].filter((j) => remap.has(j)).map((j) => remap.get(j)!)));
	const init = { w: full.w.map((wc, c) => { const a = new Float64Array(union.length); for (const j of keptPerCode[c]) a[remap.get(j)!] = wc[j]; return a; }), b: full.b };
	// Masks keep each code to its own n-grams during the refit.
	const allowed = keptPerCode.map((ks) => { const a = new Uint8Array(union.length); for (const j of ks) a[remap.get(j)!] = 1; return a; });
	const refit = adam(X2, Y, union.length, h.l2, 150, init, allowed, cellWeight);
	return { vocab: union.map((j) => vocab[j]), w: refit.w, b: refit.b };
}

/** Probabilities per code for a set of feature texts. */
function predict(f: Fit, texts: string[], h: Hyper, ruleSets: Set<Code>[]): Float64Array[] {
	const index = new Map(f.vocab.map((g, i) => [g, i]));
	return texts.map((t, i) => {
		const xs = [...gramsOf(t, h.n), ...(h.stack ? ruleFeatures(ruleSets[i]) : [])].map((g) => index.get(g)).filter((i): i is number => i !== undefined);
		return Float64Array.from(ALL_CODES.map((_, c) => { let z = f.b[c]; for (const j of xs) z += f.w[c][j]; return sigmoid(z); }));
	});
}

// ---------------------------------------------------------------------------------------------
// Combination and scoring

interface Thresholds {
	add: number | null;
	drop: number | null;
}
const ADD_GRID: (number | null)[] = [null, 0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.65, 0.6, 0.55, 0.5, 0.45, 0.4, 0.35, 0.3];
/** Default since round 3: the model only adds codes, never removes a rule finding (--drop: may drop). */
const DROP_GRID: (number | null)[] = !process.argv.includes('--drop') ? [null] : [null, 0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3];
/**
 * --drop-flags: the model may also drop a rule's FLAG finding it scores below `drop` (moves stay add
 * only). Tried in round 26 and NOT shipped: by-writer CV gained (nested flags 0.746 → 0.767 with 600
 * n-grams per flag code; every writer but the eval t-rows up), but it withdrew the rules' deliberate
 * readings of the seeds' mistakes (您完全没弄明白我的意思 argue, 您是不是待在地下车库里…所以信号才不好 blame:
 * seed-cases.test.ts) and out of fold read the authored replies' flags at 0.69 (add only: 0.98).
 */
const FLAG_DROP_GRID: (number | null)[] = process.argv.includes('--drop-flags') ? [null, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3] : DROP_GRID;

interface Item {
	labels: Set<Code>;
	rules: Set<Code>;
	p: Float64Array;
}

/** Thresholds per code (a group's codes may share one pair). */
type Plan = Partial<Record<Code, Thresholds>>;

/**
 * Codes the model never adds (round 26), in selection and CV figures too: with 600 n-grams per flag
 * code CV chose to add informal at 0.5 on the n-gram 你 alone, which reads 迷你 and 你 inside words
 * the rules deliberately leave out (analyze.test.ts: 这款迷你音箱我们亲自检查过). The rules find informal
 * at 0.83–1.00 recall on every writer; what they miss is a reading of tone, not a missing 你.
 */
const NO_ADD: Code[] = ['informal'];

function decide(it: Item, code: Code, t: Thresholds): boolean {
	const p = it.p[ALL_CODES.indexOf(code)];
	return it.rules.has(code) ? !(t.drop !== null && p < t.drop) : t.add !== null && p >= t.add && !NO_ADD.includes(code);
}

function combined(it: Item, codes: readonly Code[], plan: Plan): Set<Code> {
	return new Set(codes.filter((code) => decide(it, code, plan[code] ?? { add: null, drop: null })));
}

function microF1(items: Item[], codes: readonly Code[], found: (it: Item) => Set<Code>): number {
	let tp = 0, fp = 0, fn = 0;
	for (const it of items) {
		const f = found(it);
		for (const c of codes) {
			const l = it.labels.has(c);
			if (f.has(c) && l) tp++;
			else if (f.has(c)) fp++;
			else if (l) fn++;
		}
	}
	return score(tp, fp, fn).f1;
}

const CANDIDATES: Thresholds[] = DROP_GRID.flatMap((drop) => ADD_GRID.map((add) => ({ add, drop })));
const FLAG_CANDIDATES: Thresholds[] = FLAG_DROP_GRID.flatMap((drop) => ADD_GRID.map((add) => ({ add, drop })));
/** The threshold pairs a group's codes choose from. */
const candidatesFor = (codes: readonly Code[]) => (codes.some((c) => !MOVE_SET.has(c)) ? FLAG_CANDIDATES : CANDIDATES);

/** [tp, fp, fn] of one code under one pair of thresholds. */
function counts(items: Item[], code: Code, t: Thresholds): [number, number, number] {
	let tp = 0, fp = 0, fn = 0;
	for (const it of items) {
		const f = decide(it, code, t);
		const l = it.labels.has(code);
		if (f && l) tp++;
		else if (f) fp++;
		else if (l) fn++;
	}
	return [tp, fp, fn];
}

/**
 * The thresholds maximizing the group's micro-F1 on `items`: one pair for the group, or (perCode)
 * that pair refined code by code (two rounds of coordinate ascent). Candidates run from
 * conservative to bold; a bolder one must be strictly better.
 */
function bestThresholds(items: Item[], codes: readonly Code[], perCode = false, precisionFloor = false): { t: Plan; f1: number } {
	const CANDIDATES = candidatesFor(codes);
	const table = codes.map((c) => CANDIDATES.map((t) => counts(items, c, t)));
	const pooled = (choice: number[]) => {
		let tp = 0, fp = 0, fn = 0;
		choice.forEach((k, ci) => ((tp += table[ci][k][0]), (fp += table[ci][k][1]), (fn += table[ci][k][2])));
		return score(tp, fp, fn);
	};
	// With precisionFloor, a choice whose pooled precision falls below the rules' own (the first
	// candidate: neither add nor drop) is never taken.
	const floor = precisionFloor ? pooled(codes.map(() => 0)).precision - 1e-9 : -1;
	const f1Of = (choice: number[]) => {
		const s = pooled(choice);
		return s.precision < floor ? -1 : s.f1;
	};
	let choice = codes.map(() => 0);
	let best = f1Of(choice);
	for (let k = 1; k < CANDIDATES.length; k++) {
		const f = f1Of(codes.map(() => k));
		if (f > best + 1e-9) ((best = f), (choice = codes.map(() => k)));
	}
	if (perCode)
		for (let round = 0; round < 2; round++)
			for (let ci = 0; ci < codes.length; ci++)
				for (let k = 0; k < CANDIDATES.length; k++) {
					const next = choice.slice();
					next[ci] = k;
					const f = f1Of(next);
					if (f > best + 1e-9) ((best = f), (choice = next));
				}
	return { t: Object.fromEntries(codes.map((c, ci) => [c, CANDIDATES[choice[ci]]])) as Plan, f1: best };
}

const describePlan = (plan: Plan, codes: readonly Code[]) => {
	const pairs = codes.map((c) => `${plan[c]!.add ?? '-'}/${plan[c]!.drop ?? '-'}`);
	return new Set(pairs).size === 1 ? `add/drop ${pairs[0]} for all` : codes.map((c, i) => `${c} ${pairs[i]}`).join(', ');
};

const r3 = (x: number) => Math.round(x * 1000) / 1000;

// ---------------------------------------------------------------------------------------------

const rules = rulesAlone();
const rows = await loadRows();
const texts = rows.map((r) => featureText(normalizeWithMap(r.text, rules).text, { quotes: rules.quotes, digits: true }).replaceAll(RULE_FEATURE, ' '));
const rulesFound = rows.map((r) => { const a = analyze(r.text, rules); return new Set<Code>([...a.moves, ...a.flags]); });
const sources = [...new Set(rows.map((r) => r.source))];
/**
 * The authored replies weigh AUTHORED_WEIGHT rows each in training: 170 of 6,470 rows (2.6%; 7% of
 * the 1,792 rows of round 4), too few for the model to learn the codes their authors read, which the
 * agreement floor needs.
 */
const AUTHORED_WEIGHT = Number(arg('--authored-weight', '5'));
const rowWeights = Float64Array.from(rows, (r) => (r.source === 'scenarios' ? AUTHORED_WEIGHT : 1));
/** Training weight of each (row, code) of rows `idx`: the row's weight, 0 where its source does not train the code. */
const cellWeights = (idx: number[]) => {
	const w = new Float64Array(idx.length * C);
	idx.forEach((i, k) => ALL_CODES.forEach((code, c) => (w[k * C + c] = counts4(rows[i].source, code) ? rowWeights[i] : 0)));
	return w;
};
/** Whether a row's labels count for a group (training, thresholds, the figures it is chosen by). */
const countsFor = (i: number, codes: readonly Code[]) => counts4(rows[i].source, codes[0]);
process.stdout.write(`move codes trained and selected on: ${MOVE_SOURCES?.join(', ') ?? 'all sources'}; flag codes: ${FLAG_SOURCES?.join(', ') ?? 'all sources'}\n`);
if (BY_WRITER) FOLDS = sources.length;
process.stdout.write(`rows: ${rows.length} (${sources.map((s) => `${s} ${rows.filter((r) => r.source === s).length}`).join(', ')})\n`);

const rnd = mulberry32(SEED);
const order = rows.map((_, i) => i);
for (let i = order.length - 1; i > 0; i--) { const j = Math.floor(rnd() * (i + 1)); [order[i], order[j]] = [order[j], order[i]]; }
const fold = new Int32Array(rows.length);
order.forEach((i, k) => (fold[i] = k % FOLDS));
// By default one fold per writer (eval.jsonl's writers, writer-a, writer-b, the scenarios' authors),
// so every estimate is of a writer the model never saw, as the blind set is.
if (BY_WRITER) rows.forEach((r, i) => (fold[i] = sources.indexOf(r.source)));

const GRID: Hyper[] = [];
const list = (name: string, fallback: string) => arg(name, fallback).split(',').map(Number);
// Defaults: the grid of round 4 (earlier rounds also tried n = 2,3 and 1-4, l2 = 3e-4, 200 and 400
// n-grams per code, stacking, min count 3: all within noise or worse; docs/analyzer-learned-rounds.md).
for (const n of arg('--n', '123').split('/').map((s) => [...s].map(Number)))
	for (const l2 of list('--l2', '0.001'))
		for (const keep of list('--keep', '300'))
			for (const stack of arg('--stack', 'no').split(',').map((v) => v === 'yes'))
				for (const minCount of list('--min-count', '2')) GRID.push({ n, l2, keep, minCount, stack });

// Rows the current rules never saw (train/), and t-rows read by the stale rules.
const isFresh = (r: Row) => !['eval', 'scenarios'].includes(r.source);
const staleIdx = rows.map((r, i) => (STALE_IDS.test(r.id) ? i : -1)).filter((i) => i >= 0);
const staleFound = new Map<number, Set<Code>>();
if (SELECT === 'fresh') stalePredictions(STALE_REV, staleIdx.map((i) => rows[i].text)).forEach((f, k) => staleFound.set(staleIdx[k], f));
const isNew = (r: Row) => NEW_WRITERS.includes(r.source);
const freshIdx = rows.map((r, i) => (isFresh(r) && !isNew(r) ? i : -1)).filter((i) => i >= 0);
if (SELECT === 'fresh' && freshIdx.length) stalePredictions(TRAIN_STALE_REV, freshIdx.map((i) => rows[i].text)).forEach((f, k) => staleFound.set(freshIdx[k], f));
const newIdx = rows.map((r, i) => (isNew(r) ? i : -1)).filter((i) => i >= 0);
if (SELECT === 'fresh' && newIdx.length) {
	if (NEW_WRITERS_REV === 'current') newIdx.forEach((i) => staleFound.set(i, rulesFound[i]));
	else stalePredictions(NEW_WRITERS_REV, newIdx.map((i) => rows[i].text)).forEach((f, k) => staleFound.set(newIdx[k], f));
}
/** Selection rows: [row index, the rules' reading to combine with]. */
const selection: [number, Set<Code>][] =
	SELECT === 'fresh' ? [...staleIdx, ...freshIdx, ...newIdx].map((i) => [i, staleFound.get(i)!] as [number, Set<Code>]) : rows.map((_, i) => [i, rulesFound[i]]);
const selectIdx = selection.map(([i]) => i);
/** The rules' reading each row is trained with (stacked models): the stale one for t-rows, the current one otherwise. */
const trainRuleSets = rows.map((_, i) => staleFound.get(i) ?? rulesFound[i]);
process.stdout.write(`threshold selection on ${selection.length} rows (${SELECT === 'fresh' ? `${staleIdx.length} t-rows read by the rules of ${STALE_REV}, ${freshIdx.length} rows under train/ read by the rules of ${TRAIN_STALE_REV}, ${newIdx.length} rows of ${NEW_WRITERS.join(', ')} read by the rules of ${NEW_WRITERS_REV}` : 'all rows, current rules'})\n`);

const PLAN_MODES = process.argv.includes('--per-group') ? [false] : process.argv.includes('--both-plans') ? [false, true] : [true];
interface Result { h: Hyper; perCode: boolean; items: Item[]; sel: Item[]; selMoves: Item[]; selFlags: Item[]; moves: ReturnType<typeof bestThresholds>; flags: ReturnType<typeof bestThresholds>; nested: { moves: number; flags: number }; nestedFound: Set<Code>[] }
const results: Result[] = [];
for (const h of GRID) {
	const started = Date.now();
	const p: Float64Array[] = new Array(rows.length);
	/** Out-of-fold probabilities given the selection's reading of the rules (differs for t-rows when stacked). */
	const pSel: Float64Array[] = new Array(rows.length);
	for (let k = 0; k < FOLDS; k++) {
		const tr = rows.map((_, i) => i).filter((i) => fold[i] !== k);
		const te = rows.map((_, i) => i).filter((i) => fold[i] === k);
		const f = fit(tr.map((i) => texts[i]), tr.map((i) => rows[i].labels), h, tr.map((i) => trainRuleSets[i]), `fold ${k}`, cellWeights(tr));
		predict(f, te.map((i) => texts[i]), h, te.map((i) => rulesFound[i])).forEach((pi, j) => (p[te[j]] = pi));
		predict(f, te.map((i) => texts[i]), h, te.map((i) => trainRuleSets[i])).forEach((pi, j) => (pSel[te[j]] = pi));
		process.stderr.write(`    fold ${k + 1}/${FOLDS} [${((Date.now() - started) / 1000).toFixed(0)}s]\n`);
	}
	const items: Item[] = rows.map((r, i) => ({ labels: r.labels, rules: rulesFound[i], p: p[i] }));
	const sel = selection.map(([i, f]) => ({ ...items[i], rules: f, p: pSel[i] }));
	/** Each group's selection rows: those whose source counts for it. */
	const selMoves = sel.filter((_, s) => countsFor(selectIdx[s], MOVE_CODES));
	const selFlags = sel.filter((_, s) => countsFor(selectIdx[s], FLAG_CODES));
	for (const perCode of PLAN_MODES) {
		const moves = bestThresholds(selMoves, MOVE_CODES, perCode);
		const flags = bestThresholds(selFlags, FLAG_CODES, perCode, FLAG_PRECISION_FLOOR);
		// Nested estimate: each fold scored with thresholds chosen on the other folds' out-of-fold rows.
		const nestedFound: Set<Code>[] = new Array(sel.length);
		for (let k = 0; k < FOLDS; k++) {
			const other = (codes: readonly Code[]) => sel.filter((_, s) => fold[selectIdx[s]] !== k && countsFor(selectIdx[s], codes));
			const tm = bestThresholds(other(MOVE_CODES), MOVE_CODES, perCode).t;
			const tf = bestThresholds(other(FLAG_CODES), FLAG_CODES, perCode, FLAG_PRECISION_FLOOR).t;
			sel.forEach((it, s) => { if (fold[selectIdx[s]] === k) nestedFound[s] = new Set([...combined(it, MOVE_CODES, tm), ...combined(it, FLAG_CODES, tf)]); });
		}
		const at = new Map(sel.map((it, s) => [it, s]));
		const nested = {
			moves: r3(microF1(selMoves, MOVE_CODES, (it) => nestedFound[at.get(it)!])),
			flags: r3(microF1(selFlags, FLAG_CODES, (it) => nestedFound[at.get(it)!]))
		};
		results.push({ h, perCode, items, sel, selMoves, selFlags, moves, flags, nested, nestedFound });
		process.stdout.write(`  n=${h.n.join('')} l2=${h.l2} keep=${h.keep} min=${h.minCount}${h.stack ? ' stacked' : ''} ${perCode ? 'per code' : 'per group'}: CV moves ${r3(moves.f1)}, flags ${r3(flags.f1)}; nested ${nested.moves} / ${nested.flags} [${((Date.now() - started) / 1000).toFixed(1)}s]\n`);
	}
}
// The best by the nested estimate (honest: thresholds never chosen on the rows they are scored on).
results.sort((a, b) => b.nested.moves + b.nested.flags - (a.nested.moves + a.nested.flags));
const best = results[0];

/** A group's figures are over the rows whose source counts for it (`rows` and `movesRows` say how many). */
function report(items: Item[], idx: number[], label: string) {
	return reportItems(idx.map((i) => items[i]), label, idx.map((i) => countsFor(i, MOVE_CODES)), idx.map((i) => countsFor(i, FLAG_CODES)));
}
function reportItems(its: Item[], label: string, movesOk?: boolean[], flagsOk?: boolean[]) {
	const of = (ok?: boolean[]) => (ok ? its.filter((_, k) => ok[k]) : its);
	const rulesOnly = (codes: readonly Code[], xs: Item[]) => (xs.length ? r3(microF1(xs, codes, (it) => new Set(codes.filter((c) => it.rules.has(c))))) : null);
	const comb = (codes: readonly Code[], t: Plan, xs: Item[]) => (xs.length ? r3(microF1(xs, codes, (it) => combined(it, codes, t))) : null);
	const m = of(movesOk);
	const f = of(flagsOk);
	return { set: label, rows: its.length, movesRows: m.length, flagsRows: f.length, rules: { moves: rulesOnly(MOVE_CODES, m), flags: rulesOnly(FLAG_CODES, f) }, combined: { moves: comb(MOVE_CODES, best.moves.t, m), flags: comb(FLAG_CODES, best.flags.t, f) } };
}
const all = rows.map((_, i) => i);
const cv = [
	report(best.items, all, 'all'),
	...sources.map((s) => report(best.items, all.filter((i) => rows[i].source === s), s)),
	...(SELECT === 'fresh' ? [reportItems(best.sel.slice(0, staleIdx.length), `t-rows, rules of ${STALE_REV}`, staleIdx.map((i) => countsFor(i, MOVE_CODES)), staleIdx.map((i) => countsFor(i, FLAG_CODES)))] : []),
	...(SELECT === 'fresh' && freshIdx.length ? [reportItems(best.sel.slice(staleIdx.length, staleIdx.length + freshIdx.length), `train/ rows a–c, rules of ${TRAIN_STALE_REV}`, freshIdx.map((i) => countsFor(i, MOVE_CODES)), freshIdx.map((i) => countsFor(i, FLAG_CODES)))] : [])
];
process.stdout.write(`\nchosen: n=${best.h.n.join(',')} l2=${best.h.l2} keep=${best.h.keep}${best.h.stack ? ', stacked on the rules' : ''}, thresholds per ${best.perCode ? 'code' : 'group'} (chosen on ${SELECT} rows)\n  moves: ${describePlan(best.moves.t, MOVE_CODES)}\n  flags: ${describePlan(best.flags.t, FLAG_CODES)}\n`);
process.stdout.write(`CV (${BY_WRITER ? 'one fold per writer' : `${FOLDS}-fold`}, out-of-fold, micro-F1), rules alone → rules + model:\n`);
const movesNote = (r: { rows: number; movesRows: number }) => (r.movesRows === r.rows ? '' : r.movesRows ? ` (moves on ${r.movesRows} rows)` : ' (moves: not a moves source)');
for (const r of cv) process.stdout.write(`  ${r.set.padEnd(28)} ${String(r.rows).padStart(4)} rows  moves ${r.rules.moves ?? '—'} → ${r.combined.moves ?? '—'}   flags ${r.rules.flags ?? '—'} → ${r.combined.flags ?? '—'}${movesNote(r)}\n`);
process.stdout.write(`  nested on the selection rows (thresholds chosen on the other folds): moves ${best.nested.moves} (${best.selMoves.length} rows), flags ${best.nested.flags} (${best.selFlags.length} rows)\n`);
/** Precision / recall / F1 of a group over selection items. */
function prf(its: Item[], codes: readonly Code[], found: (it: Item, s: number) => Set<Code>) {
	let tp = 0, fp = 0, fn = 0;
	its.forEach((it, s) => {
		const f = found(it, s);
		for (const c of codes) {
			const l = it.labels.has(c);
			if (f.has(c) && l) tp++;
			else if (f.has(c)) fp++;
			else if (l) fn++;
		}
	});
	const r = score(tp, fp, fn);
	return { p: r3(r.precision), r: r3(r.recall), f1: r3(r.f1) };
}
// Nested, per writer (each writer's rows scored with thresholds chosen without them, by a model that
// never saw them): the estimate for an unseen writer. Flags "model" includes the model's flag
// additions whether or not they ship (--moves-only).
const selSources = [...new Set(selectIdx.map((i) => rows[i].source))];
const nestedBySource = selSources.map((src) => {
	const ks = best.sel.map((_, s) => s).filter((s) => rows[selectIdx[s]].source === src);
	const its = ks.map((s) => best.sel[s]);
	const rulesOf = (codes: readonly Code[]) => prf(its, codes, (it) => new Set(codes.filter((c) => it.rules.has(c))));
	const modelOf = (codes: readonly Code[]) => prf(its, codes, (_, j) => best.nestedFound[ks[j]]);
	return { set: src, rows: its.length, movesCount: counts4(src, MOVE_CODES[0]), rules: { moves: rulesOf(MOVE_CODES), flags: rulesOf(FLAG_CODES) }, model: { moves: modelOf(MOVE_CODES), flags: modelOf(FLAG_CODES) } };
});
process.stdout.write(`  nested by writer, P/R/F1, rules alone → rules + model (thresholds chosen on the other writers):\n`);
const fmt = (x: { p: number; r: number; f1: number }) => `${x.p}/${x.r}/${x.f1}`;
// A source outside the move sources still gets a moves figure here (its labels against the model
// trained without its moves), marked: it is not what the moves were chosen by.
for (const r of nestedBySource) process.stdout.write(`    ${r.set.padEnd(12)} ${String(r.rows).padStart(4)}  moves ${fmt(r.rules.moves)} → ${fmt(r.model.moves)}${r.movesCount ? '' : ' (not a moves source)'}   flags ${fmt(r.rules.flags)} → ${fmt(r.model.flags)}\n`);

// Final model on every row.
const final = fit(texts, rows.map((r) => r.labels), best.h, trainRuleSets, undefined, cellWeights(all));
const used = new Set<number>();
const scale = 100;
const codes: LearnedModel['codes'] = {};
const isRuleFeature = (j: number) => final.vocab[j].startsWith(RULE_FEATURE);
ALL_CODES.forEach((code, c) => {
	for (let j = 0; j < final.vocab.length; j++) if (!isRuleFeature(j) && Math.round(final.w[c][j] * scale) !== 0) used.add(j);
});
const kept = [...used].sort((p, q) => p - q);
const vocab = kept.map((j) => final.vocab[j]);
ALL_CODES.forEach((code, c) => {
	const weights: number[] = [];
	kept.forEach((j, i) => { const w = Math.round(final.w[c][j] * scale); if (w !== 0) weights.push(i, w); });
	const t = ((MOVE_CODES as readonly Code[]).includes(code) ? best.moves.t : best.flags.t)[code]!;
	const ruleWeights: number[] = [];
	if (best.h.stack)
		final.vocab.forEach((g, j) => {
			const w = Math.round(final.w[c][j] * scale);
			if (isRuleFeature(j) && w !== 0) ruleWeights.push(ALL_CODES.indexOf(g.slice(1) as Code), w);
		});
	codes[code] = { bias: r3(final.b[c]), add: t.add, drop: t.drop, weights, ...(best.h.stack ? { rules: ruleWeights } : {}) };
});
const chars = new Set(vocab.join(''));
const traditional = Object.fromEntries(Object.entries(rules.traditional).filter(([, s]) => chars.has(s)).sort(([a], [b]) => (a < b ? -1 : 1)));
const model: LearnedModel = {
	format: LEARNED_FORMAT,
	n: best.h.n,
	digits: true,
	quotes: rules.quotes,
	traditional,
	vocab,
	scale,
	codes,
	meta: {
		trainedOn: Object.fromEntries(sources.map((s) => [s, rows.filter((r) => r.source === s).length])),
		hyper: { ...best.h, ...(KEEP_FLAGS !== null ? { keepFlags: KEEP_FLAGS } : {}), folds: BY_WRITER ? 'by writer' : FOLDS, thresholds: best.perCode ? 'per code' : 'per group', addOnly: DROP_GRID.length === 1 && FLAG_DROP_GRID.length === 1, seed: SEED, select: SELECT, staleRules: { tRows: STALE_REV, trainRows: TRAIN_STALE_REV, newWriters: { writers: NEW_WRITERS, rules: NEW_WRITERS_REV } }, flagPrecisionFloor: FLAG_PRECISION_FLOOR, moveSources: MOVE_SOURCES ?? 'all', flagSources: FLAG_SOURCES ?? 'all' },
		cv: { sets: cv, nestedOnSelection: best.nested, nestedBySource: nestedBySource.map((r) => ({ set: r.set, rows: r.rows, movesSource: r.movesCount, rules: { moves: r.rules.moves.f1, flags: r.rules.flags.f1 }, model: { moves: r.model.moves.f1, flags: r.model.flags.f1 } })) }
	}
};
// Flags are added by the model unless --moves-only. Round 4 (1,800 rows, no precision floor) gained
// +0.014 flags F1 on the blind set at a precision cost (0.817 -> 0.743), so rounds 15-21 shipped moves
// only; round 23 (6,470 rows, flag thresholds kept at or above the rules' precision on the selection
// rows) gained on every writer held out (docs/analyzer-learned-rounds.md).
if (process.argv.includes('--moves-only')) for (const f of FLAG_CODES) if (model.codes[f]) model.codes[f]!.add = null;
// Floors checked against the scenarios' authored replies (labelled examples, not the blind set): at
// the CV thresholds the model added promise to dates and arrival times, confirm to requests like
// 好吗 and propose to a guaranteed refund (overpromise only) or a remedy merely mentioned, in 9 of
// 132 authored replies, where authors and the course read none of them.
const ADD_FLOOR: Partial<Record<Code, number>> = { promise: 0.45, confirm: 0.45, propose: 0.55 };
for (const [c, floor] of Object.entries(ADD_FLOOR) as [Code, number][]) {
	const m = model.codes[c];
	if (m && m.add !== null && m.add < floor) m.add = floor;
}
for (const c of NO_ADD) if (model.codes[c]) model.codes[c]!.add = null;
// Agreement with the authored codes (issue 9: the shipped analyzer reads ≥ 95% of the scenarios'
// authored replies exactly as authored). Where the model's additions take it below the floor, the
// add threshold of one code at a time is moved to another value of the grid (null: the code is no
// longer added), each time the move that restores replies for the least micro-F1 lost per reply on
// the selection rows (out of fold), until the floor is met.
const shippedPlan = (): Plan => Object.fromEntries(ALL_CODES.map((c) => [c, { add: model.codes[c]?.add ?? null, drop: model.codes[c]?.drop ?? null }])) as Plan;
const authoredIdx = rows.map((r, i) => (r.source === 'scenarios' ? i : -1)).filter((i) => i >= 0);
const agreeing = () => {
	const withModel = { ...rules, model };
	return authoredIdx.filter((i) => { const a = analyze(rows[i].text, withModel); const got = [...a.moves, ...a.flags]; return got.length === rows[i].labels.size && got.every((c) => rows[i].labels.has(c)); }).length;
};
const selF1 = () => { const plan = shippedPlan(); return microF1(best.selMoves, MOVE_CODES, (it) => combined(it, MOVE_CODES, plan)) + microF1(best.selFlags, FLAG_CODES, (it) => combined(it, FLAG_CODES, plan)); };
const agreementTarget = Math.ceil(AGREEMENT_FLOOR * authoredIdx.length - 1e-9);
const raised: string[] = [];
for (let now = agreeing(); authoredIdx.length && now < agreementTarget; ) {
	const base = selF1();
	let pick: { code: Code; add: number | null; gain: number; loss: number } | null = null;
	for (const c of ALL_CODES) {
		const m = model.codes[c];
		if (!m || m.add === null) continue;
		const was = m.add;
		for (const next of ADD_GRID) {
			if (next === was) continue;
			m.add = next;
			const gain = agreeing() - now;
			const loss = base - selF1();
			if (gain > 0 && (!pick || loss / gain < pick.loss / pick.gain - 1e-12)) pick = { code: c, add: m.add, gain, loss };
		}
		m.add = was;
	}
	if (!pick) {
		process.stdout.write(`agreement with authored codes ${now}/${authoredIdx.length} is below ${AGREEMENT_FLOOR} and no threshold step restores it\n`);
		break;
	}
	model.codes[pick.code]!.add = pick.add;
	now += pick.gain;
	raised.push(`${pick.code} → ${pick.add ?? 'off'} (+${pick.gain} replies, selection F1 −${r3(pick.loss)})`);
}
process.stdout.write(`agreement with authored codes: ${agreeing()}/${authoredIdx.length}${raised.length ? `; add thresholds moved for it: ${raised.join(', ')}` : ''}\n`);
(model.meta as Record<string, unknown>).agreement = { replies: authoredIdx.length, agreeing: agreeing(), adjusted: raised, authoredWeight: AUTHORED_WEIGHT };
const json = JSON.stringify(model);
parseLearnedModel(JSON.parse(json));
const bytes = Buffer.byteLength(json);
const gz = gzipSync(json).length;
// Sanity: the shipped form (weights rounded) decides as the training-time arithmetic does.
{
	const pFinal = predict(final, texts, best.h, rulesFound);
	let differ = 0;
	rows.forEach((r, i) => {
		const a = applyLearned(r.text, analyze(r.text, rules), model);
		const plan = shippedPlan();
		const expected = new Set([...combined({ labels: r.labels, rules: rulesFound[i], p: pFinal[i] }, MOVE_CODES, plan), ...combined({ labels: r.labels, rules: rulesFound[i], p: pFinal[i] }, FLAG_CODES, plan)]);
		const got = new Set<Code>([...a.moves, ...a.flags]);
		if (expected.size !== got.size || [...got].some((c) => !expected.has(c))) differ++;
	});
	process.stdout.write(`shipped model vs training arithmetic: ${differ} of ${rows.length} rows decided differently (weight rounding)\n`);
}
process.stdout.write(`\nmodel: ${vocab.length} n-grams, ${Object.values(codes).reduce((n, m) => n + m!.weights.length / 2, 0)} weights; ${bytes} bytes raw, ${gz} gzip\n`);
// Speed on the training replies (short, as typed in the player), after a warm-up.
{
	const sample = rows.map((r) => r.text);
	const bases = sample.map((t) => analyze(t, rules));
	const rate = (f: (i: number) => void) => {
		for (let i = 0; i < sample.length; i++) f(i);
		const t0 = performance.now();
		let n = 0;
		while (performance.now() - t0 < 1000) for (let i = 0; i < sample.length; i++, n++) f(i);
		return Math.round(n / ((performance.now() - t0) / 1000));
	};
	const avg = Math.round(sample.reduce((n, t) => n + t.length, 0) / sample.length);
	process.stdout.write(`speed (${avg} characters a reply on average): scoreLearned ${rate((i) => scoreLearned(sample[i], model, bases[i]))}/s, applyLearned ${rate((i) => applyLearned(sample[i], bases[i], model))}/s, analyze (rules) ${rate((i) => analyze(sample[i], rules))}/s\n`);
}
const out = arg('--out', MODEL_PATH);
if (gz > MAX_GZIP && out === MODEL_PATH) throw new Error(`model is ${gz} bytes gzip; the limit is ${MAX_GZIP}: lower keep`);
if (gz > MAX_GZIP) process.stdout.write(`model is ${gz} bytes gzip, over the shipped limit of ${MAX_GZIP}: written to ${out} for comparison only\n`);
if (!DRY) {
	writeFileSync(resolve(root, out), json + '\n');
	process.stdout.write(`wrote ${out}\n`);
}
