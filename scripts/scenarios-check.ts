// npm run scenarios:check [--json] [paths…]: checks scenario files (default: scenarios/*.yaml).
import { statSync } from 'node:fs';
import { checkFile, scenarioFiles } from '../src/lib/scenario/files';
import { formatDiagnostic } from '../src/lib/scenario/types';

const args = process.argv.slice(2);
const json = args.includes('--json');
const targets = args.filter((a) => a !== '--json');
const files = (targets.length ? targets : ['scenarios']).flatMap((t) => {
	try {
		return statSync(t).isDirectory() ? scenarioFiles(t) : [t];
	} catch {
		return [t];
	}
});

if (!files.length) {
	process.stderr.write(`no scenario files found in ${targets.join(', ') || 'scenarios'}\n`);
	process.exit(1);
}
let errors = 0;
let warnings = 0;
const report = [];
for (const f of files) {
	const checked = checkFile(f);
	for (const d of checked.diagnostics) {
		if (d.severity === 'error') errors++;
		else warnings++;
		process.stderr.write(formatDiagnostic(d) + '\n');
	}
	report.push({ file: checked.file, ok: !!checked.scenario, errors: checked.diagnostics.filter((d) => d.severity === 'error').length, ...(checked.stats ?? {}) });
}
if (json) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
process.stderr.write(`${files.length} file(s) checked: ${errors} error(s), ${warnings} warning(s)\n`);
process.exit(errors ? 1 : 0);
