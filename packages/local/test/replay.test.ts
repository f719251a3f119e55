import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES_DIR, fixturePath } from '@agentic-memory/fixtures';
import { verifyElevenLabsSignature } from '@agentic-memory/provider-adapters';
import { payloadFiles, replayAll, replayFile, summarise } from '../src';
import { useLocalRuntime } from './runtime-support';

const ROOT = join(__dirname, '..', '..', '..');

describe('replay', () => {
  const local = useLocalRuntime();
  const secret = () => local.runtime.secrets?.values.ELEVENLABS_HMAC_KEY as string;

  it('signs and sends a payload byte for byte; the runtime verifies and queues it', async () => {
    const result = await replayFile(fixturePath('elevenlabs/post-call-transcription-sales.json'), {
      baseUrl: local.runtime.url,
      provider: 'elevenlabs',
      secret: secret(),
    });
    expect(result).toMatchObject({ status: 200, bytes: 7876 });
    expect(JSON.parse(result.body)).toEqual({ status: 'queued' });
  });

  it('replays a folder with bounded concurrency and summarises statuses and latencies', async () => {
    const files = payloadFiles(join(FIXTURES_DIR, 'elevenlabs')).filter((f) => /post-call|call-initiation-failure/.test(f));
    const seen: number[] = [];
    const results = await replayAll(
      files,
      { baseUrl: local.runtime.url, provider: 'elevenlabs', secret: secret(), concurrency: 3 },
      (done) => seen.push(done),
    );
    expect(seen).toEqual(files.map((_, i) => i + 1));
    const summary = summarise(results);
    expect(summary.statuses).toEqual({ 200: files.length });
    expect(summary.p50).toBeGreaterThan(0);
    expect(summary.max).toBeGreaterThanOrEqual(summary.p95 as number);
  });

  it('a wrong secret gets 401, an unreachable URL status 0', async () => {
    const file = fixturePath('elevenlabs/post-call-transcription.json');
    expect((await replayFile(file, { baseUrl: local.runtime.url, provider: 'elevenlabs', secret: 'wrong' })).status).toBe(401);
    expect((await replayFile(file, { baseUrl: 'http://127.0.0.1:1', provider: 'elevenlabs', secret: 'x' })).status).toBe(0);
  });

  it('--print-signature prints a header that verifies against the file', () => {
    const file = fixturePath('elevenlabs/post-call-audio.json');
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'packages', 'local', 'src', 'replay-cli.ts'), file, '--print-signature', '--secret', 's3cret'],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    expect(run.status).toBe(0);
    const header = run.stdout.trim().replace(/^ElevenLabs-Signature: /, '');
    const body = readFileSync(file);
    expect(verifyElevenLabsSignature(header, body, 's3cret', Date.now()).ok).toBe(true);
  });

  it('the CLI exits 2 with a clear message on bad arguments', () => {
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'packages', 'local', 'src', 'replay-cli.ts'), '/no/such/file.json', '--secret', 'x'],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('no such file or folder');
  });
});
