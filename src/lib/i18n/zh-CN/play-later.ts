// zh-CN strings of the player's world that /play's first load does not need: the end screen, the
// debrief's and progress page's words, a resume waiting for the network, going back to a past decision.
// Their own module, so that first load leaves them out.
export const playLater = {
	resumeWaiting: '要联网读取上次打的字，才能接着上次的进度继续：联网后会自动恢复，你的进度都还在。',
	restartFromConfirm: (n: number) => `从第 ${n} 步重新选择？之后的对话会清空，这次练习按新的选择继续（只在练习模式）。`,
	ended: '对话结束',
	debrief: '总结',
	review: '逐轮回顾',
	moodTrail: '情绪变化',
	notFound: '找不到这个情景。',
	turn: (n: number) => `第 ${n} 轮`,
	startMood: '开场',
	outcome: '结果',
	backToLibrary: '返回情景库'
};
