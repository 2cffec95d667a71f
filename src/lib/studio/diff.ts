// Line differences between two versions of a document (history and conflicts), as rows a page can
// show: kept, added or removed lines with their line numbers on each side. Long unchanged runs
// fold to a count, so a one-line change in a long file reads as one line and its context.
import { diffLines } from 'diff';

export type DiffRow =
	| { kind: 'same' | 'added' | 'removed'; text: string; oldLine: number | null; newLine: number | null }
	| { kind: 'fold'; count: number };

export function lineDiff(before: string, after: string, context = 2): DiffRow[] {
	const rows: DiffRow[] = [];
	let oldLine = 1;
	let newLine = 1;
	for (const part of diffLines(before.replace(/\r\n/g, '\n'), after.replace(/\r\n/g, '\n'))) {
		const lines = part.value.replace(/\n$/, '').split('\n');
		for (const text of lines) {
			if (part.added) rows.push({ kind: 'added', text, oldLine: null, newLine: newLine++ });
			else if (part.removed) rows.push({ kind: 'removed', text, oldLine: oldLine++, newLine: null });
			else rows.push({ kind: 'same', text, oldLine: oldLine++, newLine: newLine++ });
		}
	}
	// Fold unchanged runs longer than the context around changes.
	const out: DiffRow[] = [];
	const near = rows.map((r, i) => r.kind !== 'same' || rows.slice(Math.max(0, i - context), i + context + 1).some((x) => x.kind !== 'same'));
	for (let i = 0; i < rows.length; ) {
		if (near[i]) {
			out.push(rows[i++]);
			continue;
		}
		let j = i;
		while (j < rows.length && !near[j]) j++;
		out.push({ kind: 'fold', count: j - i });
		i = j;
	}
	return out;
}

export const isSame = (rows: DiffRow[]) => rows.every((r) => r.kind === 'same' || r.kind === 'fold');
