// zh-CN strings: the player and the feedback on typed replies.
import type { FlagCode, MoveCode } from '../../domain';

export const player = {
	modePractice: '练习模式：每次回复后显示点评',
	modeAssessment: '考核模式：结束后统一点评',
	moodHidden: '考核中：客户情绪和点评在结束后一并显示',
	switchToPractice: '改用练习模式',
	switchToAssessment: '改用考核模式',
	resuming: '正在接着上次的进度恢复对话，请稍等。',
	resumeWaiting: '要联网读取上次打的字，才能接着上次的进度继续：联网后会自动恢复，你的进度都还在。',
	conversation: '对话记录',
	yourTurn: '轮到你回复',
	chooseHint: '按数字键 1–4 选择回复，Enter 确认；也可以直接点击。',
	you: '你（客服）',
	feedback: '点评',
	/** Beside a typed reply in the conversation (the debrief has its own: debrief.typedTag). */
	typedTag: '打字回复',
	moodChange: (d: number) => (d === 0 ? '情绪不变' : d < 0 ? `情绪缓和 ${-d}` : `情绪升温 +${d}`),
	restart: '重新开始',
	restartConfirm: '重新开始会清空这次对话，确定吗？',
	backToLibrary: '返回情景库',
	ended: '对话结束',
	outcome: '结果',
	debrief: '总结',
	review: '逐轮回顾',
	moodTrail: '情绪变化',
	turn: (n: number) => `第 ${n} 轮`,
	startMood: '开场',
	notFound: '找不到这个情景。',
	resumed: '已接着上次的进度继续。',
	synced: '已保存',
	syncPending: (n: number) => `已保存在本机，${n} 步等待同步到服务器`,
	syncRefused: (n: number) => `有 ${n} 步服务器没有接受，已保留在本机`,
	refusedStep: (seq: number, why: string) => `第 ${seq} 步没有保存到服务器（不会再重发，后面的步骤照常发送）：${why}`,
	notSaved: '未选择身份：这次练习不会保存进度'
};
export const typing = {
	switchToTyping: '改为打字回复',
	switchToButtons: '改用选项回复',
	label: '输入你的回复',
	placeholder: '像对真实客户那样写下你要说的话……',
	send: '发送',
	hint: 'Enter 发送，Shift+Enter 换行。',
	textOnly: '这一步需要你自己组织语言回复。',
	empty: '请先写下你的回复。',
	tooLong: (max: number) => `回复太长了，请控制在 ${max} 字以内。`,
	found: '识别到',
	loading: '正在准备打字回复……',
	offline: '考核模式的打字回复要联网由服务器读取：请联网后再发送，或改用选项回复。你的文字还在输入框里。',
	offlinePractice: '读取打字回复要用的规则还没有下载：请联网后再发送（下载过一次，之后离线也能用），或改用选项回复。你的文字还在输入框里。',
	readFailed: '这句回复暂时没能读取，请稍后再发送，或改用选项回复。你的文字还在输入框里。'
};
export const data = {
	scenarioGone: '这个情景版本已经更新：请刷新页面，按新版本继续。',
	rulesGone: '回复分析规则已经更新：请刷新页面后再打字回复。',
	loadFailed: '情景内容没能载入：请检查网络后刷新页面。',
	badRead: '请求内容不完整：需要情景版本、当前这一步和回复文字。',
	notDecision: '这一步不需要回复：请刷新页面后继续。',
	tooLarge: '请求内容太大：一次只能发送一条回复。'
};
// Feedback on a typed reply: only what was found in the trainee's own words, quoted.
export const typedFeedback = {
	title: '对你这句话的分析',
	reading: {
		matched: (text: string) => `客户听懂了：你的意思和预设回复「${text}」一致，对话按它继续。`,
		'off-script': '这句话不在预设回复之内：客户按你说出的内容做出了反应。',
		unclear: '客户没听懂：这句话里没有识别到任何 IDL+PPC 动作或问题用语，白白消耗了一点耐心。'
	} satisfies Record<'matched' | 'off-script' | 'unclear', unknown>,
	flag: {
		argue: (q: string) => `${q}是在和客户争辩、否定客户的说法。`,
		blame: (q: string) => `${q}把责任推给了客户或别人，而事实还没有核实。`,
		lecture: (q: string) => `${q}带有说教、讽刺或怀疑客户的意味。`,
		dismiss: (q: string) => `${q}听起来冷漠敷衍，像是在推脱。`,
		overpromise: (q: string) => `${q}是你控制不了的海口承诺。`,
		informal: (q: string) => `${q}用语不够规范（称呼、语气或开场）。`
	} satisfies Record<FlagCode, (q: string) => string>,
	move: {
		info: (q: string) => `${q}在收集或核实信息。`,
		demand: (q: string) => `${q}在探索客户真正想要什么。`,
		listen: (q: string) => `${q}表明你在认真倾听。`,
		propose: (q: string) => `${q}提出了具体的解决办法。`,
		promise: (q: string) => `${q}做出了具体、可落实的承诺。`,
		confirm: (q: string) => `${q}在和客户确认下一步。`,
		empathy: (q: string) => `${q}体谅了客户的感受。`,
		apology: (q: string) => `${q}真诚地向客户致歉。`,
		thanks: (q: string) => `${q}感谢了客户。`
	} satisfies Record<MoveCode, (q: string) => string>,
	quote: (words: string[]) => words.map((w) => `“${w}”`).join('、') || '这句话',
	noneFound: '没有识别到 IDL+PPC 动作，也没有问题用语。',
	model: '参考回复',
	why: '好在哪里',
	notCredited: (labels: string) => `本轮按对应的预设回复计分：${labels}不另加分。`,
	offScriptCredit: '脚本外的回复不计动作分，问题用语照样扣分；对话因此往下走时，这一步按没有做到计分。'
};
