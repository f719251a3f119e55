import { readFileSync } from 'node:fs';
import { fixturePath } from '@agentic-memory/fixtures';
import fc from 'fast-check';
import { elevenLabsCallRecord, PayloadError, parseElevenLabsPostCall } from '../src';

const fixture = (name: string): unknown => JSON.parse(readFileSync(fixturePath(`elevenlabs/${name}`), 'utf8'));

describe('parseElevenLabsPostCall', () => {
  it('reads the transcription envelope and standardises the call', () => {
    const envelope = parseElevenLabsPostCall(fixture('post-call-transcription.json'));
    expect(envelope).toMatchObject({
      event: 'post_call_transcription',
      known: true,
      eventTimestamp: 1792000078,
      conversationId: 'conv_01kfix0support0000000000001',
      agentId: 'agent_01kfixsupport00000000000000',
      callerNumber: '+15550100123',
    });
    const record = elevenLabsCallRecord(envelope);
    expect(record).toMatchObject({
      provider: 'elevenlabs',
      direction: 'inbound',
      agentNumber: '+15550199000',
      durationSecs: 75,
      startedAt: new Date(1792000000 * 1000).toISOString(),
      endedAt: new Date(1792000075 * 1000).toISOString(),
      dataCollection: { user_name: 'Maya Okafor', issue_type: 'connectivity', contact_preference: 'email' },
      evaluation: { issue_resolved: { result: 'success', rationale: 'The agent handled this well.' } },
    });
    expect(record.turns[1]).toEqual({ speaker: 'caller', text: 'Hi, my name is Maya Okafor.', offsetSecs: 7 });
    expect(record.turns[0]?.speaker).toBe('agent');
    expect(record.summary).toMatch(/^Maya Okafor, a premium customer/);
  });

  it("carries the agent's display name (agent_name) when the payload has one, so it is never taken for the caller's", () => {
    const sent = fixture('post-call-transcription.json') as { data: Record<string, unknown> };
    expect(elevenLabsCallRecord(parseElevenLabsPostCall(sent)).agentName).toBeNull();
    const named = { ...sent, data: { ...sent.data, agent_name: 'Ava' } };
    expect(elevenLabsCallRecord(parseElevenLabsPostCall(named)).agentName).toBe('Ava');
  });

  it('accepts a bare conversation object and a one-element array', () => {
    const { data } = fixture('post-call-transcription.json') as { data: unknown };
    expect(parseElevenLabsPostCall(data)).toMatchObject({ event: 'post_call_transcription', callerNumber: '+15550100123' });
    expect(parseElevenLabsPostCall([fixture('post-call-transcription.json')])).toMatchObject({
      conversationId: 'conv_01kfix0support0000000000001',
    });
  });

  it('finds the caller through the fallbacks', () => {
    const base = { type: 'post_call_transcription', event_timestamp: 1, data: { conversation_id: 'c1' } };
    expect(parseElevenLabsPostCall(base).callerNumber).toBeNull();
    const viaDynamic = {
      ...base,
      data: { conversation_id: 'c1', conversation_initiation_client_data: { dynamic_variables: { system__caller_id: '+1 555 010 0777' } } },
    };
    expect(parseElevenLabsPostCall(viaDynamic).callerNumber).toBe('+15550100777');
    expect(parseElevenLabsPostCall({ ...base, data: { conversation_id: 'c1', user_id: '+15550100888' } }).callerNumber).toBe(
      '+15550100888',
    );
    expect(parseElevenLabsPostCall({ ...base, data: { conversation_id: 'c1', user_id: 'crm-42' } }).callerNumber).toBeNull();
    // The seed system's payloads carried the caller only in metadata.caller_id.
    const seedStyle = { ...base, data: { conversation_id: 'c1', metadata: { caller_id: '+1 (555) 010-0999' } } };
    expect(parseElevenLabsPostCall(seedStyle).callerNumber).toBe('+15550100999');
  });

  it('reads audio (no caller) and initiation failures (the dialled customer)', () => {
    expect(parseElevenLabsPostCall(fixture('post-call-audio.json'))).toMatchObject({
      event: 'post_call_audio',
      known: true,
      callerNumber: null,
    });
    expect(parseElevenLabsPostCall(fixture('call-initiation-failure.json'))).toMatchObject({
      event: 'call_initiation_failure',
      callerNumber: '+15550100999',
    });
  });

  it('keeps an unknown event type as sent, marked unknown', () => {
    expect(parseElevenLabsPostCall({ type: 'voice_removal_notice', data: { conversation_id: 'x' } })).toMatchObject({
      event: 'voice_removal_notice',
      known: false,
    });
  });

  it.each([
    ['a string', 'hello'],
    ['null', null],
    ['an empty array', []],
    [
      'two events',
      [
        { type: 'a', data: { conversation_id: 'x' } },
        { type: 'a', data: { conversation_id: 'y' } },
      ],
    ],
    ['no data', { type: 'post_call_transcription' }],
    ['no conversation id', { type: 'post_call_transcription', data: {} }],
    ['a path in the conversation id', { type: 'post_call_transcription', data: { conversation_id: '../../etc' } }],
    ['a tool call, not a conversation', { tool_call_id: 't', parameters: {}, conversation_id: 'conv_1' }],
  ])('rejects %s with a PayloadError', (_label, body) => {
    expect(() => parseElevenLabsPostCall(body)).toThrow(PayloadError);
  });

  it('property: any JSON either parses or fails with a PayloadError, and parsed records are well formed', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        try {
          const envelope = parseElevenLabsPostCall(value);
          const record = elevenLabsCallRecord(envelope);
          return record.turns.every((t) => typeof t.text === 'string') && typeof record.conversationId === 'string';
        } catch (error) {
          return error instanceof PayloadError;
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('property: a mutated real payload never throws anything but a PayloadError', () => {
    const { data } = fixture('post-call-transcription.json') as { data: Record<string, unknown> };
    const keys = Object.keys(data);
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.jsonValue(), (key, replacement) => {
        try {
          elevenLabsCallRecord(parseElevenLabsPostCall({ type: 'post_call_transcription', data: { ...data, [key]: replacement } }));
          return true;
        } catch (error) {
          return error instanceof PayloadError;
        }
      }),
      { numRuns: 1000 },
    );
  });
});
