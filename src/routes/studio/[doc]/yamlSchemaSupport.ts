// Completion and hover help from our JSON schema (static/schema/<kind>.schema.json) in the YAML
// editor, through codemirror-json-schema. Loaded lazily by YamlEditor.svelte once the editor is up:
// the library brings markdown-it (and shiki) with it, which the editor itself does not need.
// Its schema validation is left out on purpose: the checker's diagnostics already cover it.
import type { Extension } from '@codemirror/state';
import { hoverTooltip } from '@codemirror/view';
import { yamlLanguage } from '@codemirror/lang-yaml';
import { stateExtensions } from 'codemirror-json-schema';
import { yamlCompletion, yamlSchemaHover } from 'codemirror-json-schema/yaml';

/** Hover help built as text (never HTML): the field's description, then its type. */
function formatHover(hoverType: (type: string) => string) {
	return ({ message, typeInfo }: { message: string; typeInfo: string }): HTMLElement => {
		const box = document.createElement('div');
		box.className = 'cc-schema-hover';
		if (message) {
			const p = document.createElement('p');
			p.textContent = message;
			box.append(p);
		}
		// The library writes markdown such as "string`pattern`: ^[a-z]$" or "`enum`: `a`, `b`": keep the words, drop the marks.
		const type = typeInfo
			.replace(/([^\s`])`(?=[a-z]+`:)/g, '$1，')
			.replace(/`/g, '')
			.trim();
		if (type) {
			const p = document.createElement('p');
			p.className = 'cc-schema-hover-type';
			p.textContent = hoverType(type);
			box.append(p);
		}
		return box;
	};
}

export function schemaExtensions(schema: unknown, hoverType: (type: string) => string): Extension {
	return [
		yamlLanguage.data.of({ autocomplete: yamlCompletion() }),
		hoverTooltip(yamlSchemaHover({ formatHover: formatHover(hoverType) })),
		stateExtensions(schema as Parameters<typeof stateExtensions>[0])
	];
}
