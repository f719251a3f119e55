/**
 * Stands in for axios in Lambda bundles. `mem0ai` 3.x imports axios and creates an instance it
 * never uses (every request goes through fetch); bundling the real axios costs ~85 KB and tens of
 * milliseconds of cold start. Any call on this instance throws, loudly, instead of misbehaving.
 */
function unused(): never {
  throw new Error('axios is not bundled: mem0ai was expected to use fetch only');
}

const instance = new Proxy({}, { get: (_target, property) => (property === 'then' ? undefined : unused) });

export default { create: () => instance };
