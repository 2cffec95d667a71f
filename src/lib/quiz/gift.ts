// Moodle GIFT import and export (docs/quiz-format.md, "GIFT"). Reading follows Moodle's own
// importer (question/format/gift/format.php): questions are separated by blank lines, `//` lines
// are comments, `::name::` names a question, `[html]`-style prefixes set a text's markup, and the
// answer block decides the type. What our format cannot hold is reported with its line, never
// dropped silently. What GIFT has no place for (codes, topics, points, scoring, ids) travels in a
// `// cc:` comment line just before the question, which Moodle ignores.
//
// The code: gift-text.ts (escapes, markup, the cc line) → gift-import.ts (+ gift-answers.ts, one
// answer block) and gift-export.ts; quiz-yaml.ts prints an imported quiz as a file.
export { escapeGift } from './gift-text';
export { importGift, type GiftImport, type GiftImportOptions } from './gift-import';
export { exportGift, type GiftExport } from './gift-export';
export { quizToYaml } from './quiz-yaml';
