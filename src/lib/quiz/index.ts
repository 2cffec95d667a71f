// The quiz module's public API (docs/quiz-format.md). Framework-free: no Svelte, SvelteKit or
// Supabase. Reading files from disk is in './files' (node only), not re-exported here.
//
// How an attempt flows, all on the server except showing the view:
//   const { quiz } = compileQuiz(file, yamlText);          // or checkQuizFile(path) from './files'
//   a question bank (quiz.draw) first: ids = drawQuestions(quiz, random), stored; quiz = drawQuiz(quiz, ids)
//   const shown = shuffleQuiz(quiz, seed);                 // seed kept with the attempt (a retake: a new seed)
//   send redactQuiz(shown) to the browser                  // no answers, feedback or explanations
//   answers come back: { [questionId]: index | indexes | boolean | text | null }, indexes into the view
//   const result = gradeQuiz(shuffleQuiz(quiz, seed), answers, { rules });  // throws AnswersError on bad input
//
// Listen questions (听声辨情): listenClipSpecs(quiz) → the { text, stage } clips the voice generator
// makes (src/lib/voice/clip-name.ts names them); './listen' is browser-safe.
//
// GIFT (Moodle): importGift(text, { file }) → { quiz, diagnostics } (print with quizToYaml, or
// compile), exportGift(compiledQuiz) → { text, messages } for what GIFT cannot hold.
//
// Compiling imports node:crypto (the version hash) and yaml: keep it on the server. Browser code
// imports types from here, and nothing else is needed there: the view is plain JSON.

export { compileQuiz, compileQuizFile, compileQuizLocated, type QuizCompileResult } from './compiler';
export { QUESTION_TYPES, MULTIPLE_SCORING, LISTEN_ASKS, QUIZ_LIMITS, quizSchema, questionSchema, quizJsonSchema, type QuizFile, type QuizFileInput, type QuestionFile, type QuestionFileInput } from './schema';
export { shuffleQuiz, seededRandom, permutation } from './shuffle';
export { redactQuiz } from './view';
export { drawQuestions, drawQuiz, drawSize, pools, poolOf } from './draw';
export { lintQuiz, lintDiagnostics, LINT_LIMITS, type LintFinding } from './lint';
export { gradeQuiz, checkAnswers, answersSchema, AnswersError, bandFor, type GradeOptions } from './grade';
export { normalizeAnswer } from './normalize';
export { listenClipSpecs, clipSources, clipTranscript, stageOptions } from './listen';
export { importGift, exportGift, quizToYaml, escapeGift, type GiftImport, type GiftImportOptions, type GiftExport } from './gift';
export type * from './types';
