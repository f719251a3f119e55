/** @requires-tool chromium */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFixture } from '@agentic-memory/fixtures';
import { waitForQueueDrain } from '@agentic-memory/function-kit/testing';
import { signElevenLabs } from '@agentic-memory/provider-adapters';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, type RuntimeProcess, signIn, startRuntimeProcess } from '../testing/dashboard-browser';
import { ROOT, runScript } from './run-script';

/**
 * The dashboard in a real browser, as a new user meets it: `pnpm start` in its own process on a
 * fresh data folder, `pnpm demo` against it, then Debian's headless Chromium (playwright-core with
 * `executablePath`) on http://127.0.0.1:<port>/dashboard.
 */
const MAYA = '+15550100123';
/** A caller whose words are markup: memory text is untrusted and must render as text. */
const MALLORY = '+15550100999';
const HOSTILE_SUMMARY = `<img src=x onerror="document.title='pwned';window.__pwned=1">`;
const HOSTILE_TURN = `<script>window.__pwned=2</script> I said <b onmouseover="window.__pwned=3">hello</b> to you.`;

/** A browser step on 2 shared cores can take seconds. */
const STEP_MS = 60_000;

describe('the local dashboard in headless Chromium', () => {
  let runtime: RuntimeProcess;
  let dataDir: string;
  let browser: Browser;
  let adminKey: string;
  let demoOutput: string;

  const drained = () =>
    waitForQueueDrain(
      async () => ((await (await fetch(`${runtime.url}/health`)).json()) as { queue: { live: number; inFlight: number } }).queue,
    );

  /** A post-call webhook from Mallory whose summary and words are HTML, signed as ElevenLabs would. */
  async function sendHostileCall(): Promise<void> {
    const payload = JSON.parse(readFixture('elevenlabs/post-call-transcription.json')) as {
      data: {
        conversation_id: string;
        transcript: { role: string; message: string }[];
        metadata: { phone_call: { external_number: string } };
        analysis: { transcript_summary: string; data_collection_results: Record<string, { value: unknown }> };
      };
    };
    payload.data.conversation_id = 'conv_hostile_markup_0001';
    payload.data.metadata.phone_call.external_number = MALLORY;
    payload.data.analysis.transcript_summary = HOSTILE_SUMMARY;
    payload.data.analysis.data_collection_results = {};
    payload.data.transcript = [
      { ...payload.data.transcript[0], role: 'agent', message: 'Thanks for calling, how can I help?' },
      { ...payload.data.transcript[1], role: 'user', message: HOSTILE_TURN },
    ] as typeof payload.data.transcript;
    const body = JSON.stringify(payload);
    const res = await fetch(`${runtime.url}/post-call`, {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/json',
        'elevenlabs-signature': signElevenLabs(body, runtime.secrets().ELEVENLABS_HMAC_KEY ?? '', Date.now() / 1000),
      },
    });
    expect(res.status).toBe(200);
    await drained();
  }

  /** A test on a page signed in with the admin key (closed afterwards). */
  function signedInStep(name: string, run: (seen: Awaited<ReturnType<typeof newPage>>) => Promise<void>): void {
    it(
      name,
      async () => {
        const seen = await newPage();
        try {
          await signIn(seen.page, runtime.url, adminKey);
          await run(seen);
        } finally {
          await seen.page.close();
        }
      },
      STEP_MS,
    );
  }

  /** A page that records every CSP violation and dialog (neither may ever happen). */
  async function newPage(): Promise<{ page: Page; violations: string[]; dialogs: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const violations: string[] = [];
    const dialogs: string[] = [];
    await page.exposeFunction('__reportViolation', (text: string) => violations.push(text));
    await page.addInitScript(
      "document.addEventListener('securitypolicyviolation', (e) => window.__reportViolation(e.violatedDirective + ' ' + e.blockedURI));",
    );
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    return { page, violations, dialogs };
  }

  async function lookUp(page: Page, phone: string): Promise<void> {
    await page.locator('.tab[data-tab=inspector]').click();
    await page.locator('#lookup-phone').fill(phone);
    await page.locator('#lookup-platform').selectOption('elevenlabs');
    await page.locator('#lookup-form button[type=submit]').click();
    await page.locator('#inspector-result').waitFor();
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'am-dashboard-'));
    runtime = await startRuntimeProcess(ROOT, dataDir);
    adminKey = runtime.secrets().ADMIN_API_KEY ?? '';
    const demo = await runScript('demo.ts', [], {
      ...process.env,
      PORT: String(runtime.port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      POWERTOOLS_LOG_LEVEL: 'ERROR',
    });
    demoOutput = demo.out;
    expect(demo.status).toBe(0);
    await sendHostileCall();
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await runtime?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints where the dashboard is and how to sign in', () => {
    expect(runtime.output()).toContain(`open ${runtime.url}/dashboard and sign in with the admin key (ADMIN_API_KEY: ${adminKey})`);
    expect(demoOutput).toContain(`Using the runtime at http://127.0.0.1:${runtime.port}`);
  });

  it(
    'shows the login again for a wrong key, and keeps nothing of it',
    async () => {
      const { page } = await newPage();
      await signIn(page, runtime.url, 'not-the-admin-key');
      await page.locator('#login-error').waitFor();
      expect(await page.locator('#login-error').textContent()).toContain('refused');
      expect(await page.locator('#app').isHidden()).toBe(true);
      expect(await page.evaluate("sessionStorage.getItem('agentic-memory.admin-key')")).toBeNull();
      await page.close();
    },
    STEP_MS,
  );

  it(
    'loads with the admin key under CSP default-src self: the demo call in the list, charts drawn with the demo traffic',
    async () => {
      const { page, violations, dialogs } = await newPage();
      const response = await page.goto(`${runtime.url}/dashboard`);
      expect(response?.headers()['content-security-policy']).toMatch(/^default-src 'self'/);
      await page.locator('#admin-key').fill(adminKey);
      await page.locator('#login-form button[type=submit]').click();
      await page.locator('#app').waitFor();
      expect(await page.evaluate("sessionStorage.getItem('agentic-memory.admin-key')")).toBe(adminKey);

      const demoRow = page.locator('#calls-table tbody tr[data-conversation="conv_01kfix0support0000000000001"]');
      await demoRow.waitFor();
      const cells = await demoRow.locator('td').allTextContents();
      expect(cells[1]).toBe('***0123');
      expect(cells[2]).toBe('elevenlabs');
      expect(cells[3]).toBe('elevenlabs_customer_support');
      expect(Number(cells[4])).toBeGreaterThan(5);
      // Fields with where each came from: data collection, the caller's words, the summary.
      const badges = demoRow.locator('.src');
      expect(await badges.evaluateAll((nodes) => nodes.map((n) => `${n.textContent}:${n.className}`))).toEqual(
        expect.arrayContaining(['name:src src-data_collection', 'account_status:src src-transcript', 'resolution:src src-summary']),
      );
      expect(await page.locator('#calls-table').textContent()).not.toContain('5550100123');

      // The demo's call start, search and post-call intake reached the charts through the EMF lines.
      await page.waitForFunction("Number(document.getElementById('chart-conversation-start').dataset.points || 0) > 0");
      const drawn = await page.evaluate(`(() => {
      const out = {};
      for (const id of ['chart-conversation-start', 'chart-memory-search', 'chart-webhook-intake', 'chart-requests', 'chart-ingest-lag', 'chart-memories']) {
        const canvas = document.querySelector('#' + id + ' canvas');
        const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
        let coloured = 0;
        for (let i = 0; i < data.length; i += 4) {
          const [r, g, b, a] = [data[i], data[i + 1], data[i + 2], data[i + 3]];
          // The series colours (blue p50, red p99, green ok): not the grey of axes and grid.
          if (a > 200 && Math.max(r, g, b) - Math.min(r, g, b) > 90) coloured += 1;
        }
        out[id] = { coloured, points: Number(document.getElementById(id).dataset.points) };
      }
      return out;
    })()`);
      for (const [id, chart] of Object.entries(drawn as Record<string, { coloured: number; points: number }>)) {
        expect({ id, drawn: chart.coloured > 20, points: chart.points > 0 }).toEqual({ id, drawn: true, points: true });
      }
      const headline = await page.locator('#headline').textContent();
      expect(headline).toMatch(/call start p50 \/ p99\d+(\.\d)? ms \/ \d+(\.\d)? ms[1-9]\d* requests/);
      expect(await page.locator('#platform-table tbody').textContent()).toContain('elevenlabs');
      expect({ violations, dialogs }).toEqual({ violations: [], dialogs: [] });
      await page.close();
    },
    STEP_MS,
  );

  signedInStep(
    'inspects the demo caller: what the agent hears, memories by call with sources, and the search the agent runs',
    async ({ page, violations }) => {
      await lookUp(page, MAYA);
      expect(await page.locator('#first-message').textContent()).toContain('Hello Maya Okafor!');
      const variables = await page.locator('#dynamic-variables tbody tr').allTextContents();
      expect(variables).toEqual(expect.arrayContaining(['caller_nameMaya Okafor', 'contact_preferenceemail']));
      expect(await page.locator('#memory-context').textContent()).toContain('Name: Maya Okafor');
      expect(await page.locator('#start-facts').textContent()).toContain('elevenlabs_customer_support');

      const call = page.locator('#memory-calls .call').first();
      expect(await call.locator('summary').textContent()).toContain('conv_01kfix0support0000000000001');
      expect(await call.locator('.memory').count()).toBeGreaterThan(5);
      const memoryText = await call.locator('.memory').allTextContents();
      expect(
        memoryText.some((t) => t.includes('Prefers to be contacted by email.') && t.includes('source: extraction (data collection)')),
      ).toBe(true);
      expect(memoryText.some((t) => t.includes('source: transcript') && /expires \d/.test(t))).toBe(true);

      await page.locator('#search-query').fill('how does she want to be contacted');
      await page.locator('#search-form button[type=submit]').click();
      await page.locator('#search-results li').first().waitFor();
      const answer = await page.locator('#search-answer').textContent();
      expect(answer).toContain('Prefers to be contacted by email.');
      // Exactly what the platform's tool answers for the same question.
      const tool = await fetch(`${runtime.url}/retrieve`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-workspace-key': runtime.secrets().ELEVENLABS_WORKSPACE_KEY ?? '',
          'x-caller-id': MAYA,
        },
        body: JSON.stringify({ query: 'how does she want to be contacted' }),
      });
      expect(answer).toBe(((await tool.json()) as { result: string }).result);
      expect(violations).toEqual([]);
    },
  );

  signedInStep('renders a memory whose text is <img src=x onerror=…> as text, and runs nothing', async ({ page, violations, dialogs }) => {
    const title = 'Agentic Memory — local dashboard';
    await lookUp(page, MALLORY);
    const texts = await page.locator('#memory-calls .memory-text').allTextContents();
    expect(texts).toContain(HOSTILE_SUMMARY);
    expect(texts.some((t) => t.includes('<script>window.__pwned=2</script>'))).toBe(true);
    await page.locator('#search-query').fill('img src onerror');
    await page.locator('#search-form button[type=submit]').click();
    await page.locator('#search-results li').first().waitFor();
    expect(await page.locator('#search-answer').textContent()).toContain(HOSTILE_SUMMARY);
    // Hover everything that could carry a handler; nothing was parsed as markup, nothing ran.
    await page.locator('#memory-calls').hover();
    expect(await page.locator('#inspector-result img, #inspector-result script, #inspector-result b').count()).toBe(0);
    expect(await page.evaluate('document.querySelectorAll("[onerror], [onmouseover]").length')).toBe(0);
    expect(await page.evaluate('window.__pwned === undefined')).toBe(true);
    expect(await page.title()).toBe(title);
    expect({ violations, dialogs }).toEqual({ violations: [], dialogs: [] });
  });

  signedInStep('shows the login again when the key stops being accepted mid-session', async ({ page }) => {
    await page.locator('#app').waitFor();
    await page.evaluate("sessionStorage.setItem('agentic-memory.admin-key', 'rotated-away')");
    await page.locator('.tab[data-tab=inspector]').click();
    await page.locator('.tab[data-tab=dashboard]').click();
    await page.locator('#login').waitFor();
    expect(await page.locator('#login-error').textContent()).toContain('refused');
    expect(await page.evaluate("sessionStorage.getItem('agentic-memory.admin-key')")).toBeNull();
  });

  signedInStep('forget-me, confirmed, empties the inspector: a new caller with no memories', async ({ page }) => {
    await lookUp(page, MAYA);
    await page.locator('#memory-calls .call').first().waitFor();
    await page.locator('#forget').click();
    expect(await page.locator('#forget-question').textContent()).toContain(MAYA);
    await page.locator('#forget-yes').click();
    await page.locator('#memory-calls .empty-memories').waitFor();
    expect(await page.locator('#forget-result').textContent()).toMatch(/^Erased \*\*\*0123: [1-9]\d* memories/);
    expect(await page.locator('#start-facts').textContent()).toContain('nothing: a new caller');
    expect(await page.locator('#first-message').textContent()).not.toContain('Maya');
    expect(await page.locator('#memory-total').textContent()).toContain('0 memories');
    await page.locator('#search-query').fill('email');
    await page.locator('#search-form button[type=submit]').click();
    await page.locator('#search-meta').filter({ hasText: '0 result(s)' }).waitFor();
  });
});
