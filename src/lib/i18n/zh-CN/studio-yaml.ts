// zh-CN strings: the studio's YAML editor (CodeMirror), including CodeMirror's own phrases.

export const studioYaml = {
	/** Shown under the editor: how to leave it with the keyboard (Tab indents inside it). */
	keys: 'Tab 键用于缩进；要用键盘离开编辑器，请先按 Esc，再按 Tab。输入时会提示可填写的字段（也可按 Ctrl+空格）；Ctrl+F 查找，F8 跳到下一个问题，Ctrl+Shift+M 列出全部问题。',
	readonly: '只读：内置场景不能直接修改，请「复制后编辑」。',
	loading: '正在载入编辑器……',
	/** The JSON schema (completion and hover help) could not be fetched: the editor still works. */
	schemaFailed: '字段说明没有载入，自动补全和悬停提示暂不可用；编辑和检查不受影响。',
	/** Hover help on a field. */
	hoverType: (type: string) => `类型：${type}`,
	/** CodeMirror's interface words (EditorState.phrases). */
	phrases: {
		Find: '查找',
		Replace: '替换',
		next: '下一个',
		previous: '上一个',
		all: '全部',
		'match case': '区分大小写',
		regexp: '正则表达式',
		'by word': '全词匹配',
		replace: '替换',
		'replace all': '全部替换',
		close: '关闭',
		'current match': '当前匹配',
		'on line': '，行号',
		'replaced match on line $': '已替换第 $ 行的匹配',
		'replaced $ matches': '已替换 $ 处匹配',
		'Go to line': '跳到行',
		go: '跳转',
		Diagnostics: '问题',
		'No diagnostics': '没有问题',
		Completions: '补全建议',
		'Control character': '控制字符',
		'Selection deleted': '已删除选中内容',
		'Folded lines': '已折叠',
		'Unfolded lines': '已展开',
		'Fold line': '折叠这几行',
		'Unfold line': '展开这几行',
		'folded code': '折叠的内容',
		unfold: '展开',
		to: '至'
	} as Record<string, string>
};
