import { chromium } from 'playwright-core';
const [file, ...strings] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
await page.goto('file://' + file);
await page.evaluate(() => document.fonts.ready);
const cdp = await page.context().newCDPSession(page);
await cdp.send('DOM.enable'); await cdp.send('CSS.enable');
const count = await page.evaluate((strings) => {
  let n = 0;
  strings.forEach((s, i) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const hits = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) if (node.data.includes(s)) hits.push(node);
    for (const node of hits) {
      let at = node.data.indexOf(s);
      const rest = node.splitText(at); rest.splitText(s.length);
      const span = document.createElement('span'); span.dataset.probe = String(i);
      rest.replaceWith(span); span.append(rest); n++;
    }
  });
  return n;
}, strings);
console.log('probes', count);
const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
for (let i = 0; i < strings.length; i++) {
  const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: `[data-probe="${i}"]` });
  for (const nodeId of nodeIds) {
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    console.log(strings[i], JSON.stringify(fonts));
  }
}
await browser.close();
