// zh-CN strings: the debrief.
import type { ResolveError } from '../../scoring/attempt';

export const debrief = {
	title: '复盘',
	attemptNotFound: '找不到这次练习，或者你没有权限查看它的复盘。',
	open: '查看完整复盘',
	score: (n: number, best: number) => `${n} 分（本情景最高可得 ${best} 分）`,
	overall: '综合得分',
	unfinished: '这次对话还没有结束，复盘只包含已作答的部分。',
	dimensions: 'IDL+PPC 与情绪处理',
	notAssessed: '未评估',
	notAssessedHint: '这条路径上没有机会体现这一项',
	emotion: '情绪处理（先处理心情）',
	dimension: '维度',
	scoreCol: '得分',
	earnedCol: '得到 / 可得',
	moodChart: '客户情绪曲线',
	moodTable: '每轮情绪数值',
	showTable: '以表格查看',
	turnCol: '轮次',
	moodCol: '情绪',
	stageCol: '阶段',
	processTitle: '处理顺序',
	processFinding: (turn: number) => `第 ${turn} 轮：还没倾听或安抚，就先给了方案。先处理心情，再处理事情。`,
	processNone: '没有发现顺序问题：先照顾了客户情绪，再谈方案。',
	processNoRemedy: '这次对话没有提出方案，处理顺序无从判断。',
	flagsTitle: '需要避免的说法',
	flagsNone: '没有出现常见错误。',
	penalties: '扣分',
	penaltyFlags: '错误说法',
	penaltyOrder: '处理顺序',
	penaltyTiming: '回复过慢',
	penaltyOutcome: '结果',
	timingTitle: '回复用时（“不要让我等”）',
	timingTarget: (s: number, scored: boolean) => `目标：每次 ${s} 秒内回复${scored ? '（计入得分）' : '（仅供参考，不计分）'}`,
	seconds: (ms: number | null) => (ms === null ? '—' : `${(ms / 1000).toFixed(1)} 秒`),
	slow: '偏慢',
	reviewTitle: '逐轮回顾',
	heard: '客户说',
	yourReply: '你的回复',
	moves: '做到的',
	flags: '问题',
	better: '更好的回复',
	why: '原因',
	bestChosen: '这一轮你选了最好的回复。',
	print: '打印复盘',
	replay: '再练一次',
	invalidChoice: (n: number) => `第 ${n} 步的回复在这个情景里不存在，无法复盘。`,
	nothing: '没有可复盘的对话：先完成一次练习，再从结束页打开复盘。',
	badAttempt: '提交的对话记录格式不对，无法复盘。请重新练习一次。',
	resolveError: (e: ResolveError) =>
		e.kind === 'ended'
			? `第 ${e.turn} 步之前对话已经结束，记录有误。`
			: e.kind === 'not-offered'
				? `第 ${e.turn} 步的回复在这个情景里不存在，无法复盘。`
				: e.kind === 'no-hold'
					? `第 ${e.turn} 步记录了保持通话，但情景在这一步不允许保持，无法复盘。`
				: `第 ${e.turn} 步打字的回复按服务器的分析${e.routed ? `应对应「${e.routed}」` : '不对应任何预设回复'}，与记录不符（可能是分析规则刚更新过）。`
};
