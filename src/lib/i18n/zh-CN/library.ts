// zh-CN strings: the scenario library (home page), including the team's published content.
export const library = {
	title: '情景库',
	intro: '选一个投诉情景，和模拟客户对话。练习模式每步给反馈，考核模式结束后统一点评。',
	search: '按标题搜索',
	searchPlaceholder: '例如：维修、掉线',
	classFilter: '投诉类别',
	difficultyFilter: '难度',
	tagFilter: '标签',
	all: '全部',
	clear: '清除筛选',
	count: (n: number) => `共 ${n} 个情景`,
	empty: '没有符合筛选条件的情景。',
	emptyLibrary: '情景库还是空的：把情景文件放进 scenarios/ 目录，然后运行 npm run scenarios:check 检查。',
	minutes: (n: number) => `约 ${n} 分钟`,
	practice: '练习模式',
	assessment: '考核模式',
	persona: '客户',
	// Team content: what the user's trainers published in the studio (issue 11).
	team: '团队',
	teamLong: '团队情景：由你的培训师发布',
	teamQuiz: '团队自测：由你的培训师发布',
	teamFilter: '来源',
	sourceAll: '全部',
	sourceShipped: '内置',
	sourceTeam: '团队'
};
