// A stand-in for codemirror-json-schema's `utils/markdown` module (markdown-it plus shiki, which it
// starts loading the moment it is imported: about 100 KB gzipped of script on /studio, and a
// JavaScript grammar and two themes fetched for nothing). Our schema's descriptions are plain text,
// so this renders them as escaped text: what the library then puts in innerHTML can hold no markup.
// It takes effect only where the build resolves that module here (vite.config.ts, see the report of
// issue 11's YAML editor); until then the library's own module is used.

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Same signature as the library's renderMarkdown: the text, escaped for innerHTML, backtick marks dropped. */
export function renderMarkdown(markdown: string, _inline = true): string {
	return String(markdown)
		.replace(/`([^`]*)`/g, '$1')
		.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}
