// New studio documents: a small but complete scenario or quiz for the author to rewrite. Each
// compiles as it is (template.test.ts), and its comments say in a few words what every part does.
import { stringify } from 'yaml';
import type { Archetype, Channel, ComplaintClass, Difficulty } from '../domain';

export interface ScenarioTemplateOptions {
	id: string;
	title: string;
	personaName: string;
	archetype: Archetype;
	complaintClass: ComplaintClass;
	channel: Channel;
	difficulty: Difficulty;
	moodStart: number;
}

/** A value as a YAML scalar on one line (plain when it can be, quoted otherwise). */
function scalar(value: string | number): string {
	return stringify(value, { lineWidth: 0 }).trimEnd();
}

/** A starting mood the schema accepts: an integer from 0 to 100. */
function mood(n: number): number {
	return Number.isFinite(n) ? Math.min(100, Math.max(0, Math.round(n))) : 50;
}

export function scenarioTemplate(o: ScenarioTemplateOptions): string {
	return `# yaml-language-server: $schema=../static/schema/scenario.schema.json
# 新场景模板：先把下面的示例内容改成你自己的故事，右侧的检查会随时指出问题。
format: 1
id: ${scalar(o.id)}   # 场景 id：小写字母、数字和 -，发布后不再改
title: ${scalar(o.title)}
summary: 一句话交代顾客遇到了什么事、现在是什么状态。
class: ${scalar(o.complaintClass)}
channel: ${o.channel}
difficulty: ${o.difficulty}
minutes: 5                # 预计几分钟练完
persona:
  name: ${scalar(o.personaName)}
  archetype: ${o.archetype}
  description: 写两三句顾客的背景和脾气，帮助学员进入角色。
objectives:               # 学员练完应该做到的事，一条一行
  - 先接住顾客的情绪，再处理事情
  - 给出具体可行的方案，并说清楚什么时候落实
mood:
  start: ${mood(o.moodStart)}   # 顾客开场时的不满程度：0 平静，100 暴怒
nodes:
  # 第一张卡片是开场：顾客先开口。
  - id: open
    type: line
    speaker: customer
    direction: （语气很冲，明显憋了一肚子火）
    text: 我上个星期就反映过这个问题，到今天都没人给我回话，你们到底有没有人管？
    next: first

  # 决策：学员从几个回复里选一个。每个回复标注它体现的动作（moves）和犯的错误（flags）。
  - id: first
    type: decision
    prompt: 顾客一开口就带着火气，你先说什么？
    replies:
      - id: calm
        text: 您好，我是客服小林。让您白等了一个星期，真是对不起，我这就把您的记录调出来。
        moves: { apology: 2, empathy: 1 }
        mood: -15             # 负数让顾客平静，正数让顾客更生气
        feedback: 先道歉、再表态马上行动，顾客感到有人接手了，火气自然降下来。
        response: 行，那你赶紧看。
        next: ask
      - id: excuse
        text: 我们都是按流程走的，您再耐心等几天吧。
        flags: { dismiss: 2, lecture: 1 }
        mood: 20
        feedback: 拿流程挡回去，等于告诉顾客“你的事不急”，只会让他更恼火。
        next: check

  # 分流：不说话，按顾客当前的情绪决定往哪走。
  - id: check
    type: route
    routes:
      - when: { moodAtLeast: escalated }
        next: end-lost
    otherwise: ask

  - id: ask
    type: decision
    prompt: 记录已经查到了，怎么给顾客一个交代？
    replies:
      - id: plan
        text: 记录我查到了，是转单时漏掉了。今天下午五点前我给您回电话，告诉您处理结果，您看行吗？
        moves: { info: 1, propose: 1, promise: 2 }
        mood: -15
        feedback: 说清原因，给出具体时间，再征求顾客同意，承诺可信又可查。
        next: wait
      - id: vague
        text: 这个我也不好说，您过几天再打来问问吧。
        flags: { dismiss: 1 }
        mood: 15
        feedback: 没有时间、没有负责人，顾客只能再等一次，很可能就此流失。
        next: end-lost

  # 顾客的台词可以随情绪变化：第一个条件成立的 variants 替换 text。
  - id: wait
    type: line
    text: 好，那我等你的电话。
    variants:
      - when: { moodAtLeast: complaint }
        text: 五点前要是还没消息，我就直接去投诉你们。
    next: end-ok

  # 结局：resolved 解决、escalated 升级、lost 流失。
  - id: end-ok
    type: ending
    outcome: resolved
    title: 顾客接受了方案
    debrief: 先安抚再查明原因，最后给出有时间的承诺，顾客愿意再给一次机会。
  - id: end-lost
    type: ending
    outcome: lost
    title: 顾客失望离开
    debrief: 顾客的问题被一拖再拖，没有人对结果负责，他决定不再找你们了。
`;
}

export interface QuizTemplateOptions {
	id: string;
	title: string;
	kind: 'knowledge' | 'self-assessment';
}

export function quizTemplate(o: QuizTemplateOptions): string {
	const head = `# yaml-language-server: $schema=../../static/schema/quiz.schema.json
# 题目 id 发布后不要再改：作答记录按 id 找到题目。
id: ${scalar(o.id)}
title: ${scalar(o.title)}
kind: ${o.kind}
`;
	if (o.kind === 'self-assessment')
		return `${head}description: 按你最近处理投诉时的真实做法作答，没有对错。结果按维度给出画像和建议。
shuffle: true
scale: [完全不符合, 不太符合, 一般, 比较符合, 完全符合]   # 作答选项，从低到高
bands:                    # 某个维度得分百分比落在哪一段，就显示哪一段的评语
  - from: 0
    label: 需要加强
    advice: 挑一个最容易改的做法，接下来一周每次接待都刻意用上。
  - from: 60
    label: 基本做到
    advice: 在更难的场景里多练几次，看看自己在哪一步最容易走样。
questions:
  # likert：一句陈述，dimension 是它衡量的维度；reverse: true 表示同意得越多分越低。
  - id: listen-let-finish
    type: likert
    dimension: listen
    prompt: 顾客情绪激动时，我会先让他把话说完，再开口回应。
    explanation: 让顾客说完本身就是在释放情绪，中途打断会让他觉得没被尊重。
    codes: [listen]
  - id: promise-vague
    type: likert
    dimension: promise
    reverse: true
    prompt: 为了让顾客先挂电话，我有时会说“尽快给您处理”，但不说具体时间。
    explanation: 没有时间的承诺无法兑现，也无法检查，顾客下次来电只会更生气。
    codes: [promise]
`;
	return `${head}description: 用几道题检查自己对投诉处理要点的掌握程度。
pass_percent: 60
shuffle: true
questions:
  # single：单选，恰好一个选项标 correct: true；feedback 是选了这一项时看到的说明。
  # 错误选项要和正确选项一样具体、听起来合理（只是违背了某条原则），别让“最长的那个”总是答案。
  - id: first-step
    type: single
    prompt: 顾客一开口就很激动，最先应该做的是什么？
    options:
      - text: 先安抚情绪，让顾客感到有人在认真听
        correct: true
      - text: 先把公司的相关规定从头到尾解释清楚，免得顾客误会
        feedback: 情绪还没平复，解释规定听起来像在推脱。
      - text: 请顾客冷静下来再打过来
        feedback: 这会让顾客觉得被拒之门外。
    explanation: 先处理心情，再处理事情：情绪降下来，顾客才听得进方案。
    codes: [empathy]
    topics: [emotion-first]
  # truefalse：判断题，answer 写 true 或 false。
  - id: promise-time
    type: truefalse
    prompt: 给顾客的承诺最好带上具体的时间和负责人。
    answer: true
    explanation: 有时间、有负责人的承诺，顾客才知道什么时候、找谁跟进。
    codes: [promise]
    topics: [idlppc]
`;
}
