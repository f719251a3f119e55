/**
 * Every contract suite runs each test on a fresh harness (a new, empty store or queue) and closes
 * it afterwards. The returned object stands for the running test's harness.
 */
export function useFreshHarness<H extends { close(): Promise<void> }>(create: () => Promise<H>): H {
  let current: H | null = null;
  beforeEach(async () => {
    current = await create();
  });
  afterEach(async () => {
    await current?.close();
    current = null;
  });
  return new Proxy({} as H, {
    get: (_target, property) => {
      if (!current) throw new Error('the contract harness is used outside a test');
      return Reflect.get(current, property);
    },
  });
}
