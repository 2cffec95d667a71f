// zh-CN strings: the app shell and the shared vocabularies (the library page's are in library.ts).
import type { Archetype, Channel, Difficulty, Outcome, Speaker } from '../../domain';

export const appName = '客诉教练';
export const tagline = '在模拟投诉中练习 IDL+PPC 与“先处理心情，再处理事情”';
export const skipToContent = '跳到主要内容';
export const nav = { label: '主导航', library: '情景库', coach: '话术检查', quiz: '自测', progress: '我的进度', trainer: '培训师', studio: '工作室', profile: '选择身份', signIn: '登录', signedInAs: (n: string) => `${n}` };
export const roles = { trainee: '学员', trainer: '培训师' };
export const analysis = {
	moves: '做到的动作',
	flags: '需要注意',
	evidence: '依据',
	none: '无'
};
export const mood = { label: '客户情绪', value: (stage: string, n: number) => `${stage}(${n}/100)` };
export const outcomes = { resolved: '问题解决', escalated: '投诉升级', lost: '客户流失' } satisfies Record<Outcome, string>;
export const speakers = { customer: '客户', manager: '主管', narrator: '旁白' } satisfies Record<Speaker, string>;
export const channels = { phone: '电话', chat: '在线', counter: '柜台', written: '书面往来' } satisfies Record<Channel, string>;
export const difficulties = { easy: '入门', medium: '进阶', hard: '困难' } satisfies Record<Difficulty, string>;
export const archetypes = {
	angry: '愤怒型',
	analytical: '分析型',
	demanding: '强势要求型',
	anxious: '焦虑型',
	silent: '沉默型',
	talkative: '健谈型'
} satisfies Record<Archetype, string>;
export const classSuffix = '投诉';
export const errors = { title: '出错了', back: '返回首页' };
