import { describe, expect, it } from 'vitest';
import { declaredName, declaredSlug } from './names';

describe('declared names', () => {
	it('reads the top-level id, quoted or not, with a comment after it', () => {
		expect(declaredSlug('scenario', '# x\nformat: 1\nid: hotel-towels # 编号\n')).toBe('hotel-towels');
		expect(declaredSlug('quiz', "id: 'team-quiz'\n")).toBe('team-quiz');
		expect(declaredSlug('scenario', 'nodes:\n  - id: open\n')).toBe('untitled-scenario');
		expect(declaredSlug('quiz', 'id: Bad_ID\n')).toBe('untitled-quiz');
	});
	it('takes the title when there is one, and falls back for broken drafts', () => {
		expect(declaredName('id: Bad_ID\ntitle: 标题 # 注释', 'scenario')).toEqual({ slug: 'untitled-scenario', title: '标题' });
		expect(declaredName('id: a\ntitle: "引号里的\\"标题\\""', 'scenario').title).toBe('引号里的"标题"');
		expect(declaredName("id: a\ntitle: '单引号''里'", 'scenario').title).toBe("单引号'里");
		expect(declaredName('::: not yaml', 'quiz')).toEqual({ slug: 'untitled-quiz', title: 'untitled-quiz' });
		expect(declaredName('id: ok-id\ntitle: [未闭合', 'scenario')).toEqual({ slug: 'ok-id', title: 'ok-id' });
	});
});
