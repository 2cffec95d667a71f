// Every UI string, in one place, so an English locale can follow as en.ts with the same keys.
import type { Archetype, Channel, Difficulty, Outcome, Speaker } from '../domain';

export const zhCN = {
	appName: '客诉教练',
	tagline: '在模拟投诉中练习 IDL+PPC 与"先处理心情,再处理事情"',
	skipToContent: '跳到主要内容',
	nav: { library: '情景库' },
	library: {
		title: '情景库',
		intro: '选一个投诉情景,和模拟客户对话。练习模式每步给反馈,考核模式结束后统一点评。',
		search: '按标题搜索',
		searchPlaceholder: '例如:维修、掉线',
		classFilter: '投诉类别',
		difficultyFilter: '难度',
		tagFilter: '标签',
		all: '全部',
		clear: '清除筛选',
		count: (n: number) => `共 ${n} 个情景`,
		empty: '没有符合筛选条件的情景。',
		emptyLibrary: '情景库还是空的:把情景文件放进 scenarios/ 目录,然后运行 npm run scenarios:check 检查。',
		minutes: (n: number) => `约 ${n} 分钟`,
		practice: '练习模式',
		assessment: '考核模式',
		persona: '客户'
	},
	player: {
		modePractice: '练习模式:每次回复后显示点评',
		modeAssessment: '考核模式:结束后统一点评',
		switchToPractice: '改用练习模式',
		switchToAssessment: '改用考核模式',
		conversation: '对话记录',
		yourTurn: '轮到你回复',
		chooseHint: '按数字键 1–4 选择回复,Enter 确认;也可以直接点击。',
		you: '你(客服)',
		feedback: '点评',
		moodChange: (d: number) => (d === 0 ? '情绪不变' : d < 0 ? `情绪缓和 ${-d}` : `情绪升温 +${d}`),
		restart: '重新开始',
		restartConfirm: '重新开始会清空这次对话,确定吗?',
		backToLibrary: '返回情景库',
		ended: '对话结束',
		outcome: '结果',
		debrief: '总结',
		review: '逐轮回顾',
		moodTrail: '情绪变化',
		turn: (n: number) => `第 ${n} 轮`,
		startMood: '开场',
		notFound: '找不到这个情景。'
	},
	mood: { label: '客户情绪', value: (stage: string, n: number) => `${stage}(${n}/100)` },
	outcomes: { resolved: '问题解决', escalated: '投诉升级', lost: '客户流失' } satisfies Record<Outcome, string>,
	speakers: { customer: '客户', manager: '主管', narrator: '旁白' } satisfies Record<Speaker, string>,
	channels: { phone: '电话', chat: '在线', counter: '柜台' } satisfies Record<Channel, string>,
	difficulties: { easy: '入门', medium: '进阶', hard: '困难' } satisfies Record<Difficulty, string>,
	archetypes: {
		angry: '愤怒型',
		analytical: '分析型',
		demanding: '强势要求型',
		anxious: '焦虑型',
		silent: '沉默型',
		talkative: '健谈型'
	} satisfies Record<Archetype, string>,
	classSuffix: '投诉',
	errors: { title: '出错了', back: '返回首页' }
};

export type Messages = typeof zhCN;
