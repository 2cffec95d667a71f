// A cohort's results as CSV for spreadsheet programs: UTF-8 with a byte-order mark (so Excel opens
// Chinese correctly), RFC 4180 quoting, CRLF line ends. Pure: the export route gives it rows.

const BOM = '\ufeff';

/** One field: quoted when it holds a comma, a quote or a line break (quotes doubled). A leading =, +, - or @ is prefixed with ' so no cell runs as a formula. */
function field(v: string | number | null): string {
	let s = v === null ? '' : String(v);
	if (typeof v === 'string' && /^[=+\-@]/.test(s)) s = `'${s}`;
	return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: string[], rows: (string | number | null)[][]): string {
	return BOM + [header, ...rows].map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}

/** Reads back what toCsv wrote (for tests and the round trip): rows of fields. */
export function parseCsv(text: string): string[][] {
	const s = text.startsWith(BOM) ? text.slice(1) : text;
	const rows: string[][] = [];
	let row: string[] = [];
	let cur = '';
	let quoted = false;
	for (let i = 0; i < s.length; i++) {
		const c = s[i];
		if (quoted) {
			if (c === '"' && s[i + 1] === '"') (cur += '"', i++);
			else if (c === '"') quoted = false;
			else cur += c;
		} else if (c === '"') quoted = true;
		else if (c === ',') (row.push(cur), (cur = ''));
		else if (c === '\r' && s[i + 1] === '\n') {
			row.push(cur);
			rows.push(row);
			(row = []), (cur = ''), i++;
		} else cur += c;
	}
	if (cur || row.length) (row.push(cur), rows.push(row));
	return rows;
}
