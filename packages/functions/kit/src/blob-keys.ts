/** Where things live in the blob store. Only caller keys (never numbers) appear in keys. */
export const BlobKeys = {
  raw: (provider: string, event: string, conversationId: string) => `raw/${provider}/${event}/${conversationId}`,
  audio: (provider: string, conversationId: string) => `audio/${provider}/${conversationId}.mp3`,
  done: (provider: string, event: string, conversationId: string) => `done/${provider}/${event}/${conversationId}`,
  snapshot: (callerKey: string, agentType: string) => `snapshots/${callerKey}/${agentType}.json`,
  snapshotPrefix: (callerKey: string) => `snapshots/${callerKey}/`,
  /** One small index per conversation of a caller (JSON: the keys it left), so forget-me can find them. */
  callerConversation: (callerKey: string, provider: string, conversationId: string) => `callers/${callerKey}/${provider}/${conversationId}`,
  callerPrefix: (callerKey: string) => `callers/${callerKey}/`,
  /** The same index for an event stored but not ingested (several per conversation: call started, ended…). */
  callerEvent: (callerKey: string, provider: string, conversationId: string, event: string) =>
    `callers/${callerKey}/${provider}/events/${conversationId}.${event}`,
  /** Append-only analytics record of one conversation, by day and agent type. */
  analytics: (day: string, agentType: string, conversationId: string) => `analytics/${day}/${agentType}/${conversationId}.json`,
  analyticsPrefix: (day: string, agentType: string) => `analytics/${day}/${agentType}/`,
  /** Written by forget-me: queued messages for this caller received before it are dropped. */
  tombstone: (callerKey: string) => `tombstones/${callerKey}`,
} as const;
