// Weak quiz topics → the scenario decisions that practise them (issue 13): each quiz topic names
// the reply codes (IDL+PPC and emotion moves, and the common-mistake flags) that show it in a role
// play, and the course techniques (domain TECHNIQUES) decisions may name; a decision practises a
// topic when its best reply makes one of those moves (as 我的进度's next step reads decisions,
// src/lib/progress/next-step.ts), one of its replies is one of those mistakes (a trap to avoid
// there), or it names one of those techniques. Framework-free and pure; the quiz result
// page links a weak topic to the scenarios with the most such decisions.
import { ALL_CODES, TECHNIQUES, type Code, type QuizTopic, type Technique } from '../domain';
import type { CompiledScenario } from '../scenario/types';
import { bestReply } from '../scoring/score';
import type { QuizResult } from './types';

/** The reply codes each quiz topic is practised through; figures and 8D have none in role plays. */
export const TOPIC_CODES: Record<QuizTopic, readonly Code[]> = {
	idlppc: ['info', 'demand', 'listen', 'propose', 'promise', 'confirm'],
	'emotion-stages': ['empathy', 'apology', 'listen'],
	principles: ['empathy', 'listen', 'apology', 'propose'],
	'customer-hates': ['info', 'promise', 'propose', 'dismiss'],
	mistakes: ['argue', 'blame', 'lecture', 'dismiss', 'overpromise', 'informal'],
	'classes-causes': ['blame', 'info'],
	figures: [],
	'handling-steps': ['info', 'propose', 'confirm'],
	'eight-d': [],
	techniques: ['empathy', 'info', 'argue', 'informal'],
	cases: ['info', 'empathy', 'propose', 'promise', 'blame', 'argue'],
	'emotion-first': ['empathy', 'apology', 'thanks', 'listen']
};

/** The course techniques each quiz topic is practised through, where a decision names them. */
export const TOPIC_TECHNIQUES: Record<QuizTopic, readonly Technique[]> = {
	idlppc: ['varied-questions'],
	'emotion-stages': ['anger-sensing'],
	principles: ['first-contact'],
	'customer-hates': ['hold-detour'],
	mistakes: ['self-protection'],
	'classes-causes': [],
	figures: [],
	'handling-steps': ['eight-steps', 'no-prolonged-fight', 'internal-coordination'],
	'eight-d': [],
	techniques: TECHNIQUES.filter((x) => x !== 'first-contact' && x !== 'eight-steps'),
	cases: [],
	'emotion-first': ['emotion-handling']
};

/** A topic is weak below this percentage of its points. */
export const WEAK_TOPIC_PERCENT = 70;

/** A scenario's decisions with the codes their replies carry (what the matcher needs of it). */
export interface ScenarioDecisions {
	id: string;
	title: string;
	decisions: PracticeDecision[];
}

/** A decision, with the codes its replies carry and the techniques it names (matched ones, in a TopicPractice). */
export interface PracticeDecision {
	id: string;
	prompt?: string;
	codes: Code[];
	techniques: Technique[];
}

export interface TopicPractice {
	topic: QuizTopic;
	percent: number;
	codes: Code[];
	techniques: Technique[];
	/** The scenarios that practise the topic best (practiceFor's order), each with the decisions that do. */
	scenarios: { id: string; title: string; decisions: PracticeDecision[] }[];
}

/** The decisions of a compiled scenario with the codes they practise: the best reply's moves, any reply's flags. */
export function scenarioDecisions(s: CompiledScenario): ScenarioDecisions {
	const decisions = Object.values(s.nodes).flatMap((n) => {
		if (n.type !== 'decision') return [];
		const carried = new Set<Code>();
		for (const [c, v] of Object.entries(bestReply(n).moves)) if ((v ?? 0) > 0) carried.add(c as Code);
		for (const r of n.replies) for (const [c, v] of Object.entries(r.flags)) if ((v ?? 0) > 0) carried.add(c as Code);
		const codes = ALL_CODES.filter((c) => carried.has(c));
		return [{ id: n.id, ...(n.prompt ? { prompt: n.prompt } : {}), codes, techniques: [...(n.techniques ?? [])] }];
	});
	return { id: s.meta.id, title: s.meta.title, decisions };
}

/** The topics of a result below WEAK_TOPIC_PERCENT, weakest first. */
export function weakTopics(result: Pick<QuizResult, 'byTopic'>, threshold = WEAK_TOPIC_PERCENT): { topic: QuizTopic; percent: number }[] {
	return (Object.entries(result.byTopic) as [QuizTopic, { percent: number | null }][])
		.filter(([, t]) => t.percent !== null && t.percent < threshold)
		.map(([topic, t]) => ({ topic, percent: t.percent! }))
		.sort((a, b) => a.percent - b.percent || (a.topic < b.topic ? -1 : 1));
}

/**
 * For each weak topic of a result, the scenarios (at most `limit`) whose decisions practise it:
 * first those with the most decisions naming one of the topic's techniques, then those where the
 * largest share of decisions practise it.
 */
export function practiceFor(result: Pick<QuizResult, 'byTopic'>, scenarios: readonly ScenarioDecisions[], limit = 3): TopicPractice[] {
	return weakTopics(result).map(({ topic, percent }) => {
		const codes = [...TOPIC_CODES[topic]];
		const techniques = [...TOPIC_TECHNIQUES[topic]];
		const ranked = scenarios
			.map((s) => {
				const decisions = s.decisions.flatMap((d) => {
					const hit = d.codes.filter((c) => codes.includes(c));
					const named = d.techniques.filter((x) => techniques.includes(x));
					return hit.length || named.length ? [{ id: d.id, ...(d.prompt ? { prompt: d.prompt } : {}), codes: hit, techniques: named }] : [];
				});
				// Decisions that name one of the topic's techniques say so on purpose; then the share of
				// the scenario's decisions that practise the topic, so long scenarios do not always win.
				const named = decisions.filter((d) => d.techniques.length).length;
				return { scenario: { id: s.id, title: s.title, decisions }, named, share: s.decisions.length ? decisions.length / s.decisions.length : 0 };
			})
			.filter((x) => x.scenario.decisions.length)
			.sort((a, b) => b.named - a.named || b.share - a.share || (a.scenario.id < b.scenario.id ? -1 : 1));
		return { topic, percent, codes, techniques, scenarios: ranked.slice(0, limit).map((x) => x.scenario) };
	});
}
