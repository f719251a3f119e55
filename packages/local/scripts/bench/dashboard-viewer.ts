/**
 * The dashboard bench's viewer, in its own process so that driving the browser never delays the
 * load generator's clock: Chromium (headless, playwright-core) opens `<url>/dashboard`, signs in
 * with the admin key read from stdin, waits until the call-start chart has points, prints
 * `ready`, and keeps the page open and polling until stdin closes; then it prints the paths the
 * page requested meanwhile as one JSON line and exits.
 */
import { launchChromium, signIn } from '../../testing/dashboard-browser';

const url = process.argv[2];
if (!url) throw new Error('usage: dashboard-viewer <runtime url> (admin key on stdin)');
let input = '';
process.stdin.setEncoding('utf8');
const key = await new Promise<string>((resolve) => {
  const onData = (chunk: string) => {
    input += chunk;
    const newline = input.indexOf('\n');
    if (newline >= 0) {
      process.stdin.off('data', onData);
      resolve(input.slice(0, newline).trim());
    }
  };
  process.stdin.on('data', onData);
});

const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  await signIn(page, url, key);
  // Signed in and drawing (a locator: the page's CSP forbids the eval a string predicate needs).
  await page.locator('#chart-conversation-start[data-points]:not([data-points="0"])').waitFor({ timeout: 60_000 });
  const requested = new Map<string, number>();
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    requested.set(path, (requested.get(path) ?? 0) + 1);
  });
  console.log('ready');
  await new Promise<void>((resolve) => {
    process.stdin.on('end', () => resolve());
    process.stdin.resume();
  });
  console.log(JSON.stringify(Object.fromEntries(requested)));
} finally {
  await browser.close();
}
