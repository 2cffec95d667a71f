// zh-CN strings: the studio's graph view (src/routes/studio/[doc]/GraphView.svelte) and the
// summaries its model writes for route conditions (src/lib/studio/graph-model.ts).
import type { Outcome } from '../../domain';

export const studioGraph = {
	label: '情景流程图',
	description:
		'情景的所有节点按对话顺序自上而下排列，箭头表示对话的走向。用 Tab 键逐个聚焦节点，按回车键或空格键在编辑器中打开该节点；拖动画布可平移，滚轮或左下角的按钮可缩放。大纲编辑器包含同样的内容，更适合键盘和读屏软件。',
	skip: '跳过流程图',
	layingOut: '正在排版流程图……',
	empty: '还没有节点。在大纲或 YAML 中添加第一个节点后，这里会显示流程图。',
	counts: (nodes: number, edges: number) => `共 ${nodes} 个节点、${edges} 条连线`,
	problems: (n: number) => `${n} 个节点有问题`,
	kinds: { line: '台词', decision: '决策', route: '分支', ending: '结局', unknown: '未知类型' },
	kindIcons: { line: '“', decision: '？', route: '⇄', ending: '⚑', unknown: '·' },
	outcomesShort: { resolved: '解决', escalated: '升级', lost: '流失' } satisfies Record<Outcome, string>,
	noPrompt: '（未写提示）',
	noText: '（未写内容）',
	noTitle: '（未写标题）',
	replies: (n: number) => `${n} 个回复`,
	routes: (n: number) => `${n} 条条件`,
	start: '开始',
	unreachable: '无法到达',
	deadEnd: '走不到结局',
	missingTarget: '指向不存在的节点',
	hasError: '有错误',
	hasWarning: '有警告',
	missingNode: (id: string) => `不存在：${id}`,
	otherwise: '其他情况',
	offScript: '偏离剧本',
	legend: {
		title: '图例',
		kinds: '节点类型',
		edges: '连线',
		reply: '回复',
		route: '按情绪或选择分支（虚线）',
		problems: '问题'
	},
	/** How a route's `when` reads on its edge. */
	when: {
		moodAtLeast: (v: string) => `情绪≥${v}`,
		moodBelow: (v: string) => `情绪<${v}`,
		chose: (v: string) => `选过 ${v}`,
		notChose: (v: string) => `没选 ${v}`,
		flagged: (v: string) => `出现 ${v}`,
		moved: (v: string) => `做到 ${v}`,
		or: '或',
		and: '，'
	},
	controls: {
		panel: '视图控制',
		zoomIn: '放大',
		zoomOut: '缩小',
		fitView: '适应画布',
		interactive: '切换交互',
		minimap: '缩略图',
		nodeHelp: '按回车键或空格键在编辑器中打开这个节点。',
		edgeHelp: '连线不可编辑。'
	}
};
