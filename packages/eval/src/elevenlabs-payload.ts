import type { EvalCallSpec, TurnLine } from './eval-types';

export interface PayloadOptions {
  readonly conversationId: string;
  readonly agentId: string;
  /** The caller (inbound) or the person called (outbound), E.164. */
  readonly caller: string;
  readonly agentNumber: string;
}

/** Seconds between turns in a synthetic transcript. */
const TURN_SECS = 6;

function turn(line: TurnLine, index: number): Record<string, unknown> {
  const role = line.startsWith('u: ') ? 'user' : 'agent';
  return {
    role,
    agent_metadata: role === 'agent' ? { agent_id: 'eval', workflow_node_id: null } : null,
    message: line.slice(3),
    multivoice_message: null,
    tool_calls: [],
    tool_results: [],
    feedback: null,
    llm_override: null,
    time_in_call_secs: index * TURN_SECS,
    conversation_turn_metrics: null,
    rag_retrieval_info: null,
    llm_usage: null,
    interrupted: false,
    original_message: null,
    source_medium: role === 'user' ? 'audio' : null,
  };
}

/**
 * A `post_call_transcription` webhook body in the shape ElevenLabs sends (see the shared
 * fixture): envelope, transcript items, metadata with the Twilio phone call, analysis with the
 * summary and data-collection results, initiation data with the system variables.
 */
export function elevenLabsPostCall(call: EvalCallSpec, options: PayloadOptions): Record<string, unknown> {
  const start = Math.floor(Date.parse(call.at) / 1000);
  const duration = Math.max(30, call.turns.length * TURN_SECS);
  const direction = call.direction ?? 'inbound';
  const dataCollection: Record<string, unknown> = {};
  for (const [id, value] of Object.entries(call.dataCollection ?? {})) {
    dataCollection[id] = {
      data_collection_id: id,
      value,
      json_schema: {
        type: typeof value === 'number' ? 'number' : 'string',
        description: id.replace(/_/g, ' '),
        enum: null,
        dynamic_variable: '',
        constant_value: '',
      },
      rationale: 'Collected during the call.',
    };
  }
  return {
    type: 'post_call_transcription',
    event_timestamp: start + duration + 3,
    data: {
      agent_id: options.agentId,
      ...(call.agentName ? { agent_name: call.agentName } : {}),
      conversation_id: options.conversationId,
      status: 'done',
      user_id: null,
      transcript: call.turns.map(turn),
      metadata: {
        start_time_unix_secs: start,
        accepted_time_unix_secs: start,
        call_duration_secs: duration,
        cost: 500,
        phone_call: {
          direction,
          phone_number_id: 'phnum_eval',
          agent_number: options.agentNumber,
          external_number: options.caller,
          type: 'twilio',
          stream_sid: `MZ${options.conversationId}`,
          call_sid: `CA${options.conversationId}`,
        },
        termination_reason: 'Call ended by remote party',
        main_language: call.language ?? 'en',
        conversation_initiation_source: 'twilio',
      },
      analysis: {
        evaluation_criteria_results: {},
        data_collection_results: dataCollection,
        call_successful: 'success',
        transcript_summary: call.summary,
        call_summary_title: null,
      },
      conversation_initiation_client_data: {
        conversation_config_override: { tts: null, conversation: null, agent: null },
        custom_llm_extra_body: {},
        user_id: null,
        source_info: { source: null, version: null },
        dynamic_variables: {
          system__agent_id: options.agentId,
          system__caller_id: options.caller,
          system__called_number: options.agentNumber,
          system__conversation_id: options.conversationId,
          system__time_utc: new Date(start * 1000).toISOString(),
          system__call_duration_secs: duration,
        },
      },
      has_audio: false,
      has_user_audio: false,
      has_response_audio: false,
    },
  };
}
