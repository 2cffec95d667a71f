import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdownAsText';

describe('renderMarkdown (text only)', () => {
	it('escapes every character that could start markup', () => {
		expect(renderMarkdown('<img src=x onerror="alert(1)"> & \'客诉\'')).toBe('&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#39;客诉&#39;');
	});
	it('drops markdown code marks and keeps the words', () => {
		expect(renderMarkdown('`enum`: `easy`, `medium`, or `hard`', false)).toBe('enum: easy, medium, or hard');
	});
});
