// A check the page tests share: every link of a page answers 200.
import assert from 'node:assert/strict';

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
