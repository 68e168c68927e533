// Protects legibility: every text colour in the theme meets WCAG contrast 4.5:1 on every background it is set on.
import { describe, expect, it } from 'vitest';
import { theme } from './helpers.js';

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

describe('theme colours', () => {
  const { colours } = theme;
  const backgrounds = { page: '#ffffff', callout: colours.callout_background, guidance: colours.guidance_background };
  const texts = { text: colours.text, heading: colours.heading, muted: colours.muted, accent: colours.accent };

  for (const [textName, text] of Object.entries(texts)) {
    for (const [backgroundName, background] of Object.entries(backgrounds)) {
      it(`${textName} on the ${backgroundName} background reaches 4.5:1`, () => {
        expect(contrast(text, background)).toBeGreaterThanOrEqual(4.5);
      });
    }
  }
});
