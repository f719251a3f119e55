/** The categories of the quality evaluation (issue 18): every call belongs to one. */
export const CATEGORIES = [
  'diacritics',
  'non_english',
  'noisy_asr',
  'spelled_corrected',
  'other_people',
  'agent_names',
  'outbound',
  'paraphrased',
  'numbers_dates',
  'changed_facts',
  'long_calls',
  'data_collection_only',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Which configured ElevenLabs agent took the call (mapped to an agent type by `config/environments/local.json`). */
export type EvalAgent = 'support' | 'sales' | 'technical';

/** `a:` agent turn, `u:` caller turn. */
export type TurnLine = `a: ${string}` | `u: ${string}`;

/** One call as the platform reports it after it ends. */
export interface EvalCallSpec {
  /** ISO-8601 UTC start of the call. */
  readonly at: string;
  readonly turns: readonly TurnLine[];
  readonly summary: string;
  /** `analysis.data_collection_results` values by id. */
  readonly dataCollection?: Readonly<Record<string, string | number | boolean | null>>;
  readonly direction?: 'inbound' | 'outbound';
  /** `data.agent_name`, when the platform sends it. */
  readonly agentName?: string;
  readonly language?: string;
}

/** Any one of the strings (case-insensitive, whitespace-normalised) counts. */
export type Expected = string | readonly string[];

export interface EvalQuestion {
  readonly q: string;
  /** What a result must contain to answer it; null: the caller never said (informational figure). */
  readonly a: Expected | null;
}

/** A changed fact: after the last call only `now` is current. */
export interface ChangedFact {
  /** A question about the fact, as the agent's LLM would ask it mid-call. */
  readonly q: string;
  readonly was: Expected;
  readonly now: Expected;
}

export interface EvalCase {
  readonly id: string;
  readonly category: Category;
  readonly agent: EvalAgent;
  /** E.164. */
  readonly caller: string;
  /** One call, or several for changed facts (in order). */
  readonly calls: readonly EvalCallSpec[];
  readonly expect: {
    /** The caller's own name as it should be used, or null when the caller never gave it. */
    readonly name: string | null;
    /** Must appear in the call-start reply (dynamic variables, first message, prompt). */
    readonly facts: readonly Expected[];
    readonly changed?: readonly ChangedFact[];
  };
  readonly questions: readonly EvalQuestion[];
}
