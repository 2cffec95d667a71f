// zh-CN strings: what /play shows of voice mode before a call is answered (issue 12). Its first
// load carries them: keep them few (the call's own strings are in voice.ts).
export const voiceGate = {
	label: '语音通话',
	incoming: (name: string) => `${name} 来电……`,
	answer: '接听',
	textOnly: '不用语音，只看文字',
	turnOn: '改用语音通话'
};
