/** The Go text/template subset ApplicationSets use: table tests of output as Go's text/template + Sprig prints it. */
import { describe, expect, it } from 'vitest';
import { missingKeyOf, renderGoTemplate } from '../../../src/discover/appset/go-template/exec.js';

const DATA = {
  path: { path: 'apps/web/overlays/dev', basename: 'dev', basenameNormalized: 'dev', segments: ['apps', 'web', 'overlays', 'dev'] },
  name: 'Web_App',
  replicas: 3,
  big: 1000000,
  half: 0.5,
  empty: '',
  labels: { team: 'a', env: 'dev' },
  list: [],
};

describe('renderGoTemplate', () => {
  it.each([
    ['{{.path.basename}}', 'dev'],
    ['{{ index .path.segments 1 }}', 'web'],
    ['{{ .path.path | upper }}', 'APPS/WEB/OVERLAYS/DEV'],
    ['{{ .missing }}', '<no value>'],
    ['{{ .replicas }} {{ .big }} {{ .half }}', '3 1e+06 0.5'],
    ['{{ normalize .name }}', 'web-app'],
    ['{{ .name | lower | trunc 3 }}', 'web'],
    ['{{ default "x" .empty }}|{{ default "x" .name }}', 'x|Web_App'],
    ['{{- if eq .path.basename "dev" }} yes {{- else }} no {{- end -}} !', ' yes!'],
    ['{{ if .list }}full{{ else if .labels }}labels{{ else }}none{{ end }}', 'labels'],
    ['{{ range $i, $s := .path.segments }}{{ $i }}={{ $s }};{{ end }}', '0=apps;1=web;2=overlays;3=dev;'],
    ['{{ range $k, $v := .labels }}{{ $k }}:{{ $v }} {{ end }}', 'env:dev team:a '],
    ['{{ range .list }}x{{ else }}empty{{ end }}', 'empty'],
    ['{{ with .labels }}{{ .team }}{{ end }}', 'a'],
    ['{{ $x := .path.basename }}{{ $x }}-{{ $.name }}', 'dev-Web_App'],
    ['{{ .labels }}', 'map[env:dev team:a]'],
    ['{{ printf "%s-%d" .path.basename (len .path.segments) }}', 'dev-4'],
    ['{{ .path.segments | toJson }}', '["apps","web","overlays","dev"]'],
    ['{{/* a comment */}}x', 'x'],
    ['{{ replace "_" "-" .name | lower }}', 'web-app'],
    ['{{ (index .path.segments 0) }}/{{ len .labels }}', 'apps/2'],
    ['{{ ternary "on" "off" (hasPrefix "apps/" .path.path) }}', 'on'],
    ['{{ regexReplaceAll "[aeiou]" .path.path "" }}', 'pps/wb/vrlys/dv'],
    ['{{ .path.segments | last }} {{ list 1 2 | join "," }}', 'dev 1,2'],
    ['{{ toYaml .labels | trim }}', 'env: dev\nteam: a'],
    ['{{ slugify "Hello World App" }}', 'hello-world-app'],
    // The updater's own templates inside an ApplicationSet (git-branch) are escaped this way in Argo CD's docs.
    ['main:image-updater-{{ "{{" }}.SHA256{{ "}}" }}', 'main:image-updater-{{.SHA256}}'],
    ['{{ `raw {{ text }}` }}', 'raw {{ text }}'],
  ])('%s', (template, expected) => {
    expect(renderGoTemplate(template, DATA)).toBe(expected);
  });

  it('missingkey=error fails on a missing key, naming it', () => {
    expect(() => renderGoTemplate('{{ .nope }}', DATA, { missingKey: 'error' })).toThrow('map has no entry for key "nope"');
    expect(renderGoTemplate('{{ .name }}', DATA, { missingKey: 'error' })).toBe('Web_App');
  });

  it('refuses what it does not implement, naming it: unknown functions, define/template, functions that read the clock or the environment', () => {
    expect(() => renderGoTemplate('{{ .name | shout }}', DATA)).toThrow('function "shout" not defined');
    expect(() => renderGoTemplate('{{ now }}', DATA)).toThrow('function "now" not defined');
    expect(() => renderGoTemplate('{{ env "HOME" }}', DATA)).toThrow('function "env" not defined');
    expect(() => renderGoTemplate('{{ define "x" }}y{{ end }}', DATA)).toThrow('{{define}} is not supported');
    expect(() => renderGoTemplate('{{ if .name }}x', DATA)).toThrow('missing {{end}}');
    expect(() => renderGoTemplate('{{ .name ', DATA)).toThrow('unclosed action');
  });

  it('keeps Go typing rules: comparing a number parameter with an int literal is an error, as in Go', () => {
    expect(() => renderGoTemplate('{{ eq .replicas 3 }}', DATA)).toThrow('incompatible types for comparison');
    expect(renderGoTemplate('{{ eq .replicas 3.0 }}', DATA)).toBe('true');
  });

  it('missingKeyOf reads goTemplateOptions and refuses unknown options', () => {
    expect(missingKeyOf(['missingkey=error'])).toBe('error');
    expect(missingKeyOf([])).toBe('default');
    expect(() => missingKeyOf(['strict'])).toThrow('unrecognized goTemplateOptions entry "strict"');
  });
});
