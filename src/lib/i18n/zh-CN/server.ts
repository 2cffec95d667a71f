// zh-CN strings: the server's refusals (never shipped to the browser: nothing there imports them).
import type { StoreErrorCode } from '../../server/db/errors';

// What people are told when the server refuses something (the API also sends the code).
export const storeErrors = {
	anonymous: '请先登录或选择身份。',
	'bad-input': '提交的内容格式不对，没有保存。',
	'too-large': '提交的内容太大，服务器没有接收。请删减内容（比如过长的文字答案）后再试。',
	'unknown-attempt': '找不到这次练习记录。',
	'unknown-scenario': '找不到这个情景，它可能已被删除。',
	'unknown-quiz': '找不到这份测验，它可能已被删除。',
	'unknown-version': '这次作答所用的情景或测验版本已经更新，旧版本无法继续。请重新打开页面，开始新的一次。',
	'unknown-profile': '找不到这个用户。',
	'unknown-cohort': '找不到这个班级。',
	'unknown-assignment': '找不到这项布置，它可能已被删除。',
	'not-your-attempt': '这是别人的练习记录，不能修改。',
	forbidden: '你没有权限做这件事。',
	'wrong-kind': '角色扮演的回复和测验的答案分开提交：这次记录的类型不对，没有保存。',
	'bad-branch': '「从这里重来」只能用在你自己这个情景的练习上，考核模式不能重来；这次练习没有开始。',
	'attempt-closed': '这次练习已经结束，不能再提交回复。',
	'attempt-id-taken': '练习编号冲突，请重新开始这次练习。',
	'key-reused': '这条回复的编号已被另一条回复使用，没有保存。',
	'seq-taken': '这一步已经记录过另一条回复。',
	'seq-gap': '前面还有回复没送达，请等它们先送达。',
	'not-offered': '这一步没有这个回复选项，没有保存。',
	'no-hold': '这一步不能让客户保持等待（情景没有在这里允许保持通话），没有保存。',
	mismatch: '这段文字的理解结果和服务器不一致，没有保存。',
	'time-future': '这条回复的时间比服务器时间还晚，请检查电脑时钟。',
	'time-before-start': '这条回复的时间早于练习开始的时间，请检查电脑时钟。',
	'time-backwards': '这条回复的时间早于上一条回复，请检查电脑时钟。',
	'time-impossible': '记录的思考时间比两次回复之间的间隔还长，没有保存。',
	'assessment-open': '你还有一次这份测验的考核没有交卷。在它交卷或放弃之前，这份测验的其他作答不能提交，也不显示答案和解析；请先完成或放弃那次考核。',
	'time-up': '答题时间已到，这个答案没有保存；时间到之前送达的答案都会计分。',
	'unknown-document': '找不到这份稿件，它可能已被删除，或者不属于你。',
	conflict: '这份稿件在别处（另一个标签页或另一台设备）已经保存过新的内容，你这次的修改没有覆盖它。请对照两个版本，选择保留哪一个。',
	'check-failed': '检查没有通过，不能发布。请先改正列出的错误。',
	'slug-taken': '这个编号已经被使用了（系统自带的内容、你的另一份已发布稿件，或其他培训师发布的内容），请在稿件里换一个编号（id）。',
	'slug-changed': '这份稿件已经按原来的编号发布过，编号不能再改：学员的记录都按这个编号保存。请把 id 改回原来的编号。',
	'document-archived': '这份稿件已归档，不能修改或发布。请先把它从归档中恢复。',
	'owner-only': '只有稿件的创建者可以发布、停止发布、归档、删除它或邀请共同编辑；共同编辑可以修改草稿。'
} satisfies Record<StoreErrorCode, string>;
/** Refusals answered before any page (src/hooks.server.ts): plain text, with English for tools. */
export const http = {
	wrongHost: '本机模式只接受发往本机地址（localhost、127.0.0.1 或 [::1]）的请求。请用本机地址打开客诉教练。\nThis local server only answers requests addressed to localhost.',
	crossSite: '这个请求不是从客诉教练自己的页面发出的，已拒绝。请回到客诉教练的页面再操作一次。\nCross-site request refused.'
};

/** The data files' and the reader's refusals (server routes; the player shows what they say). */
export const dataRefusals = {
	scenarioGone: '这个情景版本已经更新：请刷新页面，按新版本继续。',
	rulesGone: '回复分析规则已经更新：请刷新页面后再打字回复。',
	badRead: '请求内容不完整：需要情景版本、当前这一步和回复文字。',
	notDecision: '这一步不需要回复：请刷新页面后继续。',
	tooLarge: '请求内容太大：一次只能发送一条回复。'
};
