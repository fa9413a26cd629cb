// How every Playwright test and browser benchmark of stdviz launches Chromium: Debian's
// /usr/bin/chromium (or $CHROMIUM), headless, with nothing that talks to the network on
// its own (see ../shared TOOLCHAIN facts: `npx playwright install` cannot download here).

/** Options for `chromium.launch()`. */
export const LAUNCH = {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
  ],
};
