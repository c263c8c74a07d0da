/** Sprig's snakecase, kebabcase and camelcase: the outputs huandu/xstrings gives (its own test table). */
import { describe, expect, it } from 'vitest';
import { lowerCase } from '../../../src/discover/appset/go-template/case.js';
import { renderGoTemplate } from '../../../src/discover/appset/go-template/exec.js';

describe('snakecase / kebabcase (xstrings.ToSnakeCase / ToKebabCase)', () => {
  it.each([
    ['HTTPServer', 'http_server'],
    ['_camelCase', '_camel_case'],
    ['NoHTTPS', 'no_https'],
    ['Wi_thF', 'wi_th_f'],
    ['_AnotherTES_TCaseP', '_another_tes_t_case_p'],
    ['ALL', 'all'],
    ['_HELLO_WORLD_', '_hello_world_'],
    ['HELLO_WORLD', 'hello_world'],
    ['HELLO____WORLD', 'hello____world'],
    ['TW', 'tw'],
    ['_C', '_c'],
    ['http2xx', 'http_2xx'],
    ['HTTP2XX', 'http2_xx'],
    ['HTTP20xOK', 'http_20x_ok'],
    ['HTTP20xStatus', 'http_20x_status'],
    ['HTTP-20xStatus', 'http_20x_status'],
    ['a', 'a'],
    ['Duration2m3s', 'duration_2m3s'],
    ['Bld4Floor3rd', 'bld4_floor_3rd'],
    [' _-_ ', '_____'],
    ['a1b2c3d', 'a_1b2c3d'],
    ['A//B%%2c', 'a//b%%2c'],
    ['HTTP状态码404/502Error', 'http_状态码404/502_error'],
    ['中文(字符)', '中文(字符)'],
    ['混合ABCWords与123数字456', '混合_abc_words_与123_数字456'],
    ['  sentence case  ', '__sentence_case__'],
    [' Mixed-hyphen case _and SENTENCE_case and UPPER-case', '_mixed_hyphen_case__and_sentence_case_and_upper_case'],
    ['FROM CamelCase to snake/kebab-case', 'from_camel_case_to_snake/kebab_case'],
    ['', ''],
    ['Abc\uFFFDE\uFFFDf\uFFFDd\uFFFD2\uFFFD00z\uFFFDZZ\uFFFDZZ', 'abc_\uFFFDe\uFFFDf\uFFFDd_\uFFFD2\uFFFD00z_\uFFFDzz\uFFFDzz'],
    ['\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD', '\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD'],
    ['abc_123_def', 'abc_123_def'],
    ['ABC\uFFFDDef', 'abc_\uFFFDdef'],
    ['A1b', 'a_1b'],
    ['A.b', 'a.b'],
    ['X-1y', 'x_1y'],
    ['no_HTTPs', 'no_htt_ps'],
    ['ABcD', 'a_bc_d'],
    ['aBC', 'a_bc'],
    ['1\uFFFD', '1\uFFFD'],
    ['aB1\uFFFD', 'a_b1\uFFFD'],
    ['a©!b', 'a_©!b'],
    ['a© b', 'a_©_b'],
    ['Aǅ', 'aǅ'],
    ['a1-b', 'a1_b'],
    ['1a.b', '1a.b'],
  ])('bug fix: %o is %o', (s, want) => {
    expect(lowerCase(s, '_')).toBe(want);
    expect(lowerCase(s, '-')).toBe(want.replaceAll('_', '-'));
  });

  it.each([
    ['a一b', 'a_一_b'],
    ['a鿌b', 'a_鿌_b'],
    ['a鿍b', 'a鿍b'],
    ['a㐀b', 'a_㐀_b'],
    ['a䶅b', 'a_䶅_b'],
    ['a䶆b', 'a䶆b'],
    ['a𠀀b', 'a_𠀀_b'],
    ['a𫠝b', 'a_𫠝_b'],
    ['a𫠠b', 'a𫠠b'],
    ['a가b', 'a가b'],
    ['aÉb', 'a_éb'],
    ['a#b', 'a#b'],
    ['a+b', 'a_+_b'],
    ['a\u0085b', 'a_b'],
    ['a\u3000b', 'a_b'],
    ['a\ufeffb', 'a_\ufeff_b'],
    ['a¹b', 'a_¹b'],
  ])('%o is %o: CJK ideographs, symbols and U+FEFF are other characters, U+0085 and U+3000 connectors', (s, want) => {
    expect(lowerCase(s, '_')).toBe(want);
  });

  it('is what the template functions call', () => {
    expect(renderGoTemplate('{{ snakecase "HTTPServer" }} {{ kebabcase "NoHTTPS" }} {{ camelcase "http_server" }}', {})).toBe('http_server no-https HttpServer');
  });
});
