// zh-CN strings: feedback on a typed reply: only what was found in the trainee's own words, quoted.
// (Its title is in play.ts: the player shows it; these come with the feedback's own code.)
import type { FlagCode, MoveCode } from '../../domain';

export const typedFeedbackText = {
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
