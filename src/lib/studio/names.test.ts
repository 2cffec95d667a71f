import { describe, expect, it } from 'vitest';
import { declaredName, declaredSlug } from './names';

describe('declared names', () => {
	it('reads the top-level id, quoted or not, with a comment after it', () => {
		expect(declaredSlug('scenario', '# x\nformat: 1\nid: hotel-towels # 编号\n')).toBe('hotel-towels');
		expect(declaredSlug('quiz', "id: 'team-quiz'\n")).toBe('team-quiz');
		expect(declaredSlug('scenario', 'nodes:\n  - id: open\n')).toBe('untitled-scenario');
		expect(declaredSlug('quiz', 'id: Bad_ID\n')).toBe('untitled-quiz');
	});
	it('falls back for broken drafts, and takes the title when there is one', () => {
		expect(declaredName('scenario', 'id: Bad_ID\ntitle: 标题')).toEqual({ slug: 'untitled-scenario', title: '标题' });
		expect(declaredName('quiz', '::: not yaml')).toEqual({ slug: 'untitled-quiz', title: 'untitled-quiz' });
		expect(declaredName('scenario', 'id: ok-id\ntitle: [未闭合')).toEqual({ slug: 'ok-id', title: 'ok-id' });
	});
});
