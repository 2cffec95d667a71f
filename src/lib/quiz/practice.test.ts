// Weak topics → the decisions that practise them: the pure matcher on a hand-made library, and the
// shipped scenarios cover every topic that names codes.
import { describe, expect, it } from 'vitest';
import { QUIZ_TOPIC_IDS } from '../domain';
import { checkFile, scenarioFiles } from '../scenario/files';
import { compileScenario } from '../scenario/compiler';
import { practiceFor, scenarioDecisions, TOPIC_CODES, TOPIC_TECHNIQUES, weakTopics, type ScenarioDecisions } from './practice';

const LIBRARY: ScenarioDecisions[] = [
	{ id: 'calm', title: '安抚', decisions: [{ id: 'open', codes: ['empathy', 'apology', 'argue'], techniques: [] }, { id: 'ask', prompt: '问单号', codes: ['info'], techniques: [] }] },
	{ id: 'facts', title: '查事实', decisions: [{ id: 'd1', codes: ['info'], techniques: [] }, { id: 'd2', codes: ['info', 'confirm'], techniques: [] }, { id: 'd3', codes: ['blame'], techniques: ['hold-detour'] }] },
	{ id: 'none', title: '无关', decisions: [{ id: 'x', codes: [], techniques: [] }] }
];
const tally = (percent: number | null) => ({ score: 0, max: percent === null ? 0 : 10, percent });

describe('weakTopics', () => {
	it('lists topics under 70%, weakest first; not the ones with nothing to score', () => {
		const byTopic = { idlppc: tally(40), figures: tally(10), principles: tally(70), mistakes: tally(69), cases: tally(null) };
		expect(weakTopics({ byTopic })).toEqual([
			{ topic: 'figures', percent: 10 },
			{ topic: 'idlppc', percent: 40 },
			{ topic: 'mistakes', percent: 69 }
		]);
	});
});

describe('practiceFor', () => {
	it('links a weak topic to the scenarios with the most decisions carrying its codes, with those decisions', () => {
		const [p] = practiceFor({ byTopic: { idlppc: tally(30) } }, LIBRARY);
		expect(p.topic).toBe('idlppc');
		expect(p.scenarios).toEqual([
			{ id: 'facts', title: '查事实', decisions: [{ id: 'd1', codes: ['info'], techniques: [] }, { id: 'd2', codes: ['info', 'confirm'], techniques: [] }] },
			{ id: 'calm', title: '安抚', decisions: [{ id: 'ask', prompt: '问单号', codes: ['info'], techniques: [] }] }
		]);
	});
	it('a mistakes topic is practised where a reply carries the mistake (to avoid it there)', () => {
		const [p] = practiceFor({ byTopic: { mistakes: tally(0) } }, LIBRARY);
		expect(p.scenarios.map((s) => [s.id, s.decisions.map((d) => d.id)])).toEqual([['calm', ['open']], ['facts', ['d3']]]);
	});
	it('ranks decisions naming the topic’s techniques first, then the share of a scenario’s decisions, not their number', () => {
		const d = (id: string, codes: ScenarioDecisions['decisions'][number]['codes'], techniques: ScenarioDecisions['decisions'][number]['techniques'] = []) => ({ id, codes, techniques });
		const long: ScenarioDecisions = { id: 'long', title: '长', decisions: [...Array.from({ length: 4 }, (_, i) => d(`a${i}`, ['empathy'])), ...Array.from({ length: 6 }, (_, i) => d(`b${i}`, []))] };
		const short: ScenarioDecisions = { id: 'short', title: '短', decisions: [d('c1', ['empathy']), d('c2', ['apology'])] };
		const named: ScenarioDecisions = { id: 'named', title: '点名', decisions: [d('n1', [], ['emotion-handling']), d('n2', []), d('n3', []), d('n4', [])] };
		const [p] = practiceFor({ byTopic: { 'emotion-first': tally(0) } }, [long, short, named]);
		expect(p.scenarios.map((s) => [s.id, s.decisions.length])).toEqual([['named', 1], ['short', 2], ['long', 4]]);
	});
	it('a techniques topic is practised where a decision names one of the course techniques', () => {
		const [p] = practiceFor({ byTopic: { techniques: tally(20) } }, LIBRARY);
		// (techniques also names empathy, info, argue and informal: 多变提问 asks, 情绪处理 calms.)
		expect(p.scenarios.map((s) => [s.id, s.decisions.map((d) => [d.id, d.codes, d.techniques])])).toEqual([
			['facts', [['d1', ['info'], []], ['d2', ['info'], []], ['d3', [], ['hold-detour']]]],
			['calm', [['open', ['empathy', 'argue'], []], ['ask', ['info'], []]]]
		]);
	});
	it('a topic without codes in role plays gets no scenarios; strong topics get nothing; the limit holds', () => {
		expect(practiceFor({ byTopic: { figures: tally(0), idlppc: tally(100) } }, LIBRARY)).toEqual([{ topic: 'figures', percent: 0, codes: [], techniques: [], scenarios: [] }]);
		expect(practiceFor({ byTopic: { idlppc: tally(0) } }, LIBRARY, 1)[0].scenarios.map((s) => s.id)).toEqual(['facts']);
	});
});

describe('scenarioDecisions', () => {
	it('reads the codes a decision practises: its best reply’s moves and any reply’s flags', () => {
		const yaml = `format: 1
id: mini
title: 小
summary: 测
class: 普通
channel: phone
difficulty: easy
minutes: 2
persona: { name: 王, archetype: angry }
objectives: [安抚]
mood: { start: 50 }
nodes:
  - { id: open, type: line, text: 丢件了, next: d1 }
  - id: d1
    type: decision
    replies:
      - { id: sorry, text: 抱歉让您着急了, moves: { apology: 2, empathy: 1 }, mood: -10, feedback: 好, next: end }
      - { id: argue, text: 不可能, flags: [argue], mood: 20, feedback: 差, next: end }
      - { id: ask, text: 单号多少, moves: [info], flags: [informal], mood: 5, feedback: 还行, next: end }
  - { id: end, type: ending, outcome: resolved, title: 完, debrief: 总结 }
`;
		const s = compileScenario('mini.yaml', yaml).scenario!;
		expect(scenarioDecisions(s)).toEqual({ id: 'mini', title: '小', decisions: [{ id: 'd1', codes: ['empathy', 'apology', 'argue', 'informal'], techniques: [] }] });
	});
	it('the shipped scenarios practise every topic that names codes', () => {
		const shipped = scenarioFiles('scenarios').map((f) => scenarioDecisions(checkFile(f).scenario!));
		for (const topic of QUIZ_TOPIC_IDS) {
			const [p] = practiceFor({ byTopic: { [topic]: tally(0) } }, shipped);
			expect(p.scenarios.length > 0, topic).toBe(TOPIC_CODES[topic].length + TOPIC_TECHNIQUES[topic].length > 0);
		}
	});
});
