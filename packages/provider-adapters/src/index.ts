/**
 * The platforms (adapters, signatures, payload parsing) and what every adapter shares. The stores
 * and clients have their own entries so a bundle takes only what it imports: `./aws` (AWS SDK),
 * `./aws-lite` (SigV4 over fetch), `./embedded`, `./mem0`, `./cost`.
 */
export { secretsEqual } from './auth/constant-time';
export { type ElevenLabsInitiation, parseElevenLabsInitiation } from './elevenlabs/elevenlabs-initiation';
export {
  ELEVENLABS_EVENTS,
  type ElevenLabsEvent,
  type ElevenLabsPostCallEnvelope,
  elevenLabsCaller,
  elevenLabsCallRecord,
  parseElevenLabsPostCall,
} from './elevenlabs/elevenlabs-post-call';
export {
  ELEVENLABS_TOLERANCE_MS,
  type SignatureCheck,
  type SignatureFailure,
  signElevenLabs,
  verifyElevenLabsSignature,
} from './elevenlabs/elevenlabs-signature';
export { type ElevenLabsToolRequest, parseElevenLabsToolRequest } from './elevenlabs/elevenlabs-tool-request';
export { PayloadError } from './payload-error';
export { elevenLabsAdapter } from './platforms/elevenlabs-adapter';
export { genericAdapter } from './platforms/generic-adapter';
export * from './platforms/platform-adapter';
export { FIVE_MINUTES_MS, signRetell, signVapi, verifyRetellSignature, verifyVapiSignature } from './platforms/platform-signatures';
export { platformAdapter } from './platforms/registry';
export { retellAdapter } from './platforms/retell-adapter';
export { vapiAdapter } from './platforms/vapi-adapter';
