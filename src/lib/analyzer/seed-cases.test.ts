// The mistakes and good phrasings the course material (../shared/seeds/) shows, each said again in
// our own words (never the seeds' sentences): the bad hotline dialogue about dropped calls, the
// A/B comparisons of how to disagree, the list of common mistakes, the six-step recovery for an
// extreme customer and the replies to one who wants the agent fired. Each case says what the
// analyzer must find (and must not).
import { describe, expect, it } from 'vitest';
import { shippedRules } from '../../../tests/fixtures/analyzer/load';
import type { Code } from '../domain';
import { analyze } from './analyze';

const rules = shippedRules();

interface Case {
	text: string;
	has: Code[];
	not?: Code[];
}

function check(cases: Case[]) {
	for (const { text, has, not = [] } of cases) {
		const a = analyze(text, rules);
		const found = [...a.moves, ...a.flags];
		for (const c of has) expect(found, `${text} should show ${c}`).toContain(c);
		for (const c of not) expect(found, `${text} should not show ${c}`).not.toContain(c);
		// Every finding quotes words of the reply itself.
		for (const [code, words] of Object.entries(a.evidence)) for (const w of words ?? []) expect(text, code).toContain(w);
	}
}

describe('the bad hotline dialogue (dropped calls blamed on the handset)', () => {
	it('each of the agent\'s lines is read as the mistake it is', () =>
		check([
			// A bare "hello" with 你 and no name or job number.
			{ text: '喂，你好，有事说。', has: ['informal'] },
			// Guessing the customer's location is the cause.
			{ text: '您是不是待在地下车库里，所以信号才不好？', has: ['blame'] },
			// Blaming the phone and insisting the network cannot fail.
			{ text: '估计是您手机本身有毛病，我们网络这边不会出这种故障。', has: ['blame', 'argue'] },
			// Contradicting, then blaming cheap phones.
			{ text: '那可未必，好多小牌子的机器刚买没几天就坏了。', has: ['argue', 'blame'] },
			// Sending the customer back to the shop, sure it is the device.
			{ text: '您从哪家店买的就回哪家店修去吧，这肯定是机器本身的毛病。', has: ['dismiss', 'blame'] },
			// Shrugging it off.
			{ text: '这样啊，那我这边也说不清楚了。', has: ['dismiss'] },
			// Quarrelling, refusing, rude tone.
			{ text: '您这话说的，凭什么让我们出钱？东西哪儿买的您就拿回哪儿修呗。', has: ['argue', 'dismiss', 'informal'] },
			// Hanging up.
			{ text: '（直接把电话挂断了）', has: ['dismiss'] }
		]));

	it('the same situation handled well shows no flag', () =>
		check([
			{
				text: '孟先生您好，我是客服小周，工号6021。通话老是断确实耽误事，麻烦您说一下一般在哪些地点、什么时间断线？我先查一下那一带的基站。',
				has: ['info', 'empathy'],
				not: ['argue', 'blame', 'lecture', 'dismiss', 'informal']
			}
		]));
});

describe('A/B: disagreeing without arguing', () => {
	it('A: telling the customer they got it wrong is arguing', () =>
		check([
			{ text: '您完全没弄明白我的意思，情况其实是这样的。', has: ['argue'] },
			{ text: '您这个看法是错的，原因是系统只按实际用量计费。', has: ['argue'], not: ['demand', 'listen'] },
			{ text: '您的判断不对，账单上每一笔都有记录。', has: ['argue'], not: ['demand'] },
			{ text: '这种说法站不住脚，记录显示包裹前天就签收了。', has: ['argue'] },
			{ text: '您说的这些都没道理。', has: ['argue'], not: ['listen'] }
		]));

	it('B: granting the customer\'s view first, then adding facts, is not arguing', () =>
		check([
			{ text: '说句实在的，通常情况下您的说法完全在理，只是这次情况有些特殊，您看我们是不是可以换个办法？', has: [], not: ['argue', 'lecture'] },
			{ text: '您会这么想再正常不过了，我刚看到这张单子的时候也是同样的想法，不过咱们再往下细看一下。', has: ['empathy'], not: ['argue', 'lecture'] }
		]));
});

describe('the common mistakes the course lists', () => {
	it('conceding unchecked facts is not an apology\'s evidence', () => {
		const a = analyze('肯定是我们师傅装坏的，实在对不起。', rules);
		expect(a.evidence.apology ?? []).not.toContain('肯定是我们');
	});

	it('criticising a colleague, insisting on being right, mocking, doubting, refusing', () =>
		check([
			{ text: '都怪那个刚来的同事，他业务还不熟。', has: ['blame'] },
			{ text: '我说的一点没错，是您自己没听清楚。', has: ['argue', 'blame'] },
			{ text: '这么简单的操作您都不会？', has: ['lecture'] },
			{ text: '您确定您没记错时间吗？', has: ['lecture'] },
			{ text: '您当时为什么不先看看说明书呢？', has: ['lecture'] },
			{ text: '这种情况我们不能给您退。', has: ['dismiss'] }
		]));
});

describe('brush-offs, blame without 你, and negation within a clause', () => {
	it('brush-offs are dismiss', () =>
		check([
			{ text: '那我就不太清楚了。', has: ['dismiss'] },
			{ text: '这事不归我们部门管。', has: ['dismiss'] },
			{ text: '这个我也没辙。', has: ['dismiss'] },
			{ text: '这个我真管不了，您找别人问问吧。', has: ['dismiss'] },
			{ text: '实在没办法，规定就是这样。', has: ['dismiss'] }
		]));

	it('blame needs no 你: the phone, the courier, the system', () =>
		check([
			{ text: '这多半是手机的问题。', has: ['blame'] },
			{ text: '估计是快递那边给弄丢的。', has: ['blame'] },
			{ text: '主要是系统的原因。', has: ['blame'] }
		]));

	it('a cue negates what follows it in its clause, not beyond', () =>
		check([
			{ text: '这件事我们绝对不会推卸责任。', has: [], not: ['blame'] },
			{ text: '这真不是您的问题，是我们仓库发错了。', has: ['apology'], not: ['blame'] },
			{ text: '说实话，这不是我们的问题。', has: ['argue'] },
			{ text: '没提前通知您是我们的疏忽。', has: ['apology'] },
			{ text: '您别担心我们今天就给您全额退款。', has: ['propose'] }
		]));

	it('"what matters most" in any near-form is demand, not a question of fact', () =>
		check([
			{ text: '您最着急的是拿回电脑还是拿回里面的文件？', has: ['demand'], not: ['info'] },
			{ text: '最要紧的是哪一件？', has: ['demand'] },
			{ text: '您现在最关心的是什么？', has: ['demand'] },
			{ text: '对您来说最需要先解决的是哪个？', has: ['demand'] }
		]));
});

describe('the extreme customer: six steps to recover', () => {
	it('a bill far above the estimate: apologise, explain, understand, remedy, apologise again, thank', () =>
		check([
			{
				text: '真是抱歉给您添了麻烦。这个月多出来的主要是国际漫游流量。金额一下子这么高，您着急是肯定的。我现在就帮您申请把漫游费按套餐价重新核算，差额三个工作日内退回。再次向您道歉，我们会把漫游提醒做得更醒目。谢谢您及时告诉我们。',
				has: ['apology', 'empathy', 'propose', 'promise', 'thanks'],
				not: ['argue', 'blame', 'lecture', 'dismiss', 'overpromise']
			}
		]));

	it('a repair weeks late: the same steps, with a remedy the agent can deliver', () =>
		check([
			{
				text: '让您白等了三个星期，真的对不起，这期间我们没有主动联系您，是我们的失职。耽误您这么久，换谁都会生气。今天我先借您一台备用机，原机周五前修好送到您家。再次向您道歉，感谢您还愿意给我们机会。',
				has: ['apology', 'empathy', 'propose', 'promise', 'thanks'],
				not: ['argue', 'blame', 'dismiss', 'overpromise']
			}
		]));
});

describe('the customer who wants the agent fired', () => {
	it('good: own the mistake, explain one\'s situation, commit to something specific, thank', () =>
		check([
			{
				text: '实在抱歉，我接手这类业务时间还短，处理得不够熟练，还请您体谅。确实是我这边的疏忽给您造成了损失，我再郑重向您道个歉。接下来由我亲自跟进，今天下班前给您准确答复。谢谢您还愿意给我机会。',
				has: ['apology', 'promise', 'thanks'],
				not: ['argue', 'blame', 'dismiss', 'empathy']
			}
		]));

	it('bad: defending oneself, daring the customer to complain, passing them on', () =>
		check([
			{ text: '您想投诉就去投诉吧，开不开除我也不是您说了算的。', has: ['dismiss', 'argue'] },
			{ text: '我每一步都是按规定办的，您找经理来也一样。', has: ['argue', 'dismiss'] },
			{ text: '您冲我发火也没用，又不是我定的规矩。', has: ['dismiss'] }
		]));
});

describe('traditional characters read like simplified ones', () => {
	it('characters and context-dependent words (著急, 瞭解, 答覆) are folded before matching', () => {
		const pairs: [string, string][] = [
			['卖家迟迟不发货，您着急也是正常的，我这边马上联系卖家，今天下班前给您一个准信。', '賣家遲遲不發貨，您著急也是正常的，我這邊馬上聯繫賣家，今天下班前給您一個準信。'],
			['这笔费用是合理的，您签合约的时候就应该了解清楚。', '這筆費用是合理的，您簽合約的時候就應該瞭解清楚。'],
			['这事得您去派出所报案，我们这边管不着。', '這事得您去派出所報案，我們這邊管不著。'],
			['您这个情况属于正常现象，新机器都会有点味道。', '您這個情況屬於正常現象，新機器都會有點味道。'],
			['这件事我来负责到底，今天下午四点前我给您答复补发时间。', '這件事我來負責到底，今天下午四點前我給您答覆補發時間。']
		];
		for (const [simplified, traditional] of pairs) {
			const a = analyze(simplified, rules);
			const b = analyze(traditional, rules);
			expect([...b.moves, ...b.flags], traditional).toEqual([...a.moves, ...a.flags]);
			for (const words of Object.values(b.evidence)) for (const w of words ?? []) expect(traditional).toContain(w);
		}
	});
});
