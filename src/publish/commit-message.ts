/**
 * Commit messages from argocd-image-updater's template language: a Go text/template subset with
 * `{{.AppName}}`, `{{range .AppChanges}}` ... `{{.Image}}` `{{.OldTag}}` `{{.NewTag}}` ... `{{end}}` and
 * the `{{-`/`-}}` trim markers. Default text and fallback are the updater's (ARGOCD-IMAGE-UPDATER.md §1.5).
 */
import { tryParseImageRef } from '../resolve/image-ref.js';
import type { ImageChange } from './types.js';

/** DEFAULT_COMMIT_TEMPLATE is the updater's default `git.commit-message-template`. */
export const DEFAULT_COMMIT_TEMPLATE = `build: automatic update of {{ .AppName }}

{{ range .AppChanges -}}
updates image {{ .Image }} tag '{{ .OldTag }}' to '{{ .NewTag }}'
{{ end -}}
`;

/** TemplateData is the data the updater passes to its template. */
export interface TemplateData {
  AppName: string;
  AppChanges: { Image: string; OldTag: string; NewTag: string }[];
  Labels?: Record<string, string>;
}

type Node = { text: string } | { field: string[] } | { range: string[]; body: Node[] };

/** TemplateError is a template the subset cannot parse or render. */
export class TemplateError extends Error {}

function tokenize(template: string): (string | { action: string })[] {
  const out: (string | { action: string })[] = [];
  const re = /\{\{(-\s)?\s*(.*?)\s*(\s-)?\}\}/gs;
  let last = 0;
  let trimNext = false;
  for (const m of template.matchAll(re)) {
    let text = template.slice(last, m.index);
    if (trimNext) text = text.replace(/^\s+/, '');
    if (m[1]) text = text.replace(/\s+$/, '');
    out.push(text, { action: m[2]! });
    trimNext = Boolean(m[3]);
    last = m.index + m[0].length;
  }
  const tail = template.slice(last);
  out.push(trimNext ? tail.replace(/^\s+/, '') : tail);
  return out;
}

function fieldPath(expr: string): string[] {
  if (!/^(\.[A-Za-z_][A-Za-z0-9_]*)+$/.test(expr)) throw new TemplateError(`unsupported template expression: ${expr}`);
  return expr.slice(1).split('.');
}

/** parseTemplate parses the subset into nodes; anything else is a TemplateError. */
export function parseTemplate(template: string): Node[] {
  const root: Node[] = [];
  const stack: Node[][] = [root];
  for (const token of tokenize(template)) {
    const top = stack.at(-1)!;
    if (typeof token === 'string') {
      if (token) top.push({ text: token });
    } else if (token.action === 'end') {
      if (stack.length === 1) throw new TemplateError('unexpected {{end}}');
      stack.pop();
    } else if (token.action.startsWith('range ')) {
      const node = { range: fieldPath(token.action.slice(6).trim()), body: [] as Node[] };
      top.push(node);
      stack.push(node.body);
    } else {
      top.push({ field: fieldPath(token.action) });
    }
  }
  if (stack.length !== 1) throw new TemplateError('missing {{end}}');
  return root;
}

function lookup(dot: unknown, path: string[]): unknown {
  return path.reduce<unknown>((v, key) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), dot);
}

function renderNodes(nodes: Node[], dot: unknown): string {
  return nodes
    .map((n) => {
      if ('text' in n) return n.text;
      const value = lookup(dot, 'field' in n ? n.field : n.range);
      if ('field' in n) return value === undefined || value === null ? '' : String(value);
      if (!Array.isArray(value)) throw new TemplateError(`range over a non-list: .${n.range.join('.')}`);
      return value.map((item) => renderNodes(n.body, item)).join('');
    })
    .join('');
}

/** renderTemplate renders a template with the data; throws TemplateError when outside the subset. */
export function renderTemplate(template: string, data: TemplateData): string {
  return renderNodes(parseTemplate(template), data);
}

/** templateData builds the updater's template data for one Application's changes. */
export function templateData(application: string, changes: ImageChange[]): TemplateData {
  return {
    AppName: application,
    AppChanges: changes.map((c) => ({
      // The updater's .Image is the repository without the registry host (jannfis/foobar).
      Image: tryParseImageRef(c.image)?.repository ?? c.image,
      // .OldTag/.NewTag hold the digest when the strategy tracks digests.
      OldTag: c.from ?? '',
      NewTag: c.strategy === 'digest' && c.digest ? c.digest : c.to,
    })),
    Labels: changes.at(-1)?.labels,
  };
}

/**
 * commitMessage renders the message for a set of changes: one rendering per Application (the
 * updater's template is per Application); several Applications get a summary line first.
 * A render error falls back to the updater's `build: update of application <app>`.
 */
export function commitMessage(changes: ImageChange[], template = DEFAULT_COMMIT_TEMPLATE): string {
  // Copies of one Application (one folder per cluster) are told apart by their report label; AppName stays the name.
  const nameOf = (c: ImageChange) => c.label ?? c.application;
  const apps = [...new Set(changes.map(nameOf))];
  const parts = apps.map((app) => {
    const own = changes.filter((c) => nameOf(c) === app);
    try {
      return renderTemplate(template, templateData(own[0]!.application, own)).trim();
    } catch {
      return `build: update of application ${app}`;
    }
  });
  if (parts.length === 1) return `${parts[0]}\n`;
  return `build: automatic update of ${apps.length} applications\n\n${parts.join('\n\n')}\n`;
}
