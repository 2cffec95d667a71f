// zh-CN strings: pressure on a live call (不要让我等, 迂回暂缓) in the player and the debrief.
export const hold = {
	offer: '请客户稍等（保持通话）',
	hint: (limit: number) => `需要查询或找同事确认时，可以让客户稍等：先说明原因、征得同意，并在 ${limit} 秒内回来。`,
	how: '怎样让客户稍等？',
	ask: '先说明原因、说好等多久，征得同意后再保持',
	silent: '什么也不说，直接按保持',
	cancel: '先不保持',
	holding: '通话保持中：客户正在听等待音乐。',
	elapsed: (seconds: number, limit: number) => `已保持 ${seconds} 秒（最好不超过 ${limit} 秒）`,
	back: '恢复通话'
};

export const callReview = {
	respondWithin: (s: number) => `客户最多等你 ${s} 秒`,
	waited: (n: number) => `冷场太久，客户催了 ${n} 次`,
	held: (asked: boolean, ms: number, long: boolean) =>
		`保持通话 ${(ms / 1000).toFixed(0)} 秒：${asked ? '先征得了同意' : '没有先打招呼'}${long ? '，而且等得太久' : ''}`,
	heldMood: (d: number) => (d < 0 ? `客户情绪缓和 ${-d}` : d > 0 ? `客户情绪升温 +${d}` : '客户情绪不变'),
	timingCall: '电话里按“不要让我等”计时：从客户说完到你开口，超过客户能等的时间就算偏慢（只计语音通话中的回复）。'
};
