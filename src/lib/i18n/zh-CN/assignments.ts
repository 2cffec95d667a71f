// zh-CN strings: assignments (issue 14): the trainer's page that sets work for a cohort, and what a
// member's home page cards say about work set for them.
import type { AttemptMode } from '../../domain';
import type { AssignmentState } from '../../progress/assignment-status';
import type { AssignmentRefusal } from '../../server/db/assignments';

export const assignments = {
	// The trainer's page (/trainer/cohorts/<id>/assignments) and its link on /trainer.
	link: '布置练习',
	linkLabel: (cohort: string) => `布置练习：${cohort}`,
	title: (cohort: string) => `布置练习 · ${cohort}`,
	back: '返回培训师视图',
	intro: '给全班布置一个情景或一份测验，并定好模式和截止时间。班级学员会在首页看到「已布置」和截止时间；这里列出谁已完成、谁逾期、谁还没开始。',
	newHeading: '新的布置',
	content: '内容',
	scenarios: '情景',
	quizzes: '测验',
	mode: '模式',
	modes: { practice: '练习模式', assessment: '考核模式' } satisfies Record<AttemptMode, string>,
	due: '截止时间',
	note: '给学员的备注（可不填）',
	assign: '布置给全班',
	created: (title: string) => `已布置：${title}。`,
	deleted: '已删除这项布置。学员的练习记录不受影响。',
	listHeading: '已布置的内容',
	none: '还没有布置任何内容。',
	kindRoleplay: '情景',
	kindQuiz: '测验',
	dueAt: (when: string) => `截止：${when}`,
	counts: (done: number, late: number, notStarted: number, total: number) => `${total} 名学员：${done} 人已完成，${late} 人逾期，${notStarted} 人未开始`,
	states: { done: '已完成', 'in-progress': '进行中', 'not-started': '未开始' } satisfies Record<AssignmentState, string>,
	late: '已逾期',
	finishedLate: '逾期完成',
	finishedAt: (when: string) => `完成于 ${when}`,
	member: '学员',
	status: '状态',
	noMembers: '这个班级还没有学员。',
	remove: '删除',
	removeLabel: (title: string) => `删除布置：${title}`,
	// A member's home page card.
	assigned: '已布置',
	assignedDue: (when: string) => `${when} 前完成`,
	assignedMode: (mode: AttemptMode) => (mode === 'assessment' ? '考核' : '练习'),
	overdue: '已逾期',
	assignedDone: '已按时完成',
	// The home page's list of what is assigned and still to do.
	homeHeading: '布置给你的练习',
	fromCohort: (cohort: string) => `来自${cohort}`
};

/** Why the server refused an assignment, by the store's detail.reason. */
export const assignmentRefusals = {
	content: '请选择一个要布置的情景或测验：它必须是内置的，或是你在工作室发布且正在上线的内容。',
	mode: '请选择练习模式或考核模式。',
	'due-invalid': '请填写截止日期和时间。',
	'due-past': '截止时间必须晚于现在。',
	'due-far': '截止时间不能超过一年以后。',
	note: '备注最多 200 个字。'
} satisfies Record<AssignmentRefusal, string>;
