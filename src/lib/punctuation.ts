// One voice in Chinese (issue 13): Chinese text takes full-width punctuation. A half-width comma,
// colon, semicolon, question or exclamation mark, or bracket touching a Chinese character reads as
// a typo. Used by the scenario checker (content) and the i18n test (UI strings).

const HAN = /[\u3400-\u9fff\u3000-\u303f\uff00-\uffef“”‘’…—]/u;
const HALF = /[,:;?!()]/;

/** Each half-width mark that touches Chinese, with a few characters around it to find it by. */
export function halfWidthInChinese(text: string): string[] {
	const out: string[] = [];
	const cs = [...text];
	cs.forEach((c, i) => {
		if (!HALF.test(c)) return;
		const before = cs[i - 1] ?? '';
		const after = cs[i + 1] ?? '';
		if (HAN.test(before) || HAN.test(after)) out.push(cs.slice(Math.max(0, i - 4), i + 5).join(''));
	});
	return out;
}
