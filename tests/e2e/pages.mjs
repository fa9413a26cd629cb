// Helpers the page tests share.
import assert from 'node:assert/strict';

/** Whether `url` is Chromium's own implicit /favicon.ico request. */
function browserFavicon(url) {
  try {
    return new URL(url).pathname === '/favicon.ico';
  } catch {
    return false;
  }
}

/**
 * A fresh context of `browser` and a page in it that records console errors, uncaught
 * errors, failed requests and HTTP errors in `problems`. Only 127.0.0.1 traffic is
 * allowed; anything else is aborted and recorded.
 */
export async function openPage(browser, contextOptions) {
  const context = await browser.newContext(contextOptions);
  const problems = [];
  await context.route(
    (url) => url.hostname !== '127.0.0.1',
    (route) => {
      problems.push(`blocked off-host request ${route.request().url()}`);
      return route.abort();
    },
  );
  const page = await context.newPage();
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    // Chromium's own implicit /favicon.ico request (the page links no icon) is not a page
    // request: Playwright sees no request or response for it, only this console line, and
    // only on some loads. An icon the page does link would still fail via 'response'.
    if (browserFavicon(msg.location()?.url)) return;
    problems.push(`console.error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`uncaught: ${err.message}`));
  page.on('requestfailed', (req) =>
    problems.push(`request failed: ${req.url()} (${req.failure()?.errorText})`),
  );
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()} for ${res.url()}`);
  });
  return { context, page, problems };
}

/**
 * Asserts that `page` links to `pathname` (e.g. '/gallery.html') and that every link on
 * it (without its fragment) answers 200 from the test server.
 */
export async function assertLinksAnswer(page, pathname) {
  const links = await page.$$eval('a[href]', (as) => as.map((a) => a.href));
  assert.ok(links.some((h) => new URL(h).pathname === pathname), `a link to ${pathname} among ${links.join(', ')}`);
  for (const href of new Set(links.map((h) => h.split('#')[0]))) {
    const res = await page.request.get(href);
    assert.equal(res.status(), 200, `${href} answers ${res.status()}`);
  }
}

/** Dispatches a drop of a file (`bytes`, named `name`) on the explorer's drop zone. */
export async function dropFile(page, name, bytes) {
  const dt = await page.evaluateHandle(
    ({ name, b64 }) => {
      const bin = atob(b64);
      const u = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) u[i] = bin.charCodeAt(i);
      const dt = new DataTransfer();
      dt.items.add(new File([u], name));
      return dt;
    },
    { name, b64: Buffer.from(bytes).toString('base64') },
  );
  await page.dispatchEvent('#drop', 'drop', { dataTransfer: dt });
}
