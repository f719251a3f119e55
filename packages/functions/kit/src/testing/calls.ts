import { readFixture } from '@agentic-memory/fixtures';
import type { CallRecord } from '@agentic-memory/memory-core';
import { elevenLabsCallRecord, parseElevenLabsPostCall } from '@agentic-memory/provider-adapters';
import { TEST_SECRETS } from './ports';

/** An ElevenLabs post-call fixture (`fixtures/elevenlabs/<name>`) as the worker standardises it. */
export function fixtureCall(name: string): CallRecord {
  return elevenLabsCallRecord(parseElevenLabsPostCall(JSON.parse(readFixture(`elevenlabs/${name}`))));
}

/** The header ElevenLabs sends on call start and tool calls, with the test workspace key. */
export const WORKSPACE_HEADERS = { 'x-workspace-key': TEST_SECRETS.ELEVENLABS_WORKSPACE_KEY } as const;
