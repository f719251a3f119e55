/** Every field an agent type may ask to extract (`memory_config.auto_extract`). */
export const EXTRACT_FIELDS = [
  'name',
  'preferences',
  'account_status',
  'contact_preference',
  'issue_type',
  'issue_category',
  'escalation_level',
  'technical_skill',
  'resolution',
  'budget',
  'timeline',
  'interests',
  'objections',
  'decision_maker',
  'company',
  'satisfaction',
  'technical_details',
  'resolution_steps',
  'address',
  'account_number',
] as const;

export type ExtractField = (typeof EXTRACT_FIELDS)[number];

/**
 * Fields that describe one call, not the caller: a differing value is another call's, not a
 * change of fact (the snapshot does not supersede them; ranking does not demote them).
 */
export const PER_CALL_FIELDS: ReadonlySet<string> = new Set<ExtractField>([
  'name',
  'issue_type',
  'issue_category',
  'escalation_level',
  'resolution',
  'resolution_steps',
  'technical_details',
  'satisfaction',
  'objections',
]);

export type ExtractedFields = Partial<Record<ExtractField, string>>;

export function isExtractField(value: string): value is ExtractField {
  return (EXTRACT_FIELDS as readonly string[]).includes(value);
}

/** Human label of a field, for memory texts and prompt context. */
export const FIELD_LABELS: Readonly<Record<ExtractField, string>> = {
  name: 'Name',
  preferences: 'Preferences',
  account_status: 'Account status',
  contact_preference: 'Contact preference',
  issue_type: 'Issue type',
  issue_category: 'Issue category',
  escalation_level: 'Escalation level',
  technical_skill: 'Technical skill',
  resolution: 'Resolution',
  budget: 'Budget',
  timeline: 'Timeline',
  interests: 'Interests',
  objections: 'Objections',
  decision_maker: 'Decision maker',
  company: 'Company',
  satisfaction: 'Satisfaction',
  technical_details: 'Technical details',
  resolution_steps: 'Steps already taken',
  address: 'Address',
  account_number: 'Account, membership or policy number',
};
