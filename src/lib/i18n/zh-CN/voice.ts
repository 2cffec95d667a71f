// zh-CN strings: voice mode of phone scenarios (语音通话, issue 12): the call's controls and the
// spoken reply, loaded with the call's code (what /play shows before a call is answered is in
// voice-gate.ts: a module of its own, so these never reach /play's first load).
export const voice = {
	ringingAgain: (name: string) => `${name} 又打来了……`,
	state: { ringing: '来电中', connected: '通话中', holding: '对方在等待，正在播放等待音乐', ended: '通话已结束' },
	timer: '通话时长',
	hungUp: '对方挂断了电话。',
	callEnded: '通话结束。',
	speaking: (who: string) => `${who}：`,
	waiting: '正在听对方说话……',
	captionsOnly: '这句没有录音，只显示文字。',
	controls: '通话控制',
	volume: '音量',
	mute: '静音',
	replay: '重听上一句',
	skip: '跳过这句',
	speed: '语速',
	speedValue: (r: number) => (r === 1 ? '正常' : `${r} 倍`),
	systemVoice: '没有录音的句子用浏览器自带的中文语音朗读',
	hangUp: '挂断，改为只看文字',
	shortcuts: '快捷键',
	keys: [
		['R', '重听上一句'],
		['S', '跳过这句'],
		['M', '静音 / 取消静音'],
		['<', '慢一点'],
		['>', '快一点']
	] as [string, string][],
	numbersStill: '数字键 1–4 仍然用来选择回复。'
};
export const speechInput = {
	enable: '用语音回答（说话自动填入回复框）',
	privacy: '语音识别由浏览器提供：你的录音可能会被发送到浏览器厂商的服务器进行识别。',
	start: '开始说话',
	stop: '停止',
	listening: '正在听……说完后会自动填入回复框，你可以修改后再发送。',
	failed: '没有听清，请再说一次，或直接打字。',
	denied: '浏览器没有允许使用麦克风：请在地址栏旁的权限设置里允许，或直接打字。'
};
