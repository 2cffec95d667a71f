// The studio's check worker: runs checkDraft off the main thread, so typing never waits for the
// path count or the best-score search. Loaded by checker.ts as a module worker (studio only). The
// analyzer rules are fetched here, once, from the URL the page names; without them the checks
// still run, only the analyzer's disagreements are missing (a warning says so).
import * as t from '$lib/i18n';
import type { CompiledRules } from '$lib/analyzer/rules';
import { checkDraft } from './checks';
import type { ToWorker, FromWorker } from './checker';

let init: Extract<ToWorker, { type: 'init' }> | null = null;
let rules: Promise<CompiledRules | null> | null = null;

async function fetchRules(url: string): Promise<CompiledRules | null> {
	try {
		const res = await fetch(url);
		return res.ok ? ((await res.json()) as CompiledRules) : null;
	} catch {
		return null;
	}
}

const post = (m: FromWorker) => (self as unknown as Worker).postMessage(m);

self.onmessage = async (e: MessageEvent<ToWorker>) => {
	const m = e.data;
	if (m.type === 'init') {
		init = m;
		rules = null;
		return;
	}
	try {
		if (!init) throw new Error('the check worker was not initialised');
		const r = m.kind === 'scenario' && init.rulesUrl ? await (rules ??= fetchRules(init.rulesUrl)) : null;
		const report = checkDraft(m.kind, m.name, m.text, { reactions: init.reactions, rules: r });
		if (m.kind === 'scenario' && init.rulesUrl && !r && report.compiled)
			report.diagnostics.push({ file: m.name, line: 1, col: 1, severity: 'warning', message: t.studioCheck.rulesMissing });
		post({ id: m.id, report });
	} catch (err) {
		post({ id: m.id, error: err instanceof Error ? err.message : String(err) });
	}
};
