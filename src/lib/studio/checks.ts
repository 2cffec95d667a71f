// The studio's checker: one draft's text in, a CheckReport out (src/lib/studio/types.ts). The same
// function runs on the server on every save and publish and in the browser's check worker as the
// trainer types, so it imports nothing from node, SvelteKit or Svelte (checks.test.ts walks its
// imports). Its time is bounded by the work limits the scenario checker already has (issue 7).
import { isSynthesized } from '../scenario/over-the-top';
import { FLAG_CODES, MOVE_CODES, type FlagCode, type MoveCode } from '../domain';
import { replyAgreement, agrees } from '../analyzer/agreement';
import type { CompiledRules } from '../analyzer/rules';
import { compileQuizLocated } from '../quiz/compiler';
import { lintDiagnostics } from '../quiz/lint';
import type { CompiledQuiz } from '../quiz/types';
import { at, type Located } from '../scenario/compiler';
import { checkLocated } from '../scenario/check';
import type { ReactionDefaults } from '../scenario/reactions-file';
import type { CompiledScenario, Diagnostic } from '../scenario/types';
import type { ScenarioFile } from '../scenario/schema';
import type { CheckReport, Disagreement, QuizFigures, ScenarioFigures, StudioKind } from './types';

export interface CheckEnv {
	/** The shared reaction table as plain JSON (the server sends reactionDefaultsFor('scenarios').defaults). */
	reactions: ReactionDefaults;
	/** The analyzer's compiled rules: with them, replies whose authored codes it reads differently are listed. */
	rules?: CompiledRules | null;
}

const isError = (d: Diagnostic) => d.severity === 'error';

/**
 * Checks a draft: every diagnostic (file = name), the compiled form when there is no error, and its
 * figures. `name` is read as a file name: a scenario's id must match its base (`<slug>.yaml`), and
 * so must a quiz's when the name ends in .yaml.
 */
export function checkDraft(kind: StudioKind, name: string, text: string, env: CheckEnv): CheckReport {
	return kind === 'quiz' ? checkQuizDraft(name, text) : checkScenarioDraft(name, text, env);
}

function checkScenarioDraft(name: string, text: string, env: CheckEnv): CheckReport {
	const { checked, src, compiled } = checkLocated(name, text, env.reactions);
	const ok = !checked.diagnostics.some(isError) && !!checked.scenario;
	// The figures need the counted paths: a count stopped at its work limit has none to show.
	const counted = compiled && checked.paths && checked.stats && checked.paths.limit !== 'work';
	const figures: ScenarioFigures | null = counted
		? {
				pathCount: checked.stats!.pathCount,
				// The author's endings (the compiler's over-the-top ending is not theirs to fix).
				endings: Object.values(compiled.nodes).flatMap((n) =>
					n.type === 'ending' && !isSynthesized(n.id) ? [{ id: n.id, outcome: n.outcome, reached: checked.stats!.reachableEndings.includes(n.id) }] : []
				),
				best: checked.best?.exhaustive ? checked.best.overall : null,
				...codesUsed(compiled),
				disagreements: env.rules && checked.source ? disagreements(compiled, checked.source, src, env.rules) : []
			}
		: null;
	return { kind: 'scenario', diagnostics: checked.diagnostics, ok, compiled: ok ? checked.scenario : null, figures };
}

/** Which moves and flags some reply carries (weight above 0), in domain order. */
export function codesUsed(scenario: CompiledScenario): { moves: MoveCode[]; flags: FlagCode[] } {
	const moves = new Set<string>();
	const flags = new Set<string>();
	for (const n of Object.values(scenario.nodes)) {
		if (n.type !== 'decision') continue;
		for (const r of n.replies) {
			for (const [c, w] of Object.entries(r.moves)) if ((w ?? 0) > 0) moves.add(c);
			for (const [c, w] of Object.entries(r.flags)) if ((w ?? 0) > 0) flags.add(c);
		}
	}
	return { moves: MOVE_CODES.filter((c) => moves.has(c)), flags: FLAG_CODES.filter((c) => flags.has(c)) };
}

/** The replies whose authored codes the analyzer reads differently, each at its place in the text. */
function disagreements(scenario: CompiledScenario, source: ScenarioFile, src: Located, rules: CompiledRules): Disagreement[] {
	const out: Disagreement[] = [];
	source.nodes.forEach((node, i) => {
		const compiled = scenario.nodes[node.id];
		if (compiled?.type !== 'decision' || !('replies' in node)) return;
		node.replies.forEach((reply, j) => {
			const authored = compiled.replies.find((r) => r.id === reply.id);
			if (!authored) return;
			const result = replyAgreement(authored, rules);
			if (agrees(result)) return;
			const { line, col } = src.lines.linePos(at(src, ['nodes', i, 'replies', j]));
			const isMove = (c: string): c is MoveCode => (MOVE_CODES as readonly string[]).includes(c);
			const isFlag = (c: string): c is FlagCode => (FLAG_CODES as readonly string[]).includes(c);
			out.push({
				node: node.id,
				reply: reply.id,
				line,
				col,
				authored: { moves: result.authored.filter(isMove), flags: result.authored.filter(isFlag) },
				read: { moves: result.found.filter(isMove), flags: result.found.filter(isFlag) }
			});
		});
	});
	return out;
}

function checkQuizDraft(name: string, text: string): CheckReport {
	const { result, src } = compileQuizLocated(name, text);
	const { quiz } = result;
	// The content lint as scenarios:check runs it (fair options, near-duplicates, punctuation): warnings.
	const diagnostics = quiz && result.source ? [...result.diagnostics, ...lintDiagnostics(src, result.source)] : result.diagnostics;
	const ok = !!quiz && !diagnostics.some(isError);
	return { kind: 'quiz', diagnostics, ok, compiled: ok ? quiz : null, figures: quiz ? quizFigures(quiz) : null };
}

export function quizFigures(quiz: CompiledQuiz): QuizFigures {
	const types: Record<string, number> = {};
	for (const q of quiz.questions) types[q.type] = (types[q.type] ?? 0) + 1;
	return { questions: quiz.questions.length, points: quiz.questions.reduce((n, q) => n + q.points, 0), types };
}
