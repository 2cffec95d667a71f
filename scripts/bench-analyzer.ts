// The reply analyzer's figures for `npm run bench` (scripts/bench.ts imports benchAnalyzer):
//  - replies per second: the whole evaluation set analysed over and over for at least a second;
//  - precision / recall / F1 per code on the labelled set (tests/fixtures/analyzer/eval.jsonl),
//    for the `tune` rows (the rules were adjusted against them), the `holdout` rows (never used to
//    adjust the rules before they were first measured) and all rows;
//  - the shipped scenarios' authored replies: how often each routes to itself when typed verbatim,
//    and how far the analyzer agrees with the codes the scenario authors gave them (exactShare:
//    the share of replies whose analyzer codes equal the authored codes exactly);
//  - the size of the compiled rules as the browser receives them (JSON.stringify length).
// Measured, never asserted. Run alone with: npx tsx scripts/bench-analyzer.ts
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { FLAG_CODES, MOVE_CODES } from '../src/lib/domain';
import { agreementShare, replyAgreement, type ReplyAgreement } from '../src/lib/analyzer/agreement';
import { shippedAnalyzer } from '../src/lib/analyzer/files';
import { analyze, evaluate, parseLabelledReplies, routeTyped, RULES_PATH, type CompiledRules, type Evaluation, type LabelledReply } from '../src/lib/analyzer/index';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const EVAL_SET_PATH = 'tests/fixtures/analyzer/eval.jsonl';

const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

function summary(e: Evaluation) {
	return {
		rows: e.rows,
		perCode: Object.fromEntries(
			Object.entries(e.perCode).map(([code, s]) => [code, { precision: round(s.precision), recall: round(s.recall), f1: round(s.f1), support: s.support }])
		),
		micro: { precision: round(e.micro.precision), recall: round(e.micro.recall), f1: round(e.micro.f1) },
		macroF1: round(e.macro.f1)
	};
}

function repliesPerSecond(rows: LabelledReply[], rules: CompiledRules): number {
	for (let k = 0; k < 20; k++) for (const r of rows) analyze(r.text, rules); // warm-up: regexes compiled, JIT settled
	let replies = 0;
	const t0 = performance.now();
	let elapsed = 0;
	while (elapsed < 1000) {
		for (const r of rows) analyze(r.text, rules);
		replies += rows.length;
		elapsed = performance.now() - t0;
	}
	return Math.round((replies / elapsed) * 1000);
}

/** Authored replies of the shipped scenarios, as routing candidates and as a second labelled set. */
async function scenarioReplies(rules: CompiledRules) {
	try {
		const { checkFile, scenarioFiles } = await import('../src/lib/scenario/files');
		let replies = 0;
		let selfRouted = 0;
		const labelled: LabelledReply[] = [];
		const agreements: ReplyAgreement[] = [];
		for (const file of scenarioFiles(resolve(root, 'scenarios'))) {
			const scenario = checkFile(file).scenario;
			if (!scenario) continue;
			for (const node of Object.values(scenario.nodes)) {
				if (node.type !== 'decision') continue;
				for (const reply of node.replies) {
					replies++;
					if (routeTyped(reply.text, node.replies, rules).replyId === reply.id) selfRouted++;
					agreements.push(replyAgreement(reply, rules));
					labelled.push({
						id: `${scenario.meta.id}/${node.id}.${reply.id}`,
						text: reply.text,
						moves: MOVE_CODES.filter((c) => reply.moves[c]),
						flags: FLAG_CODES.filter((c) => reply.flags[c])
					});
				}
			}
		}
		const agreement = evaluate(labelled, rules);
		const exact = agreementShare(agreements);
		return {
			replies,
			routedToItselfWhenTypedVerbatim: selfRouted,
			agreementWithAuthoredCodes: {
				// The share of authored replies whose {moves, flags} the analyzer reads exactly.
				exactShare: round(exact.share),
				exactReplies: exact.agreeing,
				micro: summary(agreement).micro,
				macroF1: round(agreement.macro.f1)
			}
		};
	} catch (e) {
		return { error: (e as Error).message };
	}
}

export async function benchAnalyzer(): Promise<object> {
	// The analyzer as shipped: the rules with the learned model beside them.
	const rules = shippedAnalyzer(root);
	const rows = parseLabelledReplies(readFileSync(resolve(root, EVAL_SET_PATH), 'utf8'));
	const tune = rows.filter((r) => r.split === 'tune');
	const holdout = rows.filter((r) => r.split === 'holdout');
	return {
		repliesPerSecond: repliesPerSecond(rows, rules),
		compiledRulesChars: JSON.stringify(rules).length,
		evalSet: {
			file: EVAL_SET_PATH,
			rows: rows.length,
			industries: new Set(rows.map((r) => r.industry)).size,
			tune: summary(evaluate(tune, rules)),
			holdout: summary(evaluate(holdout, rules)),
			all: summary(evaluate(rows, rules))
		},
		scenarioReplies: await scenarioReplies(rules)
	};
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	process.stdout.write(JSON.stringify(await benchAnalyzer(), null, 2) + '\n');
}
