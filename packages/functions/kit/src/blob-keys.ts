/** Where things live in the blob store. Only caller keys (never numbers) appear in keys. */
export const BlobKeys = {
  raw: (provider: string, event: string, conversationId: string) => `raw/${provider}/${event}/${conversationId}`,
  audio: (provider: string, conversationId: string) => `audio/${provider}/${conversationId}.mp3`,
  done: (provider: string, event: string, conversationId: string) => `done/${provider}/${event}/${conversationId}`,
  snapshot: (callerKey: string, agentType: string) => `snapshots/${callerKey}/${agentType}.json`,
  snapshotPrefix: (callerKey: string) => `snapshots/${callerKey}/`,
  /** One empty marker per conversation of a caller, so forget-me can find raw payloads and audio. */
  callerConversation: (callerKey: string, provider: string, conversationId: string) => `callers/${callerKey}/${provider}/${conversationId}`,
} as const;
