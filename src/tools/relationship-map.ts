// Draws a guide's character relationship map as SVG (figures/relationship-map.svg) from its characters (story) and figures/relationship-map.yaml.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { openFont } from '../font-files.js';
import { loadTheme } from '../theme.js';
import { PACKAGE_ROOT } from '../prepare.js';

const mapSchema = z.strictObject({
  width: z.number().positive(),
  height: z.number().positive(),
  people: z.record(z.string(), z.strictObject({ at: z.tuple([z.number(), z.number()]) })),
  links: z.array(z.strictObject({ between: z.tuple([z.string(), z.string()]), label: z.string().min(1), source: z.string().min(1) })).min(1),
});
type MapData = z.infer<typeof mapSchema>;

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Sizes in drawing units: printed across A4’s 459-point text width, 820 units make labels about 8.4 points (6 in the A5 booklet). */
const NAME_SIZE = 18;
const ACTOR_SIZE = 14.5;
const LABEL_SIZE = 15;
const PAD = 10;
const FONT = "'PT Sans', 'Helvetica Neue', Arial, sans-serif";
const FALLBACK_WIDTH = 1.15;

/** The story's characters, from whichever of the guide's files sets them. */
function characters(guideDir: string): Map<string, string> {
  for (const file of readdirSync(guideDir).filter((f) => f.endsWith('.yaml')).sort()) {
    const data = parse(readFileSync(path.join(guideDir, file), 'utf8')) as { characters?: { name: string; actor: string }[] } | null;
    if (data?.characters) return new Map(data.characters.map((c) => [c.name, c.actor]));
  }
  throw new Error(`no "characters:" in any .yaml file of ${guideDir}`);
}

export function drawRelationshipMap(guideDir: string): string {
  const map = mapSchema.parse(parse(readFileSync(path.join(guideDir, 'figures', 'relationship-map.yaml'), 'utf8')));
  const cast = characters(guideDir);
  const theme = loadTheme(path.join(PACKAGE_ROOT, 'templates', 'theme.yaml'));
  const regular = openFont(theme.fonts.sans.regular);
  const bold = openFont(theme.fonts.sans.bold);
  // An SVG shown as a picture in a browser or e-reader cannot use the page's fonts: its words fall back to
  // the reader's sans serif (Arial, Liberation Sans), about a seventh wider than PT Sans. Boxes leave room for that.
  const width = (font: typeof regular, text: string, size: number) => (font.layout(text).advanceWidth / font.unitsPerEm) * size * FALLBACK_WIDTH;
  const boxes = new Map<string, Rect & { actor: string }>();
  for (const [name, { at }] of Object.entries(map.people)) {
    const actor = cast.get(name);
    if (!actor) throw new Error(`"${name}" is not one of the characters in the story (${[...cast.keys()].join(', ')})`);
    const w = Math.max(width(bold, name, NAME_SIZE), width(regular, actor, ACTOR_SIZE)) + 2 * PAD;
    const h = NAME_SIZE + ACTOR_SIZE + 2 * PAD + 4;
    boxes.set(name, { x: at[0] - w / 2, y: at[1] - h / 2, width: w, height: h, actor });
  }
  const lines: string[] = [];
  const labels: string[] = [];
  const placed: Rect[] = [...boxes.values()];
  for (const link of map.links) {
    const [a, b] = link.between.map((name) => boxes.get(name) ?? fail(`the link "${link.label}" names "${name}", who has no place under people`));
    const [start, end] = [edgePoint(a!, b!), edgePoint(b!, a!)];
    lines.push(`<line x1="${n(start.x)}" y1="${n(start.y)}" x2="${n(end.x)}" y2="${n(end.y)}"/>`);
    const text = wrap(link.label, (s) => width(regular, s, LABEL_SIZE), 230);
    const w = Math.max(...text.map((s) => width(regular, s, LABEL_SIZE))) + 8;
    const h = text.length * LABEL_SIZE * 1.2 + 4;
    const centre = { x: (start.x + end.x) / 2, y: (start.y + end.y) / 2 };
    const box = { x: centre.x - w / 2, y: centre.y - h / 2, width: w, height: h };
    const clash = placed.find((other) => overlaps(box, other));
    if (clash) fail(`the label "${link.label}" overlaps another box or label; move the people it joins further apart`);
    placed.push(box);
    const tspans = text.map((s, i) => `<tspan x="${n(centre.x)}" y="${n(box.y + 2 + LABEL_SIZE * (i * 1.2 + 0.95))}">${escape(s)}</tspan>`).join('');
    labels.push(`<rect x="${n(box.x)}" y="${n(box.y)}" width="${n(w)}" height="${n(h)}" rx="3" fill="#ffffff" stroke="none"/><text>${tspans}</text>`);
  }
  const c = theme.colours;
  const people = [...boxes].map(([name, r]) =>
    [
      `<rect x="${n(r.x)}" y="${n(r.y)}" width="${n(r.width)}" height="${n(r.height)}" rx="6" ${PERSON(c)}/>`,
      `<text x="${n(r.x + r.width / 2)}" y="${n(r.y + PAD + NAME_SIZE * 0.85)}" font-size="${NAME_SIZE}" font-weight="bold" fill="${c.heading}">${escape(name)}</text>`,
      `<text x="${n(r.x + r.width / 2)}" y="${n(r.y + PAD + NAME_SIZE + 4 + ACTOR_SIZE * 0.85)}" font-size="${ACTOR_SIZE}" fill="${c.muted}">${escape(r.actor)}</text>`,
    ].join('\n'),
  );
  return svgDocument(map, c, { lines, labels, people });
}

type Colours = { text: string; muted: string; heading: string; accent: string; callout_background: string };

/**
 * Presentation attributes, not a stylesheet: every reader of SVG (browsers, resvg, svg-to-pdfkit, Word,
 * LibreOffice) applies them alike, where CSS in an SVG is read by some and not others.
 */
function svgDocument(map: MapData, colours: Colours, parts: { lines: string[]; labels: string[]; people: string[] }): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<!-- Made by src/tools/relationship-map.ts from figures/relationship-map.yaml and the story's characters: edit those, not this. -->`,
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${map.width} ${map.height}" width="${map.width}" height="${map.height}">`,
    '<title>Who is who at the start of the film</title>',
    `<g stroke="${colours.accent}" stroke-width="2">`,
    ...parts.lines,
    '</g>',
    `<g font-family="${FONT}" text-anchor="middle" font-size="${LABEL_SIZE}" fill="${colours.text}">`,
    ...parts.labels,
    '</g>',
    `<g font-family="${FONT}" text-anchor="middle">`,
    ...parts.people,
    '</g>',
    '</svg>',
    '',
  ].join('\n');
}

const PERSON = (c: Colours) => `fill="${c.callout_background}" stroke="${c.heading}" stroke-width="1.5"`;

/** Where the line from the centre of `from` towards the centre of `to` leaves `from`'s box. */
function edgePoint(from: Rect, to: Rect): { x: number; y: number } {
  const c = { x: from.x + from.width / 2, y: from.y + from.height / 2 };
  const d = { x: to.x + to.width / 2 - c.x, y: to.y + to.height / 2 - c.y };
  const scale = Math.min(Math.abs(from.width / 2 / (d.x || 1e-9)), Math.abs(from.height / 2 / (d.y || 1e-9)));
  return { x: c.x + d.x * scale, y: c.y + d.y * scale };
}

/** The label's own line breaks ("\\n" in the YAML), then greedy breaking: as many words on a line as fit in `max` units. */
function wrap(text: string, measure: (s: string) => number, max: number): string[] {
  return text.split('\n').flatMap((line) => wrapLine(line.trim(), measure, max));
}

function wrapLine(text: string, measure: (s: string) => number, max: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines[lines.length - 1];
    if (last !== undefined && measure(`${last} ${word}`) <= max) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const n = (value: number) => String(Math.round(value * 10) / 10);
const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
function fail(message: string): never {
  throw new Error(message);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const guideDir = path.resolve(process.argv[2] ?? path.join(PACKAGE_ROOT, 'content', 'beanpole'));
  const file = path.join(guideDir, 'figures', 'relationship-map.svg');
  writeFileSync(file, drawRelationshipMap(guideDir));
  process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
}
