// zh-CN strings: the player (the feedback on typed replies is in typed-feedback.ts).
export const player = {
	modePractice: '练习模式：每次回复后显示点评',
	modeAssessment: '考核模式：结束后统一点评',
	moodHidden: '考核中：客户情绪和点评在结束后一并显示',
	switchToPractice: '改用练习模式',
	switchToAssessment: '改用考核模式',
	resuming: '正在接着上次的进度恢复对话，请稍等。',
	conversation: '对话记录',
	yourTurn: '轮到你回复',
	step: (n: number, total: number | null) => (total === null ? `第 ${n} 步` : `第 ${n} 步，全程约 ${Math.max(n, total)} 步`),
	chooseHint: '按数字键 1–4 选择回复，Enter 确认；也可以直接点击。',
	you: '你（客服）',
	feedback: '点评',
	/** Beside a typed reply, in the conversation and in the debrief. */
	typedTag: '打字回复',
	moodChange: (d: number) => (d === 0 ? '情绪不变' : d < 0 ? `情绪缓和 ${-d}` : `情绪升温 +${d}`),
	restart: '重新开始',
	restartFrom: (n: number) => `从第 ${n} 步重来`,
	branched: (n: number) => `练习：你从第 ${n} 步重来，正在探索另一条分支。`,
	restartConfirm: '重新开始会清空这次对话，确定吗？',
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
// What the player says when its data cannot be had (the server's refusals are in server.ts: dataRefusals).
export const data = {
	loadFailed: '情景内容没能载入：请检查网络后刷新页面。'
};
// Feedback on a typed reply: its title here (the player shows it); the rest, which only the feedback
// itself reads, is in typed-feedback.ts, so /play's first load does not carry it.
export const typedFeedback = {
	title: '对你这句话的分析'
};
