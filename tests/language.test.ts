// Foreign runs in the composed tree get their language, and right-to-left ones their direction, for readers, voices and fonts.
import { describe, expect, it } from 'vitest';
import { markForeignScripts } from '../src/compose/language.js';
import { parseXhtml, serialize } from '../src/compose/tree.js';
import { declaredScriptLanguages } from '../src/text/scripts.js';

function marked(body: string, declared: string[] = []): string {
  const root = parseXhtml(`<html xmlns="http://www.w3.org/1999/xhtml" lang="en-GB"><head><title>Т</title></head><body>${body}</body></html>`);
  markForeignScripts(root, { scriptLanguages: declaredScriptLanguages(declared) });
  const html = serialize(root);
  return html.slice(html.indexOf('<body>') + 6, html.indexOf('</body>'));
}

const span = (lang: string, text: string, dir = '') => `<span lang="${lang}" xml:lang="${lang}"${dir ? ` dir="${dir}"` : ''}>${text}</span>`;

describe('marking foreign runs by script', () => {
  it('marks Cyrillic as Russian, as before, and leaves the title alone', () => {
    expect(marked('<p>Beanpole (Дылда, 2019)</p>')).toBe(`<p>Beanpole (${span('ru', 'Дылда')}, 2019)</p>`);
  });

  it.each([
    ['Japanese by its kana', '千と千尋の神隠し', 'ja', ''],
    ['Korean', '기생충', 'ko', ''],
    ['Chinese Han with no kana', '霸王别姬', 'zh', ''],
    ['Arabic, right to left', 'وجدة', 'ar', 'rtl'],
    ['Hebrew, right to left', 'הערת שוליים', 'he', 'rtl'],
    ['Hindi', 'लगान', 'hi', ''],
    ['Greek', 'Κυνόδοντας', 'el', ''],
  ])('marks %s', (_, text, lang, dir) => {
    expect(marked(`<p>The film ${text} (2001).</p>`)).toBe(`<p>The film ${span(lang, text, dir)} (2001).</p>`);
  });

  it('uses what the guide declares: Arabic letters in a Persian guide are Persian, Han in a Japanese guide Japanese', () => {
    expect(marked('<p>Before نوروز begins</p>', ['fa'])).toBe(`<p>Before ${span('fa', 'نوروز', 'rtl')} begins</p>`);
    expect(marked('<p>A girl called 灯 waits.</p>', ['ja'])).toBe(`<p>A girl called ${span('ja', '灯')} waits.</p>`);
    expect(marked('<p>In 红色的风筝, a kite</p>', ['zh-Hans'])).toBe(`<p>In ${span('zh-Hans', '红色的风筝')}, a kite</p>`);
  });

  it('keeps a declared language and adds the direction it needs', () => {
    expect(marked('<p><span lang="fa" xml:lang="fa">باغ انار</span> (<em>Bāgh-e anār</em>)</p>')).toBe(`<p>${span('fa', 'باغ انار', 'rtl')} (<em>Bāgh-e anār</em>)</p>`);
    expect(marked('<p><span lang="ja-Latn" xml:lang="ja-Latn">Kami no tōrō</span></p>')).toBe(`<p>${span('ja-Latn', 'Kami no tōrō')}</p>`);
  });

  it('keeps a Japanese run whole across its punctuation', () => {
    expect(marked('<p>the festival of 「お盆」 in summer</p>')).toBe(`<p>the festival of 「${span('ja', 'お盆')}」 in summer</p>`);
  });
});
