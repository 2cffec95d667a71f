// A GIFT file uploaded from the trainer view: checked at the boundary (present, small, UTF-8 text),
// then converted by the quiz module, every problem kept with its line.
import * as t from '$lib/i18n';
import { importGift, quizToYaml } from '$lib/quiz/gift';

/** Below adapter-node's default BODY_SIZE_LIMIT (512K) with room for the multipart envelope, so a
 *  file over this limit reaches this check and gets t.trainer.giftTooLarge, not the adapter's bare
 *  413. (A request over 512K is still refused by the adapter before it gets here.) */
export const GIFT_MAX_BYTES = 400 * 1024;
/** Problems shown at most (a hostile file could otherwise list tens of thousands). */
export const GIFT_MAX_PROBLEMS = 200;

export interface GiftUpload {
	file: string;
	imported: number;
	/** The quiz YAML to save as scenarios/quizzes/<id>.yaml (empty when nothing was imported). */
	yaml: string;
	yamlName: string;
	problems: { line: number; severity: 'error' | 'warning'; message: string }[];
}

export async function importGiftUpload(entry: FormDataEntryValue | null): Promise<{ ok: true; gift: GiftUpload } | { ok: false; error: string }> {
	if (!(entry instanceof File) || !entry.size) return { ok: false, error: t.trainer.giftNoFile };
	if (entry.size > GIFT_MAX_BYTES) return { ok: false, error: t.trainer.giftTooLarge(GIFT_MAX_BYTES / 1024) };
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(await entry.arrayBuffer());
	} catch {
		return { ok: false, error: t.trainer.giftNotText };
	}
	const file = entry.name.replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 100) || 'quiz.gift';
	const r = importGift(text.replace(/^\uFEFF/, ''), { file });
	return {
		ok: true,
		gift: {
			file,
			imported: r.imported,
			yaml: r.imported ? quizToYaml(r.quiz) : '',
			yamlName: `${r.quiz.id}.yaml`,
			problems: [
				...r.diagnostics.slice(0, GIFT_MAX_PROBLEMS).map((d) => ({ line: d.line, severity: d.severity === 'warning' ? ('warning' as const) : ('error' as const), message: d.message })),
				...(r.diagnostics.length > GIFT_MAX_PROBLEMS
					? [{ line: r.diagnostics[GIFT_MAX_PROBLEMS].line, severity: 'error' as const, message: t.trainer.giftMoreProblems(r.diagnostics.length - GIFT_MAX_PROBLEMS) }]
					: [])
			]
		}
	};
}
