// The shape of one font in the fallback chain, as the theme (fallback_fonts) and a guide (fonts) write it.
import { z } from 'zod';

// Every script name the Unicode Character Database gives (as unicode-properties returns them), so a typo is caught.
const SCRIPT_NAMES = new Set(
  `Adlam Ahom Anatolian_Hieroglyphs Arabic Armenian Avestan Balinese Bamum Bassa_Vah Batak Bengali Bhaiksuki Bopomofo
  Brahmi Braille Buginese Buhid Canadian_Aboriginal Carian Caucasian_Albanian Chakma Cham Cherokee Common Coptic
  Cuneiform Cypriot Cyrillic Deseret Devanagari Dogra Duployan Egyptian_Hieroglyphs Elbasan Elymaic Ethiopic Georgian
  Glagolitic Gothic Grantha Greek Gujarati Gunjala_Gondi Gurmukhi Han Hangul Hanifi_Rohingya Hanunoo Hatran Hebrew
  Hiragana Imperial_Aramaic Inherited Inscriptional_Pahlavi Inscriptional_Parthian Javanese Kaithi Kannada Katakana
  Kayah_Li Kharoshthi Khmer Khojki Khudawadi Lao Latin Lepcha Limbu Linear_A Linear_B Lisu Lycian Lydian Mahajani
  Makasar Malayalam Mandaic Manichaean Marchen Masaram_Gondi Medefaidrin Meetei_Mayek Mende_Kikakui Meroitic_Cursive
  Meroitic_Hieroglyphs Miao Modi Mongolian Mro Multani Myanmar Nabataean Nandinagari New_Tai_Lue Newa Nko Nushu
  Nyiakeng_Puachue_Hmong Ogham Ol_Chiki Old_Hungarian Old_Italic Old_North_Arabian Old_Permic Old_Persian Old_Sogdian
  Old_South_Arabian Old_Turkic Oriya Osage Osmanya Pahawh_Hmong Palmyrene Pau_Cin_Hau Phags_Pa Phoenician
  Psalter_Pahlavi Rejang Runic Samaritan Saurashtra Sharada Shavian Siddham SignWriting Sinhala Sogdian Sora_Sompeng
  Soyombo Sundanese Syloti_Nagri Syriac Tagalog Tagbanwa Tai_Le Tai_Tham Tai_Viet Takri Tamil Tangut Telugu Thaana
  Thai Tibetan Tifinagh Tirhuta Ugaritic Vai Wancho Warang_Citi Yi Zanabazar_Square`.split(/\s+/),
);

const fontFile = z
  .string()
  .min(1)
  .describe('A .ttf or .otf file: "<npm package>/<file>", or a path starting ./ inside the guide or project folder');

export const fallbackFontSchema = z.strictObject({
  name: z.string().min(1).describe('The font’s name, as error messages and the stylesheets give it, e.g. "Noto Sans JP"'),
  for: z.enum(['serif', 'sans']).optional().describe('Use it only in place of the serif (body) or the sans (headings) face; both when absent'),
  scripts: z
    .array(z.string().refine((name) => SCRIPT_NAMES.has(name), 'must be a Unicode script name such as "Latin", "Arabic", "Han" or "Hiragana"'))
    .min(1)
    .optional()
    .describe('The scripts it is for; the chain opens it for no other letters (punctuation and digits excepted). All scripts when absent'),
  lang: z
    .array(z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as "ja" or "zh-Hant"'))
    .min(1)
    .optional()
    .describe('Languages it is preferred for, e.g. [ja]: Han characters in Japanese text take the Japanese face'),
  files: z
    .strictObject({ regular: fontFile, italic: fontFile.optional(), bold: fontFile.optional(), bold_italic: fontFile.optional() })
    .describe('The faces; a missing italic or bold uses the nearest face there is (upright, regular)'),
});

export type FallbackFont = z.infer<typeof fallbackFontSchema>;
