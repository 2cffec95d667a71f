// Agreement between the analyzer and the codes scenario authors gave their replies. An authored
// reply is a labelled example: its `moves:` and `flags:` should be what the analyzer reads in its
// text. Where they differ, either the rules miss something general or the author left out a code
// the text plainly shows; `npm run scenarios:check` lists each case, `npm run bench` the share.
// Framework-free and pure: callers read files and compile rules.
import { ALL_CODES, FLAG_CODES, MOVE_CODES, type Code, type FlagCode, type MoveCode } from '../domain';
import { analyze } from './analyze';
import type { CompiledRules } from './rules';

export interface AuthoredReply {
	text: string;
	moves: Partial<Record<MoveCode, number>>;
	flags: Partial<Record<FlagCode, number>>;
}

export interface ReplyAgreement {
	/** The authored codes (weight above 0), in domain order. */
	authored: Code[];
	/** The analyzer's codes, in domain order. */
	found: Code[];
	/** Found by the analyzer, not authored. */
	extra: Code[];
	/** Authored, not found by the analyzer. */
	missing: Code[];
	/** The words behind each extra code. */
	evidence: Partial<Record<Code, string[]>>;
}

/** The authored codes of a reply, in domain order. */
export function authoredCodes(reply: Pick<AuthoredReply, 'moves' | 'flags'>): Code[] {
	return [...MOVE_CODES.filter((c) => (reply.moves[c] ?? 0) > 0), ...FLAG_CODES.filter((c) => (reply.flags[c] ?? 0) > 0)];
}

/** How the analyzer's reading of one authored reply compares with its authored codes. */
export function replyAgreement(reply: AuthoredReply, rules: CompiledRules): ReplyAgreement {
	const a = analyze(reply.text, rules);
	const authored = authoredCodes(reply);
	const found: Code[] = [...a.moves, ...a.flags];
	const extra = ALL_CODES.filter((c) => found.includes(c) && !authored.includes(c));
	const missing = ALL_CODES.filter((c) => authored.includes(c) && !found.includes(c));
	const evidence: Partial<Record<Code, string[]>> = {};
	for (const c of extra) evidence[c] = a.evidence[c] ?? [];
	return { authored, found, extra, missing, evidence };
}

export const agrees = (r: ReplyAgreement) => r.extra.length === 0 && r.missing.length === 0;

/** The warning text for a reply that disagrees (empty when it agrees). */
export function agreementMessage(replyRef: string, r: ReplyAgreement): string {
	if (agrees(r)) return '';
	const parts: string[] = [];
	if (r.extra.length)
		parts.push(`the analyzer also finds ${r.extra.map((c) => `${c} (${(r.evidence[c] ?? []).map((w) => `「${w}」`).join(' ')})`).join(', ')}`);
	if (r.missing.length) parts.push(`the analyzer does not find ${r.missing.join(', ')}`);
	return `reply ${replyRef}: analyzer and authored codes disagree: ${parts.join('; ')}`;
}

/** Share of replies whose analyzer codes equal their authored codes exactly. */
export function agreementShare(results: readonly ReplyAgreement[]): { replies: number; agreeing: number; share: number } {
	const agreeing = results.filter(agrees).length;
	return { replies: results.length, agreeing, share: results.length ? agreeing / results.length : 1 };
}
