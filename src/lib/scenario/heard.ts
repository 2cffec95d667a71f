// Whether typed words say anything the customer could take up, when the analyzer finds no code
// (or only moves) in them. Shared by the router (analyzer/route.ts) and the engine, so the player,
// the server's replay and `npm run respond` always agree whether the customer "did not understand"
// (「没听明白」) or heard something and presses for what they want. Pure, browser-safe, no rules.
//
//   empty    nothing, an acknowledgement alone (好的, 收到, 嗯嗯, ok), gibberish, a repeated sound
//   chat     small talk: the weather, meals, the weekend, the customer's family or job
//   short    a few words that share nothing with the decision's replies
//   content  words about the case: they share a content word (two characters, no pronoun or
//            particle in it) with the decision's authored replies, or a full sentence of their own

export type Hearing = 'empty' | 'chat' | 'short' | 'content';

/** Particles and interjections: what is left without them is what was said. */
const FILLERS = /[的了吗吧啊呢哦嗯哈呀嘛哇噢喔唉诶欸哎呃额么啦哒]/gu;
/** Acknowledgements that say nothing about the case on their own. */
const ACKS = /好的|收到|明白|知道|了解|清楚|没问题|可以|okay|ok|好|行|对|是|嗯/gu;
/** A surname and a title (郑先生, 韦师傅): naming the customer is not talking about the case. */
const NAMED = /\p{Script=Han}(?:先生|女士|小姐|经理|师傅|老师|阿姨)/gu;
/** Small talk: nothing in it is about the complaint, whatever case word it mentions. */
const SMALL_TALK = /天气|下雨|出太阳|好热|挺热|太冷|吃饭了|吃过|吃了吗|午饭|晚饭|早饭|周末|放假|假期|星期[一二三四五六天日]|几年级|几岁|几口人|做什么工作|什么工作|哪里人|老家|可爱|辛苦啦|好玩|玩得|开心吗|最近忙|身体好|运动|电视|球赛|旅游去/u;
/** Characters that make a bigram generic (pronouns, particles, copulas, common verbs of speech). */
const GENERIC = new Set('您你我他她它们的了是在有和就都也还很这那个一不吗吧呢啊么请说看给让把被会要能');
/** CJK Unified Ideographs (the basic block and extension A): what a content word is written in here. */
const isHan = (c: string) => {
	const x = c.charCodeAt(0);
	return (x >= 0x4e00 && x <= 0x9fff) || (x >= 0x3400 && x <= 0x4dbf);
};
/** A sentence this long (letters and digits, fillers removed) says something even if no word is shared. */
const SENTENCE = 8;

function core(text: string): string {
	return text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

function contentBigrams(s: string): Set<string> {
	const chars = [...s];
	const out = new Set<string>();
	for (let i = 0; i + 1 < chars.length; i++) {
		const a = chars[i];
		const b = chars[i + 1];
		if (isHan(a) && isHan(b) && !GENERIC.has(a) && !GENERIC.has(b)) out.add(a + b);
	}
	return out;
}

// The replies of a decision are fixed: their content words are worked out once per replies array.
const vocabulary = new WeakMap<readonly { text: string }[], Set<string>>();
function vocabularyOf(replies: readonly { text: string }[]): Set<string> {
	let v = vocabulary.get(replies);
	if (!v) {
		v = new Set();
		for (const r of replies) for (const g of contentBigrams(core(r.text).replace(NAMED, ''))) v.add(g);
		vocabulary.set(replies, v);
	}
	return v;
}

/** What kind of words these are at a decision with these authored replies. */
export function hearing(text: string, replies: readonly { text: string }[]): Hearing {
	const all = core(text);
	const said = all.replace(FILLERS, '');
	// Nothing but acknowledgements, or no Chinese at all (asdf, qwe): nothing to take up.
	if ([...said.replace(ACKS, '')].length < 2 || !/\p{Script=Han}/u.test(said)) return 'empty';
	// One or two sounds over and over (哈哈哈哈, 啊啊啊).
	if (new Set(said).size <= 2 && [...said].length >= 3) return 'empty';
	if (SMALL_TALK.test(all)) return 'chat';
	const unnamed = said.replace(NAMED, '');
	const vocab = vocabularyOf(replies);
	for (const g of contentBigrams(unnamed)) if (vocab.has(g)) return 'content';
	return [...unnamed].length >= SENTENCE ? 'content' : 'short';
}

/**
 * Whether the customer reacts as if nothing was understood: no flag was found, and the words are
 * empty or small talk, or a few unrelated words with no move in them either.
 */
export function unheard(kind: Hearing, found: { moves: readonly unknown[]; flags: readonly unknown[] }): boolean {
	if (found.flags.length) return false;
	return kind === 'empty' || kind === 'chat' || (kind === 'short' && !found.moves.length);
}
