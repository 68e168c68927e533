// Puppeteer comes with Ace (npm run verify), which drives Debian's chromium; never download a browser at install.
module.exports = { skipDownload: true };
