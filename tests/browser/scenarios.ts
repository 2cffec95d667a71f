// The scenarios the browser tests walk: every file in scenarios/, read with the real checker.
import { checkFile, scenarioFiles } from '../../src/lib/scenario/files';

export const checkedScenarios = scenarioFiles('scenarios').map((f) => checkFile(f));
