import fc from 'fast-check';
import {
  adoptSeedMemory,
  buildProfileSnapshot,
  FixedClock,
  factFields,
  type Memory,
  parseAgentTypes,
  SEED_DEFAULT_SEARCH_LIMIT,
  SeedSettingsError,
  seedAgentType,
  seedSettings,
  validateAgentTypes,
} from '../src';

const seedFact = (text: string, metadata: Record<string, string> = {}, createdAt = '2026-10-01T10:00:00.000Z'): Memory => ({
  id: `m-${text.length}`,
  text,
  type: 'semantic',
  createdAt,
  expiresAt: null,
  metadata,
});

describe('seed settings from the seed deployment’s environment', () => {
  it('reads MEM0_SEARCH_LIMIT (default 3) and the ElevenLabs agent ids', () => {
    expect(seedSettings({})).toEqual({ searchLimit: SEED_DEFAULT_SEARCH_LIMIT, agentIds: [] });
    expect(seedSettings({ MEM0_SEARCH_LIMIT: ' 7 ', ELEVENLABS_AGENT_ID: 'agent_a', ELEVENLABS_AGENT_IDS: 'agent_b, agent_a,' })).toEqual({
      searchLimit: 7,
      agentIds: ['agent_a', 'agent_b'],
    });
  });

  it('names the variable of a bad value', () => {
    expect(() => seedSettings({ MEM0_SEARCH_LIMIT: '0' })).toThrow(
      new SeedSettingsError('MEM0_SEARCH_LIMIT must be an integer from 1 to 100, got "0"'),
    );
    expect(() => seedSettings({ ELEVENLABS_AGENT_ID: 'agent with spaces' })).toThrow('is not an ElevenLabs agent id');
  });

  it('yields a valid agent type in raw caller-id mode on the seed URLs, for any search limit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), (searchLimit) => {
        const result = validateAgentTypes({ migrated: seedAgentType({ searchLimit, agentIds: [] }) });
        expect(result.ok).toBe(true);
        if (result.ok) {
          expect(result.value.migrated?.caller_id_mode).toBe('raw');
          expect(result.value.migrated?.memory_config.search_limit).toBe(searchLimit);
        }
      }),
      { numRuns: 25 },
    );
  });
});

describe('seed memories in this system’s terms', () => {
  it('reads the fields Mem0’s third-person facts state', () => {
    const fields = ['name', 'preferences', 'account_status'] as const;
    expect(factFields('Name is Maya Okafor', fields)).toEqual({ name: 'Maya Okafor' });
    expect(factFields("User's name is Daniel Reyes.", fields)).toEqual({ name: 'Daniel Reyes' });
    expect(factFields('Goes by Ana', fields)).toEqual({ name: 'Ana' });
    expect(factFields('Maya Okafor is a premium customer since 2019', fields)).toEqual({
      name: 'Maya Okafor',
      account_status: 'premium customer, customer since 2019',
    });
    expect(factFields('Prefers email over phone calls', fields)).toEqual({ preferences: 'email over phone calls' });
    expect(factFields('Name is not known', fields)).toEqual({});
    expect(factFields('Has a router that keeps dropping', fields)).toEqual({});
  });

  it('never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (text) => typeof factFields(text, ['name', 'preferences']) === 'object'));
  });

  it('takes the type from the seed metadata, marks the source, and keeps fields already present', () => {
    const adopted = adoptSeedMemory(seedFact('Name is Maya Okafor', { type: 'factual' }), ['name']);
    expect(adopted).toMatchObject({ type: 'factual', metadata: { name: 'Maya Okafor', source: 'seed', type: 'factual' } });
    expect(adoptSeedMemory(seedFact('Name is Maya Okafor', { memory_type: 'issue', name: 'Maya O.' }), ['name'])).toMatchObject({
      type: 'issue',
      metadata: { name: 'Maya O.' },
    });
    expect(adoptSeedMemory(seedFact('x', { type: 'call_summary' }), ['name']).type).toBe('semantic');
    const ours = { ...seedFact('Caller name is Maya'), metadata: { source: 'extraction', name: 'Maya' } };
    expect(adoptSeedMemory(ours, ['name'])).toBe(ours);
  });

  it('builds a snapshot that greets the caller by the newest name stated', () => {
    const agentTypes = parseAgentTypes({ migrated: seedAgentType({ searchLimit: 3, agentIds: [] }) });
    const agentType = agentTypes.migrated;
    if (!agentType) throw new Error('no agent type');
    const memories = [
      seedFact('Name is Maya Smith', {}, '2026-01-01T00:00:00.000Z'),
      seedFact('Name is Maya Okafor', {}, '2026-09-01T00:00:00.000Z'),
      seedFact('Prefers email over phone calls', {}, '2026-09-02T00:00:00.000Z'),
    ].map((m) => adoptSeedMemory(m, agentType.memory_config.auto_extract));
    const snapshot = buildProfileSnapshot(memories, {
      callerKey: 'k',
      agentTypeName: 'migrated',
      agentType,
      clock: new FixedClock(Date.parse('2026-11-26T00:00:00.000Z')),
    });
    expect(snapshot.fields).toEqual({ name: 'Maya Okafor', preferences: 'email over phone calls' });
    expect(snapshot.memoryCount).toBe(3);
  });
});
