import { join } from 'node:path';
import type { AgentTypeInput } from '../src';
import {
  AgentMapSchema,
  agentMapProblems,
  ConfigValidationError,
  inMemorySpace,
  MemorySpacesSchema,
  memorySpaceOf,
  PROVIDERS,
  parseAgentTypes,
  resolveAgentType,
  snapshotName,
  validateAgentTypes,
} from '../src';
import { readJson, repoAgentTypes } from './helpers';

const ROOT = join(__dirname, '..', '..', '..');
const rawAgentTypes = () => readJson(join(ROOT, 'config', 'agent-types.json')) as Record<string, AgentTypeInput & Record<string, unknown>>;
const rawEnvironment = (name = 'local') => readJson(join(ROOT, 'config', 'environments', `${name}.json`)) as Record<string, unknown>;

function problemsOf(mutate: (types: Record<string, Record<string, unknown>>) => void): string[] {
  const types = rawAgentTypes() as unknown as Record<string, Record<string, unknown>>;
  mutate(types);
  const result = validateAgentTypes(types);
  if (result.ok) return [];
  return result.problems.map((p) => `${p.path}: ${p.problem}`);
}

// biome-ignore lint/suspicious/noExplicitAny: tests poke at raw JSON
type Json = any;

describe('repository configuration', () => {
  it('has the four agent types of the brief and one per other platform, all valid', () => {
    const types = repoAgentTypes();
    expect(Object.keys(types).sort()).toEqual([
      'elevenlabs_customer_support',
      'elevenlabs_sales_agent',
      'elevenlabs_technical_support',
      'generic_voice_agent',
      'retell_customer_support',
      'vapi_customer_support',
    ]);
    for (const config of Object.values(types)) {
      expect(config.recall_deadline_ms).toBeLessThanOrEqual(400);
      expect(Object.keys(config.dynamic_variables).length).toBeGreaterThan(0);
    }
  });

  it('fills defaults for omitted optional fields', () => {
    const types = rawAgentTypes();
    const sales = types.elevenlabs_sales_agent as Json;
    delete sales.recall_deadline_ms;
    delete sales.on_snapshot_miss;
    delete sales.caller_id_mode;
    delete sales.search_threshold;
    const parsed = parseAgentTypes(types).elevenlabs_sales_agent;
    expect(parsed?.recall_deadline_ms).toBe(300);
    expect(parsed?.on_snapshot_miss).toBe('new_caller');
    expect(parsed?.caller_id_mode).toBe('keyed');
    expect(parsed?.search_threshold).toBe(0);
  });
});

describe('agent-type validation names the field and the problem', () => {
  it.each<[string, (t: Json) => void, string]>([
    [
      'wrong type',
      (t) => (t.elevenlabs_sales_agent.memory_config.search_limit = 'five'),
      'elevenlabs_sales_agent.memory_config.search_limit: expected a positive integer',
    ],
    [
      'negative',
      (t) => (t.elevenlabs_sales_agent.memory_config.search_limit = -3),
      'elevenlabs_sales_agent.memory_config.search_limit: expected a positive integer',
    ],
    [
      'fraction',
      (t) => (t.elevenlabs_sales_agent.memory_config.retention_days = 1.5),
      'elevenlabs_sales_agent.memory_config.retention_days: expected a positive integer',
    ],
    [
      'missing',
      (t) => delete t.generic_voice_agent.response_config.greetings.new_caller,
      'generic_voice_agent.response_config.greetings.new_caller: required',
    ],
    [
      'unknown field (typo)',
      (t) => (t.elevenlabs_customer_support.memory_config.serch_limit = 3),
      'elevenlabs_customer_support.memory_config.serch_limit: unknown field',
    ],
    [
      'bad enum',
      (t) => (t.elevenlabs_customer_support.on_snapshot_miss = 'sometimes'),
      'elevenlabs_customer_support.on_snapshot_miss: expected a snapshot-miss policy: one of new_caller, query_store',
    ],
    [
      'unknown memory type',
      (t) => t.elevenlabs_customer_support.memory_config.types.push('gossip'),
      'elevenlabs_customer_support.memory_config.types[4]: expected a memory type',
    ],
    [
      'unknown extract field',
      (t) => t.elevenlabs_customer_support.memory_config.auto_extract.push('shoe_size'),
      'elevenlabs_customer_support.memory_config.auto_extract[10]: expected an extractable field',
    ],
    [
      'weight on nothing',
      (t) => (t.elevenlabs_sales_agent.memory_config.search_weights.issue = 2),
      'elevenlabs_sales_agent.memory_config.search_weights.issue: "issue" is neither',
    ],
    [
      'threshold out of range',
      (t) => (t.elevenlabs_sales_agent.search_threshold = 1.5),
      'elevenlabs_sales_agent.search_threshold: expected a number from 0 to 1',
    ],
    [
      'deadline too long',
      (t) => (t.elevenlabs_sales_agent.recall_deadline_ms = 9000),
      'elevenlabs_sales_agent.recall_deadline_ms: expected at most 5000',
    ],
    [
      'reserved variable',
      (t) => (t.elevenlabs_sales_agent.dynamic_variables.system__caller_id = ''),
      'elevenlabs_sales_agent.dynamic_variables.system__caller_id: invalid name: the system__ prefix is reserved',
    ],
    [
      'object variable',
      (t) => (t.elevenlabs_sales_agent.dynamic_variables.budget = { a: 1 }),
      'elevenlabs_sales_agent.dynamic_variables.budget: expected a string, number or boolean',
    ],
    [
      'secret value instead of name',
      (t) => (t.elevenlabs_sales_agent.authentication.secret = 'wsec_abc'),
      'elevenlabs_sales_agent.authentication.secret: expected a secret name',
    ],
    [
      'prompt override without base prompt',
      (t) => (t.elevenlabs_sales_agent.response_config.overrides.prompt = true),
      'elevenlabs_sales_agent.response_config.base_prompt: required when overrides.prompt is true',
    ],
    ['bad agent type name', (t) => (t['Bad Name'] = t.generic_voice_agent), 'Bad Name: invalid name: expected an agent type name'],
    [
      'endpoint not a path',
      (t) => (t.generic_voice_agent.webhooks.post_call.endpoint = 'webhook'),
      'generic_voice_agent.webhooks.post_call.endpoint: expected a path starting with /',
    ],
  ])('%s', (_kind, mutate, expected) => {
    const problems = problemsOf(mutate);
    expect(problems.some((p) => p.startsWith(expected))).toBe(true);
  });

  it('rejects an empty file and a non-object', () => {
    expect(validateAgentTypes({}).ok).toBe(false);
    expect(validateAgentTypes([]).ok).toBe(false);
    expect(validateAgentTypes('x').ok).toBe(false);
  });

  it('throws a ConfigValidationError whose message lists every problem', () => {
    const types = rawAgentTypes() as Json;
    types.elevenlabs_sales_agent.memory_config.search_limit = 0;
    types.generic_voice_agent.provider = 'skype';
    expect(() => parseAgentTypes(types)).toThrow(ConfigValidationError);
    try {
      parseAgentTypes(types);
    } catch (error) {
      expect((error as Error).message).toContain('elevenlabs_sales_agent.memory_config.search_limit: expected a positive integer');
      expect((error as Error).message).toContain('generic_voice_agent.provider: expected a provider');
    }
  });
});

describe('agent map references', () => {
  const types = repoAgentTypes();
  const problems = (mutate: (map: Json) => void) => {
    const raw = rawEnvironment('local').agent_map as Json;
    mutate(raw);
    return agentMapProblems(AgentMapSchema.parse(raw), types).map((p) => `${p.path}: ${p.problem}`);
  };

  it('names unknown agent types and agent types of another provider', () => {
    expect(problems((m) => (m.default_agent_type = 'nope'))).toContain('agent_map.default_agent_type: unknown agent type "nope"');
    expect(problems((m) => (m.providers.elevenlabs.ids.agent_x = 'nope'))).toContain(
      'agent_map.providers.elevenlabs.ids.agent_x: unknown agent type "nope"',
    );
    expect(problems((m) => (m.providers.elevenlabs.ids.agent_x = 'generic_voice_agent'))).toContain(
      'agent_map.providers.elevenlabs.ids.agent_x: agent type "generic_voice_agent" is for provider generic, not elevenlabs',
    );
  });

  it('requires a default assistant for Vapi (an assistant-request must name one)', () => {
    expect(problems((m) => delete m.providers.vapi.default_platform_agent)).toContain(
      'agent_map.providers.vapi.default_platform_agent: required: an assistant-request must name the assistant that takes the call',
    );
  });
});

describe('resolveAgentType', () => {
  const types = repoAgentTypes();
  const map = AgentMapSchema.parse(rawEnvironment('local').agent_map);

  it('takes a known X-Agent-Type header first', () => {
    const r = resolveAgentType(
      { provider: 'elevenlabs', header: 'elevenlabs_sales_agent', platformIds: ['agent_01kfixsupport00000000000000'] },
      types,
      map,
    );
    expect(r).toMatchObject({ agentType: 'elevenlabs_sales_agent', fellBack: false, source: 'header' });
  });

  it('maps a platform agent id', () => {
    const r = resolveAgentType({ provider: 'elevenlabs', platformIds: ['agent_01kfixsales0000000000000000'] }, types, map);
    expect(r).toMatchObject({ agentType: 'elevenlabs_sales_agent', fellBack: false, source: 'agent_map' });
  });

  it('falls back to the provider default and says why', () => {
    const r = resolveAgentType({ provider: 'elevenlabs', header: 'bogus', platformIds: ['agent_unknown'] }, types, map);
    expect(r).toMatchObject({ agentType: 'elevenlabs_customer_support', fellBack: true, source: 'provider_default' });
    expect(r.reason).toContain('"bogus" is not a configured agent type');
    expect(r.reason).toContain('no agent map entry for elevenlabs id agent_unknown');
  });

  it('uses the provider default without calling it a fallback when nothing was named', () => {
    expect(resolveAgentType({ provider: 'elevenlabs' }, types, map)).toMatchObject({ fellBack: false, source: 'provider_default' });
  });

  it('ends at the global default', () => {
    const { retell: _retell, ...providers } = map.providers;
    const r = resolveAgentType({ provider: 'retell', platformIds: ['agent_r'] }, types, { ...map, providers });
    expect(r).toMatchObject({ agentType: 'generic_voice_agent', fellBack: true, source: 'global_default' });
  });

  it('ignores prototype keys', () => {
    const r = resolveAgentType({ provider: 'elevenlabs', header: '__proto__', platformIds: ['constructor'] }, types, map);
    expect(r.source).toBe('provider_default');
    expect(r.fellBack).toBe(true);
  });
});

describe('memory spaces', () => {
  const types = repoAgentTypes();
  const map = AgentMapSchema.parse(rawEnvironment('local').agent_map);

  it('every platform is its own space unless memory_spaces shares one', () => {
    for (const provider of PROVIDERS) expect(memorySpaceOf(provider, {})).toEqual({ name: provider, providers: [provider] });
    const spaces = MemorySpacesSchema.parse({ support: ['elevenlabs', 'vapi'] });
    expect(memorySpaceOf('vapi', spaces)).toEqual({ name: 'support', providers: ['elevenlabs', 'vapi'] });
    expect(memorySpaceOf('retell', spaces)).toEqual({ name: 'retell', providers: ['retell'] });
  });

  it('validates memory_spaces naming the problem', () => {
    const problems = (input: unknown) => {
      const r = MemorySpacesSchema.safeParse(input);
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(problems(undefined)).toEqual([]);
    expect(problems({ a: ['elevenlabs', 'vapi'], b: ['vapi', 'retell'] })).toEqual([
      'b.0: vapi is already in space "a": a platform belongs to one space',
    ]);
    expect(problems({ vapi: ['elevenlabs', 'retell'] })).toEqual(['vapi: a space named after vapi must include vapi']);
    expect(problems({ solo: ['vapi'] })[0]).toMatch(/^solo: expected at least two providers/);
    expect(problems({ 'Bad Name': ['vapi', 'retell'] })[0]).toMatch(/^Bad Name: expected a space name/);
    expect(problems({ x: ['vapi', 'twilio'] })[0]).toMatch(/^x\.1: expected a provider/);
  });

  it('an unlabelled memory (the seed system’s) is ElevenLabs’; any other provider value is its own', () => {
    const m = (metadata: Record<string, string | number | null>) => ({ metadata });
    const elevenlabs = memorySpaceOf('elevenlabs', {});
    expect(inMemorySpace(m({}), elevenlabs)).toBe(true);
    expect(inMemorySpace(m({ provider: '' }), elevenlabs)).toBe(true);
    expect(inMemorySpace(m({ provider: null }), elevenlabs)).toBe(true);
    expect(inMemorySpace(m({ provider: 7 }), elevenlabs)).toBe(true);
    expect(inMemorySpace(m({ provider: 'vapi' }), elevenlabs)).toBe(false);
    expect(inMemorySpace(m({}), memorySpaceOf('vapi', {}))).toBe(false);
    expect(inMemorySpace(m({ provider: 'legacy_dialer' }), elevenlabs)).toBe(false);
  });

  it('keeps an agent type’s snapshot under its own name in its space, apart per space elsewhere', () => {
    expect(snapshotName('elevenlabs_customer_support', 'elevenlabs', memorySpaceOf('elevenlabs', {}))).toBe('elevenlabs_customer_support');
    expect(snapshotName('generic_voice_agent', 'generic', memorySpaceOf('retell', {}))).toBe('generic_voice_agent@retell');
    const shared = memorySpaceOf('vapi', { support: ['elevenlabs', 'vapi'] });
    expect(snapshotName('elevenlabs_sales_agent', 'elevenlabs', shared)).toBe('elevenlabs_sales_agent');
  });

  it('ignores an X-Agent-Type of another space, says so, and resolves as if it were absent', () => {
    for (const provider of PROVIDERS) {
      const plain = resolveAgentType({ provider }, types, map);
      for (const [name, type] of Object.entries(types)) {
        const r = resolveAgentType({ provider, header: name }, types, map);
        expect(r.space).toEqual({ name: provider, providers: [provider] });
        if (type.provider === provider) {
          expect(r).toMatchObject({ agentType: name, source: 'header', headerRejected: false });
        } else {
          expect(r).toMatchObject({ agentType: plain.agentType, source: plain.source, headerRejected: true, fellBack: true });
          expect(r.reason).toContain(`outside the ${provider} memory space`);
        }
      }
    }
    const shared = resolveAgentType({ provider: 'elevenlabs', header: 'vapi_customer_support' }, types, map, {
      support: ['elevenlabs', 'vapi'],
    });
    expect(shared).toMatchObject({ agentType: 'vapi_customer_support', headerRejected: false, space: { name: 'support' } });
  });
});
